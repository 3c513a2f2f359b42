"""One block of a panel as the items a panel fits: its text rendered in the sandbox, escaped, with
the theme's colours and the language's ties; addresses and phone numbers kept whole; a list block
entry by entry; a rule; lines to write on; a graphic (compose/graphics.py). A ``fit: shrink``
style is set small enough for its widest word."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from generator.blocktext.markup import theme_colours
from generator.blocktext.templating import Rendered, TemplateProblem, Templates
from generator.compose.addresses import keep_addresses_whole
from generator.compose.fit import Item
from generator.compose.flowables import Banner, CheckItem, Rule, Space, WritingLines
from generator.compose.graphics import Graphics
from generator.compose.long_words import shrunk_size
from generator.compose.paragraphs import Paragraph
from generator.compose.styles import cmyk, without_indent
from generator.compose.ties import tie_short_words
from generator.engine.fonts import Family
from generator.inputs.layout_models import GRAPHIC_BLOCKS, MM, RULE_COLOUR, RULE_SPACE, RULE_THICKNESS, Block, Panel, Style
from generator.inputs.layouts import ResolvedLayout
from generator.problems import Collector, Loc, fail
from generator.vocabulary import Job

__all__ = ["BlockAt", "BlockSetter"]


@dataclass(frozen=True)
class BlockAt:
    """One block of a panel, where it stands in the layout, and what its job prints it with."""

    job: Job
    panel: Panel
    block: Block
    loc: Loc
    context: dict[str, Any]
    form_fields: bool


class BlockSetter:
    """Turns the blocks of one layout into items; styles come from the typesetter's ``style``."""

    def __init__(
        self,
        resolved: ResolvedLayout,
        templates: Templates,
        families: dict[str, Family],
        style: Callable[..., ParagraphStyle],
        graphics: Graphics,
    ) -> None:
        self.resolved, self.templates, self.families, self.style, self.graphics = resolved, templates, families, style, graphics

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

    def items(self, at: BlockAt) -> list[Item]:
        """The block's items (a text, each entry of a list, a rule, lines, a graphic); raises ProblemsFound."""
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
