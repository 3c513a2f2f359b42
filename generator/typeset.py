"""Lay out a product's pages: block lists -> placed flowables, or exact fit problems.

Each panel is a fixed frame: blocks never flow into another panel or onto a new page (unlike
ReportLab's doc templates). What does not fit is an error that says by how many millimetres,
as InDesign's overset text would be; nothing is clipped or shrunk.
"""

from __future__ import annotations

import copy
import html
import re
from dataclasses import dataclass
from typing import Any

from reportlab.lib.colors import CMYKColor
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph

from generator.context import Job
from generator.layout_models import MM, Block, Panel, Style
from generator.layouts import ResolvedLayout
from generator.problems import Problem
from generator.templating import Located, Rendered, TemplateProblem, Templates

_ALIGN = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT, "justify": TA_JUSTIFY}
_HYPHENATION = {"nl": "nl_NL", "en": "en_GB", "pl": "pl_PL", "ro": "ro_RO", "hu": "hu_HU", "bg": "bg_BG"}
_TAGS = re.compile(r"<[^>]*>")
REGION_NAMES = {"region", "contacts", "national"}  # template names whose values differ per region


def cmyk(theme_colour: list[float]) -> CMYKColor:
    c, m, y, k = (v / 100 for v in theme_colour)
    return CMYKColor(c, m, y, k)


@dataclass(frozen=True)
class Placed:
    """A flowable placed in trim coordinates (points, origin at the bottom-left of the trim)."""

    flowable: Flowable
    x: float
    y: float


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


class Banner(Flowable):
    """Text on a filled box (the 112 banner); the fill stays inside the panel's safe area."""

    def __init__(self, paragraph: Paragraph, colour: CMYKColor, padding: float) -> None:
        super().__init__()
        self.paragraph, self.colour, self.padding = paragraph, colour, padding

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        _, h = self.paragraph.wrap(avail_width - 2 * self.padding, avail_height)
        self.width, self.height = avail_width, h + 2 * self.padding
        return self.width, self.height

    def draw(self) -> None:
        self.canv.setFillColor(self.colour)
        self.canv.rect(0, 0, self.width, self.height, stroke=0, fill=1)
        self.paragraph.drawOn(self.canv, self.padding, self.padding)


def _share_checkbox_appearances() -> None:
    """ReportLab builds six appearance streams (normal, down, rollover × on, off) for every
    checkbox field, identical for every box of one size and colour. Build each once per process
    and hand out copies (a registered PDF object may belong to one document only): a 29-box
    checklist gets about a third faster, with the same bytes."""
    from reportlab.pdfbase.acroform import AcroForm

    build = AcroForm.checkboxAP
    made: dict[tuple[str, str, str], Any] = {}

    def shared(self: AcroForm, key: str, value: str, **options: Any) -> Any:
        cache_key = (key, value, repr(sorted(options.items())))
        stream = made.get(cache_key)
        if stream is None:
            stream = made[cache_key] = build(self, key, value, **options)
        return copy.copy(stream)

    AcroForm.checkboxAP = shared


_share_checkbox_appearances()


class CheckItem(Flowable):
    """A printed tick box beside its text; in form mode also a real PDF checkbox field."""

    def __init__(self, paragraph: Paragraph, indent: float, size: float, colour: CMYKColor, field: str | None) -> None:
        super().__init__()
        self.paragraph, self.indent, self.size, self.colour, self.field = paragraph, indent, size, colour, field

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        _, h = self.paragraph.wrap(avail_width - self.indent, avail_height)
        self.width, self.height = avail_width, max(h, self.size)
        return self.width, self.height

    def draw(self) -> None:
        top = self.height
        first_line = self.paragraph.style.leading
        box_y = top - first_line + (first_line - self.size) / 2 - 0.12 * self.paragraph.style.fontSize
        canv = self.canv
        canv.setStrokeColor(self.colour)
        canv.setLineWidth(0.6)
        canv.rect(0, box_y, self.size, self.size, stroke=1, fill=0)
        if self.field:
            canv.acroForm.checkbox(
                name=self.field,
                x=0,
                y=box_y,
                size=self.size,
                relative=True,
                fieldFlags="",
                buttonStyle="check",
                borderWidth=0,
                borderColor=None,
                fillColor=None,
                textColor=self.colour,
                forceBorder=False,
                tooltip=_TAGS.sub("", self.paragraph.text)[:120],
            )
        self.paragraph.drawOn(canv, self.indent, self.height - self.paragraph.height)


