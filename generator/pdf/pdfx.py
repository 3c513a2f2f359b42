"""Press PDFs as PDF/X-1a:2001 (ISO 15930-1).

ReportLab already draws what the standard asks of the content (CMYK only, TrueType subsets
embedded, TrimBox and BleedBox, no transparency, /Trapped /False and a document ID). PDF/X also
needs an OutputIntent naming a registered print condition, GTS_PDFXVersion and
GTS_PDFXConformance in the document info, and a PDF 1.3 header: :func:`prepare` has ReportLab
write them (pdf/reportlab_compat.py, item 8) and :func:`finish` gives the file an ID made from
its bytes; on a ReportLab version that code does not know, :func:`finish` adds the keys with
pikepdf instead. Either way :func:`forbidden` then refuses to claim PDF/X for a file holding
something the standard forbids (transparency, a colour space other than CMYK or grey, form
fields, annotations, JavaScript, encryption), read from the file's own bytes, so a later change
to the drawing code cannot slip a false claim past the print shop.

Deterministic: the dates come from the inputs, no XMP is written (PDF/X-1a:2001 does not ask
for it), and the document ID is derived from the content.
"""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from generator.engine import reportlab_compat
from generator.inputs.layout_models import PRINT_CONDITIONS

__all__ = ["CONFORMANCE", "REGISTRY", "VERSION", "PdfX", "finish", "forbidden", "prepare"]

REGISTRY = "http://www.color.org"
VERSION = "PDF/X-1:2001"
CONFORMANCE = "PDF/X-1a:2001"


@dataclass(frozen=True)
class PdfX:
    """What a press PDF claims: its print condition (a key of PRINT_CONDITIONS) and its date.

    The date must come from the inputs, never the clock: the same inputs give the same bytes,
    and the build skips files whose inputs did not change. The build passes the newest
    ``verified`` date of the contacts the file prints: a real date a print shop can read as
    "this version", and it moves on when contact data is checked again, the usual reason for a
    new print run. None keeps ReportLab's fixed date."""

    condition: str
    when: date | None

    def output_intent(self) -> dict[str, str]:
        info, output_condition = PRINT_CONDITIONS[self.condition]
        return {
            "S": "GTS_PDFX",
            "OutputConditionIdentifier": self.condition,
            "OutputCondition": output_condition,
            "RegistryName": REGISTRY,
            "Info": info,
        }

    def stamp(self) -> str | None:
        return f"D:{self.when:%Y%m%d}000000+00'00'" if self.when else None


_INFO = {"GTS_PDFXVersion": VERSION, "GTS_PDFXConformance": CONFORMANCE}


def prepare(canvas: Any, pdfx: PdfX) -> bool:
    """Before drawing: have ReportLab write the PDF/X keys; False when it cannot (then
    :func:`finish` adds them)."""
    return reportlab_compat.write_pdfx_keys(canvas, pdfx.output_intent(), _INFO, pdfx.stamp())


def finish(pdf: bytes, pdfx: PdfX, prepared: bool, title: str) -> tuple[bytes, list[str]]:
    """The saved bytes as PDF/X-1a:2001, and what stops them from being so, as sentences
    (then the bytes must not be written)."""
    pdf = _content_id(pdf) if prepared else _with_pikepdf(pdf, pdfx)
    problems = [] if title.strip() else ["the PDF has no title; PDF/X needs one"]
    return pdf, problems + forbidden(pdf)


_TRAILER_ID = re.compile(rb"/ID\s*\[<([0-9a-fA-F]{32})><([0-9a-fA-F]{32})>\]")


def _content_id(pdf: bytes) -> bytes:
    """ReportLab's ID in invariant mode is a digest of the title and other info only, the same
    for every version of a file: replace it with a digest of everything before the trailer (the
    same length, after the cross-reference table: no offset moves)."""
    at = pdf.rindex(b"trailer")
    found = _TRAILER_ID.search(pdf, at)
    if found is None:
        return pdf  # no ID to replace; the checks in the tests would say so
    digest = hashlib.md5(pdf[:at], usedforsecurity=False).hexdigest().encode()
    return pdf[: found.start()] + b"/ID \n[<" + digest + b"><" + digest + b">]" + pdf[found.end() :]


