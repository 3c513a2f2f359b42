"""Make finished press PDF bytes PDF/X-1a:2001 (ISO 15930-1).

ReportLab already draws what the standard asks of the content (CMYK only, TrueType subsets
embedded, TrimBox and BleedBox, no transparency, /Trapped /False and a document ID); it cannot
write an output intent or extra document info keys (see
REPORTLAB-NOTES.md). This pass adds them with pikepdf: the OutputIntent naming a registered
print condition, GTS_PDFXVersion and GTS_PDFXConformance, the dates and the PDF 1.3 header. It also refuses to
claim PDF/X for a file holding something the standard forbids (transparency, a colour space
other than CMYK or grey, annotations, JavaScript, encryption), so a later change to the drawing
code cannot slip a false claim past the print shop.

Deterministic: no XMP is written (PDF/X-1a:2001 does not ask for it), pikepdf is never named
as editor, streams are copied as they are, and the document ID is derived from the content.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from typing import Any

from generator.inputs.layout_models import PRINT_CONDITIONS

__all__ = ["CONFORMANCE", "REGISTRY", "VERSION", "to_pdfx"]

REGISTRY = "http://www.color.org"
VERSION = "PDF/X-1:2001"
CONFORMANCE = "PDF/X-1a:2001"

# Colour spaces a PDF/X-1a file may use (ISO 15930-1): CMYK, grey, and spot colours or indexed
# colours whose alternate or base is one of those two.
_PROCESS = {"/DeviceCMYK", "/DeviceGray"}


def to_pdfx(pdf: bytes, condition: str, when: date | None) -> tuple[bytes, list[str]]:
    """The bytes as PDF/X-1a:2001 for ``condition`` (a key of PRINT_CONDITIONS), dated ``when``
    (None: keep ReportLab's fixed date); and what stops them from being PDF/X-1a, as sentences
    (then the bytes must not be written).

    The date must come from the inputs, never the clock: the same inputs give the same bytes, and
    the build skips files whose inputs did not change. The build passes the newest ``verified``
    date of the contacts the file prints: a real date a print shop can read as "this version",
    and it moves on when contact data is checked again, the usual reason for a new print run."""
    import pikepdf  # here: a build with nothing to do never loads it

    info, output_condition = PRINT_CONDITIONS[condition]
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        problems = _forbidden(doc)
        doc.Root.OutputIntents = doc.make_indirect(
            pikepdf.Array(
                [
                    pikepdf.Dictionary(
                        Type=pikepdf.Name.OutputIntent,
                        S=pikepdf.Name.GTS_PDFX,
                        OutputConditionIdentifier=pikepdf.String(condition),
                        OutputCondition=pikepdf.String(output_condition),
                        RegistryName=pikepdf.String(REGISTRY),
                        Info=pikepdf.String(info),
                    )
                ]
            )
        )
        docinfo = doc.docinfo
        if not str(docinfo.get("/Title", "")).strip():
            problems.append("the PDF has no title; PDF/X needs one")
        if when is not None:
            stamp = f"D:{when:%Y%m%d}000000+00'00'"
            docinfo.CreationDate = pikepdf.String(stamp)
            docinfo.ModDate = pikepdf.String(stamp)
        docinfo.Trapped = pikepdf.Name("/False")
        docinfo.GTS_PDFXVersion = pikepdf.String(VERSION)
        docinfo.GTS_PDFXConformance = pikepdf.String(CONFORMANCE)
        out = io.BytesIO()
        doc.save(
            out,
            deterministic_id=True,
            stream_decode_level=pikepdf.StreamDecodeLevel.none,  # copy the streams as ReportLab compressed them
            object_stream_mode=pikepdf.ObjectStreamMode.disable,  # object streams are PDF 1.5
            compress_streams=False,  # ... all of them, compressed or not
            fix_metadata_version=False,
            # ReportLab writes a 1.4 header as soon as a colour carries an alpha, even 1 (every
            # CMYKColor does), without drawing anything transparent. Transparency, the one 1.4
            # feature it can write, is looked for in the file itself (_forbidden) instead.
            force_version="1.3",
        )
        return out.getvalue(), problems


def _forbidden(doc: Any) -> list[str]:
    """What in the file PDF/X-1a:2001 forbids, each kind said once."""
    import pikepdf

    found: dict[str, None] = {}
    if doc.is_encrypted:
        found["the file is encrypted"] = None
    if "/AcroForm" in doc.Root:
        found["the file has form fields"] = None
    if "/Names" in doc.Root and "/JavaScript" in doc.Root.Names:
        found["the file has JavaScript"] = None
    for entries in _dictionaries(doc):
        if "/SMask" in entries and entries.SMask != pikepdf.Name("/None"):
            found["a soft mask (transparency)"] = None
        for key in ("/CA", "/ca"):  # numbers in a graphics state (a form field's /MK /CA is its caption text)
            if isinstance(entries.get(key), int | Decimal) and entries[key] < 1:
                found[f"a constant opacity {key} below 1 (transparency)"] = None
        if "/BM" in entries and entries.BM not in (pikepdf.Name.Normal, pikepdf.Name.Compatible):
            found["a blend mode (transparency)"] = None
        group = entries.get("/Group")
        if isinstance(group, pikepdf.Dictionary) and group.get("/S") == pikepdf.Name.Transparency:
            found["a transparency group"] = None
        if entries.get("/Type") == pikepdf.Name.Page and len(entries.get("/Annots", [])):
            found["annotations on a page"] = None
        if entries.get("/S") == pikepdf.Name.JavaScript:
            found["JavaScript"] = None
        drawn = entries.get("/Subtype") == pikepdf.Name.Image or "/ShadingType" in entries
        spaces = [entries.ColorSpace] if drawn and "/ColorSpace" in entries else []
        if isinstance(entries.get("/ColorSpace"), pikepdf.Dictionary):  # a resource dictionary's named colour spaces
            spaces = list(entries.ColorSpace.values())
        for space in spaces:
            if not _allowed_space(space):
                found[f"colour space {_family(space)} (PDF/X-1a allows CMYK, grey and spot colours only)"] = None
    return [f"not PDF/X-1a: {what}" for what in found]


def _dictionaries(doc: Any) -> Iterator[Any]:
    """Every dictionary in the file (a stream's too), direct ones included: ReportLab writes
    graphics states and colour spaces inside the resource dictionaries, not as objects."""
    import pikepdf

    def walk(obj: Any) -> Iterator[Any]:
        if isinstance(obj, pikepdf.Stream):
            obj = obj.stream_dict
        if isinstance(obj, pikepdf.Dictionary):
            yield obj
            children = obj.values()
        elif isinstance(obj, pikepdf.Array):
            children = obj
        else:
            return
        for child in children:  # indirect ones are reached from doc.objects
            if isinstance(child, pikepdf.Dictionary | pikepdf.Array) and not child.is_indirect:
                yield from walk(child)

    for obj in doc.objects:
        yield from walk(obj)


def _family(space: Any) -> str:
    import pikepdf

    return str(space[0] if isinstance(space, pikepdf.Array) else space)


def _allowed_space(space: Any) -> bool:
    import pikepdf

    family = _family(space)
    if family in _PROCESS:
        return True
    if family in ("/Separation", "/DeviceN"):  # [/Separation name alternate tint] or [/DeviceN names alternate tint]
        return _allowed_space(space[2])
    if family == "/Indexed":  # [/Indexed base hival lookup]
        return _allowed_space(space[1])
    if family == "/Pattern":  # [/Pattern base] for uncoloured patterns
        return not isinstance(space, pikepdf.Array) or len(space) == 1 or _allowed_space(space[1])
    return False
