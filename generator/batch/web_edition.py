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
from collections import defaultdict
from pathlib import Path
from typing import Any

from generator.batch.project import Project, Report
from generator.compose.context import language_context
from generator.compose.editions import is_draft
from generator.inputs.images import ImageProblem
from generator.inputs.sources import Sources
from generator.problems import Notice, Origin, Problem
from generator.store import stamp
from generator.store.digests import InputDigests, file_matches
from generator.store.files import write_atomic
from generator.store.paths import web_path
from generator.store.portable_digest import file_bytes
from generator.vocabulary import LANGUAGES
from generator.web.layout import WebLayout
from generator.web.logo import web_logo
from generator.web.page import Edition, Logo, page_names, render_page

__all__ = ["WebBuild", "check_pages"]


def _order(code: str) -> tuple[int, str]:
    order = list(LANGUAGES)
    return (order.index(code) if code in order else len(order), code)


class WebBuild:
    """The web pages of one build."""

    def __init__(self, project: Project, layout: WebLayout, out: Path, digests: InputDigests, force: bool) -> None:
        self.project = project
        self.sources = project.sources
        self.layout = layout
        self.out = out
        self.digests = digests
        self.force = force
        self._languages: dict[str, dict[str, Any]] = {}
        self._assets: dict[Path, bytes] = {}  # style sheet and pictures, read once per build
        self._logos: dict[Path, tuple[str, bytes]] = {}  # the logos as served, made once per build

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
            words = self.layout.root / "words.yaml"
            told = f"no words for the web page in '{lang}'; its pages use the English ones, marked as English; add a block for it"
            report.notices.append(Notice(Origin(str(words)), told))
        changed = _unpublish_svg_logos(self.out, rows, report)
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
        files = self.project.input_files(region, lang, self.layout.files, shows_logo=logo is not None)
        menu = json.dumps([[e.code, e.name, e.draft, e.draft_label] for e in linked]).encode()
        return self.digests.of(f"web {region} {lang}", files, menu)

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
                data = self._assets[asset] = file_bytes(asset)  # a style sheet with LF line ends on every system
            contents[f"{folder}/{asset.name}"] = data
        if logo:  # never the file as it came: a picture drawn from it (web/logo.py)
            served = self._logos.get(logo.path)
            if served is None:
                try:
                    served = self._logos[logo.path] = web_logo(logo.path)
                except (ImageProblem, OSError) as exc:
                    loaded = self.sources.regions[region].loaded
                    assert loaded is not None
                    report.fail(region, [path], [Problem(loaded.origin("logo"), "logo", f"{logo.path} {exc}")])
                    return False
            contents[f"{folder}/{served[0]}"] = served[1]
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


def _unpublish_svg_logos(out: Path, rows: dict[str, dict[str, Any]], report: Report) -> bool:
    """Take down every ``logo.svg`` an earlier version published as the file came (it could hold a
    script); also beside a page not rebuilt now (its region failed), whose logo is then missing
    until the region builds again. True when one was found."""
    found = False
    for row in rows.values():
        files = row.get("files")
        if not isinstance(files, dict):
            continue
        for rel in [rel for rel in files if rel.endswith("/logo.svg")]:
            (out / rel).unlink(missing_ok=True)
            del files[rel]
            found = True
            told = "an SVG logo as it came, published by an earlier version, was removed; the page shows a PNG drawn from it"
            report.notices.append(Notice(Origin(str(out / rel)), told))
    return found


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
