"""Reading PDFs back with independent readers (pikepdf's qpdf parser, pypdfium2, Ghostscript,
poppler), for the PDF/X, sheet-edge and resource tests. Nothing here uses the generator's own
view of a file."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import pikepdf
import pytest

from tests.conftest import ROOT, run

PROCESS_SPACES = {"/DeviceCMYK", "/DeviceGray"}


@cache
def _draft_build(base: str) -> Path:
    out = Path(base) / "drafts"
    assert (
        run("build", "--sources", str(ROOT / "sources"), "--layouts", str(ROOT / "layouts"), "--out", str(out), "--region", "twente") == 0
    )
    return out


def draft_build(factory: pytest.TempPathFactory) -> Path:
    """The draft region, every product in both modes, built once per session (with CONCEPT)."""
    return _draft_build(str(factory.getbasetemp()))


def space_allowed(space: Any) -> bool:
    """ISO 15930-1 colour spaces: CMYK and grey, and spot, DeviceN or indexed colours built on them."""
    family = str(space[0]) if isinstance(space, pikepdf.Array) else str(space)
    if family in PROCESS_SPACES:
        return True
    if family in ("/Separation", "/DeviceN"):
        return space_allowed(space[2])
    if family == "/Indexed":
        return space_allowed(space[1])
    if family == "/Pattern":
        return not isinstance(space, pikepdf.Array) or len(space) == 1 or space_allowed(space[1])
    return False


def content_streams(doc: pikepdf.Pdf) -> Iterator[tuple[str, Any, Any]]:
    """(where, content holder, its own /Resources) for every page and every form XObject reached
    from a page, however deep."""
    seen: set[tuple[int, int]] = set()

    def forms(resources: Any, where: str) -> Iterator[tuple[str, Any, Any]]:
        if not isinstance(resources, pikepdf.Dictionary) or "/XObject" not in resources:
            return
        for name, xobj in resources.XObject.items():
            if xobj.get("/Subtype") != pikepdf.Name.Form or xobj.objgen in seen:
                continue
            seen.add(xobj.objgen)
            own = xobj.get("/Resources")
            yield f"{where} form {name}", xobj, own
            yield from forms(own, f"{where} form {name}")

    for number, page in enumerate(doc.pages, 1):
        resources = page.obj.get("/Resources")
        yield f"page {number}", page, resources
        yield from forms(resources, f"page {number}")


# Operators that name a resource, and the resource category the name must be in.
_NAMED = {"gs": "/ExtGState", "Tf": "/Font", "Do": "/XObject", "sh": "/Shading", "cs": "/ColorSpace", "CS": "/ColorSpace"}


def missing_resources(doc: pikepdf.Pdf) -> list[str]:
    """Names a content stream uses that its own resources do not hold."""
    problems = []
    for where, holder, resources in content_streams(doc):
        for instruction in pikepdf.parse_content_stream(holder):
            if isinstance(instruction, pikepdf.ContentStreamInlineImage):
                continue
            op = str(instruction.operator)
            if op not in _NAMED or not instruction.operands:
                continue
            name = instruction.operands[0]
            if op in ("cs", "CS") and str(name) in (*PROCESS_SPACES, "/DeviceRGB", "/Pattern"):
                continue
            category = _NAMED[op]
            has = isinstance(resources, pikepdf.Dictionary) and category in resources and name in resources[category]
            if not has:
                problems.append(f"{where}: '{name} {op}' but no {category[1:]} {name} in its resources")
    return problems


def colour_problems(doc: pikepdf.Pdf) -> list[str]:
    """RGB, ICC-based, Lab or other non-CMYK colour anywhere: in content streams (operators and
    inline images), colour space resources, images and shadings."""
    problems = []
    for where, holder, resources in content_streams(doc):
        spaces: Any = resources.get("/ColorSpace", {}) if isinstance(resources, pikepdf.Dictionary) else {}
        for instruction in pikepdf.parse_content_stream(holder):
            if isinstance(instruction, pikepdf.ContentStreamInlineImage):
                space = instruction.iimage.obj.get("/CS", instruction.iimage.obj.get("/ColorSpace"))
                if space is not None and str(space) not in ("/CMYK", "/G", *PROCESS_SPACES):
                    problems.append(f"{where}: inline image in {space}")
                continue
            op = str(instruction.operator)
            if op in ("rg", "RG"):
                problems.append(f"{where}: RGB colour operator {op}")
            elif op in ("cs", "CS"):
                name = instruction.operands[0]
                space = spaces.get(name, name) if str(name) not in (*PROCESS_SPACES, "/DeviceRGB", "/Pattern") else name
                if not space_allowed(space):
                    problems.append(f"{where}: colour space {name} {op}")
        for name, space in dict(spaces).items():
            if not space_allowed(space):
                problems.append(f"{where}: colour space resource {name}")
    for where, obj in all_dictionaries(doc):
        is_image = obj.get("/Subtype") == pikepdf.Name.Image and not obj.get("/ImageMask", False)
        if is_image and not space_allowed(obj.get("/ColorSpace", pikepdf.Name.DeviceRGB)):
            problems.append(f"{where}: image in {obj.get('/ColorSpace')}")
        if "/ShadingType" in obj and not space_allowed(obj.ColorSpace):
            problems.append(f"{where}: shading in {obj.ColorSpace}")
    return problems


def all_dictionaries(doc: pikepdf.Pdf) -> Iterator[tuple[str, pikepdf.Dictionary]]:
    """(where, dictionary) for every dictionary in the file, stream dictionaries and direct
    dictionaries nested in other objects included (ReportLab writes graphics states inline)."""

    def walk(obj: Any, where: str) -> Iterator[tuple[str, pikepdf.Dictionary]]:
        if isinstance(obj, pikepdf.Stream):
            obj = obj.stream_dict
        if isinstance(obj, pikepdf.Dictionary):
            yield where, obj
            items = [(f"{where} {key}", value) for key, value in obj.items()]
        elif isinstance(obj, pikepdf.Array):
            items = [(f"{where}[{i}]", value) for i, value in enumerate(obj)]
        else:
            return
        for inner, value in items:  # indirect ones are reached from doc.objects
            if isinstance(value, pikepdf.Dictionary | pikepdf.Array) and not value.is_indirect:
                yield from walk(value, inner)

    for obj in doc.objects:
        yield from walk(obj, f"object {obj.objgen[0]}")


def transparency_problems(doc: pikepdf.Pdf) -> list[str]:
    """Every way PDF 1.4 transparency can appear in a file."""
    problems = []
    for where, obj in all_dictionaries(doc):
        if "/SMask" in obj and obj.SMask != pikepdf.Name("/None"):
            problems.append(f"{where}: soft mask")
        for key in ("/CA", "/ca"):  # opacity is a number; a form field's /MK /CA is its caption text
            if isinstance(obj.get(key), int | Decimal) and obj[key] != 1:
                problems.append(f"{where}: {key} {obj[key]}")
        if "/BM" in obj and obj.BM not in (pikepdf.Name.Normal, pikepdf.Name.Compatible):
            problems.append(f"{where}: blend mode {obj.BM}")
        group = obj.get("/Group")
        if isinstance(group, pikepdf.Dictionary) and group.get("/S") == pikepdf.Name.Transparency:
            problems.append(f"{where}: transparency group")
    return problems


def external_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (make test installs it with scripts/ensure-pdf-tools.sh where it may)")
    return path


def ghostscript_messages(paths: list[Path]) -> dict[str, str]:
    """What Ghostscript says while rendering each file (nothing when the file is sound). One
    process for all files; file by file only to name the culprits."""
    gs = external_tool("gs")

    def render(files: list[Path]) -> str:
        command = [gs, "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=nullpage", *map(str, files)]
        done = subprocess.run(command, capture_output=True, text=True, timeout=300)
        said = (done.stdout + done.stderr).strip()
        return f"exit {done.returncode}: {said[:500]}" if done.returncode or said else ""

    if not render(paths):
        return {}
    return {path.name: said for path in paths if (said := render([path]))}


def poppler_messages(paths: list[Path], tmp: Path) -> dict[str, str]:
    """What poppler's pdftoppm says while rendering each file at low resolution."""
    pdftoppm = external_tool("pdftoppm")
    out = {}
    for path in paths:
        done = subprocess.run([pdftoppm, "-r", "20", "-png", str(path), str(tmp / path.stem)], capture_output=True, text=True, timeout=120)
        said = (done.stdout + done.stderr).strip()
        if done.returncode or said:
            out[path.name] = f"exit {done.returncode}: {said[:500]}"
    return out
