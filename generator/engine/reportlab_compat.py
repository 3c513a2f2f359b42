"""ReportLab's private parts, all in one place, applied explicitly.

The tool needs four things ReportLab has no public way to do:

1. *Same inputs, same bytes*: ``rl_config.invariant`` (public, but process-wide: set here).
2. *A font under a second name, and a replaced font file*: ``pdfmetrics.registerFont`` knows a
   font under its own name only, and hands a later font with the same name inside the file (a
   new version, or a file replaced while ``drukwerk watch`` runs) the object registered first,
   so the PDF would keep the old glyphs. :func:`name_font` writes ``pdfmetrics._fonts``.
3. *Font subsets made once per process, with names of their own*: :class:`EmbeddedFont` follows
   ReportLab 5.1's ``TTFont.addObjects`` and ``TTFontFace.addSubsetObjects`` (``_assignState``,
   ``idToObject``, ``getSubsetInternalName``), reusing each distinct subset's compressed bytes,
   and names each subset by its glyphs instead of ReportLab's ``SUBSETN(n)`` (every file's first
   subset ``AAAAAA+``): a print shop that gangs files on one sheet, or a RIP that caches fonts
   by name, must never take one subset for another.
4. *Checkbox drawings made once*: ReportLab builds six appearance streams for every checkbox,
   identical for every box of one look; :func:`apply` shares them (``AcroForm.checkboxAP``).
5. *A hyphenation zone*, as InDesign has: ReportLab hyphenates the word that does not fit
   whenever a part of it would, however full the line already is. The public style options
   decide which words and where (``hyphenationLang`` takes a callable, see
   compose/hyphenation.py), but not *whether* the line needs it. :func:`install_hyphenation_zone`
   wraps ``paragraph._hyGenPair`` and ``_hyGenFragsPair`` (the functions that try a word's breaks
   against the room left on the line): for a hyphenator with a ``hyphenation_zone`` attribute,
   a line that would end within that distance of its right edge is broken before the word
   instead. Every other paragraph goes through ReportLab's own functions unchanged.
6. *An image compressed once*: ``Canvas.drawImage`` digests and deflates an image's pixels again
   in every PDF (20 ms for a 1200 × 600 logo); :func:`prepare_image` makes ReportLab's image
   object once and :func:`draw_image` hands each PDF a copy (``PDFImageXObject`` fields,
   ``Canvas._setXObjects``, ``_formsinuse``, ``_code``), the same bytes as ``drawImage``.
7. *A drawing turned into PDF operators once*: ``renderPDF.draw`` walks an SVG drawing's tree
   again in every PDF (0.2 ms a pictogram, seven on a leaflet); :func:`drawing_code` keeps the
   operators it writes (``Canvas._code``) and :func:`draw_code` adds them to a page. The order
   of a shape's state operators (colour ``k``/``K``, dash ``d``, transform ``cm``) follows the
   process-wide ``rl_config.invariant`` at the moment the drawing is walked, not the canvas's
   own ``invariant``: sorted when set, the order of the shape's attributes when not. Pictograms
   are made while a job is typeset, which can be before :func:`apply` has run (the first job of
   a process) and are then cached, so both functions walk drawings with the flag set
   themselves (:func:`_invariant`).
8. *PDF/X keys written by ReportLab itself*: ``PDFCatalog.format`` writes only the keys it
   lists and ``PDFInfo.format`` a fixed set, so ReportLab cannot write the ``/OutputIntents``
   and ``GTS_PDFX…`` keys PDF/X needs, and it writes a 1.4 header for a colour's alpha of 1.
   :func:`write_pdfx_keys` lists ``OutputIntents`` on this document's catalog, gives it an
   info object that adds keys and dates (following 5.1's ``PDFInfo.format``) and keeps the
   1.3 header (``PDFDocument._pdfVersion``); the file is then checked for transparency from its
   own bytes (pdf/pdfx.py). Re-opening every press PDF with pikepdf to add the keys cost
   0.6–0.7 ms a file; this costs nothing measurable. On an unknown version pdf/pdfx.py adds
   them with pikepdf as before.
9. *The lines a paragraph was broken into*: ReportLab keeps its line-breaking result in the
   private ``Paragraph.blPara`` (``kind`` 0: ``(space, words)`` tuples in the paragraph's own
   font; ``kind`` 1: line objects with ``words`` fragments and ``lineBreak`` at a ``<br/>``).
   :func:`wrapped_lines` reads it as plain :class:`WrappedLine` data, for the paragraphs that
   tie a lonely last word (compose/paragraphs.py), the pictograms beside a contact's lines and
   the benchmark's floor. On an unknown version it gives no lines: no word is tied and no
   pictogram drawn beside a contact, rather than either in the wrong place.

On a ReportLab version not listed in :data:`KNOWN_VERSIONS` every one of these falls back to
ReportLab's own public behaviour: slower, subset names as ReportLab makes them, a replaced
font file needs a new process (the command says so) — never wrong glyphs — and words are
hyphenated by the style's rules without the zone. Tests compare each patch's bytes with
ReportLab's own output.
"""

