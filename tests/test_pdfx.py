"""Press PDFs are PDF/X-1a:2001 (ISO 15930-1), checked requirement by requirement on the written
files with independent readers (pikepdf/qpdf, pypdf, qpdf --check), not through generator.pdf.pdfx.

The requirements, as a prepress preflight reads them:
  1. a PDF 1.3 file: %PDF-1.3 header, classic cross-reference table, no object streams;
  2. an OutputIntents array in the Catalog with one /GTS_PDFX intent naming a registered print
     condition (OutputConditionIdentifier, RegistryName http://www.color.org, Info);
  3. Info: GTS_PDFXVersion (PDF/X-1:2001), GTS_PDFXConformance (PDF/X-1a:2001), Title,
     CreationDate, ModDate, Trapped True or False (ours: False);
  4. a document /ID in the trailer;
  5. every page a TrimBox (and no ArtBox beside it), BleedBox, TrimBox ⊆ BleedBox ⊆ MediaBox;
  6. every font embedded;
  7. only CMYK and grey colour (no RGB, ICCBased, Lab, CalRGB, nor spot colours built on them),
     in content streams, form XObjects, images and shadings;
  8. no transparency: no soft masks, no CA/ca below 1, no blend modes, no transparency groups;
  9. no annotations or form fields, no JavaScript, no encryption.
"""

from __future__ import annotations

import io
import re
import subprocess
from datetime import date
from pathlib import Path

import pikepdf
import pytest
from PIL import Image
from pypdf import PdfReader
from reportlab.lib.colors import CMYKColor
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from generator.engine import reportlab_compat
from generator.inputs.sources import load_sources
from generator.pdf.pdfx import PdfX, finish, forbidden, prepare
from tests.conftest import ROOT, TODAY, run
from tests.pdf_reading import all_dictionaries, colour_problems, draft_build, external_tool, transparency_problems

REGISTERED = {"FOGRA39", "FOGRA51"}
PDF_DATE = re.compile(r"^D:\d{14}(Z|[+-]\d{2}'\d{2}'?)?$")


def press_pdfs(built: Path, drafts: Path) -> list[Path]:
    files = sorted(built.glob("*/*_press.pdf")) + sorted(drafts.glob("*/*_press.pdf"))
    assert len(files) >= 9  # two complete regions and the draft, three products each
    return files


@pytest.fixture(scope="module")
def drafts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return draft_build(tmp_path_factory)


@pytest.fixture(scope="module")
def press(built: Path, drafts: Path) -> list[Path]:
    return press_pdfs(built, drafts)


def test_pdf_1_3_file_structure(press: list[Path]) -> None:
    for path in press:
        data = path.read_bytes()
        assert data.startswith(b"%PDF-1.3\n"), path.name
        assert b"\nxref\n" in data and b"/ObjStm" not in data and b"/XRef" not in data, path.name  # no 1.5 structures
        with pikepdf.open(path) as doc:
            assert doc.pdf_version == "1.3"


def test_one_pdfx_output_intent_naming_a_registered_condition(press: list[Path]) -> None:
    for path in press:
        with pikepdf.open(path) as doc:
            intents = doc.Root.get("/OutputIntents")
            assert isinstance(intents, pikepdf.Array), path.name
            pdfx = [i for i in intents if i.get("/S") == pikepdf.Name.GTS_PDFX]
            assert len(pdfx) == 1, path.name
            intent = pdfx[0]
            assert intent.get("/Type") == pikepdf.Name.OutputIntent
            assert str(intent.OutputConditionIdentifier) == "FOGRA39"  # the theme's default
            assert str(intent.RegistryName) == "http://www.color.org"
            assert "FOGRA39" in str(intent.Info) and str(intent.get("/OutputCondition", "")).strip()
            # A registered condition needs no embedded profile (PDF/X-1a:2001); none is written.
            assert "/DestOutputProfile" not in intent


