"""Draw typeset pages into PDF bytes: press (bleed, marks, page boxes) or office (plain A4)."""

from __future__ import annotations

import io
import math
from dataclasses import dataclass, replace

from reportlab.lib.colors import CMYKColor
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen.canvas import Canvas

from generator import __version__
from generator.compose.results import PageLayout, Typeset
from generator.inputs.layout_models import Layout
from generator.pdf.marks import OFFICE_CLEAR, SLUG, crop_marks, cut_lines, fold_marks
from generator.pdf.pdfx import PdfX, finish, prepare
from generator.vocabulary import DISCREET, Job, language

__all__ = ["WATERMARK", "PdfMeta", "Sheet", "render", "sheet_for"]

_SHEETS = {"A4": A4, "A4-landscape": landscape(A4)}
WATERMARK = CMYKColor(0, 0.55, 0.5, 0)


@dataclass(frozen=True)
class PdfMeta:
    title: str
    author: str
    lang: str
    font: str  # the canvas's initial font, so no unembedded Helvetica is referenced
    draft_label: str | None  # CONCEPT watermark text for drafts
    pdfx: PdfX | None = None  # press PDFs: PDF/X-1a for this print condition


def render(job: Job, layout: Layout, typeset: Typeset, meta: PdfMeta) -> tuple[bytes, int, list[str]]:
    """Return the PDF bytes, the page count, and what keeps the file from being the PDF/X it
    claims (then it must not be written)."""
    buffer = io.BytesIO()
    canvas = Canvas(
        buffer, pageCompression=1, invariant=1, initialFontName=meta.font, enforceColorSpace="cmyk", lang=language(meta.lang).tag
    )
    prepared = prepare(canvas, meta.pdfx) if meta.pdfx else False
    canvas.setTitle(meta.title)
    canvas.setAuthor(meta.author)
    canvas.setSubject(f"{job.product}, {job.region}, {job.lang}, {job.mode}")
    # A discreet card's file does not say what it is about either: someone may find it on a phone.
    tool = f"{'drukwerk' if job.product in DISCREET else 'mensenhandel-drukwerk'} {__version__}"
    canvas.setCreator(tool)
    canvas.setProducer(tool)
    canvas.setKeywords([job.product, job.region] if job.product in DISCREET else ["mensenhandel", job.product, job.region])
    canvas.setViewerPreference("DisplayDocTitle", "true")  # viewers show the title, not the file name
    if job.mode == "press":
        pages = _press(canvas, layout, typeset, meta)
    elif layout.office.imposition == "n-up":
        pages = _n_up(canvas, layout, typeset, meta)
    else:
        pages = _office_pages(canvas, layout, typeset, meta)
    canvas.save()
    if meta.pdfx is None:
        return buffer.getvalue(), pages, []
    pdf, problems = finish(buffer.getvalue(), meta.pdfx, prepared, meta.title)
    return pdf, pages, problems


def _draw_page(
    canvas: Canvas, page: PageLayout, layout: Layout, bleed: float, meta: PdfMeta, inside: tuple[float, float, float, float] | None = None
) -> None:
    """Draw one product page with its trim's bottom-left corner at the current origin. Backgrounds
    run ``bleed`` past the trim where they touch it, and stay ``inside`` (x0, y0, x1, y1) if given."""
    for fill in page.fills:
        left, bottom, right, top = (bleed if edge else 0.0 for edge in fill.edges)
        x0, y0, x1, y1 = fill.x - left, fill.y - bottom, fill.x + fill.width + right, fill.y + fill.height + top
        if inside:
            x0, y0, x1, y1 = max(x0, inside[0]), max(y0, inside[1]), min(x1, inside[2]), min(y1, inside[3])
        if x1 > x0 and y1 > y0:
            canvas.setFillColor(fill.colour)
            canvas.rect(x0, y0, x1 - x0, y1 - y0, stroke=0, fill=1)
    for placed in page.placed:
        placed.flowable.drawOn(canvas, placed.x, placed.y)
    if meta.draft_label:
        _watermark(canvas, layout.trim.width, layout.trim.height, meta)


def _watermark(canvas: Canvas, width: float, height: float, meta: PdfMeta) -> None:
    """The draft label across the page as outlined letters: opaque thin strokes, no transparency
    (press drafts stay PDF/X-1a), and the words under it stay readable between the strokes."""
    label = meta.draft_label or ""
    size = min(width, height) / 4
    canvas.saveState()
    canvas.setStrokeColor(WATERMARK)
    canvas.setLineWidth(min(1.5, max(0.6, size / 48)))  # thin enough to read small type through
    canvas.translate(width / 2, height / 2)
    canvas.rotate(math.degrees(math.atan2(height, width)))
    text = canvas.beginText(-canvas.stringWidth(label, meta.font, size) / 2, -size / 3)
    text.setFont(meta.font, size)
    text.setTextRenderMode(1)  # stroke only
    text.textOut(label)
    canvas.drawText(text)
    canvas.restoreState()


