"""A store as Dyad wrote it at schema 7, before the lean layout (migration 8), for the tests of
that migration: the schema of migrations 1 to 7, and the rows the writer of that time wrote
(full JSON records beside the indexed columns). Frozen: it describes stores that exist."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from pathlib import Path

from dyad.model import ArticleResult, Event, to_dict
from dyad.store.migrations import MIGRATIONS
from dyad.store.squeeze import expand
from store_v9 import member_rows, status_rows
from store_v12 import make_v12_store


def make_v7_store(path: Path, results: Sequence[ArticleResult]) -> None:
    """A schema-7 store at `path` holding `results` (no groups: see `copy_groups`)."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    for number, _, step in MIGRATIONS[:7]:
        assert number <= 7 and isinstance(step, str)
        for statement in step.split(";"):
            if statement.strip():
                conn.execute(statement.replace("expand(", "("))
    conn.execute("PRAGMA user_version = 7")
    conn.execute(
        "INSERT INTO runs (id, started_at, command, pipeline_version) VALUES"
        " ('run_v7', '2026-01-01', 'ingest', 'v7')"
    )
    for result in results:
        _write_result(conn, result)
    conn.execute("COMMIT")
    conn.close()


# The story tables name articles by their ids, `group_keys` groups by theirs (a lean store by
# their keys since migration 11), the dyad tables groups and events by theirs (by their keys
# since migration 12).
KEYED = {
    "event_groups": "SELECT id, type, date, date_end, status, first_seen, last_seen, mentions,"
    " articles, sources, story_id, profile, record, updated_at FROM event_groups",
    "group_keys": "SELECT k.key, k.bucket, g.id AS group_id FROM group_keys k"
    " JOIN event_groups g ON g.key = k.grp",
    "story_articles": "SELECT a.id AS article_id, s.story_id, s.date, s.countries"
    " FROM story_articles s JOIN articles a ON a.key = s.article",
    "story_keys": "SELECT s.key, s.bucket, a.id AS article_id FROM story_keys s"
    " JOIN articles a ON a.key = s.article",
    "group_dyads": "SELECT d.lo, d.hi, d.date, g.id AS group_id, d.how, d.type, d.status,"
    " d.quad_class, d.goldstein FROM group_dyads d JOIN event_groups g ON g.key = d.grp",
    "member_dyads": "SELECT d.lo, d.hi, d.date, e.id AS event_id, d.how, d.type, d.quad_class,"
    " d.goldstein, d.mentions FROM member_dyads d JOIN events e ON e.key = d.event",
}


def copy_groups(lean_path: Path, path: Path) -> None:
    """The group tables of a lean store, written into the schema-7 store at `path` with their
    JSON as text, as schema 7 kept it (members and status rows as schema 9 had them; every
    group's record and profile, as schema 12 had them)."""
    whole = path.with_name(f"{path.stem}-v12.db")
    make_v12_store(lean_path, whole)
    lean = sqlite3.connect(whole)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO group_members VALUES (?, ?, ?, ?, ?, ?)", member_rows(lean_path))
    statuses = status_rows(lean_path)
    conn.executemany("INSERT INTO group_status VALUES (?, ?, ?, ?, ?, ?, ?)", statuses)
    for table in (
        "event_groups",
        "group_keys",
        "group_dyads",
        "member_dyads",
        "stories",
        "story_articles",
        "story_keys",
    ):
        select = KEYED.get(table, f"SELECT * FROM {table}")
        rows = lean.execute(select).fetchall()
        names = [d[0] for d in lean.execute(f"{select} LIMIT 0").description]
        texts = [n in ("record", "profile", "member") for n in names]
        rows = [tuple(expand(v) if t else v for t, v in zip(texts, r, strict=True)) for r in rows]
        marks = ",".join("?" * len(names))
        conn.executemany(f"INSERT INTO {table} ({','.join(names)}) VALUES ({marks})", rows)
    conn.execute("COMMIT")
    conn.close()
    lean.close()


def _write_result(conn: sqlite3.Connection, result: ArticleResult) -> None:
    article = result.article
    body = to_dict(result)
    body.pop("article")
    conn.execute(
        "INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'run_v7', 'v7', NULL, 'now')",
        (
            article.id,
            _iso(article.date),
            article.source,
            article.title,
            article.url,
            article.origin,
            article.text,
            json.dumps(list(article.notes)),
            json.dumps(body),
        ),
    )
    for event in result.events:
        _write_event(conn, event)
    conn.executemany(
        "INSERT OR IGNORE INTO event_sources VALUES (?, ?)",
        [
            (name, e.id)
            for e in result.events
            for name in [s.name for s in e.attribution] + [article.source] * bool(article.source)
        ],
    )
    conn.executemany(
        "INSERT INTO actor_mentions VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (article.id, m.span.start, m.span.end, m.span.text, m.actor_id, m.method, m.confidence)
            for m in result.actors
        ],
    )
    conn.executemany(
        "INSERT OR IGNORE INTO actors (id, name, kind, country, sector, aliases,"
        " pipeline_version) VALUES (?, ?, ?, ?, ?, '[]', 'v7')",
        [(m.actor_id, m.name, m.kind, m.country, m.sector) for m in result.actors if m.actor_id],
    )
    conn.executemany(
        "INSERT OR REPLACE INTO quotes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                q.id,
                article.id,
                q.kind,
                q.speaker.actor_id if q.speaker else None,
                q.speaker.span.text if q.speaker else q.speaker_text,
                q.cue.text if q.cue else None,
                q.content.text,
                json.dumps([s.name for s in q.chain]),
                json.dumps(to_dict(q)),
            )
            for q in result.quotes
        ],
    )


def _write_event(conn: sqlite3.Connection, event: Event) -> None:
    place, first = event.place, event.evidence[0]
    conn.execute(
        "INSERT OR REPLACE INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
        " ?, ?, ?, ?, ?, ?, ?, ?, ?, 'v7', NULL)",
        (
            event.id,
            event.article_id,
            event.type,
            event.mode,
            event.cameo,
            event.quad_class,
            event.goldstein,
            event.polarity,
            event.modality,
            int(event.historical),
            _iso(event.date),
            _iso(event.date_end),
            event.date_source,
            place.geonameid if place else None,
            place.name if place else None,
            place.country if place else None,
            place.lat if place else None,
            place.lon if place else None,
            event.place_source,
            json.dumps([s.name for s in event.attribution]),
            first.trigger.text,
            first.sentence.text,
            event.confidence,
            event.parent_id,
            json.dumps(to_dict(event)),
        ),
    )
    conn.executemany(
        "INSERT OR REPLACE INTO event_actors VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (event.id, role, i, m.actor_id, m.span.text, m.country, m.sector)
            for role, ms in (("actor", event.actors), ("recipient", event.recipients))
            for i, m in enumerate(ms)
        ],
    )
    conn.executemany(
        "INSERT OR REPLACE INTO event_mentions VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (
                event.id,
                event.article_id,
                i,
                e.trigger.start,
                e.trigger.end,
                e.sentence.start,
                e.sentence.end,
            )
            for i, e in enumerate(event.evidence)
        ],
    )


def _iso(value: object) -> str | None:
    return value.isoformat() if value is not None else None  # type: ignore[attr-defined]
