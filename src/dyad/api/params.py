"""Query parameters shared by the event endpoints: the filter, and the sort names."""

from __future__ import annotations

import datetime as dt
import difflib
from typing import Annotated, Any, Literal

from fastapi import Query, Request
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from dyad.api.errors import ApiError
from dyad.errors import FilterError
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
    since: Annotated[dt.date | None, _q("Same as date_from (the CLI's --since).")] = None,
    until: Annotated[dt.date | None, _q("Same as date_to (the CLI's --until).")] = None,
    min_confidence: Annotated[
        float | None, _q("Hide events under this confidence; default: the server's; 0: all.")
    ] = None,
    request: Request = None,  # type: ignore[assignment]  # FastAPI always passes it
) -> EventFilter:
    """The filters of an event listing, checked by the query layer (a `FilterError` is a
    400 naming the parameter). Doubtful events are left out unless `min_confidence` says
    otherwise: the server's default is the confidence model's threshold."""
    if min_confidence is None and request is not None:
        min_confidence = request.app.state.min_confidence
    date_from = _either("date_from", date_from, since)
    date_to = _either("date_to", date_to, until)
    return check_filter(
        EventFilter(
            actor=actor,
            recipient=recipient,
            country=country,
            type=type,
            polarity=polarity,
            modality=modality,
            date_from=date_from,
            date_to=date_to,
            text=text,
            article_id=article,
            source=source,
            place=parse_place(place),
            bbox=parse_bbox(bbox),
            historical=historical,
            min_confidence=min_confidence,
        )
    )


def known_parameters(request: Request) -> None:
    """Refuse query parameters the endpoint does not read (a typo would otherwise return
    everything), naming the one meant."""
    route = request.scope.get("route")
    if not isinstance(route, APIRoute):
        return
    known = _query_names(route.dependant)
    unknown = sorted(set(request.query_params) - known)
    if not unknown:
        return
    fields = [{"name": name, "in": "query", "message": _unknown(name, known)} for name in unknown]
    raise ApiError(400, "; ".join(f["message"] for f in fields), fields=fields)


def _query_names(dependant: Dependant) -> set[str]:
    names = {p.alias for p in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _query_names(sub)
    return names


def _unknown(name: str, known: set[str]) -> str:
    close = difflib.get_close_matches(name, sorted(known), n=1)
    hint = f": did you mean {close[0]}?" if close else ""
    listed = ", ".join(sorted(known)) or "none"
    return f"unknown parameter {name!r}{hint} (this endpoint reads: {listed})"


def _either(name: str, value: dt.date | None, alias: dt.date | None) -> dt.date | None:
    if value and alias and value != alias:
        raise FilterError(name, f"{name} {value} and its alias {alias} differ: give one")
    return value or alias


def _q(description: str) -> Any:
    return Query(description=description)
