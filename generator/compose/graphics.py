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
import io
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportlab.lib.colors import CMYKColor, Color
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable

from generator.blocktext.templating import Located, Rendered, TemplateProblem, Templates
from generator.compose.fit import Item
from generator.compose.flowables import TAGS
from generator.compose.paragraphs import Paragraph  # ties a lonely last word, as every text block
from generator.compose.styles import cmyk
from generator.engine.colour import CMYK, ColourConverter
from generator.inputs.icons import ICONS, IconProblem, icon_svg, icon_svgs
from generator.inputs.images import LOGO_SRC, ImageProblem, kind_of
from generator.inputs.layout_models import MM, Block, Panel
from generator.inputs.layouts import ResolvedLayout
from generator.inputs.profiles import ProfileProblem, read_profile
from generator.inputs.source_models import web_link
from generator.inputs.svg_files import read_svg
from generator.inputs.validation import field_path
from generator.problems import Notice, Problem, ProblemsFound, fail
from generator.vocabulary import Job
from generator.warm import WarmState

if TYPE_CHECKING:
    from reportlab.graphics.shapes import Drawing
    from reportlab.pdfgen.canvas import Canvas

    from generator.engine.reportlab_compat import PreparedImage

__all__ = ["Art", "Graphics", "IconLines", "QrCode"]

Loc = tuple[str | int, ...]

MIN_PPI, GOOD_PPI, MAX_PPI, RESAMPLE_PPI = 150, 300, 450, 300
MAX_PIXELS = 40_000_000  # 6,000 × 6,000 at 300 ppi is half a metre wide: more is a mistake
QR_LEVEL = "M"  # error correction M: 15 % of the code may be damaged, smaller than Q or H
QR_QUIET = 4  # modules of quiet zone on every side (ISO/IEC 18004)
QR_MIN_SIZE = 15 * MM
QR_MIN_MODULE = 0.5 * MM
QR_DEFAULT = 20 * MM
PICTOGRAM_DEFAULT = 8 * MM
PAPER = CMYKColor(0, 0, 0, 0)
BLACK = CMYKColor(0, 0, 0, 1)  # 100 % K only: a rich black would blur with the slightest misregistration
_ALIGN = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT}
_FIELD_ICONS = (("phone", "phone"), ("email", "mail"), ("web", "web"))
_BR = re.compile(r"<br\s*/?>")


@dataclass(frozen=True)
class Vector:
    """An SVG as a drawing in CMYK, with its own size in points."""

    drawing: Drawing
    width: float
    height: float
    code: str | None  # its PDF operators, made once (generator/pdf/reportlab_compat.py)


class Art(Flowable):
    """A graphic in a box, placed left, centred or right in the panel's width."""

    def __init__(
        self, width: float, height: float, align: str, paint: Callable[[Canvas, float, float], None], notice: Notice | None = None
    ) -> None:
        super().__init__()
        self.art_width, self.height, self.align, self.paint, self.notice = width, height, align, paint, notice

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, self.height

    def draw(self) -> None:
        room = self.width - self.art_width
        self.paint(self.canv, {"left": 0.0, "center": room / 2, "right": room}[self.align], 0.0)


class QrCode(Art):
    """A QR code: its quiet zone painted paper-white, its dark modules one path in 100 % black.
    Above and below, the quiet zone is part of the block; on the side the code is aligned to it
    lies in the panel's padding (``overhang``), so the code lines up with the text."""

    def __init__(self, address: str, count: int, path: str, module: float, align: str, overhang: float) -> None:
        total = (count + 2 * QR_QUIET) * module
        super().__init__(total, total, align, self._paint)
        self.address, self.count, self.path, self.module, self.overhang = address, count, path, module, overhang

    def draw(self) -> None:
        room = self.width - self.art_width
        self._paint(self.canv, {"left": -self.overhang, "center": room / 2, "right": room + self.overhang}[self.align], 0.0)

    def _paint(self, canv: Canvas, x: float, y: float) -> None:
        canv.saveState()
        canv.translate(x, y)
        canv.scale(self.module, self.module)  # the path is measured in modules
        side = self.count + 2 * QR_QUIET
        canv.setFillColor(PAPER)
        canv.rect(0, 0, side, side, stroke=0, fill=1)
        canv.setFillColor(BLACK)
        canv.addLiteral(self.path)
        canv.restoreState()


def draw_vector(canv: Canvas, vector: Vector, x: float, y: float, width: float, height: float) -> None:
    from generator.engine.reportlab_compat import draw_code

    canv.saveState()
    canv.translate(x, y)
    canv.scale(width / vector.width, height / vector.height)
    draw_code(canv, vector.code, vector.drawing)
    canv.restoreState()