from __future__ import annotations

import copy
import hashlib
import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import reportlab
from reportlab import rl_config
from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.acroform import AcroForm
from reportlab.pdfbase.ttfonts import FF_NONSYMBOLIC, FF_SYMBOLIC, SUBSETN, TTFont, makeToUnicodeCMap
from reportlab.platypus import paragraph

if TYPE_CHECKING:
    from generator.warm import Cache

__all__ = [
    "KNOWN_VERSIONS",
    "EmbeddedFont",
    "FontNameTaken",
    "Fragment",
    "PreparedImage",
    "WrappedLine",
    "apply",
    "draw_code",
    "draw_image",
    "drawing_code",
    "install_hyphenation_zone",
    "known_version",
    "name_font",
    "operators",
    "prepare_image",
    "subset_tag",
    "wrapped_lines",
    "write_pdfx_keys",
]

KNOWN_VERSIONS = ("5.1.",)  # the versions whose private code the routines below follow
_STOCK_CHECKBOX_AP = AcroForm.checkboxAP


def known_version(version: str = reportlab.Version) -> bool:
    return version.startswith(KNOWN_VERSIONS)


def apply(checkboxes: Cache[Any, Any] | None) -> None:
    """Set ReportLab up for this process: invariant output, and shared checkbox drawings kept
    in ``checkboxes`` (``None``, or an unknown ReportLab version: ReportLab's own code)."""
    rl_config.invariant = 1
    if checkboxes is None or not known_version():
        AcroForm.checkboxAP = _STOCK_CHECKBOX_AP
        return

    def shared(self: AcroForm, key: str, value: str, **options: Any) -> Any:
        look = (key, value, repr(sorted(options.items())))
        stream = checkboxes.get_or_make(look, lambda: _STOCK_CHECKBOX_AP(self, key, value, **options))
        return copy.copy(stream)  # a registered PDF object belongs to one document only

    AcroForm.checkboxAP = shared


_STOCK_HY_GEN_PAIR = paragraph._hyGenPair
_STOCK_HY_GEN_FRAGS_PAIR = paragraph._hyGenFragsPair


def _outside_zone(hyphenator: Any, word_width: float, new_width: float, max_width: float) -> Any:
    """The hyphenator, or None when the line is full enough without the word (it then starts the
    next line; ReportLab still breaks web addresses and at a word's own hyphens)."""
    zone = getattr(hyphenator, "hyphenation_zone", None)
    if zone is None or word_width > max_width:  # a word wider than the whole line must be broken
        return hyphenator
    room = max_width - (new_width - word_width)  # what the line has left for the word's first part
    return hyphenator if room >= zone else None


def _zoned_pair(hyphenator: Any, s: Any, ww: float, newWidth: float, maxWidth: float, *rest: Any) -> Any:
    return _STOCK_HY_GEN_PAIR(_outside_zone(hyphenator, ww, newWidth, maxWidth), s, ww, newWidth, maxWidth, *rest)


def _zoned_frags_pair(hyphenator: Any, FW: Any, newWidth: float, maxWidth: float, *rest: Any) -> Any:
    return _STOCK_HY_GEN_FRAGS_PAIR(_outside_zone(hyphenator, FW[0], newWidth, maxWidth), FW, newWidth, maxWidth, *rest)


def install_hyphenation_zone(enable: bool = True, version: str = reportlab.Version) -> bool:
    """Make ReportLab respect a hyphenator's ``hyphenation_zone`` (idempotent, process-wide, and
    inert for every other paragraph); ReportLab's own functions on an unknown version or with
    ``enable=False``. Returns whether the zone is in force."""
    zoned = enable and known_version(version)
    paragraph._hyGenPair = _zoned_pair if zoned else _STOCK_HY_GEN_PAIR
    paragraph._hyGenFragsPair = _zoned_frags_pair if zoned else _STOCK_HY_GEN_FRAGS_PAIR
    return zoned


class FontNameTaken(Exception):
    """Fallback only: ReportLab already holds another version of this font under this process."""


