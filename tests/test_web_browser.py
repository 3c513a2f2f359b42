"""The web edition in a real browser: headless Chromium (Debian's), driven over the DevTools
protocol through a pipe (tests/browser.py), with axe-core (scripts/ensure-axe.sh) checking every
page against the WCAG 2.1 A and AA rules. Also: what the page loads, reflow at 320 px, the
keyboard path to the quick exit and what the quick exit does, focus visible, print styles.

One browser for the module; each page is loaded once for axe and the checks that read it.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Any

import pytest

from tests.browser import Browser, BrowserError, Tab
from tests.conftest import ROOT, run

WCAG21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PAGES = [("utrecht", "nl"), ("hart-van-brabant", "nl"), ("utrecht", "en"), ("twente", "nl")]  # en: a draft pack; twente: a draft region
QUICK_EXIT = "https://www.google.com"
TEXT_SPACING = (
    "<style>* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }"
    " p { margin-bottom: 2em !important; }</style>"
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every complete region in Dutch, Utrecht also in English (a draft pack) and the draft region Twente."""
    out = tmp_path_factory.mktemp("web")
    common = ["--sources", str(ROOT / "sources"), "--layouts", str(ROOT / "layouts"), "--out", str(out), "--no-proof"]
    assert run("build", *common, "--product", "pocket-card", "--mode", "press") == 0
    assert run("build", *common, "--product", "pocket-card", "--mode", "press", "--region", "utrecht", "--lang", "en") == 0
    assert run("build", *common, "--product", "pocket-card", "--mode", "press", "--region", "twente") == 0
    return out


def _axe(tab: Tab, source: str, tags: list[str]) -> dict[str, Any]:
    if not tab.evaluate("typeof window.axe === 'object'"):
        tab.evaluate(source)
    options = json.dumps({"runOnly": {"type": "tag", "values": tags}, "resultTypes": ["violations"]})
    result: dict[str, Any] = tab.evaluate(
        f"axe.run(document, {options}).then(r => ({{"
        "version: r.testEngine.version,"
        "rules: [...r.passes, ...r.violations, ...r.incomplete, ...r.inapplicable].map(x => x.id),"
        "violations: r.violations.map(v => ({id: v.id, help: v.help,"
        " nodes: v.nodes.map(n => n.target.join(' ') + ': ' + n.failureSummary)})),"
        "incomplete: r.incomplete.map(v => v.id)}))",
        await_promise=True,
    )
    return result


@pytest.mark.parametrize(("region", "lang"), PAGES)
def test_page_passes_wcag21_aa_in_a_browser(site: Path, browser: Browser, axe_source: str, region: str, lang: str) -> None:
    page = site / region / "web" / lang / "index.html"
    folder = page.parent.resolve()
    tab = browser.tab(1280, 900)
    try:
        tab.open(page.as_uri())
        # Everything the page loaded came from its own folder.
        requests = [e["params"]["request"]["url"] for e in tab.events("Network.requestWillBeSent")]
        assert requests and all(url.startswith(folder.as_uri() + "/") for url in requests), requests
        assert tab.evaluate("document.cookie") == ""
        # axe-core, the WCAG 2.1 A and AA rules: no violation. ("incomplete" are the checks a person must make.)
        result = _axe(tab, axe_source, WCAG21_AA)
        assert result["violations"] == [], json.dumps(result["violations"], indent=1)
        assert {"color-contrast", "html-has-lang", "valid-lang", "link-name", "list", "listitem", "bypass"} <= set(result["rules"])
        assert result["incomplete"] == [], result["incomplete"]
        # axe's best practices too: one main, headings in order, every part of the page in a landmark.
        practice = _axe(tab, axe_source, ["best-practice"])
        assert practice["violations"] == [], json.dumps(practice["violations"], indent=1)
        # 320 CSS px wide (a 1280 px screen at 400 %, a small phone): no horizontal scrolling.
        tab.resize(320, 640)
        assert tab.evaluate("document.documentElement.scrollWidth") <= 320
        assert tab.evaluate("[...document.querySelectorAll('body *')].every(e => e.getBoundingClientRect().right <= 320.5)")
        # ... also with the text spacing a reader may set (WCAG 1.4.12): nothing cut off or pushed sideways.
        tab.evaluate(f"document.head.insertAdjacentHTML('beforeend', {json.dumps(TEXT_SPACING)})")
        assert tab.evaluate("document.documentElement.scrollWidth") <= 320
        clipped = (
            "[...document.querySelectorAll('body *')]"
            ".filter(e => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible')"
        )
        assert tab.evaluate(f"{clipped}.length") == 0
        # Printed: no quick exit, no menus; the contacts stay.
        tab.send("Emulation.setEmulatedMedia", {"media": "print"})
        shown = "e => getComputedStyle(document.querySelector(e)).display"
        assert tab.evaluate(f"({shown})('.exit-bar')") == "none" and tab.evaluate(f"({shown})('.toc')") == "none"
        assert tab.evaluate(f"({shown})('.help')") != "none"
    finally:
        tab.close()


