"""Statements over many ids: SQLite binds only so many `?` in one statement, so a list of ids
is read a chunk at a time, with one `?` per id of the chunk."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
CHUNK = 500  # ids bound in one statement


def chunks(items: Sequence[T], size: int = CHUNK) -> Iterator[Sequence[T]]:
    """`items` cut into consecutive pieces of at most `size`, in order."""
    for at in range(0, len(items), size):
        yield items[at : at + size]


def rows_in(
    conn: sqlite3.Connection, sql: str, ids: Sequence[Any], *, size: int = CHUNK
) -> Iterator[list[Any]]:
    """The rows of `sql` run once per chunk of `ids`, one list per chunk; `{}` in `sql` stands
    for the chunk's marks (`"SELECT ... WHERE id IN ({})"`)."""
    for chunk in chunks(ids, size):
        yield conn.execute(sql.format(",".join("?" * len(chunk))), chunk).fetchall()
