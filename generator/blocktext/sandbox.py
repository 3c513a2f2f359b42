"""The one Jinja2 sandbox every template runs in: layouts' block texts, the web page, the proof page.

Templates come from designers' folders, so none of them may reach Python: Jinja2's
:class:`SandboxedEnvironment` refuses attribute access to internals, and undefined names are
errors (``StrictUndefined``), never empty text on a printed card.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

__all__ = ["Sandbox", "sandbox"]


class Sandbox(SandboxedEnvironment):
    """``group.items`` means the data key, not ``dict.items``: data wins over methods."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        if isinstance(obj, dict) and attribute in obj:
            return obj[attribute]
        return super().getattr(obj, attribute)


def sandbox(*, autoescape: bool, finalize: Callable[[Any], Any] | None = None) -> Sandbox:
    """A sandboxed environment with undefined names as errors; ``autoescape`` for HTML pages."""
    return Sandbox(undefined=StrictUndefined, finalize=finalize, autoescape=autoescape)
