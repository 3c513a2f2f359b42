"""Block text: Jinja2 templates run in a sandbox over the job's context.

Template text (from layouts/) is trusted markup; every *value* printed into it (content,
contact data) is escaped here, so a ``<`` or ``&`` in a region file can never reach
ReportLab's paragraph parser as markup. Content may use one inline emphasis: ``**bold**``.
Values carry their YAML origin; rendering records which ones went into a text, so a fit
error can name the line that made the text too long.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape
from typing import Any

from jinja2 import TemplateError, TemplateSyntaxError, meta

from generator.blocktext.quotes import typographic_quotes
from generator.blocktext.sandbox import sandbox
from generator.problems import Origin, Unplaced
from generator.warm import Cache, WarmState

__all__ = ["Located", "Rendered", "TemplateProblem", "Templates", "as_markup"]

_BOLD = re.compile(r"\*\*(.+?)\*\*")


def as_markup(value: str) -> str:
    """A value as the templates print it: straight quotes curled (blocktext/quotes.py), escaped,
    with ``**bold**`` as <b>."""
    return _BOLD.sub(r"<b>\1</b>", escape(typographic_quotes(value), quote=False))


class Located(str):
    """A string from a YAML file that remembers where it was written."""

    origin: Origin
    field: str

    def __new__(cls, value: str, origin: Origin, field: str = "") -> Located:
        obj = super().__new__(cls, value)
        obj.origin = origin
        obj.field = field
        return obj


@dataclass(frozen=True)
class Rendered:
    markup: str  # ReportLab paragraph markup
    values: tuple[Located, ...]  # the located values that went into it, in order


class TemplateProblem(Unplaced):
    """A template that does not compile or names something the context lacks; ``key`` is the
    layout key (text, items, item) whose template failed, where the caller knows it."""

    def __init__(self, message: str, key: str = "") -> None:
        super().__init__(message)
        self.key = key


def _syntax_problem(exc: TemplateSyntaxError) -> TemplateProblem:
    return TemplateProblem(f"template syntax: {exc.message} (template line {exc.lineno})")


class Templates:
    """One sandboxed environment; compiled templates are kept in the warm state's caches."""

    def __init__(self, warm: WarmState | None = None) -> None:
        warm = warm or WarmState(reuse=False)
        self._env = sandbox(autoescape=False, finalize=self._finalize)
        self._compiled: Cache[tuple[str, str], Any] = warm.compiled_templates  # (kind, text) -> template, expression or parsed
        self._names: Cache[str, set[str]] = warm.template_names
        self._seen: list[Located] = []

    def _finalize(self, value: Any) -> str:
        if isinstance(value, Located):
            self._seen.append(value)
        return as_markup(str(value))

    def check(self, source: str) -> None:
        """Parse only (compiling waits for the first render); raises TemplateProblem on a syntax error."""
        if ("checked", source) not in self._compiled and ("template", source) not in self._compiled:
            try:
                self._env.parse(source)
            except TemplateSyntaxError as exc:
                raise _syntax_problem(exc) from None
            self._compiled.put(("checked", source), True)

    def _compile(self, source: str) -> Any:
        template = self._compiled.get(("template", source))
        if template is None:
            try:
                template = self._compiled.put(("template", source), self._env.from_string(source))
            except TemplateSyntaxError as exc:
                raise _syntax_problem(exc) from None
        return template

    def names(self, source: str) -> set[str]:
        """The top-level names a template uses (``content``, ``region``, ...)."""
        names = self._names.get(source)
        if names is None:
            names = self._names.put(source, meta.find_undeclared_variables(self._env.parse(source)) - {"item"})
        return names

    def render(self, source: str, context: dict[str, Any]) -> Rendered:
        template = self._compile(source)
        self._seen = []
        try:
            markup = template.render(context)
        except TemplateError as exc:
            raise TemplateProblem(f"template: {exc.message}; use a name from the layout reference (drukwerk layouts)") from None
        return Rendered(markup.strip(), tuple(self._seen))

    def evaluate_list(self, expression: str, context: dict[str, Any]) -> list[Any]:
        """Evaluate an ``items:`` expression such as ``content.signals.work.items``."""
        compiled = self._compiled.get(("expression", expression))
        if compiled is None:
            try:
                compiled = self._env.compile_expression(expression, undefined_to_none=False)
            except TemplateSyntaxError as exc:
                raise TemplateProblem(f"expression syntax: {exc.message}") from None
            self._compiled.put(("expression", expression), compiled)
        try:
            value = compiled(**context)
            if isinstance(value, (str, dict)) or not isinstance(value, Iterable):
                raise TemplateProblem(f"'{expression}' is not a list")
            return list(value)
        except TemplateError as exc:
            raise TemplateProblem(f"items: {exc.message}; use a name from the layout reference (drukwerk layouts)") from None
