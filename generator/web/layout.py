"""The web edition's layout: ``layouts/web/`` — the page template, the files copied beside every
page (style sheet, pictures) and the few words of the page's own (skip link, quick exit,
language menu) per language.

Read and checked with the other layouts, before anything is written: a template that does not
compile or a misspelt key in ``words.yaml`` stops the run with ``file:line: field: message``.
A layouts folder without ``web/`` builds no web pages (as one without ``proof.html`` builds no
proof page).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Annotated, Any

from jinja2 import TemplateError, TemplateSyntaxError
from markupsafe import Markup, escape
from pydantic import BaseModel, ConfigDict, StringConstraints

from generator.blocktext.sandbox import Sandbox, sandbox
from generator.inputs.images import ImageProblem
from generator.inputs.svg_files import read_svg
from generator.inputs.validation import validate
from generator.inputs.yaml_reader import read_yaml
from generator.problems import Origin, Problem, ProblemsFound
from generator.warm import WarmState

__all__ = ["ASSET_TYPES", "FOLDER", "PAGE", "WORDS", "WebLayout", "WebWords", "load_web_layout", "template_line"]

FOLDER = "web"
PAGE = "page.html"
WORDS = "words.yaml"
# Files of layouts/web/ copied beside every page, as they are (a page loads nothing from elsewhere);
# an SVG among them is refused when it holds anything active, as every SVG the tool reads.
ASSET_TYPES = {".css", ".svg", ".png", ".jpg", ".jpeg", ".webp", ".woff2", ".ico"}

_BOLD = re.compile(r"\*\*(.+?)\*\*")

Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class WebWords(_Strict):
    """The page's own words in one language (the content pack has the rest)."""

    skip: Text  # the skip link: "Naar de inhoud"
    quick_exit: Text  # the quick-exit button: "Snel weg"
    quick_exit_note: Text  # what the button (and the Escape key) does, before the neutral site's address
    no_trace: Text  # how to leave no trace: a private window (the page title stays in the history)
    on_this_page: Text  # the table of contents' name
    languages: Text  # the language menu's name
    draft_note: Text  # on a draft page: not checked, not for publication
    about: Text  # in the footer: the same text as the printed materials


class WordsFile(_Strict):
    """``layouts/web/words.yaml``: one block per language code. A language without one gets the
    English words, marked ``lang="en"`` on the page."""

    nl: WebWords
    en: WebWords
    pl: WebWords | None = None
    ro: WebWords | None = None
    hu: WebWords | None = None
    bg: WebWords | None = None


def _finalize(value: Any) -> Any:
    """Every value printed into the page is escaped; content's ``**bold**`` becomes <strong>."""
    if isinstance(value, Markup) or not isinstance(value, str):
        return value
    return Markup(_BOLD.sub(r"<strong>\1</strong>", str(escape(value))))


def environment(warm: WarmState) -> Sandbox:
    """One sandboxed, autoescaping environment per process."""
    env: Sandbox | None = warm.environments.get("web")
    if env is None:
        env = warm.environments.put("web", sandbox(autoescape=True, finalize=_finalize))
    return env


@dataclass(frozen=True)
class WebLayout:
    root: Path  # layouts/web
    template: Any  # the compiled page template
    words: dict[str, WebWords]
    assets: tuple[Path, ...]  # copied beside every page
    files: tuple[Path, ...]  # everything a page is made from in layouts/web (for the change digest)

    @property
    def page_file(self) -> Path:
        return self.root / PAGE


def template_line(tb: TracebackType | None) -> int:
    """The template line an error was raised at (Jinja2 maps its frames to ``<template>``)."""
    line = 0
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def load_web_layout(layouts: Path, warm: WarmState) -> tuple[WebLayout | None, list[Problem]]:
    root = layouts / FOLDER
    if not root.is_dir():
        return None, []
    problems: list[Problem] = []
    page = root / PAGE
    template = None
    if not page.is_file():
        problems.append(Problem(Origin(str(page)), "", f"missing: the web edition needs its page template {PAGE} in {root}"))
    else:
        source = page.read_text(encoding="utf-8")
        template = warm.web_templates.get(source)
        if template is None:
            try:
                template = warm.web_templates.put(source, environment(warm).from_string(source))
            except TemplateSyntaxError as exc:
                problems.append(Problem(Origin(str(page), exc.lineno or 0), "", f"template syntax: {exc.message}"))
            except TemplateError as exc:  # pragma: no cover - other compile errors
                problems.append(Problem(Origin(str(page)), "", f"template: {exc}"))
    words: dict[str, WebWords] = {}
    words_path = root / WORDS
    try:
        raw = read_yaml(words_path, str(words_path))
        parsed = validate(WordsFile, raw, Origin(str(words_path)))
        words = {code: value for code, value in parsed if isinstance(value, WebWords)}
    except ProblemsFound as exc:
        problems.extend(exc.problems)
    assets = tuple(
        path
        for path in sorted(root.iterdir())
        if path.is_file() and not path.is_symlink() and not path.name.startswith(".") and path.suffix.lower() in ASSET_TYPES
    )
    for path in assets:
        if path.suffix.lower() == ".svg":  # served as it is: nothing active in it (inputs/svg_files.py)
            try:
                read_svg(path.read_bytes())
            except ImageProblem as exc:
                problems.append(Problem(Origin(str(path)), "", str(exc)))
    if problems or template is None:
        return None, problems
    return WebLayout(root, template, words, assets, (page, words_path, *assets)), []
