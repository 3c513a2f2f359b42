"""``drukwerk users add | list | disable``: accounts from the command line."""

from __future__ import annotations

import getpass
import sys
from pathlib import Path

from generator.editor.settings import setup

__all__ = ["add_user", "disable_user", "list_users"]


class AccountProblem(Exception):
    """A wrong request for an account, said in one line."""


def add_user(
    data: Path,
    name: str,
    role: str,
    regions: list[str],
    langs: list[str],
    password: str,
    known_regions: list[str],
    full_name: str = "",
    email: str = "",
    known_langs: list[str] | None = None,
) -> str:
    setup(data)
    from generator.editor.models import Role

    if role == Role.COORDINATOR and not regions:
        raise AccountProblem("a coordinator needs --region ID (repeatable)")
    unknown = [r for r in regions if r not in known_regions]
    if unknown:
        raise AccountProblem(f"unknown region '{unknown[0]}'; see drukwerk regions")
    if role == Role.TRANSLATOR and not langs:
        raise AccountProblem("a translator needs --lang L (repeatable)")
    strange = [lang for lang in langs if known_langs is not None and lang not in known_langs]
    if strange:
        choose = ", ".join(known_langs or []) or "none yet"
        raise AccountProblem(f"no translation '{strange[0]}' in sources/content (nl is the Dutch they translate); available: {choose}")
    create_account(name, role, regions, langs, password, full_name, email)
    where = f" for {', '.join(regions)}" if role == Role.COORDINATOR else (f" for {', '.join(langs)}" if langs else "")
    return f"added {name}: {role}{where}"


def create_account(name: str, role: str, regions: list[str], langs: list[str], password: str, full_name: str = "", email: str = "") -> None:
    """One account with its role (Django configured); the editor is staff, for /admin/."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError
    from django.db import transaction

    from generator.editor.models import Role

    users = get_user_model()
    if users.objects.filter(username=name).exists():
        raise AccountProblem(f"'{name}' exists already; choose another name or disable that account first")
    first, _, last = full_name.strip().partition(" ")
    user = users(username=name, first_name=first[:150], last_name=last[:150], email=email.strip())
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise AccountProblem(f"password: {' '.join(exc.messages)}") from None
    with transaction.atomic():
        user.set_password(password)
        user.is_staff = role == Role.EDITOR  # the editor manages accounts in /admin/ too
        user.is_superuser = role == Role.EDITOR
        user.save()
        Role.objects.create(user=user, kind=role, regions=regions if role == Role.COORDINATOR else [], languages=langs)


def list_users(data: Path) -> list[str]:
    setup(data)
    from django.contrib.auth import get_user_model

    rows = []
    for user in get_user_model().objects.order_by("username").select_related("role"):
        role = getattr(user, "role", None)
        kind = role.kind if role else "-"
        scope = ", ".join(role.regions or role.languages) if role else ""
        rows.append(f"{user.username}\t{kind}\t{scope or '-'}\t{'active' if user.is_active else 'disabled'}")
    return rows


def disable_user(data: Path, name: str) -> str:
    setup(data)
    from django.contrib.auth import get_user_model
    from django.contrib.sessions.models import Session

    user = get_user_model().objects.filter(username=name).first()
    if user is None:
        raise AccountProblem(f"no account '{name}'; see drukwerk users list")
    user.is_active = False
    user.save(update_fields=["is_active"])
    for session in Session.objects.all():  # signed out everywhere at once
        if session.get_decoded().get("_auth_user_id") == str(user.pk):
            session.delete()
    return f"disabled {name}; their proposals and history stay"


def read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("password: ")
    if getpass.getpass("again: ") != first:
        raise AccountProblem("the two passwords differ; try again")
    return first
