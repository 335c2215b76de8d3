"""Exporting events from a store: read them in keyset batches with their articles, and hand
them to `dyad.exports`. Shared by GET /api/export and `dyad export`."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

from dyad.api import queries
from dyad.api.params import EventQuery
from dyad.exports import MEDIA_TYPES, Item, export_lines, write_export
from dyad.model import Article
from dyad.store import Store, open_store


def store_items(store: Store, where: EventQuery, *, batch: int = 1000) -> Iterator[Item]:
    """Every matching event with its article, in id order, `batch` articles read at a time."""
    pending = []
    for event in queries.iter_events(store, where, batch=batch):
        pending.append(event)
        if len(pending) >= batch:
            yield from _with_articles(store, pending)
            pending = []
    yield from _with_articles(store, pending)


def export_text(path: Path, where: EventQuery, fmt: str, *, all_statuses: bool) -> Iterator[str]:
    """The lines of a text export, read through a connection of its own (for streaming)."""
    with open_store(path, read_only=True) as store:
        yield from export_lines(fmt, store_items(store, where), all_statuses=all_statuses)


def export_bytes(path: Path, where: EventQuery, fmt: str) -> bytes:
    """A whole export in memory (Parquet, which cannot stream)."""
    buffer = io.BytesIO()
    with open_store(path, read_only=True) as store:
        write_export(fmt, store_items(store, where), buffer)
    return buffer.getvalue()


def media_type(fmt: str) -> str:
    """The HTTP content type of an export format."""
    return MEDIA_TYPES[fmt]


def _with_articles(store: Store, events: list) -> Iterator[Item]:
    articles: dict[str, Article] = queries.articles_of(store, {e.article_id for e in events})
    for event in events:
        yield event, articles.get(event.article_id)
