"""The web edition (#15): pages as written, read back as a checker reads them (structure, links,
languages, what the page loads), and the build's rules for them (change detection, errors,
withdrawal). The same pages in a real browser with axe-core: tests/test_web_browser.py."""

from __future__ import annotations

import itertools
import json
import re
import shutil
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import phonenumbers
import pytest
import yaml
from PIL import Image
from pypdf import PdfReader
from pypdf.generic import BooleanObject

from generator.batch.project import Project, Report
from generator.batch.web_edition import WebBuild
from generator.blocktext.templating import Templates
from generator.inputs.sources import load_sources
from generator.store.digests import InputDigests
from generator.store.paths import web_path
from generator.warm import WarmState
from generator.web.layout import load_web_layout
from generator.web.links import phone_text, tel_href
from tests.conftest import ROOT, TODAY, run
from tests.webpages import Element, parse_file

COMPLETE = ["hart-van-brabant", "utrecht"]
FOCUSABLE = {"a", "button", "input", "select", "textarea"}


def _page(out: Path, region: str, lang: str = "nl") -> Path:
    return out / region / "web" / lang / "index.html"


def _yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _contacts(sources: Path, region: str) -> list[dict[str, Any]]:
    """A region's regional and national contacts, read with plain PyYAML (not the tool's reader)."""
    data = _yaml(sources / "regions" / f"{region}.yaml")
    national = {c["id"]: c for c in _yaml(sources / "national.yaml")["contacts"]}
    return [*data.get("contacts", []), *(national[cid] for cid in data.get("national", []))]


def _e164(number: str) -> str:
    digits = re.sub(r"\D", "", str(number))
    if len(digits) <= 4:  # 112 has no international form
        return f"tel:{digits}"
    return "tel:" + phonenumbers.format_number(phonenumbers.parse(str(number).replace("–", "-"), "NL"), phonenumbers.PhoneNumberFormat.E164)


def _hrefs(page: Element) -> list[str]:
    return [a.attrs.get("href", "") for a in page.find_all("a")]


# --- the pages a build writes ---------------------------------------------------------------


def test_every_complete_region_has_a_self_contained_page_per_built_language(built: Path) -> None:
    manifest = json.loads((built / "manifest.json").read_text(encoding="utf-8"))
    rows = {row["path"]: row for row in manifest["web"]}
    assert sorted(rows) == [web_path(r, "nl") for r in COMPLETE]
    for region in COMPLETE:
        folder = _page(built, region).parent
        assert sorted(p.name for p in folder.iterdir()) == ["index.html", "style.css"]
        row = rows[web_path(region, "nl")]
        assert row["region"] == region and row["lang"] == "nl" and row["draft"] is False and row["languages"] == ["nl"]
        assert set(row["files"]) == {f"{region}/web/nl/index.html", f"{region}/web/nl/style.css"}
        for rel, sha in row["files"].items():
            import hashlib

            assert hashlib.sha256((built / rel).read_bytes()).hexdigest() == sha
    assert not (built / "twente" / "web").exists()  # a draft region is built only when named
    for row in manifest["files"]:  # the PDF rows keep their contract
        assert row["path"].endswith(".pdf") and "product" in row and "mode" in row


