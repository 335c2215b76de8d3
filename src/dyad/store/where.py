"""An `EventFilter` (or a `Plan` of one) as an SQL condition on `events e`, and the event
reads run with it.

The SQL both back ends of `dyad.query` run: the store (SQLite) and Parquet through DuckDB,
which mirrors the `event_actors` and `event_sources` tables as views. `EventQueries` holds
the reads they share; each back end says how it compiles a filter and decodes a record.
"""

from __future__ import annotations

from typing import Any, Self

from dyad.model import Event
from dyad.query.filter import EventFilter, Plan, is_geonames_id
from dyad.store.records import ARTICLE_ID, ARTICLE_TEST, SENTENCE

ORDERS = {
    "date": "e.date IS NULL, e.date, e.id",
    "-date": "e.date DESC, e.id DESC",  # walks the (date, id) indexes backwards (migration 3)
    "confidence": "e.confidence DESC, e.id",
    "id": "e.id",
}


class EventQueries:
    """Event reads over an open connection (SQLite or DuckDB), used as a context manager or
    closed with `close()`."""

    conn: Any
    lean = False  # pages of the store's packed records (`events_page`)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection; the store's committed data is already on disk."""
        self.conn.close()

    def events(
        self,
        where: EventFilter | Plan | None = None,
        *,
        limit: int = 100,
        offset: int = 0,
        order: str = "date",
    ) -> list[Event]:
        """Events matching `where`, as model values."""
        compiled = self.compile(where)
        page = events_page(compiled, limit=limit, offset=offset, order=order, lean=self.lean)
        return self.decode(self.conn.execute(*page).fetchall())

    def count_events(self, where: EventFilter | Plan | None = None) -> int:
        """How many events match `where`."""
        sql, args = self.compile(where)
        row = self.conn.execute(f"SELECT count(*) FROM events e WHERE {sql}", args).fetchone()
        return int(row[0]) if row else 0

    def compile(self, where: EventFilter | Plan | None) -> tuple[str, list[Any]]:
        """The condition of `where` on this back end's `events e`, and its parameters."""
        return condition(where)

    def decode(self, rows: list[Any]) -> list[Event]:
        """The events of a page of records (`events_page`)."""
        raise NotImplementedError


def events_page(
    compiled: tuple[str, list[Any]], *, limit: int, offset: int, order: str, lean: bool = False
) -> tuple[str, list[Any]]:
    """The query of one page of event records under a compiled `condition`, and its
    parameters: the full records (Parquet), or with `lean` the store's packed records and
    their article ids (`dyad.store.records`)."""
    sql, args = compiled
    columns = f"e.id, {ARTICLE_ID}, e.body" if lean else "e.record"
    query = f"SELECT {columns} FROM events e WHERE {sql} ORDER BY {ORDERS[order]} LIMIT ? OFFSET ?"
    return query, [*args, limit, offset]


def condition(
    where: EventFilter | Plan | None, *, sentence: str = SENTENCE, article: str = ARTICLE_TEST
) -> tuple[str, list[Any]]:
    """The SQL condition on `events e` and its parameters; `sentence` is the SQL of the
    event's first sentence (the store cuts it from the article text; Parquet has a column),
    `article` the test of the event's article id (the store names it by its key)."""
    plan = where if isinstance(where, Plan) else Plan(where or EventFilter())
    flt = plan.where
    parts, args = column_tests(flt, article=article)
    for part, values in (
        _actors(flt),
        _text(flt, sentence),
        _parties(plan),
        _place(flt),
        _bbox(flt),
    ):
        if part:
            parts.append(part)
            args += values
    if flt.min_confidence:
        parts.append("e.confidence >= ?")
        args.append(flt.min_confidence)
    return (" AND ".join(parts) or "1 = 1"), args


