"""The translator in the editor, through Django's test client: a translator of a language sees
every key of it (stale first) with its Dutch, its state and where it is printed; changes a text
(checked as ``validate`` checks it, written with its comments, recorded in the provenance sidecar,
committed, rebuilt); another translator marks it reviewed, never its own translator; and no one
gets at a language or a region that is not theirs. (A real browser: test_editor_browser.py.)"""

from __future__ import annotations

import html
import re
import subprocess
import sys
from typing import Any

import pdfplumber
import pytest
import yaml

from generator.inputs.provenance import digest
from tests.conftest import run
from tests.editor_site import DAY, Site, django_ready, site
from tests.test_editor_flow import client, comment_lines

__all__ = ["django_ready", "site"]  # fixtures, used by name

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

PACK = "content/pl.yaml"
SUBTITLE_NL = "Herken de signalen en weet waar je terecht kunt"
NEW_SUBTITLE = "Rozpoznaj sygnały i wiedz, gdzie szukać pomocy"


def key_url(key: str, file: str = PACK, lang: str = "pl") -> str:
    from urllib.parse import urlencode

    return f"/translations/{lang}/key/?{urlencode({'file': file, 'key': key})}"


def shown(page: str) -> dict[str, str]:
    """The hidden fields the key page's form sends back: which texts the translator saw."""
    return {name: html.unescape(value) for name, value in re.findall(r'name="(shown_text|shown_nl)" value="([^"]*)"', page)[:2]}


def post_key(browser: Any, key: str, action: str, text: str | None = None, file: str = PACK, lang: str = "pl") -> Any:
    page = browser.get(key_url(key, file, lang)).content.decode()
    form = {"file": file, "key": key, "action": action, **shown(page)}
    if text is not None:
        form["text"] = text
    return browser.post(key_url(key, file, lang), form)


def sidecar(site: Site, lang: str = "pl") -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((site.sources / "content" / f"{lang}.provenance.yaml").read_text(encoding="utf-8"))
    return data


def test_a_translator_gets_only_their_own_languages_and_no_region(site: Site) -> None:
    piotr = client("piotr")
    page = piotr.get("/translations/").content.decode()
    assert 'href="/translations/pl/"' in page and "/translations/ro/" not in page
    assert piotr.get("/").status_code == 200 and 'href="/translations/pl/"' in piotr.get("/").content.decode()
    for path in ("/translations/ro/", key_url("subtitle", "content/ro.yaml", "ro"), "/translations/ro/history/", "/translations/nl/"):
        assert piotr.get(path).status_code == 404, path
    assert piotr.get("/translations/ro/preview/utrecht/pocket-card-0.png").status_code == 404
    assert piotr.post(key_url("subtitle", "content/ro.yaml", "ro"), {"action": "save", "text": "x"}).status_code == 404
    for path in ("/regions/utrecht/", "/regions/utrecht/history/", "/regions/utrecht/download.zip"):
        assert piotr.get(path).status_code == 404, path
    # a key of another file than the language's own: no such key
    assert piotr.get(key_url("subtitle", "content/ro.yaml")).status_code == 404
    assert piotr.get(key_url("subtitle", "../../etc/passwd")).status_code == 404

    anna = client("anna")  # a coordinator: no language at all
    assert anna.get("/translations/pl/").status_code == 404
    assert anna.get("/translations/").status_code == 404

    eva = client("eva")  # the editor: every language to look at, none to change
    assert eva.get("/translations/ro/").status_code == 200
    before = (site.sources / PACK).read_bytes()
    assert post_key(eva, "subtitle", "save", NEW_SUBTITLE).status_code == 403
    assert post_key(eva, "subtitle", "review").status_code == 403
    assert (site.sources / PACK).read_bytes() == before

    anonymous = client()
    for path in ("/translations/", "/translations/pl/", key_url("subtitle"), "/translations/pl/history/"):
        response = anonymous.get(path)
        assert response.status_code == 302 and response["Location"].startswith("/login/"), path


