"""New translations into the files they live in, checked first: the texts go into a copy of the
sources, which is checked as ``drukwerk validate`` checks it (pasted characters, fit in every
product and mode); only when nothing is wrong are the files written (atomically, comments kept)
and their provenance records after them. ``drukwerk translations import`` and the editor's
translator page both save through here."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

from generator.inputs.provenance import Key, Record
from generator.inputs.sources import Sources, load_sources
from generator.problems import Problem, named_as
from generator.store.files import mirror, write_atomic
from generator.translations.records import write_records
from generator.translations.text_checks import text_problem
from generator.translations.writer import new_bytes
from generator.warm import WarmState

__all__ = ["save_texts"]


def save_texts(
    sources: Sources,
    root: Path,
    layouts: Path,
    lang: str,
    changes: list[tuple[Key, str]],
    records: dict[tuple[str, str], Record],
    today: date,
    warm: WarmState,
    scratch: Path | None = None,
) -> list[Problem]:
    """Write ``changes`` (key, new text) and ``records`` when the result passes ``validate``; the
    problems otherwise (named as the real files), and then nothing is written. ``scratch``: where
    the copy is checked; a fixed folder keeps the warm caches useful, by default a fresh one."""
    refused = [
        Problem(key.origin, key.key, message.removeprefix(f"{key.where}: "))
        for key, text in changes
        if (message := text_problem(key, text))
    ]
    if refused:
        return refused
    written = new_bytes(root, lang, changes) if changes else {}
    if written:
        if scratch is None:
            with tempfile.TemporaryDirectory(prefix="drukwerk-translations-") as tmp:
                problems = _checked(root, layouts, written, lang, today, warm, Path(tmp) / "sources")
        else:
            problems = _checked(root, layouts, written, lang, today, warm, scratch)
        if problems:
            return problems
    for path, data in written.items():
        if path.read_bytes() != data:
            write_atomic(path, data)
    if records:
        fresh = load_sources(root, today).translations[lang]  # the records describe the texts as now written
        write_records(sources, fresh, records)
    return []


def _checked(root: Path, layouts: Path, written: dict[Path, bytes], lang: str, today: date, warm: WarmState, copy: Path) -> list[Problem]:
    """What ``drukwerk validate`` says of the sources with the new texts (in ``copy``), as far as
    it concerns the files changed or editions in ``lang``."""
    from generator.batch.request import Request
    from generator.batch.validate import validate_all

    mirror(root, copy)
    changed = set()
    for path, data in written.items():
        target = copy / path.relative_to(root)
        target.write_bytes(data)
        changed.add(str(target))
    _, problems = validate_all(Request(sources=copy, layouts=layouts, today=today), warm)
    mine = [p for p in problems if p.origin.file in changed or f" {lang} " in p.message]
    return named_as(mine, str(copy), str(root))
