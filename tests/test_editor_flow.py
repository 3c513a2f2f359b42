"""The regional editor through Django's test client: the second pair of eyes from proposal to
rebuilt PDF, the file rewritten with its comments, git, history, checks at the field, and who
may see what. (Real HTTP and a real browser: test_editor_http.py, test_editor_browser.py.)"""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pdfplumber
import pytest

from generator.inputs.phones import format_dutch_phone
from tests.editor_site import DAY, PASSWORD, Site, django_ready, site

__all__ = ["django_ready", "site"]  # fixtures, used by name

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

NEW_PHONE = "030 123 45 67"
PRINTED = format_dutch_phone(NEW_PHONE)  # 030 123 4567


def client(name: str | None = None, csrf: bool = False) -> Any:
    from django.test import Client

    browser = Client(enforce_csrf_checks=csrf)
    if name:  # signing in itself (the form, throttling): test_login_is_throttled and the HTTP tests
        from django.contrib.auth import get_user_model

        browser.force_login(get_user_model().objects.get(username=name), backend="django.contrib.auth.backends.ModelBackend")
    return browser


def form_of(site: Site, region: str = "utrecht") -> dict[str, Any]:
    """The region form as the page fills it in (every field, as posted)."""
    from generator.editor.fields import CONTACT_FIELDS, FLAGS, PER_LANGUAGE
    from generator.editor.yaml_edit import read_data

    data = read_data(site.region_file(region).read_text(encoding="utf-8"))
    post: dict[str, Any] = {"name": data["name"], "organisation": data["organisation"], "contacts": str(len(data["contacts"]))}
    for flag in ("draft", "discreet_card"):
        if data[flag]:
            post[flag] = "on"
    for n, contact in enumerate(data["contacts"]):
        post[f"c{n}-index"] = str(contact["_index"])
        for key in CONTACT_FIELDS:
            if key in FLAGS:
                if contact[key]:
                    post[f"c{n}-{key}"] = "on"
            elif key in PER_LANGUAGE:
                value = contact[key]
                for lang, text in (value if isinstance(value, dict) else {"nl": value}).items():
                    post[f"c{n}-{key}-{lang}"] = text
            else:
                post[f"c{n}-{key}"] = contact[key]
    return post


def comment_lines(text: str) -> list[str]:
    return [line.split("#", 1)[1] for line in text.splitlines() if "#" in line]


