"""Query parameters shared by the event endpoints: filters, paging and sorting."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from fastapi import Query

from dyad.api.errors import ApiError
from dyad.model import MODALITIES, PLOVER_TYPES, POLARITIES
from dyad.store import EventFilter

Sort = Literal["date", "-date", "confidence", "id"]


@dataclass(frozen=True, slots=True)
class EventQuery:
    """An `EventFilter` plus the filters the HTTP API adds: place, bounding box, historical."""

    where: EventFilter
    place: str | None = None  # place name, or GeoNames id
    bbox: tuple[float, float, float, float] | None = None  # west, south, east, north
    historical: bool | None = None
    # Exact party conditions (column, value, role or None), rarest first, set by
    # `queries.plan`: indexed, either as one list of event ids (`probe` False) or probed per
    # event along the date index (`probe` True: for a page of common parties' events).
    parties: tuple[tuple[str, str, str | None], ...] = ()
    probe: bool = False

    def sql(self) -> tuple[str, list[Any]]:
        """The SQL condition on `events e`, and its parameters."""
        sql, args = self.where.where()
        parts = [sql]
        for part, values in (self._parties(), self._place(), self._bbox()):
            if part:
                parts.append(part)
                args += values
        if self.historical is not None:
            parts.append("e.historical = ?")
            args.append(int(self.historical))
        return " AND ".join(parts), args

    def _parties(self) -> tuple[str, list[Any]]:
        if not self.parties:
            return "", []
        tests, args = [], []
        for i, (column, value, role) in enumerate(self.parties):
            tests.append(f"p{i}.{column} = ?" + (f" AND p{i}.role = ?" if role else ""))
            args += [value, role] if role else [value]
        if self.probe:
            parts = [f"EXISTS (SELECT 1 FROM event_actors p{i} WHERE p{i}.event_id = e.id AND {t})"
                     for i, t in enumerate(tests)]  # fmt: skip
            return " AND ".join(parts), args
        # One list of event ids, read from the rarest party's rows first (CROSS JOIN keeps the
        # order); dates are checked on the (id, date) index before any event row is read.
        joins = "".join(
            f" CROSS JOIN event_actors p{i} ON p{i}.event_id = p0.event_id"
            for i in range(1, len(tests))
        )
        dates = ""
        for bound, op in ((self.where.date_from, ">="), (self.where.date_to, "<=")):
            if bound:
                dates += f" AND d.date {op} ?"
                args.append(bound.isoformat())
        return (
            f"e.id IN (SELECT p0.event_id FROM event_actors p0{joins} CROSS JOIN events d"
            f" ON d.id = p0.event_id WHERE {' AND '.join(tests)}{dates})"
        ), args

    def _place(self) -> tuple[str, list[Any]]:
        if not self.place:
            return "", []
        if self.place.isdigit():
            return "e.place_id = ?", [int(self.place)]
        return "(e.place_name = ? COLLATE NOCASE OR e.place_country = ?)", [
            self.place, self.place.upper(),
        ]  # fmt: skip

    def _bbox(self) -> tuple[str, list[Any]]:
        if not self.bbox:
            return "", []
        west, south, east, north = self.bbox
        if west <= east:
            return "e.lat BETWEEN ? AND ? AND e.lon BETWEEN ? AND ?", [south, north, west, east]
        # the box crosses the antimeridian
        return "e.lat BETWEEN ? AND ? AND (e.lon >= ? OR e.lon <= ?)", [south, north, west, east]


def event_query(
    actor: Annotated[str | None, _q("Actor id, or text of the actor as written.")] = None,
    recipient: Annotated[str | None, _q("Recipient id, or text as written.")] = None,
    country: Annotated[str | None, _q("ISO alpha-3 of an actor or recipient.")] = None,
    type: Annotated[str | None, _q("PLOVER event type, e.g. CONSULT.")] = None,
    polarity: Annotated[str | None, _q("asserted or negated.")] = None,
    modality: Annotated[str | None, _q("actual, planned, possible, ...")] = None,
    historical: Annotated[bool | None, _q("Only historical (true) or current (false).")] = None,
    date_from: Annotated[dt.date | None, _q("Earliest event date, YYYY-MM-DD.")] = None,
    date_to: Annotated[dt.date | None, _q("Latest event date, YYYY-MM-DD.")] = None,
    place: Annotated[str | None, _q("Place name, GeoNames id, or its ISO alpha-3.")] = None,
    bbox: Annotated[str | None, _q("west,south,east,north in degrees.")] = None,
    source: Annotated[str | None, _q("Publisher or a source in the attribution.")] = None,
    text: Annotated[str | None, _q("Text contained in the evidence sentence.")] = None,
    article: Annotated[str | None, _q("Article id.")] = None,
) -> EventQuery:
    """The filters of an event listing, checked."""
    _check_choice("type", type and type.upper(), PLOVER_TYPES)
    _check_choice("polarity", polarity, POLARITIES)
    _check_choice("modality", modality, MODALITIES)
    if date_from and date_to and date_from > date_to:
        raise _bad("date_from", f"date_from {date_from} is after date_to {date_to}")
    where = EventFilter(
        actor=actor, recipient=recipient, country=country, type=type, polarity=polarity,
        modality=modality, date_from=date_from, date_to=date_to, text=text,
        article_id=article, source=source,
    )  # fmt: skip
    return EventQuery(where, place=place, bbox=parse_bbox(bbox), historical=historical)


def _q(description: str) -> Any:
    return Query(description=description)


def parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    """`"west,south,east,north"` as four floats, checked; None when absent."""
    if not value:
        return None
    parts = value.split(",")
    numbers = [_float(p) for p in parts]
    if len(parts) != 4 or None in numbers:
        raise _bad("bbox", f"bbox {value!r} must be four numbers: west,south,east,north")
    west, south, east, north = (float(n) for n in numbers if n is not None)
    if not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= north <= 90):
        raise _bad("bbox", f"bbox {value!r} is outside -180..180, -90..90 or has south > north")
    return west, south, east, north


def _float(text: str) -> float | None:
    stripped = text.strip().lstrip("+-").replace(".", "", 1)
    return float(text) if stripped.isdigit() else None


def _check_choice(name: str, value: str | None, choices: tuple[str, ...]) -> None:
    if value is not None and value not in choices:
        raise _bad(name, f"{name} {value!r} is not one of {', '.join(choices)}")


def _bad(name: str, message: str) -> ApiError:
    return ApiError(400, message, fields=[{"name": name, "in": "query", "message": message}])
