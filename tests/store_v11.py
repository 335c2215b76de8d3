"""A store as Dyad wrote it up to schema 11, before migration 12, for its tests: events keyed
by their text id only (`id TEXT PRIMARY KEY`, with the index of their date by id), the
tables holding rows per event or group naming them by those ids, and `quotes` with copies of
each quote's kind, speaker, chain and offsets. Made from a store of the
current schema. Frozen: it describes stores that exist."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

from dyad.model import ArticleResult
from dyad.store.packing import Packer
from dyad.store.records import PlaceTable, unpack_rest
from dyad.store.squeeze import expand
from store_v12 import to_v12

SCHEMA_11_TABLES = """
CREATE TABLE event_actors (
    event_id TEXT NOT NULL REFERENCES events(id),
    role TEXT NOT NULL,
    position INTEGER NOT NULL,
    actor_id TEXT,
    text TEXT NOT NULL,
    country TEXT,
    sector TEXT,
    PRIMARY KEY (event_id, role, position)
) WITHOUT ROWID;
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
) WITHOUT ROWID;
CREATE TABLE event_sources (
    name TEXT NOT NULL COLLATE NOCASE,
    event_id TEXT NOT NULL REFERENCES events(id),
    PRIMARY KEY (name, event_id)
) WITHOUT ROWID;
CREATE TABLE group_members (
    event_id TEXT PRIMARY KEY REFERENCES events(id),
    group_id TEXT NOT NULL REFERENCES event_groups(id),
    score REAL NOT NULL
) WITHOUT ROWID;
CREATE INDEX group_members_group ON group_members(group_id);
CREATE TABLE member_dyads (
    lo TEXT NOT NULL,
    hi TEXT NOT NULL,
    date TEXT NOT NULL,
    event_id TEXT NOT NULL REFERENCES group_members(event_id),
    how INTEGER NOT NULL,
    type TEXT NOT NULL,
    quad_class INTEGER,
    goldstein REAL,
    mentions INTEGER NOT NULL,
    PRIMARY KEY (lo, hi, date, event_id)
) WITHOUT ROWID;
CREATE TABLE group_dyads (
    lo TEXT NOT NULL,
    hi TEXT NOT NULL,
    date TEXT NOT NULL,
    group_id TEXT NOT NULL REFERENCES event_groups(id),
    how INTEGER NOT NULL,
    type TEXT NOT NULL,
    status TEXT NOT NULL,
    quad_class INTEGER,
    goldstein REAL,
    PRIMARY KEY (lo, hi, date, group_id)
) WITHOUT ROWID;
CREATE INDEX group_dyads_group ON group_dyads(group_id);
CREATE TABLE events (
    id TEXT PRIMARY KEY,
    article INTEGER REFERENCES articles(key),
    type TEXT NOT NULL,
    mode TEXT,
    cameo TEXT,
    quad_class INTEGER,
    goldstein REAL,
    polarity TEXT NOT NULL,
    modality TEXT NOT NULL,
    historical INTEGER NOT NULL,
    date TEXT,
    date_end TEXT,
    date_source TEXT NOT NULL,
    place_id INTEGER,
    place_name TEXT,
    place_country TEXT,
    lat REAL,
    lon REAL,
    place_source TEXT NOT NULL,
    attribution TEXT NOT NULL,
    confidence REAL NOT NULL,
    parent_id TEXT,
    body TEXT,
    date_granularity TEXT,
    named_article TEXT
);
CREATE INDEX events_article ON events(article);
CREATE INDEX events_named ON events(named_article) WHERE named_article IS NOT NULL;
CREATE INDEX events_date_id ON events(date, id);
CREATE INDEX events_type_date_id ON events(type, date, id);
CREATE INDEX events_id_date ON events(id, date);
CREATE TABLE quotes (
    id TEXT PRIMARY KEY,
    article INTEGER NOT NULL REFERENCES articles(key),
    kind TEXT NOT NULL,
    speaker_id TEXT,
    chain TEXT NOT NULL,
    content_start INTEGER,
    content_end INTEGER
);
CREATE INDEX quotes_speaker ON quotes(speaker_id)
"""
_EVENT = "(SELECT id FROM events_new WHERE key = t.event)"
_GROUP = "(SELECT id FROM event_groups WHERE key = t.grp)"
# Each table's rows from the current table (`new`, alias t), as schema 11 had them.
COPIES = {
    "event_actors": f"SELECT {_EVENT}, role, position, actor_id, text, country, sector FROM new t",
    "event_mentions": f"SELECT {_EVENT}, position, trigger_start, trigger_end, sentence_start,"
    " sentence_end FROM new t",
    "event_sources": f"SELECT name, {_EVENT} FROM new t",
    "group_members": f"SELECT {_EVENT}, {_GROUP}, score FROM new t",
    "member_dyads": f"SELECT lo, hi, date, {_EVENT}, how, type, quad_class, goldstein, mentions"
    " FROM new t",
    "group_dyads": f"SELECT lo, hi, date, {_GROUP}, how, type, status, quad_class, goldstein"
    " FROM new t",
    "events": "SELECT id, article, type, mode, cameo, quad_class, goldstein, polarity, modality,"
    " historical, date, date_end, date_source, place_id, place_name, place_country, lat, lon,"
    " place_source, attribution, confidence, parent_id, body, date_granularity, named_article"
    " FROM new t ORDER BY key",
}
_INDEXES = (
    "event_actors_actor",
    "event_actors_country",
    "group_members_group",
    "group_dyads_group",
    "events_article",
    "events_named",
    "events_date_id",
    "events_type_date_id",
)


def to_v11(conn: sqlite3.Connection) -> None:
    """The tables migration 12 changed, as schema 11 had them (inside a transaction)."""
    for table in COPIES:
        conn.execute(f"ALTER TABLE {table} RENAME TO {table}_new")
    for index in _INDEXES:
        conn.execute(f"DROP INDEX {index}")
    conn.execute("ALTER TABLE quotes RENAME TO quotes_new")
    for statement in SCHEMA_11_TABLES.split(";"):
        conn.execute(statement)
    for table, select in COPIES.items():
        conn.execute(f"INSERT INTO {table} {select.replace('FROM new', f'FROM {table}_new')}")
    for table in COPIES:
        conn.execute(f"DROP TABLE {table}_new")
    conn.execute("DROP TABLE quotes_new")
    conn.executemany(
        "INSERT INTO quotes VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            row
            for key, text, rest in conn.execute("SELECT key, text, rest FROM articles").fetchall()
            for row in _quote_rows(PlaceTable(conn), key, text, rest)
        ],
    )


def _quote_rows(
    places: PlaceTable, key: int, text: object, rest: bytes
) -> list[tuple[object, ...]]:
    """The schema-11 `quotes` rows of one article: the columns copied from each quote."""
    packer = Packer(expand(text), places)
    quotes = packer.unpack(ArticleResult, unpack_rest(rest)[1])["quotes"]
    return [
        (
            q["id"],
            key,
            q["kind"],
            q["speaker"]["actor_id"] if q["speaker"] else None,
            json.dumps([s["name"] for s in q["chain"]]),
            q["content"]["start"],
            q["content"]["end"],
        )
        for q in quotes
    ]


def make_v11_store(current: Path, path: Path) -> None:
    """A copy at `path` of the store at `current` as schema 11 had it."""
    shutil.copy(current, path)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    to_v12(conn)  # the table migration 13 changed, as it was
    to_v11(conn)
    conn.execute("PRAGMA user_version = 11")
    conn.execute("COMMIT")
    conn.close()