def _focused(tab: Tab) -> dict[str, Any]:
    value: dict[str, Any] = tab.evaluate(
        "(() => { const e = document.activeElement, r = e.getBoundingClientRect(), s = getComputedStyle(e);"
        " return {id: e.id, href: e.getAttribute('href'), tag: e.tagName, top: r.top, bottom: r.bottom, left: r.left, right: r.right,"
        " outline: s.outlineStyle, outlineWidth: parseFloat(s.outlineWidth), background: s.backgroundColor,"
        " inView: r.top >= 0 && r.bottom <= innerHeight && r.left >= 0 && r.right <= innerWidth}; })()"
    )
    return value


def test_keyboard_reaches_the_quick_exit_first_and_it_leaves_at_once(site: Path, browser: Browser) -> None:
    page = (site / "utrecht" / "web" / "nl" / "index.html").as_uri()
    tab = browser.tab(390, 844)
    try:
        # The neutral site is answered by the test itself (no network here): the browser really goes there.
        tab.send("Fetch.enable", {"patterns": [{"urlPattern": f"{QUICK_EXIT}*", "resourceType": "Document"}]})
        tab.open(page)
        tab.tab_key()
        focused = _focused(tab)
        assert focused["id"] == "quick-exit" and focused["href"] == QUICK_EXIT and focused["inView"]
        assert focused["outline"] != "none" and focused["outlineWidth"] >= 2  # focus is visible
        tab.tab_key()
        focused = _focused(tab)
        assert focused["href"] == "#main" and focused["inView"]  # the skip link shows itself when focused
        tab.enter_key()
        assert tab.evaluate("document.activeElement.id") == "main"
        # Scrolled to the end of the page, the quick exit is still on screen.
        tab.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        assert tab.evaluate("window.scrollY") > 1000
        rect = "document.getElementById('quick-exit').getBoundingClientRect()"
        assert tab.evaluate(f"{rect}.top >= 0 && {rect}.bottom <= innerHeight")
        # Enter on the quick exit: with scripts it replaces this page in the history, so Back does not return to it.
        tab.open(page)
        history = tab.evaluate("history.length")
        tab.tab_key()
        tab.enter_key()
        paused = tab.wait_for("Fetch.requestPaused")
        assert paused["params"]["request"]["url"].rstrip("/") == QUICK_EXIT
        body = "PGh0bWw+PHRpdGxlPm5ldXRyYWFsPC90aXRsZT48L2h0bWw+"  # <html><title>neutraal</title></html>
        tab.send("Fetch.fulfillRequest", {"requestId": paused["params"]["requestId"], "responseCode": 200, "body": body})
        tab.wait_for("Page.loadEventFired")
        assert tab.evaluate("location.href").startswith(QUICK_EXIT) and tab.evaluate("document.title") == "neutraal"
        assert tab.evaluate("history.length") == history
        # Without scripts it is still a link that leaves at once.
        tab.send("Emulation.setScriptExecutionDisabled", {"value": True})
        tab.open(page)
        tab.tab_key()
        assert _focused(tab)["id"] == "quick-exit"
        tab.enter_key()
        paused = tab.wait_for("Fetch.requestPaused")
        assert paused["params"]["request"]["url"].rstrip("/") == QUICK_EXIT
        tab.send("Fetch.fulfillRequest", {"requestId": paused["params"]["requestId"], "responseCode": 200, "body": body})
        tab.wait_for("Page.loadEventFired")
        tab.send("Emulation.setScriptExecutionDisabled", {"value": False})
        assert tab.evaluate("location.href").startswith(QUICK_EXIT)
    finally:
        with contextlib.suppress(BrowserError):
            tab.close()


def test_the_language_menu_moves_between_editions(site: Path, browser: Browser) -> None:
    tab = browser.tab(1280, 900)
    try:
        tab.open((site / "utrecht" / "web" / "en" / "index.html").as_uri())
        assert tab.evaluate("document.documentElement.lang") == "en-GB"
        tab.evaluate("document.querySelector('nav.languages a[hreflang=nl]').click()")
        tab.wait_for("Page.loadEventFired")
        assert tab.evaluate("location.pathname").endswith("/utrecht/web/nl/index.html")
        assert tab.evaluate("document.documentElement.lang") == "nl-NL"
    finally:
        tab.close()


