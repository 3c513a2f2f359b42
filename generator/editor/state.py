"""The one pipeline a server process works with (set by ``drukwerk serve`` or a test)."""

from __future__ import annotations

from generator.editor.pipeline import Pipeline

__all__ = ["get", "set_pipeline"]

_PIPELINE: Pipeline | None = None


def set_pipeline(pipeline: Pipeline) -> None:
    global _PIPELINE
    _PIPELINE = pipeline


def get() -> Pipeline:
    if _PIPELINE is None:
        raise RuntimeError("the editor has no pipeline; start it with drukwerk serve")
    return _PIPELINE
