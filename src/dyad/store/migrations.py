"""The store's schema, as numbered migrations: the first schema (`dyad.store.schema`) and
every later step. Append a migration; never edit a shipped one."""

from __future__ import annotations

import sqlite3

from dyad.store.dyad_rows import GROUP_DYAD_ROWS, MEMBER_DYAD_ROWS
from dyad.store.schema import BASE, Step

MIGRATIONS: list[tuple[int, str, Step]] = list(BASE)

MIGRATIONS.append(
    (
        5,
        "dyad tables for series: each group and member under each pair of names it involves",
        f"""
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
        INSERT INTO group_dyads {GROUP_DYAD_ROWS.format(where="1 = 1")};
        INSERT INTO member_dyads {MEMBER_DYAD_ROWS.format(where="1 = 1")}
        """,
    )
)

MIGRATIONS.append(
    (
        6,
        "the process and host of each run, so a later run can tell a killed one from a live one",
        """
        ALTER TABLE runs ADD COLUMN pid INTEGER;
        ALTER TABLE runs ADD COLUMN host TEXT
        """,
    )
)
MIGRATIONS.append(
    (
        7,
        "event_sources: each event under each name of its attribution chain and its publisher,"
        " for the indexed `source` filter",
        """
        CREATE TABLE event_sources (
            name TEXT NOT NULL COLLATE NOCASE,
            event_id TEXT NOT NULL REFERENCES events(id),
            PRIMARY KEY (name, event_id)
        ) WITHOUT ROWID;
        CREATE INDEX event_sources_event ON event_sources(event_id);
        INSERT OR IGNORE INTO event_sources
            SELECT j.value, e.id FROM events e, json_each(e.attribution) j
            WHERE j.type = 'text';
        INSERT OR IGNORE INTO event_sources
            SELECT a.source, e.id FROM events e JOIN articles a ON a.id = e.article_id
            WHERE a.source IS NOT NULL AND a.source <> ''
        """,
    )
)


def _lean(conn: sqlite3.Connection) -> None:
    from dyad.store.relayout import relayout

    relayout(conn)


MIGRATIONS.append(
    (
        8,
        "a lean store: each fact once. Events keep a packed record (`body`) without the texts"
        " the article holds, articles their text once and the rest of their result packed and"
        " compressed (`rest`), places their fields once (`places`); see `dyad.store.records`",
        _lean,
    )
)


def _tallies_migration(conn: sqlite3.Connection) -> None:
    """Tables made if missing and filled anew: a store migrated again (its version set back)
    is counted once, whether its tables name events by id (as when migration 9 shipped) or by
    key (migration 12)."""
    from dyad.store.keys import BY_ID, KEYED
    from dyad.store.tallies import tally_sql

    columns = {r[1] for r in conn.execute("PRAGMA table_info(event_actors)")}
    keys = KEYED if "event" in columns else BY_ID
    sql = """
        CREATE TABLE IF NOT EXISTS event_tallies (
            scope TEXT NOT NULL,
            date TEXT NOT NULL,
            type TEXT NOT NULL,
            polarity TEXT NOT NULL,
            modality TEXT NOT NULL,
            historical INTEGER NOT NULL,
            quad_class INTEGER NOT NULL,
            cent INTEGER NOT NULL,
            events INTEGER NOT NULL,
            goldstein REAL NOT NULL,
            scored INTEGER NOT NULL,
            PRIMARY KEY (scope, date, type, polarity, modality, historical, quad_class, cent)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS edge_tallies (
            date TEXT NOT NULL,
            source TEXT NOT NULL,
            target TEXT NOT NULL,
            type TEXT NOT NULL,
            polarity TEXT NOT NULL,
            modality TEXT NOT NULL,
            historical INTEGER NOT NULL,
            cent INTEGER NOT NULL,
            events INTEGER NOT NULL,
            rows INTEGER NOT NULL,
            goldstein REAL NOT NULL,
            scored INTEGER NOT NULL,
            PRIMARY KEY (date, source, target, type, polarity, modality, historical, cent)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS event_groups_seen ON event_groups(last_seen DESC, id);
        DELETE FROM event_tallies;
        DELETE FROM edge_tallies;
        """ + ";".join(tally_sql("1 = 1", keys=keys))
    for statement in sql.split(";"):
        if statement.strip():
            conn.execute(statement)


# Frozen with migration 9: the tallies' SQL (`dyad.store.tallies`) may change only with a new
# migration that refills them.
MIGRATIONS.append(
    (
        9,
        "event and edge tallies per day for the dashboard's timeline, summary and network"
        " (dyad.store.tallies), kept at ingest; groups by last seen and id",
        _tallies_migration,
    )
)

# Migration 10. Written to run again on a store already moved (its version set back, as a
# test of migration 9 does): each step is skipped when done.
_LEAN_MEMBERS = """
CREATE TABLE group_members_lean (
    event_id TEXT PRIMARY KEY REFERENCES events(id),
    group_id TEXT NOT NULL REFERENCES event_groups(id),
    score REAL NOT NULL
) WITHOUT ROWID;
INSERT INTO group_members_lean SELECT event_id, group_id, score FROM group_members;
DROP TABLE group_members;
ALTER TABLE group_members_lean RENAME TO group_members;
CREATE INDEX group_members_group ON group_members(group_id)
"""
_DROPPED = """
DROP TABLE IF EXISTS group_status;
DROP INDEX IF EXISTS group_keys_group;
DROP INDEX IF EXISTS event_sources_event;
DROP INDEX IF EXISTS event_groups_last_seen
"""


def _lean_groups(conn: sqlite3.Connection) -> None:
    """Members without their JSON, article id and date; the copies and indexes dropped."""
    columns = {r[1] for r in conn.execute("PRAGMA table_info(group_members)")}
    steps = (_LEAN_MEMBERS if "member" in columns else "") + ";" + _DROPPED
    for statement in steps.split(";"):
        if statement.strip():
            conn.execute(statement)


MIGRATIONS.append(
    (
        10,
        "each group fact once: a member is its event, group and score (its grouping view is"
        " rebuilt from the event on read, its article and date are the event's); the status"
        " history lives in the group's record only; indexes no read uses are dropped",
        _lean_groups,
    )
)


def _slim(conn: sqlite3.Connection) -> None:
    from dyad.store.slim import slim

    slim(conn)


MIGRATIONS.append(
    (
        11,
        "group records without copies of the article text (the summary and a status's"
        " evidence are cut from it on read, `dyad.store.group_text`); articles get an integer"
        " key, which events, `article_actors`, `quotes` and the story tables name them by;"
        " groups one, which `group_keys` names them by; `event_actors` and `event_mentions`"
        " without rowid (`dyad.store.slim`)",
        _slim,
    )
)


def _keyed(conn: sqlite3.Connection) -> None:
    from dyad.store.keys import keyed

    keyed(conn)


MIGRATIONS.append(
    (
        12,
        "events get an integer key, which `event_actors`, `event_mentions`, `event_sources`,"
        " `group_members` and `member_dyads` name them by; `group_members` and `group_dyads`"
        " name their group by its key; the index of an event's date by its id is dropped;"
        " `quotes` keeps a quote's id and article only; documents squeezed again with the"
        " dictionary of their kind (`dyad.store.keys`)",
        _keyed,
    )
)


def _alone(conn: sqlite3.Connection) -> None:
    from dyad.store.alone import alone

    alone(conn)


MIGRATIONS.append(
    (
        13,
        "a group of one event keeps no record or profile: both are rebuilt from its event on"
        " read; `event_groups.updated_at` goes (`dyad.store.alone`)",
        _alone,
    )
)
