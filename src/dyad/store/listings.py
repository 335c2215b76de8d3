"""Reads the HTTP API and exports need beyond `Reads`: a count with a time limit, keyset
iteration, article headers, quotes, one actor's counts, and how common a party is."""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterator
from typing import Any

from dyad.model import Article, ArticleResult, Event, from_dict
from dyad.query.filter import EventFilter, Plan
from dyad.store.chunks import rows_in
from dyad.store.packing import Packer
from dyad.store.records import ARTICLE_ID, PlaceTable, event_values, unpack_rest
from dyad.store.tallies import tally_condition, tally_scope
from dyad.store.where import condition

HEADER = (
    "SELECT a.id, a.date, a.source, a.title, a.url, a.origin, length(expand(a.text)) AS chars,"
    " (SELECT count(*) FROM events e WHERE e.article = a.key) AS events FROM articles a"
)


class Listings:
    """Query methods of `Store` (mixed in; `self.conn` is the open connection)."""

    conn: sqlite3.Connection
    place_table: PlaceTable

    def count_within(
        self, where: EventFilter | Plan | None, *, seconds: float, tallied: bool = True
    ) -> int | None:
        """How many events match `where`: summed from the tallies when they hold the filter
        (`dyad.store.tallies`: exact, and quick however many match), else counted, or None
        when counting takes longer than `seconds` (datasette's approach: a huge match is
        served a page at a time, uncounted). `tallied=False` always counts (tests compare)."""
        planned = where if isinstance(where, Plan) else Plan(where or EventFilter())
        scope = tally_scope(planned) if tallied else None
        if scope is not None:
            cond, values = tally_condition(planned, scope)
            sql = f"SELECT coalesce(sum(events), 0) FROM event_tallies WHERE {cond}"
            return int(self.conn.execute(sql, values).fetchone()[0])
        sql, args = condition(where)
        deadline = time.monotonic() + seconds
        self.conn.set_progress_handler(lambda: int(time.monotonic() > deadline), 1000)
        try:
            row = self.conn.execute(f"SELECT count(*) FROM events e WHERE {sql}", args).fetchone()
        except sqlite3.OperationalError as exc:
            if "interrupted" not in str(exc):
                raise
            return None
        finally:
            self.conn.set_progress_handler(None, 0)
        return int(row[0])

    def iter_events(
        self, where: EventFilter | Plan | None = None, *, batch: int = 1000
    ) -> Iterator[Event]:
        """Every event matching `where`, by id, read in batches (keyset paging)."""
        sql, args = condition(where)
        last = ""
        while True:
            rows = self.conn.execute(
                f"SELECT e.id, {ARTICLE_ID}, e.body FROM events e WHERE {sql} AND e.id > ?"
                " ORDER BY e.id LIMIT ?",
                [*args, last, batch],
            ).fetchall()
            yield from event_values(self.conn, rows, self.place_table)
            if len(rows) < batch:
                return
            last = rows[-1][0]

    def articles_by_id(self, ids: set[str]) -> dict[str, Article]:
        """The articles with these ids (text included), for exports."""
        found: dict[str, Article] = {}
        sql = (
            "SELECT id, expand(text) AS text, date, source, title, url, origin FROM articles"
            " WHERE id IN ({})"
        )
        for rows in rows_in(self.conn, sql, sorted(ids)):
            found.update((r[0], from_dict(Article, dict(r))) for r in rows)
        return found

    def article_rows(self, *, limit: int, offset: int, source: str | None) -> list[dict]:
        """Article headers with their event counts, newest first."""
        where, args = ("WHERE a.source = ?", [source]) if source else ("", [])
        rows = self.conn.execute(
            f"{HEADER} {where} ORDER BY a.date DESC, a.id LIMIT ? OFFSET ?",
            [*args, limit, offset],
        )
        return [dict(r) for r in rows]

    def article_header(self, article_id: str) -> dict[str, Any] | None:
        """One article's header (no text) with its event count."""
        row = self.conn.execute(f"{HEADER} WHERE a.id = ?", (article_id,)).fetchone()
        return dict(row) if row else None

    def quote_record(self, quote_id: str) -> dict[str, Any] | None:
        """A stored quote, as `to_dict(Quote)` wrote it (from its article's `rest`)."""
        row = self.conn.execute(
            "SELECT expand(a.text), a.rest FROM quotes q JOIN articles a ON a.key = q.article"
            " WHERE q.id = ?",
            (quote_id,),
        ).fetchone()
        if row is None:
            return None
        packed = unpack_rest(row[1])[1]
        quotes = Packer(row[0], self.place_table).unpack(ArticleResult, packed, {"quotes"})[
            "quotes"
        ]
        return next((q for q in quotes if q["id"] == quote_id), None)

    def actor_row(self, actor_id: str) -> dict[str, Any] | None:
        """One actor with its counts per role."""
        row = self.conn.execute("SELECT * FROM actors WHERE id = ?", (actor_id,)).fetchone()
        if row is None:
            return None
        found = dict(row)
        found["aliases"] = json.loads(found["aliases"])
        roles = self.conn.execute(
            "SELECT role, count(*) FROM event_actors WHERE actor_id = ? GROUP BY role",
            (actor_id,),
        ).fetchall()
        found["events"] = {r[0]: r[1] for r in roles}
        return found

    def actor_names(self, ids: list[str]) -> dict[str, dict[str, Any]]:
        """Name, country and sector of each of these actor ids that is stored."""
        found: dict[str, dict[str, Any]] = {}
        sql = "SELECT id, name, country, sector FROM actors WHERE id IN ({})"
        for rows in rows_in(self.conn, sql, ids):
            for r in rows:
                found[r["id"]] = {"name": r["name"], "country": r["country"], "sector": r["sector"]}
        return found

    def is_actor_id(self, value: str) -> bool:
        """Whether `value` is a stored actor's id."""
        row = self.conn.execute("SELECT 1 FROM actors WHERE id = ?", (value,)).fetchone()
        return row is not None

    def party_share(self, column: str, value: str, role: str | None, *, cap: float) -> float:
        """About which share of events name this party (`event_actors.column = value`, in
        `role` if given), counted only up to the share `cap`."""
        total = int(self.conn.execute("SELECT max(rowid) FROM events").fetchone()[0] or 0)
        most = int(total * cap) + 1
        test = f"{column} = ?" + (" AND role = ?" if role else "")
        args = [value, role] if role else [value]
        found = self.conn.execute(
            f"SELECT count(*) FROM (SELECT 1 FROM event_actors WHERE {test} LIMIT ?)",
            [*args, most],
        ).fetchone()[0]
        return int(found) / max(total, 1)
