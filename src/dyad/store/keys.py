"""Migration 12: tables name events and groups by their integer keys.

An event's text id (`ev_` and 16 hex digits) stays its public id, stored once in `events`,
which gets an integer key (`key`, its INTEGER PRIMARY KEY: the row's old rowid, kept by
VACUUM). The tables holding one or more rows per event name it by that key (`event`):
`event_actors`, `event_mentions`, `event_sources`, `group_members` and `member_dyads`;
`group_members` and `group_dyads` name their group by the key migration 11 gave
`event_groups` (`grp`). `group_members` becomes a table whose rowid is the event's key. The
index of an event's date by its id (migration 4) is dropped: a party filter with dates now
reads the date from the event's row by its key. `quotes` keeps what a quote is found by, its
id and its article's key (the whole quote is in the article's `rest`; its kind, speaker,
chain and offsets, copied beside it, were read by nothing).

Every squeezed document is squeezed again with the dictionary of its kind
(`dyad.store.squeeze.LATEST`). Each step is skipped when done, so the migration can run again
on a store already moved.
"""

from __future__ import annotations

import sqlite3

from dyad.store.squeeze import LATEST, expand, squeeze
from dyad.store.tables import replace_tables

# How a table holding rows per event names it, and the `events` column it names it by: the
# event's integer key (migration 12), or its text id (the SQL of earlier migrations).
KEYED = ("event", "key")
BY_ID = ("event_id", "id")

# The columns of schema 11's `events` (frozen: a later change to the table takes a migration)
_EVENT_COLUMNS = (
    "id, article, type, mode, cameo, quad_class, goldstein, polarity, modality, historical,"
    " date, date_end, date_source, place_id, place_name, place_country, lat, lon,"
    " place_source, attribution, confidence, parent_id, body, date_granularity, named_article"
)

