"""Who may see and change what: an editor every region, a coordinator only their own."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from generator.editor.models import Proposal, Role

__all__ = ["can_decide", "is_editor", "regions_of", "require_region", "role_of"]


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
