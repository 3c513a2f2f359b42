"""``drukwerk bench --editor``: how fast the editor answers, measured against a real
``drukwerk serve`` on loopback with synthetic regions (the batch bench's: fake names,
088 000 NNNN numbers, example.com addresses; nothing is written into sources/).

- a preview after a changed field, one coordinator, warm server (the whole page with its
  previews), and the pipeline's pocket-card preview alone, in this process;
- an approved change to its rebuilt PDFs (approve pressed → the proposal says the build is done);
- N coordinators at once: each signs in, opens its region, previews 10 times, proposes; then the
  editor approves every proposal. Errors are counted, the previews' p50 / p95 / max reported.

Numbers, not verdicts: the machine is shared and noisy.
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from generator.editor.pipeline import Paths, Pipeline, make_sources

__all__ = ["free_port", "run_editor_bench"]

PASSWORD = "bench-wachtwoord-1"


class Client:
    """One person's browser: cookies, the CSRF token from each form, timing of each request."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect())
        self.token = ""

    def get(self, path: str) -> tuple[int, str]:
        return self._open(urllib.request.Request(self.base + path))

    def post(self, path: str, form: dict[str, Any]) -> tuple[int, str]:
        body = urllib.parse.urlencode({**form, "csrfmiddlewaretoken": self.token}, doseq=True).encode()
        return self._open(urllib.request.Request(self.base + path, data=body, headers={"Referer": self.base + path}))

    def _open(self, request: urllib.request.Request) -> tuple[int, str]:
        try:
            with self.opener.open(request, timeout=120) as response:
                status, text = response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as exc:
            status, text = exc.code, exc.read().decode("utf-8", "replace")
        found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', text)
        if found:
            self.token = found.group(1)
        return status, text

    def login(self, name: str) -> None:
        self.get("/login/")
        status, _ = self.post("/login/", {"username": name, "password": PASSWORD})
        if status != 302:
            raise RuntimeError(f"{name} could not sign in ({status})")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def _form(page: str) -> dict[str, Any]:
    """The region form's fields as the page filled them in."""
    form: dict[str, Any] = {}
    for tag in re.findall(r"<input [^>]*>", page):
        name = re.search(r'name="([^"]+)"', tag)
        if not name or name.group(1) in ("csrfmiddlewaretoken", "logo", "checked"):
            continue
        kind = re.search(r'type="([^"]+)"', tag)
        if kind and kind.group(1) == "checkbox":
            if " checked" in tag and "remove" not in name.group(1):
                form[name.group(1)] = "on"
            continue
        value = re.search(r'value="([^"]*)"', tag)
        form[name.group(1)] = _unescape(value.group(1)) if value else ""
    return form


def _unescape(text: str) -> str:
    import html

    return html.unescape(text)


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def run_editor_bench(sources: Path, layouts: Path, today: date, coordinators: int = 20) -> str:
    from generator.editor.settings import setup

    lines = [f"drukwerk bench --editor: {coordinators} synthetic regions, one coordinator each, on loopback"]
    with tempfile.TemporaryDirectory(prefix="drukwerk-editor-bench-") as folder:
        root = Path(folder)
        bench_sources = make_sources(sources, root, coordinators, today)
        data, out = root / "data", root / "output"
        setup(data)
        from django.contrib.auth import get_user_model

        from generator.editor.models import Role

        users = get_user_model()
        for n in range(1, coordinators + 1):
            user = users.objects.create_user(f"coord{n:02d}", password=PASSWORD)
            Role.objects.create(user=user, kind=Role.COORDINATOR, regions=[f"nep-{n:03d}"])
        Role.objects.create(user=users.objects.create_user("editor", password=PASSWORD), kind=Role.EDITOR)
        pipeline = Pipeline(Paths(bench_sources, layouts, out, data), lambda: today)
        started = time.perf_counter()
        pipeline.rebuild()
        lines.append(f"first full build (in this process): {time.perf_counter() - started:.1f} s")

        # the pipeline alone, warm: the pocket card's back from a changed number
        text = pipeline.region_file("nep-001").read_text(encoding="utf-8")
        pipeline.preview("nep-001", text, products=("pocket-card",))
        alone = []
        for i in range(10):
            changed = text.replace("088 000 0001", f"088 000 {9000 + i:04d}")
            begun = time.perf_counter()
            checked = pipeline.preview("nep-001", changed, products=("pocket-card",))
            alone.append(time.perf_counter() - begun)
            assert not checked.problems, checked.problems
        lines.append(f"preview, pocket card back only (pipeline, warm): median {_ms(statistics.median(alone))}, max {_ms(max(alone))}")

        port = free_port()
        env = {**os.environ, "DRUKWERK_TODAY": today.isoformat()}
        command = [sys.executable, "-m", "generator", "serve", "--sources", str(bench_sources), "--layouts", str(layouts)]
        command += ["--out", str(out), "--data", str(data), "--port", str(port)]
        server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            base = f"http://127.0.0.1:{port}"
            _wait_for(base)
            lines.extend(_one_coordinator(base))
            lines.extend(_approve_to_pdfs(base, out))
            lines.extend(_many(base, coordinators, out))
        finally:
            server.terminate()
            server.wait(20)
    return "\n".join(lines)


