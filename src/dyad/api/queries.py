"""Read-only SQL over an open store for what the HTTP API adds to `Store`'s reads: place and
bounding-box filters, keyset iteration for exports, and the aggregates the dashboard draws."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
import time
from collections.abc import Iterator
from typing import Any

from dyad.api.params import EventQuery
from dyad.model import Article, Event, from_dict
from dyad.store import Store
from dyad.store.reads import ORDERS as STORE_ORDERS

INTERVALS = {"day": 10, "month": 7, "year": 4}  # length of the ISO date prefix
# Newest first walks the (date, id) indexes backwards and stops at the page (migration 3).
ORDERS = {**STORE_ORDERS, "-date": "e.date DESC, e.id DESC"}
COUNT_SECONDS = 0.03  # counting stops after this long: the page is served, the total is not


def plan(store: Store, query: EventQuery, *, page: bool = True) -> EventQuery:
    """The query with its party filters made exact and indexed where possible: `country`, and
    `actor`/`recipient` when they name a stored actor id; probing per event when every party
    is common and one page is read (`page`), else reading the parties' list of events."""
    if query.parties:
        return query
    where = query.where
    parties: list[tuple[str, str, str | None]] = []
    changes: dict[str, Any] = {}
    if where.country:
        parties.append(("country", where.country.upper(), None))
        changes["country"] = None
    for role in ("actor", "recipient"):
        value = getattr(where, role)
        if value and _is_actor_id(store, value):
            parties.append(("actor_id", value, role))
            changes[role] = None
    if not parties:
        return query
    shares = {p: party_share(store, *p) for p in parties}
    return dataclasses.replace(
        query, where=dataclasses.replace(where, **changes),
        parties=tuple(sorted(parties, key=shares.__getitem__)),
        probe=page and min(shares.values()) >= COMMON_PARTY,
    )  # fmt: skip


COMMON_PARTY = 0.01  # a party in more than this share of events is probed, not listed
_SHARES: dict[tuple[str, ...], tuple[float, float]] = {}  # key -> (when, share)


def party_share(store: Store, column: str, value: str, role: str | None) -> float:
    """About which share of events name this party, counted only up to the share that makes
    a party common (cached for a few minutes per process)."""
    key = (str(store.path), column, value, role or "")
    cached = _SHARES.get(key)
    if cached and time.monotonic() - cached[0] < 300:
        return cached[1]
    total = int(store.conn.execute("SELECT max(rowid) FROM events").fetchone()[0] or 0)
    cap = int(total * COMMON_PARTY) + 1
    test = f"{column} = ?" + (" AND role = ?" if role else "")
    args = [value, role] if role else [value]
    found = store.conn.execute(
        f"SELECT count(*) FROM (SELECT 1 FROM event_actors WHERE {test} LIMIT ?)", [*args, cap]
    ).fetchone()[0]
    share = int(found) / max(total, 1)
    _SHARES[key] = (time.monotonic(), share)
    return share


def list_events(
    store: Store, query: EventQuery, *, sort: str = "date", limit: int = 50, offset: int = 0
) -> list[Event]:
    """Events matching `query`, sorted, one page."""
    sql, args = plan(store, query).sql()
    rows = store.conn.execute(
        f"SELECT e.record FROM events e WHERE {sql} ORDER BY {ORDERS[sort]} LIMIT ? OFFSET ?",
        [*args, limit, offset],
    )
    return [from_dict(Event, json.loads(r[0])) for r in rows]


def count_events(store: Store, query: EventQuery, *, seconds: float | None = None) -> int | None:
    """How many events match `query`, or None when counting takes longer than `seconds`
    (datasette's approach: a huge match is served a page at a time, uncounted)."""
    sql, args = plan(store, query).sql()
    deadline = time.monotonic() + (COUNT_SECONDS if seconds is None else seconds)
    store.conn.set_progress_handler(lambda: int(time.monotonic() > deadline), 1000)
    try:
        row = store.conn.execute(f"SELECT count(*) FROM events e WHERE {sql}", args).fetchone()
    except sqlite3.OperationalError as exc:
        if "interrupted" not in str(exc):
            raise
        return None
    finally:
        store.conn.set_progress_handler(None, 0)
    return int(row[0])


