"""Image, QR code and pictogram blocks, and pictograms beside contact lines.

Everything here is drawn in CMYK: raster images converted (generator/pdf/colour.py), SVG logos
and Lucide pictograms kept as vectors with their colours mapped, QR codes as one vector path in
100 % black on a paper-white quiet zone. What repeats is made once per process and kept in the
warm state: decoded and converted images, drawings, QR modules, pictograms.

Checks, each a one-line problem on the line that caused it:

- an image prints at 150 ppi at least (below: the job stops; below 300: a notice); above
  450 ppi it is resampled to 300 ppi (as a print shop's preset would), so the PDF stays small;
- a QR code opens a plain web address (no query, no fragment, no link shortener), is at least
  15 mm wide with modules of at least 0.5 mm (a phone at reading distance resolves them), and
  its quiet zone of 4 modules on every side fits the panel;
- SVG files: read safely (inputs/svg_files.py: no entities, DTD or network, nothing active),
  no text (outlines only), no embedded raster images, no gradients or transparency (flat
  colours convert to CMYK exactly; the rest would not).
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportlab.lib.colors import CMYKColor
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable

from generator.blocktext.templating import Located, Rendered, TemplateProblem, Templates
from generator.compose.fit import Item
from generator.compose.flowables import TAGS, Art, IconLines, QrCode, Vector, draw_vector
from generator.compose.paragraphs import Paragraph  # ties a lonely last word, as every text block
from generator.compose.qr import QR_DEFAULT, QR_LEVEL, QR_MIN_MODULE, QR_MIN_SIZE, QR_QUIET, qr_modules
from generator.compose.raster import decode, draw_raster, fit_box
from generator.compose.styles import cmyk
from generator.compose.svg import svg_drawing
from generator.engine.colour import CMYK, ColourConverter
from generator.inputs.icons import ICONS, IconProblem, icon_svg, icon_svgs
from generator.inputs.images import LOGO_SRC, ImageProblem, kind_of
from generator.inputs.layout_models import MM, Block, Panel
from generator.inputs.layouts import ResolvedLayout
from generator.inputs.profiles import ProfileProblem, read_profile
from generator.inputs.source_models import web_link
from generator.inputs.validation import field_path
from generator.problems import Loc, Notice, Problem, ProblemsFound, fail
from generator.vocabulary import Job
from generator.warm import WarmState

if TYPE_CHECKING:

    from generator.engine.reportlab_compat import PreparedImage

__all__ = ["Graphics", "check_profile"]


MIN_PPI, GOOD_PPI, MAX_PPI, RESAMPLE_PPI = 150, 300, 450, 300
PICTOGRAM_DEFAULT = 8 * MM
_ALIGN = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT}
_FIELD_ICONS = (("phone", "phone"), ("email", "mail"), ("web", "web"))
_BR = re.compile(r"<br\s*/?>")


class Graphics:
    """The image, qr and pictogram blocks of one typesetter, and its contacts' pictograms."""

    def __init__(
        self, resolved: ResolvedLayout, templates: Templates, warm: WarmState, style: Callable[[str, str], ParagraphStyle], font: str
    ) -> None:
        self.resolved, self.templates, self.warm, self.style = resolved, templates, warm, style
        self.font = font  # a drawing starts in this font (ReportLab's default, Helvetica, would not be embedded)
        self._indented: dict[tuple[str, str, float], ParagraphStyle] = {}  # contact styles with room for pictograms
        profile = resolved.theme.cmyk_profile
        self.converter = ColourConverter((resolved.root / profile).read_bytes() if profile else None, warm.colour_transforms)

    # --- the blocks -----------------------------------------------------------------------

    def items(self, job: Job, panel: Panel, block: Block, loc: Loc, context: dict[str, Any]) -> list[Item]:
        """The block's item, or none (an image block whose logo is left out); raises ProblemsFound."""
        theme = self.resolved.theme
        spec = theme.styles.get(block.style) if block.style else None
        before, after = (spec.space_before, spec.space_after) if spec else (0.0, 0.0)
        inner = panel.column_width
        if block.type == "image":
            made = self._image(job, panel, block, loc, context, inner)
        elif block.type == "qr":
            made = self._qr(job, panel, block, loc, context, inner)
        else:
            colour = block.colour or (spec.colour if spec else "ink")
            size = block.size or PICTOGRAM_DEFAULT
            if size > inner + 0.01:
                raise ProblemsFound([self._too_wide(panel, loc, "size", size, inner)])
            vector = self.named_pictogram(block, colour, loc)
            made = Art(size, size, block.align, lambda c, x, y: draw_vector(c, vector, x, y, size, size)), ()
        if made is None:
            return []
        flowable, values = made
        return [Item(flowable, before, after, False, loc, values)]

    def _too_wide(self, panel: Panel, loc: Loc, key: str, size: float, inner: float) -> Problem:
        return Problem(
            self.resolved.origin(*loc, key),
            field_path((*loc, key)),
            f"{size / MM:.1f} mm is wider than panel '{panel.name}' inside its padding ({inner / MM:.1f} mm); make it smaller",
        )

    def _image(
        self, job: Job, panel: Panel, block: Block, loc: Loc, context: dict[str, Any], inner: float
    ) -> tuple[Flowable, tuple[Located, ...]] | None:
        if LOGO_SRC.match(block.src):
            logo = context["region"]["logo"]
            if not logo:  # no logo: the text in its place
                return self._instead(block, loc, context, job.lang)
            path, shown = Path(str(logo)), str(logo)
            origin, field = (logo.origin, logo.field) if isinstance(logo, Located) else (self.resolved.origin(*loc, "src"), "logo")
        else:
            path = self.resolved.root / block.src.strip()
            shown = str(path)
            origin, field = self.resolved.origin(*loc, "src"), field_path((*loc, "src"))
        box_w = block.width or inner
        if box_w > inner + 0.01:
            raise ProblemsFound([self._too_wide(panel, loc, "width", box_w, inner)])
        box_h = float(block.height) if isinstance(block.height, float) and block.height > 0 else panel.inner_height
        background = tuple(v / 100 for v in self.resolved.theme.colours[panel.background]) if panel.background else (0.0, 0.0, 0.0, 0.0)
        try:
            art = self.art(path, background)  # type: ignore[arg-type]
        except (ImageProblem, OSError) as exc:
            message = str(exc) if isinstance(exc, ImageProblem) else f"cannot be read ({exc.strerror})"
            raise fail(origin, field, f"{shown} {message}") from None
        if isinstance(art, Vector):
            w, h = fit_box(art.width, art.height, box_w, box_h)
            return Art(w, h, block.align, lambda c, x, y: draw_vector(c, art, x, y, w, h)), ()
        digest, image = art
        w, h = fit_box(image.width, image.height, box_w, box_h)
        ppi = image.width / (w / 72)
        where = f"{job.region} {job.product}"  # the same in every language and mode
        size = f"{image.width} × {image.height} pixels, {ppi:.0f} ppi at its printed size of {w / MM:.1f} × {h / MM:.1f} mm ({where})"
        if ppi < MIN_PPI - 0.5:
            raise fail(
                origin,
                field,
                f"{shown} is {size}; at least {MIN_PPI} ppi is needed ({GOOD_PPI} for a sharp print): use a larger file or an SVG",
            )
        notice = Notice(origin, f"{shown} is {size}; {GOOD_PPI} ppi prints sharper") if ppi < GOOD_PPI - 0.5 else None
        pixels = (round(w / 72 * RESAMPLE_PPI), round(h / 72 * RESAMPLE_PPI)) if ppi > MAX_PPI else image.size
        prepared = self._prepared(digest, image, background, pixels)  # type: ignore[arg-type]
        return Art(w, h, block.align, lambda c, x, y: draw_raster(c, prepared, x, y, w, h), notice), ()

    def _instead(self, block: Block, loc: Loc, context: dict[str, Any], lang: str) -> tuple[Flowable, tuple[Located, ...]] | None:
        if not block.text:
            return None
        try:
            rendered = self.templates.render(block.text, context)
        except TemplateProblem as exc:
            raise TemplateProblem(str(exc), "text") from None
        if not TAGS.sub("", rendered.markup).strip():
            return None
        base = self.style(block.style or "paragraph", lang)
        style = ParagraphStyle(f"{base.name}-{block.align}", parent=base, alignment=_ALIGN[block.align])
        return Paragraph(rendered.markup, style), rendered.values

    def _qr(
        self, job: Job, panel: Panel, block: Block, loc: Loc, context: dict[str, Any], inner: float
    ) -> tuple[Flowable, tuple[Located, ...]] | None:
        try:
            rendered = self.templates.render(block.url, context)
        except TemplateProblem as exc:
            raise TemplateProblem(str(exc), "url") from None
        written = html.unescape(TAGS.sub("", rendered.markup)).strip()
        value = rendered.values[0] if len(rendered.values) == 1 else None
        origin, field = (value.origin, value.field) if value else (self.resolved.origin(*loc, "url"), field_path((*loc, "url")))
        try:
            address = web_link(written)
        except ValueError as exc:
            raise fail(origin, field, f"QR code: {exc}") from None
        size = block.size or QR_DEFAULT
        size_at, size_field = self.resolved.origin(*loc, "size" if block.size else "type"), field_path((*loc, "size"))
        if size < QR_MIN_SIZE - 0.01:
            too_small = f"a QR code of {size / MM:.1f} mm is too small to scan; make it at least {QR_MIN_SIZE / MM:.0f}mm"
            raise fail(size_at, size_field, too_small)
        count, path = self.qr_code(address)
        module = size / count
        if module < QR_MIN_MODULE - 1e-6:
            need = count * QR_MIN_MODULE / MM
            raise fail(
                size_at,
                size_field,
                f"the QR code for '{address}' has {count} × {count} modules: at {size / MM:.1f} mm each is {module / MM:.2f} mm, "
                f"below {QR_MIN_MODULE / MM:.1f} mm; make it at least {need:.1f}mm, or use a shorter address",
            )
        quiet = QR_QUIET * module
        side = {"left": panel.padding.left, "right": panel.padding.right}.get(block.align, 0.0)
        overhang = min(quiet, side)  # the padding on the side it is aligned to is blank paper
        need = size + 2 * quiet - overhang
        if need > inner + 0.01:
            raise fail(
                size_at,
                size_field,
                f"the QR code with its quiet zone of {QR_QUIET} modules on every side needs {need / MM:.1f} mm of the panel's width, "
                f"more than panel '{panel.name}' has inside its padding ({inner / MM:.1f} mm); make it smaller",
            )
        return QrCode(address, count, path, module, block.align, overhang), rendered.values

    # --- contacts with pictograms ----------------------------------------------------------

    @staticmethod
    def gutter(style: ParagraphStyle) -> float:
        return 1.5 * style.fontSize

    def icon_lines(self, rendered: Rendered, style: ParagraphStyle, colour: str) -> IconLines:
        """``rendered`` (a contact), a pictogram before its phone, email and web lines."""
        icons = []
        for field, icon in _FIELD_ICONS:
            value = next((v for v in rendered.values if v.field.endswith(f".{field}")), None)
            if value:
                icons.append((str(value), icon))
        gutter = self.gutter(style)
        key = (style.name, "icons", gutter)
        indented = self._indented.get(key) or self._indented.setdefault(
            key, ParagraphStyle(f"{style.name}-icons", parent=style, leftIndent=style.leftIndent + gutter)
        )
        rows: list[Vector | None] = []
        for segment in _BR.split(rendered.markup):
            text = html.unescape(TAGS.sub("", segment)).replace("\u00a0", " ").strip()
            found = next(((v, i) for v, i in icons if text and (text.startswith(v) or v.startswith(text))), None)
            if found:
                icons.remove(found)
            rows.append(self.pictogram(found[1], colour) if found else None)
        return IconLines(Paragraph(rendered.markup, indented), rows, 1.05 * style.fontSize, gutter)

    def named_pictogram(self, block: Block, colour: str, loc: Loc) -> Vector:
        """A pictogram block's or bullets block's pictogram (``name:``); raises ProblemsFound at ``name``."""
        try:
            return self.pictogram(block.name, colour)
        except (IconProblem, ImageProblem) as exc:
            what = f"{exc}; see drukwerk layouts" if isinstance(exc, IconProblem) else f"pictogram '{block.name}' {exc}"
            raise fail(self.resolved.origin(*loc, "name"), field_path((*loc, "name")), what) from None

    def pictogram_item(self, markup: str, style: ParagraphStyle, vector: Vector) -> IconLines:
        """A bullet item with ``vector`` where the bullet sign would stand (the text indented
        by the same gutter as a contact's pictogram lines, or the style's indent if wider)."""
        gutter = self.pictogram_gutter(style)
        key = (style.name, "bullet", gutter)
        indented = self._indented.get(key) or self._indented.setdefault(
            key, ParagraphStyle(f"{style.name}-pictogram", parent=style, leftIndent=gutter, bulletText=None)
        )
        rows = [vector, *[None] * (len(_BR.split(markup)) - 1)]
        return IconLines(Paragraph(markup, indented), rows, 1.05 * style.fontSize, gutter)

    def pictogram_gutter(self, style: ParagraphStyle) -> float:
        return max(style.leftIndent, self.gutter(style))

    # --- what is made once per process ------------------------------------------------------

    def pictogram(self, name: str, colour: str) -> Vector:
        ink = self.resolved.theme.colours[colour]
        key = (name, tuple(ink))

        def make() -> Vector:
            target = cmyk(ink)
            ours: dict[str, bytes] = self.warm.pictograms.get_or_make("our icons", lambda: icon_svgs(ICONS))  # one opening of the archive
            data = ours[name] if name in ours else icon_svg(name)
            return svg_drawing(data, lambda _rgb: target, "pictogram", self.font)

        return self.warm.pictograms.get_or_make(key, make)

    def qr_code(self, address: str) -> tuple[int, str]:
        """The code's module count and its dark modules as one PDF path, made once per address."""
        return self.warm.qr_codes.get_or_make((address, QR_LEVEL), lambda: qr_modules(address))

    def art(self, path: Path, background: CMYK) -> Vector | tuple[str, Any]:
        """The file as a CMYK drawing (SVG), or (digest, CMYK Pillow image) flattened onto ``background``."""
        if path.is_symlink() and not path.resolve().is_relative_to(path.parent.resolve()):
            raise ImageProblem("is a link to a file in another folder; put the file itself here")
        data = path.read_bytes()
        kind = kind_of(path.name, data)
        digest = hashlib.sha256(data).hexdigest()
        if kind == "SVG":
            converter = self.converter

            def to_cmyk(rgb: Any) -> Any:
                return CMYKColor(*converter.colour(rgb.red, rgb.green, rgb.blue), alpha=rgb.alpha)

            return self.warm.images.get_or_make(("svg", digest, converter.key), lambda: svg_drawing(data, to_cmyk, "SVG file", self.font))
        key = ("raster", digest, self.converter.key, background)
        return digest, self.warm.images.get_or_make(key, lambda: self.converter.image(decode(data, kind), background))

    def _prepared(self, digest: str, image: Any, background: CMYK, pixels: tuple[int, int]) -> PreparedImage:
        from generator.engine.reportlab_compat import prepare_image

        def make() -> PreparedImage:
            from PIL import Image

            sized = image if pixels == image.size else image.resize(pixels, Image.Resampling.LANCZOS)
            return prepare_image(sized)

        return self.warm.images.get_or_make(("prepared", digest, self.converter.key, background, pixels), make)


def check_profile(data: bytes) -> str:
    """'' when ``data`` is a usable CMYK profile, else what is wrong."""
    try:
        read_profile(data)
    except ProfileProblem as exc:
        return str(exc)
    return ""


