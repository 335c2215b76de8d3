"""A store as Dyad wrote it at schema 12, before migration 13, for its tests: every group
keeps its record and profile, a group of one event too, and `event_groups` has an
`updated_at` column. Made from a store of the current schema. Frozen: it describes stores
that exist."""

from __future__ import annotations

import dataclasses
import shutil
import sqlite3
from pathlib import Path

from dyad.grouping.logic import profile_to_json
from dyad.grouping.stored.whole import whole_groups, whole_profiles
from dyad.model import to_json
from dyad.store import Store
from dyad.store.squeeze import expand, squeeze

SCHEMA_12_GROUPS = """
CREATE TABLE event_groups (
    id TEXT NOT NULL UNIQUE,
    type TEXT NOT NULL,
    date TEXT,
    date_end TEXT,
    status TEXT NOT NULL,
    first_seen TEXT,
    last_seen TEXT,
    mentions INTEGER NOT NULL,
    articles INTEGER NOT NULL,
    sources INTEGER NOT NULL,
    story_id TEXT,
    profile TEXT NOT NULL,
    record TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    key INTEGER PRIMARY KEY
);
CREATE INDEX event_groups_date ON event_groups(date);
CREATE INDEX event_groups_story ON event_groups(story_id);
CREATE INDEX event_groups_seen ON event_groups(last_seen DESC, id)
"""
_COLUMNS = (
    "id, type, date, date_end, status, first_seen, last_seen, mentions, articles, sources,"
    " story_id, profile, record"
)
STAMP = "2026-12-07T12:00:00+00:00"


def to_v12(conn: sqlite3.Connection) -> None:
    """`event_groups` as schema 12 had it (inside a transaction): the record and profile of
    each group of one event written as grouping made them, the time each row was written."""
    conn.create_function("expand", 1, expand, deterministic=True)
    store = Store(Path("v12"), conn)
    alone = [r[0] for r in conn.execute("SELECT id FROM event_groups WHERE record IS NULL")]
    profiles = whole_profiles(store, alone)
    groups = whole_groups(store, store.group_records_by_id(alone))
    unstoried = [dataclasses.replace(g, story_id=None) for g in groups]  # as grouping wrote
    records = [store.slim_group_record(to_json(g)) for g in unstoried]
    rows = [
        (squeeze(profile_to_json(profiles[g.id]), "profile"), squeeze(record, "group"), g.id)
        for g, record in zip(groups, records, strict=True)
    ]
    conn.execute("ALTER TABLE event_groups RENAME TO event_groups_new")
    for index in ("event_groups_date", "event_groups_story", "event_groups_seen"):
        conn.execute(f"DROP INDEX {index}")
    for statement in SCHEMA_12_GROUPS.split(";"):
        conn.execute(statement)
    conn.execute(
        f"INSERT INTO event_groups ({_COLUMNS}, updated_at, key) SELECT {_COLUMNS}, ?, key"
        " FROM event_groups_new WHERE record IS NOT NULL",
        (STAMP,),
    )
    conn.execute(
        f"INSERT INTO event_groups ({_COLUMNS}, updated_at, key) SELECT id, type, date,"
        " date_end, status, first_seen, last_seen, mentions, articles, sources, story_id, '',"
        " '', ?, key FROM event_groups_new WHERE record IS NULL",
        (STAMP,),
    )
    conn.executemany("UPDATE event_groups SET profile = ?, record = ? WHERE id = ?", rows)
    conn.execute("DROP TABLE event_groups_new")


def make_v12_store(current: Path, path: Path) -> None:
    """A copy at `path` of the store at `current` as schema 12 had it."""
    shutil.copy(current, path)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    to_v12(conn)
    conn.execute("PRAGMA user_version = 12")
    conn.execute("COMMIT")
    conn.close()
