"""User-facing problems: one line each, ``file:line: field: message``."""

from __future__ import annotations

import errno
from dataclasses import dataclass
from pathlib import Path

__all__ = ["FileHeld", "Origin", "Problem", "ProblemsFound", "UsageError", "fail"]


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


class FileHeld(PermissionError):
    """A finished file cannot take the place of the old one because another program has that open
    (on Windows: a PDF viewer, a sync client). The old file stays as it was."""

    def __init__(self, path: Path) -> None:
        message = (
            f"close {path.name} in the program that has it open (a PDF viewer, a sync client), then build again; "
            "the file there is the last good one"
        )
        super().__init__(errno.EACCES, message, str(path))
