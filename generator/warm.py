"""One warm state: everything a process keeps between jobs and builds, owned by the command.

A batch is fast because work that repeats is done once per process: compiled templates,
registered fonts and their subsets, paragraph styles and the panels that are the same for every
region, the proof page template, ReportLab's checkbox drawings, decoded and converted images,
QR codes and pictograms. All of it lives in the caches of
one :class:`WarmState`, which ``drukwerk build``, ``watch``, ``validate`` and ``bench`` create and
pass down. One rule for all of them: entries are keyed by what they are made from (file
digests, template text, the layout's files), so a stale entry can never be found; a cache that is
full drops its oldest entry; what comes from region files is dropped at the start of every build.

``DRUKWERK_NO_REUSE=1`` (or ``WarmState(reuse=False)``) turns all reuse off: every job makes
everything afresh. Slower, the same bytes; for ruling the caches out when chasing a stale PDF.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, Generic, TypeVar

__all__ = ["NO_REUSE", "Cache", "WarmState"]

NO_REUSE = "DRUKWERK_NO_REUSE"

K = TypeVar("K")
V = TypeVar("V")


class Cache(Generic[K, V]):
    """A bounded mapping; when full, the oldest entry goes. A limit of 0 keeps nothing."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._entries: dict[K, V] = {}

    def get(self, key: K) -> V | None:
        return self._entries.get(key)

    def put(self, key: K, value: V) -> V:
        if self.limit <= 0:
            return value
        if key not in self._entries and len(self._entries) >= self.limit:
            self._entries.pop(next(iter(self._entries)))
        self._entries[key] = value
        return value

    def get_or_make(self, key: K, make: Callable[[], V]) -> V:
        found = self._entries.get(key)
        return found if found is not None else self.put(key, make())

    def clear(self) -> None:
        self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, key: object) -> bool:
        return key in self._entries


class WarmState:
    """The caches of one process. ``region_*`` caches hold what region files make (cleared per build)."""

    def __init__(self, reuse: bool | None = None) -> None:
        self.reuse = not os.environ.get(NO_REUSE) if reuse is None else reuse

        def cache(limit: int) -> Cache[Any, Any]:
            return Cache(limit if self.reuse else 0)

        # Kept for the process (keys carry what the entries are made from):
        self.environments = cache(4)  # the template environment (its compiled templates report to it)
        self.compiled_templates = cache(1000)  # template text -> compiled template (a long watch session edits many)
        self.template_names = cache(1000)  # template text -> the names it uses
        self.fonts = cache(32)  # font file digest -> font object, with its subsets
        self.font_subsets = cache(256)  # (font digest, subset index, glyphs) -> the subset's PDF bytes
        self.families = cache(32)  # family spec and files -> registered family
        self.typesetters = cache(16)  # layout, theme, content and font files -> typesetter with its styles
        self.shared_panels = cache(512)  # (typesetter, language, panel, forms) -> laid-out panel, same for all regions
        self.checkboxes = cache(64)  # ReportLab's checkbox appearance streams by look
        self.proof_templates = cache(2)  # proof page template text -> compiled template
        self.web_templates = cache(4)  # web page template text (layouts/web/page.html) -> compiled template
        self.images = cache(32)  # (file digest, colour conversion, background, pixels) -> image or drawing, in CMYK, ready to draw
        self.colour_transforms = cache(8)  # (CMYK profile digest, source profile) -> ImageCms transform
        self.qr_codes = cache(256)  # (address, error correction) -> the code's dark modules (20-35 ms each to make)
        self.pictograms = cache(64)  # (icon, CMYK colour) -> drawing
        # Dropped at the start of every build (region files may have changed):
        self.region_contexts = cache(8)  # (region, language) -> template context; jobs come region by region
        self.region_panels = cache(256)  # (typesetter, region, language, panel, forms) -> laid-out panel

    def new_build(self) -> None:
        self.region_contexts.clear()
        self.region_panels.clear()

    @contextmanager
    def frozen(self) -> Iterator[None]:
        """Keep what lives through a build (modules, sources, fonts, styles, shared panels) out of
        the garbage collector's walks while the jobs run, and out of the memory pages forked
        workers copy; all of it collectable again afterwards, for a process that lives on."""
        try:
            yield
        finally:
            gc.unfreeze()

    @staticmethod
    def freeze_now() -> None:
        """Freeze what exists now (called once the sources are loaded, and before forking)."""
        gc.freeze()
