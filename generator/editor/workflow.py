"""The second pair of eyes: a saved change becomes a proposal; a different person approves it;
the region file is rewritten (comments kept, atomically, refused when it changed meanwhile),
committed to git when the sources are in a work tree, and the region rebuilt in the background."""

from __future__ import annotations

import subprocess
import threading
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from django.db import close_old_connections, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from generator.editor import fields
from generator.editor.access import can_decide
from generator.editor.models import Event, Proposal
from generator.editor.pipeline import Origin, Pipeline, Problem, file_digest
from generator.editor.yaml_edit import apply, read_data

__all__ = [
    "Outcome",
    "approve",
    "check_today",
    "full_build",
    "git_commit",
    "name_of",
    "propose",
    "reject",
    "running_builds",
    "start_build",
    "wait_for_builds",
]


@dataclass
class Outcome:
    ok: bool
    message: str
    problems: list[Problem]
    proposal: Proposal | None = None
    invalid: bool = False  # refused for what was typed (a 422), not for a conflict with someone else's change (a 409)


def name_of(user: Any) -> str:
    full = user.get_full_name() if hasattr(user, "get_full_name") else ""
    return full or user.username


def current(pipeline: Pipeline, region: str) -> tuple[str, dict[str, Any], str]:
    """The region file's text, its data for the form, and its digest."""
    path = pipeline.region_file(region)
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    return text, read_data(text), file_digest(path)


def propose(pipeline: Pipeline, user: Any, region: str, data: dict[str, Any], logo: tuple[str, bytes] | None = None) -> Outcome:
    text, old, digest = current(pipeline, region)
    if logo is not None:
        data = {**data, "logo": logo[0]}
    new_text = apply(text, data)
    rows = fields.diff(old, data)
    if not rows:
        return Outcome(False, _("Er is niets veranderd."), [])
    problems = unchecked(pipeline, region, old, data) + pipeline.validate(region, new_text, logo)
    if problems:
        return Outcome(False, _("Nog niet opgeslagen: los eerst de problemen hieronder op."), problems)
    needs = fields.needs_approval(rows)
    with transaction.atomic():
        proposal = Proposal.objects.create(
            author=user,
            region=region,
            base_digest=digest,
            data=data,
            text=new_text,
            diff=rows,
            needs_approval=needs,
            logo_name=logo[0] if logo else "",
            logo=logo[1] if logo else b"",
        )
        Event.objects.create(region=region, who=name_of(user), what="proposed", proposal=proposal, text=_diff_text(rows))
    if needs:
        return Outcome(True, _("Voorstel opgeslagen. Een tweede persoon moet het goedkeuren voordat het gedrukt wordt."), [], proposal)
    # Nothing a second person must see (no name, number, address, contact or logo changed): in at once.
    outcome = _apply(pipeline, proposal, user, approved=False)
    return outcome


def unchecked(pipeline: Pipeline, region: str, old: dict[str, Any], new: dict[str, Any]) -> list[Problem]:
    """A contact's name, number or address changed but not the day it was checked: the file
    would say the new number was checked against its source on a day it was not."""
    problems = []
    before = old.get("contacts", [])
    for n, contact in enumerate(new.get("contacts", [])):
        index = contact.get("_index")
        if not isinstance(index, int) or not 0 <= index < len(before):
            continue
        changed = [key for key in fields.APPROVAL_FIELDS if fields.differs(before[index].get(key), contact.get(key))]
        if changed and not fields.differs(before[index].get("verified"), contact.get("verified")):
            what = ", ".join(str(fields.CONTACT_FIELDS[key][0]).lower() for key in changed)
            problems.append(
                Problem(
                    Origin(str(pipeline.region_file(region))),
                    f"contacts[{n}].verified",
                    _("%(what)s veranderd: zet hier de dag waarop u het nieuwe gegeven bij de bron hebt nagekeken") % {"what": what},
                )
            )
    return problems


def approve(pipeline: Pipeline, user: Any, proposal: Proposal) -> Outcome:
    if proposal.state != Proposal.OPEN:
        return Outcome(False, _("Over dit voorstel is al beslist."), [], proposal)
    if proposal.author_id == user.pk:
        return Outcome(False, _("U kunt uw eigen voorstel niet goedkeuren; een tweede persoon moet ernaar kijken."), [], proposal)
    if not can_decide(user, proposal):
        return Outcome(False, _("U mag voorstellen van deze regio niet goedkeuren."), [], proposal)
    return _apply(pipeline, proposal, user, approved=True)


