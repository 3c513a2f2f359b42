"""The one error contract: what is wrong (:class:`Problem`) or worth knowing (:class:`Notice`),
each with where it comes from, printed one line each as ``file:line: field: message``.

How a stage hands problems on, everywhere: it raises :class:`ProblemsFound` with every problem
it found in one pass, so the user sees them all at once. A step that runs many checks gathers
what they raise with a :class:`Collector` and raises once at its end. A check deep down that
does not know the file and line (a font, an image, an ICC profile, an icon, a template) raises
an :class:`Unplaced` message; whoever called it with the origin in hand turns it into a Problem.
Two places keep problems as data instead, because there a problem must not stop the rest:
the loaders that read many files (sources, layouts, the web layout) return what they could read
with the problems of the rest, so one run reports every problem and a region with a broken file
fails alone; and a job's problems (its text does not fit) fail only that job, so they travel as
data from :meth:`generator.batch.builder.Builder.attempt` on, to the report and across a worker's pipe.
Wrong command-line use is a :class:`UsageError` (exit status 2), raised, printed by the CLI only.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Literal

__all__ = [
    "Collector",
    "Kind",
    "Loc",
    "Notice",
    "Origin",
    "Problem",
    "ProblemsFound",
    "Unplaced",
    "UsageError",
    "fail",
    "named_as",
    "suggest",
]

Loc = tuple[str | int, ...]  # a path inside a YAML file: ("pages", 0, "panels", 1, "blocks", 2)
Kind = Literal["input", "fit", "output"]  # a source or layout is wrong; text does not fit; a finished file is refused


@dataclass(frozen=True, order=True)
class Origin:
    """Where a value came from: a file (as the user named it) and a 1-based line."""

    file: str
    line: int = 0

    def __str__(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file


@dataclass(frozen=True, order=True)
class Problem:
    """Something the user (a coordinator, a designer) must fix; ``where``, for text that does not
    fit, is the place on the product ("page 'inside', panel 'left'"), whichever text is blamed."""

    origin: Origin
    field: str
    message: str
    kind: Kind = "input"
    where: str = ""

    def __str__(self) -> str:
        field = f" {self.field}:" if self.field else ""
        return f"{self.origin}:{field} {self.message}"


@dataclass(frozen=True, order=True)
class Notice:
    """Worth knowing, not wrong (a draft left out, an image below 300 ppi), with the file it concerns."""

    origin: Origin
    message: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.message}" if self.origin.file else self.message


class ProblemsFound(Exception):
    """Raised with every problem found in one pass, so the user sees them all at once."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = list(dict.fromkeys(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


def named_as(problems: Iterable[Problem], copy: str, real: str) -> list[Problem]:
    """Problems found in a copy of a folder (a scratch copy checked before anything is written),
    named as the real files, in their origins and their messages."""
    return [
        replace(p, origin=Origin(p.origin.file.replace(copy, real, 1), p.origin.line), message=p.message.replace(copy, real))
        for p in problems
    ]


def fail(origin: Origin, field: str, message: str, kind: Kind = "input") -> ProblemsFound:
    return ProblemsFound([Problem(origin, field, message, kind)])


class Collector:
    """Gathers the problems of many checks, so a step reports all of them, then raises once."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    @contextmanager
    def gather(self) -> Iterator[None]:
        """Run one check: what it raises is kept, and the step goes on with the next."""
        try:
            yield
        except ProblemsFound as exc:
            self.add(exc.problems)

    def add(self, problems: Iterable[Problem]) -> None:
        self.problems.extend(p for p in problems if p not in self.problems)

    def raise_any(self) -> None:
        if self.problems:
            raise ProblemsFound(self.problems)


class Unplaced(Exception):
    """A problem's message from a check that does not know the file and line; the caller places it."""


class UsageError(Exception):
    """Wrong command-line use (exit status 2)."""


def suggest(word: str, choices: list[str], aliases: dict[str, str] | None = None) -> str:
    """' (did you mean 'phone'?)' or ''; ``aliases`` maps other words (a Dutch field name) to a choice."""
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    if not close and aliases:
        alias = difflib.get_close_matches(word.lower(), list(aliases), n=1, cutoff=0.75)
        close = [aliases[alias[0]]] if alias and aliases[alias[0]] in choices else []
    return f" (did you mean '{close[0]}'?)" if close else ""