@dataclass(frozen=True)
class Sheet:
    """Where a product's pages go on the PDF page: its size, and the trim's bottom-left corner of
    every copy (one, or a grid of cards with its cut lines at ``xs`` and ``ys``)."""

    size: tuple[float, float]
    origins: tuple[tuple[float, float], ...]
    xs: tuple[float, ...] = ()
    ys: tuple[float, ...] = ()


def sheet_for(layout: Layout, mode: str) -> Sheet:
    w, h = layout.trim.width, layout.trim.height
    if mode == "press":
        return Sheet((w + 2 * SLUG, h + 2 * SLUG), ((SLUG, SLUG),))
    sheet_w, sheet_h = _SHEETS[layout.office.sheet]
    if layout.office.imposition != "n-up":
        return Sheet((sheet_w, sheet_h), (((sheet_w - w) / 2, (sheet_h - h) / 2),))
    # Cards as many to a sheet as fit. Every cell holds the same card and the grid is centred,
    # so each back lands behind a front whichever edge duplex flips on.
    margin = max(layout.office.margin, OFFICE_CLEAR)  # never into the edge a desktop printer cannot print
    cols = max(1, int((sheet_w - 2 * margin + 0.01) // w))
    rows = max(1, int((sheet_h - 2 * margin + 0.01) // h))
    x0, y0 = (sheet_w - cols * w) / 2, (sheet_h - rows * h) / 2
    xs = tuple(x0 + c * w for c in range(cols + 1))
    ys = tuple(y0 + r * h for r in range(rows + 1))
    return Sheet((sheet_w, sheet_h), tuple((x, y) for x in xs[:-1] for y in ys[:-1]), xs, ys)


def _press(canvas: Canvas, layout: Layout, typeset: Typeset, meta: PdfMeta) -> int:
    w, h, bleed = layout.trim.width, layout.trim.height, layout.bleed
    sheet = sheet_for(layout, "press")
    canvas.setPageSize(sheet.size)
    for page in typeset.pages:
        canvas.setTrimBox((SLUG, SLUG, SLUG + w, SLUG + h))
        canvas.setBleedBox((SLUG - bleed, SLUG - bleed, SLUG + w + bleed, SLUG + h + bleed))
        canvas.saveState()
        canvas.translate(SLUG, SLUG)
        _draw_page(canvas, page, layout, bleed, meta)
        canvas.restoreState()
        crop_marks(canvas, SLUG, SLUG, w, h)
        fold_marks(canvas, SLUG, SLUG, h, page.folds)
        canvas.showPage()
    return len(typeset.pages)


def _office_pages(canvas: Canvas, layout: Layout, typeset: Typeset, meta: PdfMeta) -> int:
    sheet = sheet_for(layout, "office")
    canvas.setPageSize(sheet.size)
    # A desktop printer cannot print near the paper's edge: backgrounds stop OFFICE_CLEAR short of it.
    ox, oy = sheet.origins[0]
    inside = (OFFICE_CLEAR - ox, OFFICE_CLEAR - oy, sheet.size[0] - OFFICE_CLEAR - ox, sheet.size[1] - OFFICE_CLEAR - oy)
    for page in typeset.pages:
        canvas.saveState()
        canvas.translate(ox, oy)
        _draw_page(canvas, page, layout, 0.0, meta, inside)
        canvas.restoreState()
        canvas.showPage()
    return len(typeset.pages)


def _n_up(canvas: Canvas, layout: Layout, typeset: Typeset, meta: PdfMeta) -> int:
    """The card drawn once per side as a form and placed in every cell; one sheet per side.
    The draft label is drawn on the page over each card, not inside the form: ReportLab writes a
    form's fonts and XObjects into its resources but not its graphics states (ExtGState), so
    anything beyond plain drawing belongs on the page, whose resources are complete."""
    sheet = sheet_for(layout, "office")
    canvas.setPageSize(sheet.size)
    plain = replace(meta, draft_label=None)
    for index, page in enumerate(typeset.pages):
        name = f"page{index}"
        canvas.beginForm(name, lowerx=0, lowery=0, upperx=layout.trim.width, uppery=layout.trim.height)
        _draw_page(canvas, page, layout, 0.0, plain)
        canvas.endForm()
        for x, y in sheet.origins:
            canvas.saveState()
            canvas.translate(x, y)
            canvas.doForm(name)
            if meta.draft_label:
                _watermark(canvas, layout.trim.width, layout.trim.height, meta)
            canvas.restoreState()
        cut_lines(canvas, list(sheet.xs), list(sheet.ys), sheet.size)
        canvas.showPage()
    return len(typeset.pages)
