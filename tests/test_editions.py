"""Editions in other languages: no Dutch region text, numbers a foreign phone can dial, and an
edition that lacks region text in its language is a draft with one notice (the sample data gives
every role in every language: tests/test_roles_translated.py)."""

from __future__ import annotations

import contextlib
import io
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import phonenumbers
import pytest
import yaml
from pypdf import PdfReader

from tests.conftest import ROOT, run

FOREIGN = ("en", "pl", "ro", "hu", "bg")
COMPLETE = ("hart-van-brabant", "utrecht")


def _yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _contacts(region: str) -> list[dict[str, Any]]:
    """The contacts a region prints, read with plain PyYAML (not the tool's own reader)."""
    data = _yaml(ROOT / "sources/regions" / f"{region}.yaml")
    national = {c["id"]: c for c in _yaml(ROOT / "sources/national.yaml")["contacts"]}
    return [*data["contacts"], *(national[cid] for cid in data["national"])]


def _dutch_only(region: str) -> list[str]:
    """Every role and note as written in Dutch (a plain string, or the nl: of a mapping)."""
    texts = []
    for contact in _contacts(region):
        for field in ("role", "note"):
            value = contact.get(field)
            if value:
                texts.append(value["nl"] if isinstance(value, dict) else value)
    return texts


