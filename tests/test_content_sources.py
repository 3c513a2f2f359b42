"""The words on the page rest on their sources (issue #13).

- every ``source:`` in a content pack, a region file or ``national.yaml`` names seed files
  that exist in ``sources/seeds/``, or public web addresses (http/https);
- every figure in a text (digits, percentages, each end of a range) occurs in a seed its
  ``source:`` cites; a text without a source may hold no figure but the emergency number;
- no content text points at a place on the page ("hieronder", "overleaf"): a layout can move
  any text to another panel, side or product, and a translator cannot see the page.

A ``source:`` covers the texts next to it and below it, down to the next ``source:``; with
several seeds (``a.txt; b.txt``) a figure must be in one of them. Figures cited to a web
address cannot be checked here (no network in tests) and are only checked when a seed is
cited too. Number words ("zes keer") are not checked: only digits are.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from generator.inputs.yaml_reader import MapNode, SeqNode, read_yaml
from tests.conftest import ROOT

SOURCES = ROOT / "sources"
SEEDS = SOURCES / "seeds"

# Keys whose values are data, not prose: checked elsewhere (contacts) or never printed as text.
_NOT_TEXT = {
    "source", "lang", "reviewed", "id", "phone", "email", "web", "verified", "required", "number",
    "draft", "national", "layouts", "verified_max_age_months", "default_languages",
}  # fmt: skip
_URL = re.compile(r"https?://[^\s/;]+\.[^\s;]+")
# 6.250 / 6,250 -> 6250 (a separator followed by exactly three digits); dashes of ranges -> '-'
_THOUSANDS = re.compile(r"(?<=\d)[.,](?=\d{3}(?!\d))")
_FIGURE = re.compile(r"(?<![\w.,])(\d+(?:[.,]\d+)?)(\s*(?:%|procent\b|percent\b|per cent\b))?", re.IGNORECASE)

# Words that send the reader to a place on the page or the paper. Whole words, any case.
_PLACE_WORDS = [
    # Dutch
    r"hieronder", r"hierboven", r"hiernaast", r"hierna", r"onderaan", r"bovenaan",
    r"achterkant", r"achterzijde", r"voorkant", r"voorzijde", r"ommezijde", r"omzijde",
    r"keerzijde", r"binnenkant", r"buitenkant", r"links", r"rechts",
    r"(?:zie|kijk) (?:onder|boven)", r"(?:volgende|vorige|andere) (?:pagina|bladzijde|kant|zijde)",
    # English
    r"below", r"above", r"overleaf", r"over the page", r"left-hand", r"right-hand",
    r"(?:on|to|at) the (?:left|right|back|front|reverse|other side)",
    r"(?:next|previous|opposite|other) (?:page|side)", r"see over",
]  # fmt: skip
_PLACE = re.compile(r"\b(?:" + "|".join(_PLACE_WORDS) + r")\b", re.IGNORECASE)


@dataclass(frozen=True)
class Text:
    where: str  # file:line key, for the failure message
    text: str
    sources: tuple[str, ...]  # the cited sources; () when no source covers the text


def cited(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(";"))


def walk(node: Any, file: str, key: str = "", line: int = 0, sources: tuple[str, ...] = ()) -> Iterator[Text]:
    """Every prose string under ``node`` with the sources that cover it."""
    if isinstance(node, MapNode):
        if isinstance(node.get("source"), str):
            sources = cited(node["source"])
        for k, value in node.items():
            if k not in _NOT_TEXT:
                yield from walk(value, file, f"{key}.{k}" if key else k, node.key_origin[k].line, sources)
    elif isinstance(node, SeqNode):
        for i, item in enumerate(node):
            yield from walk(item, file, f"{key}[{i}]", node.item_origin[i].line, sources)
    elif isinstance(node, str):
        yield Text(f"{file}:{line} {key}", node, sources)


def source_fields(node: Any, file: str) -> Iterator[tuple[str, str]]:
    """(file:line, value) of every ``source:`` key in a YAML tree."""
    if isinstance(node, MapNode):
        for k, value in node.items():
            if k == "source":
                yield f"{file}:{node.key_origin[k].line}", value
            else:
                yield from source_fields(value, file)
    elif isinstance(node, SeqNode):
        for item in node:
            yield from source_fields(item, file)


def figures(text: str) -> set[str]:
    """The figures in a text, normalised: '6.250' and '6,250' -> '6250'; '40 procent' and '40%' -> '40%'."""
    text = _THOUSANDS.sub("", text)
    return {m[1].replace(",", ".") + ("%" if m[2] else "") for m in _FIGURE.finditer(text)}


def bad_source(part: str, seeds: Path = SEEDS) -> str:
    """Why one cited source is not acceptable, or ''."""
    if _URL.fullmatch(part):
        return ""
    if not part:
        return "empty entry (a stray ';'?)"
    if "/" in part or part == "README.md" or not (seeds / part).is_file():
        return f"'{part}' is neither a file in sources/seeds/ nor an http(s) address"
    return ""


@cache
def seed_figures(name: str) -> frozenset[str]:
    return frozenset(figures((SEEDS / name).read_text(encoding="utf-8")))


def unsupported_figures(item: Text, allowed_unsourced: frozenset[str]) -> set[str]:
    """The figures of ``item`` that no seed it cites contains."""
    found = figures(item.text)
    if not item.sources:
        return found - allowed_unsourced
    if any(_URL.fullmatch(s) for s in item.sources):
        return set()  # a public web page: not checkable offline
    in_seeds: set[str] = set()
    for name in item.sources:
        if not bad_source(name):
            in_seeds |= seed_figures(name)
    return found - in_seeds


def place_words(text: str) -> list[str]:
    return [m[0] for m in _PLACE.finditer(text)]


# --- the project's own sources -------------------------------------------------------------


def _files() -> list[Path]:
    return sorted([*_content_files(), *(SOURCES / "regions").glob("*.yaml"), SOURCES / "national.yaml"])


def _content_files() -> list[Path]:
    return sorted(p for p in (SOURCES / "content").glob("*.yaml") if not p.name.endswith(".provenance.yaml"))  # packs, not their sidecars


def _read(path: Path) -> Any:
    return read_yaml(path, str(path.relative_to(ROOT)))


def _emergency_number() -> frozenset[str]:
    national = _read(SOURCES / "national.yaml")
    return frozenset(figures(national["emergency"]["number"]))


def test_the_sample_data_is_all_here() -> None:
    # guards the tests below against passing on an empty folder
    assert len(_content_files()) >= 2 and len(list((SOURCES / "regions").glob("*.yaml"))) >= 3
    assert len(list(SEEDS.glob("*.txt"))) == 5


@pytest.mark.parametrize("path", _files(), ids=lambda p: p.name)
def test_every_source_names_a_seed_that_exists_or_a_web_address(path: Path) -> None:
    fields = list(source_fields(_read(path), str(path.relative_to(ROOT))))
    problems = [f"{where}: source: {why}" for where, value in fields for part in cited(value) if (why := bad_source(part))]
    assert fields or path.parent.name == "regions", f"{path}: no source: field at all"
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", _files(), ids=lambda p: p.name)
def test_every_figure_is_in_a_seed_its_source_cites(path: Path) -> None:
    allowed = _emergency_number()
    problems = [
        f"{item.where}: {sorted(missing)} not in {'; '.join(item.sources) or '(no source)'}: {item.text!r}"
        for item in walk(_read(path), str(path.relative_to(ROOT)))
        # labels are words around data: "24/7" is printed only for a contact whose own source says so
        if " labels." not in item.where and (missing := unsupported_figures(item, allowed))
    ]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", _content_files(), ids=lambda p: p.name)
def test_no_text_points_at_a_place_on_the_page(path: Path) -> None:
    texts = list(walk(_read(path), str(path.relative_to(ROOT))))
    assert len(texts) > 100  # every printed string of the pack is looked at
    problems = [f"{item.where}: {words} in {item.text!r}" for item in texts if (words := place_words(item.text))]
    assert not problems, "\n".join(problems)


# --- the checks themselves catch what they are for -----------------------------------------


def test_figures_are_normalised_the_same_way_in_text_and_seed() -> None:
    assert figures("zo'n 6.250 mensen") == figures("an estimated 6,250 people") == {"6250"}
    assert figures("5.000–7.500 per jaar") == figures("tussen de 5.000 en 7.500") == {"5000", "7500"}
    assert figures("Zo'n 40 procent") == figures("Relatief veel (40%)") == figures("40 percent") == {"40%"}
    assert figures("leeftijd 12-24 jaar") == {"12", "24"}
    assert figures("Bel 112. Er is hulp, 24/7.") == {"112", "24", "7"}
    assert figures("LHBTIQ+ en soa's") == set()


def test_a_figure_cited_to_the_wrong_seed_is_caught() -> None:
    none: frozenset[str] = frozenset()
    wrong = Text("x", "Naar schatting zo'n 6.250 slachtoffers per jaar.", ("003_11d1e760a19e2c71.txt",))
    right = Text("x", "Naar schatting zo'n 6.250 slachtoffers per jaar.", ("000_01f880aa57939e75.txt",))
    assert unsupported_figures(wrong, none) == {"6250"}
    assert unsupported_figures(right, none) == set()
    # a percentage must be a percentage in the seed: 40 without % is not 40 %
    assert unsupported_figures(Text("x", "40 procent", ("000_01f880aa57939e75.txt",)), none) == {"40%"}
    assert unsupported_figures(Text("x", "zo'n 80 procent", ("003_11d1e760a19e2c71.txt",)), none) == {"80%"}
    # a figure in a text that has no source at all
    assert unsupported_figures(Text("x", "Bel 112 of 0800-1234", ()), frozenset({"112"})) == {"0800", "1234"}


def test_a_source_that_names_no_seed_is_caught() -> None:
    assert bad_source("000_01f880aa57939e75.txt") == ""
    assert bad_source("https://www.comensha.nl/mensenhandel") == ""
    assert bad_source("005_0000000000000000.txt")
    assert bad_source("000_01f880aa57939e75")  # without .txt
    assert bad_source("README.md")
    assert bad_source("../seeds/000_01f880aa57939e75.txt")
    assert bad_source("www.comensha.nl")  # write a web address with https://
    assert bad_source("")
    assert cited("000_01f880aa57939e75.txt; 003_11d1e760a19e2c71.txt") == (
        "000_01f880aa57939e75.txt",
        "003_11d1e760a19e2c71.txt",
    )


def test_place_words_are_caught_in_both_languages_and_only_as_words() -> None:
    assert place_words("vraag advies bij de contacten hieronder") == ["hieronder"]
    assert place_words("Ask the contacts below for advice.") == ["below"]
    assert place_words("Zie de achterkant van deze kaart") == ["achterkant"]
    assert place_words("the numbers overleaf") == ["overleaf"]
    assert place_words("Bel het nummer rechts") == ["rechts"]
    assert place_words("Vraag om rechtsbijstand.") == []
    assert place_words("Victims have rights; the right number.") == []
    assert place_words("Kinderen, ouders en omstanders") == []


def _sources_by_key(node: Any, key: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(node, MapNode):
        for k, value in node.items():
            here = f"{key}.{k}" if key else k
            if k == "source":
                yield here, value
            else:
                yield from _sources_by_key(value, here)
    elif isinstance(node, SeqNode):
        for i, item in enumerate(node):
            yield from _sources_by_key(item, f"{key}[{i}]")


@pytest.mark.parametrize("path", [p for p in _content_files() if p.name != "nl.yaml"], ids=lambda p: p.name)
def test_a_translation_cites_the_sources_of_the_dutch_text(path: Path) -> None:
    # a translation says what nl.yaml says, so it rests on the same seeds, key for key
    dutch = dict(_sources_by_key(_read(SOURCES / "content" / "nl.yaml")))
    theirs = dict(_sources_by_key(_read(path)))
    assert len(dutch) > 20
    assert theirs == dutch
