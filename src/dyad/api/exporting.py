"""Exports over HTTP: the query layer's matching events and articles, handed to
`dyad.exports`, streamed through a store connection of their own."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

from dyad.exports import MEDIA_TYPES, export_lines, write_export
from dyad.query import EventFilter, export_items
from dyad.store import open_store


def export_text(path: Path, where: EventFilter, fmt: str, *, all_statuses: bool) -> Iterator[str]:
    """The lines of a text export, read through a connection of its own (for streaming)."""
    with open_store(path, read_only=True) as store, store.snapshot():
        yield from export_lines(fmt, export_items(store, where), all_statuses=all_statuses)


def export_bytes(path: Path, where: EventFilter, fmt: str) -> bytes:
    """A whole export in memory (Parquet, which cannot stream)."""
    buffer = io.BytesIO()
    with open_store(path, read_only=True) as store, store.snapshot():
        write_export(fmt, export_items(store, where), buffer)
    return buffer.getvalue()


def media_type(fmt: str) -> str:
    """The HTTP content type of an export format."""
    return MEDIA_TYPES[fmt]