def test_page_structure_is_accessible_by_construction(built: Path) -> None:
    for region in COMPLETE:
        page = parse_file(_page(built, region))
        html = page.find_all("html")[0]
        assert html.attrs["lang"] == "nl-NL"
        title = page.find_all("title")[0].text()
        assert "Mensenhandel" in title and region.split("-")[0].capitalize() in title
        assert len(page.find_all("h1")) == 1
        levels = [int(h.tag[1]) for h in page.find_all("h1", "h2", "h3", "h4", "h5", "h6")]
        assert levels[0] == 1 and all(b <= a + 1 for a, b in itertools.pairwise(levels)), levels
        assert {"header", "nav", "main", "footer"} <= {e.tag for e in page.walk()}
        assert all(li.parent is not None and li.parent.tag in ("ul", "ol") for li in page.find_all("li"))
        assert all(e.attrs.get("aria-label") for e in page.find_all("nav"))  # several navs: each named
        # Tab order is document order (no positive tabindex); the quick exit comes first, then the skip link.
        assert all(int(e.attrs.get("tabindex", "0")) <= 0 for e in page.walk())
        focusable = [e for e in page.walk() if e.tag in FOCUSABLE and (e.tag != "a" or "href" in e.attrs)]
        exit_link, skip = focusable[0], focusable[1]
        assert exit_link.attrs["id"] == "quick-exit" and exit_link.text() == "Snel weg"
        assert exit_link.attrs["href"] == "https://www.google.com" and "noreferrer" in exit_link.attrs["rel"]
        assert skip.attrs["href"] == "#main" and page.by_id("main") is not None and page.by_id("main").tag == "main"  # type: ignore[union-attr]
        assert all(img.attrs.get("alt") for img in page.find_all("img"))
        # The signals grouped as on the checklist, each group a list under its own heading.
        nl = _yaml(ROOT / "sources/content/nl.yaml")
        headings = [h.text() for h in page.find_all("h3")]
        for group in ("all_forms", "domestic", "cross_border", "behaviour", "work"):
            assert nl["signals"][group]["title"] in headings
        for key in ("forms_title", "signals_title", "risk_title", "facts_title", "actions_title"):
            assert nl[key] in [h.text() for h in page.find_all("h2")]
        text = page.text()
        for action in nl["actions"].values():
            assert action["title"] in headings
        assert nl["definition"]["what"] in text and nl["lover"]["text"].split()[0] in text


def test_every_contact_is_a_link_a_phone_can_use_and_no_other_region_appears(built: Path) -> None:
    sources = ROOT / "sources"
    for region in COMPLETE:
        page = parse_file(_page(built, region))
        links = {a.attrs.get("href", ""): a.text() for a in page.find_all("a")}
        expected_tel = {"tel:112"}
        for contact in _contacts(sources, region):
            if contact.get("phone"):
                href = _e164(contact["phone"])
                expected_tel.add(href)
                assert href in links, (region, contact["id"], href)
                assert re.sub(r"\D", "", links[href]) == re.sub(r"\D", "", str(contact["phone"]).replace("–", ""))
            if contact.get("email"):
                assert f"mailto:{contact['email'].lower()}" in links
                assert links[f"mailto:{contact['email'].lower()}"] == contact["email"].lower()
            if contact.get("web"):
                assert any(h.startswith("https://") and contact["web"].removeprefix("https://") in h for h in links)
            assert contact["name"] in page.text()
        assert {h for h in links if h.startswith("tel:")} == expected_tel  # 112 and every contact, nothing else
        assert all(re.fullmatch(r"tel:(\+31\d{7,10}|112)", h) for h in expected_tel)
        for other in [*COMPLETE, "twente"]:
            if other == region:
                continue
            own = {c["id"] for c in _contacts(sources, region)}
            for contact in _contacts(sources, other):
                if contact["id"] in own:
                    continue
                assert contact["name"] not in page.text()
                if contact.get("email"):
                    assert contact["email"].lower() not in json.dumps(links)
                if contact.get("phone"):
                    assert _e164(contact["phone"]) not in links


def test_page_loads_nothing_from_outside_its_folder(built: Path) -> None:
    for region in COMPLETE:
        path = _page(built, region)
        page = parse_file(path)
        ids = {e.attrs["id"] for e in page.walk() if "id" in e.attrs}
        for element in page.walk():
            for attr in ("src", "href", "srcset", "data", "poster", "action"):
                if attr not in element.attrs:
                    continue
                value = element.attrs[attr]
                if element.tag == "a" and attr == "href":
                    if value.startswith(("tel:", "mailto:", "https://")):
                        continue
                    if value.startswith("#"):
                        assert value[1:] in ids, value
                        continue
                # Everything else is a file of this region's web folder, by a relative path.
                assert not re.match(r"^[a-z][a-z0-9+.-]*:|^/", value), (element.tag, value)
                target = (path.parent / value).resolve()
                assert target.is_file() and (built / region / "web").resolve() in target.parents, value
        assert not [s for s in page.find_all("script") if "src" in s.attrs]
        assert not page.find_all("iframe", "object", "embed", "form")
        script = " ".join(s.text() for s in page.find_all("script"))
        assert "cookie" not in script and "localStorage" not in script and "fetch(" not in script
        css = (path.parent / "style.css").read_text(encoding="utf-8")
        assert "@import" not in css and not re.search(r"url\(|https?://|//", css.split("*/", 1)[1])


