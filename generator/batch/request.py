"""What the user asked a build for. Standard library only: the no-op fast path reads it."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from generator import __version__

__all__ = ["Request"]


@dataclass(frozen=True)
class Request:
    sources: Path = Path("sources")
    layouts: Path = Path("layouts")
    out: Path = Path("output")
    regions: tuple[str, ...] = ()
    products: tuple[str, ...] = ()
    langs: tuple[str, ...] = ()
    mode: str = "all"
    force: bool = False
    log: bool = False  # write <pdf>.layout.txt beside each PDF: which rule placed which block, fill per panel
    proof: bool = True  # thumbnails and the proof page OUT/index.html
    web: bool = True  # the web edition OUT/<region>/web/<lang>/index.html
    today: date = field(default_factory=date.today)

    def key(self) -> str:
        """What was asked for; the no-op fast path only trusts a stamp of the same request (and day)."""
        return json.dumps(
            [
                sorted(self.regions),
                sorted(self.products),
                sorted(self.langs),
                self.mode,
                self.log,
                self.proof,
                self.web,
                self.today.isoformat(),
                __version__,
            ]
        )