# --- what PDF/X-1a forbids, from the file's bytes ----------------------------------------------

_STREAM_DATA = re.compile(rb"stream\r?\n.*?endstream", re.S)  # content, fonts, images: no dictionaries
_STRING = re.compile(rb"\((?:\\.|[^\\)])*\)", re.S)  # ReportLab escapes the parentheses inside a string
_END = rb"(?![^\s/<>\[\](){}%])"  # a name ends at white space or a delimiter
_FORBIDDEN = [  # in the file's dictionaries (ReportLab writes no object streams: every dictionary is plain text)
    (re.compile(rb"/Encrypt" + _END), "the file is encrypted"),
    (re.compile(rb"/(?:ObjStm|XRefStm)" + _END), "object streams (PDF 1.5, and this check could not read inside them)"),
    (re.compile(rb"/AcroForm" + _END), "the file has form fields"),
    (re.compile(rb"/Annots" + _END), "annotations on a page"),
    (re.compile(rb"/(?:JavaScript|JS)" + _END), "JavaScript"),
    (re.compile(rb"/SMask" + _END + rb"(?!\s*/None" + _END + rb")"), "a soft mask (transparency)"),
    (re.compile(rb"/BM" + _END + rb"(?!\s*/(?:Normal|Compatible)" + _END + rb")"), "a blend mode (transparency)"),
    (re.compile(rb"/S\s*/Transparency" + _END), "a transparency group"),
    (
        re.compile(rb"/(?:DeviceRGB|CalRGB|CalGray|Lab|ICCBased|DefaultRGB|DefaultGray|DefaultCMYK)" + _END),
        "a colour space other than CMYK, grey and spot colours (PDF/X-1a allows only those)",
    ),
]
_OPACITY = re.compile(rb"/(CA|ca)\s+([0-9.]+)")


def forbidden(pdf: bytes) -> list[str]:
    """What in the file PDF/X-1a:2001 forbids, each kind said once, as sentences."""
    plain = _STRING.sub(b"()", _STREAM_DATA.sub(b"stream endstream", pdf))
    found = [what for pattern, what in _FORBIDDEN if pattern.search(plain)]
    for key, value in dict.fromkeys(_OPACITY.findall(plain)):  # a form field's /MK /CA is a caption string: emptied above
        if float(value) < 1:
            found.append(f"a constant opacity /{key.decode()} below 1 (transparency)")
    return [f"not PDF/X-1a: {what}" for what in dict.fromkeys(found)]


# --- the fallback: the keys added with pikepdf ------------------------------------------------


def _with_pikepdf(pdf: bytes, pdfx: PdfX) -> bytes:
    import pikepdf  # only on a ReportLab version reportlab_compat does not know

    with pikepdf.open(io.BytesIO(pdf)) as doc:
        intent = pdfx.output_intent()
        entries: dict[str, Any] = {"/Type": pikepdf.Name.OutputIntent}
        entries.update((f"/{k}", pikepdf.Name("/" + v) if k == "S" else pikepdf.String(v)) for k, v in intent.items())
        doc.Root.OutputIntents = doc.make_indirect(pikepdf.Array([pikepdf.Dictionary(entries)]))
        docinfo = doc.docinfo
        stamp = pdfx.stamp()
        if stamp:
            docinfo.CreationDate = pikepdf.String(stamp)
            docinfo.ModDate = pikepdf.String(stamp)
        docinfo.Trapped = pikepdf.Name("/False")
        for key, value in _INFO.items():
            docinfo[pikepdf.Name("/" + key)] = pikepdf.String(value)
        out = io.BytesIO()
        doc.save(
            out,
            deterministic_id=True,
            stream_decode_level=pikepdf.StreamDecodeLevel.none,  # copy the streams as ReportLab compressed them
            object_stream_mode=pikepdf.ObjectStreamMode.disable,  # object streams are PDF 1.5
            compress_streams=False,  # ... all of them, compressed or not
            fix_metadata_version=False,
            # ReportLab writes a 1.4 header for a colour's alpha of 1; transparency, the one 1.4
            # feature it can write, is looked for in the file itself (forbidden).
            force_version="1.3",
        )
        return out.getvalue()