def iter_events(store: Store, query: EventQuery, *, batch: int = 1000) -> Iterator[Event]:
    """Every event matching `query`, by id, read in batches (keyset paging, constant memory)."""
    sql, args = plan(store, query).sql()
    last = ""
    while True:
        rows = store.conn.execute(
            f"SELECT e.id, e.record FROM events e WHERE {sql} AND e.id > ? ORDER BY e.id LIMIT ?",
            [*args, last, batch],
        ).fetchall()
        for row in rows:
            yield from_dict(Event, json.loads(row[1]))
        if len(rows) < batch:
            return
        last = rows[-1][0]


def articles_of(store: Store, ids: set[str]) -> dict[str, Article]:
    """The articles with these ids (text included), for exports."""
    found: dict[str, Article] = {}
    id_list = sorted(ids)
    for i in range(0, len(id_list), 500):
        chunk = id_list[i : i + 500]
        marks = ",".join("?" * len(chunk))
        sql = (
            f"SELECT id, text, date, source, title, url, origin FROM articles WHERE id IN ({marks})"
        )
        for r in store.conn.execute(sql, chunk):
            found[r[0]] = from_dict(Article, dict(r))
    return found


def article_rows(store: Store, *, limit: int, offset: int, source: str | None) -> list[dict]:
    """Article headers with their event counts, newest first."""
    where, args = ("WHERE a.source = ?", [source]) if source else ("", [])
    rows = store.conn.execute(
        "SELECT a.id, a.date, a.source, a.title, a.url, a.origin, length(a.text) AS chars,"
        " (SELECT count(*) FROM events e WHERE e.article_id = a.id) AS events"
        f" FROM articles a {where} ORDER BY a.date DESC, a.id LIMIT ? OFFSET ?",
        [*args, limit, offset],
    )
    return [dict(r) for r in rows]


def article_header(store: Store, article_id: str) -> dict[str, Any] | None:
    """One article's header (no text) with its event count."""
    row = store.conn.execute(
        "SELECT a.id, a.date, a.source, a.title, a.url, a.origin, length(a.text) AS chars,"
        " (SELECT count(*) FROM events e WHERE e.article_id = a.id) AS events"
        " FROM articles a WHERE a.id = ?",
        (article_id,),
    ).fetchone()
    return dict(row) if row else None


def timeline(store: Store, query: EventQuery, *, interval: str) -> list[dict[str, Any]]:
    """Event counts per period and type, for the timeline."""
    sql, args = plan(store, query, page=False).sql()
    width = INTERVALS[interval]
    rows = store.conn.execute(
        f"SELECT substr(e.date, 1, {width}) AS period, e.type, count(*) AS events"
        f" FROM events e WHERE {sql} AND e.date IS NOT NULL GROUP BY period, e.type"
        " ORDER BY period, e.type",
        args,
    )
    return [dict(r) for r in rows]


def summary(store: Store, query: EventQuery, *, interval: str) -> dict[str, Any]:
    """Counts by type and status, and the cooperation-conflict line per period."""
    sql, args = plan(store, query, page=False).sql()
    conn = store.conn
    by_type = conn.execute(
        f"SELECT e.type, count(*) AS events FROM events e WHERE {sql} GROUP BY e.type"
        " ORDER BY events DESC, e.type",
        args,
    ).fetchall()
    by_status = conn.execute(
        f"SELECT e.polarity, e.modality, count(*) AS events FROM events e WHERE {sql}"
        " GROUP BY e.polarity, e.modality ORDER BY events DESC",
        args,
    ).fetchall()
    width = INTERVALS[interval]
    line = conn.execute(
        f"SELECT substr(e.date, 1, {width}) AS period, count(*) AS events,"
        " sum(e.quad_class IN (1, 2)) AS cooperation, sum(e.quad_class IN (3, 4)) AS conflict,"
        " round(avg(e.goldstein), 3) AS goldstein"
        f" FROM events e WHERE {sql} AND e.date IS NOT NULL"
        " AND e.polarity = 'asserted' GROUP BY period ORDER BY period",
        args,
    ).fetchall()
    return {
        "by_type": [dict(r) for r in by_type],
        "by_status": [dict(r) for r in by_status],
        "line": [dict(r) for r in line],
    }


