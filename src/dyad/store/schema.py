"""The store's schema, as numbered migrations. Append a migration; never edit a shipped one."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

# A migration's step: SQL statements separated by ";", or a function run in its transaction.
Step = str | Callable[[sqlite3.Connection], None]

MIGRATIONS: list[tuple[int, str, Step]] = [
    (
        1,
        "runs, articles, rejected inputs, actors, events and their mentions",
        """
        CREATE TABLE runs (
            id TEXT PRIMARY KEY,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            command TEXT NOT NULL,
            pipeline_version TEXT NOT NULL,
            model_version TEXT,
            articles_read INTEGER NOT NULL DEFAULT 0,
            articles_new INTEGER NOT NULL DEFAULT 0,
            articles_known INTEGER NOT NULL DEFAULT 0,
            rejected INTEGER NOT NULL DEFAULT 0,
            events INTEGER NOT NULL DEFAULT 0,
            status TEXT NOT NULL DEFAULT 'running'
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
            result TEXT NOT NULL,
            run_id TEXT NOT NULL REFERENCES runs(id),
            pipeline_version TEXT NOT NULL,
            model_version TEXT,
            ingested_at TEXT NOT NULL
        );
        CREATE INDEX articles_date ON articles(date);
        CREATE TABLE rejected (
            origin TEXT NOT NULL,
            reason TEXT NOT NULL,
            message TEXT NOT NULL,
            article_id TEXT,
            run_id TEXT NOT NULL REFERENCES runs(id),
            pipeline_version TEXT NOT NULL,
            recorded_at TEXT NOT NULL,
            PRIMARY KEY (origin, reason)
        );
        CREATE TABLE actors (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            kind TEXT NOT NULL,
            country TEXT,
            sector TEXT,
            aliases TEXT NOT NULL,
            first_seen TEXT,
            last_seen TEXT,
            mentions INTEGER NOT NULL DEFAULT 0,
            merged_into TEXT REFERENCES actors(id),
            pipeline_version TEXT NOT NULL
        );
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
            trigger_text TEXT NOT NULL,
            sentence_text TEXT NOT NULL,
            confidence REAL NOT NULL,
            parent_id TEXT,
            record TEXT NOT NULL,
            pipeline_version TEXT NOT NULL,
            model_version TEXT
        );
        CREATE INDEX events_article ON events(article_id);
        CREATE INDEX events_date ON events(date);
        CREATE INDEX events_type_date ON events(type, date);
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
            article_id TEXT NOT NULL REFERENCES articles(id),
            position INTEGER NOT NULL,
            trigger_start INTEGER NOT NULL,
            trigger_end INTEGER NOT NULL,
            sentence_start INTEGER NOT NULL,
            sentence_end INTEGER NOT NULL,
            PRIMARY KEY (event_id, position)
        );
        CREATE TABLE actor_mentions (
            article_id TEXT NOT NULL REFERENCES articles(id),
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            actor_id TEXT,
            method TEXT NOT NULL,
            confidence REAL NOT NULL
        );
        CREATE INDEX actor_mentions_article ON actor_mentions(article_id);
        CREATE INDEX actor_mentions_actor ON actor_mentions(actor_id);
        CREATE TABLE quotes (
            id TEXT PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES articles(id),
            kind TEXT NOT NULL,
            speaker_id TEXT,
            speaker_text TEXT,
            cue TEXT,
            content TEXT NOT NULL,
            chain TEXT NOT NULL,
            record TEXT NOT NULL
        );
        CREATE INDEX quotes_speaker ON quotes(speaker_id);
        """,
    ),
    (
        2,
        "event groups (one happening, many mentions), members, status history, stories",
        """
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
        CREATE INDEX event_groups_last_seen ON event_groups(last_seen);
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
        CREATE TABLE group_keys (
            key TEXT NOT NULL,
            bucket INTEGER NOT NULL,
            group_id TEXT NOT NULL REFERENCES event_groups(id),
            PRIMARY KEY (key, bucket, group_id)
        ) WITHOUT ROWID;
        CREATE INDEX group_keys_group ON group_keys(group_id);
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
        CREATE TABLE stories (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            first_seen TEXT,
            last_seen TEXT,
            groups INTEGER NOT NULL,
            articles INTEGER NOT NULL,
            record TEXT NOT NULL
        );
        CREATE INDEX stories_last_seen ON stories(last_seen);
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
        """,
    ),
    (
        3,
        "indexes for the HTTP API: newest events first, by date or by type and date",
        """
        CREATE INDEX events_date_id ON events(date, id);
        CREATE INDEX events_type_date_id ON events(type, date, id);
        """,
    ),
    (
        4,
        "index for the HTTP API: an event's date by its id, for party filters with dates",
        """
        CREATE INDEX events_id_date ON events(id, date);
        """,
    ),
]


def _pairs(table: str, doc: str, item: str, id_key: str) -> str:
    """(item, lo, hi, f) for each pair of names two sides of a JSON document face each other
    with (f = 1: actor and recipient) or share (f = 2: two actors). A name is an id, unless
    unresolved ("TXT:..."), or an upper-case country: what `event_actors` can be searched by."""

    def ok(x: str) -> str:
        return (
            f"{x}.type = 'text' AND {x}.atom <> '' AND ({x}.key = '{id_key}'"
            f" AND substr({x}.atom, 1, 4) <> 'TXT:' OR {x}.key = 'country'"
            f" AND {x}.atom = upper({x}.atom))"
        )

    return (
        f"SELECT {item} AS item, min(l.atom, r.atom) AS lo, max(l.atom, r.atom) AS hi, 1 AS f"
        f" FROM {table}, json_tree({doc}, '$.actors') l, json_tree({doc}, '$.recipients') r"
        f" WHERE {{where}} AND {ok('l')} AND {ok('r')}"
        f" UNION ALL SELECT {item}, l.atom, r.atom, 2"
        f" FROM {table}, json_tree({doc}, '$.actors') l, json_tree({doc}, '$.actors') r"
        f" WHERE {{where}} AND {ok('l')} AND {ok('r')} AND l.atom < r.atom"
    )


# The rows of the dyad tables for the groups / members matching `{where}` (on alias g / m),
# as `dyad.grouping.logic.series.dyad_pairs` gives them when grouping writes. Frozen with migration
# 5, which fills the tables of a store grouped before it: a change needs a new migration.
# `expand` (an SQL function of the store's connections) reads a squeezed document or text.
GROUP_DYAD_ROWS = (
    "SELECT p.lo AS lo, p.hi AS hi, coalesce(json_extract(expand(g.record), '$.date'),"
    " json_extract(expand(g.record), '$.first_seen')) AS day, g.id AS id, sum(DISTINCT p.f) AS how,"
    " json_extract(expand(g.record), '$.type'), json_extract(expand(g.record), '$.status'),"
    " json_extract(expand(g.record), '$.quad_class'), json_extract(expand(g.record), '$.goldstein')"
    f" FROM ({_pairs('event_groups g', 'expand(g.record)', 'g.id', 'id')}) p"
    " JOIN event_groups g ON g.id = p.item WHERE day IS NOT NULL GROUP BY g.id, p.lo, p.hi"
)
MEMBER_DYAD_ROWS = (
    "SELECT p.lo AS lo, p.hi AS hi, coalesce(json_extract(expand(m.member), '$.date'),"
    " json_extract(expand(m.member), '$.article_date')) AS day, m.event_id AS id,"
    " sum(DISTINCT p.f) AS how, json_extract(expand(m.member), '$.type'),"
    " json_extract(expand(m.member), '$.quad_class'),"
    " json_extract(expand(m.member), '$.goldstein'),"
    " json_extract(expand(m.member), '$.mentions')"
    f" FROM ({_pairs('group_members m', 'expand(m.member)', 'm.event_id', 'key')}) p"
    " JOIN group_members m ON m.event_id = p.item WHERE day IS NOT NULL"
    " GROUP BY m.event_id, p.lo, p.hi"
)

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


def _tallies_migration() -> str:
    """Tables made if missing and filled anew: a store migrated again (its version set back)
    is counted once."""
    from dyad.store.tallies import tally_sql

    return """
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
        """ + ";".join(tally_sql("1 = 1"))


# Frozen with migration 9: the tallies' SQL (`dyad.store.tallies`) may change only with a new
# migration that refills them.
MIGRATIONS.append(
    (
        9,
        "event and edge tallies per day for the dashboard's timeline, summary and network"
        " (dyad.store.tallies), kept at ingest; groups by last seen and id",
        _tallies_migration(),
    )
)
