"""The language packs (issue #14): complete, printable, and marked until a native speaker checked them.

- every pack has every key of ``nl.yaml`` and as many items in every list (the YAML trees walked);
- every pack's printed text uses its language's quotation marks, and Romanian the comma-below
  letters ș ț, never the cedilla forms ş ţ;
- every edition of every complete region builds (so every text fits every panel), and each PDF's
  text has its language's own letters, the pack's words, no replacement characters, and its
  ``/Lang``; an unreviewed pack is marked with its own draft label across every page.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from pypdf import PdfReader

from generator.inputs.sources import load_sources
from generator.inputs.yaml_reader import MapNode, SeqNode, read_yaml
from generator.vocabulary import LANGUAGES, MODES, PRODUCTS
from tests.conftest import ROOT, TODAY, run
from tests.pdfs import flat

CONTENT = ROOT / "sources" / "content"
SOURCES = load_sources(ROOT / "sources", date.fromisoformat(TODAY))
FOREIGN = [code for code in LANGUAGES if code != "nl"]
COMPLETE = sorted(rid for rid, e in SOURCES.regions.items() if e.status == "complete")

# Letters a text in the language has and English and Dutch lack; at least one must be in every PDF.
OWN_LETTERS = {
    "pl": "ąćęłńśźż",
    "ro": "ășțâî",
    "hu": "őű",
    "bg": "абвгдежзийклмнопрстуфхцчшщъьюя",
}
# Quotation marks: (opening, closing) of each language's packs.
QUOTES = {"en": ("‘", "’"), "pl": ("„", "”"), "ro": ("„", "”"), "hu": ("„", "”"), "bg": ("„", "“")}
CEDILLA = "şţŞŢ"  # Romanian written with the Turkish letters: wrong, and a different word to search
REPLACEMENT = "\ufffd\x00"
_NOT_TEXT = {"source", "lang", "reviewed"}


def _read(path: Path) -> Any:
    return read_yaml(path, str(path.relative_to(ROOT)))


def shape_differences(ref: Any, other: Any, where: str = "") -> list[str]:
    """Where ``other`` does not have the keys and list lengths of ``ref``, one line each."""
    if isinstance(ref, MapNode):
        if not isinstance(other, MapNode):
            return [f"{where or '(top)'}: expected keys {sorted(ref)}"]
        found = [f"{where}.{k}".lstrip(".") + ": missing" for k in ref if k not in other]
        found += [f"{where}.{k}".lstrip(".") + ": not in nl.yaml" for k in other if k not in ref]
        for k in ref:
            if k in other:
                found += shape_differences(ref[k], other[k], f"{where}.{k}".lstrip("."))
        return found
    if isinstance(ref, SeqNode):
        if not isinstance(other, SeqNode):
            return [f"{where}: expected a list of {len(ref)} items"]
        if where.endswith("giveaway"):  # each language's own words that would give a discreet card away, not a translation
            return []
        found = [f"{where}: {len(other)} items, nl has {len(ref)}"] if len(other) != len(ref) else []
        for i, (a, b) in enumerate(zip(ref, other, strict=False)):
            found += shape_differences(a, b, f"{where}[{i}]")
        return found
    if type(ref) is not type(other):
        return [f"{where}: expected {type(ref).__name__}, found {type(other).__name__}"]
    if isinstance(ref, str) and ref.strip() and not other.strip():
        return [f"{where}: empty"]
    return []


def printed_texts(node: Any, where: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(node, MapNode):
        for k, value in node.items():
            if k not in _NOT_TEXT:
                yield from printed_texts(value, f"{where}.{k}".lstrip("."))
    elif isinstance(node, SeqNode):
        for i, item in enumerate(node):
            yield from printed_texts(item, f"{where}[{i}]")
    elif isinstance(node, str):
        yield where, node


def quote_problems(text: str, opening: str, closing: str) -> list[str]:
    """Straight quotes, and opening and closing marks that do not pair up."""
    problems = [f"straight quote {q!r}" for q in "\"'" if q in text]
    if opening != closing and closing not in "’":  # ’ is also the apostrophe: only pairs checked
        depth = 0
        for ch in text:
            if ch == opening:
                depth += 1
            elif ch == closing:
                depth -= 1
            if depth not in (0, 1):
                problems.append(f"unbalanced {opening}…{closing}")
                break
        if depth:
            problems.append(f"unclosed {opening}")
    elif text.count(opening) > text.count(closing):
        problems.append(f"unclosed {opening}")
    return problems


# --- the packs ------------------------------------------------------------------------------


def test_there_is_a_pack_for_every_language() -> None:
    assert sorted(p.stem for p in CONTENT.glob("*.yaml") if not p.name.endswith(".provenance.yaml")) == sorted(LANGUAGES)


@pytest.mark.parametrize("lang", FOREIGN)
def test_pack_has_every_key_and_every_item_of_the_dutch(lang: str) -> None:
    dutch, pack = _read(CONTENT / "nl.yaml"), _read(CONTENT / f"{lang}.yaml")
    assert pack["lang"] == lang and pack["language"] != dutch["language"]
    assert len(list(printed_texts(dutch))) > 100  # the walk sees every printed string
    problems = shape_differences(dutch, pack)
    assert not problems, "\n".join(f"sources/content/{lang}.yaml: {p}" for p in problems)


@pytest.mark.parametrize("lang", FOREIGN)
def test_pack_uses_its_own_quotation_marks_and_letters(lang: str) -> None:
    opening, closing = QUOTES[lang]
    problems = []
    for where, text in printed_texts(_read(CONTENT / f"{lang}.yaml")):
        problems += [f"{where}: {p} in {text!r}" for p in quote_problems(text, opening, closing)]
        if any(ch in text for ch in CEDILLA + REPLACEMENT):
            problems.append(f"{where}: cedilla letter or replacement character in {text!r}")
    assert not problems, "\n".join(problems)


def test_the_pack_checks_catch_what_they_are_for(tmp_path: Path) -> None:
    dutch = _read(CONTENT / "nl.yaml")
    text = (CONTENT / "pl.yaml").read_text(encoding="utf-8")
    for broken, expected in [
        (text.replace("      - Problemy z jedzeniem\n", ""), "signals.behaviour.items: 6 items, nl has 7"),
        (text.replace("  goal: Cel\n", ""), "labels.goal: missing"),
        (text.replace("  draft: PROJEKT\n", "  draft: PROJEKT\n  drfat: X\n"), "labels.drfat: not in nl.yaml"),
    ]:
        (tmp_path / "pl.yaml").write_text(broken, encoding="utf-8")
        assert expected in shape_differences(dutch, read_yaml(tmp_path / "pl.yaml", "pl.yaml"))
    assert quote_problems("Masz „długi”", "„", "”") == []
    assert quote_problems('Masz "długi"', "„", "”") == ["straight quote '\"'"]
    assert quote_problems("Masz „długi", "„", "”") == ["unclosed „"]
    assert quote_problems("Имаш „дългове“", "„", "“") == []


# --- the editions ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def editions(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every product, both modes, of every complete region in every language but Dutch."""
    out = tmp_path_factory.mktemp("languages")
    langs = [arg for code in FOREIGN for arg in ("--lang", code)]
    args = ["build", "--sources", str(ROOT / "sources"), "--layouts", str(ROOT / "layouts"), "--out", str(out), "--no-proof"]
    assert run(*args, *langs) == 0  # exit 0: every text of every pack fits every panel
    return out


