"""Embed the theme's fonts in each PDF, doing the work that repeats from PDF to PDF once.

ReportLab embeds a TrueType font as subsets of at most 256 glyphs, and for every PDF it cuts
each subset out of the font file, compresses it, and builds its widths and its ToUnicode map
(what makes the text searchable and copyable). Subset 0 always holds all of ASCII plus the few
other characters the text uses, so the PDFs of one product nearly always embed the same
subsets: here each distinct subset is cut, compressed and formatted once per process. The
objects written are ReportLab's own, byte for byte (``addObjects`` follows ReportLab 5.1's
``TTFont.addObjects`` and ``TTFontFace.addSubsetObjects``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.ttfonts import FF_NONSYMBOLIC, FF_SYMBOLIC, SUBSETN, TTFont, makeToUnicodeCMap

_KEEP = 64  # distinct subsets remembered per font; a batch of one theme has a handful


@dataclass(frozen=True)
class _Subset:
    base_name: str  # e.g. AAAAAA+SourceSans3-Regular
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
    """A TrueType font whose subsets are made once per process and reused in every PDF."""

    def __init__(self, name: str, filename: str) -> None:
        super().__init__(name, filename)
        self._subsets: dict[tuple[int, tuple[int, ...]], _Subset] = {}

    def addObjects(self, doc: Any) -> None:
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
        key = (n, tuple(codes))
        subset = self._subsets.get(key)
        if subset is None:
            face = self.face
            base_name = b"".join((SUBSETN(n), b"+", face.name, face.subfontNameX)).decode("pdfdoc")
            widths = pdfdoc.PDFArray([face.getCharWidth(code) for code in codes]).format(None)
            cmap = makeToUnicodeCMap(base_name, codes).encode("utf-8")
            font_file = face.makeSubset(codes)
            deflate = pdfdoc.PDFZCompress.encode
            subset = _Subset(base_name, widths, cmap, deflate(cmap), font_file, deflate(font_file))
            if len(self._subsets) >= _KEEP:
                self._subsets.clear()
            self._subsets[key] = subset
        return subset

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
