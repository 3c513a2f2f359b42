"""The editor in headless Chromium (tests/browser.py) against a real ``drukwerk serve``: a
coordinator changes a phone number, sees the preview, proposes; the editor approves; the file,
the rebuilt pocket card and the history follow. axe-core (WCAG 2.1 A and AA) on every kind of
page; 360 px wide; no script on any page, so saving and approving work without JavaScript."""

from __future__ import annotations

import json
import time
from typing import Any

import pdfplumber

from generator.inputs.phones import format_dutch_phone
from tests.browser import Browser, Tab
from tests.editor_site import PASSWORD, Served

WCAG21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
NEW_PHONE = "030 123 45 67"


def axe_violations(tab: Tab, source: str) -> list[Any]:
    tab.evaluate(source)
    options = json.dumps({"runOnly": {"type": "tag", "values": WCAG21_AA}, "resultTypes": ["violations"]})
    found: list[Any] = tab.evaluate(
        f"axe.run(document, {options}).then(r => r.violations.map(v => ({{id: v.id,"
        f" nodes: v.nodes.map(n => n.target.join(' ') + ': ' + n.failureSummary)}})))",
        await_promise=True,
    )
    return found


def submit(tab: Tab, button: str) -> None:
    """Press a form's button (its name and value go with the form, as a click sends them) and wait for the next page."""
    tab.evaluate(f"(() => {{ const b = document.querySelector({json.dumps(button)}); b.form.requestSubmit(b); }})()")
    tab.wait_for("Page.loadEventFired")


def fill(tab: Tab, values: dict[str, str]) -> None:
    for selector, value in values.items():
        tab.evaluate(f"document.querySelector({json.dumps(selector)}).value = {json.dumps(value)}")


def sign_in(tab: Tab, served: Served, name: str) -> None:
    tab.open(f"{served.url}/login/")
    fill(tab, {"#id_username": name, "#id_password": PASSWORD})
    submit(tab, "form.narrow button[type=submit]")
    assert tab.evaluate("location.pathname") == "/", f"{name} is not signed in"


def check_page(tab: Tab, axe: str, what: str) -> None:
    violations = axe_violations(tab, axe)
    assert violations == [], f"{what}: {json.dumps(violations, indent=1)}"
    assert tab.evaluate("document.scripts.length") == 0, what  # nothing to run: it all works without JavaScript
    tab.resize(360, 740)
    try:
        assert tab.evaluate("document.documentElement.scrollWidth") <= 360, f"{what}: wider than 360 px"
    finally:
        tab.resize(1280, 900)


def test_a_coordinator_proposes_and_the_editor_approves_in_a_browser(served: Served, browser: Browser, axe_source: str) -> None:
    before = served.site.region_file().read_text(encoding="utf-8")
    tab = browser.tab()
    try:
        tab.open(f"{served.url}/login/")
        check_page(tab, axe_source, "login")
        sign_in(tab, served, "anna")
        check_page(tab, axe_source, "overview")

        tab.open(f"{served.url}/regions/utrecht/")
        fill(tab, {"#i-c0-phone": "12345"})
        submit(tab, "button[value=preview]")
        assert tab.evaluate("document.querySelector('#f-c0-phone .error') !== null")
        assert tab.evaluate("document.querySelector('#i-c0-phone').getAttribute('aria-invalid')") == "true"
        check_page(tab, axe_source, "region page with a field error")

        fill(tab, {"#i-c0-phone": NEW_PHONE, "#i-c0-verified": "2026-12-01"})  # the new number, checked today
        submit(tab, "button[value=preview]")
        shown = tab.evaluate("[...document.querySelectorAll('.previews img')].map(i => [i.alt, i.naturalWidth])")
        assert len(shown) == 3 and all(width > 300 for _, width in shown), shown
        assert served.site.region_file().read_text(encoding="utf-8") == before
        check_page(tab, axe_source, "region page with a preview")
        submit(tab, "button[value=propose]")
        assert "/proposals/" in tab.evaluate("location.pathname")
        assert NEW_PHONE in tab.evaluate("document.querySelector('table.diff').innerText")
        check_page(tab, axe_source, "proposal")
        proposal = tab.evaluate("location.pathname")
        submit(tab, "form[action='/logout/'] button")

        sign_in(tab, served, "eva")
        tab.open(f"{served.url}{proposal}")
        submit(tab, "button[value=approve]")
        deadline = time.monotonic() + 60
        while "bezig" in tab.evaluate("document.querySelector('.facts').innerText") and time.monotonic() < deadline:
            time.sleep(0.5)
            tab.open(f"{served.url}{proposal}")
        assert "gelukt" in tab.evaluate("document.querySelector('.facts').innerText")

        after = served.site.region_file().read_text(encoding="utf-8")
        assert f"phone: {NEW_PHONE}" in after
        assert [line for line in after.splitlines() if "#" in line] == [line for line in before.splitlines() if "#" in line]
        with pdfplumber.open(served.site.out / "utrecht" / "utrecht_pocket-card_nl_press.pdf") as pdf:
            assert format_dutch_phone(NEW_PHONE) in (pdf.pages[1].extract_text() or "")

        tab.open(f"{served.url}/regions/utrecht/history/")
        text = tab.evaluate("document.body.innerText")
        assert "Anna de Vries" in text and "Eva Smit" in text
        check_page(tab, axe_source, "history")
    finally:
        tab.close()


