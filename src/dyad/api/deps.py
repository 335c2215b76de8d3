"""Dependencies the routes share: a read-only store connection per request, from a pool."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

from fastapi import Depends, Request

from dyad.store import Store, open_store

IDLE = 8  # connections kept open between requests, at most


class StorePool:
    """Read-only connections to one store file, reused across requests: opening one parses
    the schema (a few ms), and a kept connection keeps its page cache while nothing is
    written. Each request still reads in its own transaction (`Store.snapshot`), so it sees
    every commit made before it; a file replaced at the same path is opened anew."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._idle: list[tuple[Store, int]] = []
        self._lock = threading.Lock()

    @property
    def idle(self) -> int:
        """How many connections wait for a request."""
        return len(self._idle)

    def take(self) -> tuple[Store, int]:
        """An open store and the identity of the file it reads (its device and inode)."""
        ident = _identity(self.path)
        with self._lock:
            while self._idle:
                store, opened = self._idle.pop()
                if opened == ident:
                    return store, opened
                store.close()
        return open_store(self.path, read_only=True), ident

    def give(self, store: Store, ident: int) -> None:
        """Keep `store` for a later request, or close it when enough are kept."""
        with self._lock:
            if len(self._idle) < IDLE and not store.conn.in_transaction:
                self._idle.append((store, ident))
                return
        store.close()


def _identity(path: Path) -> int:
    try:
        found = os.stat(path)
    except OSError:
        return -1  # open_store says what is wrong
    return hash((found.st_dev, found.st_ino))


def read_store(request: Request) -> Iterator[Store]:
    """A read-only connection to the store for one request, reading one snapshot."""
    state = request.app.state
    pool = getattr(state, "store_pool", None)
    if pool is None or pool.path != state.store_path:
        pool = state.store_pool = StorePool(state.store_path)
    store, ident = pool.take()
    try:
        with store.snapshot():
            yield store
    except BaseException:
        store.close()
        raise
    pool.give(store, ident)


ReadStore = Annotated[Store, Depends(read_store)]