@dataclass
class _Item:
    flowable: Flowable
    space_before: float
    space_after: float
    fill: bool  # a spacer that takes the room left over
    block_loc: tuple[str | int, ...]
    values: tuple[Located, ...]


class Typesetter:
    """Typesets jobs for one layout; ParagraphStyles are built once and reused."""

    def __init__(self, resolved: ResolvedLayout, templates: Templates) -> None:
        self.resolved = resolved
        self.templates = templates
        self._styles: dict[tuple[str, str], ParagraphStyle] = {}
        self._family_of = {face: family for family in resolved.families.values() for face in family.faces.values()}
        self._shared: dict[tuple[Any, ...], tuple[list[Placed], PanelReport]] = {}
        self._regional: dict[tuple[Any, ...], tuple[list[Placed], PanelReport]] = {}
        self._shared_panels: dict[tuple[int, int], bool] = {}

    def forget_regions(self) -> None:
        self._regional.clear()

    def style(self, name: str, lang: str) -> ParagraphStyle:
        key = (name, lang)
        cached = self._styles.get(key)
        if cached is None:
            cached = self._styles[key] = self._paragraph_style(name, self.resolved.theme.styles[name], lang)
        return cached

    def _paragraph_style(self, name: str, style: Style, lang: str) -> ParagraphStyle:
        theme = self.resolved.theme
        family = self.resolved.families[style.font]
        return ParagraphStyle(
            name,
            fontName=family.face(style.bold, style.italic),
            fontSize=style.size,
            leading=style.leading or style.size * 1.2,
            textColor=cmyk(theme.colours[style.colour]),
            alignment=_ALIGN[style.align],
            leftIndent=style.indent,
            bulletIndent=0,
            bulletFontName=family.face(False, False),
            bulletFontSize=style.size,
            hyphenationLang=_HYPHENATION.get(lang, "") if style.hyphenate else "",
            embeddedHyphenation=1,
            uriWasteReduce=0.3,
            splitLongWords=1,
            allowWidows=0,
            allowOrphans=0,
        )

    def run(self, job: Job, context: dict[str, Any], form_fields: bool) -> tuple[Typeset | None, list[Problem]]:
        layout = self.resolved.layout
        problems: list[Problem] = []
        pages: list[PageLayout] = []
        reports: list[PanelReport] = []
        for p, page in enumerate(layout.pages):
            fills: list[Fill] = []
            placed: list[Placed] = []
            for q, panel in enumerate(page.panels):
                forms = form_fields and any(b.type == "checklist" for b in panel.blocks)
                # Panels the same for every region are kept for the process; the others for the
                # region at hand, whose press and office versions come one after the other.
                shared = self._is_shared(p, q, panel)
                cache, key = (self._shared, (job.lang, forms, p, q)) if shared else (self._regional, (job.region, job.lang, forms, p, q))
                done = cache.get(key) or self._panel(job, page.name, panel, p, q, context, form_fields)
                if isinstance(done, list):
                    problems.extend(done)
                    continue
                if not shared and len(self._regional) >= 64:
                    self._regional.clear()
                cache[key] = done
                panel_placed, report = done
                placed.extend(panel_placed)
                reports.append(report)
                if panel.background:
                    fills.append(self._fill(panel))
            pages.append(PageLayout(page.name, tuple(fills), tuple(placed), tuple(page.folds)))
        try:
            title = _TAGS.sub("", html.unescape(self.templates.render(layout.title, context).markup))
        except TemplateProblem as exc:
            problems.append(Problem(self.resolved.origin("title"), "title", str(exc)))
            title = ""
        if problems:
            return None, problems
        return Typeset(tuple(pages), tuple(reports), title), []

    def _panel(
        self, job: Job, page_name: str, panel: Panel, p: int, q: int, context: dict[str, Any], form_fields: bool
    ) -> tuple[list[Placed], PanelReport] | list[Problem]:
        loc = ("pages", p, "panels", q)
        items, problems = self._items(job, panel, loc, context, form_fields)
        if problems:
            return problems
        fit = self._place(job, page_name, panel, items, loc)
        if isinstance(fit, Problem):
            return [fit]
        placed, used = fit
        return placed, PanelReport(page_name, panel.name, used, panel.height - 2 * panel.padding, self._block_log(panel, items))

    def _is_shared(self, p: int, q: int, panel: Panel) -> bool:
        """A panel whose templates name nothing of the region is the same for every region:
        it is laid out once per process and language, and reused (most of a leaflet's text)."""
        shared = self._shared_panels.get((p, q))
        if shared is None:
            names: set[str] = set()
            for block in panel.blocks:
                names |= self.templates.names(block.text) | self.templates.names(block.item_template())
                if block.items:
                    names |= self.templates.names(f"{{{{ {block.items} }}}}")
            shared = self._shared_panels[(p, q)] = not (names & REGION_NAMES)
        return shared

    def _block_log(self, panel: Panel, items: list[_Item]) -> tuple[str, ...]:
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

    def _items(
        self, job: Job, panel: Panel, loc: tuple[str | int, ...], context: dict[str, Any], form_fields: bool
    ) -> tuple[list[_Item], list[Problem]]:
        items: list[_Item] = []
        problems: list[Problem] = []
        for b, block in enumerate(panel.blocks):
            block_loc = (*loc, "blocks", b)
            try:
                items.extend(self._block_items(job, panel, block, block_loc, context, form_fields))
            except TemplateProblem as exc:
                at = (*block_loc, exc.key) if exc.key else block_loc
                problems.append(Problem(self.resolved.origin(*at), _field(at), str(exc)))
        for item in items:
            problems.extend(self._glyph_problems(job, item))
        return items, problems

    def _render(self, template: str, context: dict[str, Any], key: str) -> Rendered:
        try:
            return self.templates.render(template, context)
        except TemplateProblem as exc:
            exc.key = key
            raise

    def _block_items(
        self, job: Job, panel: Panel, block: Block, block_loc: tuple[str | int, ...], context: dict[str, Any], form_fields: bool
    ) -> list[_Item]:
        if block.type == "spacer":
            fill = block.height == "fill"
            height = 0.0 if fill else float(block.height)
            return [_Item(_Space(height), 0, 0, fill, block_loc, ())]
        style_name = block.style or block.type
        spec = self.resolved.theme.styles[style_name]
        pstyle = self.style(style_name, job.lang)
        if block.type == "rule":
            return [_Item(_Rule(cmyk(self.resolved.theme.colours[spec.colour])), spec.space_before, spec.space_after, False, block_loc, ())]
        if block.type in ("heading", "paragraph", "banner"):
            rendered = self._render(block.text, context, "text")
            flowable: Flowable = Paragraph(rendered.markup, pstyle)
            if block.type == "banner":
                background = cmyk(self.resolved.theme.colours[spec.background or "alert"])
                flowable = Banner(flowable, background, spec.padding)
            return [_Item(flowable, spec.space_before, spec.space_after, False, block_loc, rendered.values)]
        out = []
        try:
            entries = self.templates.evaluate_list(block.items, context)
        except TemplateProblem as exc:
            exc.key = "items"
            raise
        template = block.item_template()
        for i, entry in enumerate(entries):
            rendered = self._render(template, {**context, "item": entry}, "item")
            if block.type == "bullets":
                flowable = Paragraph(rendered.markup, pstyle, bulletText=spec.bullet)
            elif block.type == "checklist":
                name = f"{panel.name}-{block_loc[-1]}-{i + 1}" if form_fields else None
                box = min(pstyle.leading * 0.85, 4.2 * MM)
                flowable = CheckItem(Paragraph(rendered.markup, _no_indent(pstyle)), spec.indent, box, pstyle.textColor, name)
            else:
                flowable = Paragraph(rendered.markup, pstyle)
            first, last = i == 0, i == len(entries) - 1
            out.append(
                _Item(
                    flowable,
                    spec.space_before if first else 0,
                    spec.space_after if last or block.type != "bullets" else 0,
                    False,
                    block_loc,
                    rendered.values,
                )
            )
        return out

    def _glyph_problems(self, job: Job, item: _Item) -> list[Problem]:
        texts = _texts(item.flowable)
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
                    field = where.field if where else _field(item.block_loc)
                    problems.append(
                        Problem(
                            origin,
                            field,
                            f"character '{ch}' (U+{ord(ch):04X}) is not in font '{family.name}' "
                            f"({job}); replace it, or choose a font that has it in theme.yaml",
                        )
                    )
        return problems

    def _place(
        self, job: Job, page_name: str, panel: Panel, items: list[_Item], loc: tuple[str | int, ...]
    ) -> tuple[list[Placed], float] | Problem:
        avail_w = panel.width - 2 * panel.padding
        avail_h = panel.height - 2 * panel.padding
        heights = []
        total = 0.0
        for i, item in enumerate(items):
            _, h = item.flowable.wrap(avail_w, avail_h)
            heights.append(h)
            total += h + (item.space_before if i else 0) + (item.space_after if i < len(items) - 1 else 0)
        if total > avail_h + 0.01:
            return self._overflow(job, page_name, panel, items, heights, avail_h, total, loc)
        fills = [item for item in items if item.fill]
        extra = (avail_h - total) / len(fills) if fills else 0.0
        trim_h = self.resolved.layout.trim.height
        top = trim_h - panel.y - panel.padding
        x = panel.x + panel.padding
        placed = []
        for i, (item, h) in enumerate(zip(items, heights, strict=True)):
            top -= (item.space_before if i else 0) + (extra if item.fill else 0)
            placed.append(Placed(item.flowable, x, top - h))
            top -= h + item.space_after
        return placed, total

    def _overflow(
        self,
        job: Job,
        page_name: str,
        panel: Panel,
        items: list[_Item],
        heights: list[float],
        avail_h: float,
        total: float,
        loc: tuple[str | int, ...],
    ) -> Problem:
        # Blame the tallest text in the panel: the text that pushes the rest out is usually the one
        # that grew, and shortening it gains the most room. (The last item, often a fixed banner, rarely is.)
        culprit = max(
            (pair for pair in zip(heights, items, strict=True) if pair[1].values), key=lambda pair: pair[0], default=(0.0, items[-1])
        )[1]
        missing = (total - avail_h) / MM
        value = max(culprit.values, key=len) if culprit.values else None
        origin = value.origin if value else self.resolved.origin(*culprit.block_loc)
        field = value.field if value else _field(culprit.block_loc)
        layout_at = self.resolved.origin(*loc)
        from generator.fit_advice import overflow_message, words_to_cut  # only a failing panel needs it

        cut = words_to_cut(culprit.flowable, value, panel.width - 2 * panel.padding, avail_h, total - avail_h) if value else None
        return Problem(origin, field, overflow_message(f"{job}, page '{page_name}', panel '{panel.name}'", missing, cut, origin, layout_at))


class _Space(Flowable):
    def __init__(self, height: float) -> None:
        super().__init__()
        self.height = height

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return avail_width, self.height

    def draw(self) -> None:
        pass


class _Rule(Flowable):
    def __init__(self, colour: CMYKColor) -> None:
        super().__init__()
        self.colour = colour

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, 0.6

    def draw(self) -> None:
        self.canv.setStrokeColor(self.colour)
        self.canv.setLineWidth(0.6)
        self.canv.line(0, 0.3, self.width, 0.3)


def _no_indent(style: ParagraphStyle) -> ParagraphStyle:
    return ParagraphStyle(f"{style.name}-text", parent=style, leftIndent=0)


def _texts(flowable: Flowable) -> list[str]:
    inner = getattr(flowable, "paragraph", flowable)
    if not isinstance(inner, Paragraph):
        return []
    texts = [html.unescape(_TAGS.sub("", inner.text))]
    if inner.bulletText:
        texts.append(inner.bulletText)
    return texts


def _field(loc: tuple[str | int, ...]) -> str:
    from generator.validation import field_path

    return field_path(loc)