def free_port() -> int:
    """A TCP port free on loopback now (the editor's benchmarks and tests start servers on it)."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _wait_for(base: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{base}/login/", timeout=5):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("drukwerk serve did not start")


def _preview_times(client: Client, region: str, number: int, rounds: int) -> tuple[list[float], int]:
    _, page = client.get(f"/regions/{region}/")
    form = _form(page)
    times, errors = [], 0
    for i in range(rounds):
        form["c0-phone"] = f"088 000 {number * 100 + i:04d}"
        begun = time.perf_counter()
        status, page = client.post(f"/regions/{region}/", {**form, "action": "preview"})
        times.append(time.perf_counter() - begun)
        if status != 200 or "data:image/png;base64," not in page:
            errors += 1
    return times, errors


def _one_coordinator(base: str) -> list[str]:
    client = Client(base)
    client.login("coord01")
    _preview_times(client, "nep-001", 91, 2)  # warm-up
    times, errors = _preview_times(client, "nep-001", 92, 10)
    return [
        f"preview page after a changed field (HTTP, pocket card + leaflet drawn, one coordinator): "
        f"median {_ms(statistics.median(times))}, max {_ms(max(times))}, errors {errors}"
    ]


def _propose(client: Client, region: str, number: int) -> str:
    _, page = client.get(f"/regions/{region}/")
    form = _form(page) | {"c0-phone": f"088 000 {number:04d}", "action": "propose"}
    form["c0-verified"] = (date.fromisoformat(form["c0-verified"]) - timedelta(days=number % 20 + 1)).isoformat()  # checked again
    status, _ = client.post(f"/regions/{region}/", form)
    if status != 302:
        raise RuntimeError(f"proposal for {region} refused ({status})")
    _, page = client.get(f"/regions/{region}/")
    found = re.search(rf'href="(/regions/{region}/proposals/[0-9]+/)"', page)
    if not found:
        raise RuntimeError("no open proposal")
    return found.group(1)


def _approve_and_wait(editor: Client, proposal: str) -> float:
    editor.get(proposal)
    begun = time.perf_counter()
    editor.post(proposal, {"action": "approve"})
    while time.perf_counter() - begun < 120:
        _, page = editor.get(proposal)
        if "gelukt: de nieuwe PDF" in page:
            return time.perf_counter() - begun
        if "mislukt" in page:
            raise RuntimeError(f"build failed for {proposal}")
        time.sleep(0.02)
    raise RuntimeError("build did not finish")


def _approve_to_pdfs(base: str, out: Path) -> list[str]:
    coordinator, editor = Client(base), Client(base)
    coordinator.login("coord02")
    editor.login("editor")
    times = []
    for i in range(3):
        proposal = _propose(coordinator, "nep-002", 7000 + i)
        times.append(_approve_and_wait(editor, proposal))
        card = out / "nep-002" / "nep-002_pocket-card_nl_press.pdf"
        assert card.is_file()
    return [
        f"approve → region's PDFs rebuilt (one region, 4 PDFs, web page, proof page):"
        f" median {_ms(statistics.median(times))}, max {_ms(max(times))}"
    ]


def _many(base: str, count: int, out: Path) -> list[str]:
    previews: list[float] = []
    errors: list[str] = []
    proposals: list[str] = []
    lock = threading.Lock()

    def person(n: int) -> None:
        try:
            client = Client(base)
            client.login(f"coord{n:02d}")
            times, failed = _preview_times(client, f"nep-{n:03d}", n, 10)
            proposal = _propose(client, f"nep-{n:03d}", 5000 + n)
            with lock:
                previews.extend(times)
                proposals.append(proposal)
                if failed:
                    errors.append(f"coord{n:02d}: {failed} preview(s) failed")
        except Exception as exc:  # counted and reported: the load test's result
            with lock:
                errors.append(f"coord{n:02d}: {exc}")

    begun = time.perf_counter()
    threads = [threading.Thread(target=person, args=(n,)) for n in range(1, count + 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    working = time.perf_counter() - begun
    editor = Client(base)
    editor.login("editor")
    approved_from = time.perf_counter()
    for proposal in proposals:
        editor.get(proposal)
        status, _ = editor.post(proposal, {"action": "approve"})
        if status != 302:
            errors.append(f"approve {proposal}: {status}")
    built = 0
    while time.perf_counter() - approved_from < 300:
        pages = [editor.get(p)[1] for p in proposals]
        built = sum("gelukt: de nieuwe PDF" in page for page in pages)
        if built + sum("mislukt" in page for page in pages) == len(proposals):
            break
        time.sleep(0.2)
    approving = time.perf_counter() - approved_from
    lines = [
        f"{count} coordinators at once (sign in, open, 10 previews, propose): {working:.1f} s, "
        f"{len(previews)} previews, p50 {_ms(_percentile(previews, 0.5))}, p95 {_ms(_percentile(previews, 0.95))}, "
        f"max {_ms(max(previews, default=0))}",
        f"the editor approves {len(proposals)} proposals: all rebuilt ({built} of {len(proposals)}) in {approving:.1f} s",
        f"errors: {len(errors)}" + (f" ({'; '.join(errors[:5])})" if errors else ""),
    ]
    return lines
