"""``drukwerk serve`` and ``drukwerk users``: the command line's side of the editor."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

__all__ = ["data_folder", "run_editor_command"]


def data_folder(args: argparse.Namespace) -> Path:
    """``--data``, or ``.drukwerk-editor`` beside the output folder (never inside it: it may be published)."""
    if args.data is not None:
        return Path(args.data)
    out = Path(args.out).resolve()
    return out.parent / ".drukwerk-editor"


def run_editor_command(args: argparse.Namespace, today: Callable[[argparse.Namespace], date]) -> int:
    try:
        import django  # noqa: F401
        import waitress  # noqa: F401
    except ImportError:
        print("drukwerk: the editor is not installed; pip install 'mensenhandel-drukwerk[editor]'", file=sys.stderr)
        return 2
    data = data_folder(args)
    if args.command == "serve":
        from generator.editor.pipeline import Paths
        from generator.editor.server import serve

        if not 1 <= args.port <= 65535:
            print("drukwerk: --port must be between 1 and 65535", file=sys.stderr)
            return 2
        paths = Paths(args.sources, args.layouts, args.out, data)
        return serve(paths, lambda: today(args), args.host, args.port, args.public_url)  # asked each time: a server runs for days
    from generator.editor.accounts import AccountProblem, add_user, disable_user, list_users, read_password

    try:
        if args.users_command == "add":
            regions = sorted(p.stem for p in (Path(args.sources) / "regions").glob("*.yaml"))
            packs = (Path(args.sources) / "content").glob("*.yaml")
            langs = sorted(p.stem for p in packs if p.stem != "nl" and not p.name.endswith(".provenance.yaml"))
            password = read_password(args.password_stdin)
            print(add_user(data, args.name, args.role, args.region, args.lang, password, regions, args.full_name, args.email, langs))
        elif args.users_command == "disable":
            print(disable_user(data, args.name))
        else:
            for row in list_users(data):
                print(row)
    except AccountProblem as exc:
        print(f"drukwerk: {exc}", file=sys.stderr)
        return 1
    return 0
