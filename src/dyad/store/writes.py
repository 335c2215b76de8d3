"""Writing one article's result into the store's tables (inside the caller's transaction)."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import typing
from collections import Counter
from collections.abc import Iterator, Sequence

from dyad.model import ActorMention, ArticleResult, Event, Place, Quote, Rejected, to_dict
from dyad.store.packing import Packer
from dyad.store.records import PlaceTable, pack_event, pack_rest, store_places
from dyad.store.squeeze import squeeze
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
    places = PlaceTable(conn)
    store_places(conn, _places(result), places)
    packer = Packer(article.text, places)
    key = conn.execute(
        "INSERT INTO articles (id, date, source, title, url, origin, text, notes, rest, run_id,"
        " pipeline_version, model_version, ingested_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (*_article_columns(result, packer), run_id, pipeline_version, model_version, now()),
    ).lastrowid  # the article's integer key (migration 11)
    for event in result.events:
        _write_event(conn, event, packer, article.id, _article_key(conn, event, article.id, key))
    add_tallies(conn, [event.id for event in result.events])  # migration 9
    conn.executemany(
        "INSERT OR IGNORE INTO event_sources VALUES (?, ?)",
        [(name, event.id) for event in result.events for name in _sources(event, article.source)],
    )
    counts = Counter(m.actor_id for m in result.actors if m.actor_id)
    conn.executemany(  # every mention itself is in `articles.rest`
        "INSERT INTO article_actors VALUES (?, ?, ?)",
        [(key, actor_id, n) for actor_id, n in sorted(counts.items())],
    )
    _upsert_actors(conn, result.actors, _iso(article.date), pipeline_version)
    _write_quotes(conn, typing.cast(int, key), result.quotes)


def _article_columns(result: ArticleResult, packer: Packer) -> tuple[object, ...]:
    """The article's own columns of its `articles` row: the text compressed, and `rest`, the
    rest of the result packed against that text."""
    article = result.article
    return (
        article.id,
        _iso(article.date),
        article.source,
        article.title,
        article.url,
        article.origin,
        squeeze(article.text),
        json.dumps(list(article.notes)),
        pack_rest(result, packer),
    )


def write_rejected(
    conn: sqlite3.Connection, rejected: Sequence[Rejected], run_id: str, pipeline_version: str
) -> None:
    """Insert (or replace) the rows of rejected inputs."""
    conn.executemany(
        "INSERT OR REPLACE INTO rejected VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (r.origin, r.reason, r.message, r.article_id, run_id, pipeline_version, now())
            for r in rejected
        ],
    )


def now() -> str:
    """The time now, UTC, to the second, as the store writes it."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _write_quotes(conn: sqlite3.Connection, article: int, quotes: Sequence[Quote]) -> None:
    """The quotes' indexed columns, with the integer key of their `article`; each whole
    quote is in `articles.rest`."""
    conn.executemany(
        "INSERT OR REPLACE INTO quotes (id, article, kind, speaker_id, content_start,"
        " content_end, chain) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (
                quote.id,
                article,
                quote.kind,
                quote.speaker.actor_id if quote.speaker else None,
                quote.content.start,
                quote.content.end,
                json.dumps([s.name for s in quote.chain]),
            )
            for quote in quotes
        ],
    )


def _places(result: ArticleResult) -> list[Place]:
    """Every place of the result: the events' and the place mentions'."""
    found = [e.place for e in result.events if e.place is not None]
    return found + [m.place for m in result.places if m.place is not None]


def _article_key(
    conn: sqlite3.Connection, event: Event, article_id: str, key: object
) -> tuple[int | None, str | None]:
    """The `events` columns naming the article of `event`: the integer key of the one it is
    stored with (`article_id`, `key`) or of another stored one it names; else none and the
    id it names."""
    if event.article_id == article_id:
        return typing.cast(int, key), None
    row = conn.execute("SELECT key FROM articles WHERE id = ?", (event.article_id,)).fetchone()
    return (int(row[0]), None) if row else (None, event.article_id)


def _write_event(
    conn: sqlite3.Connection,
    event: Event,
    packer: Packer,
    article_id: str,
    article: tuple[int | None, str | None],
) -> None:
    conn.execute(
        "INSERT OR REPLACE INTO events VALUES"
        " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            event.id,
            article[0],
            *_event_row(event)[2:],
            pack_event(to_dict(event), packer, article_id),
            event.date_granularity,
            article[1],
        ),
    )
    rows = [
        (event.id, role, i, m.actor_id, m.span.text, m.country, m.sector)
        for role, mentions in (("actor", event.actors), ("recipient", event.recipients))
        for i, m in enumerate(mentions)
    ]
    conn.executemany("INSERT OR REPLACE INTO event_actors VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
    conn.executemany(
        "INSERT OR REPLACE INTO event_mentions VALUES (?, ?, ?, ?, ?, ?)",
        [
            (
                event.id,
                i,
                e.trigger.start,
                e.trigger.end,
                e.sentence.start,
                e.sentence.end,
            )
            for i, e in enumerate(event.evidence)
        ],
    )


def _event_row(event: Event) -> tuple:
    """The `events` row of `event` before its packed record, in the table's column order."""
    place = event.place
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
        event.confidence,
        event.parent_id,
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
    """Add each actor the mentions name, or add to its aliases, mention count and dates."""
    for actor_id, group in _by_actor(mentions).items():
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


def _by_actor(mentions: Sequence[ActorMention]) -> dict[str, list[ActorMention]]:
    by_id: dict[str, list[ActorMention]] = {}
    for m in mentions:
        if m.actor_id:
            by_id.setdefault(m.actor_id, []).append(m)
    return by_id


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None
