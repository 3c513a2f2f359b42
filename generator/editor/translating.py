"""A translator's work in the editor: a new text for one key, or a review of one key. A text is
checked as ``validate`` checks it and written at once (a draft edition needs no second person:
it is not handed out until every string is reviewed); a review must be by someone other than
the key's last translator. Each step is history (:class:`TranslationStep`), committed to git
when the sources are in a work tree, and the editions rebuilt in the background."""

from __future__ import annotations

import unicodedata
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from generator.editor.models import Event, Proposal, TranslationStep
from generator.editor.pipeline import Key, Pipeline, digest, own_translation
from generator.editor.workflow import Outcome, git_commit, name_of, start_build

__all__ = ["dutch_before", "find_key", "last_translation", "review", "review_refusal", "save"]

LIMIT = 2000  # characters: the longest string a pack holds is a few hundred


def find_key(pipeline: Pipeline, lang: str, file: str, key: str) -> Key | None:
    translations, _problems = pipeline.translations(lang)
    if translations is None:
        return None
    return next((k for k in translations.keys if k.file == file and k.key == key), None)


def last_translation(lang: str, key: Key) -> TranslationStep | None:
    """The last text change of ``key`` made in the editor, when it is still the text the key shows
    (a text changed since outside the editor, by an import or by hand, has no known translator)."""
    step = TranslationStep.objects.filter(lang=lang, file=key.file, key=key.key, what=TranslationStep.TRANSLATED).first()
    return step if step is not None and key.text and step.text == digest(key.text) else None


def dutch_before(lang: str, key: Key) -> str:
    """For a stale key: the Dutch its translation was made against, when a step in the editor
    recorded it (so a reviewer sees what changed); "" otherwise."""
    if key.state != "stale" or key.record is None:
        return ""
    for step in TranslationStep.objects.filter(lang=lang, file=key.file, key=key.key).only("nl"):
        if digest(step.nl) == key.record.nl:
            return step.nl
    return ""


def review_refusal(user: Any, lang: str, key: Key) -> str:
    """Why ``user`` may not mark ``key`` reviewed now, or "" when they may."""
    if key.state == "missing":
        return _("Er is nog geen vertaling om na te kijken.")
    if key.state == "reviewed":
        return _("Deze vertaling is al nagekeken.")
    last = last_translation(lang, key)
    if (last is not None and last.author_id == user.pk) or own_translation(key, name_of(user)):
        return _("U hebt deze tekst zelf vertaald; iemand anders moet hem nakijken.")
    return ""


def _clean(text: str) -> str:
    """The text as a form sends it, as a pack keeps it: NFC, one kind of line end, no space around."""
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n")).strip()


def _changed_meanwhile(key: Key, shown_text: str, shown_nl: str) -> Outcome | None:
    if shown_nl != digest(key.nl):
        return Outcome(False, _("Het Nederlands van deze tekst is intussen veranderd. Lees het opnieuw hieronder en vertaal dan."), [])
    if shown_text != digest(key.text):
        return Outcome(False, _("Iemand anders heeft deze vertaling intussen veranderd. Hieronder staat de tekst zoals hij nu is."), [])
    return None


def save(pipeline: Pipeline, user: Any, lang: str, key: Key, text: str, shown_text: str, shown_nl: str) -> Outcome:
    """``text`` as the translation of ``key``; ``shown_*``: the digests of the texts the form showed."""
    text = _clean(text)
    if (meanwhile := _changed_meanwhile(key, shown_text, shown_nl)) is not None:
        return meanwhile
    if not text:
        return Outcome(False, _("Schrijf een vertaling; een lege tekst kan niet (de uitgave zou dan Nederlands tonen)."), [], invalid=True)
    if len(text) > LIMIT:
        too_long = _("Deze tekst is langer dan %(n)d tekens; zo lang is geen tekst op het drukwerk.") % {"n": LIMIT}
        return Outcome(False, too_long, [], invalid=True)
    if text == key.text and key.state != "stale" and not key.edited:
        return Outcome(False, _("Er is niets veranderd."), [])
    problems = pipeline.save_translation(lang, key, text, translated_by=name_of(user))
    if problems:
        return Outcome(False, _("Niet opgeslagen: los eerst de problemen hieronder op."), problems)
    who = name_of(user)
    what = "vertaling veranderd" if text != key.text else "vertaling bevestigd bij het huidige Nederlands"
    commit = _commit(pipeline, user, lang, key, f"{lang}: {key.where}: {what}\n\nDoor {who} (drukwerk serve).")
    with transaction.atomic():
        TranslationStep.objects.create(
            lang=lang, file=key.file, key=key.key, author=user, who=who, what=TranslationStep.TRANSLATED,
            nl=key.nl, old=key.text, new=text, text=digest(text), commit=commit,
        )  # fmt: skip
        for region in _regions(key):  # a region's own text: its history shows it too
            Event.objects.create(region=region, who=who, what="translated", text=f"{lang} {key.key}: {key.text} → {text}")
    start_build(pipeline, _regions(key), None, who)
    done = _("Opgeslagen. De uitgaven in deze taal blijven concept tot iemand anders de tekst heeft nagekeken.")
    if _regions(key) and Proposal.objects.filter(region__in=_regions(key), state=Proposal.OPEN).exists():
        # the proposal was made against the file before this change: it can no longer be approved as it is
        done += " " + _("Er wacht een voorstel voor deze regio; dat moet nu opnieuw worden ingediend (de regio-geschiedenis toont waarom).")
    return Outcome(True, done, [])


def review(pipeline: Pipeline, user: Any, lang: str, key: Key, shown_text: str, shown_nl: str) -> Outcome:
    """``user`` has checked that the translation of ``key`` says what the Dutch says."""
    if (meanwhile := _changed_meanwhile(key, shown_text, shown_nl)) is not None:
        return meanwhile
    if refusal := review_refusal(user, lang, key):
        return Outcome(False, refusal, [])
    who = name_of(user)
    problems = pipeline.save_translation(lang, key, key.text, reviewed_by=who)
    if problems:
        return Outcome(False, _("Niet opgeslagen: los eerst de problemen hieronder op."), problems)
    commit = _commit(pipeline, user, lang, key, f"{lang}: {key.where}: nagekeken\n\nDoor {who} (drukwerk serve).")
    TranslationStep.objects.create(
        lang=lang, file=key.file, key=key.key, author=user, who=who, what=TranslationStep.REVIEWED,
        nl=key.nl, old=key.text, new=key.text, text=digest(key.text), commit=commit,
    )  # fmt: skip
    start_build(pipeline, _regions(key), None, who)
    return Outcome(True, _("Nagekeken op %(day)s door %(who)s.") % {"day": pipeline.today().isoformat(), "who": who}, [])


def _regions(key: Key) -> tuple[str, ...]:
    """What to rebuild: the region whose file changed, or every region."""
    return (key.file.removeprefix("regions/").removesuffix(".yaml"),) if key.file.startswith("regions/") else ()


def _commit(pipeline: Pipeline, user: Any, lang: str, key: Key, message: str) -> str:
    sources = pipeline.paths.sources
    paths = [sources / key.file, sources / "content" / f"{lang}.provenance.yaml"]
    return git_commit(paths, message, name_of(user), user.email or f"{user.username}@drukwerk.invalid")
