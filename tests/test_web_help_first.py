"""The web page puts help first (issue #21, item 4), read from the pages the build wrote: the
region's contacts come right after the 112 box, before the table of contents and every
explanation; the quick exit announces its Escape key; one line says how to leave no trace; no
sentence is printed twice. In a real browser (the 360 px measure, Escape really leaving):
tests/test_web_browser.py."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import yaml

from tests.conftest import ROOT
from tests.webpages import Element, parse_file

COMPLETE = ["hart-van-brabant", "utrecht"]
WORDS = yaml.safe_load((ROOT / "layouts" / "web" / "words.yaml").read_text(encoding="utf-8"))
NL = yaml.safe_load((ROOT / "sources" / "content" / "nl.yaml").read_text(encoding="utf-8"))


def _classes(e: Element) -> list[str]:
    return e.attrs.get("class", "").split()


def _main(out: Path, region: str) -> Element:
    return parse_file(out / region / "web" / "nl" / "index.html").find_all("main")[0]


def test_the_contacts_come_right_after_the_112_box(built: Path) -> None:
    for region in COMPLETE:
        main = _main(built, region)
        blocks = [c for c in main.children if isinstance(c, Element)]
        kinds = [(b.tag, _classes(b)) for b in blocks]
        emergency = next(i for i, b in enumerate(blocks) if "emergency" in _classes(b))
        assert "help" in _classes(blocks[emergency + 1]), kinds  # nothing between 112 and the help
        assert [b.tag for b in blocks[: emergency + 1]] == ["h1", "p", "p", "p"], kinds  # title, subtitle, key message, 112
        assert all(b.tag in ("nav", "section") for b in blocks[emergency + 2 :]), kinds  # then the table of contents and the rest
        # the region's own contacts before the national ones, every one of them a link
        help_ = blocks[emergency + 1]
        headings = [h.text() for h in help_.find_all("h3")]
        name = yaml.safe_load((ROOT / "sources" / "regions" / f"{region}.yaml").read_text(encoding="utf-8"))["name"]
        assert headings == [f"{NL['labels']['region']} {name}", NL["labels"]["national_title"]]
        assert help_.find_all("a")[0].attrs["href"].startswith(("tel:", "mailto:"))
        # only one 112 box on the page
        assert len([e for e in main.walk() if "emergency" in _classes(e)]) == 1


def _sentences(root: Element) -> list[str]:
    """Every sentence of running text (paragraphs, list items, definitions), table of contents left out."""
    leaves = [
        e
        for e in root.walk()
        if e.tag in ("p", "li", "dd")
        and not any(isinstance(c, Element) and c.tag in ("ul", "li", "p") for c in e.children)
        and not any(a.tag == "nav" for a in _ancestors(e))
    ]
    return [s for e in leaves for s in re.split(r"(?<=[.?!])\s+", e.text()) if len(s.split()) >= 2]


def _ancestors(e: Element) -> list[Element]:
    out = []
    node = e.parent
    while node is not None:
        out.append(node)
        node = node.parent
    return out


def test_no_sentence_is_printed_twice(built: Path) -> None:
    for region in COMPLETE:
        body = parse_file(built / region / "web" / "nl" / "index.html").find_all("body")[0]
        counts = Counter(s.lower().rstrip(".") for s in _sentences(body))
        assert [s for s, n in counts.items() if n > 1] == [], region
        text = body.text()
        assert text.count(NL["doubt"]["text"]) == 1  # "Twijfel je? ...", once, with the contacts
        assert NL["emergency"]["text"] not in text  # the steps end with 112 already, the box says it at the top


def test_the_quick_exit_answers_escape_and_the_page_says_how_to_leave_no_trace(built: Path) -> None:
    for region in COMPLETE:
        page = parse_file(built / region / "web" / "nl" / "index.html")
        exit_link = page.by_id("quick-exit")
        assert exit_link is not None and exit_link.attrs["aria-keyshortcuts"] == "Escape"
        header = page.find_all("header")[0]
        line = [p for p in header.find_all("p") if "no-trace" in _classes(p)]
        assert [p.text() for p in line] == [WORDS["nl"]["no_trace"]]
        assert "privévenster" in line[0].text() and "browsergeschiedenis" in line[0].text()
        footer = page.find_all("footer")[0].text()
        assert "Esc" in footer
        script = page.find_all("script")[0].text()
        assert '"Escape"' in script and "location.replace" in script
    for lang, words in WORDS.items():  # every language has the line, and names the key
        assert words["no_trace"] and "Esc" in words["quick_exit_note"], lang
