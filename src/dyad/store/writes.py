"""Writing one article's result into the store's tables (inside the caller's transaction)."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterator, Sequence

from dyad.model import ActorMention, ArticleResult, Event, to_dict
from dyad.store.tallies import add_tallies


def write_result(
    conn: sqlite3.Connection,
    result: ArticleResult,
    run_id: str,
    pipeline_version: str,
    model_version: str | None,
) -> None:
    """Insert the article, its events, actor mentions, actors and quotes."""
    article = result.article
    body = to_dict(result)
    body.pop("article")
    conn.execute(
        "INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
            run_id,
            pipeline_version,
            model_version,
            dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        ),
    )
    for event in result.events:
        _write_event(conn, event, article.text, pipeline_version, model_version)
    add_tallies(conn, [event.id for event in result.events])  # migration 9
    conn.executemany(
        "INSERT OR IGNORE INTO event_sources VALUES (?, ?)",
        [(name, event.id) for event in result.events for name in _sources(event, article.source)],
    )
    conn.executemany(
        "INSERT INTO actor_mentions VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (article.id, m.span.start, m.span.end, m.span.text, m.actor_id, m.method, m.confidence)
            for m in result.actors
        ],
    )
    _upsert_actors(conn, result.actors, _iso(article.date), pipeline_version)
    for quote in result.quotes:
        conn.execute(
            "INSERT OR REPLACE INTO quotes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                quote.id,
                article.id,
                quote.kind,
                quote.speaker.actor_id if quote.speaker else None,
                quote.speaker.span.text if quote.speaker else quote.speaker_text,
                quote.cue.text if quote.cue else None,
                quote.content.text,
                json.dumps([s.name for s in quote.chain]),
                json.dumps(to_dict(quote)),
            ),
        )


def _write_event(
    conn: sqlite3.Connection,
    event: Event,
    text: str,
    pipeline_version: str,
    model_version: str | None,
) -> None:
    conn.execute(
        "INSERT OR REPLACE INTO events VALUES"
        " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        _event_row(event, pipeline_version, model_version),
    )
    rows = [
        (event.id, role, i, m.actor_id, m.span.text, m.country, m.sector)
        for role, mentions in (("actor", event.actors), ("recipient", event.recipients))
        for i, m in enumerate(mentions)
    ]
    conn.executemany("INSERT OR REPLACE INTO event_actors VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
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


def _event_row(event: Event, pipeline_version: str, model_version: str | None) -> tuple:
    """The `events` row of `event`, in the table's column order."""
    place = event.place
    first = event.evidence[0]
    return (
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
        pipeline_version,
        model_version,
    )


def _sources(event: Event, publisher: str | None) -> list[str]:
    """What the `source` filter finds an event by: its attribution chain and its publisher."""
    return [s.name for s in event.attribution] + ([publisher] if publisher else [])


_PRONOUNS = frozenset(
    {
        "he",
        "she",
        "him",
        "her",
        "his",
        "hers",
        "they",
        "them",
        "their",
        "it",
        "its",
        "we",
        "us",
        "our",
        "i",
        "me",
        "my",
        "you",
        "your",
    }
)


def _aliases(group: Sequence[ActorMention]) -> Iterator[str]:
    """The names an actor is written as: a mention's name without its title, or the text of a
    named organisation. Never a pronoun ("he") nor a group's words ("delegations")."""
    for m in group:
        if m.name_span is not None:
            text = m.name_span.text
        elif m.kind == "group" or m.method == "coreference":
            continue
        else:
            text = m.span.text
        if text.strip() and text.strip().lower() not in _PRONOUNS:
            yield text.strip()


def _upsert_actors(
    conn: sqlite3.Connection,
    mentions: Sequence[ActorMention],
    seen: str | None,
    pipeline_version: str,
) -> None:
    by_id: dict[str, list[ActorMention]] = {}
    for m in mentions:
        if m.actor_id:
            by_id.setdefault(m.actor_id, []).append(m)
    for actor_id, group in by_id.items():
        best = max(group, key=lambda m: m.confidence)
        aliases = set(_aliases(group))
        row = conn.execute("SELECT aliases FROM actors WHERE id = ?", (actor_id,)).fetchone()
        if row is None:
            conn.execute(
                "INSERT INTO actors VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)",
                (
                    actor_id,
                    best.name,
                    best.kind,
                    best.country,
                    best.sector,
                    json.dumps(sorted(aliases)),
                    seen,
                    seen,
                    len(group),
                    pipeline_version,
                ),
            )
            continue
        aliases |= set(json.loads(row[0]))
        conn.execute(
            "UPDATE actors SET aliases = ?, mentions = mentions + ?,"
            " first_seen = CASE WHEN first_seen IS NULL OR ? < first_seen"
            " THEN ? ELSE first_seen END,"
            " last_seen = CASE WHEN last_seen IS NULL OR ? > last_seen THEN ? ELSE last_seen END"
            " WHERE id = ?",
            (json.dumps(sorted(aliases)), len(group), seen, seen, seen, seen, actor_id),
        )


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None