def test_document_info_keys(press: list[Path]) -> None:
    for path in press:
        info = PdfReader(path).metadata  # pypdf's reading of the Info dictionary
        assert info is not None, path.name
        assert info["/GTS_PDFXVersion"] == "PDF/X-1:2001"
        assert info["/GTS_PDFXConformance"] == "PDF/X-1a:2001"
        assert str(info["/Title"]).strip()
        for key in ("/CreationDate", "/ModDate"):
            assert PDF_DATE.match(str(info[key])), (path.name, key, info[key])
        assert info["/Trapped"] == "/False"


def test_dates_are_the_newest_contact_check_the_file_prints(built: Path) -> None:
    """Deterministic and meaningful: taken from the inputs, not the clock."""
    sources = load_sources(ROOT / "sources", date.fromisoformat(TODAY))
    assert sources.national is not None
    for rid in ("utrecht", "hart-van-brabant"):
        region = sources.regions[rid].loaded
        assert region is not None
        national = [c for c in sources.national.model.contacts if c.id in region.model.national]
        newest = max(c.verified for c in [*region.model.contacts, *national])
        for path in sorted((built / rid).glob("*_press.pdf")):
            info = PdfReader(path).metadata
            assert info is not None
            assert str(info["/CreationDate"]).startswith(f"D:{newest:%Y%m%d}") and info["/ModDate"] == info["/CreationDate"]


def test_document_id(press: list[Path]) -> None:
    for path in press:
        with pikepdf.open(path) as doc:
            ids = doc.trailer.get("/ID")
            assert isinstance(ids, pikepdf.Array) and len(ids) == 2, path.name
            assert all(len(bytes(part)) == 16 for part in ids)


def test_page_boxes_nest(press: list[Path]) -> None:
    for path in press:
        for page in PdfReader(path).pages:
            assert "/TrimBox" in page and "/BleedBox" in page and "/ArtBox" not in page, path.name
            media, bleed, trim = page.mediabox, page.bleedbox, page.trimbox
            assert media.left <= bleed.left < trim.left < trim.right < bleed.right <= media.right, path.name
            assert media.bottom <= bleed.bottom < trim.bottom < trim.top < bleed.top <= media.top, path.name


def test_every_font_is_embedded(press: list[Path]) -> None:
    for path in press:
        with pikepdf.open(path) as doc:
            fonts = [d for _, d in all_dictionaries(doc) if d.get("/Type") == pikepdf.Name.Font]
            assert fonts, path.name
            for font in fonts:
                if font.get("/Subtype") == pikepdf.Name.Type3:
                    continue  # glyphs drawn by the file itself
                descriptor_of = font.DescendantFonts[0] if font.get("/Subtype") == pikepdf.Name.Type0 else font
                descriptor = descriptor_of.get("/FontDescriptor")
                assert descriptor is not None, f"{path.name}: {font.get('/BaseFont')} is a standard font, not embedded"
                assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), f"{path.name}: {font.get('/BaseFont')}"


def test_only_cmyk_and_grey(press: list[Path]) -> None:
    for path in press:
        with pikepdf.open(path) as doc:
            assert colour_problems(doc) == [], path.name


def test_no_transparency(press: list[Path]) -> None:
    for path in press:
        with pikepdf.open(path) as doc:
            assert transparency_problems(doc) == [], path.name


def test_no_annotations_forms_javascript_or_encryption(press: list[Path]) -> None:
    for path in press:
        with pikepdf.open(path) as doc:
            assert not doc.is_encrypted and "/Encrypt" not in doc.trailer, path.name
            assert "/AcroForm" not in doc.Root and "/OpenAction" not in doc.Root and "/AA" not in doc.Root, path.name
            assert "/JavaScript" not in doc.Root.get("/Names", {}), path.name
            for page in doc.pages:
                assert len(page.obj.get("/Annots", [])) == 0, path.name
                assert "/AA" not in page.obj
            for where, obj in all_dictionaries(doc):
                assert obj.get("/S") != pikepdf.Name.JavaScript and "/JS" not in obj, f"{path.name}: {where}"