def test_style_sheet_text_colours_have_enough_contrast() -> None:
    """The colour pairs the style sheet sets text in, computed from its own values (WCAG 2.1's
    relative luminance): at least 4.5:1 (AA; the sheet aims at 7:1)."""
    css = (ROOT / "layouts/web/style.css").read_text(encoding="utf-8")
    colours = dict(re.findall(r"--([a-z-]+):\s*(#[0-9a-f]{6});", css))

    def luminance(hex_colour: str) -> float:
        channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    def contrast(a: str, b: str) -> float:
        high, low = sorted([luminance(colours[a]), luminance(colours[b])], reverse=True)
        return (high + 0.05) / (low + 0.05)

    pairs = [("ink", "paper"), ("ink", "accent-light"), ("accent", "paper"), ("accent", "accent-light"), ("paper", "alert")]
    pairs += [("muted", "paper"), ("ink", "focus")]
    for text, background in pairs:
        assert contrast(text, background) >= 4.5, (text, background, round(contrast(text, background), 2))


def test_phone_links_are_international() -> None:
    assert tel_href("112") == "tel:112"
    assert tel_href("0800 2000") == "tel:+318002000"
    assert tel_href("0900 8844") == "tel:+319008844"
    assert tel_href("013 751 6750") == "tel:+31137516750"
    assert phone_text("013 751 6750", "nl") == "013 751 6750"
    assert phone_text("013 751 6750", "en") == "+31 13 751 6750"
    assert phone_text("0800 2000", "en") == "0800 2000"  # not dialled with +31 from abroad
    assert phone_text("112", "en") == "112"


def test_pdfs_show_their_title_and_language(built: Path) -> None:
    for pdf in sorted(built.rglob("*.pdf")):
        reader = PdfReader(pdf)
        root: Any = reader.trailer["/Root"]
        shown = root["/ViewerPreferences"]["/DisplayDocTitle"]
        assert isinstance(shown, BooleanObject) and bool(shown), pdf
        assert root["/Lang"] == "nl-NL"
        assert reader.metadata is not None and reader.metadata.title


def test_proof_page_links_the_web_pages(built: Path) -> None:
    overview = parse_file(built / "index.html")
    for region in COMPLETE:
        assert f"{region}/web/nl/index.html" in _hrefs(overview)
        own = parse_file(built / region / "index.html")
        assert f"../{region}/web/nl/index.html" in _hrefs(own)


# --- languages, drafts, escaping --------------------------------------------------------------


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _review(project: Path, lang: str) -> None:
    """Every string of a pack (and of the region texts) recorded as reviewed, as an XLIFF import would."""
    from generator.inputs.sources import load_sources
    from generator.translations.records import record, write_records

    sources = load_sources(project / "sources", date(2026, 12, 1))
    translations = sources.translations[lang]
    reviews = {(k.file, k.key): record(k, "Test Reviewer", date(2026, 12, 1)) for k in translations.keys if k.text}
    write_records(sources, translations, reviews)


