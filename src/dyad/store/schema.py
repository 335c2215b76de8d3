"""The store's first schema: migrations 1 to 4. Later ones are in `dyad.store.migrations`;
never edit a shipped one."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

# A migration's step: SQL statements separated by ";", or a function run in its transaction.
Step = str | Callable[[sqlite3.Connection], None]

BASE: list[tuple[int, str, Step]] = [
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
