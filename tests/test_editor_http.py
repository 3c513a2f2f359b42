"""``drukwerk serve`` over real HTTP on loopback: what a browser or an attacker on the network
sees, headers and cookies, raw URL spellings (sent as written, not tidied by a client library),
and that the editor keeps its state out of the output folder."""

from __future__ import annotations

import http.client
import re
import urllib.parse
from http.cookies import SimpleCookie
from pathlib import Path

from tests.editor_site import PASSWORD, Served


class Session:
    """A few requests with cookies, each path sent exactly as given."""

    def __init__(self, served: Served) -> None:
        self.port = served.port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form: dict[str, str] | None = None) -> tuple[int, dict[str, str], list[str], str]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()), "Referer": f"http://127.0.0.1:{self.port}/login/"}
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.putrequest(method, path, skip_host=False, skip_accept_encoding=True)  # the path as written
        for key, value in headers.items():
            connection.putheader(key, value)
        if body is not None:
            connection.putheader("Content-Length", str(len(body)))
        connection.endheaders(body.encode() if body else None)
        response = connection.getresponse()
        set_cookies = response.headers.get_all("Set-Cookie") or []
        for raw in set_cookies:
            cookie = SimpleCookie(raw)
            for key, morsel in cookie.items():
                self.cookies[key] = morsel.value
        text = response.read().decode("utf-8", "replace")
        connection.close()
        return response.status, {k.lower(): v for k, v in response.headers.items()}, set_cookies, text

    def login(self, name: str) -> None:
        status, _, _, page = self.request("GET", "/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert status == 200 and token
        status, headers, _, _ = self.request(
            "POST", "/login/", {"csrfmiddlewaretoken": token.group(1), "username": name, "password": PASSWORD}
        )
        assert status == 302 and headers["location"] == "/", f"{name} could not sign in"


def test_headers_and_cookies(served: Served) -> None:
    session = Session(served)
    status, headers, _, page = session.request("GET", "/login/")
    assert status == 200
    csp = headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert headers["x-frame-options"] == "DENY"
    assert headers["referrer-policy"] == "same-origin"
    assert headers["x-content-type-options"] == "nosniff"
    assert "<script" not in page  # no inline script anywhere (nor any other script on this page)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert token
    _, _, set_cookies, _ = session.request(
        "POST", "/login/", {"csrfmiddlewaretoken": token.group(1), "username": "bert", "password": PASSWORD}
    )
    session_cookie = next(c.lower() for c in set_cookies if c.startswith("sessionid="))
    attributes = [part.strip() for part in session_cookie.split(";")]
    assert "httponly" in attributes and "samesite=lax" in attributes
    assert "secure" not in attributes  # plain http on loopback: a Secure cookie would never be sent back
    assert session.request("GET", "/regions/utrecht/")[0] == 200


def test_pages_need_a_login_and_other_regions_stay_closed(served: Served) -> None:
    anonymous = Session(served)
    for path in ("/", "/regions/utrecht/", "/regions/utrecht/history/", "/regions/utrecht/download.zip"):
        status, headers, _, _ = anonymous.request("GET", path)
        assert status == 302 and headers["location"].startswith("/login/"), path
    carla = Session(served)
    carla.login("carla")
    assert carla.request("GET", "/regions/hart-van-brabant/")[0] == 200
    for path in (
        "/regions/utrecht/",
        "/regions/UTRECHT/",
        "/regions/hart-van-brabant/../utrecht/",
        "/regions/utrecht/../hart-van-brabant/../utrecht/history/",
        "/regions/%75trecht/",
        "/regions/hart-van-brabant/%2e%2e/utrecht/",
        "/regions/hart-van-brabant/%2E%2E%2Futrecht/",
        "/regions/utrecht%2f",
        "/regions/utrecht/preview/pocket-card.png",
        "/regions/utrecht/download.zip",
        "/regions/utrecht/history/",
        "/regions/utrecht/proposals/1/",
    ):
        status, _, _, text = carla.request("GET", path)
        assert status in (400, 403, 404), path
        assert "Veilig Thuis" not in text and "0800" not in text, path


def test_a_post_without_its_token_is_refused(served: Served) -> None:
    anna = Session(served)
    anna.login("anna")
    status, _, _, text = anna.request("POST", "/regions/utrecht/", {"action": "check", "checked": "0"})
    assert status == 403 and "niet verstuurd" in text
    assert "verified: 2026-11-23" in served.site.region_file().read_text(encoding="utf-8")


def test_the_editor_state_lives_beside_the_output(served: Served) -> None:
    data = served.site.root / ".drukwerk-editor"  # the default: beside output/
    assert (data / "editor.sqlite3").is_file()
    inside = (
        [p for p in served.site.out.rglob("*") if p.suffix == ".sqlite3" or p.name in ("secret-key", "scratch")]
        if served.site.out.exists()
        else []
    )
    assert inside == []
    assert (data / "secret-key").stat().st_mode & 0o077 == 0  # readable by its owner only


def test_beyond_loopback_it_warns_and_the_cookies_are_secure(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys
    import time

    from tests.conftest import ROOT
    from tests.editor_site import free_port, make_project

    made = make_project(tmp_path)
    port = free_port()
    command = [sys.executable, "-m", "generator", "serve", "--sources", str(made.sources), "--layouts", str(made.layouts)]
    command += ["--out", str(made.out), "--host", "0.0.0.0", "--port", str(port)]
    server = subprocess.Popen(
        command, cwd=ROOT, env={**os.environ, "DRUKWERK_TODAY": "2026-12-01"}, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL
    )
    try:
        assert server.stderr is not None
        warning = server.stderr.readline().decode()
        assert warning.startswith("warning: listening on 0.0.0.0") and "HTTPS" in warning
        deadline = time.monotonic() + 30
        while True:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                connection.request("GET", "/login/", headers={"Host": "drukwerk.example.nl", "X-Forwarded-Proto": "https"})
                response = connection.getresponse()
                break
            except OSError:
                assert time.monotonic() < deadline, "the server did not answer"
                time.sleep(0.2)
        csrf = next(c.lower() for c in response.headers.get_all("Set-Cookie") or [] if c.startswith("csrftoken="))
        assert "secure" in [part.strip() for part in csrf.split(";")]
    finally:
        server.terminate()
        server.wait(10)