def test_languages_drafts_and_the_language_menu(project: Path, build_in: Callable[..., int]) -> None:
    out = project / "output"
    assert build_in("--region", "utrecht", "--product", "pocket-card") == 0
    assert build_in("--region", "utrecht", "--product", "pocket-card", "--lang", "en") == 0
    en, nl = parse_file(_page(out, "utrecht", "en")), parse_file(_page(out, "utrecht", "nl"))
    assert en.find_all("html")[0].attrs["lang"] == "en-GB"
    # An unreviewed pack is a draft: said in words at the top, kept out of search engines, not offered from the Dutch page.
    draft = [p for p in en.find_all("p") if "draft" in p.attrs.get("class", "")]
    assert draft and draft[0].text().startswith("DRAFT")
    assert any(m.attrs.get("name") == "robots" and "noindex" in m.attrs["content"] for m in en.find_all("meta"))
    assert "../en/index.html" not in _hrefs(nl) and not [n for n in nl.find_all("nav") if n.attrs.get("class") == "languages"]
    menu = next(n for n in en.find_all("nav") if n.attrs.get("class") == "languages")
    items = {a.attrs["href"]: a for a in menu.find_all("a")}
    assert items["../nl/index.html"].attrs["lang"] == "nl" and items["../nl/index.html"].attrs["hreflang"] == "nl"
    assert items["../nl/index.html"].text() == "Nederlands" and items["index.html"].attrs["aria-current"] == "page"
    # Region text in the page's language (roles given per language, 24/7 and free of charge as data): no Dutch.
    assert any(p.text() == "Regional advice and reporting centre" for p in en.find_all("p"))
    assert "(24/7, free of charge, only from NL)" in en.text() and "gratis" not in en.text() and "Regionaal advies" not in en.text()
    assert next(h for h in en.find_all("h2") if h.text() == "Help and advice").lang() == "en-GB"
    assert "+31 33 448 1186" in [a.text() for a in en.find_all("a")]  # dialled from abroad
    # Reviewed, English is offered from the Dutch page and the other way round.
    _review(project, "en")
    assert build_in("--region", "utrecht", "--product", "pocket-card", "--lang", "nl", "--lang", "en") == 0
    nl = parse_file(_page(out, "utrecht", "nl"))
    link = next(a for a in nl.find_all("a") if a.attrs.get("href") == "../en/index.html")
    assert link.text() == "English" and link.attrs["lang"] == "en" and link.attrs["hreflang"] == "en"
    rows = {r["path"]: r for r in json.loads((out / "manifest.json").read_text(encoding="utf-8"))["web"]}
    assert rows[web_path("utrecht", "nl")]["languages"] == ["nl", "en"] and rows[web_path("utrecht", "en")]["draft"] is False


def test_a_language_without_web_words_gets_the_english_ones_marked_english(
    project: Path, build_in: Callable[..., int], capsys: pytest.CaptureFixture[str]
) -> None:
    words = project / "layouts/web/words.yaml"
    text = words.read_text(encoding="utf-8")
    words.write_text(text[: text.index("\npl:\n")] + text[text.index("\nro:\n") :], encoding="utf-8")  # no Polish words
    pl = project / "sources/content/pl.yaml"
    shutil.copy(project / "sources/content/en.yaml", pl)
    _edit(pl, "lang: en", "lang: pl")
    _edit(pl, "language: English", "language: Polski")
    assert build_in("--region", "utrecht", "--product", "pocket-card", "--lang", "pl") == 0
    assert "layouts/web/words.yaml: no words for the web page in 'pl'; its pages use the English ones" in capsys.readouterr().out
    page = parse_file(_page(project / "output", "utrecht", "pl"))
    assert page.find_all("html")[0].attrs["lang"] == "pl-PL"
    exit_link = page.by_id("quick-exit")
    assert exit_link is not None and exit_link.text() == "Quick exit" and exit_link.lang() == "en"


def test_a_draft_region_page_is_marked_and_has_no_empty_contact_list(project: Path, build_in: Callable[..., int]) -> None:
    assert build_in("--region", "twente", "--product", "pocket-card") == 0
    page = parse_file(_page(project / "output", "twente"))
    assert page.find_all("title")[0].text().startswith("CONCEPT: ")
    assert all(ul.find_all("li") for ul in page.find_all("ul"))
    assert "Regio Twente" not in [h.text() for h in page.find_all("h3")]  # no regional contacts: no heading for them
    assert "tel:+31334481186" in _hrefs(page)  # the national contacts still are


def test_content_is_escaped_and_bold_becomes_strong(project: Path, build_in: Callable[..., int]) -> None:
    region = project / "sources/regions/utrecht.yaml"
    _edit(region, "nl: Regionaal advies- en meldpunt\n", 'nl: "Advies & **meldpunt** <script>alert(1)</script>"\n')
    assert build_in("--region", "utrecht", "--product", "pocket-card") == 0
    text = _page(project / "output", "utrecht").read_text(encoding="utf-8")
    assert "Advies &amp; <strong>meldpunt</strong> &lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "<script>alert" not in text