def _actors(flt: EventFilter) -> tuple[str, list[Any]]:
    parts, args = [], []
    for role, value in (("actor", flt.actor), ("recipient", flt.recipient)):
        if value:
            parts.append(
                "e.key IN (SELECT event FROM event_actors WHERE role = ?"
                " AND (actor_id = ? OR text LIKE ? ESCAPE '\\'))"
            )
            args += [role, value, f"%{like(value)}%"]
    if flt.country:
        parts.append("e.key IN (SELECT event FROM event_actors WHERE country = ?)")
        args.append(flt.country.upper())
    return " AND ".join(parts), args


def column_tests(
    flt: EventFilter, *, prefix: str = "e.", article: str | None = None
) -> tuple[list[str], list[Any]]:
    """Tests on the event's own columns (type, status, article, dates, historical), each
    column named with `prefix`, and their parameters; the store's tallies share these
    columns but `article_id`, which a filter they answer never sets."""
    parts: list[str] = []
    args: list[Any] = []
    for column in ("type", "polarity", "modality", "article_id"):
        value = getattr(flt, column)
        if value:
            test = article if column == "article_id" and article else f"{prefix}{column} = ?"
            parts.append(test)
            args += [value.upper() if column == "type" else value] * test.count("?")
    for bound, op in ((flt.date_from, ">="), (flt.date_to, "<=")):
        if bound:
            parts.append(f"{prefix}date {op} ?")
            args.append(bound.isoformat())
    if flt.historical is not None:
        parts.append(f"{prefix}historical = ?")
        args.append(int(flt.historical))
    return parts, args


def _text(flt: EventFilter, sentence: str) -> tuple[str, list[Any]]:
    parts, args = [], []
    if flt.text:
        parts.append(f"{sentence} LIKE ? ESCAPE '\\'")
        args.append(f"%{like(flt.text)}%")
    if flt.source:
        # `event_sources` (migration 7): each name of the attribution chain, and the publisher
        parts.append("e.key IN (SELECT event FROM event_sources WHERE name = ?)")
        args.append(flt.source)
    return " AND ".join(parts), args


def _parties(plan: Plan) -> tuple[str, list[Any]]:
    if not plan.parties:
        return "", []
    tests, args = [], []
    for i, (column, value, role) in enumerate(plan.parties):
        tests.append(f"p{i}.{column} = ?" + (f" AND p{i}.role = ?" if role else ""))
        args += [value, role] if role else [value]
    if plan.probe:
        parts = [
            f"EXISTS (SELECT 1 FROM event_actors p{i} WHERE p{i}.event = e.key AND {t})"
            for i, t in enumerate(tests)
        ]
        return " AND ".join(parts), args
    # One list of event ids, read from the rarest party's rows first (CROSS JOIN keeps the
    # order); dates are read from the event's row by its key (migration 12).
    joins = "".join(
        f" CROSS JOIN event_actors p{i} ON p{i}.event = p0.event" for i in range(1, len(tests))
    )
    dates = ""
    for bound, op in ((plan.where.date_from, ">="), (plan.where.date_to, "<=")):
        if bound:
            dates += f" AND d.date {op} ?"
            args.append(bound.isoformat())
    return (
        f"e.key IN (SELECT p0.event FROM event_actors p0{joins} CROSS JOIN events d"
        f" ON d.key = p0.event WHERE {' AND '.join(tests)}{dates})"
    ), args


def _place(flt: EventFilter) -> tuple[str, list[Any]]:
    if not flt.place:
        return "", []
    if is_geonames_id(flt.place):
        return "e.place_id = ?", [int(flt.place)]
    return "(e.place_name = ? COLLATE NOCASE OR e.place_country = ?)", [
        flt.place,
        flt.place.upper(),
    ]


def _bbox(flt: EventFilter) -> tuple[str, list[Any]]:
    if not flt.bbox:
        return "", []
    west, south, east, north = flt.bbox
    if west <= east:
        return "e.lat BETWEEN ? AND ? AND e.lon BETWEEN ? AND ?", [south, north, west, east]
    # the box crosses the antimeridian
    return "e.lat BETWEEN ? AND ? AND (e.lon >= ? OR e.lon <= ?)", [south, north, west, east]


def like(value: str) -> str:
    """`value` escaped for LIKE ... ESCAPE '\\'."""
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
