"""User-facing problems: one line each, ``file:line: field: message``."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

__all__ = ["Origin", "Problem", "ProblemsFound", "UsageError", "fail", "suggest"]


@dataclass(frozen=True, order=True)
class Origin:
    """Where a value came from: a file (as the user named it) and a 1-based line."""

    file: str
    line: int = 0

    def __str__(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file


@dataclass(frozen=True, order=True)
class Problem:
    origin: Origin
    field: str
    message: str

    def __str__(self) -> str:
        field = f" {self.field}:" if self.field else ""
        return f"{self.origin}:{field} {self.message}"


class ProblemsFound(Exception):
    """Raised with every problem found in one pass, so the user sees them all at once."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


def fail(origin: Origin, field: str, message: str) -> ProblemsFound:
    return ProblemsFound([Problem(origin, field, message)])


class UsageError(Exception):
    """Wrong command-line use (exit status 2)."""


def suggest(word: str, choices: list[str], aliases: dict[str, str] | None = None) -> str:
    """' (did you mean 'phone'?)' or ''; ``aliases`` maps other words (a Dutch field name) to a choice."""
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    if not close and aliases:
        alias = difflib.get_close_matches(word.lower(), list(aliases), n=1, cutoff=0.75)
        close = [aliases[alias[0]]] if alias and aliases[alias[0]] in choices else []
    return f" (did you mean '{close[0]}'?)" if close else ""
