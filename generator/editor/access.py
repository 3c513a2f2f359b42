"""Who may see and change what: an editor every region, a coordinator only their own; a
translator only their own languages (the editor sees every language, and changes none)."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from generator.editor.models import Proposal, Role

__all__ = ["can_decide", "is_editor", "languages_of", "may_translate", "regions_of", "require_language", "require_region", "role_of"]


def role_of(user: Any) -> Role | None:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    try:
        role: Role = user.role
    except Role.DoesNotExist:
        return None
    return role


def is_editor(user: Any) -> bool:
    role = role_of(user)
    return role is not None and role.kind == Role.EDITOR


def regions_of(user: Any, known: list[str]) -> list[str]:
    role = role_of(user)
    if role is None:
        return []
    if role.kind == Role.EDITOR:
        return known
    if role.kind == Role.COORDINATOR:
        return [r for r in known if r in role.regions]
    return []


def require_region(user: Any, region: str, known: list[str]) -> str:
    """The region when this user may work on it; otherwise 404, the same for a region that does
    not exist and one of someone else (so no one learns which regions exist by trying)."""
    if region not in regions_of(user, known):
        raise Http404("no such region")
    return region


def can_decide(user: Any, proposal: Proposal) -> bool:
    """The second pair of eyes: the editor, or another coordinator of the same region; never the author."""
    if proposal.author_id == getattr(user, "pk", None):
        return False
    role = role_of(user)
    if role is None:
        return False
    return role.kind == Role.EDITOR or (role.kind == Role.COORDINATOR and proposal.region in role.regions)


def languages_of(user: Any, known: list[str]) -> list[str]:
    """The translations this user may see: a translator their own, the editor all."""
    role = role_of(user)
    if role is None:
        return []
    if role.kind == Role.EDITOR:
        return known
    if role.kind == Role.TRANSLATOR:
        return [lang for lang in known if lang in role.languages]
    return []


def require_language(user: Any, lang: str, known: list[str]) -> str:
    """The language when this user may see it; otherwise 404, as for regions."""
    if lang not in languages_of(user, known):
        raise Http404("no such language")
    return lang


def may_translate(user: Any, lang: str) -> bool:
    """Changing or reviewing a translation: a translator of that language only."""
    role = role_of(user)
    return role is not None and role.kind == Role.TRANSLATOR and lang in role.languages
