"""Dyad: dated news articles in, a trustworthy, queryable record of political events out.

Importing this package is light: spaCy and the web stack load only when first used.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from dyad.errors import DyadError
from dyad.model import (
    ActorMention,
    Article,
    ArticleResult,
    Event,
    PlaceMention,
    Quote,
    Rejected,
    TimeExpression,
)
from dyad.version import __version__

if TYPE_CHECKING:
    from dyad.store import Store
__all__ = [
    "ActorMention",
    "Article",
    "ArticleResult",
    "DyadError",
    "Event",
    "PlaceMention",
    "Quote",
    "Rejected",
    "TimeExpression",
    "__version__",
    "open_store",
    "process",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())


def process(
    text: str, *, date: Any = None, source: str | None = None, **fields: Any
) -> ArticleResult:
    """Read one article and return everything found in it (loads spaCy on first use)."""
    from dyad.pipeline import process_text

    return process_text(text, date=date, source=source, **fields)


def open_store(path: str | None = None) -> Store:
    """Open (or create) the event store at `path` (default: the `store` setting)."""
    from dyad.store import open_store as _open_store

    return _open_store(path)
