"""What typesetting a job gives the drawing stage: pages of placed flowables, panel fills, and a
report per panel (how full, which rule placed what, notices). Plain data: pdf/render.py draws it."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.colors import CMYKColor

from generator.compose.fit import Placed
from generator.problems import Notice

__all__ = ["Fill", "PageLayout", "PanelReport", "Placed", "Typeset"]


@dataclass(frozen=True)
class Fill:
    """A panel background; ``edges`` says which trim edges it touches (it runs into the bleed there)."""

    colour: CMYKColor
    x: float
    y: float
    width: float
    height: float
    edges: tuple[bool, bool, bool, bool]  # left, bottom, right, top


@dataclass(frozen=True)
class PanelReport:
    page: str
    panel: str
    used: float
    available: float
    blocks: tuple[str, ...] = ()  # one line per placed item: where its layout rule and its text came from
    notices: tuple[Notice, ...] = ()  # worth knowing, not wrong: an image below 300 ppi

    @property
    def percent(self) -> float:
        return 100 * self.used / self.available if self.available else 0.0


@dataclass(frozen=True)
class PageLayout:
    name: str
    fills: tuple[Fill, ...]
    placed: tuple[Placed, ...]
    folds: tuple[float, ...]


@dataclass(frozen=True)
class Typeset:
    pages: tuple[PageLayout, ...]
    panels: tuple[PanelReport, ...]
    title: str