@pytest.fixture(scope="module")
def editions(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("editions")
    langs = [arg for code in ("nl", *FOREIGN) for arg in ("--lang", code)]
    regions = [arg for rid in COMPLETE for arg in ("--region", rid)]
    args = ["--sources", str(ROOT / "sources"), "--layouts", str(ROOT / "layouts"), "--out", str(out), "--no-proof"]
    said = io.StringIO()
    with contextlib.redirect_stdout(said):
        assert run("build", *args, *regions, *langs) == 0
    return out, said.getvalue()


def _text(pdf: Path) -> str:
    return " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(pdf).pages).replace("\u00a0", " ")


def _rows(out: Path) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["files"]
    return rows


def test_no_dutch_region_text_in_a_foreign_edition(editions: tuple[Path, str]) -> None:
    out, _ = editions
    checked = 0
    for row in _rows(out):
        text = _text(out / row["path"])
        dutch = [t for t in _dutch_only(row["region"]) if t in text]
        if row["lang"] == "nl":
            continue
        assert not dutch, (row["path"], dutch)
        assert not re.search(r"\bgratis\b", text), row["path"]
        checked += 1
    assert checked >= 50


def test_region_text_given_in_the_language_is_printed(editions: tuple[Path, str]) -> None:
    out, _ = editions
    card = _text(out / "utrecht/utrecht_pocket-card_en_press.pdf")
    leaflet = _text(out / "utrecht/utrecht_leaflet_en_press.pdf")
    assert "(24/7, free of charge, only from NL)" in card and "Regional advice and reporting centre" in leaflet
    assert "(24/7, gratis)" in _text(out / "utrecht/utrecht_pocket-card_nl_press.pdf")


def _dialled_from_abroad(national: str) -> str | None:
    """What a phone with a foreign SIM dials, computed here with phonenumbers itself."""
    number = phonenumbers.parse(national, "NL")
    kind = phonenumbers.number_type(number)
    if national.replace(" ", "").replace("-", "").replace("–", "") in ("112",) or kind not in (
        phonenumbers.PhoneNumberType.FIXED_LINE,
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    ):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


@pytest.mark.parametrize("region", COMPLETE)
def test_foreign_editions_print_geographic_and_mobile_numbers_in_plus_31_form(editions: tuple[Path, str], region: str) -> None:
    out, _ = editions
    numbers = [c["phone"] for c in _contacts(region) if c.get("phone")]
    abroad = {n: _dialled_from_abroad(n) for n in numbers}
    assert any(abroad.values()) and not all(abroad.values())  # both kinds are in the sample: 013/033 and 0800/0900
    for row in (r for r in _rows(out) if r["region"] == region and r["product"] != "contact-card"):
        text = _text(out / row["path"])
        for national, plus31 in abroad.items():
            if row["lang"] == "nl" or plus31 is None:
                assert plus31 is None or plus31 not in text, (row["path"], plus31)
            else:
                assert plus31 in text, (row["path"], national, plus31)
        assert "+31 800" not in text and "+31 900" not in text, row["path"]  # service numbers: as they are, no claim


def test_the_sample_editions_leave_no_region_text_out(editions: tuple[Path, str]) -> None:
    out, said = editions
    for row in _rows(out):
        if row["lang"] in ("pl", "ro", "hu", "bg"):
            assert row["draft"], row["path"]  # their packs are not reviewed yet
    assert "region text(s) have no" not in said, said


def test_an_edition_missing_region_text_is_a_draft_with_one_notice(
    project: Path, build_in: Callable[..., int], capsys: pytest.CaptureFixture[str]
) -> None:
    """Two roles without their Polish text: the Polish edition leaves them out (and prints no
    Dutch instead), says so in one line, and is a draft; other languages are not affected."""
    for name, polish in (
        ("regions/utrecht.yaml", "      pl: Regionalny punkt porad i zgłoszeń\n"),
        ("national.yaml", "      pl: Krajowe centrum koordynacji przeciwdziałania handlowi ludźmi\n"),
    ):
        path = project / "sources" / name
        text = path.read_text(encoding="utf-8")
        assert text.count(polish) == 1
        path.write_text(text.replace(polish, ""), encoding="utf-8")
    capsys.readouterr()
    assert build_in("--region", "utrecht", "--product", "leaflet", "--mode", "press", "--lang", "pl", "--lang", "ro") == 0
    notices = [line for line in capsys.readouterr().out.splitlines() if line.startswith("notice:")]
    # besides each language's line on its unreviewed strings (drukwerk translations), one line on the texts left out
    lines = [line for line in notices if "region text(s)" in line]
    assert len(lines) == 1, notices
    assert len([line for line in notices if "reviewed against the current Dutch" in line]) == 2, notices
    assert lines[0].startswith("notice: utrecht pl: 2 region text(s) have no pl version and are left out, so this edition is a draft (")
    assert "sources/regions/utrecht.yaml: contacts[0].role" in lines[0] and "sources/national.yaml: contacts[0].role" in lines[0]
    assert "role: {nl: ..., pl: ...}" in lines[0]
    leaflet = _text(project / "output/utrecht/utrecht_leaflet_pl_press.pdf")
    assert "Regionaal advies- en meldpunt" not in leaflet and "Landelijk Coördinatiecentrum" not in leaflet
    assert "Policja: zapytaj o śledczych" in leaflet  # the role still given in Polish is printed
    rows = _rows(project / "output")
    assert {r["lang"]: r["draft"] for r in rows} == {"pl": True, "ro": True}


def test_a_role_per_language_must_have_the_dutch(project: Path, build_in: Callable[..., int], capsys: pytest.CaptureFixture[str]) -> None:
    path = project / "sources/regions/utrecht.yaml"
    text = path.read_text(encoding="utf-8")
    dutch = "    role:\n      nl: Regionaal advies- en meldpunt\n"
    assert text.count(dutch) == 1
    path.write_text(text.replace(dutch, "    role:\n"), encoding="utf-8")
    assert run("validate", "--sources", str(project / "sources"), "--layouts", str(project / "layouts")) == 1
    err = capsys.readouterr().err
    assert "utrecht.yaml:6: contacts[0].role: give the Dutch text too (nl:), the one the source says; then the other languages" in err


def test_the_proof_page_shows_each_panels_fill_per_language(project: Path, build_in: Callable[..., int]) -> None:
    assert build_in("--product", "pocket-card", "--lang", "nl", "--lang", "hu") == 0
    overview = (project / "output" / "index.html").read_text(encoding="utf-8")
    table = overview.split('id="vulling"')[1].split("</table>")[0]
    assert "<caption>pocket-card</caption>" in table and "<th>nl</th><th>hu</th>" in table
    rows = json.loads((project / "output" / "manifest.json").read_text(encoding="utf-8"))["files"]
    fullest = max(p["fill_percent"] for r in rows if r["lang"] == "hu" for p in r["panels"] if p["panel"] == "back")
    assert f"{fullest}%" in table.split("<td>back / back</td>")[1].split("</tr>")[0]
