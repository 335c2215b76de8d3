"""Event records and article results rebuilt from the store's lean rows (migration 8).

An event row keeps its packed record (`events.body`, see `packing`); an article row its text
once, squeezed (`squeeze`), and the rest of its result packed and squeezed (`articles.rest`:
actors, times, places, quotes, warnings and timings, read only when the article is shown).
Spans take their text from the article text, places their fields from the `places` table.
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
import typing
from collections import OrderedDict
from collections.abc import Collection, Iterable, Sequence
from typing import Any

from dyad.model import ArticleResult, Event, Place, to_dict
from dyad.store.chunks import rows_in
from dyad.store.packing import Packer, place_row
from dyad.store.squeeze import expand, squeeze

# The text id of the article of the event `e` (migration 11 names it by its integer key, or an
# article the store does not hold by its id), and the test of an `article_id` filter on it
# (its value given once per `?`).
ARTICLE_ID = "coalesce(e.named_article, (SELECT id FROM articles WHERE key = e.article))"
ARTICLE_TEST = "(e.article = (SELECT key FROM articles WHERE id = ?) OR e.named_article = ?)"

# The first evidence's sentence and trigger of the event `e`, cut from its article's text
# (SQLite counts characters, as Python's offsets do).
SENTENCE = (
    "(SELECT substr(expand(a.text), m.sentence_start + 1, m.sentence_end - m.sentence_start)"
    " FROM event_mentions m JOIN articles a ON a.key = e.article"
    " WHERE m.event = e.key AND m.position = 0)"
)
TRIGGER = (
    "(SELECT substr(expand(a.text), m.trigger_start + 1, m.trigger_end - m.trigger_start)"
    " FROM event_mentions m JOIN articles a ON a.key = e.article"
    " WHERE m.event = e.key AND m.position = 0)"
)


TEXTS_KEPT = 2000  # article texts a reader keeps decompressed: about 10 MB of news


class PlaceTable(dict[int, list[Any]]):
    """The `places` table's packed places by GeoNames id, read on first use (rows never
    change once written, so a reader may keep them), and the texts of the articles read
    last (`texts`: an article is never rewritten, so neither goes stale)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        super().__init__()
        self.conn = conn
        self.texts: OrderedDict[str, str] = OrderedDict()

    def __missing__(self, geonameid: int) -> list[Any]:
        row = self.conn.execute("SELECT record FROM places WHERE id = ?", (geonameid,)).fetchone()
        if row is None:
            raise KeyError(geonameid)
        found: list[Any] = json.loads(row[0])
        self[geonameid] = found
        return found


def dumps(value: Any) -> str:
    """Compact JSON, as the packed columns hold it."""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def store_places(conn: sqlite3.Connection, places: Iterable[Place], known: PlaceTable) -> None:
    """Add the places not yet in the `places` table (a place kept under an id that now
    differs stays as it is; records holding the new one keep it whole)."""
    for place in places:
        if place.geonameid in known or _stored(conn, place.geonameid, known):
            continue
        row = place_row(place)
        conn.execute("INSERT INTO places VALUES (?, ?)", (place.geonameid, dumps(row)))
        known[place.geonameid] = row


def _stored(conn: sqlite3.Connection, geonameid: int, known: PlaceTable) -> bool:
    try:
        known[geonameid]
    except KeyError:
        return False
    return True


def pack_event(record: dict[str, Any], packer: Packer, article_id: str) -> bytes:
    """The `events.body` of an event's `to_dict` record, stored with article `article_id`:
    packed without its id and article id (columns of the row), squeezed. Spans keep their
    text when the event names another article (reads cut them from the one it names)."""
    if record["article_id"] != article_id:
        packer = Packer(None, packer.places)
    return squeeze(dumps(packer.pack(Event, record)[2:]), "event")


def pack_rest(result: ArticleResult, packer: Packer) -> bytes:
    """The `articles.rest` of `result`: its event ids in order, and the rest packed."""
    body = {
        f.name: None if f.name in ("article", "events") else to_dict(getattr(result, f.name))
        for f in dataclasses.fields(ArticleResult)
    }
    return pack_rest_record([e.id for e in result.events], body, packer)


def pack_rest_record(event_ids: list[str], body: dict[str, Any], packer: Packer) -> bytes:
    """The `articles.rest` of a `to_dict` result (its article and events left out)."""
    packed = [event_ids, packer.pack(ArticleResult, {**body, "article": None, "events": []})]
    return squeeze(dumps(packed), "rest")


def unpack_rest(rest: bytes) -> tuple[list[str], list[Any]]:
    """The event ids and packed rest of an `articles.rest`."""
    ids, packed = json.loads(typing.cast(str, expand(rest)))
    return ids, packed


def event_records(
    conn: sqlite3.Connection,
    rows: Sequence[Sequence[Any]],
    places: PlaceTable,
    only: Collection[str] | None = None,
) -> list[dict[str, Any]]:
    """The `to_dict` records of `rows` of (id, article_id, body), in their order; with
    `only`, just those fields of each (a view that needs a few unpacks no more)."""
    texts = article_texts(conn, {r[1] for r in rows}, places.texts)
    return [
        Packer(texts.get(aid), places).unpack(
            Event, [i, aid, *json.loads(expand(body) or "")], only
        )
        for i, aid, body in rows
    ]


def event_values(
    conn: sqlite3.Connection, rows: Sequence[Sequence[Any]], places: PlaceTable
) -> list[Event]:
    """The events of `rows` of (id, article_id, body), in their order (as `from_dict` of
    `event_records` gives them, built directly: listings read many)."""
    texts = article_texts(conn, {r[1] for r in rows}, places.texts)
    return [
        Packer(texts.get(aid), places).build(Event, [i, aid, *json.loads(expand(body) or "")])
        for i, aid, body in rows
    ]


def article_texts(
    conn: sqlite3.Connection, ids: Iterable[str], cache: OrderedDict[str, str]
) -> dict[str, str]:
    """The text of each of these articles, from `cache` where it holds them (it keeps the
    last `TEXTS_KEPT` read)."""
    wanted = set(ids)
    found = {i: cache[i] for i in wanted if i in cache}
    missing = sorted(wanted - found.keys())
    for rows in rows_in(conn, "SELECT id, expand(text) FROM articles WHERE id IN ({})", missing):
        found.update(rows)
    for article_id, text in found.items():
        cache[article_id] = text
        cache.move_to_end(article_id)
    while len(cache) > TEXTS_KEPT:
        cache.popitem(last=False)
    return found
