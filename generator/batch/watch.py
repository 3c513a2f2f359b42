"""``drukwerk watch``: rebuild on save, refresh previews, keep going through errors.

Runs in one process, so ReportLab, the fonts, the styles and the shared panels stay loaded
between saves; each save rebuilds only the jobs whose inputs changed (the build's own
incremental rules) and the proof page, and, when regions are named with --region, rewrites
those jobs' PNG previews.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path

from generator.batch.request import Request
from generator.batch.run import run_build
from generator.inputs.file_names import folder_not_found
from generator.problems import ProblemsFound
from generator.proofing.preview import render_previews
from generator.warm import WarmState

__all__ = ["rebuild", "watch"]


def _flushing_print(line: str) -> None:
    print(line, flush=True)  # status lines must show at once, also when piped into a log


def rebuild(request: Request, warm: WarmState, dpi: int, say: Callable[[str], None]) -> list[Path]:
    """One round: build what changed, preview it, print one status line (or the problems)."""
    started = time.perf_counter()
    try:
        report = run_build(request, warm)
    except ProblemsFound as exc:
        for problem in exc.problems:
            say(f"  {problem}")
        say(f"{time.strftime('%H:%M:%S')} not rebuilt: {len(exc.problems)} problem(s); the last good files are kept")
        return []
    previews: list[Path] = []
    # PNG previews are for the region a designer is looking at; a watch over every region keeps
    # the PDFs and the proof page current (PNGs of a whole batch would take longer than the PDFs).
    for path in report.built if request.regions else ():
        pdf = request.out / path
        previews.extend(render_previews(pdf, pdf.parent / "preview", dpi))
    for problem in report.failed:
        say(f"  {problem}")
    took = time.perf_counter() - started
    state = f"{len(report.failed_jobs)} failed, last good files kept" if report.failed else "ok"
    say(f"{time.strftime('%H:%M:%S')} rebuilt {len(report.built)}, previews {len(previews)}, {state} ({took:.2f} s)")
    return previews


def watch(
    request: Request, warm: WarmState, dpi: int, say: Callable[[str], None] = _flushing_print, changes: Iterable[object] | None = None
) -> None:
    """Rebuild once, then after every change under sources/ or layouts/, until Ctrl-C."""
    from watchfiles import watch as watch_files

    folders = ((request.sources, "sources"), (request.layouts, "layouts"))
    missing = [folder_not_found(folder, kind) for folder, kind in folders if not folder.is_dir()]
    if missing:  # nothing to watch
        raise ProblemsFound(missing)
    request = replace(request, proof=True)
    rebuild(request, warm, dpi, say)
    # The watcher yields an empty set every 100 ms: the first one means it is really watching.
    events = (
        changes
        if changes is not None
        else watch_files(
            request.sources, request.layouts, debounce=50, step=20, raise_interrupt=False, rust_timeout=100, yield_on_timeout=True
        )
    )
    announced = False
    for changed in events:
        if not announced:
            say(f"watching {request.sources} and {request.layouts}; Ctrl-C stops")
            announced = True
        if changed:
            rebuild(request, warm, dpi, say)