# table: (its new definition, the statements after it is made; the old `events` is still
# there, its rowids the new keys)
TABLES: dict[str, tuple[str, str]] = {
    "event_actors": (
        """
        CREATE TABLE event_actors_keyed (
            event INTEGER NOT NULL REFERENCES events(key),
            role TEXT NOT NULL,
            position INTEGER NOT NULL,
            actor_id TEXT,
            text TEXT NOT NULL,
            country TEXT,
            sector TEXT,
            PRIMARY KEY (event, role, position)
        ) WITHOUT ROWID""",
        "INSERT INTO event_actors_keyed SELECT e.rowid, x.role, x.position, x.actor_id, x.text,"
        " x.country, x.sector FROM event_actors x JOIN events e ON e.id = x.event_id;"
        "CREATE INDEX event_actors_actor_keyed ON event_actors_keyed(actor_id, role);"
        "CREATE INDEX event_actors_country_keyed ON event_actors_keyed(country, role)",
    ),
    "event_mentions": (
        """
        CREATE TABLE event_mentions_keyed (
            event INTEGER NOT NULL REFERENCES events(key),
            position INTEGER NOT NULL,
            trigger_start INTEGER NOT NULL,
            trigger_end INTEGER NOT NULL,
            sentence_start INTEGER NOT NULL,
            sentence_end INTEGER NOT NULL,
            PRIMARY KEY (event, position)
        ) WITHOUT ROWID""",
        "INSERT INTO event_mentions_keyed SELECT e.rowid, m.position, m.trigger_start,"
        " m.trigger_end, m.sentence_start, m.sentence_end FROM event_mentions m"
        " JOIN events e ON e.id = m.event_id",
    ),
    "event_sources": (
        """
        CREATE TABLE event_sources_keyed (
            name TEXT NOT NULL COLLATE NOCASE,
            event INTEGER NOT NULL REFERENCES events(key),
            PRIMARY KEY (name, event)
        ) WITHOUT ROWID""",
        "INSERT INTO event_sources_keyed SELECT s.name, e.rowid FROM event_sources s"
        " JOIN events e ON e.id = s.event_id",
    ),
    "group_members": (
        """
        CREATE TABLE group_members_keyed (
            event INTEGER PRIMARY KEY REFERENCES events(key),
            grp INTEGER NOT NULL REFERENCES event_groups(key),
            score REAL NOT NULL
        )""",
        "INSERT INTO group_members_keyed SELECT e.rowid, g.key, m.score FROM group_members m"
        " JOIN events e ON e.id = m.event_id JOIN event_groups g ON g.id = m.group_id;"
        "CREATE INDEX group_members_group_keyed ON group_members_keyed(grp)",
    ),
    "member_dyads": (
        """
        CREATE TABLE member_dyads_keyed (
            lo TEXT NOT NULL,
            hi TEXT NOT NULL,
            date TEXT NOT NULL,
            event INTEGER NOT NULL REFERENCES events(key),
            how INTEGER NOT NULL,
            type TEXT NOT NULL,
            quad_class INTEGER,
            goldstein REAL,
            mentions INTEGER NOT NULL,
            PRIMARY KEY (lo, hi, date, event)
        ) WITHOUT ROWID""",
        "INSERT INTO member_dyads_keyed SELECT d.lo, d.hi, d.date, e.rowid, d.how, d.type,"
        " d.quad_class, d.goldstein, d.mentions FROM member_dyads d"
        " JOIN events e ON e.id = d.event_id",
    ),
    "group_dyads": (
        """
        CREATE TABLE group_dyads_keyed (
            lo TEXT NOT NULL,
            hi TEXT NOT NULL,
            date TEXT NOT NULL,
            grp INTEGER NOT NULL REFERENCES event_groups(key),
            how INTEGER NOT NULL,
            type TEXT NOT NULL,
            status TEXT NOT NULL,
            quad_class INTEGER,
            goldstein REAL,
            PRIMARY KEY (lo, hi, date, grp)
        ) WITHOUT ROWID""",
        "INSERT INTO group_dyads_keyed SELECT d.lo, d.hi, d.date, g.key, d.how, d.type,"
        " d.status, d.quad_class, d.goldstein FROM group_dyads d"
        " JOIN event_groups g ON g.id = d.group_id;"
        "CREATE INDEX group_dyads_group_keyed ON group_dyads_keyed(grp)",
    ),
    "quotes": (
        """
        CREATE TABLE quotes_keyed (
            id TEXT PRIMARY KEY,
            article INTEGER NOT NULL REFERENCES articles(key)
        ) WITHOUT ROWID""",
        "INSERT INTO quotes_keyed SELECT id, article FROM quotes",
    ),
    "events": (
        """
        CREATE TABLE events_keyed (
            id TEXT NOT NULL UNIQUE,
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
            named_article TEXT,
            key INTEGER PRIMARY KEY
        )""",
        f"INSERT INTO events_keyed ({_EVENT_COLUMNS}, key) SELECT {_EVENT_COLUMNS}, rowid"
        " FROM events ORDER BY rowid;"
        "CREATE INDEX events_article_keyed ON events_keyed(article);"
        "CREATE INDEX events_named_keyed ON events_keyed(named_article)"
        " WHERE named_article IS NOT NULL;"
        "CREATE INDEX events_date_id_keyed ON events_keyed(date, id);"
        "CREATE INDEX events_type_date_id_keyed ON events_keyed(type, date, id)",
    ),
}


def keyed(conn: sqlite3.Connection) -> None:
    """Move a schema-11 store (inside the migration's transaction)."""
    tables = dict(conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'"))
    todo = [t for t in TABLES if t in tables and not _moved(t, tables[t])]
    replace_tables(conn, TABLES, todo, "_keyed")  # events last: the others take its rowids
    _resqueeze_all(conn)


# table, column: the kind of document it holds
SQUEEZED = {
    ("events", "body"): "event",
    ("event_groups", "record"): "group",
    ("event_groups", "profile"): "profile",
    ("articles", "rest"): "rest",
    ("articles", "text"): "text",
}


def resqueeze(value: bytes | str | None, kind: str) -> bytes | str | None:
    """`value` squeezed with the dictionary of its `kind`, if it is not already."""
    if value is None or (isinstance(value, bytes) and value[0] == LATEST[kind]):
        return value
    return squeeze(str(expand(value)), kind)


def _resqueeze_all(conn: sqlite3.Connection) -> None:
    conn.create_function("resqueeze", 2, resqueeze, deterministic=True)
    for (table, column), kind in SQUEEZED.items():
        conn.execute(f"UPDATE {table} SET {column} = resqueeze({column}, ?)", (kind,))


def _moved(table: str, sql: str) -> bool:
    if table == "events":
        return "key INTEGER PRIMARY KEY" in sql
    if table == "group_dyads":
        return "grp INTEGER" in sql
    if table == "quotes":
        return "WITHOUT ROWID" in sql
    return "event INTEGER" in sql