@pytest.mark.parametrize(("region", "lang"), PAGES)
def test_help_comes_first_on_a_small_phone(site: Path, browser: Browser, region: str, lang: str) -> None:
    """At 360 px the first contact link starts within the first two screen heights (issue #21:
    it was ~7,700 px down a ~9,000 px page), and it comes before every explanation."""
    tab = browser.tab(360, 640)
    try:
        tab.open((site / region / "web" / lang / "index.html").as_uri())
        first = tab.evaluate(
            "(() => { const a = document.querySelector('ul.contacts a'), r = a.getBoundingClientRect();"
            " return {href: a.getAttribute('href'), top: r.top + scrollY, screen: innerHeight,"
            " toc: document.querySelector('nav.toc').getBoundingClientRect().top + scrollY,"
            " page: document.documentElement.scrollHeight}; })()"
        )
        assert first["href"].startswith(("tel:", "mailto:")), first
        assert first["top"] <= 2 * first["screen"], first
        assert first["top"] < first["toc"] < first["page"], first
        # an email or web address is never split over two lines at its hyphen ("samen-" / "veilig.nl")
        split = tab.evaluate(
            "[...document.querySelectorAll('ul.ways a[href^=\"mailto:\"], ul.ways a[href^=\"https:\"]')]"
            ".filter(a => a.getClientRects().length > 1 || a.getBoundingClientRect().height > 40).map(a => a.textContent)"
        )
        assert split == [], split
    finally:
        tab.close()


def test_escape_leaves_like_the_quick_exit(site: Path, browser: Browser) -> None:
    """The Escape key, wherever the focus is, leaves for the neutral site and takes the page out of Back."""
    page = (site / "utrecht" / "web" / "nl" / "index.html").as_uri()
    body = "PGh0bWw+PHRpdGxlPm5ldXRyYWFsPC90aXRsZT48L2h0bWw+"  # <html><title>neutraal</title></html>
    tab = browser.tab(360, 640)
    try:
        tab.send("Fetch.enable", {"patterns": [{"urlPattern": f"{QUICK_EXIT}*", "resourceType": "Document"}]})
        for focus in ("", "document.querySelector('ul.contacts a').focus()"):
            tab.open(page)
            if focus:
                tab.evaluate(focus)
                assert tab.evaluate("document.activeElement.closest('ul.contacts') !== null")
            history = tab.evaluate("history.length")
            tab.press("Escape", "Escape", 27)
            paused = tab.wait_for("Fetch.requestPaused")
            assert paused["params"]["request"]["url"].rstrip("/") == QUICK_EXIT
            tab.send("Fetch.fulfillRequest", {"requestId": paused["params"]["requestId"], "responseCode": 200, "body": body})
            tab.wait_for("Page.loadEventFired")
            assert tab.evaluate("document.title") == "neutraal"
            assert tab.evaluate("history.length") == history  # replaced, not added: Back does not return to the page
        # Another key does nothing.
        tab.open(page)
        tab.press("a", "KeyA", 65)
        assert tab.evaluate("location.href") == page
    finally:
        with contextlib.suppress(BrowserError):
            tab.close()


def test_the_page_runs_only_its_own_script_and_loads_nothing_from_elsewhere(site: Path, browser: Browser, tmp_path: Path) -> None:
    """The page's Content-Security-Policy, read back by the browser: its stylesheet applies and its
    own quick-exit script runs (test_escape_leaves_like_the_quick_exit), while a script put into
    a copy of the page afterwards, and a picture from elsewhere, are refused."""
    page = site / "utrecht" / "web" / "nl" / "index.html"
    html = page.read_text(encoding="utf-8")
    assert html.count('http-equiv="Content-Security-Policy"') == 1
    assert html.index("Content-Security-Policy") < html.index("<title>")  # before anything it governs
    copy = tmp_path / "web"
    copy.mkdir()
    for name in ("style.css",):
        (copy / name).write_bytes((page.parent / name).read_bytes())
    injected = '<script>document.title = "injected"</script><img id="far" src="https://example.invalid/x.png"></body>'
    (copy / "index.html").write_text(html.replace("</body>", injected), encoding="utf-8")
    tab = browser.tab(360, 640)
    try:
        tab.open(page.as_uri())
        assert tab.evaluate("getComputedStyle(document.querySelector('a.quick-exit')).backgroundColor") not in ("", "rgba(0, 0, 0, 0)")
        tab.open((copy / "index.html").as_uri())
        assert tab.evaluate("document.title") != "injected"
        assert tab.evaluate("document.querySelector('#far').naturalWidth") == 0
        assert tab.evaluate("getComputedStyle(document.querySelector('a.quick-exit')).backgroundColor") not in ("", "rgba(0, 0, 0, 0)")
    finally:
        tab.close()
