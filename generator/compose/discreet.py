"""The discreet card: a pocket card someone can carry without it saying what it is about.

Which contacts it prints, and the checks that keep every giveaway word off it:

- every regional contact is printed, under its ``discreet_name`` when it has one, with its
  number, note, addresses and whether it can be asked anonymously (its role is not printed:
  a role describes what the contact does, which is exactly what the card must not say). A
  regional contact whose address contains a giveaway word makes the card impossible for the
  region; one whose name or note does needs a ``discreet_name`` or another note. Nothing the
  coordinator listed is left off silently;
- a national contact is printed only when nothing the card prints of it gives it away
  (Politie and CoMensha stay off): it is the same for every region, and a region cannot rename it;
- whatever the layout puts on the card, everything it prints and its PDF title are screened
  again once laid out: a giveaway word anywhere refuses the card, on the line that put it there.

The giveaway words are data: ``discreet.giveaway`` in every content pack. A card is screened for
the words of all packs together, since contact data is the same (Dutch) on every language's card.
Matching ignores case, accents and everything but letters and digits, so ``Mensen-handel``,
``MENSENHANDEL`` and ``stopmensenhandel.nl`` are all caught; a false alarm only refuses a card,
with a message, while a miss would print a giveaway.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from generator.blocktext.templating import Located
from generator.inputs.sources import Sources
from generator.inputs.validation import field_path
from generator.problems import Origin, Problem, ProblemsFound

__all__ = ["Giveaways", "card_contacts", "check_contacts", "giveaway_words", "screen"]

_PRINTED = ("name", "note", "email", "web")  # what the discreet card prints of a contact, besides its number


def _normalise(text: str) -> str:
    """Lower case, accents and everything but letters and digits removed: 'Zorg-coördinatie' -> 'zorgcoordinatie'."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if ch.isalnum() and not unicodedata.combining(ch)).casefold()


@dataclass(frozen=True)
class Giveaways:
    """Giveaway words as written (for messages) and as matched."""

    words: tuple[tuple[str, str], ...]

    @classmethod
    def of(cls, words: Iterable[str]) -> Giveaways:
        first: dict[str, str] = {}  # matched form -> the first way a list writes it
        for word in words:
            first.setdefault(_normalise(word), word)
        return cls(tuple((word, plain) for plain, word in first.items() if plain))

    def find(self, text: str | None) -> str:
        """The first giveaway word ``text`` contains (as written in the list), or ''."""
        if not text:
            return ""
        plain = _normalise(text)
        return next((word for word, normalised in self.words if normalised in plain), "")


def giveaway_words(sources: Sources) -> Giveaways:
    """Every content pack's giveaway words, each once, in the order the packs list them."""
    return Giveaways.of(word for loaded in sources.contents.values() for word in loaded.model.discreet.giveaway)


def _as_printed(contact: dict[str, Any]) -> dict[str, Any]:
    """The contact as the card prints it: its discreet_name, and without the addresses the region
    took off this card (``discreet: {email: false}``)."""
    shown = contact.get("discreet") or {}
    off = {key: "" for key in ("email", "web") if not shown.get(key, True)}
    return {**contact, "name": contact.get("discreet_name") or contact["name"], **off}


def card_contacts(regional: list[dict[str, Any]], national: list[dict[str, Any]], words: Giveaways) -> list[dict[str, Any]]:
    """The contacts of a region's discreet card, ``name`` being the name it prints: every
    regional contact (check_contacts() says when one cannot be printed), then the national
    ones nothing of which gives the card away."""
    out = [_as_printed(c) for c in regional]
    for contact in map(_as_printed, national):
        if not any(words.find(contact.get(key)) for key in _PRINTED):
            out.append(contact)
    return out


def check_contacts(regional: list[dict[str, Any]], words: Giveaways) -> None:
    """Why a region's own contacts cannot go on a discreet card: one problem per contact at most,
    the one that cannot be fixed first (an address), on the line to change."""
    problems = []
    for contact in map(_as_printed, regional):
        if not (contact.get("phone") or contact.get("email") or contact.get("web")):
            name = contact["name"]
            problems.append(
                _problem(
                    name,
                    f"'{name}' has neither a phone number nor an address left to print on the contact card; "
                    "print one of its addresses there (take it out of discreet:) or give it a phone number",
                )
            )
            continue
        for key in ("email", "web"):
            value = contact.get(key)
            word = words.find(value)
            if word:
                problems.append(
                    _problem(
                        value,
                        f"'{value}' contains '{word}', and a discreet card prints every regional contact's address, so this "
                        f"region cannot have one as it is: leave the address off that card with discreet: {{{key}: false}} "
                        "under the contact, or remove discreet_card: true (the other products are not affected)",
                    )
                )
                break
        else:
            name = contact["name"]
            note = contact.get("note")
            if word := words.find(name):
                todo = (
                    "choose a discreet_name that does not say what the card is about"
                    if contact.get("discreet_name")
                    else "the discreet card prints every regional contact: add discreet_name: with a name for it that does not "
                    "say what the card is about, such as the organisation's own name"
                )
                problems.append(_problem(name, f"'{name}' contains '{word}'; {todo}"))
            elif word := words.find(note):
                todo = "leave the word out, or remove discreet_card: true"
                problems.append(_problem(note, f"'{note}' contains '{word}', and the discreet card prints the note; {todo}"))
    if problems:
        raise ProblemsFound(problems)


def _problem(value: Any, message: str) -> Problem:
    if isinstance(value, Located):
        return Problem(value.origin, value.field, message)
    return Problem(Origin("?"), "", message)  # every contact value is located; kept total for the type checker


def screen(pages: Iterable[Any], title: str, metadata: Iterable[Located], words: Giveaways, layout_origin: Any) -> None:
    """Every giveaway word on the laid-out pages (``PageLayout``s), in the PDF title or in the
    other values the PDF's metadata carries (the organisation, its author), on the line that put
    it there: the value's own line, or the layout rule's. ``layout_origin(*loc)`` gives a layout
    location's origin. Raises ProblemsFound with every one."""
    from generator.compose.flowables import texts_of  # ReportLab: only once there are pages (context.py imports this module)

    problems: list[Problem] = []
    for page in pages:
        for placed in page.placed:
            for text in texts_of(placed.flowable):
                word = words.find(text)
                if not word:
                    continue
                value = next((v for v in placed.values if Giveaways.of([word]).find(v)), None)
                rule = layout_origin(*placed.block_loc)
                if value is None:
                    problems.append(Problem(rule, field_path(placed.block_loc), _says(word, "take it out of this text")))
                elif value.field.startswith("discreet."):
                    problems.append(Problem(value.origin, value.field, _says(word, "write this text without it")))
                else:
                    todo = f"take this field off the discreet card's layout ({rule})"
                    problems.append(Problem(value.origin, value.field, _says(word, todo)))
    if word := words.find(title):
        problems.append(Problem(layout_origin("title"), "title", _says(word, "take it out of the title")))
    for value in metadata:
        if word := words.find(value):
            todo = "it is the PDF's author; write it without, or remove discreet_card: true"
            problems.append(Problem(value.origin, value.field, _says(word, todo)))
    if problems:
        raise ProblemsFound(problems)


def _says(word: str, todo: str) -> str:
    return f"puts '{word}' on the discreet card, which must not say what it is about; {todo}"
