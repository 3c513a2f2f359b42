"""``drukwerk bench``: how fast a national batch is, and how close to the floor.

Makes N synthetic regions in a temporary folder (fake names, valid-format numbers, reserved
example.com addresses; nothing is written into sources/), builds them as a user would (a new
process each time, start-up included) and prints the figures. Numbers, not verdicts: the
machine is shared and noisy, so compare the ratios measured in one run.
"""

from __future__ import annotations

import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from generator.batch.request import Request
from generator.problems import UsageError
from generator.vocabulary import Job
from generator.warm import WarmState

__all__ = ["floor_spec", "make_sources", "run_bench", "watch_latency"]


def _region_yaml(number: int, today: date) -> str:
    return (
        f"# synthetic benchmark region: not real, never printed\n"
        f"name: Nepregio {number:03d}\n"
        f"organisation: Benchmark\n"
        f"contacts:\n"
        f"  - id: nep-{number:03d}\n"
        f"    name: Nepvoorziening {number:03d}\n"
        f"    phone: 088 000 {number:04d}\n"
        f"    email: nep-{number:03d}@example.com\n"
        f"    source: synthetic\n"
        f"    verified: {today.isoformat()}\n"
        f"national: [comensha, politie]\n"
    )


def make_sources(source_dir: Path, target: Path, regions: int, today: date) -> Path:
    sources = target / "sources"
    shutil.copytree(source_dir, sources, ignore=shutil.ignore_patterns("regions"))
    (sources / "regions").mkdir()
    for number in range(1, regions + 1):
        (sources / "regions" / f"nep-{number:03d}.yaml").write_text(_region_yaml(number, today), encoding="utf-8")
    return sources