def name_font(font: TTFont, name: str) -> None:
    """Make ``name`` give ``font`` in ReportLab, also when the name, or the font's own name
    inside the file, was registered before."""
    if known_version():
        pdfmetrics._fonts[name] = font
        return
    twin = copy.copy(font)
    twin.fontName = name
    pdfmetrics.registerFont(twin)
    registered = pdfmetrics.getFont(name)
    if registered is not twin and _fingerprint(registered) != _fingerprint(font):
        raise FontNameTaken(name)


def _fingerprint(font: Any) -> object:
    """What tells two loaded versions of a font apart (its tables' checksums); a font that does
    not show them never matches, so the fallback errs on the side of a clear error."""
    tables = getattr(font.face, "table", None)
    if not isinstance(tables, dict):
        return object()
    return sorted((tag, entry.get("checksum")) for tag, entry in tables.items() if isinstance(entry, dict))


def subset_tag(face_name: bytes, codes: list[int]) -> bytes:
    """Six capital letters that stand for this subset's glyphs (ISO 32000: the tag is six
    upper-case letters; a different glyph set gets a different tag)."""
    digest = hashlib.sha256(face_name + b":" + ",".join(map(str, codes)).encode()).digest()
    return bytes(65 + digest[i] % 26 for i in range(6))


@dataclass(frozen=True)
class _Subset:
    base_name: str  # e.g. QXKTRM+FiraSans-Regular
    widths: bytes  # the formatted /Widths array
    cmap: bytes  # ToUnicode map, uncompressed
    cmap_deflated: bytes
    font_file: bytes  # the subset font program, uncompressed
    font_file_deflated: bytes


class _Deflated:
    """A stream filter that hands out bytes compressed earlier (ReportLab's filters compress on every write)."""

    pdfname = pdfdoc.PDFZCompress.pdfname

    def __init__(self, deflated: bytes) -> None:
        self.deflated = deflated

    def encode(self, _content: bytes) -> bytes:
        return self.deflated


class EmbeddedFont(TTFont):
    """A TrueType font whose subsets are made once (kept in ``subsets``) and named by their glyphs.
    ``unique_names=False`` gives ReportLab's own names: the bytes are then ReportLab's, exactly."""

    def __init__(self, name: str, filename: str, digest: str, subsets: Cache[Any, Any], unique_names: bool = True) -> None:
        super().__init__(name, filename)
        self.digest = digest  # of the font file: the subsets' key
        self._subsets = subsets
        self._unique_names = unique_names

    def addObjects(self, doc: Any) -> None:
        if not known_version():
            super().addObjects(doc)
            return
        state = self._assignState(doc)
        state.frozen = 1
        for n, codes in enumerate(state.subsets):
            internal_name = self.getSubsetInternalName(n, doc)[1:]
            subset = self._subset(n, codes)
            font = pdfdoc.PDFTrueTypeFont()
            font.__Comment__ = f"Font {self.fontName} subset {n}"
            font.Name = internal_name
            font.BaseFont = subset.base_name
            font.FirstChar = 0
            font.LastChar = len(codes) - 1
            font.Widths = subset.widths
            cmap = _stream(doc, subset.cmap, subset.cmap_deflated)
            font.ToUnicode = doc.Reference(cmap, "toUnicodeCMap:" + subset.base_name)
            font.FontDescriptor = self._descriptor(doc, subset)
            doc.Reference(font, internal_name)
            doc.idToObject["BasicFonts"].dict[internal_name] = font
        del self.state[doc]

    def _subset(self, n: int, codes: list[int]) -> _Subset:
        return self._subsets.get_or_make((self.digest, self._unique_names, n, tuple(codes)), lambda: self._make_subset(n, codes))

    def _make_subset(self, n: int, codes: list[int]) -> _Subset:
        face = self.face
        tag = subset_tag(face.name, codes) if self._unique_names else SUBSETN(n)
        base_name = b"".join((tag, b"+", face.name, face.subfontNameX)).decode("pdfdoc")
        widths = pdfdoc.PDFArray([face.getCharWidth(code) for code in codes]).format(None)
        cmap = makeToUnicodeCMap(base_name, codes).encode("utf-8")
        font_file = face.makeSubset(codes)
        deflate = pdfdoc.PDFZCompress.encode
        return _Subset(base_name, widths, cmap, deflate(cmap), font_file, deflate(font_file))

    def _descriptor(self, doc: Any, subset: _Subset) -> Any:
        face = self.face
        font_file = _stream(doc, subset.font_file, subset.font_file_deflated)
        font_file.dictionary["Length1"] = len(subset.font_file)
        font_file_ref = doc.Reference(font_file, f"fontFile:{face.filename}({subset.base_name})")
        descriptor = pdfdoc.PDFDictionary(
            {
                "Type": "/FontDescriptor",
                "Ascent": face.ascent,
                "CapHeight": face.capHeight,
                "Descent": face.descent,
                "Flags": (face.flags & ~FF_NONSYMBOLIC) | FF_SYMBOLIC,
                "FontBBox": pdfdoc.PDFArray(face.bbox),
                "FontName": pdfdoc.PDFName(subset.base_name),
                "ItalicAngle": face.italicAngle,
                "StemV": face.stemV,
                "FontFile2": font_file_ref,
                "MissingWidth": face.defaultWidth,
            }
        )
        return doc.Reference(descriptor, "fontDescriptor:" + subset.base_name)