def test_a_translator_changes_a_text_and_another_reviews_it_in_a_browser(served: Served, browser: Browser, axe_source: str) -> None:
    pack = served.site.sources / "content" / "pl.yaml"
    new = "Rozpoznaj sygnały i wiedz, gdzie szukać pomocy"
    tab = browser.tab()
    try:
        tab.send("Network.clearBrowserCookies")  # whoever the module's earlier test left signed in
        sign_in(tab, served, "piotr")
        assert tab.evaluate("!!document.querySelector('a[href=\"/translations/pl/\"]')")
        tab.open(f"{served.url}/translations/pl/")
        first = tab.evaluate("document.querySelector('table.keys tbody tr .tag').innerText")
        assert first in ("verouderd", "ontbreekt", "vertaald"), first  # the keys that need work come first
        check_page(tab, axe_source, "a language's keys")
        tab.resize(360, 740)  # on a phone each key is a card: its Dutch and translation get the width, not 32 px
        try:
            cells = "document.querySelectorAll('table.keys tbody tr:first-child td')"
            widths = tab.evaluate(f"[...{cells}].map(c => c.getBoundingClientRect().width)")
            assert widths and min(widths) > 250, widths
        finally:
            tab.resize(1280, 900)

        tab.open(f"{served.url}/translations/pl/key/?file=content/pl.yaml&key=subtitle")
        fill(tab, {"#i-text": new})
        submit(tab, "button[value=preview]")
        shown = tab.evaluate("[...document.querySelectorAll('.previews img')].map(i => [i.alt, i.naturalWidth])")
        assert shown and all(width > 200 for _, width in shown), shown
        assert new not in pack.read_text(encoding="utf-8")
        check_page(tab, axe_source, "a key with a preview")
        submit(tab, "button[value=save]")
        assert "Opgeslagen" in tab.evaluate("document.querySelector('.messages').innerText")
        assert f"subtitle: {new}\n" in pack.read_text(encoding="utf-8")
        assert "zelf vertaald" in tab.evaluate("document.querySelector('#nakijken').parentElement.innerText")
        check_page(tab, axe_source, "a key just translated")
        submit(tab, "form[action='/logout/'] button")

        sign_in(tab, served, "ola")
        tab.open(f"{served.url}/translations/pl/key/?file=content/pl.yaml&key=subtitle")
        submit(tab, "button[value=review]")
        assert "Nagekeken" in tab.evaluate("document.querySelector('.messages').innerText")
        assert "reviewed_by: Ola Wiśniewska" in (served.site.sources / "content" / "pl.provenance.yaml").read_text(encoding="utf-8")
        tab.open(f"{served.url}/translations/pl/history/")
        text = tab.evaluate("document.body.innerText")
        assert "Piotr Nowak" in text and "Ola Wiśniewska" in text
        check_page(tab, axe_source, "a language's history")
    finally:
        tab.close()
