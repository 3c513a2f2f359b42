"""The editor's one door to the core pipeline: loading and checking sources, the builder, atomic
writes, the manifest. Every other editor module uses only this one, so when the packages below
move, the imports change here alone.

All work on the pipeline runs under one lock: the warm state (caches) and ReportLab's globals are
made for one thread, and waitress serves requests from several.
"""

from __future__ import annotations

import hashlib
import io
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from generator.batch.builder import Builder
from generator.batch.project import Project, load_project
from generator.batch.request import Request
from generator.batch.run import run_build
from generator.batch.validate import validate_all
from generator.blocktext.templating import Templates
from generator.compose.editions import final_editions
from generator.devtools.bench import make_sources
from generator.inputs.images import ImageProblem, kind_of
from generator.inputs.layout_models import MM
from generator.inputs.layouts import load_layouts
from generator.inputs.provenance import STATES, WORD_LIST_KEYS, Key, Translations, digest
from generator.inputs.source_models import Contact, Region, month_age
from generator.inputs.sources import (
    RegionEntry,
    Sources,
    load_region_file,  # the one region file, checked as load_sources checks it
    load_sources,
    region_id_for,
)
from generator.problems import Origin, Problem, ProblemsFound, named_as
from generator.store.files import copy_if_changed, mirror, write_atomic
from generator.store.manifest import read_manifest
from generator.translations.placement import Placements, Spot
from generator.translations.records import own_translation, record
from generator.translations.saving import save_texts
from generator.translations.writer import new_bytes
from generator.vocabulary import MODES, PRODUCTS, Job
from generator.warm import WarmState

__all__ = [
    "MODES",
    "PRODUCTS",
    "STATES",
    "WORD_LIST_KEYS",
    "Checked",
    "Contact",
    "ImageProblem",
    "Key",
    "Origin",
    "Paths",
    "Pipeline",
    "Problem",
    "Region",
    "RegionStatus",
    "Spot",
    "Translations",
    "digest",
    "file_digest",
    "kind_of",
    "make_sources",
    "month_age",
    "own_translation",
    "region_id_for",
    "write_atomic",
]

# What a preview shows: the product, and which of its pages carries the region's contacts.
PREVIEW_PAGES = {"pocket-card": 1, "leaflet": 0, "contact-card": 1}
PREVIEW_DPI = {"pocket-card": 110, "contact-card": 110, "leaflet": 72}  # about the width the page shows them at


@dataclass(frozen=True)
class Paths:
    sources: Path
    layouts: Path
    out: Path
    data: Path  # the editor's own state: never inside out/


@dataclass(frozen=True)
class RegionStatus:
    """One region as the overview shows it."""

    id: str
    name: str
    status: str  # complete, draft or invalid
    contacts: list[dict[str, Any]]
    stale_soon: list[str]  # contacts whose check runs out within 60 days
    problems: list[str]


@dataclass
class Checked:
    """Proposed region data checked by the pipeline: its problems, and previews when it could be drawn."""

    problems: list[Problem] = field(default_factory=list)
    previews: dict[str, bytes] = field(default_factory=dict)  # product -> PNG
    pdfs: dict[str, bytes] = field(default_factory=dict)  # product -> the press PDF the PNG was drawn from