def network(store: Store, query: EventQuery, *, limit: int) -> dict[str, Any]:
    """Actor -> recipient edges with event counts, and their actors as nodes."""
    sql, args = plan(store, query, page=False).sql()
    edges = store.conn.execute(
        "SELECT coalesce(a.actor_id, a.text) AS source, coalesce(r.actor_id, r.text) AS target,"
        " count(DISTINCT e.id) AS events, round(avg(e.goldstein), 3) AS goldstein"
        " FROM events e JOIN event_actors a ON a.event_id = e.id AND a.role = 'actor'"
        " JOIN event_actors r ON r.event_id = e.id AND r.role = 'recipient'"
        f" WHERE {sql} GROUP BY source, target ORDER BY events DESC, source, target LIMIT ?",
        [*args, limit],
    ).fetchall()
    ids = sorted({r["source"] for r in edges} | {r["target"] for r in edges})
    names = _actor_names(store, ids)
    nodes = [{"id": i, **names.get(i, {"name": i, "country": None, "sector": None})} for i in ids]
    return {"nodes": nodes, "edges": [dict(r) for r in edges]}


def places(store: Store, query: EventQuery, *, limit: int) -> list[dict[str, Any]]:
    """Event locations with their counts, for the map."""
    sql, args = plan(store, query, page=False).sql()
    rows = store.conn.execute(
        "SELECT e.place_id, e.place_name AS name, e.place_country AS country, e.lat, e.lon,"
        " count(*) AS events, group_concat(DISTINCT e.type) AS types"
        f" FROM events e WHERE {sql} AND e.lat IS NOT NULL"
        " GROUP BY e.place_id, e.place_name ORDER BY events DESC LIMIT ?",
        [*args, limit],
    )
    return [{**dict(r), "types": sorted((r["types"] or "").split(","))} for r in rows]


def quote(store: Store, quote_id: str) -> dict[str, Any] | None:
    """A stored quote, as `to_dict(Quote)` wrote it."""
    row = store.conn.execute("SELECT record FROM quotes WHERE id = ?", (quote_id,)).fetchone()
    return json.loads(row[0]) if row else None


def actor_row(store: Store, actor_id: str) -> dict[str, Any] | None:
    """One actor with its counts; a merged actor answers with the actor it was merged into."""
    row = store.conn.execute("SELECT * FROM actors WHERE id = ?", (actor_id,)).fetchone()
    if row is None:
        return None
    found = dict(row)
    found["aliases"] = json.loads(found["aliases"])
    roles = store.conn.execute(
        "SELECT role, count(*) FROM event_actors WHERE actor_id = ? GROUP BY role", (actor_id,)
    ).fetchall()
    found["events"] = {r[0]: r[1] for r in roles}
    return found


def _actor_names(store: Store, ids: list[str]) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        marks = ",".join("?" * len(chunk))
        for r in store.conn.execute(
            f"SELECT id, name, country, sector FROM actors WHERE id IN ({marks})", chunk
        ):
            found[r["id"]] = {"name": r["name"], "country": r["country"], "sector": r["sector"]}
    return found


def _is_actor_id(store: Store, value: str) -> bool:
    row = store.conn.execute("SELECT 1 FROM actors WHERE id = ?", (value,)).fetchone()
    return row is not None