def _run(args: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", *args], check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def _peak_child_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def run_bench(source_dir: Path, layouts: Path, regions: int, workers: int, today: date, warm: WarmState) -> str:
    with tempfile.TemporaryDirectory(prefix="drukwerk-bench-") as tmp:
        root = Path(tmp)
        sources = make_sources(source_dir, root, regions, today)
        common = ["--sources", str(sources), "--layouts", str(layouts), "--today", today.isoformat()]

        def build(out: str, jobs: int, *extra: str) -> float:
            return _run(["generator", "build", *common, "--out", str(root / out), "--jobs", str(jobs), *extra])

        # PDFs only (--no-proof --no-web) against the floor, which draws PDFs only; then as users run it.
        one = build("one", 1, "--no-proof", "--no-web")
        many = build("many-pdf", workers, "--no-proof", "--no-web")
        peak = _peak_child_mb()
        with_proof = build("many", workers)
        manifest = json.loads((root / "many" / "manifest.json").read_text())["files"]
        pdfs = len(manifest)
        pages = sum(row["pages"] for row in manifest)
        same = all((root / "one" / r["path"]).read_bytes() == (root / "many-pdf" / r["path"]).read_bytes() for r in manifest)
        noop = build("many", workers)
        region = sources / "regions" / "nep-001.yaml"
        region.write_text(region.read_text(encoding="utf-8").replace("088 000 0001", "088 000 9999"), encoding="utf-8")
        change = build("many", workers)
        change_warm = _watched_change(common, root / "many", region)
        spec = floor_spec(sources, layouts, manifest, today, root, warm)
        floor_one = _run(["generator.devtools.floor", str(spec), str(root / "floor1"), "1"])
        floor_many = _run(["generator.devtools.floor", str(spec), str(root / "floorn"), str(workers)])
        per_product = _ms_per_product(sources, layouts, today, warm)
    watch = watch_latency(source_dir, layouts, today)

    lines = [
        f"drukwerk bench: {regions} synthetic regions, {pdfs} PDFs, {pages} pages, {workers} worker(s) on {os.cpu_count()} core(s)",
        "",
        "| measure | drukwerk | floor (plain canvas) | ratio to floor |",
        "|---|---|---|---|",
        f"| full build, PDFs only, 1 process | {one:.2f} s ({pdfs / one:.0f} PDFs/s, {pages / one:.0f} pages/s) | {floor_one:.2f} s"
        f" | {one / floor_one:.2f}× |",
        f"| full build, PDFs only, {workers} processes | {many:.2f} s ({pdfs / many:.0f} PDFs/s, {pages / many:.0f} pages/s)"
        f" | {floor_many:.2f} s"
        f" | {many / floor_many:.2f}× |",
        f"| full build with web pages, thumbnails and proof page, {workers} processes | {with_proof:.2f} s"
        f" ({pdfs / with_proof:.0f} PDFs/s) | | |",
        f"| no-op rebuild | {noop:.2f} s | | {100 * noop / with_proof:.1f} % of the full build |",
        f"| one region changed | {change:.2f} s | | {100 * change / with_proof:.1f} % of the full build |",
        f"| one region changed, `drukwerk watch` running | {change_warm:.2f} s | "
        f"| {100 * change_warm / with_proof:.1f} % of the full build |",
        "",
        f"peak memory of one build process: {peak:.0f} MB; "
        f"1-process and {workers}-process output byte-identical: {'yes' if same else 'NO'}",
        "",
        "ms per PDF, in one warm process (both modes): " + ", ".join(f"{p} {ms:.1f}" for p, ms in per_product.items()),
        "",
        "drukwerk watch, save to fresh preview (median of 3): " + ", ".join(f"{p} {s:.2f} s" for p, s in watch.items()),
    ]
    return "\n".join(lines)


def floor_spec(sources: Path, layouts: Path, manifest: list[dict], today: date, root: Path, warm: WarmState) -> Path:
    """Every line of every job as our typesetter broke it (text, font, size, position), for the
    floor to draw with plain canvas calls: the same text on the same pages, without layout work;
    and the QR codes and pictograms as the PDF operators ours write for them (``graphics``)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import Paragraph

    from generator.batch.builder import Builder
    from generator.batch.project import load_project
    from generator.compose.flowables import Art, IconLines
    from generator.engine.reportlab_compat import operators, wrapped_lines
    from generator.pdf.render import sheet_for

    request = Request(sources=sources, layouts=layouts, today=today)
    project = load_project(request, warm)
    builder = Builder(project, request, warm)
    jobs = []
    for row in manifest:
        job = Job(row["region"], row["product"], row["lang"], row["mode"])
        typeset = builder.typeset(job)
        sheet = sheet_for(builder.layout_for(job).layout, job.mode)
        pages = []
        for page in typeset.pages:
            runs = []  # [font, size, x, y, text]: every bullet, and every line in runs of one font
            graphics = []  # PDF operators: QR codes (an Art), pictograms (an Art, or beside contact lines)
            for placed in page.placed:
                if isinstance(placed.flowable, Art | IconLines):
                    drawn = operators(lambda canvas, p=placed: p.flowable.drawOn(canvas, p.x, p.y), _first_face(builder, job))
                    ops = [op for op in drawn if not op.startswith("BT")]  # the text is in runs
                    if not any(op.endswith(" Do") for op in ops):  # an image (no synthetic region has a logo)
                        graphics.append("\n".join(ops))
                para = getattr(placed.flowable, "paragraph", placed.flowable)
                if not isinstance(para, Paragraph):
                    continue
                style = para.style
                first = placed.y + para.height - style.leading
                if para.bulletText:
                    runs.append([style.bulletFontName, style.bulletFontSize, placed.x + style.bulletIndent, first, para.bulletText])
                for n, line in enumerate(wrapped_lines(para)):
                    x, y = placed.x + style.leftIndent, first - n * style.leading
                    for fragment in line.fragments:  # one in the paragraph's own font, or several (bold words)
                        runs.append([fragment.font, fragment.size, x, y, fragment.text])
                        x += stringWidth(fragment.text, fragment.font, fragment.size)
            pages.append({"size": sheet.size, "origins": sheet.origins, "runs": runs, "graphics": graphics})
        jobs.append({"name": Path(row["path"]).name, "pages": pages})
    fonts: dict[str, str] = {}  # the names the styles use -> the font files
    for resolved in project.layouts.values():
        for family in builder.typesetter(resolved).families.values():
            fonts.update(zip(family.faces.values(), map(str, family.paths), strict=True))
    path = root / "floor.json"
    path.write_text(json.dumps({"fonts": fonts, "jobs": jobs}), encoding="utf-8")
    return path


def _first_face(builder: Any, job: Job) -> str:
    return str(next(iter(builder.typesetter(builder.layout_for(job)).families.values())).faces["regular"])


def _ms_per_product(sources: Path, layouts: Path, today: date, warm: WarmState) -> dict[str, float]:
    from generator.batch.builder import Builder
    from generator.batch.project import load_project
    from generator.vocabulary import PRODUCTS

    request = Request(sources=sources, layouts=layouts, today=today)
    project = load_project(request, warm)
    builder = Builder(project, request, warm)
    regions = sorted(project.sources.regions)[:10]
    builder.make(Job(regions[0], "leaflet", "nl", "press"))  # warm: fonts, styles
    out: dict[str, float] = {}
    for product in PRODUCTS:
        started = time.perf_counter()
        count = 0
        for region in regions:
            for mode in ("press", "office"):
                builder.make(Job(region, product, "nl", mode))
                count += 1
        out[product] = 1000 * (time.perf_counter() - started) / count
    return out


@contextmanager
def _watching(args: list[str]) -> Iterator[Iterator[str]]:
    """A ``drukwerk watch`` process, once it says it is watching; yields its output lines."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "generator", "watch", *args], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    try:
        assert proc.stdout is not None
        lines = iter(proc.stdout)
        for line in lines:
            if line.startswith("watching"):
                break
        yield lines
    finally:
        proc.terminate()
        proc.wait(5)


def _median(times: list[float]) -> float:
    return sorted(times)[len(times) // 2]


def _watched_change(common: list[str], out: Path, region: Path, rounds: int = 3) -> float:
    """Median seconds from saving a region file to the end of the rebuild, with ``drukwerk watch``
    running over the whole batch (the process that keeps ReportLab and the shared panels loaded)."""
    times = []
    with _watching([*common, "--out", str(out)]) as lines:
        for i in range(rounds):
            text = region.read_text(encoding="utf-8")
            started = time.perf_counter()
            region.write_text(re.sub(r"088 000 \d{4}", f"088 000 {9990 + i}", text), encoding="utf-8")
            for line in lines:
                if "rebuilt" in line:  # "rebuilt 6, ..." or "not rebuilt: ..."
                    times.append(time.perf_counter() - started)
                    break
    return _median(times)


def watch_latency(source_dir: Path, layouts: Path, today: date, rounds: int = 3) -> dict[str, float]:
    """Median seconds from saving a layout file to a fresh preview PNG, per product, with ``drukwerk watch``."""
    # a padding in a panel with room to spare (the back of the card, the leaflet's panels)
    edits = {"pocket-card": ("padding: 5mm", "padding: 5.5mm"), "leaflet": ("padding: 7mm", "padding: 7.5mm")}
    for product, (old, _) in edits.items():  # a layout that no longer has the edit would time out unnoticed
        if old not in (layouts / f"{product}.yaml").read_text(encoding="utf-8"):
            raise UsageError(f"bench: {product}.yaml has no '{old}' to change; update devtools/bench.py")
    results = {}
    with tempfile.TemporaryDirectory(prefix="drukwerk-watch-") as tmp:
        root = Path(tmp)
        sources = make_sources(source_dir, root, 1, today)
        shutil.copytree(layouts, root / "layouts")
        for product, (a, b) in edits.items():
            out = root / f"out-{product}"
            args = ["--sources", str(sources), "--layouts", str(root / "layouts"), "--out", str(out), "--region", "nep-001"]
            args += ["--product", product, "--mode", "press", "--today", today.isoformat()]
            with _watching(args):
                png = out / "nep-001" / "preview" / f"nep-001_{product}_nl_press-p1.png"
                layout = root / "layouts" / f"{product}.yaml"
                times = []
                for i in range(rounds):
                    old, new = (a, b) if i % 2 == 0 else (b, a)
                    before = png.stat().st_mtime_ns
                    text = layout.read_text(encoding="utf-8").replace(old, new, 1)
                    started = time.perf_counter()
                    layout.write_text(text, encoding="utf-8")
                    while png.stat().st_mtime_ns == before and time.perf_counter() - started < 10:
                        time.sleep(0.005)
                    times.append(time.perf_counter() - started)
                    time.sleep(0.3)
                results[product] = _median(times)
    return results
