"""``drukwerk serve``: the editor, served by waitress (the same on Windows, macOS and Linux)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date

from generator.editor.pipeline import Paths, Pipeline
from generator.editor.settings import is_loopback, setup

__all__ = ["application", "check_paths", "serve"]


def check_paths(paths: Paths) -> str:
    """Why these folders cannot be served, or ''."""
    if not (paths.sources / "regions").is_dir():
        return f"{paths.sources}: no regions/ folder; pass --sources DIR"
    data, out = paths.data.resolve(), paths.out.resolve()
    if data == out or data.is_relative_to(out):
        return f"--data {paths.data} is inside --out {paths.out}, which may be published; put it beside it"
    return ""


def application(paths: Paths, today: Callable[[], date], host: str = "127.0.0.1", public_url: str = "", testing: bool = False) -> object:
    """The WSGI application for these folders (migrations applied)."""
    setup(paths.data, host, public_url, testing)
    import os

    from django.core.wsgi import get_wsgi_application

    from generator.editor import state

    # previews in processes of their own, one per core (two at most: the server itself needs one too)
    state.set_pipeline(Pipeline(paths, today, workers=0 if testing else min(2, os.cpu_count() or 1)))
    return get_wsgi_application()


def serve(paths: Paths, today: Callable[[], date], host: str, port: int, public_url: str = "") -> int:
    problem = check_paths(paths)
    if problem:
        print(f"drukwerk: {problem}", file=sys.stderr)
        return 2
    app = application(paths, today, host, public_url)
    if not is_loopback(host):
        print(
            f"warning: listening on {host}, beyond this machine: put it behind an HTTPS reverse proxy "
            "(the session and CSRF cookies are Secure, so plain http will not keep anyone signed in)",
            file=sys.stderr,
        )
    print(
        f"drukwerk serve: http://{host}:{port}/ (sources {paths.sources}, output {paths.out}, data {paths.data}); Ctrl+C stops", flush=True
    )
    from waitress import serve as waitress_serve

    from generator.editor import state

    try:
        waitress_serve(app, host=host, port=port, threads=8, ident="drukwerk", clear_untrusted_proxy_headers=True, _quiet=True)
    finally:
        state.get().close()
    return 0
