"""``drukwerk translations status | mark-translated | export | import``: what the command line
calls; prints, and returns the exit status."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from generator.blocktext.templating import Templates
from generator.compose.editions import final_editions, unreviewed
from generator.inputs.layouts import load_layouts
from generator.inputs.provenance import STATES, Key, Record
from generator.inputs.sources import Sources, load_sources
from generator.problems import ProblemsFound, UsageError
from generator.translations.placement import Placements
from generator.translations.records import mark_translated, needs_marking, own_translation, record
from generator.translations.saving import save_texts
from generator.translations.xliff import export_xliff, keys_by_unit, read_xliff, unit_problem
from generator.warm import WarmState

__all__ = ["export_command", "import_command", "mark_command", "status_command"]


def _sources(root: Path, today: date) -> Sources:
    sources = load_sources(root, today)
    problems = [p for p in sources.problems if p.origin.file.endswith(".provenance.yaml")]
    if problems:  # a broken sidecar: nothing can be said of the states
        raise ProblemsFound(problems)
    return sources


def _langs(sources: Sources, langs: list[str]) -> list[str]:
    for lang in langs:
        if lang not in sources.translations:
            known = ", ".join(sorted(sources.translations))
            raise UsageError(f"no translation '{lang}' (nl is the Dutch they translate); available: {known}")
    return langs or sorted(sources.translations)


def status_command(root: Path, langs: list[str], show_keys: bool, out: Path, today: date) -> int:
    """The table per language; with ``show_keys`` every key that is not reviewed, stale first."""
    sources = _sources(root, today)
    placements = Placements({}, out)
    rows = [("lang", "keys", *STATES, "final editions", "tightest panel (last build)")]
    chosen = _langs(sources, langs)
    for lang in chosen:
        translations = sources.translations[lang]
        counts = translations.counts()
        final = final_editions(sources, lang)
        rows.append(
            (lang, str(len(translations.keys)), *(str(counts[s]) for s in STATES), ", ".join(final) or "none", placements.fullest(lang))
        )
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
    if show_keys:
        for lang in chosen:
            translations = sources.translations[lang]
            waiting = unreviewed(translations.keys)
            print(f"\n{lang}: {len(waiting)} key(s) not reviewed ({translations.sidecar})")
            for key in waiting:
                why = " (no record of the Dutch it translates)" if key.state == "stale" and key.record is None else ""
                edited = " (edited since recorded)" if key.state != "stale" and key.edited else ""
                print(f"  {key.state:<10} sources/{key.where}{why}{edited}")
            for file, name in translations.orphans:
                print(f"  {'gone':<10} sources/{file}: {name} (recorded, no longer in the Dutch; mark-translated drops it)")
    return 0


def mark_command(root: Path, langs: list[str], only: list[str], today: date, everything: bool = False) -> int:
    """Record the current Dutch for keys whose translation was (re)written by hand, or ``only``
    these keys, or ``everything``; say which stale keys were left stale."""
    sources = _sources(root, today)
    for lang in _langs(sources, langs):
        translations = sources.translations[lang]
        if only:
            unknown = [k for k in only if not any(k in (key.key, key.where) for key in translations.keys)]
            if unknown:
                raise UsageError(f"{lang}: no key {', '.join(unknown)}; see drukwerk translations status --lang {lang} --keys")
        marked = mark_translated(sources, translations, only, everything)
        print(f"{lang}: {len(marked)} key(s) marked translated against the current Dutch in {translations.sidecar}")
        done = {(k.file, k.key) for k in marked}
        for key in translations.keys:
            if key.state == "stale" and key.text and (key.file, key.key) not in done:
                print(
                    f"  still stale: sources/{key.where} (its text is as it was when the Dutch changed; "
                    f"translate it again, or, if it still says what the Dutch says, name it: --key {key.key})"
                )
    return 0


def export_command(root: Path, layouts: Path, out: Path, lang: str, only: str, today: date) -> int:
    sources = _sources(root, today)
    _langs(sources, [lang])
    resolved, _ = load_layouts(layouts, Templates())
    sys.stdout.buffer.write(export_xliff(sources.translations[lang], Placements(resolved, out), only))
    sys.stdout.flush()
    return 0


def import_command(root: Path, layouts: Path, file: Path, reviewed_by: str, today: date, warm: WarmState, translated_by: str = "") -> int:
    """Read a translator's XLIFF back: refuse what no longer matches, check the result as
    ``validate`` does, then write the texts (comments kept) and their records. A unit is never
    recorded as reviewed by its own translator: a text the import changes is the reviewer's own
    (or ``translated_by``'s), and one recorded as theirs stays so."""
    sources = _sources(root, today)
    try:
        lang, units = read_xliff(file.read_bytes())
    except OSError as exc:
        raise UsageError(f"{file}: {exc.strerror}") from None
    except ValueError as exc:
        print(f"{file}: {exc}", file=sys.stderr)
        return 1
    if lang not in sources.translations:
        print(f"{file}: target-language '{lang}' is not a translation in {root / 'content'}", file=sys.stderr)
        return 1
    translations = sources.translations[lang]
    keys = keys_by_unit(translations)
    problems: list[str] = []
    changes: list[tuple[Key, str]] = []
    records: dict[tuple[str, str], Record] = {}
    own: list[str] = []  # units the reviewer translated: recorded, not as reviewed
    for unit in units:
        key = keys.get((unit.file, unit.key))
        if message := unit_problem(unit, key):
            problems.append(f"{file}:{unit.line}: {message}")
            continue
        assert key is not None
        if not unit.target:
            continue
        after = Key(key.file, key.key, key.nl, unit.target, key.record, key.origin, key.contact)
        changed = unit.target != key.text
        if changed:
            changes.append((key, unit.target))
        writer = (translated_by or reviewed_by) if changed else ""
        if reviewed_by and unit.done and (writer == reviewed_by or own_translation(key, reviewed_by)):
            own.append(key.where)
            records[(key.file, key.key)] = record(after, translated_by=writer)
        elif reviewed_by and unit.done:
            records[(key.file, key.key)] = record(after, reviewed_by, today, translated_by=writer)
        elif changed or needs_marking(key):
            records[(key.file, key.key)] = record(after, translated_by=writer)
    if problems:
        for line in problems:
            print(line, file=sys.stderr)
        print(f"{len(problems)} unit(s) refused; nothing was written", file=sys.stderr)
        return 1
    found = save_texts(sources, root, layouts, lang, changes, records, today, warm)
    if found:
        for problem in found:
            print(problem, file=sys.stderr)
        print(f"{len(found)} problem(s) with the imported texts; nothing was written", file=sys.stderr)
        return 1
    reviewed = sum(1 for r in records.values() if r.reviewed_by)
    print(f"{lang}: {len(changes)} text(s) changed, {reviewed} reviewed by {reviewed_by or '-'} on {today}, {len(units)} unit(s) read")
    if own:
        print(f"  not marked reviewed: {len(own)} unit(s) that {reviewed_by} translated (changed in this file, or recorded as theirs);")
        print("  another person reviews them:")
        for where in own:
            print(f"    sources/{where}")
    return 0
