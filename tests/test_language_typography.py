"""Typography as rules of the language and the layout, checked on the PDFs' text: no word cut
without a hyphen, Polish one-letter words carried to the next line, soft hyphens honoured;
0800 and 0900 numbers in foreign editions; one separator in the web page's title."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pdfplumber
import pytest

from generator.cli import main
from tests.conftest import ROOT, TODAY

ONE_LETTER_PL = set("aiouwzAIOUWZ")


def _build(out: Path, *args: str, sources: Path = ROOT / "sources", layouts: Path = ROOT / "layouts") -> int:
    return main(["build", "--sources", str(sources), "--layouts", str(layouts), "--out", str(out), "--today", TODAY, "--no-proof", *args])


def _lines(pdf: Path) -> list[str]:
    """The printed lines of every page, each text column apart: words on one baseline are split
    where a gap wider than a column gutter lies between them. The draft watermark is left out."""
    lines: list[str] = []
    with pdfplumber.open(pdf) as document:
        for page in document.pages:
            words = [w for w in page.extract_words(use_text_flow=True) if w["upright"]]  # the watermark is set at an angle
            rows: dict[int, list[dict[str, object]]] = {}
            for word in words:
                rows.setdefault(round(float(word["bottom"])), []).append(word)
            for row in rows.values():
                row.sort(key=lambda w: float(w["x0"]))  # type: ignore[arg-type]
                segment = [str(row[0]["text"])]
                for before, word in itertools.pairwise(row):
                    if float(word["x0"]) - float(before["x1"]) > 12:  # type: ignore[arg-type]
                        lines.append(" ".join(segment))
                        segment = []
                    segment.append(str(word["text"]))
                lines.append(" ".join(segment))
    return lines


@pytest.fixture(scope="module")
def polish(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pl")
    assert _build(out, "--lang", "pl", "--region", "utrecht", "--region", "hart-van-brabant", "--mode", "press", "--no-web") == 0
    return out


def test_no_polish_line_ends_in_a_one_letter_word(polish: Path) -> None:
    pdfs = sorted(polish.rglob("*_pl_press.pdf"))
    assert len(pdfs) == 7  # both regions' three products, and Utrecht's discreet card
    ends = []
    for pdf in pdfs:
        for line in _lines(pdf):
            words = line.replace("\u00a0", " ").split()
            if len(words) > 1 and words[-1] in ONE_LETTER_PL:
                ends.append(f"{pdf.name}: {line}")
    assert not ends, ends
    # and the rule is what keeps them off the line ends: the texts have dozens of such words
    text = (ROOT / "sources/content/pl.yaml").read_text(encoding="utf-8")
    assert len(re.findall(r"(?<=\s)[wziouaWZIOUA](?=\s)", text)) > 50


def test_the_hungarian_cover_title_is_whole_or_hyphenated(tmp_path: Path) -> None:
    assert _build(tmp_path, "--lang", "hu", "--region", "utrecht", "--product", "leaflet", "--mode", "press", "--no-web") == 0
    lines = _lines(tmp_path / "utrecht/utrecht_leaflet_hu_press.pdf")
    title = [line for line in lines if line.startswith("Emberkeresk")]
    assert title, lines
    at = lines.index(title[0])
    assert title[0] == "Emberkereskedelem" or (title[0].endswith("-") and title[0][:-1] + lines[at + 1] == "Emberkereskedelem"), lines[
        at : at + 2
    ]


def _project(tmp_path: Path) -> Path:
    import shutil

    shutil.copytree(ROOT / "sources", tmp_path / "sources")
    shutil.copytree(ROOT / "layouts", tmp_path / "layouts")
    return tmp_path


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_word_no_hyphenation_point_can_break_stops_the_build_naming_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = _project(tmp_path)
    # a heading word wider than the card, with no hyphenation point in it
    _edit(project / "sources/content/nl.yaml", "  help_title: Hulp en advies", f"  help_title: {'x' * 60}")
    assert (
        _build(project / "out", "--region", "utrecht", "--product", "pocket-card", sources=project / "sources", layouts=project / "layouts")
        == 1
    )
    err = capsys.readouterr().err
    assert f"card.help_title: does not fit: the word '{'x' * 60}' is wider than a line of panel 'back'" in err
    assert "put a soft hyphen (U+00AD) where it may break" in err
    assert not list((project / "out").rglob("*.pdf"))


def test_a_title_that_may_shrink_stops_at_its_smallest_size(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = _project(tmp_path)
    word = "Mensenhandelbestrijdingscoördinatiecentrum"
    _edit(project / "sources/content/nl.yaml", "title: Mensenhandel", f"title: {word}")
    sources, layouts = project / "sources", project / "layouts"
    status = _build(project / "out", "--region", "utrecht", "--product", "leaflet", sources=sources, layouts=layouts)
    assert status == 1
    assert f"title: does not fit: the word '{word}' is wider than a line of panel 'front'" in capsys.readouterr().err


def test_soft_hyphens_in_content_are_break_points(tmp_path: Path) -> None:
    project = _project(tmp_path)
    # the cover title with a soft hyphen at the compound's joint: it breaks there, with a hyphen
    _edit(project / "sources/content/hu.yaml", "title: Emberkereskedelem", "title: Ember\u00adkereskedelem")
    out = project / "out"
    assert _build(out, "--lang", "hu", "--region", "utrecht", "--product", "leaflet", "--mode", "press", "--no-web",
                  sources=project / "sources", layouts=project / "layouts") == 0  # fmt: skip
    lines = _lines(out / "utrecht/utrecht_leaflet_hu_press.pdf")
    assert "Ember-" in lines and lines[lines.index("Ember-") + 1] == "kereskedelem", lines[:40]
    assert not any("\u00ad" in line for line in lines)


def test_toll_free_and_premium_numbers_say_only_from_the_netherlands(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert _build(out, "--lang", "pl", "--lang", "nl", "--region", "utrecht", "--product", "pocket-card", "--mode", "press") == 0
    pl = " ".join(_lines(out / "utrecht/utrecht_pocket-card_pl_press.pdf"))
    assert "0800 2000 (24/7, bezpłatnie, tylko z Holandii)" in pl
    assert "0900 8844 (obowiązują opłaty za połączenie, tylko z Holandii)" in pl
    nl = " ".join(_lines(out / "utrecht/utrecht_pocket-card_nl_press.pdf"))
    assert "Nederland" not in nl and "0800 2000 (24/7, gratis)" in nl
    page = (out / "utrecht/web/pl/index.html").read_text(encoding="utf-8")
    assert 'href="tel:08002000"' in page and 'href="tel:09008844"' in page and "tel:+31800" not in page and "tel:+31900" not in page
    assert "tylko z\u00a0Holandii" in page  # and the Polish one-letter words stay with the next word on the page too
    shown = re.sub(r"<script.*?</script>", " ", page[page.index("<main") :], flags=re.S)  # the page's text, not its script
    main_text = re.sub(r"<[^>]*>", " ", shown)
    assert not re.search(r"(?<![^\s(„])[wziouaWZIOUA] ", main_text), re.findall(r".{20}(?<![^\s(„])[wziouaWZIOUA] .{10}", main_text)[:5]
    assert 'href="tel:+31334481186"' in page  # a geographic number keeps its international link
    dutch = (out / "utrecht/web/nl/index.html").read_text(encoding="utf-8")
    assert 'href="tel:+318002000"' in dutch


def test_the_web_page_title_has_one_separator(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert _build(out, "--lang", "pl", "--lang", "nl", "--region", "utrecht", "--product", "pocket-card", "--mode", "press") == 0
    for lang, title in (("nl", "Mensenhandel, Regio Utrecht"), ("pl", "PROJEKT: Handel ludźmi, Region Utrecht")):
        page = (out / "utrecht/web" / lang / "index.html").read_text(encoding="utf-8")
        found = re.search(r"<title>([^<]*)</title>", page)
        assert found and found.group(1) == title and found.group(1).count(":") <= 1


def test_no_bulgarian_line_ends_in_a_one_letter_word(tmp_path: Path) -> None:
    """Bulgarian keeps в, с, к, и, а, о, у with the next word too (the visual review found "…деца, в / Холандия")."""
    out = tmp_path / "bg"
    assert _build(out, "--lang", "bg", "--region", "utrecht", "--mode", "press", "--no-web") == 0
    pdfs = sorted(out.rglob("*_bg_press.pdf"))
    assert len(pdfs) == 4
    ends = []
    for pdf in pdfs:
        for line in _lines(pdf):
            words = line.replace("\u00a0", " ").split()
            if len(words) > 1 and words[-1] in set("вскиаоуВСКИАОУ"):
                ends.append(f"{pdf.name}: {line}")
    assert not ends, ends


def test_only_a_polish_one_letter_word_is_tied() -> None:
    from generator.compose.ties import tie_short_words

    assert tie_short_words("Idź z nim i w domu, a potem „W domu” (z kimś) Wa u", "pl") == (
        "Idź z\u00a0nim i\u00a0w\u00a0domu, a\u00a0potem „W\u00a0domu” (z\u00a0kimś) Wa u"
    )
    assert tie_short_words("a dog and a cat", "en") == "a dog and a cat"
    assert tie_short_words('<font color="x">z</font> nim', "pl") == '<font color="x">z</font> nim'  # tags untouched
