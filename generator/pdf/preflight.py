"""Checks a print shop would make on the finished PDF bytes, before anything is written.

Text fit, safe area and glyph coverage are checked while typesetting (where the cause is
known); this looks at the file itself: fonts embedded, page count, page boxes.
"""

from __future__ import annotations

import re

from generator.vocabulary import Job

__all__ = ["preflight"]

_TYPE1 = re.compile(rb"/Subtype\s*/Type1\b")


def preflight(job: Job, pdf: bytes, pages: int, expected_pages: int) -> list[str]:
    """Return what is wrong, as sentences; empty when the file may be written."""
    problems = []
    if _TYPE1.search(pdf):
        problems.append("a font is not embedded (a standard Type 1 font is referenced)")
    for body in pdf.split(b"endobj"):  # one piece per object (ten times faster than a regex)
        if b"/Type /FontDescriptor" in body and b"/FontFile2" not in body:
            problems.append("a TrueType font is referenced without embedding it")
            break
    if pages != expected_pages:
        problems.append(f"{pages} pages, expected {expected_pages}")
    if job.mode == "press":
        for box in (b"/TrimBox", b"/BleedBox"):
            if pdf.count(box) != pages:
                problems.append(f"{box.decode()[1:]} missing on {pages - pdf.count(box)} page(s)")
    return problems