def _stream(doc: Any, content: bytes, deflated: bytes) -> Any:
    stream = pdfdoc.PDFStream()
    stream.content = content
    if doc.compression:
        stream.filters = [_Deflated(deflated)]
    return stream


_IMAGE_FIELDS = ("width", "height", "bitsPerComponent", "colorSpace", "_filters", "streamContent", "mask")


@dataclass(frozen=True)
class PreparedImage:
    """A Pillow image as ReportLab's image object, made once: its name (ReportLab's digest of
    the pixels) and the object's fields; or, on an unknown ReportLab version, the image itself."""

    name: str
    size: tuple[int, int]
    fields: tuple[tuple[str, Any], ...]
    image: Any  # the Pillow image, kept only for the fallback


def prepare_image(image: Any) -> PreparedImage:
    """``image``: a Pillow image in CMYK, L or RGB mode, without transparency."""
    if not known_version():
        return PreparedImage("", image.size, (), image)
    from reportlab.lib.utils import ImageReader, _digester

    reader = ImageReader(image)
    name = _digester(reader.getRGBData() + b"None")  # as Canvas.drawImage names an image drawn with mask=None
    made = pdfdoc.PDFImageXObject(name, reader, mask=None)
    return PreparedImage(name, image.size, tuple((field, getattr(made, field)) for field in _IMAGE_FIELDS), None)


def draw_image(canvas: Any, prepared: PreparedImage, x: float, y: float, width: float, height: float) -> None:
    """What ``canvas.drawImage(image, x, y, width, height)`` does, without redoing the pixels."""
    if not prepared.fields:
        from reportlab.lib.utils import ImageReader

        canvas.drawImage(ImageReader(prepared.image), x, y, width, height, mask=None)
        return
    canvas._currentPageHasImages = 1
    doc = canvas._doc
    reg_name = doc.getXObjectName(prepared.name)
    if not doc.idToObject.get(reg_name):
        made = pdfdoc.PDFImageXObject(prepared.name)
        for field, value in prepared.fields:
            setattr(made, field, value)
        canvas._setXObjects(made)
        doc.Reference(made, reg_name)
        doc.addForm(prepared.name, made)
    canvas.saveState()
    canvas.translate(x, y)
    canvas.scale(width, height)
    canvas._code.append(f"/{reg_name} Do")
    canvas.restoreState()
    canvas._formsinuse.append(prepared.name)


_FONT_ONLY = re.compile(r"^BT /F\d+ \S+ Tf \S+ TL ET$")  # renderPDF selects a font for text a drawing may hold


def drawing_code(drawing: Any, font: str) -> str | None:
    """The PDF operators that draw ``drawing`` (which holds no text, images or transparency) at
    the origin; ``None`` on an unknown ReportLab version. Drawn once on a scratch canvas that
    refuses any colour but CMYK; its font selections, which select nothing that is drawn, are left out."""
    if not known_version():
        return None
    from reportlab.graphics import renderPDF

    with _invariant():
        code = operators(lambda canvas: renderPDF.draw(drawing, canvas, 0, 0), font)
    return "\n".join(op for op in code if not _FONT_ONLY.match(op))


@contextmanager
def _invariant() -> Iterator[None]:
    """ReportLab's invariant mode for the drawing walked inside, whatever the process had set:
    ``renderPDF`` orders a shape's state operators by the global flag (see item 7 above)."""
    before = rl_config.invariant
    rl_config.invariant = 1
    try:
        yield
    finally:
        rl_config.invariant = before


