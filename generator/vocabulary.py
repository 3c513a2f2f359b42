"""The words every stage shares, defined once: products, modes, languages and the job.

The ``Literal`` types are what the models and function signatures use; the tuples are derived
from them, so a new product or language is added here and nowhere else.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

__all__ = ["DISCREET", "LANGUAGES", "MODES", "OPT_IN", "PRODUCTS", "SOURCE_LANG", "Job", "Lang", "Language", "Mode", "Product", "language"]

Product = Literal["leaflet", "pocket-card", "checklist", "contact-card"]
Mode = Literal["press", "office"]
Lang = Literal["nl", "en", "pl", "ro", "hu", "bg"]
SOURCE_LANG = "nl"  # the language region files and national.yaml are written in, and the reference pack

PRODUCTS: tuple[Product, ...] = get_args(Product)
MODES: tuple[Mode, ...] = get_args(Mode)

# Products a region builds only when its file asks for them, with the region key that asks
# (``discreet_card: true``): a card that must not say what it is about cannot be made from
# every region's contact data, so no region gets one without choosing it.
OPT_IN: dict[str, str] = {"contact-card": "discreet_card"}
# Products that must not say what they are about: everything they print (and their PDF's
# metadata) is screened for the content packs' giveaway words (compose/discreet.py).
DISCREET: frozenset[Product] = frozenset({"contact-card"})


@dataclass(frozen=True)
class Language:
    code: str  # ISO 639-1, the content file's name (contract)
    tag: str  # BCP 47, the PDF's /Lang
    hyphenation: str  # pyphen's dictionary name
    # One-letter words a line may not end in: each is tied to the next word with a no-break
    # space (compose/ties.py). Polish typesetting rule (as in Czech and Slovak: "v, k, s, z, o, u, a, i");
    # Bulgarian typesetting keeps в, с, к, и, а, о, у off a line's end too.
    ties: frozenset[str] = frozenset()


_PL_TIES = frozenset("aiouwzAIOUWZ")
_BG_TIES = frozenset("вскиаоуВСКИАОУ")  # Bulgarian prepositions and conjunctions of one letter

LANGUAGES: dict[str, Language] = {
    code: Language(code, tag, hyphenation, ties)
    for code, tag, hyphenation, ties in (
        ("nl", "nl-NL", "nl_NL", frozenset[str]()),
        ("en", "en-GB", "en_GB", frozenset[str]()),
        ("pl", "pl-PL", "pl_PL", _PL_TIES),
        ("ro", "ro-RO", "ro_RO", frozenset[str]()),
        ("hu", "hu-HU", "hu_HU", frozenset[str]()),
        ("bg", "bg-BG", "bg_BG", _BG_TIES),
    )
}
assert tuple(LANGUAGES) == get_args(Lang)


def language(code: str) -> Language:
    """A known language, or one with no hyphenation and its code as its tag."""
    return LANGUAGES.get(code) or Language(code, code, "")


@dataclass(frozen=True)
class Job:
    """One PDF to make: a region's product in one language and mode."""

    region: str
    product: str
    lang: str
    mode: Mode

    @property
    def path(self) -> str:
        """Output path relative to the output folder (contract)."""
        return f"{self.region}/{self.region}_{self.product}_{self.lang}_{self.mode}.pdf"

    def __str__(self) -> str:
        return f"{self.region} {self.product} {self.lang} {self.mode}"
