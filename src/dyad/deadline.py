"""A time budget for reading one article, checked by the stages between and inside long loops.

    with budget(60.0):          # pipeline.read_doc, in this process or in a pool worker
        ... check("actors") ... # a stage, every so often: raises TooSlowError past the budget

`StageClock` times each stage of an article and checks the budget between them.

The deadline lives in a context variable, so it needs no signal (which works only on the main
thread), holds per thread and per process, and is absent (no limit) outside `budget`.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from dyad.errors import TooSlowError

_DEADLINE: ContextVar[tuple[float, float] | None] = ContextVar("dyad_deadline", default=None)


@contextmanager
def budget(seconds: float | None) -> Iterator[None]:
    """Run the block with `seconds` to spare; None or 0 means no limit."""
    limit = (time.monotonic() + seconds, seconds) if seconds else None
    token = _DEADLINE.set(limit)
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def check(where: str) -> None:
    """Raise `TooSlowError` naming `where` when the current budget is spent."""
    limit = _DEADLINE.get()
    if limit is not None and time.monotonic() > limit[0]:
        raise TooSlowError(where, limit[1])


class StageClock:
    """Adds the seconds spent in each `with clock(stage):` block to `timings`."""

    def __init__(self, timings: dict[str, float]) -> None:
        self.timings = timings
        self.stage = ""
        self.started = 0.0

    def __call__(self, stage: str) -> StageClock:
        self.stage = stage
        return self

    def __enter__(self) -> None:
        self.started = time.perf_counter()

    def __exit__(self, *exc: object) -> None:
        self.timings[self.stage] = time.perf_counter() - self.started
        if exc[0] is None:
            check(self.stage)  # between stages: a budget spent in one stops before the next
