"""The event filter: one frozen value every read takes, and its validation.

Pure values (imports only `model` and `errors`), so that the store, which compiles a filter
to SQL, can take it too; `tests/test_layers.py` places this module with the model.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from dyad.errors import FilterError
from dyad.model import MODALITIES, PLOVER_TYPES, POLARITIES

SORTS = ("date", "-date", "confidence", "id")
MAX_OFFSET = 2**63 - 1  # SQLite's largest integer


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Which events to return; every field left None matches everything."""

    actor: str | None = None  # actor id, or text contained in the actor as written
    recipient: str | None = None
    country: str | None = None  # ISO alpha-3 of an actor or recipient
    type: str | None = None  # PLOVER type
    polarity: str | None = None
    modality: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    text: str | None = None  # contained in the evidence sentence
    article_id: str | None = None
    source: str | None = None  # a name in the attribution chain, or the publisher
    place: str | None = None  # place name, GeoNames id, or the place's ISO alpha-3
    bbox: tuple[float, float, float, float] | None = None  # west, south, east, north
    historical: bool | None = None
    min_confidence: float | None = None  # events under it are doubtful and left out


@dataclass(frozen=True, slots=True)
class Plan:
    """A filter with its party conditions made exact (column, value, role or None), rarest
    first, by `dyad.query.plan`: read as one list of event ids (`probe` False) or probed per
    event along the date index (`probe` True: for a page of common parties' events)."""

    where: EventFilter
    parties: tuple[tuple[str, str, str | None], ...] = ()
    probe: bool = False


def check_filter(where: EventFilter) -> EventFilter:
    """`where` itself when every field is allowed; else `FilterError` naming the field."""
    _check_choice("type", where.type and where.type.upper(), PLOVER_TYPES)
    _check_choice("polarity", where.polarity, POLARITIES)
    _check_choice("modality", where.modality, MODALITIES)
    confidence = where.min_confidence
    if confidence is not None and not (math.isfinite(confidence) and 0.0 <= confidence <= 1.0):
        raise FilterError("min_confidence", f"min_confidence {confidence} is not in 0..1")
    if where.date_from and where.date_to and where.date_from > where.date_to:
        raise FilterError(
            "date_from", f"date_from {where.date_from} is after date_to {where.date_to}"
        )
    return where


def check_page(*, limit: int, offset: int, most: int | None = None) -> None:
    """A page that SQLite can read: 1 <= limit <= most (default 2**63 - 1), 0 <= offset <
    2**63."""
    most = MAX_OFFSET if most is None else most
    if not 1 <= limit <= most:
        raise FilterError("limit", f"limit {limit} is out of range: give 1 to {most}")
    if not 0 <= offset <= MAX_OFFSET:
        raise FilterError("offset", f"offset {offset} is out of range: give 0 to {MAX_OFFSET}")


def parse_place(value: str | None) -> str | None:
    """A place filter: a name, an ISO alpha-3, or a GeoNames id of ASCII digits."""
    if value is not None and not value.strip():
        raise FilterError("place", "place is empty: give a place name, GeoNames id or ISO3")
    if value is not None and value.isdigit() and not is_geonames_id(value):
        raise FilterError(
            "place", f"place {value!r} is no GeoNames id: give its digits 0-9, or a place name"
        )
    return value


def is_geonames_id(place: str) -> bool:
    """Whether a place filter is a GeoNames id (ASCII digits only: `"²".isdigit()` is true)."""
    return place.isascii() and place.isdecimal()


def parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    """`"west,south,east,north"` as four floats, checked; None when absent."""
    if not value:
        return None
    parts = value.split(",")
    numbers = [_float(p) for p in parts]
    if len(parts) != 4 or None in numbers:
        raise FilterError("bbox", f"bbox {value!r} must be four numbers: west,south,east,north")
    west, south, east, north = (float(n) for n in numbers if n is not None)
    if not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= north <= 90):
        raise FilterError(
            "bbox", f"bbox {value!r} is outside -180..180, -90..90 or has south > north"
        )
    return west, south, east, north


def _float(text: str) -> float | None:
    if not text.strip().isascii():  # float() reads "²" as no number but "٣" as 3
        return None
    try:
        number = float(text)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def _check_choice(name: str, value: str | None, choices: tuple[str, ...]) -> None:
    if value is not None and value not in choices:
        raise FilterError(name, f"{name} {value!r} is not one of {', '.join(choices)}")