def _rows(out: Path) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = json.loads((out / "manifest.json").read_text())["files"]
    return rows


def test_every_edition_of_every_complete_region_is_built(editions: Path) -> None:
    built = {(r["region"], r["product"], r["lang"], r["mode"]) for r in _rows(editions)}
    prints = {rid: SOURCES.regions[rid].loaded.model.prints for rid in COMPLETE if SOURCES.regions[rid].loaded}  # type: ignore[union-attr]
    expected = {(rid, p, lang, m) for rid in COMPLETE for p in PRODUCTS if prints[rid](p) for lang in FOREIGN for m in MODES}
    assert len(COMPLETE) >= 2 and built == expected


def _pdfs(out: Path) -> list[Path]:
    return sorted(out.rglob("*.pdf"))


@pytest.mark.parametrize("lang", FOREIGN)
def test_each_pdf_has_its_languages_letters_and_words_and_no_replacement_characters(editions: Path, lang: str) -> None:
    pack = SOURCES.contents[lang].model
    pdfs = [p for p in _pdfs(editions) if f"_{lang}_" in p.name]
    assert len(pdfs) == len([r for r in _rows(editions) if r["lang"] == lang]) >= 6 * len(COMPLETE)
    for pdf in pdfs:
        reader = PdfReader(pdf)
        text = "\n".join(page.extract_text() or "" for page in reader.pages)
        assert not any(ch in text for ch in REPLACEMENT), pdf.name
        # on every product; the contact card prints 112 as a plain number line only (issue #21)
        emergency = pack.labels.emergency_number if "_contact-card_" in pdf.name else pack.labels.emergency
        assert flat(emergency) in flat(text), pdf.name
        if lang in OWN_LETTERS and "_contact-card_" not in pdf.name:  # two short sentences need not hold ő or ű
            assert any(ch in text.lower() for ch in OWN_LETTERS[lang]), f"{pdf.name}: none of {OWN_LETTERS[lang]}"
        if lang == "ro":
            assert "ș" in text or "ț" in text, pdf.name
            assert not any(ch in text for ch in CEDILLA), pdf.name
        if lang == "bg":
            assert len(re.findall(r"[\u0400-\u04ff]", text)) > 100, pdf.name
        assert reader.root_object.get("/Lang") == LANGUAGES[lang].tag, pdf.name


def _watermark_text(page: Any) -> str:
    """The text drawn at a slant across the page: the draft label (body text is all upright)."""
    return "".join(c["text"] for c in page.chars if abs(c["matrix"][1]) > 0.01 and c["size"] > 20)


@pytest.mark.parametrize("lang", FOREIGN)
def test_an_unreviewed_pack_is_marked_with_its_own_label_on_every_page(editions: Path, lang: str) -> None:
    pack = SOURCES.contents[lang].model
    rows = [r for r in _rows(editions) if r["lang"] == lang]
    assert rows and all(r["draft"] == (not pack.reviewed) for r in rows)
    for row in rows:
        with pdfplumber.open(editions / row["path"]) as pdf:
            for number, page in enumerate(pdf.pages, 1):
                slanted = _watermark_text(page)
                if pack.reviewed:
                    assert slanted == "", f"{row['path']} page {number}"
                else:
                    assert pack.labels.draft in slanted, f"{row['path']} page {number}: {slanted!r}"


def test_draft_labels_are_translated() -> None:
    labels = {code: SOURCES.contents[code].model.labels.draft for code in LANGUAGES}
    assert len(set(labels.values())) == len(labels)  # each pack its own word
