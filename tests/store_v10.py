"""A store as Dyad wrote it up to schema 10, before migration 11, for its tests: group
records holding their summary and evidence sentences in full, `event_actors` and
`event_mentions` as rowid tables. Made from a store of the current schema. Frozen: it
describes stores that exist."""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections import OrderedDict
from pathlib import Path

from dyad.store.group_text import fill_records
from dyad.store.squeeze import expand, squeeze

SCHEMA_10_TABLES = """
CREATE TABLE event_actors (
    event_id TEXT NOT NULL REFERENCES events(id),
    role TEXT NOT NULL,
    position INTEGER NOT NULL,
    actor_id TEXT,
    text TEXT NOT NULL,
    country TEXT,
    sector TEXT,
    PRIMARY KEY (event_id, role, position)
);
CREATE INDEX event_actors_actor ON event_actors(actor_id, role);
CREATE INDEX event_actors_country ON event_actors(country, role);
CREATE TABLE event_mentions (
    event_id TEXT NOT NULL REFERENCES events(id),
    position INTEGER NOT NULL,
    trigger_start INTEGER NOT NULL,
    trigger_end INTEGER NOT NULL,
    sentence_start INTEGER NOT NULL,
    sentence_end INTEGER NOT NULL,
    PRIMARY KEY (event_id, position)
)
"""


def make_v10_store(lean: Path, path: Path) -> None:
    """A copy at `path` of the store at `lean` as schema 10 had it."""
    shutil.copy(lean, path)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.create_function("expand", 1, expand, deterministic=True)
    conn.execute("BEGIN")
    rows = conn.execute("SELECT id, record FROM event_groups").fetchall()
    records = [json.loads(expand(r[1]) or "") for r in rows]
    fill_records(conn, records, OrderedDict())
    conn.executemany(
        "UPDATE event_groups SET record = ? WHERE id = ?",
        [(squeeze(json.dumps(r)), row[0]) for r, row in zip(records, rows, strict=True)],
    )
    for table in ("event_actors", "event_mentions"):
        conn.execute(f"ALTER TABLE {table} RENAME TO {table}_new")
    conn.execute("DROP INDEX event_actors_actor")
    conn.execute("DROP INDEX event_actors_country")
    for statement in SCHEMA_10_TABLES.split(";"):
        conn.execute(statement)
    for table in ("event_actors", "event_mentions"):
        conn.execute(f"INSERT INTO {table} SELECT * FROM {table}_new")
        conn.execute(f"DROP TABLE {table}_new")
    conn.execute("PRAGMA user_version = 10")
    conn.execute("COMMIT")
    conn.close()
