"""Font subset names: no name stands for two different subsets anywhere in output/ (a print shop
ganging files on one sheet, or a RIP caching fonts by name, must never take one for another)."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from pypdf import PdfReader


def _subsets(pdf: Path) -> dict[str, str]:
    """Subset name -> digest of its font program, for every font of every page."""
    out: dict[str, str] = {}
    reader = PdfReader(pdf)
    for page in reader.pages:
        resources: Any = page.get("/Resources")
        fonts: Any = resources.get_object().get("/Font", {}) if resources else {}
        for ref in fonts.values():
            font = ref.get_object()
            name = str(font.get("/BaseFont", ""))
            if "+" in name:
                program = font["/FontDescriptor"].get_object()["/FontFile2"].get_object().get_data()
                out[name] = hashlib.sha256(program).hexdigest()
    return out


def test_no_subset_name_stands_for_two_subsets(built: Path, built_draft: Path) -> None:
    seen: dict[str, tuple[str, Path]] = {}
    pdfs = sorted([*built.glob("*/*.pdf"), *built_draft.glob("*/*.pdf")])
    assert len(pdfs) >= 14
    names = 0
    for pdf in pdfs:
        for name, digest in _subsets(pdf).items():
            names += 1
            first = seen.setdefault(name, (digest, pdf))
            assert first[0] == digest, f"{name} is one subset in {first[1].name} and another in {pdf.name}"
    assert names > len(pdfs)  # every file has subsets, and they were all compared
    assert not any(name.startswith("/AAAAAA+") for name in seen)
