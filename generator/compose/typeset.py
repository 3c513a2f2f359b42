"""Lay out a product's pages: block lists -> placed flowables, or exact problems.

Panels that print nothing that differs per region (which names differ follows from
:func:`generator.compose.context.region_names`) are laid out once per process and language and
shared by every region; the others once per region, for its press and office versions.
"""

from __future__ import annotations

import html
from typing import Any

from reportlab.lib.styles import ParagraphStyle

from generator.blocktext.templating import TemplateProblem, Templates
from generator.compose.context import JobContext
from generator.compose.fit import Item, Overset, Placed, fit_panel, overset_problem
from generator.compose.flowables import TAGS, texts_of
from generator.compose.graphics import Graphics
from generator.compose.results import Fill, PageLayout, PanelReport, Typeset
from generator.compose.styles import cmyk, paragraph_style
from generator.compose.text_blocks import BlockAt, BlockSetter
from generator.engine.fonts import Family, families_of
from generator.inputs.layout_models import MM, Panel
from generator.inputs.layouts import ResolvedLayout
from generator.inputs.validation import field_path
from generator.problems import Collector, Loc, Origin, Problem, ProblemsFound
from generator.vocabulary import Job
from generator.warm import WarmState

__all__ = ["Typesetter"]


LaidOut = tuple[list[Placed], PanelReport]


