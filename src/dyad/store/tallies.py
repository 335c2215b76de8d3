"""Event tallies: the dashboard's timeline, summary and network without scanning events.

Kept up to date at ingest in the writer's transaction (migration 9), like the dyad tables
of migration 5 for series. `event_tallies` counts events per scope, day and every field a
chart filters on; `edge_tallies` counts actor -> recipient edges per day likewise. A scope is
'' (every event), 'a:ID' / 'r:ID' (an actor id as actor / recipient), 'c:ISO' (a country on
either side) or 'p:ID<US>ID' (an actor and recipient pair): each event is counted once per
scope it belongs to, so a filter naming one party (or an actor and a recipient) reads its rows.

Confidence is kept in hundredths (`cent`, the largest k with confidence >= k/100): a
threshold that is a whole number of hundredths (the shipped 0.49, 0, 0.5, ...) is answered
exactly; any other threshold, and filters the tallies do not hold (text, source, place,
box, article, an actor given as text), are answered by the scan in `dyad.store.charts`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import Any

from dyad.query.filter import EventFilter, Plan
from dyad.store.keys import KEYED
from dyad.store.where import column_tests

PAIR = "\x1f"  # between the actor and the recipient id of a pair scope
_CENT = "(CAST(e.confidence * 100 AS INTEGER))"
CENT = f"({_CENT} + (e.confidence >= ({_CENT} + 1) / 100.0) - (e.confidence < {_CENT} / 100.0))"
_FIELDS = (
    "coalesce(e.date, '') AS date, e.type AS type, e.polarity AS polarity,"
    " e.modality AS modality, e.historical AS historical"
)

# One row per (event, scope) of the events matching `{where}` (on alias e).
SCOPE_ROWS = (
    "SELECT s.scope AS scope, {fields}, coalesce(e.quad_class, 0) AS quad_class,"
    " {cent} AS cent, e.goldstein AS goldstein FROM events e JOIN ("
    " SELECT e.{key} AS id, '' AS scope FROM events e WHERE {where}"
    " UNION SELECT x.{ev}, (CASE x.role WHEN 'actor' THEN 'a:' ELSE 'r:' END) || x.actor_id"
    " FROM events e JOIN event_actors x ON x.{ev} = e.{key}"
    " WHERE {where} AND x.actor_id IS NOT NULL"
    " UNION SELECT x.{ev}, 'c:' || x.country FROM events e JOIN event_actors x"
    " ON x.{ev} = e.{key} WHERE {where} AND x.country IS NOT NULL"
    " UNION SELECT a.{ev}, 'p:' || a.actor_id || char(31) || r.actor_id FROM events e"
    " JOIN event_actors a ON a.{ev} = e.{key} AND a.role = 'actor'"
    " JOIN event_actors r ON r.{ev} = e.{key} AND r.role = 'recipient'"
    " WHERE {where} AND a.actor_id IS NOT NULL AND r.actor_id IS NOT NULL"
    ") s ON s.id = e.{key}"
)
# One row per actor -> recipient row pair of the events matching `{where}` (as the network
# scan joins them), grouped per event and edge: `rows` is how often the event joins the edge.
EDGE_ROWS = (
    "SELECT coalesce(a.actor_id, a.text) AS source, coalesce(r.actor_id, r.text) AS target,"
    " {fields}, {cent} AS cent, count(*) AS rows, e.goldstein AS goldstein FROM events e"
    " JOIN event_actors a ON a.{ev} = e.{key} AND a.role = 'actor'"
    " JOIN event_actors r ON r.{ev} = e.{key} AND r.role = 'recipient'"
    " WHERE {where} GROUP BY e.{key}, source, target"
)
_SCOPE_KEY = "scope, date, type, polarity, modality, historical, quad_class, cent"
_EDGE_KEY = "date, source, target, type, polarity, modality, historical, cent"


def tally_sql(where: str, sign: int = 1, keys: tuple[str, str] = KEYED) -> list[str]:
    """The statements adding (`sign` 1) or taking away (-1) the events matching `where` (an
    SQL condition on `events e`) to or from both tables; used at ingest and by migration 9
    (with `keys` `dyad.store.keys.BY_ID`: its store names events by id)."""
    ev, key = keys
    scopes = SCOPE_ROWS.format(fields=_FIELDS, cent=CENT, where=where, ev=ev, key=key)
    edges = EDGE_ROWS.format(fields=_FIELDS, cent=CENT, where=where, ev=ev, key=key)
    return [
        f"INSERT INTO event_tallies SELECT {_SCOPE_KEY}, {sign} * count(*),"
        f" {sign} * coalesce(sum(goldstein), 0), {sign} * count(goldstein) FROM ({scopes})"
        f" WHERE 1 GROUP BY {_SCOPE_KEY} ON CONFLICT ({_SCOPE_KEY}) DO UPDATE SET"
        " events = events + excluded.events, goldstein = goldstein + excluded.goldstein,"
        " scored = scored + excluded.scored",
        f"INSERT INTO edge_tallies SELECT {_EDGE_KEY}, {sign} * count(*), {sign} * sum(rows),"
        f" {sign} * coalesce(sum(goldstein * rows), 0),"
        f" {sign} * coalesce(sum(rows * (goldstein IS NOT NULL)), 0) FROM ({edges})"
        f" WHERE 1 GROUP BY {_EDGE_KEY} ON CONFLICT ({_EDGE_KEY}) DO UPDATE SET"
        " events = events + excluded.events, rows = rows + excluded.rows,"
        " goldstein = goldstein + excluded.goldstein, scored = scored + excluded.scored",
    ]


def add_tallies(conn: sqlite3.Connection, event_ids: Iterable[str], *, sign: int = 1) -> None:
    """Count the stored events `event_ids` in (or, `sign` -1, out of) the tallies; rows left at
    zero are deleted. Call inside the transaction that writes (or changes) the events."""
    ids = sorted(set(event_ids))
    for start in range(0, len(ids), 400):
        chunk = ids[start : start + 400]
        where = f"e.id IN ({','.join('?' * len(chunk))})"
        for statement in tally_sql(where, sign):
            conn.execute(statement, chunk * statement.count(where))
    if sign < 0:
        conn.execute("DELETE FROM event_tallies WHERE events = 0")
        conn.execute("DELETE FROM edge_tallies WHERE events = 0")


def tally_scope(where: Plan) -> str | None:
    """The scope whose tallies answer `where` exactly, or None when only a scan can."""
    flt = where.where
    rest = (flt.actor, flt.recipient, flt.country, flt.text, flt.article_id, flt.source)
    if any(rest) or flt.place or flt.bbox or _cent(flt.min_confidence) is None:
        return None
    parties = {(column, role): value for column, value, role in where.parties}
    if not parties:
        return ""
    if len(parties) == 1:
        (_, role), value = next(iter(parties.items()))
        return f"{role[0]}:{value}" if role else f"c:{value}"
    actor, recipient = parties.get(("actor_id", "actor")), parties.get(("actor_id", "recipient"))
    if len(parties) == 2 and actor and recipient:
        return f"p:{actor}{PAIR}{recipient}"
    return None


def tally_condition(where: Plan, scope: str | None) -> tuple[str, list[Any]]:
    """The condition on a tally table (`scope` None: `edge_tallies`, which has none) that
    `where` asks for; `where` must be one `tally_scope` accepts."""
    flt: EventFilter = where.where
    parts, args = column_tests(flt, prefix="")
    if flt.date_to:
        parts.append("date <> ''")  # tallies of undated events are kept under ''
    if scope is not None:
        parts, args = ["scope = ?", *parts], [scope, *args]
    cent = _cent(flt.min_confidence)
    if cent:
        parts.append("cent >= ?")
        args.append(cent)
    return " AND ".join(parts) or "1 = 1", args


def _cent(threshold: float | None) -> int | None:
    """`threshold` in whole hundredths (0 for none), or None when it is not one."""
    if not threshold:
        return 0
    cent = round(threshold * 100)
    return cent if cent / 100 == threshold else None
