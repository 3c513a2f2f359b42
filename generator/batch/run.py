"""The build: load and check everything, plan, skip what did not change, run the jobs (in
parallel), write the manifest and the proof page.

Every source and layout is read and validated before the first file is written. A problem in a
shared file stops the run; a problem in one region file, or a job that fails later (text that
does not fit, a missing glyph), fails only those jobs, which keep their earlier files and
manifest rows.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from jinja2 import TemplateError

from generator.batch.builder import Builder, Result
from generator.batch.plan import plan
from generator.batch.project import Report, load_project
from generator.batch.request import Request
from generator.batch.web_edition import WebBuild
from generator.engine.fonts import font_files_of
from generator.problems import Notice, Origin, Problem, ProblemsFound
from generator.proofing.proof import TEMPLATE, write_proof
from generator.store import stamp
from generator.store.digests import file_matches
from generator.store.files import write_atomic
from generator.store.leftovers import LOCK_FILE, tidy_if_stopped
from generator.store.manifest import read_manifest, write_manifest
from generator.store.withdraw import withdraw_pdfs, withdraw_web
from generator.vocabulary import Job
from generator.warm import WarmState

__all__ = ["Progress", "Report", "Request", "output_lock", "run_build"]

Progress = Callable[[int, int, str], None]  # (done, total, path just built)


def run_build(request: Request, warm: WarmState, progress: Progress | None = None, jobs: int = 1) -> Report:
    """Build what changed; ``jobs`` processes in parallel (0: one per core)."""
    with tidy_if_stopped(request.out), output_lock(request.out), warm.frozen():
        current = stamp.stamp(request.sources, request.layouts, request.key())
        report = _run_locked(request, warm, progress, jobs or os.cpu_count() or 1)
        if not report.failed:
            written = report.built + report.unchanged + report.web_files
            fonts = [f for lay in report.layouts for f in font_files_of(lay)]
            stamp.remember(request.out, request.key(), current, written, fonts)
        return report


def _run_locked(request: Request, warm: WarmState, progress: Progress | None, workers: int) -> Report:
    warm.new_build()
    project = load_project(request, warm)
    warm.freeze_now()
    report = Report()
    if project.problems:
        raise ProblemsFound(sorted(project.problems))
    planned = plan(project, request, report)
    report.layouts = project.all_layouts()
    # A region file with problems fails its own jobs (they keep their last good files); the rest build.
    invalid = {rid for rid in {j.region for j in planned} if project.sources.regions[rid].problems}
    for rid in sorted(invalid):
        report.fail(rid, [j.path for j in planned if j.region == rid], project.sources.regions[rid].problems)
        if request.log:
            _log_unbuilt(request, [j for j in planned if j.region == rid], project.sources.regions[rid].problems)
    planned = [j for j in planned if j.region not in invalid]
    builder = Builder(project, request, warm)
    manifest = read_manifest(request.out)
    rows, web_rows = manifest.files, manifest.web
    # A run over every region withdraws what may no longer be sent; a run for named regions leaves the others alone.
    withdrawn: set[str] = set()
    if not request.regions:
        standings = project.standings()
        for withdraw, kept in ((withdraw_pdfs, rows), (withdraw_web, web_rows)):
            notices, regions = withdraw(kept, standings, request.out)
            report.notices.extend(notices)
            withdrawn |= regions
    recorded = stamp.recorded_files(request.out)
    todo = []
    for job in planned:
        old = rows.get(job.path)
        if (
            not request.force
            and old
            and old.get("inputs_sha256") == builder.inputs_digest(job)
            and (stamp.unchanged_since_recorded(request.out, job.path, recorded) or file_matches(request.out / job.path, old.get("sha256")))
        ):
            report.unchanged.append(job.path)
        else:
            todo.append(job)
    for done, (job, result) in enumerate(_results(builder, todo, workers), 1):
        if isinstance(result, list):
            report.fail(job.region, [job.path], result)
        else:
            rows[job.path] = result
            report.built.append(job.path)
            told = [Notice(Origin(""), n) for n in result.get("notices", ())]
            report.notices.extend(n for n in told if n not in report.notices)
        if progress:
            progress(done, len(todo), job.path)
    # The web edition: a page per region and language the PDFs were asked for, after the PDFs.
    # Where a PDF of that region and language failed, its page keeps the text of the PDFs kept.
    web_changed = False
    if project.web is not None and request.web:
        failed = set(report.failed_jobs)
        unbuilt = {(job.region, job.lang) for job in planned if job.path in failed}
        pairs = sorted({(job.region, job.lang) for job in planned} - unbuilt)
        web_changed = WebBuild(project, project.web, request.out, builder.digests, request.force).run(pairs, web_rows, report)
    if todo or withdrawn or web_changed or not (request.out / "manifest.json").exists():
        write_manifest(request.out, rows.values(), web_rows.values())
    if request.proof and (request.layouts / TEMPLATE).exists():
        try:
            changed = {path.split("/", 1)[0] for path in [*report.built, *report.web_built]} | set(report.failed_by_region) | withdrawn
            write_proof(request.out, request.layouts, project.sources, rows, report.failed_by_region, changed, warm, web_rows)
        except TemplateError as exc:
            line = getattr(exc, "lineno", 0) or 0
            report.failed.append(Problem(Origin(str(request.layouts / TEMPLATE), line), "", f"proof page template: {exc}"))
    return report


def _log_unbuilt(request: Request, jobs: list[Job], problems: Sequence[Problem]) -> None:
    """--log for the jobs of a region file with problems: why they were not built."""
    for job in jobs:
        text = "\n".join([f"{job.path}: NOT BUILT (the file here, if any, is the last good one)", "", *map(str, problems)]) + "\n"
        write_atomic((request.out / job.path).with_suffix(".layout.txt"), text.encode("utf-8"))


def _results(builder: Builder, todo: list[Job], workers: int) -> Iterator[Result]:
    """Each job's manifest row (its files already written) or its problems, in completion order."""
    if workers <= 1 or len(todo) < 4 * workers:  # a few jobs finish before a pool has started
        for job in todo:
            yield builder.attempt(job)
        return
    from generator.batch.workers import run_in_workers  # here: a build of a few jobs runs without multiprocessing

    yield from run_in_workers(builder, todo, workers)


@contextmanager
def output_lock(out: Path) -> Iterator[None]:
    """One build at a time per output folder, on every system (an OS lock on ``.drukwerk.lock``,
    through the filelock package): a lock left by a killed process is free again, because the
    system lets go of it with the process."""
    from filelock import FileLock, Timeout

    out.mkdir(parents=True, exist_ok=True)
    lock = FileLock(out / LOCK_FILE, timeout=0)
    try:
        lock.acquire()
    except Timeout:
        busy = "another drukwerk build is writing to this folder; wait for it to finish"
        raise ProblemsFound([Problem(Origin(str(out)), "", busy)]) from None
    try:
        yield
    finally:
        lock.release()