class Typesetter:
    """Typesets jobs for one layout; ParagraphStyles are built once and reused."""

    def __init__(self, key: str, resolved: ResolvedLayout, templates: Templates, warm: WarmState) -> None:
        self.key = key  # what the layout, its theme and fonts, the content and national files are
        self.resolved = resolved
        self.templates = templates
        self.warm = warm
        self.families: dict[str, Family] = families_of(resolved, warm)
        self._family_of = {face: family for family in self.families.values() for face in family.faces.values()}
        self._styles: dict[tuple[str, str, bool], ParagraphStyle] = {}
        self._panel_uses: dict[tuple[int, int, frozenset[str]], bool] = {}  # the layout's own facts: bounded by its panels
        self.graphics = Graphics(resolved, templates, warm, self.style, next(iter(self.families.values())).faces["regular"])
        self.blocks = BlockSetter(resolved, templates, self.families, self.style, self.graphics)

    def style(self, name: str, lang: str, hyphenate: bool = True) -> ParagraphStyle:
        """The paragraph style; ``hyphenate=False`` for heading blocks, which are never hyphenated."""
        key = (name, lang, hyphenate)
        cached = self._styles.get(key)
        if cached is None:
            spec = self.resolved.theme.styles[name]
            cached = self._styles[key] = paragraph_style(name, spec, self.resolved.theme, self.families[spec.font], lang, hyphenate)
        return cached

    def run(self, job: Job, context: JobContext, form_fields: bool) -> Typeset:
        """The job's pages laid out; raises ProblemsFound with the problems of every panel."""
        layout = self.resolved.layout
        found = Collector()
        pages: list[PageLayout] = []
        reports: list[PanelReport] = []
        for p, page in enumerate(layout.pages):
            fills: list[Fill] = []
            placed: list[Placed] = []
            for q, panel in enumerate(page.panels):
                forms = form_fields and any(b.type == "checklist" for b in panel.blocks)
                key: tuple[Any, ...]
                if self._uses(p, q, panel, context.regional):
                    cache, key = self.warm.region_panels, (self.key, job.region, job.lang, forms, p, q)
                else:
                    cache, key = self.warm.shared_panels, (self.key, job.lang, forms, p, q)
                done = cache.get(key)
                if done is None:
                    with found.gather():
                        done = cache.put(key, self._panel(job, page.name, panel, p, q, context, form_fields))
                if done is None:
                    continue
                panel_placed, report = done
                placed.extend(panel_placed)
                reports.append(report)
                if panel.background:
                    fills.append(self._fill(panel))
            pages.append(PageLayout(page.name, tuple(fills), tuple(placed), tuple(page.folds)))
        title = ""
        try:
            title = TAGS.sub("", html.unescape(self.templates.render(layout.title, context.names).markup))
        except TemplateProblem as exc:
            found.add([Problem(self.resolved.origin("title"), "title", str(exc))])
        found.raise_any()
        return Typeset(tuple(pages), tuple(reports), title)

    def _uses(self, p: int, q: int, panel: Panel, names: frozenset[str]) -> bool:
        """Whether any template of the panel uses one of ``names``."""
        key = (p, q, names)
        uses = self._panel_uses.get(key)
        if uses is None:
            used: set[str] = set()
            for block in panel.blocks:
                used |= self.templates.names(block.text) | self.templates.names(block.item_template())
                used |= self.templates.names(block.src) | self.templates.names(block.url)
                if block.items:
                    used |= self.templates.names(f"{{{{ {block.items} }}}}")
            uses = self._panel_uses[key] = bool(used & names)
        return uses

    def _panel(
        self, job: Job, page_name: str, panel: Panel, p: int, q: int, context: JobContext, form_fields: bool
    ) -> LaidOut:
        loc: Loc = ("pages", p, "panels", q)
        items = self._items(job, panel, loc, context, form_fields)
        fitted = fit_panel(panel, self.resolved.layout.trim.height, items)
        if isinstance(fitted, Overset):
            rule = fitted.culprit.block_loc
            place = f"page '{page_name}', panel '{panel.name}'"
            problem = overset_problem(fitted, str(job), place, self.resolved.origin(*loc), self.resolved.origin(*rule), field_path(rule))
            raise ProblemsFound([problem])
        placed, used = fitted
        if wide := self._too_wide(job, panel, loc, items):
            raise ProblemsFound(wide)
        notices = tuple(n for item in items if (n := getattr(item.flowable, "notice", None)))
        return placed, PanelReport(page_name, panel.name, used, panel.inner_height, self._block_log(panel, items), notices)

    def _too_wide(self, job: Job, panel: Panel, loc: Loc, items: list[Item]) -> list[Problem]:
        """A word wider than its line that no hyphenation point could break (compose/long_words.py)."""
        problems = []
        for item in items:
            paragraph = getattr(item.flowable, "paragraph", item.flowable)
            for word in dict.fromkeys(getattr(paragraph, "too_wide", ())):
                origin, field = self._blame(item, word.replace("\u00ad", ""))
                problems.append(
                    Problem(
                        origin,
                        field,
                        f"does not fit: the word '{word.replace(chr(0xAD), '')}' is wider than a line of panel '{panel.name}' ({job}) "
                        "and no hyphenation point breaks it there; put a soft hyphen (U+00AD) where it may break, use a shorter word, "
                        f"or make the style smaller or the panel wider ({self.resolved.origin(*item.block_loc)})",
                        kind="fit",
                    )
                )
        return problems

    def _blame(self, item: Item, piece: str) -> tuple[Origin, str]:
        """Where a piece of printed text came from: the value that holds it, else the layout rule."""
        value = next((v for v in item.values if piece in v.replace("\u00ad", "")), None)
        return (value.origin, value.field) if value else (self.resolved.origin(*item.block_loc), field_path(item.block_loc))

    def explain(self, job: Job, context: JobContext, form_fields: bool) -> list[str]:
        """For the log of a job that failed: every panel as far as it could be laid out, and where
        an overfull one runs out."""
        lines: list[str] = []
        for p, page in enumerate(self.resolved.layout.pages):
            for q, panel in enumerate(page.panels):
                forms = form_fields and any(b.type == "checklist" for b in panel.blocks)
                try:
                    items = self._items(job, panel, ("pages", p, "panels", q), context, forms)
                except ProblemsFound as exc:
                    lines.append(f"\n{page.name} / {panel.name}: not laid out, {len(exc.problems)} problem(s) in its text or template")
                    continue
                fitted = fit_panel(panel, self.resolved.layout.trim.height, items)
                log = self._block_log(panel, items)
                if isinstance(fitted, Overset):
                    lines.append(f"\n{page.name} / {panel.name}: does not fit, {fitted.missing_mm:.1f} mm short")
                    marks = {
                        id(fitted.first): "   <- the text runs out here",
                        id(fitted.culprit): "   <- blamed: tallest text of the largest block",
                    }
                    if fitted.first is fitted.culprit:
                        marks[id(fitted.first)] = "   <- the text runs out here; blamed: tallest text of the largest block"
                    lines.extend(f"  {line}{marks.get(id(item), '')}" for item, line in zip(items, log, strict=True))
                else:
                    report = PanelReport(page.name, panel.name, fitted[1], panel.inner_height, log)
                    full = f"{report.percent:.1f}% full ({report.used / MM:.1f} of {report.available / MM:.1f} mm)"
                    lines.append(f"\n{page.name} / {panel.name}: {full}")
                    lines.extend(f"  {line}" for line in log)
        return lines

    def _block_log(self, panel: Panel, items: list[Item]) -> tuple[str, ...]:
        lines = []
        for item in items:
            block = panel.blocks[int(item.block_loc[-1])]
            text = f" text {item.values[0].field} ({item.values[0].origin})" if item.values else ""
            rule = self.resolved.origin(*item.block_loc)
            lines.append(f"{block.type:<9} style {block.style or block.type:<14} {item.flowable.height / MM:5.1f} mm  rule {rule}{text}")
        return tuple(lines)

    def _fill(self, panel: Panel) -> Fill:
        trim = self.resolved.layout.trim
        eps = 0.01
        y = trim.height - panel.y - panel.height
        edges = (panel.x < eps, y < eps, panel.x + panel.width > trim.width - eps, panel.y < eps)
        colour = cmyk(self.resolved.theme.colours[panel.background or "paper"])
        return Fill(colour, panel.x, y, panel.width, panel.height, edges)

    def _items(self, job: Job, panel: Panel, loc: Loc, context: JobContext, form_fields: bool) -> list[Item]:
        """The panel's blocks as items; raises ProblemsFound with the problems of every block."""
        items: list[Item] = []
        found = Collector()
        for b, block in enumerate(panel.blocks):
            at = BlockAt(job, panel, block, (*loc, "blocks", b), context.names, form_fields)
            with found.gather():
                try:
                    items.extend(self.blocks.items(at))
                except TemplateProblem as exc:
                    key = (*at.loc, exc.key) if exc.key else at.loc
                    found.add([Problem(self.resolved.origin(*key), field_path(key), str(exc))])
        for item in items:
            found.add(self._glyph_problems(job, item))
        found.raise_any()
        return items

    def _glyph_problems(self, job: Job, item: Item) -> list[Problem]:
        texts = texts_of(item.flowable)
        if not texts:
            return []
        inner = getattr(item.flowable, "paragraph", item.flowable)
        family = self._family_of[inner.style.fontName]
        problems = []
        for text in texts:
            for ch in sorted(set(text) - set(" \n\t\u00ad")):
                if ord(ch) not in family.coverage:
                    origin, field = self._blame(item, ch)
                    problems.append(
                        Problem(
                            origin,
                            field,
                            f"character '{ch}' (U+{ord(ch):04X}) is not in font '{family.name}' "
                            f"({job}); replace it, or choose a font that has it in theme.yaml",
                        )
                    )
        return problems
