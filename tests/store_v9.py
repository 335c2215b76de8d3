"""The group tables as Dyad wrote them up to schema 9, before migration 10, for the tests of
migrations 8 and 10: each member with its article, date and grouping view (`member`, JSON),
the status history of each group in `group_status`, and the indexes migration 10 drops. Made
from a store of the current schema, whose members are rebuilt from its events. Frozen: it
describes stores that exist."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from dyad.grouping.stored.whole import group_members, whole_groups
from dyad.model import to_json
from dyad.store import open_store
from dyad.store.squeeze import squeeze
from store_v10 import make_v10_store

SCHEMA_9_GROUPS = """
CREATE TABLE group_members (
    event_id TEXT PRIMARY KEY REFERENCES events(id),
    group_id TEXT NOT NULL REFERENCES event_groups(id),
    article_id TEXT NOT NULL REFERENCES articles(id),
    article_date TEXT,
    score REAL NOT NULL,
    member TEXT NOT NULL
);
CREATE INDEX group_members_group ON group_members(group_id);
CREATE INDEX group_members_article ON group_members(article_id);
CREATE TABLE group_status (
    group_id TEXT NOT NULL REFERENCES event_groups(id),
    position INTEGER NOT NULL,
    status TEXT NOT NULL,
    article_id TEXT NOT NULL REFERENCES articles(id),
    article_date TEXT,
    event_id TEXT NOT NULL,
    source TEXT,
    PRIMARY KEY (group_id, position)
);
CREATE INDEX group_keys_group ON group_keys(group_id);
CREATE INDEX event_sources_event ON event_sources(event_id);
CREATE INDEX event_groups_last_seen ON event_groups(last_seen)
"""


def member_rows(path: Path) -> list[tuple[Any, ...]]:
    """The schema-9 `group_members` rows of the store at `path` (member JSON as text)."""
    with open_store(path, read_only=True) as store:
        scores = dict(
            store.conn.execute(
                "SELECT e.id, m.score FROM group_members m JOIN events e ON e.key = m.event"
            )
        )
        ids = [r[0] for r in store.conn.execute("SELECT id FROM event_groups")]
        return [
            (m.event_id, gid, m.article_id, _iso(m.article_date), scores[m.event_id], to_json(m))
            for gid, members in group_members(store, ids).items()
            for m in members
        ]


def status_rows(path: Path) -> list[tuple[Any, ...]]:
    """The `group_status` rows of the store at `path`: each group's history."""
    with open_store(path, read_only=True) as store:
        ids = [r[0] for r in store.conn.execute("SELECT id FROM event_groups")]
        groups = whole_groups(store, store.group_records_by_id(ids))
    return [
        (g.id, i, h.status, h.article_id, _iso(h.article_date), h.event_id, h.source)
        for g in groups
        for i, h in enumerate(g.history)
    ]


def make_v9_store(lean: Path, path: Path) -> None:
    """A copy at `path` of the store at `lean`, with its group tables as schema 9 had them."""
    members, statuses = member_rows(lean), status_rows(lean)
    make_v10_store(lean, path)  # the tables migration 11 changed, as they were
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    conn.execute("DROP TABLE group_members")
    for statement in SCHEMA_9_GROUPS.split(";"):
        conn.execute(statement)
    conn.executemany(
        "INSERT INTO group_members VALUES (?, ?, ?, ?, ?, ?)",
        [(*r[:5], squeeze(r[5])) for r in members],
    )
    conn.executemany("INSERT INTO group_status VALUES (?, ?, ?, ?, ?, ?, ?)", statuses)
    conn.execute("PRAGMA user_version = 9")
    conn.execute("COMMIT")
    conn.close()


def _iso(value: object) -> str | None:
    return value.isoformat() if value is not None else None  # type: ignore[attr-defined]