def test_logo_when_a_region_names_one(project: Path, tmp_path: Path) -> None:
    """Region files get ``logo:`` with issue #12; until then the model is given one here."""
    sources = load_sources(project / "sources", date.fromisoformat(TODAY))
    (project / "sources/logos").mkdir()
    Image.new("RGB", (300, 100), (11, 74, 125)).save(project / "sources/logos/test-logo.png")
    entry = sources.regions["utrecht"]
    assert entry.loaded is not None
    loaded = replace(entry.loaded, model=entry.loaded.model.model_copy(update={"logo": "test-logo.png"}))
    sources = replace(sources, regions={**sources.regions, "utrecht": replace(entry, loaded=loaded)})
    web, problems = load_web_layout(project / "layouts", WarmState(reuse=False))
    assert web is not None and not problems
    out = tmp_path / "out"
    rows: dict[str, dict[str, Any]] = {}
    WebBuild(Project(sources, {}, Templates(), (), web), web, out, InputDigests(), force=False).run([("utrecht", "nl")], rows, Report())
    page = parse_file(_page(out, "utrecht"))
    logo = page.find_all("img")[0]
    assert logo.attrs["src"] == "logo.png" and logo.attrs["alt"] == "Veilig Thuis Utrecht"
    with Image.open(out / "utrecht/web/nl/logo.png") as served, Image.open(project / "sources/logos/test-logo.png") as given:
        assert served.size == given.size and served.tobytes() == given.tobytes()  # the same pixels, encoded again (web/logo.py)
    assert "utrecht/web/nl/logo.png" in rows[web_path("utrecht", "nl")]["files"]
    assert not [p for p in page.find_all("p") if p.attrs.get("class") == "organisation"]  # the logo takes the name's place


# --- the build: settings, errors, change detection, withdrawal -------------------------------


def test_quick_exit_goes_where_settings_say(project: Path, build_in: Callable[..., int], capsys: pytest.CaptureFixture[str]) -> None:
    settings = project / "sources/settings.yaml"
    _edit(settings, "quick_exit_url: https://www.google.com", "quick_exit_url: www.example.org")
    assert build_in("--region", "utrecht", "--product", "pocket-card") == 0
    page = parse_file(_page(project / "output", "utrecht"))
    assert page.by_id("quick-exit").attrs["href"] == "https://www.example.org"  # type: ignore[union-attr]
    assert "www.example.org" in page.find_all("footer")[0].text()
    _edit(settings, "quick_exit_url: www.example.org", "quick_exit_url: http://www.example.org")
    before = _page(project / "output", "utrecht").read_bytes()
    capsys.readouterr()
    assert build_in("--region", "utrecht", "--product", "pocket-card") == 1
    line = next(n for n, text in enumerate(settings.read_text(encoding="utf-8").splitlines(), 1) if "quick_exit_url" in text)
    err = capsys.readouterr().err
    expected = "quick_exit_url: 'http://www.example.org' is not an https address; write it like https://www.google.com"
    assert f"settings.yaml:{line}: {expected}" in err
    assert "Traceback" not in err and _page(project / "output", "utrecht").read_bytes() == before


def test_web_layout_errors_name_file_and_line(project: Path, build_in: Callable[..., int], capsys: pytest.CaptureFixture[str]) -> None:
    page_html, words = project / "layouts/web/page.html", project / "layouts/web/words.yaml"
    original = page_html.read_text(encoding="utf-8")
    _edit(page_html, "<h1>{{ content.title }}</h1>", "<h1>{{ content.title }</h1>")
    line = next(n for n, text in enumerate(page_html.read_text(encoding="utf-8").splitlines(), 1) if "<h1>" in text)
    assert build_in("--region", "utrecht", "--product", "pocket-card") == 1
    err = capsys.readouterr().err
    assert f"layouts/web/page.html:{line}: template syntax: " in err and "nothing was written" in err
    assert not (project / "output/utrecht").exists()  # a broken shared file stops the run before anything is written
    page_html.write_text(original.replace("<h1>{{ content.title }}</h1>", "<h1>{{ content.titel }}</h1>"), encoding="utf-8")
    assert build_in("--region", "utrecht", "--product", "pocket-card") == 1
    err = capsys.readouterr().err
    assert f"layouts/web/page.html:{line}: template: 'dict object' has no attribute 'titel'; the names a page can use are listed" in err
    assert err.count("page.html") == 1 and (project / "output/utrecht/utrecht_pocket-card_nl_press.pdf").exists()
    assert run("validate", "--sources", str(project / "sources"), "--layouts", str(project / "layouts")) == 1
    assert f"layouts/web/page.html:{line}: template: 'dict object' has no attribute 'titel'" in capsys.readouterr().err
    page_html.write_text(original, encoding="utf-8")
    _edit(words, "  skip: Naar de inhoud", "  skp: Naar de inhoud")
    assert build_in("--region", "utrecht", "--product", "pocket-card") == 1
    err = capsys.readouterr().err
    assert "layouts/web/words.yaml:6: nl.skp: unknown key (did you mean 'skip'?)" in err


