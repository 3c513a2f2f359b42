"""Building the web edition inside ``drukwerk build``: ``OUT/<region>/web/<lang>/index.html`` for
every region and language the build made PDFs for, each folder self-contained (the page, its
style sheet and pictures, the region's logo), written atomically and only when its inputs
changed. The manifest lists the pages under ``"web"`` (the PDF rows under ``"files"`` are
untouched).

A page's inputs: the region file, the language's content, national.yaml, settings.yaml (the
quick exit), every file of ``layouts/web/``, the logo, the generator's code, and the editions
its language menu links to. A published page links only to published editions: a language
pack not yet reviewed is never offered from a page that may go online.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections import defaultdict
from pathlib import Path
from typing import Any

from generator import __version__
from generator.build import stamp
from generator.build.changes import InputDigests, file_matches, translation_inputs
from generator.build.output import write_atomic
from generator.build.project import Report
from generator.build.withdraw import withdrawal_reason
from generator.compose.context import language_context
from generator.compose.editions import is_draft
from generator.inputs.sources import Sources
from generator.problems import Problem
from generator.vocabulary import LANGUAGES
from generator.web.layout import FOLDER, WebLayout
from generator.web.page import Edition, Logo, page_names, render_page

__all__ = ["WebBuild", "check_pages", "web_path", "withdraw_web"]


def web_path(region: str, lang: str) -> str:
    """The page of a region in a language, relative to the output folder (contract)."""
    return f"{region}/{FOLDER}/{lang}/index.html"


def _order(code: str) -> tuple[int, str]:
    order = list(LANGUAGES)
    return (order.index(code) if code in order else len(order), code)


class WebBuild:
    """The web pages of one build."""

    def __init__(self, sources: Sources, layout: WebLayout, out: Path, digests: InputDigests, force: bool) -> None:
        self.sources = sources
        self.layout = layout
        self.out = out
        self.digests = digests
        self.force = force
        self._languages: dict[str, dict[str, Any]] = {}
        self._assets: dict[Path, bytes] = {}  # style sheet and pictures, read once per build

    def run(self, pairs: list[tuple[str, str]], rows: dict[str, dict[str, Any]], report: Report) -> bool:
        """Make or keep the page of every (region, language) in ``pairs``; ``rows`` (the
        manifest's web rows by path) is updated. True when a file or row changed."""
        recorded = stamp.recorded_files(self.out)
        langs_by_region: dict[str, set[str]] = defaultdict(set)
        for region, lang in pairs:
            langs_by_region[region].add(lang)
        for row in rows.values():  # editions built earlier stay in the language menu while their page exists
            region, lang = str(row.get("region")), str(row.get("lang"))
            if region in langs_by_region and lang in self.sources.contents and (self.out / str(row["path"])).is_file():
                langs_by_region[region].add(lang)
        for lang in sorted({lang for _, lang in pairs} - set(self.layout.words), key=_order):
            report.notices.append(
                f"{lang}: no words for the web page in {self.layout.root / 'words.yaml'}; its pages use the English ones, "
                "marked as English; add a block for it"
            )
        changed = False
        for region, lang in sorted(pairs):
            editions = [self._edition(region, code) for code in sorted(langs_by_region[region], key=_order)]
            changed |= self._page(region, lang, editions, rows, recorded, report)
        return changed

    def _edition(self, region: str, code: str) -> Edition:
        entry = self.sources.regions[region]
        assert entry.loaded is not None
        content = self.sources.contents[code].model
        return Edition(code, content.language, is_draft(self.sources, entry, code), content.labels.draft)

    def _logo(self, region: str) -> Logo | None:
        """The region's ``logo:`` (a file in sources/logos/), when region files have that key."""
        entry = self.sources.regions[region]
        assert entry.loaded is not None
        model = entry.loaded.model
        name = getattr(model, "logo", None)
        if not isinstance(name, str) or not name:
            return None
        path = self.sources.root / "logos" / name
        return Logo(path, model.organisation or model.name) if path.is_file() else None

    def _digest(self, region: str, lang: str, linked: list[Edition], logo: Logo | None) -> str:
        sources = self.sources
        files = [
            sources.regions[region].path,
            sources.contents[lang].path,
            sources.root / "national.yaml",
            sources.root / "settings.yaml",
            *self.layout.files,
            *([logo.path] if logo else []),
            *translation_inputs(sources.root, lang),
        ]
        h = hashlib.sha256(f"{__version__}\n{stamp.code_digest()}\nweb {region} {lang}\n".encode())
        for path in files:
            h.update(f"{path.name}:{self.digests.file(path)}\n".encode())
        h.update(json.dumps([[e.code, e.name, e.draft, e.draft_label] for e in linked]).encode())
        return h.hexdigest()

    def _page(
        self,
        region: str,
        lang: str,
        editions: list[Edition],
        rows: dict[str, dict[str, Any]],
        recorded: set[tuple[str, int, int]],
        report: Report,
    ) -> bool:
        path = web_path(region, lang)
        folder = path.rsplit("/", 1)[0]
        this = next(e for e in editions if e.code == lang)
        # A published page offers only published editions; a draft page offers every edition.
        linked = editions if this.draft else [e for e in editions if not e.draft]
        logo = self._logo(region)
        digest = self._digest(region, lang, linked, logo)
        old = rows.get(path)
        if (
            not self.force
            and old
            and old.get("inputs_sha256") == digest
            and all(
                stamp.unchanged_since_recorded(self.out, rel, recorded) or file_matches(self.out / rel, sha)
                for rel, sha in dict(old.get("files") or {}).items()
            )
        ):
            report.web_unchanged.append(path)
            report.web_files.extend(old["files"])
            return False
        shared = self._languages.get(lang)
        if shared is None:
            shared = self._languages[lang] = language_context(self.sources, lang)
        names = page_names(self.sources, self.sources.regions[region], lang, shared, self.layout, linked, logo)
        html = render_page(self.layout, names)
        if isinstance(html, Problem):
            report.fail(region, [path], [] if html in report.failed else [html])  # one line for a template error, not one per page
            return False
        contents: dict[str, bytes] = {path: html.encode("utf-8")}
        for asset in self.layout.assets:
            data = self._assets.get(asset)
            if data is None:
                data = self._assets[asset] = asset.read_bytes()
            contents[f"{folder}/{asset.name}"] = data
        if logo:
            contents[f"{folder}/{logo.name}"] = logo.path.read_bytes()
        files = {rel: hashlib.sha256(data).hexdigest() for rel, data in contents.items()}
        for rel, data in contents.items():
            if not file_matches(self.out / rel, files[rel]):
                write_atomic(self.out / rel, data)
        for rel in set(old.get("files") or {}) - set(files) if old else ():  # e.g. a logo no longer named
            (self.out / rel).unlink(missing_ok=True)
        rows[path] = {
            "path": path,
            "region": region,
            "lang": lang,
            "draft": this.draft,
            "languages": [e.code for e in linked],
            "sha256": files[path],
            "inputs_sha256": digest,
            "files": files,
        }
        report.web_built.append(path)
        report.web_files.extend(files)
        return True


def check_pages(sources: Sources, layout: WebLayout, regions: list[str]) -> list[Problem]:
    """``drukwerk validate``: render every region's page in every language, write nothing."""
    problems: list[Problem] = []
    shared = {lang: language_context(sources, lang) for lang in sources.contents}
    for region in regions:
        entry = sources.regions[region]
        assert entry.loaded is not None
        for lang, content in sources.contents.items():
            draft = is_draft(sources, entry, lang)
            edition = Edition(lang, content.model.language, draft, content.model.labels.draft)
            html = render_page(layout, page_names(sources, entry, lang, shared[lang], layout, [edition], None))
            if isinstance(html, Problem) and html not in problems:
                problems.append(html)
    return problems


def withdraw_web(rows: dict[str, dict[str, Any]], sources: Sources, out: Path) -> tuple[list[str], set[str]]:
    """Remove the published web pages of regions that are drafts now or gone, as the PDFs are
    withdrawn (``build/withdraw.py``); a draft's own pages marked as drafts stay."""
    stale: dict[tuple[str, str], list[str]] = defaultdict(list)
    for path, row in rows.items():
        if reason := withdrawal_reason(row, sources):
            stale[(str(row.get("region", "")), reason)].append(path)
    notices = []
    for (region, reason), paths in sorted(stale.items()):
        for path in paths:
            for rel in rows[path].get("files") or [path]:
                (out / rel).unlink(missing_ok=True)
            del rows[path]
            folder = (out / path).parent
            if folder.is_dir() and not any(folder.iterdir()):
                shutil.rmtree(folder, ignore_errors=True)
        web = out / region / FOLDER
        if web.is_dir() and not any(web.iterdir()):
            web.rmdir()
        notices.append(f"{region}: {reason}, so its {len(paths)} web page(s) were withdrawn from {out} with their manifest rows")
    return notices, {region for region, _ in stale}
