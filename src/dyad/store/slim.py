"""Migration 11: text keys stored once, group records without copies of the article text.

- `articles` gets an integer key (`key`, its INTEGER PRIMARY KEY, which VACUUM keeps); an
  article's text id stays its public id, stored once. `events`, `article_actors`, `quotes`,
  `story_articles` and `story_keys` name their article by that key (`article`) instead of
  the ~50 characters of its id; reads
  give the id (`dyad.store.records.ARTICLE_ID`). An event naming an article the store does
  not hold keeps that id (`named_article`, else NULL) and no key.
- `event_groups` gets an integer key too, which `group_keys` (the blocking keys read at
  ingest) names a group by (`grp`).
- `event_actors` and `event_mentions` become WITHOUT ROWID tables: their rows live in the
  order of their key (the event id first), without a rowid and a second copy of the key.
- Group records hold no copy of their summary and evidence sentences
  (`dyad.store.group_text`).

Each step is skipped when done, so the migration can run again on a store already moved.
"""

from __future__ import annotations

import sqlite3

from dyad.store.group_text import slim_all
from dyad.store.tables import replace_tables

ARTICLE_COLUMNS = (
    "id, date, source, title, url, origin, text, notes, run_id, pipeline_version,"
    " model_version, ingested_at, rest"
)
EVENT_COLUMNS = (
    "e.type, e.mode, e.cameo, e.quad_class, e.goldstein, e.polarity, e.modality, e.historical,"
    " e.date, e.date_end, e.date_source, e.place_id, e.place_name, e.place_country, e.lat,"
    " e.lon, e.place_source, e.attribution, e.confidence, e.parent_id, e.body,"
    " e.date_granularity"
)
GROUP_COLUMNS = (
    "id, type, date, date_end, status, first_seen, last_seen, mentions, articles, sources,"
    " story_id, profile, record, updated_at"
)

