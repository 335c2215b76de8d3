"""Query parameters shared by the event endpoints: the filter, and the sort names."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import Query

from dyad.query import EventFilter, check_filter, parse_bbox, parse_place
from dyad.query.filter import MAX_OFFSET

Sort = Literal["date", "-date", "confidence", "id"]
# SQLite reads an offset as a signed 64-bit integer: a larger one is a 400, not an overflow.
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Rows to skip.")]


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
) -> EventFilter:
    """The filters of an event listing, checked by the query layer (a `FilterError` is a
    400 naming the parameter)."""
    return check_filter(EventFilter(
        actor=actor, recipient=recipient, country=country, type=type, polarity=polarity,
        modality=modality, date_from=date_from, date_to=date_to, text=text,
        article_id=article, source=source, place=parse_place(place), bbox=parse_bbox(bbox),
        historical=historical,
    ))  # fmt: skip


def _q(description: str) -> Any:
    return Query(description=description)
