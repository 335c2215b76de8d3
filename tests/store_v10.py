"""A store as Dyad wrote it up to schema 10, before migration 11, for its tests: group
records holding their summary and evidence sentences in full, articles keyed by their text
id only (the events, `article_actors`, `quotes` and story tables naming them by it), groups
likewise (`group_keys` naming them by it),
`event_actors` and `event_mentions` as rowid tables. Made from a store of the current
schema. Frozen: it describes stores that exist."""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections import OrderedDict
from pathlib import Path

from dyad.store.group_text import fill_records
from dyad.store.squeeze import expand, squeeze
from store_v11 import to_v11
from store_v12 import to_v12

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
);
CREATE TABLE articles (
    id TEXT PRIMARY KEY,
    date TEXT,
    source TEXT,
    title TEXT,
    url TEXT,
    origin TEXT NOT NULL,
    text TEXT NOT NULL,
    notes TEXT NOT NULL,
    run_id TEXT NOT NULL REFERENCES runs(id),
    pipeline_version TEXT NOT NULL,
    model_version TEXT,
    ingested_at TEXT NOT NULL,
    rest BLOB
);
CREATE INDEX articles_date ON articles(date);
CREATE TABLE article_actors (
    article_id TEXT NOT NULL REFERENCES articles(id),
    actor_id TEXT NOT NULL,
    mentions INTEGER NOT NULL,
    PRIMARY KEY (article_id, actor_id)
) WITHOUT ROWID;
CREATE TABLE quotes (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id),
    kind TEXT NOT NULL,
    speaker_id TEXT,
    chain TEXT NOT NULL,
    content_start INTEGER,
    content_end INTEGER
);
CREATE INDEX quotes_speaker ON quotes(speaker_id);
CREATE TABLE events (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id),
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
    body TEXT, date_granularity TEXT);
CREATE INDEX events_article ON events(article_id);
CREATE INDEX events_date_id ON events(date, id);
CREATE INDEX events_type_date_id ON events(type, date, id);
CREATE INDEX events_id_date ON events(id, date);
CREATE TABLE story_articles (
    article_id TEXT PRIMARY KEY REFERENCES articles(id),
    story_id TEXT NOT NULL,
    date TEXT,
    countries TEXT NOT NULL
);
CREATE INDEX story_articles_story ON story_articles(story_id);
CREATE TABLE story_keys (
    key TEXT NOT NULL,
    bucket INTEGER NOT NULL,
    article_id TEXT NOT NULL REFERENCES articles(id),
    PRIMARY KEY (key, bucket, article_id)
) WITHOUT ROWID;
CREATE TABLE event_groups (
    id TEXT PRIMARY KEY,
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
    updated_at TEXT NOT NULL
);
CREATE INDEX event_groups_date ON event_groups(date);
CREATE INDEX event_groups_story ON event_groups(story_id);
CREATE INDEX event_groups_seen ON event_groups(last_seen DESC, id);
CREATE TABLE group_keys (
    key TEXT NOT NULL,
    bucket INTEGER NOT NULL,
    group_id TEXT NOT NULL REFERENCES event_groups(id),
    PRIMARY KEY (key, bucket, group_id)
) WITHOUT ROWID
"""
# Each table's rows from the current table (`new`), as schema 10 had them.
COPIES = {
    "event_actors": "SELECT * FROM new",
    "event_mentions": "SELECT * FROM new",
    "articles": "SELECT id, date, source, title, url, origin, text, notes, run_id,"
    " pipeline_version, model_version, ingested_at, rest FROM new ORDER BY key",
    "article_actors": "SELECT a.id, m.actor_id, m.mentions FROM new m"
    " JOIN articles_new a ON a.key = m.article",
    "quotes": "SELECT q.id, a.id, q.kind, q.speaker_id, q.chain, q.content_start, q.content_end"
    " FROM new q JOIN articles_new a ON a.key = q.article",
    "events": "SELECT e.id, coalesce(e.named_article, a.id), e.type, e.mode, e.cameo,"
    " e.quad_class, e.goldstein,"
    " e.polarity, e.modality, e.historical, e.date, e.date_end, e.date_source, e.place_id,"
    " e.place_name, e.place_country, e.lat, e.lon, e.place_source, e.attribution,"
    " e.confidence, e.parent_id, e.body, e.date_granularity"
    " FROM new e LEFT JOIN articles_new a ON a.key = e.article ORDER BY e.rowid",
    "story_articles": "SELECT a.id, s.story_id, s.date, s.countries FROM new s"
    " JOIN articles_new a ON a.key = s.article",
    "story_keys": "SELECT s.key, s.bucket, a.id FROM new s"
    " JOIN articles_new a ON a.key = s.article",
    "event_groups": "SELECT id, type, date, date_end, status, first_seen, last_seen, mentions,"
    " articles, sources, story_id, profile, record, updated_at FROM new ORDER BY key",
    "group_keys": "SELECT k.key, k.bucket, g.id FROM new k JOIN event_groups_new g"
    " ON g.key = k.grp",
}


def make_v10_store(lean: Path, path: Path) -> None:
    """A copy at `path` of the store at `lean` as schema 10 had it."""
    shutil.copy(lean, path)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.create_function("expand", 1, expand, deterministic=True)
    conn.execute("BEGIN")
    to_v12(conn)  # the table migration 13 changed, as it was
    rows = conn.execute("SELECT id, record FROM event_groups").fetchall()
    records = [json.loads(expand(r[1]) or "") for r in rows]
    fill_records(conn, records, OrderedDict())
    conn.executemany(
        "UPDATE event_groups SET record = ? WHERE id = ?",
        [(squeeze(json.dumps(r)), row[0]) for r, row in zip(records, rows, strict=True)],
    )
    to_v11(conn)  # the tables migration 12 changed, as they were
    for table in COPIES:
        conn.execute(f"ALTER TABLE {table} RENAME TO {table}_new")
    for index in ("event_actors_actor", "event_actors_country", "articles_date", "quotes_speaker"):
        conn.execute(f"DROP INDEX {index}")
    for index in (
        "events_article",
        "events_named",
        "events_date_id",
        "events_type_date_id",
        "events_id_date",  # made again by `to_v11`
        "story_articles_story",
        "event_groups_date",
        "event_groups_story",
        "event_groups_seen",
    ):
        conn.execute(f"DROP INDEX {index}")
    for statement in SCHEMA_10_TABLES.split(";"):
        conn.execute(statement)
    for table, select in COPIES.items():
        conn.execute(f"INSERT INTO {table} {select.replace('FROM new', f'FROM {table}_new')}")
    for table in COPIES:
        conn.execute(f"DROP TABLE {table}_new")
    conn.execute("PRAGMA user_version = 10")
    conn.execute("COMMIT")
    conn.close()