def operators(draw: Any, font: str) -> list[str]:
    """What ``draw(canvas)`` writes into a page's content (``Canvas._code``), one entry per call,
    on a scratch canvas that refuses any colour but CMYK (also used by the benchmark's floor)."""
    from reportlab.pdfgen.canvas import Canvas

    scratch = Canvas(io.BytesIO(), invariant=1, enforceColorSpace="cmyk", initialFontName=font)
    start = len(scratch._code)
    draw(scratch)
    return list(scratch._code[start:])


def draw_code(canvas: Any, code: str | None, drawing: Any) -> None:
    """Draw at the current origin what :func:`drawing_code` made (or, without it, the drawing)."""
    if code is None:
        from reportlab.graphics import renderPDF

        with _invariant():
            renderPDF.draw(drawing, canvas, 0, 0)
        return
    canvas.addLiteral(code)


class _InfoWithKeys(pdfdoc.PDFInfo):
    """ReportLab 5.1's document info (``PDFInfo.format``), with more keys and fixed dates."""

    extra: dict[str, str]
    stamp: str | None

    def format(self, document: Any) -> bytes:
        entries: dict[str, Any] = {
            "Title": pdfdoc.PDFString(self.title),
            "Author": pdfdoc.PDFString(self.author),
            "Producer": pdfdoc.PDFString(self.producer),
            "Creator": pdfdoc.PDFString(self.creator),
            "Subject": pdfdoc.PDFString(self.subject),
            "Keywords": pdfdoc.PDFString(self.keywords),
            "Trapped": pdfdoc.PDFName(self.trapped),
        }
        date = pdfdoc.PDFString(self.stamp) if self.stamp else pdfdoc.PDFDate(ts=document._timeStamp, dateFormatter=self._dateFormatter)
        entries["CreationDate"] = entries["ModDate"] = date
        entries.update((key, pdfdoc.PDFString(value)) for key, value in self.extra.items())
        return pdfdoc.PDFDictionary(entries).format(document)


def write_pdfx_keys(canvas: Any, output_intent: dict[str, str], info: dict[str, str], stamp: str | None) -> bool:
    """Before drawing: ``canvas`` writes an OutputIntent (``S`` a name, the other entries
    strings), the ``info`` keys and, when ``stamp`` is given, that date as CreationDate and
    ModDate, and a PDF 1.3 header whatever colours it draws. False on an unknown version:
    nothing done."""
    if not known_version():
        return False
    doc = canvas._doc
    intent: dict[str, Any] = {"Type": pdfdoc.PDFName("OutputIntent")}
    intent.update((k, pdfdoc.PDFName(v) if k == "S" else pdfdoc.PDFString(v)) for k, v in output_intent.items())
    doc.Catalog.OutputIntents = pdfdoc.PDFArray([pdfdoc.PDFDictionary(intent)])
    doc.Catalog.__NoDefault__ = [*pdfdoc.PDFCatalog.__NoDefault__, "OutputIntents"]  # this catalog only
    old = doc.info
    new = _InfoWithKeys()
    new.__dict__.update(old.__dict__)
    new.extra, new.stamp = dict(info), stamp
    doc.info = new
    # ReportLab raises the header to 1.4 for any colour with an alpha, even an opaque one; real
    # transparency is looked for in the finished file instead (pdf/pdfx.py: forbidden).
    doc.ensureMinPdfVersion = lambda *keys: None
    doc._pdfVersion = (1, 3)
    return True


@dataclass(frozen=True)
class Fragment:
    """A run of text on a line in one font and size."""

    font: str
    size: float
    text: str


@dataclass(frozen=True)
class WrappedLine:
    """One line of a wrapped paragraph; ``forced``: it ends at a ``<br/>``."""

    fragments: tuple[Fragment, ...]
    forced: bool
    extra: float = 0.0  # room left at the line's end; below 0 the line runs past its width

    @property
    def text(self) -> str:
        return "".join(f.text for f in self.fragments)


def wrapped_lines(para: Any) -> list[WrappedLine]:
    """The lines a wrapped ReportLab ``Paragraph`` was broken into (item 9); [] on an unknown version."""
    bl_para = getattr(para, "blPara", None)
    if bl_para is None or not known_version():
        return []
    style = para.style
    if bl_para.kind == 0:  # the paragraph's own font throughout: no forced breaks inside
        return [WrappedLine((Fragment(style.fontName, style.fontSize, " ".join(line[1])),), False, line[0]) for line in bl_para.lines]
    return [
        WrappedLine(
            tuple(Fragment(w.fontName, w.fontSize, w.text) for w in line.words), bool(getattr(line, "lineBreak", False)), line.extraSpace
        )
        for line in bl_para.lines
    ]