def pdf_text(path: Any) -> str:
    with pdfplumber.open(path) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def test_a_changed_number_goes_through_a_second_person_to_the_printed_card(site: Site) -> None:
    from generator.editor import workflow
    from generator.editor.models import Proposal

    before = site.region_file().read_text(encoding="utf-8")
    anna = client("anna")
    post = form_of(site) | {"c0-phone": NEW_PHONE, "c0-verified": DAY.isoformat()}

    preview = anna.post("/regions/utrecht/", post | {"action": "preview"})
    assert preview.status_code == 200
    assert preview.content.count(b'src="data:image/png;base64,') == 3  # pocket card, leaflet, discreet card
    assert site.region_file().read_text(encoding="utf-8") == before  # a preview saves nothing

    proposed = anna.post("/regions/utrecht/", post | {"action": "propose"})
    assert proposed.status_code == 302
    proposal = Proposal.objects.get()
    assert proposal.state == Proposal.OPEN and proposal.needs_approval
    assert site.region_file().read_text(encoding="utf-8") == before  # not yet: a second person first
    page = anna.get(proposed["Location"])
    assert NEW_PHONE in page.content.decode() and "0800 – 2000" in page.content.decode()

    own = anna.post(proposed["Location"], {"action": "approve"})
    assert "eigen voorstel niet goedkeuren" in own.content.decode()
    proposal.refresh_from_db()
    assert proposal.state == Proposal.OPEN

    carla = client("carla")  # a coordinator of another region: no page at all
    assert carla.post(proposed["Location"], {"action": "approve"}).status_code == 404

    approved = client("eva").post(proposed["Location"], {"action": "approve"})
    assert approved.status_code == 302
    workflow.wait_for_builds()
    proposal.refresh_from_db()
    assert proposal.state == Proposal.APPLIED and proposal.decided_by is not None and proposal.decided_by.username == "eva"
    assert proposal.build_state == Proposal.BUILD_OK, proposal.build_message

    after = site.region_file().read_text(encoding="utf-8")
    assert f"phone: {NEW_PHONE}\n" in after
    assert comment_lines(after) == comment_lines(before)  # every quoted source kept, in its place
    assert [line for line in after.splitlines() if "phone" not in line and "verified" not in line] == [
        line for line in before.splitlines() if "phone" not in line and "verified" not in line
    ]
    log = subprocess.run(
        ["git", "-C", str(site.root), "log", "-1", "--format=%an <%ae>%n%B", "--", "sources/regions/utrecht.yaml"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert log.startswith("Anna de Vries <anna@example.invalid>") and "goedgekeurd door Eva Smit" in log

    card = pdf_text(site.out / "utrecht" / "utrecht_pocket-card_nl_press.pdf")
    assert PRINTED in card and "0800 2000" not in card  # in the card's one national format

    history = anna.get("/regions/utrecht/history/").content.decode()
    assert "Anna de Vries" in history and "Eva Smit" in history and NEW_PHONE in history


def test_the_preview_is_drawn_from_the_proposed_data(site: Site) -> None:
    from generator.editor import state
    from generator.editor.yaml_edit import apply, read_data

    text = site.region_file().read_text(encoding="utf-8")
    data = read_data(text)
    data["contacts"][0]["phone"] = NEW_PHONE
    checked = state.get().preview("utrecht", apply(text, data))
    assert not checked.problems
    with pdfplumber.open(io.BytesIO(checked.pdfs["pocket-card"])) as pdf:
        assert PRINTED in (pdf.pages[1].extract_text() or "")  # the back, the page the PNG shows
    assert checked.previews["pocket-card"].startswith(b"\x89PNG")


def test_the_author_cannot_approve_and_a_coordinator_of_the_region_can(site: Site) -> None:
    from generator.editor import workflow
    from generator.editor.models import Proposal

    post = form_of(site) | {"c1-email": "zorg@moviera.nl", "c1-verified": DAY.isoformat(), "action": "propose"}
    assert client("anna").post("/regions/utrecht/", post).status_code == 302
    proposal = Proposal.objects.get()
    assert client("bert").post(f"/regions/utrecht/proposals/{proposal.pk}/", {"action": "approve"}).status_code == 302
    workflow.wait_for_builds()
    proposal.refresh_from_db()
    assert proposal.state == Proposal.APPLIED and proposal.decided_by.username == "bert"
    assert "email: zorg@moviera.nl\n" in site.region_file().read_text(encoding="utf-8")


def test_a_stale_base_is_refused_and_shown_against_the_current_file(site: Site) -> None:
    from generator.editor.models import Proposal

    post = form_of(site) | {"c0-phone": NEW_PHONE, "c0-verified": DAY.isoformat(), "action": "propose"}
    assert client("anna").post("/regions/utrecht/", post).status_code == 302
    proposal = Proposal.objects.get()
    changed = site.region_file().read_text(encoding="utf-8").replace("teamzm@moviera.nl", "info@moviera.nl")
    site.region_file().write_text(changed, encoding="utf-8")  # someone else changed the file meanwhile

    refused = client("eva").post(f"/regions/utrecht/proposals/{proposal.pk}/", {"action": "approve"})
    assert refused.status_code == 409
    page = refused.content.decode()
    assert "Het regiobestand is veranderd sinds dit voorstel" in page
    assert "info@moviera.nl" in page  # the proposal against the file as it is now: it would undo this
    proposal.refresh_from_db()
    assert proposal.state == Proposal.OPEN
    assert site.region_file().read_text(encoding="utf-8") == changed  # no lost update


def test_a_problem_is_shown_at_its_field_in_the_words_of_validate(site: Site) -> None:
    from generator.editor import state

    post = form_of(site) | {"c0-phone": "12345", "action": "propose"}
    page = client("anna").post("/regions/utrecht/", post)
    assert page.status_code == 422
    html = page.content.decode()
    broken = site.region_file().read_text(encoding="utf-8").replace("phone: 0800 – 2000", "phone: 12345")
    problems = state.get().validate("utrecht", broken)
    assert [p.field for p in problems] == ["contacts[0].phone"]
    from django.utils.html import escape

    message = escape(problems[0].message)
    field = re.search(r'<div class="field has-error" id="f-c0-phone">.*?</div>', html, re.S)
    assert field is not None and message in field.group(0) and 'aria-invalid="true"' in field.group(0)
    assert f"Contact 1, Telefoonnummer (contacts[0].phone): {message}" in html  # the summary, linked to the field
    assert "0800 – 2000" in site.region_file().read_text(encoding="utf-8")


def test_a_changed_number_needs_the_day_it_was_checked(site: Site) -> None:
    from generator.editor.models import Proposal

    page = client("anna").post("/regions/utrecht/", form_of(site) | {"c0-phone": NEW_PHONE, "action": "propose"})
    assert page.status_code == 422 and not Proposal.objects.exists()
    field = re.search(r'<div class="field has-error" id="f-c0-verified">.*?</div>', page.content.decode(), re.S)
    assert field is not None and "telefoonnummer veranderd: zet hier de dag" in field.group(0)


def test_a_change_of_role_only_needs_no_second_person(site: Site) -> None:
    from generator.editor import workflow
    from generator.editor.models import Proposal

    post = form_of(site) | {"c1-role-nl": "Zorgcoördinatie", "action": "propose"}
    assert client("anna").post("/regions/utrecht/", post).status_code == 302
    workflow.wait_for_builds()
    proposal = Proposal.objects.get()
    assert not proposal.needs_approval and proposal.state == Proposal.APPLIED and proposal.decided_by is None
    assert "role: Zorgcoördinatie\n" in site.region_file().read_text(encoding="utf-8")


def test_adding_and_removing_a_contact_needs_a_second_person(site: Site) -> None:
    from generator.editor.models import Proposal

    anna = client("anna")
    post = form_of(site)
    added = anna.post("/regions/utrecht/", post | {"action": "add"})
    assert 'name="c2-name"' in added.content.decode()  # an empty contact to fill in, without JavaScript
    post |= {"contacts": "2", "c1-remove": "on", "action": "propose"}
    assert anna.post("/regions/utrecht/", post).status_code == 302
    proposal = Proposal.objects.get()
    assert proposal.needs_approval and proposal.state == Proposal.OPEN
    assert any(row["field"] == "contact verwijderd" for row in proposal.diff)


def test_a_new_contact_gets_its_id_from_its_name(site: Site) -> None:
    from generator.editor.fields import parse

    post = form_of(site) | {"contacts": "3", "c2-name": "Zorgteam Mensenhandel Utrecht-Oost", "c2-id": ""}
    data = parse(post, {"logo": ""}, ["nl"])
    assert data["contacts"][2]["id"] == "zorgteam-mensenhandel-utrecht-oost" and data["contacts"][2]["_index"] is None


def test_i_checked_these_contacts_today(site: Site) -> None:
    from generator.editor import workflow
    from generator.editor.models import Event, Proposal

    before = site.region_file().read_text(encoding="utf-8")
    done = client("bert").post("/regions/utrecht/", {"action": "check", "checked": ["1"]})
    assert done.status_code == 302
    workflow.wait_for_builds()
    after = site.region_file().read_text(encoding="utf-8")
    moviera = after.split("- id: moviera-zorgcoordinatie", 1)[1]
    assert f"verified: {DAY.isoformat()}" in moviera and "verified: 2026-11-23" in after.split("- id: moviera", 1)[0]
    assert comment_lines(after) == comment_lines(before)
    event = Event.objects.get(what="checked")
    assert event.who == "Bert Jansen" and "Moviera" in event.text and DAY.isoformat() in event.text
    assert not Proposal.objects.exists()


def test_history_is_never_edited(site: Site) -> None:
    from generator.editor.models import Event

    event = Event.objects.create(region="utrecht", who="x", what="checked")
    event.text = "changed"
    with pytest.raises(ValueError, match="never edited"):
        event.save()
    with pytest.raises(ValueError, match="never deleted"):
        event.delete()


def test_a_coordinator_gets_nothing_of_another_region_however_the_url_is_written(site: Site) -> None:
    carla = client("carla")
    assert carla.get("/regions/hart-van-brabant/").status_code == 200
    for url in (
        "/regions/utrecht/",
        "/regions/utrecht/history/",
        "/regions/utrecht/download.zip",
        "/regions/utrecht/web.zip",
        "/regions/utrecht/preview/pocket-card.png",
        "/regions/utrecht/proposals/1/",
        "/regions/UTRECHT/",
        "/regions/Utrecht/history/",
        "/regions/hart-van-brabant/../utrecht/",
        "/regions/hart-van-brabant/%2e%2e/utrecht/",
        "/regions/%75trecht/",
        "/regions/utrecht%2F/",
        "/regions/utrecht/./",
        "/regions//utrecht/",
    ):
        response = carla.get(url)
        assert response.status_code in (403, 404), url
        assert b"Veilig Thuis" not in response.content, url
    post = form_of(site) | {"c0-phone": NEW_PHONE, "action": "propose"}
    assert carla.post("/regions/utrecht/", post).status_code == 404
    assert carla.post("/regions/utrecht/", {"action": "check", "checked": ["0"]}).status_code == 404
    overview = carla.get("/").content.decode()
    assert "Hart van Brabant" in overview and "Utrecht" not in overview


def test_every_page_needs_a_login(site: Site) -> None:
    anonymous = client()
    for url in (
        "/",
        "/regions/utrecht/",
        "/regions/utrecht/history/",
        "/regions/utrecht/download.zip",
        "/regions/utrecht/preview/leaflet.png",
    ):
        response = anonymous.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/login/"), url
    assert anonymous.post("/build/").status_code == 302


def test_a_post_without_its_token_is_refused(site: Site) -> None:
    anna = client("anna", csrf=True)
    post = form_of(site) | {"c0-phone": NEW_PHONE, "action": "propose"}
    refused = anna.post("/regions/utrecht/", post)
    assert refused.status_code == 403 and "niet verstuurd" in refused.content.decode()
    from generator.editor.models import Proposal

    assert not Proposal.objects.exists()


def test_user_text_is_escaped(site: Site) -> None:
    post = form_of(site) | {"organisation": '<script>alert("x")</script>', "action": "preview"}
    html = client("anna").post("/regions/utrecht/", post).content.decode()
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_an_upload_is_checked_by_its_content_and_size(site: Site) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    anna = client("anna")
    gif = SimpleUploadedFile("logo.png", b"GIF89a" + b"\0" * 100, content_type="image/png")
    page = anna.post("/regions/utrecht/", form_of(site) | {"action": "preview", "logo": gif})
    assert page.status_code == 422 and "is a GIF file; save it as PNG, JPEG or SVG" in page.content.decode()
    big = SimpleUploadedFile("logo.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 1_100_000, content_type="image/png")
    page = anna.post("/regions/utrecht/", form_of(site) | {"action": "preview", "logo": big})
    assert page.status_code == 422 and "groter dan 1 MB" in page.content.decode()
    assert not list((site.sources / "logos").glob("*")) if (site.sources / "logos").exists() else True


def test_the_download_holds_press_and_office_pdfs_and_a_print_specification(site: Site) -> None:
    from generator.editor import state

    assert state.get().rebuild(("utrecht",)) == []
    response = client("anna").get("/regions/utrecht/download.zip")
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="utrecht-drukwerk-{DAY.isoformat()}.zip"'
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert "press/utrecht_pocket-card_nl_press.pdf" in names and "office/utrecht_leaflet_nl_office.pdf" in names
    spec = zipfile.ZipFile(io.BytesIO(response.content)).read("drukspecificatie-pocket-card.txt").decode()
    assert "85 x 55 mm" in spec and "3 mm" in spec and "PDF/X-1a:2001" in spec and "FOGRA39" in spec


def test_login_is_throttled(site: Site) -> None:
    from django.test import Client

    browser = Client()
    for _ in range(5):
        browser.post("/login/", {"username": "anna", "password": "wrong"})
    locked = browser.post("/login/", {"username": "anna", "password": PASSWORD})
    assert locked.status_code == 429 and "Te veel pogingen" in locked.content.decode()


def test_the_editor_state_is_never_inside_the_output_folder(site: Site) -> None:
    from generator.editor import state

    assert state.get().rebuild(("utrecht",)) == []
    client("anna").post("/regions/utrecht/", form_of(site) | {"action": "preview"})
    inside = [p.name for p in site.out.rglob("*") if p.suffix in (".sqlite3", ".yaml") or p.name in ("scratch", "secret-key")]
    assert inside == []
    from generator.editor.pipeline import Paths
    from generator.editor.server import check_paths

    assert "may be published" in check_paths(Paths(site.sources, site.layouts, site.out, site.out / "data"))


def test_secure_cookies_beyond_this_machine() -> None:
    from generator.editor.settings import settings_for

    assert not settings_for_data("127.0.0.1", settings_for)["SESSION_COOKIE_SECURE"]
    wide = settings_for_data("0.0.0.0", settings_for)
    assert wide["SESSION_COOKIE_SECURE"] and wide["CSRF_COOKIE_SECURE"]
    assert wide["PASSWORD_HASHERS"][0].endswith("Argon2PasswordHasher")


def settings_for_data(host: str, make: Any) -> dict[str, Any]:
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        result: dict[str, Any] = make(Path(folder), host)
        return result


def test_help_texts_are_the_schema_descriptions_in_dutch(site: Site) -> None:
    from django.utils.html import escape
    from django.utils.translation import gettext

    from generator.editor.fields import CONTACT_FIELDS, REGION_FIELDS
    from generator.inputs.source_models import Contact, Region

    html = client("anna").get("/regions/utrecht/").content.decode()
    shown = 0
    for model, fields in ((Region, REGION_FIELDS), (Contact, CONTACT_FIELDS)):
        for key, (_label, _kind, own) in fields.items():
            if own is not None:
                continue
            description = model.model_fields[key].description
            assert description, f"{model.__name__}.{key} has no help text"
            assert gettext(description) != description, f"{model.__name__}.{key}: no Dutch for {description!r} in django.po"
            shown += escape(gettext(description)) in html
    assert shown >= 8


def test_only_the_editor_starts_a_full_build_and_manages_accounts(site: Site) -> None:
    from generator.editor import workflow
    from generator.editor.models import Event

    assert client("carla").post("/build/").status_code == 403
    assert client("carla").get("/admin/").status_code == 302  # to the admin's login: a coordinator is no staff
    eva = client("eva")
    assert eva.get("/admin/auth/user/").status_code == 200
    assert eva.post("/build/").status_code == 302
    workflow.wait_for_builds()
    assert Event.objects.filter(region="*", what="built").exists(), list(Event.objects.values_list("what", "text"))
    assert (site.out / "utrecht" / "utrecht_leaflet_nl_press.pdf").is_file()
    overview = eva.get("/").content.decode()
    assert "Volledige build starten" in overview and "Utrecht" in overview and "Hart van Brabant" in overview


def test_a_new_logo_is_previewed_then_written_on_approval(site: Site, tmp_path: Path) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from generator.editor import workflow
    from generator.editor.models import Proposal
    from tests.logos import png_logo

    data = png_logo(tmp_path / "upload" / "Ons Logo.PNG").read_bytes()
    anna = client("anna")
    preview = anna.post("/regions/utrecht/", form_of(site) | {"action": "preview", "logo": SimpleUploadedFile("Ons Logo.PNG", data)})
    assert preview.status_code == 200, preview.content.decode()[:2000]
    assert "utrecht-logo.png" in preview.content.decode()
    assert not (site.sources / "logos" / "utrecht-logo.png").exists()  # a preview writes nothing into sources/
    proposed = anna.post("/regions/utrecht/", form_of(site) | {"action": "propose", "keep_logo": "on"})
    assert proposed.status_code == 302
    proposal = Proposal.objects.get()
    assert proposal.needs_approval and any(row["field"] == "logo" for row in proposal.diff)
    assert client("bert").post(proposed["Location"], {"action": "approve"}).status_code == 302
    workflow.wait_for_builds()
    assert (site.sources / "logos" / "utrecht-logo.png").read_bytes() == data
    assert "logo: utrecht-logo.png\n" in site.region_file().read_text(encoding="utf-8")
    proposal.refresh_from_db()
    assert proposal.build_state == Proposal.BUILD_OK, proposal.build_message


def test_an_svg_logo_with_a_script_is_refused(site: Site) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    svg = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" onload="alert(1)"><rect width="10" height="10"/></svg>'
    page = client("anna").post("/regions/utrecht/", form_of(site) | {"action": "preview", "logo": SimpleUploadedFile("logo.svg", svg)})
    assert page.status_code == 422 and "bevat een script (onload)" in page.content.decode()
    script = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    page = client("anna").post("/regions/utrecht/", form_of(site) | {"action": "preview", "logo": SimpleUploadedFile("logo.svg", script)})
    assert page.status_code == 422 and "bevat &lt;script&gt;" in page.content.decode()


def test_the_overview_names_contacts_whose_check_runs_out_within_60_days(site: Site) -> None:
    from datetime import date

    from generator.editor import state
    from generator.editor.pipeline import Paths, Pipeline

    soon = date(2027, 10, 1)  # the sample contacts were checked on 2026-11-23; the limit is 12 months
    state.set_pipeline(Pipeline(Paths(site.sources, site.layouts, site.out, site.data), lambda: soon))
    row = re.search(
        r"<tr>\s*<th scope=\"row\"><a href=\"/regions/utrecht/\">Utrecht</a></th>.*?</tr>", client("eva").get("/").content.decode(), re.S
    )
    assert row is not None and "Veilig Thuis Utrecht" in row.group(0) and "Moviera" in row.group(0)
    state.set_pipeline(Pipeline(Paths(site.sources, site.layouts, site.out, site.data), lambda: DAY))
    row = re.search(
        r"<tr>\s*<th scope=\"row\"><a href=\"/regions/utrecht/\">Utrecht</a></th>.*?</tr>", client("eva").get("/").content.decode(), re.S
    )
    assert row is not None and "Moviera" not in row.group(0) and "<td>geen</td>" in row.group(0)