def file_digest(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return ""


class Pipeline:
    """The sources, layouts and output of one server, and the work the editor asks of them."""

    def __init__(self, paths: Paths, today: Callable[[], date], workers: int = 0, scratch: Path | None = None) -> None:
        self.paths = paths
        self.today = today
        self.lock = threading.RLock()
        self.warm = WarmState()
        # A scratch copy of sources/ at a fixed place (so the warm caches, keyed by path and
        # digest, still match): the proposed region file is written there and checked.
        self.scratch = scratch or paths.data / "scratch" / "sources"
        self._base: tuple[tuple[str, date], Project] | None = None
        # Previews and checks in ``workers`` processes of their own (0: in this one), so that
        # several people's previews are drawn at once on several cores.
        self.workers = workers
        self._pool: Any = None
        self._pool_lock = threading.Lock()
        self._placements: tuple[str, Placements, dict[str, list[str]]] | None = None
        self._sources: tuple[tuple[str, date], Sources] | None = None

    def _run(self, name: str, *args: Any) -> Any:
        if self.workers <= 0:
            return getattr(self, name)(*args)
        with self._pool_lock:
            if self._pool is None:
                import multiprocessing

                context = multiprocessing.get_context("spawn")  # never fork a threaded server
                slots = context.Queue()
                for slot in range(self.workers):
                    slots.put(slot)
                self._pool = context.Pool(self.workers, _start_worker, (self.paths, slots))
            pool = self._pool
        return pool.apply(_in_worker, (name, args, self.today()))

    def close(self) -> None:
        with self._pool_lock:
            if self._pool is not None:
                self._pool.terminate()
                self._pool = None

    # --- reading -----------------------------------------------------------------------------

    def region_file(self, region: str) -> Path:
        return self.paths.sources / "regions" / f"{region}.yaml"

    def sources(self) -> Sources:
        """The sources as they are now: read again only when a file under sources/ changed (or the
        day did), so that the several questions one page asks read them once."""
        key = (_stamp([self.paths.sources]), self.today())
        cached = self._sources
        if cached is None or cached[0] != key:
            cached = self._sources = (key, load_sources(self.paths.sources, key[1]))
        return cached[1]

    def region_ids(self) -> list[str]:
        return sorted(p.stem for p in (self.paths.sources / "regions").glob("*.yaml"))

    def statuses(self) -> list[RegionStatus]:
        sources = self.sources()
        today = self.today()
        limit = sources.settings.verified_max_age_months
        out = []
        for rid, entry in sources.regions.items():
            model = entry.loaded.model if entry.loaded else None
            contacts = [c.model_dump(mode="json") for c in model.contacts] if model else []
            soon = [c.name for c in (model.contacts if model else []) if _stale_within(c.verified, today, limit, 60)]
            out.append(
                RegionStatus(
                    rid, model.name if model else rid, entry.status, contacts, soon, [f"{p.field}: {p.message}" for p in entry.problems]
                )
            )
        return out

    def region_entry(self, region: str) -> RegionEntry | None:
        return self.sources().regions.get(region)

    def verified_limit(self) -> int:
        return self.sources().settings.verified_max_age_months

    def manifest_rows(self, region: str) -> list[dict[str, Any]]:
        return [row for row in read_manifest(self.paths.out).files.values() if row.get("region") == region]

    # --- checking proposed data --------------------------------------------------------------

    def _sync_scratch(self, region: str, text: str, logo: tuple[str, bytes] | None, files: dict[str, bytes] | None = None) -> Path:
        """The scratch sources: the shared files as they are now (copied only when changed), and
        only this region's file, as proposed, with its new logo; ``files`` (relative to sources/:
        content/pl.yaml) as a translator is writing them."""
        real, scratch = self.paths.sources, self.scratch
        scratch.mkdir(parents=True, exist_ok=True)
        for name in ("content", "seeds", "logos"):
            mirror(real / name, scratch / name)
        for name in ("national.yaml", "settings.yaml"):
            if (real / name).is_file():
                copy_if_changed(real / name, scratch / name)
            else:
                (scratch / name).unlink(missing_ok=True)
        regions = scratch / "regions"
        regions.mkdir(exist_ok=True)
        for other in regions.iterdir():
            if other.name != f"{region}.yaml":
                other.unlink()
        if logo is not None:
            (scratch / "logos").mkdir(exist_ok=True)
            (scratch / "logos" / logo[0]).write_bytes(logo[1])  # the mirror takes it away again next time
        path = regions / f"{region}.yaml"
        path.write_text(text, encoding="utf-8")
        for name, data in (files or {}).items():
            if name.startswith("content/") and name.count("/") == 1:  # a pack; the rest is never taken from outside
                (scratch / name).write_bytes(data)
        return path

    def _project(self, region: str, request: Request) -> Project:
        """The scratch project with this region as proposed. The shared part (content, national
        contacts, layouts) is loaded once while its files stay the same; the region file is read
        and checked afresh each time by the same function ``load_sources`` uses for it."""
        key = _stamp([self.scratch / "content", self.scratch / "national.yaml", self.scratch / "settings.yaml", self.paths.layouts])
        base = self._base if self._base is not None and self._base[0] == (key, request.today) else None
        path = self.scratch / "regions" / f"{region}.yaml"
        if base is not None:
            project = base[1]
            sources = project.sources
            entry = load_region_file(path, sources.national, sources.settings, request.today)
            model = entry.loaded.model if entry.loaded else None
            if model is None or not (model.layouts or model.theme):  # a region's own layout or theme: checked by the full load
                return replace(project, sources=replace(sources, regions={region: entry}))
        project = load_project(request, self.warm)
        self._base = ((key, request.today), project)
        return project

    def _shown(self, problems: Iterable[Problem]) -> list[Problem]:
        """Problems of the scratch copy, named as the real files (the words of ``drukwerk validate``)."""
        return named_as(problems, str(self.scratch), str(self.paths.sources))

    def validate(self, region: str, text: str, logo: tuple[str, bytes] | None = None) -> list[Problem]:
        """Everything ``drukwerk validate`` checks, for this region as proposed: every language, product and mode."""
        problems: list[Problem] = self._run("validate_here", region, text, logo)
        return problems

    def validate_here(self, region: str, text: str, logo: tuple[str, bytes] | None = None) -> list[Problem]:
        with self.lock:
            self._sync_scratch(region, text, logo)
            request = Request(sources=self.scratch, layouts=self.paths.layouts, today=self.today(), proof=False)
            try:
                _, problems = validate_all(request, self.warm)
            except ProblemsFound as exc:
                problems = exc.problems
            return self._shown(problems)

    def preview(
        self,
        region: str,
        text: str,
        logo: tuple[str, bytes] | None = None,
        lang: str = "nl",
        products: tuple[str, ...] = tuple(PREVIEW_PAGES),
        files: dict[str, bytes] | None = None,
        pages: dict[str, int] | None = None,
    ) -> Checked:
        """The region's problems as proposed and, when it can be drawn, its contact pages (or
        ``pages``, product -> page index) as PNG."""
        checked: Checked = self._run("preview_here", region, text, logo, lang, products, files, pages)
        return checked

    def preview_here(
        self,
        region: str,
        text: str,
        logo: tuple[str, bytes] | None = None,
        lang: str = "nl",
        products: tuple[str, ...] = tuple(PREVIEW_PAGES),
        files: dict[str, bytes] | None = None,
        pages: dict[str, int] | None = None,
    ) -> Checked:
        with self.lock:
            self._sync_scratch(region, text, logo, files)
            request = Request(sources=self.scratch, layouts=self.paths.layouts, today=self.today(), proof=False, web=False)
            self.warm.new_build()
            try:
                project = self._project(region, request)
            except ProblemsFound as exc:
                return Checked(self._shown(exc.problems))
            entry = project.sources.regions[region]
            problems = [*project.problems, *entry.problems]
            if problems or entry.loaded is None or lang not in project.sources.contents:
                return Checked(self._shown(problems))
            builder = Builder(project, request, self.warm)
            checked = Checked()
            for product in products:
                if not entry.loaded.model.prints(product):
                    continue
                try:
                    made = builder.make(Job(region, product, lang, "press"))
                except ProblemsFound as exc:
                    checked.problems.extend(self._shown(exc.problems))
                    continue
                page = (pages or PREVIEW_PAGES).get(product, 0)
                checked.previews[product] = _png(made.pdf, page, PREVIEW_DPI.get(product, 72))
                checked.pdfs[product] = made.pdf
            return checked

    # --- translations ------------------------------------------------------------------------

    def translations(self, lang: str) -> tuple[Translations | None, list[Problem]]:
        """Every key of ``lang`` with its state; None when there is no such translation, or
        with the problems of a sidecar that cannot be read (then nothing can be said of the states)."""
        sources = self.sources()
        broken = [p for p in sources.problems if p.origin.file.endswith(f"{lang}.provenance.yaml")]
        return sources.translations.get(lang), broken

    def languages(self) -> list[str]:
        return sorted(self.sources().translations)

    def final_editions(self, lang: str) -> list[str]:
        return final_editions(self.sources(), lang)

    def complete_regions(self) -> dict[str, list[str]]:
        """Every complete region with the products it prints (the contact card only where asked for)."""
        return {
            rid: [p for p in PRODUCTS if e.loaded.model.prints(p)]
            for rid, e in self.sources().regions.items()
            if e.status == "complete" and e.loaded is not None
        }

    def placements(self) -> tuple[Placements, dict[str, list[str]]]:
        """Where each key is printed (and the fill of the last build), and each product's page names in order."""
        key = _stamp([self.paths.layouts, self.paths.out / "manifest.json"])
        cached = self._placements
        if cached is None or cached[0] != key:
            resolved, _ = load_layouts(self.paths.layouts, Templates())
            pages: dict[str, list[str]] = {p: [page.name for page in r.layout.pages] for p, r in resolved.items() if p in PRODUCTS}
            cached = self._placements = (key, Placements(resolved, self.paths.out), pages)
        return cached[1], cached[2]

    def save_translation(self, lang: str, key: Key, text: str, reviewed_by: str = "", translated_by: str = "") -> list[Problem]:
        """A translator's new text for ``key`` (checked as ``validate`` checks, then written with
        its record and ``translated_by``), or a review of the text as it is (``reviewed_by``)."""
        with self.lock:
            sources = self.sources()
            after = replace(key, text=text)
            changes = [(key, text)] if text != key.text else []
            records = {(key.file, key.key): record(after, reviewed_by, self.today(), translated_by)}
            scratch = self.paths.data / "scratch" / "translations" / "sources"  # one place: the warm caches stay useful
            return save_texts(sources, self.paths.sources, self.paths.layouts, lang, changes, records, self.today(), self.warm, scratch)

    def translation_preview(self, lang: str, region: str, key: Key, text: str, pages: dict[str, int]) -> Checked:
        """The pages that print ``key`` in ``lang`` for ``region``, with ``text`` in place of the saved translation."""
        written = new_bytes(self.paths.sources, lang, [(key, text)]) if text != key.text else {}
        files = {path.relative_to(self.paths.sources).as_posix(): data for path, data in written.items()}
        region_file = f"regions/{region}.yaml"
        region_text = (
            files.pop(region_file).decode("utf-8") if region_file in files else self.region_file(region).read_text(encoding="utf-8")
        )
        return self.preview(region, region_text, None, lang, tuple(pages), files, pages)

    # --- writing and building ----------------------------------------------------------------

    def write_region(self, region: str, text: str, logo: tuple[str, bytes] | None = None) -> None:
        """The approved region file (and its new logo), each written atomically."""
        with self.lock:
            if logo is not None:
                write_atomic(self.paths.sources / "logos" / logo[0], logo[1])
            write_atomic(self.region_file(region), text.encode("utf-8"))

    def rebuild(self, regions: tuple[str, ...] = ()) -> list[str]:
        """Build these regions (all when none are named) into out/; the problems, one line each.
        A region that fails keeps its last good files (the build's own rule)."""
        request = Request(
            sources=self.paths.sources,
            layouts=self.paths.layouts,
            out=self.paths.out,
            regions=regions,
            today=self.today(),
        )
        with self.lock:
            try:
                report = run_build(request, self.warm, jobs=1)  # no fork inside a threaded server
            except ProblemsFound as exc:
                return [str(p) for p in self._shown(exc.problems)]
            return [str(p) for p in report.failed]

    def layout_facts(self, region: str) -> dict[str, dict[str, Any]]:
        """Per product the region prints: trim, bleed, colour condition, folds (for the print specification)."""
        with self.lock:
            request = Request(sources=self.paths.sources, layouts=self.paths.layouts, today=self.today(), web=False, proof=False)
            project = load_project(request, self.warm)
            entry = project.sources.regions.get(region)
            if entry is None or entry.loaded is None:
                return {}
            facts: dict[str, dict[str, Any]] = {}
            for product in PRODUCTS:
                if not entry.loaded.model.prints(product):
                    continue
                resolved = project.layout_for(region, product)
                layout = resolved.layout
                facts[product] = {
                    "trim_mm": (round(layout.trim.width / MM, 1), round(layout.trim.height / MM, 1)),
                    "bleed_mm": round(layout.bleed / MM, 1),
                    "pages": len(layout.pages),
                    "folds": max((len(page.folds) for page in layout.pages), default=0),
                    "condition": resolved.theme.press.condition,
                }
            return facts


_WORKER: Pipeline | None = None  # in a worker process: its own pipeline, warm state and scratch copy


def _start_worker(paths: Paths, slots: Any) -> None:
    global _WORKER
    slot = slots.get()
    _WORKER = Pipeline(paths, date.today, scratch=paths.data / "scratch" / f"worker-{slot}" / "sources")


def _in_worker(name: str, args: tuple[Any, ...], today: date) -> Any:
    assert _WORKER is not None
    _WORKER.today = lambda: today  # the server's today, as it was when asked
    return getattr(_WORKER, name)(*args)


def _stale_within(verified: date, today: date, limit: int, days: int) -> bool:
    """Whether a contact checked on ``verified`` is past the limit ``days`` from today."""
    from datetime import timedelta

    return month_age(verified, today + timedelta(days=days)) >= limit


def _stamp(paths: list[Path]) -> str:
    """Size and time of every file under these paths: what the shared part of a preview was loaded from."""
    parts = []
    for top in paths:
        for path in sorted(top.rglob("*")) if top.is_dir() else [top]:
            try:
                st = path.stat()
            except OSError:
                continue
            parts.append(f"{path}:{st.st_size}:{st.st_mtime_ns}")
    return "\n".join(parts)


def _png(pdf: bytes, page_index: int, dpi: int) -> bytes:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        page = document[min(page_index, len(document) - 1)]
        image = page.render(scale=dpi / 72).to_pil()
        buffer = io.BytesIO()
        image.save(buffer, format="PNG", compress_level=1)
        return buffer.getvalue()
    finally:
        document.close()
