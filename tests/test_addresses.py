"""Addresses that cannot be misread: never hyphenated, broken only before . / @ - _; phone numbers whole."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pdfplumber
import pytest

LONG = "meldpunt-mensenhandel-en-uitbuiting@veiligheidsregio-zeeland-west.example.com"  # a test address, reserved domain
REGION = "sources/regions/hart-van-brabant.yaml"


def _set_email(project: Path, email: str) -> None:
    path = project / REGION
    path.write_text(path.read_text(encoding="utf-8").replace("mensenhandel@tilburg.nl", email), encoding="utf-8")


def _lines(pdf: Path) -> list[str]:
    with pdfplumber.open(pdf) as doc:
        return [line for page in doc.pages for line in (page.extract_text() or "").splitlines()]


def _column_lines(pdf: Path, word: str) -> list[str]:
    """The word starting with ``word``, then the first word of each following line of its column
    (panels sit side by side, so whole page lines would mix columns)."""
    with pdfplumber.open(pdf) as doc:
        for page in doc.pages:
            words = page.extract_words()
            hit = next((w for w in words if w["text"].startswith(word)), None)
            if hit is None:
                continue
            start = hit["x0"]
            for w in sorted(words, key=lambda w: -w["x0"]):  # the label just before it on its line, if any
                if abs(w["top"] - hit["top"]) < 1 and w["x1"] <= start and start - w["x1"] < 8:
                    start = w["x0"]
            below = sorted((w for w in words if abs(w["x0"] - start) < 1 and w["top"] > hit["top"] + 1), key=lambda w: w["top"])
            return [hit["text"], *(w["text"] for w in below)]
    return []


@pytest.mark.parametrize(("product", "mode"), [("leaflet", "press"), ("checklist", "office"), ("pocket-card", "press")])
def test_a_long_address_breaks_only_before_its_punctuation(project: Path, build_in: Callable[..., int], product: str, mode: str) -> None:
    _set_email(project, LONG)
    assert build_in("--region", "hart-van-brabant", "--product", product, "--mode", mode) == 0
    lines = _column_lines(project / "output" / "hart-van-brabant" / f"hart-van-brabant_{product}_nl_{mode}.pdf", "meldpunt")
    assert lines and lines[0] != LONG  # too wide for one line here: it must break
    text, following = lines[0], 1
    while len(text) < len(LONG):
        assert lines[following][0] in "./@-_", lines[following]  # the break character starts the next line
        text += lines[following]
        following += 1
    assert text == LONG  # nothing added (no hyphen), nothing lost
    assert not any(line.endswith("-") for line in lines[:following])


def test_phone_numbers_are_never_broken(built: Path) -> None:
    for pdf in sorted(built.glob("*/*.pdf")):
        for line in _lines(pdf):
            for number in ("013 751 6750", "0800 2000", "033 448 1186", "0900 8844"):
                head = number.split(" ")[0]
                if line.endswith(head) or line.endswith(head + "\u00a0"):
                    pytest.fail(f"{pdf.name}: phone number broken after '{line}'")


def test_an_address_that_cannot_break_where_it_may_is_a_fit_error(
    project: Path, build_in: Callable[..., int], capsys: pytest.CaptureFixture[str]
) -> None:
    local = "meldpuntmensenhandelenarbeidsuitbuitingveiligheidsregiozeelandwestenmiddenbrabant"
    _set_email(project, f"{local}@example.com")
    assert build_in("--region", "hart-van-brabant", "--product", "pocket-card", "--mode", "press") == 1
    err = capsys.readouterr().err.splitlines()
    line = next(i for i, text in enumerate((project / REGION).read_text(encoding="utf-8").splitlines(), 1) if local in text)
    assert err[0].startswith(
        f"{project / REGION}:{line}: contacts[0].email: does not fit: '{local}' "
        "of Zorgcoördinator mensenhandel gemeente Tilburg is wider than a line of panel 'back' (hart-van-brabant pocket-card nl press) "
        f"and an address breaks only before . / @ - _; shorten it, or give the panel more room ({project / 'layouts/pocket-card.yaml'}:"
    )