# table: (its new definition, the statements after its rows are copied into it)
TABLES: dict[str, tuple[str, str]] = {
    "articles": (
        """
        CREATE TABLE articles_slim (
            id TEXT NOT NULL UNIQUE,
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
            rest BLOB,
            key INTEGER PRIMARY KEY
        )""",
        f"INSERT INTO articles_slim ({ARTICLE_COLUMNS}) SELECT {ARTICLE_COLUMNS} FROM articles"
        " ORDER BY rowid;"
        "CREATE INDEX articles_date_slim ON articles_slim(date)",
    ),
    "events": (
        """
        CREATE TABLE events_slim (
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
        )""",
        f"INSERT INTO events_slim SELECT e.id, a.key, {EVENT_COLUMNS},"
        " CASE WHEN a.key IS NULL THEN e.article_id END FROM events e"
        " LEFT JOIN articles_slim a ON a.id = e.article_id ORDER BY e.rowid;"
        "CREATE INDEX events_article_slim ON events_slim(article);"
        "CREATE INDEX events_named_slim ON events_slim(named_article)"
        " WHERE named_article IS NOT NULL;"
        "CREATE INDEX events_date_id_slim ON events_slim(date, id);"
        "CREATE INDEX events_type_date_id_slim ON events_slim(type, date, id);"
        "CREATE INDEX events_id_date_slim ON events_slim(id, date)",
    ),
    "article_actors": (
        """
        CREATE TABLE article_actors_slim (
            article INTEGER NOT NULL REFERENCES articles(key),
            actor_id TEXT NOT NULL,
            mentions INTEGER NOT NULL,
            PRIMARY KEY (article, actor_id)
        ) WITHOUT ROWID""",
        "INSERT INTO article_actors_slim SELECT a.key, m.actor_id, m.mentions"
        " FROM article_actors m LEFT JOIN articles_slim a ON a.id = m.article_id",
    ),
    "quotes": (
        """
        CREATE TABLE quotes_slim (
            id TEXT PRIMARY KEY,
            article INTEGER NOT NULL REFERENCES articles(key),
            kind TEXT NOT NULL,
            speaker_id TEXT,
            chain TEXT NOT NULL,
            content_start INTEGER,
            content_end INTEGER
        )""",
        "INSERT INTO quotes_slim SELECT q.id, a.key, q.kind, q.speaker_id, q.chain,"
        " q.content_start, q.content_end FROM quotes q LEFT JOIN articles_slim a"
        " ON a.id = q.article_id;"
        "CREATE INDEX quotes_speaker_slim ON quotes_slim(speaker_id)",
    ),
    "story_articles": (
        """
        CREATE TABLE story_articles_slim (
            article INTEGER PRIMARY KEY REFERENCES articles(key),
            story_id TEXT NOT NULL,
            date TEXT,
            countries TEXT NOT NULL
        )""",
        "INSERT INTO story_articles_slim SELECT a.key, s.story_id, s.date, s.countries"
        " FROM story_articles s JOIN articles_slim a ON a.id = s.article_id;"
        "CREATE INDEX story_articles_story_slim ON story_articles_slim(story_id)",
    ),
    "story_keys": (
        """
        CREATE TABLE story_keys_slim (
            key TEXT NOT NULL,
            bucket INTEGER NOT NULL,
            article INTEGER NOT NULL REFERENCES articles(key),
            PRIMARY KEY (key, bucket, article)
        ) WITHOUT ROWID""",
        "INSERT INTO story_keys_slim SELECT s.key, s.bucket, a.key FROM story_keys s"
        " JOIN articles_slim a ON a.id = s.article_id",
    ),
    "event_groups": (
        """
        CREATE TABLE event_groups_slim (
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
        )""",
        f"INSERT INTO event_groups_slim ({GROUP_COLUMNS}) SELECT {GROUP_COLUMNS}"
        " FROM event_groups ORDER BY rowid;"
        "CREATE INDEX event_groups_date_slim ON event_groups_slim(date);"
        "CREATE INDEX event_groups_story_slim ON event_groups_slim(story_id);"
        "CREATE INDEX event_groups_seen_slim ON event_groups_slim(last_seen DESC, id)",
    ),
    "group_keys": (
        """
        CREATE TABLE group_keys_slim (
            key TEXT NOT NULL,
            bucket INTEGER NOT NULL,
            grp INTEGER NOT NULL REFERENCES event_groups(key),
            PRIMARY KEY (key, bucket, grp)
        ) WITHOUT ROWID""",
        "INSERT INTO group_keys_slim SELECT k.key, k.bucket, g.key FROM group_keys k"
        " JOIN event_groups_slim g ON g.id = k.group_id",
    ),
    "event_actors": (
        """
        CREATE TABLE event_actors_slim (
            event_id TEXT NOT NULL REFERENCES events(id),
            role TEXT NOT NULL,
            position INTEGER NOT NULL,
            actor_id TEXT,
            text TEXT NOT NULL,
            country TEXT,
            sector TEXT,
            PRIMARY KEY (event_id, role, position)
        ) WITHOUT ROWID""",
        "INSERT INTO event_actors_slim SELECT * FROM event_actors;"
        "CREATE INDEX event_actors_actor_slim ON event_actors_slim(actor_id, role);"
        "CREATE INDEX event_actors_country_slim ON event_actors_slim(country, role)",
    ),
    "event_mentions": (
        """
        CREATE TABLE event_mentions_slim (
            event_id TEXT NOT NULL REFERENCES events(id),
            position INTEGER NOT NULL,
            trigger_start INTEGER NOT NULL,
            trigger_end INTEGER NOT NULL,
            sentence_start INTEGER NOT NULL,
            sentence_end INTEGER NOT NULL,
            PRIMARY KEY (event_id, position)
        ) WITHOUT ROWID""",
        "INSERT INTO event_mentions_slim SELECT * FROM event_mentions",
    ),
}


def slim(conn: sqlite3.Connection) -> None:
    """Move a schema-10 store (inside the migration's transaction)."""
    done = {
        r[0]
        for r in conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'")
        if r[0] in TABLES and _moved(r[0], r[1])
    }
    # articles last: the others are copied by its new keys
    replace_tables(conn, TABLES, [t for t in TABLES if t not in done], "_slim")
    slim_all(conn)


def _moved(table: str, sql: str) -> bool:
    if table in ("articles", "event_groups"):
        return "INTEGER PRIMARY KEY" in sql
    if table == "group_keys":
        return "grp INTEGER" in sql
    if table in ("events", "article_actors", "quotes", "story_articles", "story_keys"):
        return "article INTEGER" in sql
    return "WITHOUT ROWID" in sql
