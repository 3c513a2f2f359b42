"""Lay out a product's pages: block lists -> placed flowables, or exact problems.

Panels that print nothing that differs per region (which names differ follows from
:func:`generator.compose.context.region_names`) are laid out once per process and language and
shared by every region; the others once per region, for its press and office versions.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

from reportlab.lib.colors import CMYKColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from generator.blocktext.markup import theme_colours
from generator.blocktext.templating import Rendered, TemplateProblem, Templates
from generator.compose.addresses import keep_addresses_whole
from generator.compose.context import JobContext
from generator.compose.fit import Item, Overset, Placed, fit_panel, overset_problem
from generator.compose.flowables import TAGS, Banner, CheckItem, Rule, Space, WritingLines, texts_of
from generator.compose.graphics import Graphics
from generator.compose.long_words import shrunk_size
from generator.compose.paragraphs import Paragraph
from generator.compose.styles import cmyk, paragraph_style, without_indent
from generator.compose.ties import tie_short_words
from generator.engine.fonts import Family, families_of
from generator.inputs.layout_models import GRAPHIC_BLOCKS, MM, RULE_COLOUR, RULE_SPACE, RULE_THICKNESS, Block, Panel, Style
from generator.inputs.layouts import ResolvedLayout
from generator.inputs.validation import field_path
from generator.problems import Collector, Loc, Notice, Problem, ProblemsFound, fail
from generator.vocabulary import Job
from generator.warm import WarmState

__all__ = ["Fill", "PageLayout", "PanelReport", "Placed", "Typeset", "Typesetter"]



@dataclass(frozen=True)
class Fill:
    """A panel background; ``edges`` says which trim edges it touches (it runs into the bleed there)."""

    colour: CMYKColor
    x: float
    y: float
    width: float
    height: float
    edges: tuple[bool, bool, bool, bool]  # left, bottom, right, top


@dataclass(frozen=True)
class PanelReport:
    page: str
    panel: str
    used: float
    available: float
    blocks: tuple[str, ...] = ()  # one line per placed item: where its layout rule and its text came from
    notices: tuple[Notice, ...] = ()  # worth knowing, not wrong: an image below 300 ppi

    @property
    def percent(self) -> float:
        return 100 * self.used / self.available if self.available else 0.0


@dataclass(frozen=True)
class PageLayout:
    name: str
    fills: tuple[Fill, ...]
    placed: tuple[Placed, ...]
    folds: tuple[float, ...]


@dataclass(frozen=True)
class Typeset:
    pages: tuple[PageLayout, ...]
    panels: tuple[PanelReport, ...]
    title: str


LaidOut = tuple[list[Placed], PanelReport]


@dataclass(frozen=True)
class BlockAt:
    """One block of a panel, where it stands in the layout, and what its job prints it with."""

    job: Job
    panel: Panel
    block: Block
    loc: Loc
    context: dict[str, Any]
    form_fields: bool


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
                value = next((v for v in item.values if word.replace("\u00ad", "") in v.replace("\u00ad", "")), None)
                origin = value.origin if value else self.resolved.origin(*item.block_loc)
                field = value.field if value else field_path(item.block_loc)
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
                    items.extend(self._block_items(at))
                except TemplateProblem as exc:
                    key = (*at.loc, exc.key) if exc.key else at.loc
                    found.add([Problem(self.resolved.origin(*key), field_path(key), str(exc))])
        for item in items:
            found.add(self._glyph_problems(job, item))
        found.raise_any()
        return items

    def _render(self, template: str, context: dict[str, Any], key: str) -> Rendered:
        try:
            rendered = self.templates.render(template, context)
        except TemplateProblem as exc:
            raise TemplateProblem(str(exc), key) from None
        # <font color="accent">: the theme's colour, in CMYK (the tags were checked when the layout was read);
        # one-letter words tied to the next where the language says so (compose/ties.py)
        markup = tie_short_words(theme_colours(rendered.markup, self.resolved.theme.colours), str(context.get("lang", "")))
        return Rendered(markup, rendered.values)

    def _settable(self, rendered: Rendered, at: BlockAt, style: Style, width: float, entry: Any) -> Rendered:
        """The text with its addresses and phone numbers kept readable (see compose/addresses.py); raises ProblemsFound."""
        job, panel, loc = at.job, at.panel, at.loc
        if not rendered.values:
            return rendered
        face = self.families[style.font].face(True, style.italic)  # the bold face: the widest a number may be set in
        kept = keep_addresses_whole(rendered, width, lambda text: stringWidth(text, face, style.size))
        if isinstance(kept, Rendered):
            return kept
        name = f" of {entry['name']}" if isinstance(entry, dict) and entry.get("name") else ""
        what = "a phone number never breaks" if kept.value.field.endswith(".phone") else "an address breaks only before . / @ - _"
        message = (
            f"does not fit: '{kept.piece}'{name} is wider than a line of panel '{panel.name}' ({job}) and {what}; "
            f"shorten it, or give the panel more room ({self.resolved.origin(*loc[:4])})"
        )
        raise fail(kept.value.origin, kept.value.field, message, kind="fit")

    def _block_items(self, at: BlockAt) -> list[Item]:
        items = self._block_items_in_flow(at)
        if items and at.block.anchor == "bottom":
            items[0].fill = True  # the room left over goes above this block: it and all after it sit at the bottom
        return items

    def _shrunk(self, pstyle: ParagraphStyle, spec: Style, markup: str, line: float) -> ParagraphStyle:
        """A ``fit: shrink`` style set small enough for its widest word to fit the line whole."""
        if spec.fit != "shrink":
            return pstyle
        smallest = spec.shrink_to or self.resolved.theme.min_size
        size = shrunk_size(markup, lambda word, at: stringWidth(word, pstyle.fontName, at), pstyle.fontSize, line, smallest)
        if size >= pstyle.fontSize:
            return pstyle
        scale = size / pstyle.fontSize
        return ParagraphStyle(f"{pstyle.name}-{size:g}", parent=pstyle, fontSize=size, leading=pstyle.leading * scale)

    def _rule(self, block: Block, block_loc: Loc) -> Item:
        """A rule takes its look from the block, then from a `rule` style if the theme has one, then the defaults."""
        theme = self.resolved.theme
        spec = theme.styles.get(block.style or "rule")
        colour = block.colour or (spec.colour if spec else RULE_COLOUR)
        thickness = block.thickness if block.thickness is not None else RULE_THICKNESS
        before, after = (spec.space_before, spec.space_after) if spec else (RULE_SPACE, RULE_SPACE)
        return Item(Rule(cmyk(theme.colours[colour]), thickness), before, after, False, block_loc, ())

    def _lines(self, job: Job, block: Block, block_loc: Loc) -> Item:
        """Lines to write on, in the style's colour, one every leading of the style."""
        style_name = block.style or block.type
        spec = self.resolved.theme.styles[style_name]
        pstyle = self.style(style_name, job.lang)
        return Item(WritingLines(block.count, pstyle.leading, pstyle.textColor), spec.space_before, spec.space_after, False, block_loc, ())

    def _block_items_in_flow(self, at: BlockAt) -> list[Item]:
        job, panel, block, block_loc, context = at.job, at.panel, at.block, at.loc, at.context
        if block.type == "spacer":
            fill = block.height == "fill"
            height = 0.0 if fill else float(block.height)
            return [Item(Space(height), 0, 0, fill, block_loc, ())]
        if block.type == "rule":
            return [self._rule(block, block_loc)]
        if block.type == "lines":
            return [self._lines(job, block, block_loc)]
        if block.type in GRAPHIC_BLOCKS:
            return self.graphics.items(job, panel, block, block_loc, context)
        style_name = block.style or block.type
        spec = self.resolved.theme.styles[style_name]
        heading = block.type == "heading"
        pstyle = self.style(style_name, job.lang, hyphenate=not heading)
        line = panel.column_width - pstyle.leftIndent - (2 * spec.padding if block.type == "banner" else 0)
        if block.type in ("heading", "paragraph", "banner"):
            rendered = self._settable(self._render(block.text, context, "text"), at, spec, line, None)
            pstyle = self._shrunk(pstyle, spec, rendered.markup, line)
            flowable: Flowable = Paragraph(rendered.markup, pstyle)
            if block.type == "banner":
                background = cmyk(self.resolved.theme.colours[spec.background or "alert"])
                flowable = Banner(flowable, background, spec.padding)
            return [Item(flowable, spec.space_before, spec.space_after, False, block_loc, rendered.values, keep_with_next=heading)]
        out = []
        try:
            entries = self.templates.evaluate_list(block.items, context)
        except TemplateProblem as exc:
            raise TemplateProblem(str(exc), "items") from None
        template = block.item_template()
        if block.type == "checklist":
            line = panel.column_width - spec.indent
        icons = block.type == "contacts" and block.icons
        if icons:  # the pictograms stand in a gutter before the lines
            line -= self.graphics.gutter(pstyle)
        bullet = None  # a pictogram instead of the bullet sign
        if block.type == "bullets" and block.name:
            bullet = self.graphics.named_pictogram(block, block.colour or spec.colour, block_loc)
            line = panel.column_width - self.graphics.pictogram_gutter(pstyle)
        found = Collector()  # every entry that cannot be set, not only the first
        for i, entry in enumerate(entries):
            rendered = self._render(template, {**context, "item": entry}, "item")
            with found.gather():
                rendered = self._settable(rendered, at, spec, line, entry)
            if found.problems:
                continue
            if bullet is not None:
                flowable = self.graphics.pictogram_item(rendered.markup, pstyle, bullet)
            elif block.type == "bullets":
                flowable = Paragraph(rendered.markup, pstyle, bulletText=spec.bullet)
            elif block.type == "checklist":
                name = f"{panel.name}-{block_loc[-1]}-{i + 1}" if at.form_fields else None
                box = min(pstyle.leading * 0.85, 4.2 * MM)
                flowable = CheckItem(Paragraph(rendered.markup, without_indent(pstyle)), spec.indent, box, pstyle.textColor, name)
            elif icons:
                flowable = self.graphics.icon_lines(rendered, pstyle, block.colour or spec.colour)
            else:
                flowable = Paragraph(rendered.markup, pstyle)
            first, last = i == 0, i == len(entries) - 1
            after = spec.space_after if last or block.type != "bullets" else 0
            out.append(Item(flowable, spec.space_before if first else 0, after, False, block_loc, rendered.values))
        found.raise_any()
        return out

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
                    where = next((v for v in item.values if ch in v), None)
                    origin = where.origin if where else self.resolved.origin(*item.block_loc)
                    field = where.field if where else field_path(item.block_loc)
                    problems.append(
                        Problem(
                            origin,
                            field,
                            f"character '{ch}' (U+{ord(ch):04X}) is not in font '{family.name}' "
                            f"({job}); replace it, or choose a font that has it in theme.yaml",
                        )
                    )
        return problems