class IconLines(Flowable):
    """A contact as one paragraph indented by a gutter, a pictogram in the gutter before its
    phone, mail and web lines. ``icons`` holds one entry per line of the markup (between
    ``<br/>``s); where each falls is read from the wrapped paragraph's own forced breaks."""

    def __init__(self, paragraph: Paragraph, icons: list[Vector | None], icon: float, gutter: float) -> None:
        super().__init__()
        self.paragraph, self.icons, self.icon, self.gutter = paragraph, icons, icon, gutter
        self._starts: list[int] = []  # the first printed line of each line of the markup

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        _, self.height = self.paragraph.wrap(avail_width, avail_height)
        lines = self.paragraph.blPara.lines
        starts = [0, *(n + 1 for n, line in enumerate(lines[:-1]) if getattr(line, "lineBreak", False))]
        # never seen otherwise: then no pictograms rather than misplaced ones
        self._starts = starts if len(starts) == len(self.icons) else []
        return self.width, self.height

    def draw(self) -> None:
        self.paragraph.drawOn(self.canv, 0, 0)
        style = self.paragraph.style
        for vector, start in zip(self.icons, self._starts, strict=False):
            if vector is not None:
                # ReportLab sets a paragraph's first baseline one type size below its top
                baseline = self.height - style.fontSize - start * style.leading
                draw_vector(self.canv, vector, 0, baseline - 0.16 * style.fontSize, self.icon, self.icon)


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
            w, h = _fit_box(art.width, art.height, box_w, box_h)
            return Art(w, h, block.align, lambda c, x, y: draw_vector(c, art, x, y, w, h)), ()
        digest, image = art
        w, h = _fit_box(image.width, image.height, box_w, box_h)
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
        return Art(w, h, block.align, lambda c, x, y: _draw_raster(c, prepared, x, y, w, h), notice), ()

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
            return _svg(data, lambda _rgb: target, "pictogram", self.font)

        return self.warm.pictograms.get_or_make(key, make)

    def qr_code(self, address: str) -> tuple[int, str]:
        """The code's module count, and its dark modules as one PDF path (a rectangle per run of
        dark modules in a row, measured in modules from the quiet zone's bottom-left corner), filled."""

        def make() -> tuple[int, str]:
            from reportlab.graphics.barcode import qrencoder

            code = qrencoder.QRCode(None, getattr(qrencoder.QRErrorCorrectLevel, QR_LEVEL))
            code.addData(address)
            code.make()
            count = code.getModuleCount()
            side = count + 2 * QR_QUIET
            rects = []
            for row in range(count):
                col = 0
                while col < count:
                    if code.isDark(row, col):
                        start = col
                        while col < count and code.isDark(row, col):
                            col += 1
                        rects.append(f"{QR_QUIET + start} {side - QR_QUIET - row - 1} {col - start} 1 re")
                    else:
                        col += 1
            return count, "\n".join([*rects, "f"])

        return self.warm.qr_codes.get_or_make((address, QR_LEVEL), make)

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

            return self.warm.images.get_or_make(("svg", digest, converter.key), lambda: _svg(data, to_cmyk, "SVG file", self.font))
        key = ("raster", digest, self.converter.key, background)
        return digest, self.warm.images.get_or_make(key, lambda: self.converter.image(_decode(data, kind), background))

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


def _fit_box(width: float, height: float, box_w: float, box_h: float) -> tuple[float, float]:
    """The size of ``width`` × ``height`` scaled to fit the box, aspect ratio kept."""
    scale = min(box_w / width, box_h / height)
    return width * scale, height * scale


def _draw_raster(canv: Canvas, prepared: PreparedImage, x: float, y: float, w: float, h: float) -> None:
    from generator.engine.reportlab_compat import draw_image

    draw_image(canv, prepared, x, y, w, h)


def _decode(data: bytes, kind: str) -> Any:
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        opened = Image.open(io.BytesIO(data))
        if opened.width * opened.height > MAX_PIXELS:
            raise ImageProblem(
                f"is {opened.width} × {opened.height} pixels, more than a print needs; scale it down to 300 ppi at its printed size"
            )
        opened.load()
        image: Image.Image = ImageOps.exif_transpose(opened)  # a photo stands as the camera held it
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise ImageProblem(f"cannot be read as {kind} ({exc}); export it again") from None
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):  # 16-bit grey: scale to 8 bits (Pillow would clip)
        image = image.point(lambda v: v * (1 / 256)).convert("L")
    return image


class _Warnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if "Inkscape" not in message:  # an old Inkscape's 90 dpi: the size does not matter, we scale to the box
            self.messages.append(message)


