"""Nothing left behind by a run that wrote nothing: a build stopped by a problem (a missing
sources folder, a broken shared file) takes away the lock file it made, and the output folder
too when the run made it and it is empty. A lock file that was there before stays."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

__all__ = ["LOCK_FILE", "tidy_if_stopped"]

LOCK_FILE = ".drukwerk.lock"  # the output lock (batch/run.py)


@contextmanager
def tidy_if_stopped(out: Path) -> Iterator[None]:
    """Around the output lock (so the lock is released before its file is removed)."""
    made_folder = not out.exists()
    made_lock = not (out / LOCK_FILE).exists()
    try:
        yield
    except BaseException:
        # Another build may hold the lock by now (Windows refuses to remove a file that is open):
        # then it stays, as it would have anyway.
        with suppress(OSError):
            if made_lock:
                (out / LOCK_FILE).unlink(missing_ok=True)
            if made_folder:
                out.rmdir()  # only when empty: whatever the run did write stays
        raise