def _apply(pipeline: Pipeline, proposal: Proposal, user: Any, approved: bool) -> Outcome:
    with pipeline.lock:
        digest = file_digest(pipeline.region_file(proposal.region))
        if digest != proposal.base_digest:
            return Outcome(
                False,
                _(
                    "Het regiobestand is veranderd sinds dit voorstel is gemaakt. Bekijk het voorstel opnieuw tegen het huidige "
                    "bestand hieronder; wijs het af en laat de indiener het opnieuw voorstellen."
                ),
                [],
                proposal,
            )
        logo = (proposal.logo_name, bytes(proposal.logo)) if proposal.logo_name else None
        problems = pipeline.validate(proposal.region, proposal.text, logo)  # the shared files may have changed meanwhile
        if problems:
            return Outcome(False, _("Het voorstel past niet meer bij de huidige bronnen:"), problems, proposal)
        pipeline.write_region(proposal.region, proposal.text, logo)
    now = timezone.now()
    proposal.state = Proposal.APPLIED
    proposal.decided_by = user if approved else None
    proposal.decided_at = now
    proposal.build_state = Proposal.BUILD_RUNNING
    proposal.save()
    if approved:
        Event.objects.create(region=proposal.region, who=name_of(user), what="approved", proposal=proposal)
    else:
        proposal.reason = _("geen goedkeuring nodig: geen naam, nummer, adres, contact of logo veranderd")
        proposal.save(update_fields=["reason"])
        Event.objects.create(region=proposal.region, who=name_of(user), what="applied", proposal=proposal, text=proposal.reason)
    author = proposal.author
    message = f"{proposal.region}: {_summary(proposal.diff)}\n\n" + (
        f"Voorgesteld door {name_of(author)}, goedgekeurd door {name_of(user)} (drukwerk serve, voorstel #{proposal.pk})."
        if approved
        else f"Door {name_of(author)} (drukwerk serve, voorstel #{proposal.pk}; geen goedkeuring nodig)."
    )
    paths = [pipeline.region_file(proposal.region)]
    if logo is not None:
        paths.append(pipeline.paths.sources / "logos" / logo[0])
    commit = git_commit(paths, message, name_of(author), author.email or f"{author.username}@drukwerk.invalid")
    if commit:
        Event.objects.create(region=proposal.region, who=name_of(user), what="committed", proposal=proposal, text=commit)
    start_build(pipeline, (proposal.region,), proposal.pk, name_of(user))
    done = _("Goedgekeurd en opgeslagen.") if approved else _("Opgeslagen.")
    return Outcome(True, f"{done} {_('De PDF’s worden opnieuw gemaakt.')}", [], proposal)


def reject(user: Any, proposal: Proposal, reason: str) -> Outcome:
    if proposal.state != Proposal.OPEN:
        return Outcome(False, _("Over dit voorstel is al beslist."), [], proposal)
    own = proposal.author_id == user.pk
    if not own and not can_decide(user, proposal):
        return Outcome(False, _("U mag voorstellen van deze regio niet afwijzen."), [], proposal)
    proposal.state = Proposal.REJECTED
    proposal.decided_by = user
    proposal.decided_at = timezone.now()
    proposal.reason = reason.strip()[:2000] or (_("ingetrokken door de indiener") if own else "")
    proposal.save()
    Event.objects.create(
        region=proposal.region, who=name_of(user), what="withdrawn" if own else "rejected", proposal=proposal, text=proposal.reason
    )
    return Outcome(True, _("Voorstel ingetrokken.") if own else _("Voorstel afgewezen."), [], proposal)


def check_today(pipeline: Pipeline, user: Any, region: str, chosen: list[int]) -> Outcome:
    """ "I checked these contacts today": their ``verified`` becomes today; no approval needed."""
    today: date = pipeline.today()
    with pipeline.lock:
        text, data, _digest = current(pipeline, region)
        contacts = data["contacts"]
        picked = [i for i in chosen if 0 <= i < len(contacts)]
        if not picked:
            return Outcome(False, _("Kies de contacten die u vandaag hebt gecontroleerd."), [])
        for i in picked:
            contacts[i]["verified"] = today.isoformat()
        new_text = apply(text, data)
        problems = pipeline.validate(region, new_text)
        if problems:
            return Outcome(False, _("Niet opgeslagen: het regiobestand heeft problemen:"), problems)
        pipeline.write_region(region, new_text)
    names = ", ".join(str(contacts[i].get("name")) for i in picked)
    Event.objects.create(region=region, who=name_of(user), what="checked", text=f"{today.isoformat()}: {names}")
    git_commit(
        [pipeline.region_file(region)],
        f"{region}: contacten gecontroleerd op {today.isoformat()} ({names})\n\nDoor {name_of(user)} (drukwerk serve).",
        name_of(user),
        user.email or f"{user.username}@drukwerk.invalid",
    )
    start_build(pipeline, (region,), None, name_of(user))
    return Outcome(True, _("Gecontroleerd op %(day)s: %(names)s.") % {"day": today.isoformat(), "names": names}, [])


