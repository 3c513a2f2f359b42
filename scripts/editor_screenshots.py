"""Take the README's pictures of the editor (docs/editor-*.png) in headless Chromium, against a
real ``drukwerk serve`` on a copy of the sample sources: sign in, change a number, preview,
propose, approve, history; a translator's keys, a key with its preview, a review. Run:
.venv/bin/python scripts/editor_screenshots.py [translations]   (translations: only those pictures)"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser import Browser, Tab, find_browser  # noqa: E402
from tests.editor_site import PASSWORD, start_server, stop_server  # noqa: E402

DOCS = ROOT / "docs"


def submit(tab: Tab, selector: str) -> None:
    tab.evaluate(f"(() => {{ const b = document.querySelector({json.dumps(selector)}); b.form.requestSubmit(b); }})()")
    tab.wait_for("Page.loadEventFired")


def sign_in(tab: Tab, url: str, name: str) -> None:
    tab.open(f"{url}/login/")
    tab.evaluate(f"document.querySelector('#id_username').value = '{name}'; document.querySelector('#id_password').value = '{PASSWORD}'")
    submit(tab, "form.narrow button[type=submit]")


def shoot(tab: Tab, name: str, height: int | None = None) -> None:
    time.sleep(0.3)
    tab.screenshot(DOCS / f"editor-{name}.png", full_page=height is None)
    print(f"wrote docs/editor-{name}.png")


def translator_pictures(tab: Tab, url: str) -> None:
    sign_in(tab, url, "piotr")
    tab.resize(1100, 900)
    tab.open(f"{url}/translations/pl/")
    shoot(tab, "translations", 900)
    tab.resize(1100, 1400)
    tab.open(f"{url}/translations/pl/key/?file=content/pl.yaml&key=subtitle")
    tab.evaluate("document.querySelector('#i-text').value = 'Rozpoznaj sygnały i wiedz, gdzie szukać pomocy'")
    submit(tab, "button[value=preview]")
    shoot(tab, "translation-preview", 1400)
    submit(tab, "button[value=save]")
    submit(tab, "form[action='/logout/'] button")
    sign_in(tab, url, "ola")
    tab.resize(1100, 800)
    tab.open(f"{url}/translations/pl/key/?file=content/pl.yaml&key=subtitle")
    shoot(tab, "translation-review", 800)
    submit(tab, "form[action='/logout/'] button")


def main() -> None:
    executable = find_browser()
    if executable is None:
        raise SystemExit("Chromium is not installed")
    with tempfile.TemporaryDirectory() as tmp:
        served = start_server(Path(tmp))
        try:
            with Browser(executable, Path(tmp) / "profile") as browser:
                tab = browser.tab(1100, 640)
                if sys.argv[1:] == ["translations"]:
                    translator_pictures(tab, served.url)
                    return
                tab.open(f"{served.url}/login/")
                shoot(tab, "login", 640)
                sign_in(tab, served.url, "anna")
                tab.resize(1100, 1500)
                tab.open(f"{served.url}/regions/utrecht/")
                tab.evaluate("document.querySelector('#i-c0-phone').value = '030 123 45 67'")
                tab.evaluate("document.querySelector('#i-c0-verified').value = '2026-12-01'")
                submit(tab, "button[value=preview]")
                tab.evaluate("document.querySelector('#f-c0-phone').scrollIntoView()")
                shoot(tab, "region-preview", 1500)
                tab.evaluate("document.querySelector('#i-c0-phone').value = '12345'")
                submit(tab, "button[value=preview]")
                tab.resize(1100, 900)
                shoot(tab, "field-error", 900)
                tab.evaluate("document.querySelector('#i-c0-phone').value = '030 123 45 67'")
                tab.evaluate("document.querySelector('#i-c0-verified').value = '2026-12-01'")
                submit(tab, "button[value=propose]")
                proposal = tab.evaluate("location.pathname")
                submit(tab, "form[action='/logout/'] button")
                sign_in(tab, served.url, "eva")
                tab.resize(1100, 700)
                shoot(tab, "overview", 700)
                tab.open(f"{served.url}{proposal}")
                shoot(tab, "proposal")
                submit(tab, "button[value=approve]")
                for _ in range(60):
                    if "bezig" not in tab.evaluate("document.querySelector('.facts').innerText"):
                        break
                    time.sleep(0.5)
                    tab.open(f"{served.url}{proposal}")
                tab.open(f"{served.url}/regions/utrecht/history/")
                shoot(tab, "history")
                tab.resize(360, 740)
                tab.open(f"{served.url}/regions/utrecht/")
                shoot(tab, "phone", 740)
        finally:
            stop_server(served)


if __name__ == "__main__":
    main()