def test_pages_are_rewritten_only_when_their_inputs_change(
    project: Path, build_in: Callable[..., int], capsys: pytest.CaptureFixture[str]
) -> None:
    out = project / "output"
    assert build_in("--product", "pocket-card", "--mode", "press") == 0
    assert "web pages built 2 (up to date 0)" in capsys.readouterr().out
    stamps = {p: p.stat().st_mtime_ns for p in out.rglob("web/*/*")}
    assert len(stamps) == 4
    _edit(project / "layouts/pocket-card.yaml", "product: pocket-card", "product: pocket-card  # edited")  # the PDFs' layout only
    assert build_in("--product", "pocket-card", "--mode", "press") == 0
    assert "web pages built 0 (up to date 2)" in capsys.readouterr().out
    assert {p: p.stat().st_mtime_ns for p in out.rglob("web/*/*")} == stamps
    _edit(project / "sources/regions/utrecht.yaml", "    free: true\n", "    free: true\n    note: na een melding\n")
    assert build_in("--product", "pocket-card", "--mode", "press") == 0
    assert "web pages built 1 (up to date 1)" in capsys.readouterr().out
    assert "24/7, gratis, na een melding" in _page(out, "utrecht").read_text(encoding="utf-8")
    _edit(project / "layouts/web/style.css", ":root {", "/* edited */\n:root {")
    assert build_in("--product", "pocket-card", "--mode", "press") == 0
    assert "built 0, up to date 2" in (said := capsys.readouterr().out) and "web pages built 2 (up to date 0)" in said
    assert "/* edited */" in (out / "hart-van-brabant/web/nl/style.css").read_text(encoding="utf-8")
    _page(out, "hart-van-brabant").unlink()  # a page deleted by hand is noticed, also by the no-op fast path
    assert build_in("--product", "pocket-card", "--mode", "press") == 0
    assert "web pages built 1 (up to date 1)" in capsys.readouterr().out and _page(out, "hart-van-brabant").is_file()
    assert build_in("--product", "pocket-card", "--mode", "press") == 0
    assert "up to date: no source, layout or output changed" in capsys.readouterr().out


def test_a_region_made_a_draft_has_its_web_pages_withdrawn(project: Path, build_in: Callable[..., int]) -> None:
    out = project / "output"
    assert build_in("--product", "pocket-card", "--mode", "press") == 0
    assert _page(out, "utrecht").is_file()
    region = project / "sources/regions/utrecht.yaml"
    region.write_text("draft: true\n" + region.read_text(encoding="utf-8"), encoding="utf-8")
    assert build_in("--product", "pocket-card", "--mode", "press") == 0
    assert not (out / "utrecht" / "web").exists()
    rows = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["web"]
    assert [r["region"] for r in rows] == ["hart-van-brabant"]
    assert "utrecht/web/" not in (out / "index.html").read_text(encoding="utf-8")


def test_a_layouts_folder_without_web_builds_no_pages(project: Path, build_in: Callable[..., int]) -> None:
    shutil.rmtree(project / "layouts/web")
    assert build_in("--region", "utrecht", "--product", "pocket-card") == 0
    assert not (project / "output/utrecht/web").exists()
    assert "web" not in json.loads((project / "output/manifest.json").read_text(encoding="utf-8"))