def _summary(rows: list[dict[str, Any]]) -> str:
    fields_changed = [row["field"] for row in rows]
    text = ", ".join(fields_changed[:3])
    return text + (f" (+{len(fields_changed) - 3})" if len(fields_changed) > 3 else "")


def _diff_text(rows: list[dict[str, Any]]) -> str:
    return "\n".join(f"{row['field']}: {row['old']} → {row['new']}" for row in rows)


# --- git ---------------------------------------------------------------------------------------


def git_commit(paths: list[Path], message: str, author: str, email: str) -> str:
    """Commit these files when they are in a git work tree; the new commit's hash, or ''."""
    folder = paths[0].parent
    try:
        top = subprocess.run(
            ["git", "-C", str(folder), "rev-parse", "--show-toplevel"], capture_output=True, text=True, timeout=20, check=False
        )
        if top.returncode != 0:
            return ""
        root = Path(top.stdout.strip())
        relative = [str(p.resolve().relative_to(root.resolve())) for p in paths]
        identity = []
        if not subprocess.run(
            ["git", "-C", str(root), "config", "user.email"], capture_output=True, timeout=20, check=False
        ).stdout.strip():
            identity = ["-c", "user.name=drukwerk serve", "-c", "user.email=drukwerk@localhost"]
        subprocess.run(["git", "-C", str(root), "add", "--", *relative], capture_output=True, timeout=20, check=True)
        done = subprocess.run(
            [
                "git",
                *identity,
                "-C",
                str(root),
                "commit",
                "--quiet",
                "--only",
                f"--author={author} <{email}>",
                "-m",
                message,
                "--",
                *relative,
            ],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
        if done.returncode != 0:
            return ""
        head = subprocess.run(["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True, text=True, timeout=20, check=False)
        return head.stdout.strip()
    except (OSError, subprocess.SubprocessError, ValueError):
        return ""


# --- background builds -------------------------------------------------------------------------

_BUILDS: list[threading.Thread] = []
_BUILDS_LOCK = threading.Lock()


def start_build(pipeline: Pipeline, regions: tuple[str, ...], proposal_id: int | None, who: str) -> None:
    """Rebuild in a thread; the proposal (when there is one) and the history say how it went."""

    def work() -> None:
        close_old_connections()
        try:
            problems = pipeline.rebuild(regions)
        except Exception as exc:  # a bug, not bad input: recorded on the page, the last good files stay
            problems = [f"internal error ({type(exc).__name__}: {exc})"]
        try:
            text = "\n".join(problems)
            for region in regions or ("*",):
                Event.objects.create(region=region, who=who, what="build-failed" if problems else "built", text=text)
            if proposal_id is not None:
                Proposal.objects.filter(pk=proposal_id).update(
                    build_state=Proposal.BUILD_FAILED if problems else Proposal.BUILD_OK, build_message=text
                )
        finally:
            close_old_connections()

    thread = threading.Thread(target=work, name=f"drukwerk-build-{'-'.join(regions) or 'all'}", daemon=True)
    with _BUILDS_LOCK:
        _BUILDS[:] = [t for t in _BUILDS if t.is_alive()]
        _BUILDS.append(thread)
    thread.start()


def full_build(pipeline: Pipeline, user: Any) -> None:
    Event.objects.create(region="*", who=name_of(user), what="build-started")
    start_build(pipeline, (), None, name_of(user))


def running_builds() -> list[str]:
    with _BUILDS_LOCK:
        return [t.name.removeprefix("drukwerk-build-") for t in _BUILDS if t.is_alive()]


def wait_for_builds(timeout: float = 60) -> None:
    with _BUILDS_LOCK:
        threads = list(_BUILDS)
    for thread in threads:
        thread.join(timeout)
