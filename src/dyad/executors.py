"""Executors: run the per-article work in this process or in a local process pool.

The work is a pure function of a batch of articles and resources loaded once per process, so
any executor gives the same results in the same order. (Spark lives in `dyad.spark`.)
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TypeVar

In = TypeVar("In")
Out = TypeVar("Out")


def run_in_process(batches: Iterable[In], work: Callable[[In], Out]) -> Iterator[Out]:
    """Apply `work` to each batch here, in order."""
    for batch in batches:
        yield work(batch)


def run_in_pool(
    batches: Iterable[In],
    work: Callable[[In], Out],
    *,
    workers: int,
    initializer: Callable[..., None],
    initargs: tuple[object, ...] = (),
) -> Iterator[Out]:
    """Apply `work` to each batch in `workers` processes; results come back in input order.

    `initializer(*initargs)` runs once in each worker (load the model there). At most two
    batches per worker are in flight, so memory stays bounded on long inputs.
    """
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=initializer, initargs=initargs
    ) as pool:
        pending: deque[Future[Out]] = deque()
        for batch in batches:
            pending.append(pool.submit(work, batch))
            if len(pending) >= 2 * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
