"""Reading the store: events by filter, articles with their results, actors, runs.

The store is the SQLite back end of `dyad.query`, which plans a filter and calls these."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sqlite3
import typing
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from dyad.model import Actor, Article, ArticleResult, Event
from dyad.query.filter import EventFilter, Plan
from dyad.store.packing import Packer
from dyad.store.records import (
    ARTICLE_ID,
    SENTENCE,
    TRIGGER,
    PlaceTable,
    event_values,
    unpack_rest,
)
from dyad.store.squeeze import expand
from dyad.store.where import ORDERS, EventQueries, condition, like

if TYPE_CHECKING:
    import pandas as pd


class Reads(EventQueries):
    """Query methods of `Store` (mixed in; `self.conn` is the open connection)."""

    conn: sqlite3.Connection
    place_table: PlaceTable
    lean = True

    def decode(self, rows: list[Any]) -> list[Event]:
        """The events of a page of the store's packed records."""
        return event_values(self.conn, rows, self.place_table)

    def event_counts(self, article_ids: Sequence[str]) -> dict[str, int]:
        """How many events each of `article_ids` holds (articles without events are absent)."""
        marks = ",".join("?" * len(article_ids))
        rows = self.conn.execute(
            "SELECT a.id, count(*) FROM articles a JOIN events e ON e.article = a.key"
            f" WHERE a.id IN ({marks}) GROUP BY a.id",
            list(article_ids),
        )
        return {r[0]: int(r[1]) for r in rows}

    def event(self, event_id: str) -> Event | None:
        """One event by id."""
        row = self.conn.execute(
            f"SELECT e.id, {ARTICLE_ID}, e.body FROM events e WHERE e.id = ?", (event_id,)
        ).fetchone()
        if row is None:
            return None
        return event_values(self.conn, [row], self.place_table)[0]

    def events_frame(
        self, where: EventFilter | Plan | None = None, *, limit: int = 100_000
    ) -> pd.DataFrame:
        """Events matching `where` as a flat pandas DataFrame, one row per event."""
        import pandas as pd

        sql, args = condition(where)
        query = (
            f"SELECT e.id, {ARTICLE_ID} AS article_id, e.type, e.mode, e.polarity, e.modality,"
            " e.historical,"
            " e.date, e.date_end, e.date_granularity,"
            " e.date_source, e.place_name, e.place_country, e.lat, e.lon,"
            " (SELECT group_concat(coalesce(actor_id, text), '; ') FROM event_actors"
            "   WHERE event = e.key AND role = 'actor') AS actors,"
            " (SELECT group_concat(coalesce(actor_id, text), '; ') FROM event_actors"
            "   WHERE event = e.key AND role = 'recipient') AS recipients,"
            f" e.cameo, e.quad_class, e.goldstein, e.attribution, {TRIGGER} AS trigger_text,"
            f" {SENTENCE} AS sentence_text, e.confidence"
            f" FROM events e WHERE {sql} ORDER BY {ORDERS['date']} LIMIT ?"
        )
        return pd.read_sql_query(query, self.conn, params=[*args, limit])

    def article(self, article_id: str) -> ArticleResult | None:
        """One article with everything read in it; accepts a unique id prefix."""
        rows = self.conn.execute(  # a range on the id's index: `LIKE` scanned every article
            "SELECT * FROM articles WHERE id >= ? AND id < ? ORDER BY id LIMIT 2",
            (article_id, article_id + "\uffff"),
        ).fetchall()
        exact = [r for r in rows if r["id"] == article_id]
        if not exact and len(rows) != 1:
            return None
        row = (exact or rows)[0]
        event_ids, packed = unpack_rest(row["rest"])
        article = _article(row, typing.cast(str, expand(row["text"])))
        rest = Packer(article.text, self.place_table).build(ArticleResult, packed)
        return dataclasses.replace(rest, article=article, events=self._article_events(event_ids))

    def _article_events(self, event_ids: list[str]) -> tuple[Event, ...]:
        """These events (of one article), in this order."""
        marks = ",".join("?" * len(event_ids))
        rows = self.conn.execute(
            f"SELECT e.id, {ARTICLE_ID}, e.body FROM events e WHERE e.id IN ({marks})", event_ids
        ).fetchall()
        events = event_values(self.conn, rows, self.place_table)
        by_id = {r[0]: event for r, event in zip(rows, events, strict=True)}
        return tuple(by_id[i] for i in event_ids)

    def articles(self, *, limit: int = 100, offset: int = 0) -> list[Article]:
        """Stored articles, newest publication date first."""
        rows = self.conn.execute(
            "SELECT id, expand(text) AS text, date, source, title, url, origin, notes FROM articles"
            " ORDER BY date DESC, id LIMIT ? OFFSET ?",
            (limit, offset),
        )
        return [_article(r, r["text"]) for r in rows]

    def actors(self, *, search: str | None = None, limit: int = 1000) -> list[Actor]:
        """Canonical actors (merged ones excluded), most mentioned first."""
        sql = "SELECT * FROM actors WHERE merged_into IS NULL"
        args: list[Any] = []
        if search:
            sql += " AND (id = ? OR name LIKE ? ESCAPE '\\' OR aliases LIKE ? ESCAPE '\\')"
            args += [search, f"%{like(search)}%", f"%{like(search)}%"]
        rows = self.conn.execute(sql + " ORDER BY mentions DESC, id LIMIT ?", [*args, limit])
        return [
            Actor(
                id=r["id"],
                name=r["name"],
                kind=r["kind"],
                country=r["country"],
                sector=r["sector"],
                aliases=tuple(json.loads(r["aliases"])),
            )
            for r in rows
        ]

    def actor_rows(self, *, limit: int = 1000) -> list[dict[str, Any]]:
        """Actors with their counts and first/last seen dates, for listings."""
        rows = self.conn.execute(
            "SELECT id, name, kind, country, sector, mentions, first_seen, last_seen, aliases"
            " FROM actors WHERE merged_into IS NULL ORDER BY mentions DESC, id LIMIT ?",
            (limit,),
        )
        return [dict(r) for r in rows]

    def rejected(self) -> list[dict[str, Any]]:
        """Rejected inputs with their reasons, most recent first."""
        rows = self.conn.execute("SELECT * FROM rejected ORDER BY recorded_at DESC, origin")
        return [dict(r) for r in rows]

    def runs(self, *, limit: int = 20) -> list[dict[str, Any]]:
        """Runs, most recent first."""
        rows = self.conn.execute("SELECT * FROM runs ORDER BY started_at DESC LIMIT ?", (limit,))
        return [dict(r) for r in rows]

    def counts(self) -> dict[str, int]:
        """Row counts of the main tables."""
        tables = ("articles", "events", "actors", "quotes", "rejected", "runs")
        return {
            t: int(self.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in tables
        }


def _article(row: sqlite3.Row, text: str) -> Article:
    """The article of an `articles` row whose text, packed in the row, is `text`."""
    return Article(
        id=row["id"],
        text=text,
        date=dt.date.fromisoformat(row["date"]) if row["date"] else None,
        source=row["source"],
        title=row["title"],
        url=row["url"],
        origin=row["origin"],
        notes=tuple(json.loads(row["notes"])),
    )
