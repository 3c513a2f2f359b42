"""Reading the written PDFs the way a print shop or a reader would."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path

import pdfplumber
from pypdf import PdfReader

MM = 72 / 25.4


@cache
def text_of(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def flat(text: str) -> str:
    """Text with line breaks and hyphenation undone, spaces collapsed."""
    return " ".join(text.replace("-\n", "").split())


@cache
def chars_of(path: Path) -> list[list[dict]]:
    with pdfplumber.open(path) as pdf:
        return [[{k: c[k] for k in ("text", "x0", "x1", "top", "bottom", "size", "fontname")} for c in page.chars] for page in pdf.pages]


@cache
def lines_of(path: Path) -> list[list[dict]]:
    with pdfplumber.open(path) as pdf:
        return [[{k: ln[k] for k in ("x0", "x1", "top", "bottom")} for ln in page.lines] for page in pdf.pages]


def box_mm(box: Iterable[float]) -> tuple[float, ...]:
    return tuple(round(float(v) / MM, 1) for v in box)