def test_the_keys_are_listed_stale_first_with_the_dutch_and_where_they_are_printed(site: Site) -> None:
    nl = site.sources / "content" / "nl.yaml"
    nl.write_text(nl.read_text(encoding="utf-8").replace(SUBTITLE_NL, "Herken de signalen en weet waar je hulp vindt"), encoding="utf-8")
    page = client("piotr").get("/translations/pl/").content.decode()
    rows = re.findall(r'<tr>\s*<th scope="row"><a href="[^"]*key=([^"&]+)"[^>]*>[^<]*</a>.*?state-(\w+)', page, re.S)
    assert rows[0] == ("subtitle", "stale"), rows[:3]
    order = {"stale": 0, "missing": 1, "translated": 2, "reviewed": 3}
    assert [order[s] for _, s in rows] == sorted(order[s] for _, s in rows)
    assert len(rows) == 136
    assert "weet waar je hulp vindt" in page  # the Dutch beside it
    key_page = client("piotr").get(key_url("subtitle")).content.decode()
    assert "verouderd" in key_page and "het Nederlands is veranderd" in key_page
    assert "folder" in key_page  # where it is printed


def test_a_translation_is_checked_written_with_its_comments_recorded_committed_and_printed(site: Site) -> None:
    from generator.editor import workflow
    from generator.editor.models import TranslationStep

    before = (site.sources / PACK).read_text(encoding="utf-8")
    response = post_key(client("piotr"), "subtitle", "save", f"  {NEW_SUBTITLE}\r\n")
    assert response.status_code == 302
    after = (site.sources / PACK).read_text(encoding="utf-8")
    assert f"subtitle: {NEW_SUBTITLE}\n" in after
    assert comment_lines(after) == comment_lines(before)
    assert after.replace(NEW_SUBTITLE, "Rozpoznaj sygnały i dowiedz się, gdzie szukać pomocy") == before  # nothing else changed
    record = sidecar(site)[PACK]["subtitle"]
    assert record == {"nl": digest(SUBTITLE_NL), "text": digest(NEW_SUBTITLE), "translated_by": "Piotr Nowak"}
    step = TranslationStep.objects.get()
    assert (step.who, step.what, step.new, step.nl) == ("Piotr Nowak", "translated", NEW_SUBTITLE, SUBTITLE_NL)
    log = subprocess.run(["git", "-C", str(site.root), "log", "-1", "--format=%an|%s", "--name-only"], capture_output=True, text=True)
    assert log.stdout.startswith("Piotr Nowak|pl: content/pl.yaml: subtitle")
    assert "sources/content/pl.yaml" in log.stdout and "sources/content/pl.provenance.yaml" in log.stdout
    head = subprocess.run(["git", "-C", str(site.root), "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
    assert step.commit == head
    workflow.wait_for_builds(120)
    # A draft edition is built only when asked for: the Polish leaflet as a coordinator would ask for it.
    out = site.root / "pl-proof"
    args = ["--sources", str(site.sources), "--layouts", str(site.layouts), "--out", str(out)]
    assert run("build", *args, "--region", "utrecht", "--lang", "pl", "--product", "leaflet", "--mode", "press") == 0
    with pdfplumber.open(out / "utrecht" / "utrecht_leaflet_pl_press.pdf") as pdf:
        assert "wiedz, gdzie szukać pomocy" in " ".join((p.extract_text() or "").replace("\n", " ") for p in pdf.pages)
    page = client("piotr").get(key_url("subtitle")).content.decode()
    assert "Piotr Nowak" in page and "vertaald" in page
    assert "U hebt deze tekst zelf vertaald" in page  # no review button for its own translator


def test_only_someone_other_than_the_last_translator_marks_a_key_reviewed(site: Site) -> None:
    from generator.editor.models import TranslationStep

    assert post_key(client("piotr"), "subtitle", "save", NEW_SUBTITLE).status_code == 302
    own = post_key(client("piotr"), "subtitle", "review")
    assert own.status_code == 409 and "iemand anders moet hem nakijken" in own.content.decode()
    assert "reviewed_by" not in sidecar(site)[PACK]["subtitle"]

    assert post_key(client("ola"), "subtitle", "review").status_code == 302
    record = sidecar(site)[PACK]["subtitle"]
    assert record["reviewed_by"] == "Ola Wiśniewska" and record["reviewed_on"] == DAY
    assert record["text"] == digest(NEW_SUBTITLE) and record["translated_by"] == "Piotr Nowak"  # the review keeps who wrote it
    assert [s.what for s in TranslationStep.objects.order_by("pk")] == ["translated", "reviewed"]
    page = client("piotr").get(key_url("subtitle")).content.decode()
    assert "nagekeken" in page and "Ola Wiśniewska" in page
    assert post_key(client("radu"), "subtitle", "review").status_code == 404  # not his language

    # Ola changes it again: the review is gone (what was reviewed is not what is there), and
    # now Piotr may review Ola's text.
    assert post_key(client("ola"), "subtitle", "save", NEW_SUBTITLE + ".").status_code == 302
    assert "reviewed_by" not in sidecar(site)[PACK]["subtitle"]
    assert post_key(client("ola"), "subtitle", "review").status_code == 409
    assert post_key(client("piotr"), "subtitle", "review").status_code == 302
    assert sidecar(site)[PACK]["subtitle"]["reviewed_by"] == "Piotr Nowak"


def test_a_text_imported_as_someones_translation_is_not_theirs_to_review(site: Site) -> None:
    """The rule holds for a text that came in by XLIFF: the sidecar says who translated it."""
    from generator.cli import main
    from tests.conftest import ROOT

    out = site.root / "out"
    common = ["--sources", str(site.sources), "--today", "2026-12-01", "--layouts", str(site.layouts)]
    xlf = site.root / "pl.xlf"
    exported = subprocess.run(
        [sys.executable, "-m", "generator", "translations", "export", "--lang", "pl", *common, "--out", str(out)],
        capture_output=True, cwd=ROOT, check=True,
    )  # fmt: skip
    xlf.write_bytes(exported.stdout.replace("Rozpoznaj sygnały i dowiedz się, gdzie szukać pomocy".encode(), NEW_SUBTITLE.encode()))
    assert main(["translations", "import", str(xlf), "--translated-by", "Ola Wiśniewska", *common]) == 0
    assert sidecar(site)[PACK]["subtitle"]["translated_by"] == "Ola Wiśniewska"
    assert post_key(client("ola"), "subtitle", "review").status_code == 409
    assert post_key(client("piotr"), "subtitle", "review").status_code == 302


def test_a_text_that_does_not_fit_or_has_a_pasted_character_is_refused_and_nothing_is_written(site: Site) -> None:
    from generator.editor.models import TranslationStep

    pack, side = (site.sources / PACK).read_bytes(), (site.sources / "content" / "pl.provenance.yaml").read_bytes()
    long = post_key(client("piotr"), "labels.emergency", "save", "Bezpośrednie zagrożenie życia lub zdrowia " * 12)
    assert long.status_code == 422
    text = long.content.decode()
    assert "sources/content/pl.yaml" in text and "labels.emergency" in text
    pasted = post_key(client("piotr"), "labels.emergency", "save", "Bezpośrednie\u200b zagrożenie?")
    assert pasted.status_code == 422 and "U+200B" in pasted.content.decode()
    empty = post_key(client("piotr"), "labels.emergency", "save", "   ")
    assert empty.status_code == 422 and "lege tekst" in empty.content.decode()
    broken = post_key(client("piotr"), "labels.emergency", "save", "Bezpośrednie\nzagrożenie?")
    assert broken.status_code == 422 and "write it on one line" in broken.content.decode()
    words = post_key(client("piotr"), "discreet.giveaway", "save", "handel ludźmi, przemyt\nniewoln")
    assert words.status_code == 422 and "separate the words with commas" in words.content.decode()
    bold = post_key(client("piotr"), "labels.emergency", "save", "**Bezpośrednie** zagrożenie?")
    assert bold.status_code == 422 and "the Dutch has 0 **bold** pair(s) and the translation 1" in bold.content.decode()
    assert (site.sources / PACK).read_bytes() == pack
    assert (site.sources / "content" / "pl.provenance.yaml").read_bytes() == side
    assert not TranslationStep.objects.exists()
    assert "Bezpośrednie zagrożenie życia" in long.content.decode()  # the translator's text stays in the form


def test_a_text_changed_meanwhile_is_not_overwritten(site: Site) -> None:
    piotr, ola = client("piotr"), client("ola")
    seen = shown(piotr.get(key_url("subtitle")).content.decode())
    assert post_key(ola, "subtitle", "save", NEW_SUBTITLE).status_code == 302
    late = piotr.post(key_url("subtitle"), {"file": PACK, "key": "subtitle", "action": "save", "text": "Coś innego", **seen})
    assert late.status_code == 409 and "intussen veranderd" in late.content.decode()
    assert f"subtitle: {NEW_SUBTITLE}\n" in (site.sources / PACK).read_text(encoding="utf-8")


def test_a_region_role_is_translated_into_the_region_file_and_its_history(site: Site) -> None:
    from generator.editor.models import Proposal
    from tests.test_editor_flow import form_of

    proposed = client("anna").post(
        "/regions/utrecht/", {**form_of(site), "c0-phone": "030 123 45 67", "c0-verified": "2026-12-01", "action": "propose"}
    )
    assert proposed.status_code == 302 and Proposal.objects.filter(state=Proposal.OPEN).count() == 1
    key = "contacts[veilig-thuis-utrecht].role"
    translator = client("piotr")
    response = post_key(translator, key, "save", "Regionalny punkt porad i zgłaszania", file="regions/utrecht.yaml")
    assert response.status_code == 302
    told = translator.get(response["Location"]).content.decode()
    assert "Er wacht een voorstel voor deze regio" in told  # the translator knows the coordinator must propose again
    data = yaml.safe_load(site.region_file().read_text(encoding="utf-8"))
    assert data["contacts"][0]["role"]["pl"] == "Regionalny punkt porad i zgłaszania"
    assert data["contacts"][0]["role"]["nl"] == "Regionaal advies- en meldpunt"
    assert sidecar(site)["regions/utrecht.yaml"][key]["text"] == digest("Regionalny punkt porad i zgłaszania")
    history = client("anna").get("/regions/utrecht/history/").content.decode()
    assert "Piotr Nowak, translated" in history and "zgłaszania" in history


def test_the_products_are_previewed_in_the_language_before_anything_is_saved(site: Site) -> None:
    pack = (site.sources / PACK).read_bytes()
    response = post_key(client("piotr"), "subtitle", "preview", NEW_SUBTITLE)
    assert response.status_code == 200
    images = re.findall(r'<img src="data:image/png;base64,([^"]+)" alt="([^"]+)"', response.content.decode())
    assert images and any("folder" in alt for _, alt in images)
    assert (site.sources / PACK).read_bytes() == pack
    png = client("piotr").get("/translations/pl/preview/utrecht/pocket-card-0.png")
    assert png.status_code == 200 and png["Content-Type"] == "image/png" and png.content[:8] == b"\x89PNG\r\n\x1a\n"
    assert client("piotr").get("/translations/pl/preview/twente/pocket-card-0.png").status_code == 404  # a draft region
    assert client("piotr").get("/translations/pl/preview/utrecht/pocket-card-9.png").status_code == 404


def test_a_contact_card_text_is_previewed_in_a_region_that_prints_the_card(site: Site) -> None:
    response = post_key(client("piotr"), "discreet.message", "preview", "Chcesz porozmawiać?")
    page = response.content.decode()
    assert response.status_code == 200 and 'value="utrecht" selected' in page  # Hart van Brabant has no contact card
    assert re.findall(r'<img src="data:image/png;base64,[^"]+" alt="Voorbeeld: contactkaart', page)
    language = client("piotr").get("/translations/pl/?region=hart-van-brabant").content.decode()
    assert "/preview/hart-van-brabant/leaflet-0.png" in language and "contact-card" not in language
    assert "/preview/utrecht/contact-card-0.png" in client("piotr").get("/translations/pl/?region=utrecht").content.decode()
    assert client("piotr").get("/translations/pl/preview/hart-van-brabant/contact-card-0.png").status_code == 404
    # the room left is that of the last build in Dutch, and said to be so, until the language is built
    assert "in het Nederlands (deze taal is nog niet gebouwd" in page or "Krapste vlak" not in page


def test_a_post_without_its_token_is_refused(site: Site) -> None:
    guarded = client("piotr", csrf=True)
    response = guarded.post(key_url("subtitle"), {"file": PACK, "key": "subtitle", "action": "save", "text": NEW_SUBTITLE})
    assert response.status_code == 403
    assert f"subtitle: {NEW_SUBTITLE}" not in (site.sources / PACK).read_text(encoding="utf-8")


def test_translation_history_is_never_edited(site: Site) -> None:
    from generator.editor.models import TranslationStep

    assert post_key(client("piotr"), "subtitle", "save", NEW_SUBTITLE).status_code == 302
    step = TranslationStep.objects.get()
    step.new = "something else"
    with pytest.raises(ValueError, match="never edited"):
        step.save()
    with pytest.raises(ValueError, match="never deleted"):
        step.delete()
    page = client("ola").get("/translations/pl/history/").content.decode()
    assert "Piotr Nowak" in page and NEW_SUBTITLE in page
