"""Migration 13: a group of one event keeps no record or profile of its own.

About four groups in five hold a single event (2,878 of 3,250 on 300 PolNeAR articles), and
their record and matching profile, about 260 bytes per event squeezed, follow from that
event. They are stored as NULL; `dyad.grouping.stored` rebuilds them from the event when it
reads them (the record through `ALONE` in `dyad.store.groups`), as it has rebuilt members
since migration 10. A group that grows past one event is written whole again. The record a
user reads is built by the Dyad that reads it: on a store written by an older Dyad, a
group of one event shows what this one makes of its event.

`event_groups.updated_at`, read by nothing, goes; `confidence` comes, the highest confidence
of a member event (the record's own `confidence`): whether a group is doubtful, under a
threshold, is read from the group's row instead of from every member's event.
"""

from __future__ import annotations

import sqlite3

from dyad.store.tables import replace_tables

# The columns kept (frozen: a later change to the table takes a migration).
_KEPT = (
    "id, type, date, date_end, status, first_seen, last_seen, mentions, articles, sources, story_id"
)
_ONE = "(SELECT count(*) FROM group_members m WHERE m.grp = g.key) = 1"
_TOP = (
    "(SELECT max(e.confidence) FROM group_members m JOIN events e ON e.key = m.event"
    " WHERE m.grp = g.key)"
)

TABLES: dict[str, tuple[str, str]] = {
    "event_groups": (
        """
        CREATE TABLE event_groups_alone (
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
            confidence REAL,
            profile BLOB,
            record BLOB,
            key INTEGER PRIMARY KEY
        )""",
        f"INSERT INTO event_groups_alone ({_KEPT}, confidence, profile, record, key)"
        f" SELECT {_KEPT}, {_TOP}, CASE WHEN {_ONE} THEN NULL ELSE profile END,"
        f" CASE WHEN {_ONE} THEN NULL ELSE record END, key FROM event_groups g ORDER BY key;"
        "CREATE INDEX event_groups_date_alone ON event_groups_alone(date);"
        "CREATE INDEX event_groups_story_alone ON event_groups_alone(story_id);"
        "CREATE INDEX event_groups_seen_alone ON event_groups_alone(last_seen DESC, id)",
    ),
}


def alone(conn: sqlite3.Connection) -> None:
    """Move a schema-12 store (inside the migration's transaction); a store already moved
    (no `updated_at`) stays as it is."""
    columns = {r[1] for r in conn.execute("PRAGMA table_info(event_groups)")}
    if "updated_at" in columns:
        replace_tables(conn, TABLES, ["event_groups"], "_alone")
