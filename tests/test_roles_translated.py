"""The sample editions in Polish, Romanian, Hungarian and Bulgarian are complete (issue #23,
item 5): every contact's role is printed in the edition's language, under the contact's name,
and the only thing that keeps such an edition a draft is its language pack, not yet reviewed
by a native speaker.

What a role should say is read from the region files with plain PyYAML; what is printed is read
from the PDFs with pdfplumber, column by column as the layout places them (tests/typography.py).
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import shutil
from functools import cache
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
import yaml

from generator.blocktext.templating import Templates
from generator.inputs.layouts import load_layouts
from tests.conftest import ROOT, run
from tests.pdfs import text_of
from tests.typography import columns_of

LANGS = ("pl", "ro", "hu", "bg")
REGIONS = ("utrecht", "hart-van-brabant")
PRODUCTS = ("leaflet", "checklist")  # the products that print roles (the cards print none)
LAYOUTS, _ = load_layouts(ROOT / "layouts", Templates())


def _yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _contacts(sources: Path, region: str) -> list[dict[str, Any]]:
    """The contacts a region prints, its own then the national ones it lists."""
    data = _yaml(sources / "regions" / f"{region}.yaml")
    national = {c["id"]: c for c in _yaml(sources / "national.yaml")["contacts"]}
    return [*data["contacts"], *(national[cid] for cid in data["national"])]


def _build(sources: Path, out: Path, *extra: str) -> str:
    args = ["--sources", str(sources), "--layouts", str(ROOT / "layouts"), "--out", str(out), "--no-proof", "--mode", "press"]
    said = io.StringIO()
    with contextlib.redirect_stdout(said):
        assert run("build", *args, *extra) == 0
    return said.getvalue()


@pytest.fixture(scope="module")
def foreign(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("roles")
    choice = [a for r in REGIONS for a in ("--region", r)] + [a for p in PRODUCTS for a in ("--product", p)]
    said = _build(ROOT / "sources", out, *choice, *(a for lang in LANGS for a in ("--lang", lang)))
    return out, said


def _rows(out: Path) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["files"]
    return rows


@cache
def _columns(pdf: Path, layout: str) -> list[str]:
    """Each column's text, its lines joined with a space (contacts are not hyphenated). The
    draft word across the page is set at an angle: only characters set level are read."""
    texts = []
    with pdfplumber.open(pdf) as doc:
        for index, page in enumerate(doc.pages):
            level = page.filter(lambda obj: obj.get("object_type") != "char" or obj["matrix"][1:3] == (0, 0))
            for x0, top, x1, bottom in columns_of(LAYOUTS[layout], "press", index):
                column = level.within_bbox((x0 - 1, top - 1, x1 + 1, bottom + 1))  # a glyph may overhang its column a hair
                texts.append(" ".join((column.extract_text() or "").split()))
    return texts


def test_the_sample_contacts_have_a_role_in_every_language() -> None:
    for region in REGIONS:
        for contact in _contacts(ROOT / "sources", region):
            role = contact.get("role")
            if role is None:
                continue  # Moviera prints no role, in any language
            assert isinstance(role, dict), (region, contact["id"])
            missing = [lang for lang in ("nl", "en", *LANGS) if not role.get(lang)]
            assert not missing, (region, contact["id"], missing)
            assert len({role[lang] for lang in LANGS}) == len(LANGS)  # four texts, not one copied


@pytest.mark.parametrize("lang", LANGS)
def test_each_role_is_printed_in_the_language_under_its_contact(foreign: tuple[Path, str], lang: str) -> None:
    out, _ = foreign
    rows = [r for r in _rows(out) if r["lang"] == lang]
    assert sorted((r["region"], r["product"]) for r in rows) == sorted((g, p) for g in REGIONS for p in PRODUCTS)
    for row in rows:
        columns = _columns(out / row["path"], row["layout"])
        for contact in _contacts(ROOT / "sources", row["region"]):
            if not contact.get("role"):
                continue
            printed = f"{contact['name']} {contact['role'][lang]}"
            assert any(printed in column for column in columns), (row["path"], printed)
            assert not any(contact["role"]["nl"] in column for column in columns), row["path"]


def test_the_police_contact_says_what_it_is_in_polish_on_the_leaflet_back(foreign: tuple[Path, str]) -> None:
    """The example of the issue: "Politie" stays the name; its Polish role says it is the police
    and whom to ask for, on the leaflet's outside (page 1), where its contacts are."""
    out, _ = foreign
    pdf = out / "utrecht/utrecht_leaflet_pl_press.pdf"
    columns = _columns(pdf, "leaflet")
    back = [c for c in columns if "Politie" in c]
    assert len(back) == 1, back
    assert "Politie Policja: zapytaj o śledczych ds. handlu ludźmi (AVIM)" in back[0]
    assert "0900 8844 (obowiązują opłaty za połączenie, tylko z Holandii)" in back[0]  # the seed's "belkosten zijn van toepassing"
    with pdfplumber.open(pdf) as doc:
        pages = [" ".join((page.extract_text() or "").split()) for page in doc.pages]
    assert ["zapytaj o śledczych" in page for page in pages] == [True, False]


def test_a_foreign_edition_is_a_draft_only_because_its_pack_is_unreviewed(foreign: tuple[Path, str], tmp_path: Path) -> None:
    out, said = foreign
    assert all(r["draft"] for r in _rows(out))
    for lang in LANGS:
        assert _yaml(ROOT / "sources/content" / f"{lang}.yaml")["reviewed"] is False  # a fluent reader is not a native speaker
    # No other reason is given: no notice of region text left out, nor of anything but review.
    notices = [line for line in said.splitlines() if line.startswith("notice:")]
    assert all("review" in line for line in notices), notices
    # And none is hidden: the same pack marked reviewed gives editions that are not drafts.
    sources = tmp_path / "sources"
    shutil.copytree(ROOT / "sources", sources)
    for lang in LANGS:  # every string recorded as translated against the current Dutch, and reviewed
        assert run("translations", "mark-translated", "--sources", str(sources), "--lang", lang, "--all") == 0
        sidecar = sources / "content" / f"{lang}.provenance.yaml"
        signed = r"\1, reviewed_by: Test Reviewer, reviewed_on: 2026-12-01}"
        records = re.sub(r'(\{nl: "?\w+"?, text: "?\w+"?)\}', signed, sidecar.read_text(encoding="utf-8"))
        sidecar.write_text(records, encoding="utf-8")
    reviewed_out = tmp_path / "out"
    choice = ["--region", "utrecht", "--product", "leaflet", *(a for lang in LANGS for a in ("--lang", lang))]
    said = _build(sources, reviewed_out, *choice)
    assert "notice:" not in said, said  # nothing left to say
    rows = _rows(reviewed_out)
    assert len(rows) == len(LANGS) and not any(r["draft"] for r in rows)
    for row in rows:
        draft_word = _yaml(sources / "content" / f"{row['lang']}.yaml")["labels"]["draft"]
        assert draft_word not in text_of(reviewed_out / row["path"]), row["path"]
