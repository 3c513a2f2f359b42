"""The benchmark's floor: the same text on the same pages, drawn with plain ReportLab canvas calls.

No layout, no validation, no templates: the fonts registered once per process, one
``drawString`` per bullet and per run of one font in a line (in its font, size and place), the
QR codes and pictograms as the PDF operators ours write (``addLiteral``), a sheet of cards drawn
once and placed in every cell as ours is, one PDF per job.
``python -m generator.devtools.floor JOBS.json OUT N`` — used by ``drukwerk bench``.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import sys
from pathlib import Path
from typing import Any

__all__ = ["draw", "main"]

_FIRST = ""


def _register(fonts: dict[str, str]) -> None:
    global _FIRST
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for name, path in fonts.items():
        pdfmetrics.registerFont(TTFont(name, path))
    _FIRST = next(iter(fonts))


def draw(job: dict[str, Any], out: Path) -> None:
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(out / job["name"]), invariant=1, initialFontName=_FIRST, pageCompression=1)
    for index, page in enumerate(job["pages"]):
        canvas.setPageSize(tuple(page["size"]))
        origins = page["origins"]
        if len(origins) > 1:  # a sheet of cards: the text drawn once as a form, placed in every cell
            canvas.beginForm(f"page{index}")
            _draw_runs(canvas, page["runs"], page["graphics"])
            canvas.endForm()
        for x, y in origins:
            canvas.saveState()
            canvas.translate(x, y)
            if len(origins) > 1:
                canvas.doForm(f"page{index}")
            else:
                _draw_runs(canvas, page["runs"], page["graphics"])
            canvas.restoreState()
        canvas.showPage()
    canvas.save()


def _draw_runs(canvas: Any, runs: list[list[Any]], graphics: list[str]) -> None:
    for font, size, x, y, text in runs:
        canvas.setFont(font, size)
        canvas.drawString(x, y, text)
    for code in graphics:
        canvas.addLiteral(code)


def _work(args: tuple[dict[str, Any], str]) -> None:
    draw(args[0], Path(args[1]))


def main(argv: list[str]) -> int:
    spec = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    out, workers = Path(argv[1]), int(argv[2])
    out.mkdir(parents=True, exist_ok=True)
    _register(spec["fonts"])
    jobs = [(job, str(out)) for job in spec["jobs"]]
    if workers <= 1:
        for job in jobs:
            _work(job)
    else:
        # The batch's start method (DRUKWERK_START_METHOD, else the platform's): a spawned worker registers the fonts itself.
        method = os.environ.get("DRUKWERK_START_METHOD") or multiprocessing.get_start_method()
        initializer = None if method == "fork" else _register
        with multiprocessing.get_context(method).Pool(workers, initializer, (spec["fonts"],)) as pool:
            for _ in pool.imap_unordered(_work, jobs, chunksize=max(1, len(jobs) // (workers * 4))):
                pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
