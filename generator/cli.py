"""Command line: ``drukwerk init | build | validate | regions | layouts | preview | watch | bench | translations | serve |
users`` (the README).

Exit status: 0 all done; 1 a content, layout or fit problem (one line each, nothing broken is
written); 2 wrong usage.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator import __version__
from generator.problems import UsageError
from generator.warm import WarmState

if TYPE_CHECKING:
    from generator.batch.request import Request
    from generator.inputs.layouts import ResolvedLayout
    from generator.proofing.preview import Guides


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2026-11-23") from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="drukwerk",
        description="Print-ready materials against human trafficking, per region. The commands look for sources/ and layouts/ "
        "in the current folder (or take --sources DIR and --layouts DIR) and write into output/; "
        "drukwerk init makes such a folder with the sample regions.",
    )
    parser.add_argument("--version", action="version", version=f"mensenhandel-drukwerk {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    def common(p: argparse.ArgumentParser, layouts: bool = True) -> None:
        here = "in the current folder; drukwerk init makes one"
        p.add_argument("--sources", type=Path, default=Path("sources"), metavar="DIR", help=f"content, regions (default: sources {here})")
        if layouts:
            p.add_argument("--layouts", type=Path, default=Path("layouts"), metavar="DIR", help=f"layouts, theme (default: layouts {here})")
        p.add_argument(
            "--today",
            type=_date,
            default=None,
            metavar="YYYY-MM-DD",
            help="the date contacts' verification age is measured against (default: today, or $DRUKWERK_TODAY)",
        )

    init = sub.add_parser("init", help="make a working folder: the sample sources/ and layouts/, output/ and a README.txt")
    init.add_argument("folder", nargs="?", type=Path, default=Path("."), metavar="DIR", help="where (default: the current folder)")
    init.add_argument("--force", action="store_true", help="write the sample files over the ones there")
    build = sub.add_parser("build", help="build PDFs and output/manifest.json")
    common(build)
    build.add_argument("--out", type=Path, default=Path("output"), metavar="DIR", help="output folder (default: output)")
    build.add_argument("--region", action="append", default=[], metavar="ID", help="only this region (repeatable); drafts only when named")
    build.add_argument(
        "--product", action="append", default=[], metavar="P", help="leaflet, pocket-card, checklist or contact-card (repeatable)"
    )
    build.add_argument("--lang", action="append", default=[], metavar="L", help="language code, e.g. nl (repeatable)")
    build.add_argument("--mode", choices=["press", "office", "all"], default="all", help="press, office or all (default)")
    build.add_argument("--jobs", type=int, default=0, metavar="N", help="parallel processes (default: number of cores)")
    build.add_argument("--force", action="store_true", help="rebuild even files whose inputs did not change")
    build.add_argument(
        "--log",
        action="store_true",
        help="write <pdf>.layout.txt beside each PDF: which layout rule placed each block, how full each panel is",
    )
    build.add_argument(
        "--no-proof",
        dest="proof",
        action="store_false",
        help="skip the thumbnails and the proof page OUT/index.html (faster batch runs)",
    )
    build.add_argument(
        "--no-web",
        dest="web",
        action="store_false",
        help="skip the web edition OUT/<region>/web/ (PDFs only; pages of withdrawn regions are still taken down)",
    )

    validate = sub.add_parser("validate", help="check every source and layout, write nothing")
    common(validate)
    regions = sub.add_parser("regions", help="list regions with their status")
    common(regions, layouts=False)
    sub.add_parser("layouts", help="print the layout reference for designers")
    bench = sub.add_parser("bench", help="measure a national batch against the plain-canvas floor")
    common(bench)
    bench.add_argument("--regions", type=int, default=40, metavar="N", help="synthetic regions (default: 40)")
    bench.add_argument("--jobs", type=int, default=0, metavar="N", help="processes (default: number of cores)")
    bench.add_argument(
        "--editor", action="store_true", help="measure the editor instead: previews, approve to PDFs, --regions coordinators at once"
    )
    watch = sub.add_parser(
        "watch", help="rebuild (and refresh the previews of the regions named) whenever a source or layout file is saved"
    )
    common(watch)
    watch.add_argument("--out", type=Path, default=Path("output"), metavar="DIR", help="output folder (default: output)")
    watch.add_argument("--region", action="append", default=[], metavar="ID", help="only this region, with PNG previews (repeatable)")
    watch.add_argument("--product", action="append", default=[], metavar="P", help="only this product (repeatable)")
    watch.add_argument("--lang", action="append", default=[], metavar="L", help="language code, e.g. nl (repeatable)")
    watch.add_argument("--mode", choices=["press", "office", "all"], default="all", help="press, office or all (default)")
    watch.add_argument("--dpi", type=int, default=100, metavar="N", help="preview resolution (default: 100)")
    _translations_parser(sub, common)
    preview = sub.add_parser("preview", help="PNG pages of built PDFs, in OUT/<region>/preview/")
    preview.add_argument("--out", type=Path, default=Path("output"), metavar="DIR", help="output folder (default: output)")
    preview.add_argument("--region", action="append", default=[], metavar="ID", help="only this region (repeatable)")
    preview.add_argument("--product", action="append", default=[], metavar="P", help="only this product (repeatable)")
    preview.add_argument("--lang", action="append", default=[], metavar="L", help="only this language (repeatable)")
    preview.add_argument("--dpi", type=int, default=100, metavar="N", help="resolution (default: 100)")
    preview.add_argument("--guides", action="store_true", help="draw trim, bleed, safe areas and folds over the pages")
    preview.add_argument("--layouts", type=Path, default=Path("layouts"), metavar="DIR", help="layouts, for --guides (default: layouts)")
    _editor_commands(sub, common)
    return parser


def _translations_parser(sub: Any, common: Callable[..., None]) -> None:
    translations = sub.add_parser("translations", help="the state of every translated string; XLIFF for translators")
    tsub = translations.add_subparsers(dest="action", required=True)
    status = tsub.add_parser("status", help="a table per language: missing, translated, reviewed, stale; final editions")
    common(status, layouts=False)
    status.add_argument("--lang", action="append", default=[], metavar="L", help="only this language (repeatable)")
    status.add_argument("--keys", action="store_true", help="also list every key that is not reviewed, stale first")
    status.add_argument("--out", type=Path, default=Path("output"), metavar="DIR", help="the last build, for panel fill (default: output)")
    mark = tsub.add_parser("mark-translated", help="record the current Dutch for translations written or changed by hand")
    common(mark, layouts=False)
    mark.add_argument("--lang", action="append", default=[], metavar="L", help="only this language (repeatable; default: all)")
    mark.add_argument("--key", action="append", default=[], metavar="KEY", help="only this key, e.g. definition.title (repeatable)")
    mark.add_argument("--all", action="store_true", help="every key with a text, stale ones too (said to translate the current Dutch)")
    export = tsub.add_parser("export", help="write XLIFF 1.2 for a CAT tool to standard output")
    common(export)
    export.add_argument("--lang", required=True, metavar="L")
    export.add_argument("--only", choices=["all", "stale", "missing", "unreviewed"], default="all")
    export.add_argument("--out", type=Path, default=Path("output"), metavar="DIR", help="the last build, for panel fill (default: output)")
    imp = tsub.add_parser("import", help="read a translated XLIFF file back into the sources")
    common(imp)
    imp.add_argument("file", type=Path, metavar="FILE")
    imp.add_argument("--reviewed-by", default="", metavar="NAME", help="record the units as reviewed by NAME today")
    imp.add_argument("--translated-by", default="", metavar="NAME", help="record NAME as the translator of the texts this file changes")


def _translations(args: argparse.Namespace) -> int:
    from generator.translations import commands

    today = _today(args)
    if args.action == "status":
        return commands.status_command(args.sources, args.lang, args.keys, args.out, today)
    if args.action == "mark-translated":
        return commands.mark_command(args.sources, args.lang, args.key, today, args.all)
    if args.action == "export":
        return commands.export_command(args.sources, args.layouts, args.out, args.lang, args.only, today)
    return commands.import_command(
        args.sources, args.layouts, args.file, args.reviewed_by.strip(), today, warm_state(), args.translated_by.strip()
    )


def _editor_commands(sub: Any, common: Callable[..., None]) -> None:
    """``serve`` and ``users``: the regional editor (pip install mensenhandel-drukwerk[editor])."""
    data_help = (
        "the editor's own state: accounts, proposals, history (default: .drukwerk-editor beside output/; "
        "run serve and users in the same folder)"
    )
    serve = sub.add_parser("serve", help="the regional editor in a browser (Django, served by waitress)")
    common(serve)
    serve.add_argument("--out", type=Path, default=Path("output"), metavar="DIR", help="output folder (default: output)")
    serve.add_argument("--data", type=Path, default=None, metavar="DIR", help=data_help)
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)")
    serve.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    serve.add_argument("--public-url", default="", metavar="URL", help="the https address people use, behind a reverse proxy")
    users = sub.add_parser("users", help="editor accounts: add, list, disable")
    users_sub = users.add_subparsers(dest="users_command", required=True)
    add = users_sub.add_parser("add", help="add an account")
    add.add_argument("name", help="the name to sign in with")
    add.add_argument("--role", choices=["coordinator", "editor", "translator"], required=True)
    add.add_argument("--region", action="append", default=[], metavar="ID", help="a coordinator's region (repeatable)")
    add.add_argument("--lang", action="append", default=[], metavar="L", help="a translator's language (repeatable)")
    add.add_argument("--password-stdin", action="store_true", help="read the password from the first line of standard input")
    add.add_argument("--full-name", default="", metavar="TEXT", help="the name the history and git commits show (default: NAME)")
    add.add_argument("--email", default="", metavar="ADDRESS", help="for the git commits of this person's changes")
    disable = users_sub.add_parser("disable", help="disable an account (its history stays)")
    disable.add_argument("name")
    listing = users_sub.add_parser("list", help="list the accounts")
    for p in (add, disable, listing):
        p.add_argument("--data", type=Path, default=None, metavar="DIR", help=data_help)
        p.add_argument("--out", type=Path, default=Path("output"), metavar="DIR", help=argparse.SUPPRESS)
        p.add_argument("--sources", type=Path, default=Path("sources"), metavar="DIR", help="sources, for the list of regions")


def command() -> int:
    """The drukwerk command: main(), then a quick exit."""
    status = main()
    # The process ends now: spare Python's last garbage collection a walk over everything still
    # loaded (fonts, styles, models): 0.07 s of a 1.5 s build.
    WarmState.freeze_now()
    return status


_WARM: WarmState | None = None


def warm_state() -> WarmState:
    """The process's one warm state, owned by the command: every build, watch round and
    validation in this process reuses it (DRUKWERK_NO_REUSE=1 turns reuse off)."""
    global _WARM
    if _WARM is None:
        _WARM = WarmState()
    return _WARM


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    from generator.problems import ProblemsFound
    from generator.store.files import FileHeld

    try:
        return _run(args)
    except UsageError as exc:
        print(f"drukwerk: {exc}", file=sys.stderr)
        return 2
    except ProblemsFound as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"{len(exc.problems)} problem(s); nothing was written", file=sys.stderr)
        return 1
    except OSError as exc:  # a folder that cannot be written, a full disk: the system's own words
        hint = "" if isinstance(exc, FileHeld) else "; check the folder and its permissions"
        print(f"drukwerk: {exc.filename or ''}: {exc.strerror or exc}{hint}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("stopped; files already written are complete, the rest were not touched", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug, not bad input: say so in one line; DRUKWERK_DEBUG=1 shows the traceback
        if os.environ.get("DRUKWERK_DEBUG"):
            raise
        print(f"drukwerk: internal error ({type(exc).__name__}: {exc}); please report it, with DRUKWERK_DEBUG=1 output", file=sys.stderr)
        return 1


def _today(args: argparse.Namespace) -> date:
    if args.today:
        return args.today
    env = os.environ.get("DRUKWERK_TODAY")
    return _date(env) if env else date.today()


def _run(args: argparse.Namespace) -> int:
    if args.command == "init":
        from generator.starter import FolderExists, init_folder

        try:
            written = init_folder(args.folder, args.force)
        except FolderExists as exc:
            print(f"drukwerk: {exc}", file=sys.stderr)
            return 1
        print(f"wrote {len(written)} files into {args.folder}; next: read {args.folder / 'README.txt'}, or run drukwerk build there")
        return 0
    if args.command == "layouts":
        from generator.inputs.reference import layout_reference

        sys.stdout.write(layout_reference())
        return 0
    if args.command == "regions":
        return _regions(args)
    if args.command == "translations":
        return _translations(args)
    if args.command == "preview":
        return _preview(args)
    if args.command in ("serve", "users"):
        from generator.editor.commands import run_editor_command  # Django is imported only here

        return run_editor_command(args, _today)
    if args.command == "bench":
        from generator.devtools.bench import run_bench

        if args.regions < 1:
            raise UsageError("--regions must be 1 or more")
        if args.editor:
            from generator.editor.bench import run_editor_bench  # Django only here

            print(run_editor_bench(args.sources, args.layouts, _today(args), args.regions))
            return 0
        print(run_bench(args.sources, args.layouts, args.regions, args.jobs or os.cpu_count() or 1, _today(args), warm_state()))
        return 0
    from generator.batch.request import Request

    if args.command == "validate":
        return _validate(Request(sources=args.sources, layouts=args.layouts, today=_today(args)))

    request = Request(
        sources=args.sources,
        layouts=args.layouts,
        out=args.out,
        regions=tuple(args.region),
        products=tuple(args.product),
        langs=tuple(args.lang),
        mode=args.mode,
        force=getattr(args, "force", False),
        log=getattr(args, "log", False),
        proof=getattr(args, "proof", True),
        web=getattr(args, "web", True),
        today=_today(args),
    )
    if args.command == "watch":
        from generator.batch.watch import watch

        watch(request, warm_state(), args.dpi)
        return 0
    if args.jobs < 0:
        raise UsageError("--jobs must be 0 (all cores) or more")
    from generator.store.stamp import stamp, up_to_date

    if not request.force and up_to_date(request.out, request.key(), stamp(request.sources, request.layouts, request.key())):
        print("up to date: no source, layout or output changed since the last build")
        return 0
    from generator.batch.run import run_build

    started = time.perf_counter()
    report = run_build(request, warm_state(), progress=_progress_printer(), jobs=args.jobs)
    for notice in report.notices:
        print(f"notice: {notice}")
    for problem in report.failed:
        print(problem, file=sys.stderr)
    print(
        f"built {len(report.built)}, up to date {len(report.unchanged)}, failed {len(report.failed_jobs)}, "
        f"drafts skipped {len(report.drafts_skipped)}, web pages built {len(report.web_built)} (up to date {len(report.web_unchanged)}), "
        f"{time.perf_counter() - started:.2f} s"
    )
    return 1 if report.failed else 0


def _validate(request: Request) -> int:
    from generator.batch.validate import validate_all

    project, problems = validate_all(request, warm_state())
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s)", file=sys.stderr)
        return 1
    print(f"ok: {len(project.sources.regions)} regions, {len(project.sources.contents)} language(s), {len(project.layouts)} layouts")
    return 0


def _progress_printer() -> Callable[[int, int, str], None]:
    """A bar that redraws itself on a terminal; plain lines for logs."""
    if not sys.stdout.isatty():
        return lambda done, total, path: print(f"[{done}/{total}] {path}")

    def bar(done: int, total: int, path: str) -> None:
        width = 30
        filled = width * done // max(total, 1)
        end = "\n" if done == total else ""
        print(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {path[-50:]:<50}", end=end, flush=True)

    return bar


def _regions(args: argparse.Namespace) -> int:
    from generator.inputs.sources import load_sources

    sources = load_sources(args.sources, _today(args))
    rows = [("id", "name", "status", "contacts", "oldest verified")]
    for rid, entry in sources.regions.items():
        model = entry.loaded.model if entry.loaded else None
        contacts = model.contacts if model else []
        dates = [c.verified for c in contacts]
        if sources.national and model and contacts:  # a region without contacts of its own has checked nothing yet
            dates += [c.verified for c in sources.national.model.contacts if c.id in model.national]
        oldest = str(min(dates)) if dates else ("none (no contacts)" if model else "-")
        rows.append((rid, model.name if model else "?", entry.status, str(len(contacts)), oldest))
    widths = [max(len(r[i]) for r in rows) for i in range(5)]
    for row in rows:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
    for problem in sources.all_problems():
        print(problem, file=sys.stderr)
    return 1 if sources.all_problems() else 0


def _preview(args: argparse.Namespace) -> int:
    from generator.proofing.preview import render_previews
    from generator.store.manifest import read_manifest

    if not 10 <= args.dpi <= 600:
        raise UsageError("--dpi must be between 10 and 600")
    rows = read_manifest(args.out).files
    if not rows:
        print(f"drukwerk: no manifest in {args.out}; run drukwerk build first", file=sys.stderr)
        return 1
    layouts: dict[str, ResolvedLayout] = {}
    if args.guides:
        from generator.blocktext.templating import Templates
        from generator.inputs.layouts import load_layouts

        layouts, _ = load_layouts(args.layouts, Templates())
    count = 0
    for row in rows.values():
        if (args.region and row["region"] not in args.region) or (args.product and row["product"] not in args.product):
            continue
        if args.lang and row["lang"] not in args.lang:
            continue
        pdf = args.out / row["path"]
        guides = _guides(layouts, row) if args.guides else None
        for png in render_previews(pdf, pdf.parent / "preview", args.dpi, guides):
            print(f"wrote {png}")
            count += 1
    print(f"{count} preview page(s)")
    return 0


def _guides(layouts: dict[str, ResolvedLayout], row: dict[str, Any]) -> list[Guides] | None:
    """Guides for a built file, from the layout it was built with (n-up sheets get none)."""
    from generator.proofing.preview import guides_for

    resolved = layouts.get(row.get("layout", row["product"]))
    if resolved is None or (row["mode"] == "office" and resolved.layout.office.imposition == "n-up"):
        return None
    return [guides_for(resolved.layout, row["mode"], i) for i in range(len(resolved.layout.pages))]