def _svg(data: bytes, colour: Callable[[Any], Any], what: str, font: str) -> Vector:
    """An SVG as a ReportLab drawing, every colour through ``colour``; refused when it holds what
    would not print as drawn (text, raster images, gradients, transparency)."""
    from lxml import etree
    from reportlab.graphics.shapes import Image as ShapeImage
    from reportlab.graphics.shapes import String
    from svglib.svglib import SvgRenderer

    root = read_svg(data, what)  # no entities, DTD or network; nothing active (inputs/svg_files.py)
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        name = etree.QName(element).localname
        if name in ("text", "tspan", "textPath"):
            raise ImageProblem("holds text; convert the text to outlines (paths) in the drawing program and save it again")
        if name == "image":
            raise ImageProblem("holds a raster image; use that image as a PNG file, or an SVG of paths only")
        if name in ("linearGradient", "radialGradient", "pattern", "mask", "filter"):
            raise ImageProblem(f"uses <{name}>, which does not convert to CMYK exactly; use flat colours, or a PNG")
        href = element.get("href") or element.get("{http://www.w3.org/1999/xlink}href") or ""
        if href and not href.startswith("#"):
            raise ImageProblem(f"refers to another file ({href[:60]}); put everything in the one SVG file")
        if _translucent(element, name):
            raise ImageProblem("uses transparency (opacity), which a press PDF cannot hold; use flat colours")
    handler = _Warnings()
    log = logging.getLogger("svglib")
    log.addHandler(handler)
    propagate, log.propagate = log.propagate, False
    try:
        drawing = SvgRenderer("", color_converter=colour).render(root)
    except Exception as exc:  # svglib raises many kinds on what it cannot read
        raise ImageProblem(f"cannot be drawn ({type(exc).__name__}: {exc}); simplify it or use a PNG") from None
    finally:
        log.removeHandler(handler)
        log.propagate = propagate
    if handler.messages:
        raise ImageProblem(f"cannot be drawn as it is ({handler.messages[0]}); simplify it or use a PNG")
    if not drawing.width or not drawing.height:
        raise ImageProblem("has no size; give the <svg> element a viewBox, or width and height")
    shapes = 0
    for node in _walk(drawing):
        if isinstance(node, (String, ShapeImage)):
            raise ImageProblem("holds text or an image that svglib keeps; use outlines only")
        for attr in ("fillOpacity", "strokeOpacity"):
            opacity = getattr(node, attr, None)
            if opacity is not None and opacity < 1:
                raise ImageProblem("uses transparency (opacity), which a press PDF cannot hold; use flat colours")
            if opacity is not None:  # fully opaque: say nothing, so no transparency state reaches the PDF
                setattr(node, attr, None)
        for attr in ("fillColor", "strokeColor"):
            paint = getattr(node, attr, None)
            if isinstance(paint, Color) and not isinstance(paint, CMYKColor):
                raise ImageProblem("uses a colour that does not convert to CMYK; use flat colours")
            if isinstance(paint, Color) and paint.alpha < 1:
                raise ImageProblem("uses transparency (a colour with alpha), which a press PDF cannot hold; use flat colours")
        shapes += not hasattr(node, "contents")
    if not shapes:
        raise ImageProblem("draws nothing; export it again")
    drawing.initialFontName = font
    from generator.engine.reportlab_compat import drawing_code

    return Vector(drawing, float(drawing.width), float(drawing.height), drawing_code(drawing, font))


_OPACITY = re.compile(r"(?:^|[;{\s])(?:fill-|stroke-)?opacity\s*:\s*([0-9.]+%?)")
_ALPHA_COLOUR = re.compile(r"(?:rgba|hsla)\s*\(|#[0-9a-fA-F]{8}\b|#[0-9a-fA-F]{4}\b")


def _translucent(element: Any, name: str) -> bool:
    """Whether an SVG element makes anything see-through: opacity attributes or style
    declarations below 1, colours with alpha (svglib would draw some of these opaque)."""
    values = [element.get(attr) for attr in ("opacity", "fill-opacity", "stroke-opacity", "stop-opacity")]
    style = (element.get("style") or "") + (element.text or "" if name == "style" else "")
    values += _OPACITY.findall(style)
    for value in values:
        if value is None:
            continue
        value = value.strip()
        try:
            amount = float(value[:-1]) / 100 if value.endswith("%") else float(value)
        except ValueError:
            continue
        if amount < 1:
            return True
    paints = " ".join(element.get(attr) or "" for attr in ("fill", "stroke", "color")) + style
    return bool(_ALPHA_COLOUR.search(paints))


def _walk(node: Any) -> list[Any]:
    out = [node]
    for child in getattr(node, "contents", []) or []:
        out.extend(_walk(child))
    return out


