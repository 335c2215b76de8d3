"""Dependencies the routes share: one read-only store connection per request."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request

from dyad.store import Store, open_store


def read_store(request: Request) -> Iterator[Store]:
    """A read-only connection to the store for one request, reading one snapshot."""
    store = open_store(request.app.state.store_path, read_only=True)
    try:
        with store.snapshot():
            yield store
    finally:
        store.close()


ReadStore = Annotated[Store, Depends(read_store)]