def test_drafts_claim_pdfx_with_a_watermark_that_is_not_transparent(drafts: Path) -> None:
    """The choice for drafts: the CONCEPT mark is outlined text (stroked, not filled, no
    transparency), so a draft press file is still a valid PDF/X-1a file that a print shop's
    preflight reads like the final one, and the mark shows on every page."""
    files = sorted(drafts.glob("*/*_press.pdf"))
    assert len(files) == 3
    for path in files:
        with pikepdf.open(path) as doc:
            assert str(doc.docinfo.GTS_PDFXConformance) == "PDF/X-1a:2001"
            for page in doc.pages:
                assert "/ExtGState" not in page.Resources, path.name
        for read in PdfReader(path).pages:
            assert "CONCEPT" in read.extract_text(), path.name


def test_qpdf_finds_no_structural_problems(press: list[Path]) -> None:
    for path in press:
        with pikepdf.open(path) as doc:
            assert doc.check_pdf_syntax() == [], path.name  # qpdf's checker through pikepdf, always present
    qpdf = external_tool("qpdf")
    for path in press:
        done = subprocess.run([qpdf, "--check", str(path)], capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, f"{path.name}: {done.stdout}{done.stderr}"
        assert "No syntax or stream encoding errors" in done.stdout


def test_fogra51_from_the_theme(project: Path) -> None:
    theme = project / "layouts/theme.yaml"
    theme.write_text(theme.read_text(encoding="utf-8").replace("  condition: FOGRA39", "  condition: FOGRA51"), encoding="utf-8")
    out = project / "output"
    layouts, sources = str(project / "layouts"), str(project / "sources")
    assert run("build", "--sources", sources, "--layouts", layouts, "--out", str(out), "--region", "utrecht", "--mode", "press") == 0
    for path in sorted(out.glob("utrecht/*_press.pdf")):
        with pikepdf.open(path) as doc:
            intent = doc.Root.OutputIntents[0]
            assert str(intent.OutputConditionIdentifier) == "FOGRA51"
            assert "PSO Coated v3" in str(intent.Info)


def test_an_unknown_print_condition_is_one_line_naming_file_line_and_choices(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    theme = project / "layouts/theme.yaml"
    lines = theme.read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(lines, 1) if text.strip() == "condition: FOGRA39")
    theme.write_text(theme.read_text(encoding="utf-8").replace("  condition: FOGRA39", "  condition: ISOcoated_v2"), encoding="utf-8")
    out = project / "output"
    assert run("build", "--sources", str(project / "sources"), "--layouts", str(project / "layouts"), "--out", str(out)) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err[0] == (
        f"{theme}:{line}: press.condition: unknown print condition 'ISOcoated_v2'; "
        "use FOGRA39 or FOGRA51 (ask the print shop which one it prints to)"
    )
    assert not list(out.glob("*/*.pdf"))


def _reportlab_pdf(alpha: float, pdfx: PdfX | None = None, title: str = "test") -> tuple[bytes, bool]:
    canvas = Canvas(None, invariant=1)
    prepared = prepare(canvas, pdfx) if pdfx else False
    canvas.setTitle(title)
    canvas.setFillColor(CMYKColor(0, 1, 1, 0))
    canvas.setFillAlpha(alpha)
    canvas.rect(10, 10, 100, 100, stroke=0, fill=1)
    canvas.showPage()
    return bytes(canvas.getpdfdata()), prepared


def _finished(alpha: float, pdfx: PdfX, title: str = "test") -> tuple[bytes, list[str]]:
    pdf, prepared = _reportlab_pdf(alpha, pdfx, title)
    return finish(pdf, pdfx, prepared, title)


def test_the_check_refuses_to_claim_pdfx_for_transparency() -> None:
    """The guard in generator/pdf/pdfx.py: a later drawing change cannot slip past the claim."""
    pdfx = PdfX("FOGRA39", date(2026, 11, 23))
    pdf, prepared = _reportlab_pdf(0.5, pdfx)
    assert prepared
    assert finish(pdf, pdfx, prepared, "test")[1] == ["not PDF/X-1a: a constant opacity /ca below 1 (transparency)"]
    pdf, prepared = _reportlab_pdf(1.0, pdfx)
    done, problems = finish(pdf, pdfx, prepared, "test")
    assert problems == []
    assert done == _finished(1.0, pdfx)[0]  # deterministic
    assert _finished(1.0, pdfx, " ")[1] == ["the PDF has no title; PDF/X needs one"]


def test_the_check_refuses_form_fields(built: Path) -> None:
    """An office checklist (fillable tick boxes, whose /MK /CA is caption text, not an opacity)
    is refused for its form fields and annotations, not crashed on."""
    problems = forbidden((built / "utrecht/utrecht_checklist_nl_office.pdf").read_bytes())
    assert "not PDF/X-1a: the file has form fields" in problems
    assert "not PDF/X-1a: annotations on a page" in problems
    assert not any("opacity" in p for p in problems)


@pytest.mark.parametrize(
    ("draw", "found"),
    [
        (lambda c: c.drawImage(ImageReader(Image.new("RGB", (4, 4), "red")), 0, 0, 20, 20), "a colour space other than CMYK"),
        (lambda c: c.linkURL("https://example.org", (0, 0, 50, 50)), "annotations on a page"),
        (lambda c: c.setTitle("a title that says /DeviceRGB (and /ca 0.5) in words"), None),
    ],
)
def test_the_check_reads_the_dictionaries_not_the_text(draw: object, found: str | None) -> None:
    canvas = Canvas(None, invariant=1)
    canvas.setTitle("test")
    draw(canvas)  # type: ignore[operator]
    canvas.rect(10, 10, 100, 100, stroke=0, fill=1)
    canvas.showPage()
    problems = forbidden(bytes(canvas.getpdfdata()))
    assert (any(found in p for p in problems)) if found else problems == []


def test_the_id_is_made_from_the_content() -> None:
    """ReportLab's invariant ID depends on the title only; ours changes with what is printed."""
    pdfx = PdfX("FOGRA39", None)
    ids = set()
    for alpha in (1.0, 0.99):  # two different files under the same title
        pdf, _ = _finished(alpha, pdfx)
        with pikepdf.open(io.BytesIO(pdf)) as doc:
            ids.add(bytes(doc.trailer.ID[0]))
            assert doc.check_pdf_syntax() == []
    assert len(ids) == 2


def test_on_an_unknown_reportlab_version_pikepdf_adds_the_same_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    pdfx = PdfX("FOGRA51", date(2026, 11, 23))
    ours = _finished(1.0, pdfx)[0]
    monkeypatch.setattr(reportlab_compat, "known_version", lambda version="": False)
    pdf, prepared = _reportlab_pdf(1.0, pdfx)
    assert not prepared
    theirs, problems = finish(pdf, pdfx, prepared, "test")
    assert problems == []
    read = []
    for data in (ours, theirs):
        assert data.startswith(b"%PDF-1.3\n")
        with pikepdf.open(io.BytesIO(data)) as doc:
            intent = doc.Root.OutputIntents[0]
            read.append(({k: str(v) for k, v in intent.items()}, {k: str(v) for k, v in doc.docinfo.items()}))
    assert read[0] == read[1]


def test_the_check_refuses_object_streams_it_cannot_read_into() -> None:
    pdf, _ = _reportlab_pdf(1.0)
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        out = io.BytesIO()
        doc.save(out, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    assert any("object streams" in p for p in forbidden(out.getvalue()))
    assert not any("object streams" in p for p in forbidden(pdf))
