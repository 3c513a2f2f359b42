"""One job, start to end: context -> typeset -> render -> preflight -> its bytes and manifest row,
then the atomic write. Per-process work (fonts, styles, shared panels) comes from the warm state."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from generator.batch.project import Project
from generator.batch.request import Request
from generator.compose import discreet
from generator.compose.context import JobContext, job_context, language_context
from generator.compose.editions import is_draft
from generator.inputs.font_files import FontProblem
from generator.inputs.images import uses_region_logo
from generator.inputs.layout_models import MM
from generator.inputs.layouts import ResolvedLayout
from generator.problems import Collector, Origin, Problem, ProblemsFound, fail
from generator.store.digests import InputDigests, file_matches
from generator.store.files import FileHeld, write_atomic
from generator.store.paths import thumb_paths
from generator.vocabulary import DISCREET, Job
from generator.warm import WarmState

if TYPE_CHECKING:
    from generator.compose.results import Typeset
    from generator.compose.typeset import Typesetter

__all__ = ["Builder", "Made", "Result"]

Result = tuple[Job, dict[str, Any] | list[Problem]]  # a job's manifest row, or the problems that failed it


@dataclass(frozen=True)
class Made:
    pdf: bytes
    row: dict[str, Any]
    log: str


class Builder:
    """Runs the jobs of one project."""

    def __init__(self, project: Project, request: Request, warm: WarmState) -> None:
        self.project = project
        self.request = request
        self.warm = warm
        self.digests = InputDigests()
        self._languages: dict[str, dict[str, Any]] = {}
        self._giveaways: discreet.Giveaways | None = None  # every pack's giveaway words, the same for every region
        self._reportlab_ready = False
        self._keys: dict[int, str] = {}  # layout (a region's themed one too) -> what its shared panels are made from

    def layout_for(self, job: Job) -> ResolvedLayout:
        return self.project.layout_for(job.region, job.product)

    def inputs_digest(self, job: Job) -> str:
        resolved = self.layout_for(job)
        files = self.project.input_files(job.region, job.lang, resolved.files, uses_region_logo(resolved.layout))
        return self.digests.of(str(job), files)

    def typesetter(self, resolved: ResolvedLayout) -> Typesetter:
        from generator.compose.typeset import Typesetter

        key = self._keys.get(id(resolved))
        if key is None:  # the files' digests do not change during a build (the project holds every layout)
            key = self._keys[id(resolved)] = self._shared_inputs_key(resolved)
        typesetter: Typesetter | None = self.warm.typesetters.get(key)
        if typesetter is None:
            typesetter = self.warm.typesetters.put(key, Typesetter(key, resolved, self.project.templates, self.warm))
        return typesetter

    def _shared_inputs_key(self, resolved: ResolvedLayout) -> str:
        """What the shared panels of a layout depend on: its files, the content, the national contacts."""
        sources = self.project.sources
        files = [*resolved.files, sources.root / "national.yaml", *(c.path for c in sources.contents.values())]
        return "\n".join([resolved.name, *(f"{path.resolve()}:{self.digests.file(path)}" for path in files)])

    def giveaways(self) -> discreet.Giveaways:
        """Every pack's giveaway words: the same for every region, gathered once per build."""
        if self._giveaways is None:
            self._giveaways = discreet.giveaway_words(self.project.sources)
        return self._giveaways

    def context(self, job: Job) -> JobContext:
        context: JobContext | None = self.warm.region_contexts.get((job.region, job.lang))
        if context is None:
            shared = self._languages.get(job.lang)
            if shared is None:
                shared = self._languages[job.lang] = language_context(self.project.sources, job.lang)
            sources = self.project.sources
            made = job_context(sources, sources.regions[job.region], shared, self.giveaways())
            context = self.warm.region_contexts.put((job.region, job.lang), made)
        return context

    def typeset(self, job: Job) -> Typeset:
        """Lay out one job's panels: everything that can go wrong with the inputs (text that does
        not fit, a missing glyph, a template naming an unknown variable) is raised here."""
        resolved = self.layout_for(job)
        try:
            typesetter = self.typesetter(resolved)
        except FontProblem as exc:
            raise fail(Origin(str(resolved.root / "theme.yaml")), "fonts", str(exc)) from None
        forms = job.mode == "office" and resolved.layout.office.forms
        context = self.context(job)
        if job.product not in DISCREET:
            return typesetter.run(job, context, forms)
        words = self.giveaways()
        discreet.check_contacts(context.names["contacts"], words)
        typeset = typesetter.run(job, context, forms)
        discreet.screen(typeset.pages, typeset.title, [context.names["region"]["discreet"]["author"]], words, resolved.origin)
        return typeset

    def make(self, job: Job) -> Made:
        """Typeset, render and preflight one job: the PDF bytes and its manifest row; raises ProblemsFound."""
        typeset = self.typeset(job)
        from generator.pdf.pdfx import PdfX
        from generator.pdf.preflight import preflight
        from generator.pdf.render import PdfMeta, render

        if not self._reportlab_ready:  # ReportLab is imported only when there is a PDF to make
            from generator.engine import reportlab_compat

            reportlab_compat.apply(self.warm.checkboxes if self.warm.reuse else None)
            self._reportlab_ready = True

        sources = self.project.sources
        entry = sources.regions[job.region]
        assert entry.loaded is not None
        resolved = self.layout_for(job)
        content = sources.contents[job.lang].model
        draft = is_draft(sources, entry, job.lang)
        family = next(iter(self.typesetter(resolved).families.values()))
        pdfx = None
        if job.mode == "press":  # PDF/X-1a, dated by the newest contact check it prints: the same inputs, the same bytes
            names = self.context(job).names
            checked = max((c["verified"] for c in (*names["contacts"], *names["national"])), default=None)
            pdfx = PdfX(resolved.theme.press.condition, date.fromisoformat(checked) if checked else None)
        region = entry.loaded.model
        meta = PdfMeta(
            typeset.title,
            # the contact card's file names no organisation: its name may be what gives the card away
            region.discreet.author if job.product in DISCREET else region.organisation or "mensenhandel-drukwerk",
            job.lang,
            family.faces["regular"],
            content.labels.draft if draft else None,
            pdfx,
        )
        pdf, pages, failures = render(job, resolved.layout, typeset, meta)
        failures += preflight(job, pdf, pages, len(resolved.layout.pages))
        if failures:
            raise ProblemsFound(Problem(Origin(str(resolved.file)), "", f"preflight ({job}): {f}", kind="output") for f in failures)
        trim = resolved.layout.trim
        row = {
            "path": job.path,
            "region": job.region,
            "product": job.product,
            "lang": job.lang,
            "mode": job.mode,
            "pages": pages,
            "trim_mm": [round(trim.width / MM, 1), round(trim.height / MM, 1)],
            "bleed_mm": round(resolved.layout.bleed / MM, 1) if job.mode == "press" else 0,
            "sha256": hashlib.sha256(pdf).hexdigest(),
            "inputs_sha256": self.inputs_digest(job),
            "draft": draft,
            "layout": resolved.name,
            "panels": [{"page": r.page, "panel": r.panel, "fill_percent": round(r.percent, 1)} for r in typeset.panels],
        }
        notices = [notice for report in typeset.panels for notice in report.notices]
        if notices:  # e.g. an image below 300 ppi: printed, and kept with the file it concerns
            row["notices"] = [str(n) for n in notices]
        return Made(pdf, row, _layout_log(job, resolved, typeset))

    def attempt(self, job: Job) -> Result:
        """Make one job and write its file: its manifest row, or the problems that fail this job
        only (they travel as data from here on: to the report, across a worker's pipe)."""
        try:
            return job, self.make_and_write(job)
        except ProblemsFound as exc:
            return job, exc.problems

    def make_and_write(self, job: Job) -> dict[str, Any]:
        """Make one job and write its file (only if the bytes changed): its manifest row; raises ProblemsFound."""
        try:
            made = self.make(job)
        except ProblemsFound as exc:
            if self.request.log:  # the log is most needed when the job fails: write it beside the last good PDF
                write_atomic((self.request.out / job.path).with_suffix(".layout.txt"), self.failed_log(job, exc.problems).encode("utf-8"))
            raise
        target = self.request.out / job.path
        thumbs = [self.request.out / t for t in thumb_paths(job.path, made.row["pages"])] if self.request.proof else []
        if not file_matches(target, made.row["sha256"]) or not all(t.exists() for t in thumbs):
            # The thumbnails first: a PDF that is there always has its own thumbnails beside it,
            # so a job that stops between the two is done again in full by the next build.
            try:
                if thumbs:
                    from generator.proofing.preview import write_thumbnails

                    write_thumbnails(made.pdf, thumbs[0].parent, target.stem)
                write_atomic(target, made.pdf)
            except FileHeld as exc:  # this job fails (the file named is the one held); the others go on
                raise fail(Origin(exc.filename), "", exc.strerror or str(exc), kind="output") from None
        if self.request.log:
            write_atomic(target.with_suffix(".layout.txt"), made.log.encode("utf-8"))
        return made.row

    def failed_log(self, job: Job, problems: list[Problem]) -> str:
        """The layout log of a job that was not built: its problems, then its panels as far as they go."""
        resolved = self.layout_for(job)
        lines = [f"{job.path}: NOT BUILT (the file here, if any, is the last good one); layout {resolved.file}", ""]
        lines.extend(str(problem) for problem in problems)
        try:
            forms = job.mode == "office" and resolved.layout.office.forms
            lines.extend(self.typesetter(resolved).explain(job, self.context(job), forms))
        except FontProblem:
            pass  # already among the problems
        return "\n".join(lines) + "\n"

    def warm_up(self, jobs: list[Job]) -> None:
        """Do the per-process start-up work now, before forking workers: register fonts, build
        styles and lay out the shared panels once (one job of each product, language and mode)."""
        seen = set()
        for job in jobs:
            kind = (self.layout_for(job).name, job.lang, job.mode)
            if kind not in seen:
                seen.add(kind)
                with Collector().gather():  # its problems, if any, are reported by the job itself
                    self.typeset(job)


def _layout_log(job: Job, resolved: ResolvedLayout, typeset: Typeset) -> str:
    lines = [f"{job.path}: layout {resolved.file}"]
    for report in typeset.panels:
        lines.append(
            f"\n{report.page} / {report.panel}: {report.percent:.1f}% full ({report.used / MM:.1f} of {report.available / MM:.1f} mm)"
        )
        lines.extend(f"  {line}" for line in report.blocks)
    return "\n".join(lines) + "\n"
