"""Anonymity as data (issue #13, item 11): ``anonymous: true`` on a contact whose source says you
can ask it for advice anonymously, printed by every product (and the web edition) through
``labels.anonymous``.

Checked on the written PDFs: the label is printed once for each printed contact whose data says
so, right after that contact, and nowhere else; turning it on for another contact prints it
there too; the value must be a yes/no; and the sample data sets it only where the cited seed says so.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from generator.inputs.sources import Sources, load_sources
from tests.conftest import ROOT, TODAY, run
from tests.pdfs import flat, text_of

SOURCES = load_sources(ROOT / "sources", date.fromisoformat(TODAY))
COMPLETE = sorted(rid for rid, e in SOURCES.regions.items() if e.status == "complete")
LABEL = SOURCES.contents["nl"].model.labels.anonymous
PROFESSIONAL = SOURCES.contents["nl"].model.labels.anonymous_professional  # after it on the web page
PRINTS_ALL = ("pocket-card", "leaflet", "checklist")  # every contact of the region, regional then national


def printed_contacts(sources: Sources, rid: str, product: str) -> list[tuple[str, bool]]:
    """(name as printed, anonymous) of the contacts a product prints, in order."""
    region = sources.regions[rid].loaded
    assert region is not None and sources.national is not None
    national = {c.id: c for c in sources.national.model.contacts}
    contacts = [*region.model.contacts, *(national[cid] for cid in region.model.national)]
    if product == "contact-card":  # regional contacts under their discreet name; CoMensha and Politie stay off
        # and no "anoniem advies mogelijk": a help card's words, which the contact card leaves out (issue #21)
        return [(c.discreet_name or c.name, False) for c in region.model.contacts]
    return [(c.name, c.anonymous) for c in contacts]


def label_owners(text: str, contacts: list[tuple[str, bool]]) -> list[str]:
    """For every time the label is printed, the contact printed last before it."""
    starts = sorted((m.start(), name) for name, _ in contacts for m in re.finditer(re.escape(name), text))
    owners = []
    for m in re.finditer(re.escape(LABEL), text):
        before = [name for at, name in starts if at < m.start()]
        owners.append(before[-1] if before else "")
    return owners


def check(out: Path, sources: Sources, lang_label: str = LABEL) -> int:
    """Assert the label sits after exactly the anonymous contacts on every product; the number of labels seen."""
    seen = 0
    for rid in COMPLETE:
        region = sources.regions[rid].loaded
        assert region is not None
        products = [*PRINTS_ALL, *(["contact-card"] if region.model.discreet_card else [])]
        for product in products:
            for mode in ("press", "office"):
                pdf = out / rid / f"{rid}_{product}_nl_{mode}.pdf"
                contacts = printed_contacts(sources, rid, product)
                text = flat(text_of(pdf))
                copies = 10 if product in ("pocket-card", "contact-card") and mode == "office" else 1  # ten cards to a sheet
                expected = [name for name, anonymous in contacts if anonymous] * copies
                assert sorted(label_owners(text, contacts)) == sorted(expected), pdf.name
                seen += len(expected)
        web = out / rid / "web" / "nl" / "index.html"  # the web edition: each contact is one <li class="contact">
        blocks = web.read_text(encoding="utf-8").split('<li class="contact">')[1:]
        names = [re.findall(r'<h4 class="contact-name"[^>]*>([^<]*)</h4>', block)[0] for block in blocks]
        labelled = [name for name, block in zip(names, blocks, strict=True) if f">{LABEL}; {PROFESSIONAL}<" in block]
        assert labelled == [name for name, anonymous in printed_contacts(sources, rid, "leaflet") if anonymous], web
        seen += len(labelled)
    return seen


def test_the_sample_data_sets_anonymous_only_where_the_cited_seed_says_so() -> None:
    assert SOURCES.national is not None
    found = [
        (rid, c.id, c.source)
        for rid, entry in SOURCES.regions.items()
        if entry.loaded
        for c in entry.loaded.model.contacts
        if c.anonymous
    ] + [("national", c.id, c.source) for c in SOURCES.national.model.contacts if c.anonymous]
    # 001: "Wil je anoniem advies vragen? Dat kan. Wij registreren geen persoonsgegevens wanneer je voor
    # advies contact met ons opneemt." No seed says it of Moviera, CoMensha, the Politie or the
    # Tilburg zorgcoördinator (Fier's anonymous chat has no contact data in the seeds).
    assert found == [("utrecht", "veilig-thuis-utrecht", "001_bc386227d7cc8ce9.txt")]
    for _, _, source in found:
        seeds = [ROOT / "sources" / "seeds" / s.strip() for s in source.split(";")]
        assert any("Wil je anoniem advies vragen? Dat kan." in s.read_text(encoding="utf-8") for s in seeds if s.is_file())


def test_anonymity_is_printed_after_exactly_the_contacts_whose_data_says_so(built: Path) -> None:
    assert LABEL == "anoniem advies mogelijk"
    # Veilig Thuis Utrecht, on each of Utrecht's files: pocket card (press, and 10 on the office
    # sheet), leaflet and checklist (press, office), web page; none for Hart van Brabant, and none on
    # the contact card, which leaves a help card's words out (issue #21)
    assert check(built, SOURCES) == (1 + 10) + 2 + 2 + 1


def test_turning_it_on_prints_it_from_the_data(project: Path, build_in: Callable[..., int]) -> None:
    # Synthetic: no seed says this of CoMensha or of the Tilburg contact; it shows the label follows the data.
    national = project / "sources/national.yaml"
    text = national.read_text(encoding="utf-8").replace("    required: true", "    required: true\n    anonymous: true")
    national.write_text(text, encoding="utf-8")
    region = project / "sources/regions/hart-van-brabant.yaml"
    region.write_text(region.read_text(encoding="utf-8").replace("    phone: 013", "    anonymous: true\n    phone: 013"), encoding="utf-8")
    assert build_in() == 0
    sources = load_sources(project / "sources", date.fromisoformat(TODAY))
    # two anonymous contacts on each file of both regions (its own and CoMensha), but only the
    # none on Utrecht's contact card, which leaves a help card's words out (issue #21)
    utrecht = 2 * (1 + 10) + 2 * 2 + 2 * 2 + 2
    hart_van_brabant = 2 * (1 + 10) + 2 * 2 + 2 * 2 + 2
    assert check(project / "output", sources) == utrecht + hart_van_brabant


@pytest.mark.parametrize("value", ["ja", "misschien", "[true]"])
def test_anonymous_must_be_true_or_false(project: Path, capsys: pytest.CaptureFixture[str], value: str) -> None:
    region = project / "sources/regions/utrecht.yaml"
    region.write_text(region.read_text(encoding="utf-8").replace("anonymous: true", f"anonymous: {value}"), encoding="utf-8")
    line = next(i for i, text in enumerate(region.read_text(encoding="utf-8").splitlines(), 1) if "anonymous:" in text)
    assert run("validate", "--sources", str(project / "sources"), "--layouts", str(project / "layouts")) == 1
    err = capsys.readouterr().err.splitlines()
    shown = "['true']" if value == "[true]" else f"'{value}'"  # a list, as YAML read it
    assert err == [f"{region}:{line}: contacts[0].anonymous: {shown} is not true or false; write true or false", "1 problem(s)"]
