"""Worker processes for a batch, each carrying its own state.

A worker gets everything it needs through the pool's initializer, never through a module
global filled in before the pool starts:

- with ``fork`` (Linux's default) the initializer receives the parent's warmed-up
  :class:`Builder` itself: a forked child inherits it in memory, nothing is pickled or loaded again;
- with ``spawn`` (Windows' and macOS' default) or ``forkserver`` it receives the request and
  loads the project and its caches itself, as the parent did.

The pool uses the platform's default start method; ``DRUKWERK_START_METHOD`` (``fork``,
``spawn``, ``forkserver``) overrides it, so Linux can test the others. Either way a job's
bytes depend only on its inputs (tests/test_determinism.py builds with each method).
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator
from dataclasses import dataclass

from generator.batch.builder import Builder, Result
from generator.batch.project import load_project
from generator.batch.request import Request
from generator.problems import UsageError
from generator.vocabulary import Job
from generator.warm import WarmState

__all__ = ["START_METHOD", "Result", "run_in_workers", "start_method"]

START_METHOD = "DRUKWERK_START_METHOD"


def start_method() -> str:
    """The start method: ``$DRUKWERK_START_METHOD``, or the platform's default."""
    chosen = os.environ.get(START_METHOD, "").strip()
    if not chosen:
        return multiprocessing.get_start_method()
    if chosen not in multiprocessing.get_all_start_methods():
        allowed = ", ".join(multiprocessing.get_all_start_methods())
        raise UsageError(f"{START_METHOD}={chosen} is not a start method of this system; use one of {allowed}, or unset it")
    return chosen


@dataclass(frozen=True)
class _Recipe:
    """What a spawned worker needs to make its own builder: the request and whether to reuse."""

    request: Request
    reuse: bool


_builder: Builder | None = None  # this worker process's own builder, set by its initializer


def _start(seed: Builder | _Recipe) -> None:
    global _builder
    if isinstance(seed, Builder):
        _builder = seed
        return
    warm = WarmState(reuse=seed.reuse)
    project = load_project(seed.request, warm)  # the parent checked it: the same files give the same project
    _builder = Builder(project, seed.request, warm)


def _work(job: Job) -> Result:
    assert _builder is not None, "a worker runs jobs only after its initializer"
    return _builder.attempt(job)


def run_in_workers(builder: Builder, todo: list[Job], workers: int) -> Iterator[Result]:
    """Each job's manifest row (its files already written) or its problems, in completion order."""
    method = start_method()
    if method == "fork":
        builder.warm_up(todo)  # fonts, styles, shared panels, ReportLab itself: paid once here, inherited by each fork
        builder.warm.freeze_now()  # the styles and shared panels just made, too
        seed: Builder | _Recipe = builder
    else:
        seed = _Recipe(builder.request, builder.warm.reuse)
    # Jobs of one region and product together, so a worker reuses the context and shared panels.
    chunk = max(1, min(16, len(todo) // (workers * 4)))
    with multiprocessing.get_context(method).Pool(min(workers, len(todo)), initializer=_start, initargs=(seed,)) as pool:
        yield from pool.imap_unordered(_work, todo, chunksize=chunk)
