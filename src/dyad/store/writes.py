"""Writing one article's result into the store's tables (inside the caller's transaction)."""

from __future__ import annotations

import dataclasses
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


def write_results(
    conn: sqlite3.Connection,
    results: Sequence[ArticleResult],
    run_id: str,
    pipeline_version: str,
    model_version: str | None,
) -> None:
    """Insert the articles, their events, actor mentions, actors and quotes: the rows of
    every table written together (one statement per table and batch), the tallies counted
    once for the batch's events."""
    places = PlaceTable(conn)
    rows = _Rows()
    stamp = (run_id, pipeline_version, model_version, now())
    for result in results:
        store_places(conn, _places(result), places)
        packer = Packer(result.article.text, places)
        key = conn.execute(
            "INSERT INTO articles (id, date, source, title, url, origin, text, notes, rest,"
            " run_id, pipeline_version, model_version, ingested_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (*_article_columns(result, packer), *stamp),
        ).lastrowid  # the article's integer key (migration 11)
        _collect(conn, rows, result, packer, typing.cast(int, key))
        _upsert_actors(conn, result.actors, _iso(result.article.date), pipeline_version)
        _write_quotes(conn, typing.cast(int, key), result.quotes)
    _insert_rows(conn, rows)
    add_tallies(conn, rows.event_ids)  # migration 9


@dataclasses.dataclass(slots=True)
class _Rows:
    """The rows a batch adds to each table, in the order the articles came."""

    events: list[tuple[object, ...]] = dataclasses.field(default_factory=list)
    event_ids: list[str] = dataclasses.field(default_factory=list)
    event_actors: list[tuple[object, ...]] = dataclasses.field(default_factory=list)
    event_mentions: list[tuple[object, ...]] = dataclasses.field(default_factory=list)
    event_sources: list[tuple[str, str]] = dataclasses.field(default_factory=list)
    article_actors: list[tuple[int, str, int]] = dataclasses.field(default_factory=list)


def _collect(
    conn: sqlite3.Connection, rows: _Rows, result: ArticleResult, packer: Packer, key: int
) -> None:
    """Add the rows of one article's result, stored under integer `key`, to `rows`."""
    article = result.article
    for event in result.events:
        rows.event_ids.append(event.id)
        body = pack_event(to_dict(event), packer, article.id)
        named = _article_key(conn, event, article.id, key)
        row = (event.id, named[0], *_event_row(event)[2:], body, event.date_granularity)
        rows.events.append((*row, named[1]))
        rows.event_actors += _actor_rows(event)
        rows.event_mentions += [
            (event.id, i, e.trigger.start, e.trigger.end, e.sentence.start, e.sentence.end)
            for i, e in enumerate(event.evidence)
        ]
        rows.event_sources += [(name, event.id) for name in _sources(event, article.source)]
    counts = Counter(m.actor_id for m in result.actors if m.actor_id)
    rows.article_actors += [(key, a, n) for a, n in sorted(counts.items())]


# The `events` columns of an event's row, in `_Rows.events` order (its key is the table's
# INTEGER PRIMARY KEY, migration 12), and the key of the event whose id is the parameter.
EVENT_COLUMNS = (
    "id, article, type, mode, cameo, quad_class, goldstein, polarity, modality, historical,"
    " date, date_end, date_source, place_id, place_name, place_country, lat, lon,"
    " place_source, attribution, confidence, parent_id, body, date_granularity, named_article"
)
EVENT_KEY = "(SELECT key FROM events WHERE id = ?)"


def _insert_rows(conn: sqlite3.Connection, rows: _Rows) -> None:
    """Insert the events' rows and the article actors' counts collected in `rows`."""
    conn.executemany(  # an event stored again keeps its integer key (migration 12)
        f"INSERT OR REPLACE INTO events (key, {EVENT_COLUMNS}) VALUES ({EVENT_KEY},"
        " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(r[0], *r) for r in rows.events],
    )
    conn.executemany(  # the rows of an event name it by its key
        f"INSERT OR REPLACE INTO event_actors VALUES ({EVENT_KEY}, ?, ?, ?, ?, ?, ?)",
        rows.event_actors,
    )
    conn.executemany(
        f"INSERT OR REPLACE INTO event_mentions VALUES ({EVENT_KEY}, ?, ?, ?, ?, ?)",
        rows.event_mentions,
    )
    conn.executemany(
        f"INSERT OR IGNORE INTO event_sources VALUES (?, {EVENT_KEY})", rows.event_sources
    )
    # every actor mention itself is in `articles.rest`
    conn.executemany("INSERT INTO article_actors VALUES (?, ?, ?)", rows.article_actors)


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
        squeeze(article.text, "text"),
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
    """What finds each quote: its id and the integer key of its `article`, whose `rest` holds
    the whole quote (migration 12)."""
    conn.executemany(
        "INSERT OR REPLACE INTO quotes (id, article) VALUES (?, ?)",
        [(quote.id, article) for quote in quotes],
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


def _actor_rows(event: Event) -> list[tuple[object, ...]]:
    """The `event_actors` rows of `event`: its actors, then its recipients."""
    return [
        (event.id, role, i, m.actor_id, m.span.text, m.country, m.sector)
        for role, mentions in (("actor", event.actors), ("recipient", event.recipients))
        for i, m in enumerate(mentions)
    ]


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
