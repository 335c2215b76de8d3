"""Events: filtered listings, one event with all its mentions and evidence, and exports."""

from __future__ import annotations

import itertools
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response, StreamingResponse

from dyad.api.deps import ReadStore
from dyad.api.errors import RESPONSES, ApiError
from dyad.api.exporting import export_bytes, export_text, media_type
from dyad.api.params import Offset, Sort, event_query
from dyad.exports import FORMATS
from dyad.grouping import stored
from dyad.grouping.logic.members import STATUS_FIELDS, record_status
from dyad.model import Event, to_dict
from dyad.query import (
    EventFilter,
    count_events,
    event_row,
    group_date_label,
    list_events,
    plan,
)
from dyad.store import Store

router = APIRouter(responses=RESPONSES)
MEMBER_FIELDS = STATUS_FIELDS | {"article_id"}
MEMBERS_SHOWN = 100  # reports of an event's group listed in the event view
Filters = Annotated[EventFilter, Depends(event_query)]


@router.get("/events", summary="Events, filtered, sorted and paged")
def events(
    store: ReadStore,
    where: Filters,
    sort: Annotated[Sort, Query(description="date, -date (newest first), ...")] = "date",
    limit: Annotated[int, Query(ge=1, le=1000, description="Page size.")] = 50,
    offset: Offset = 0,
    view: Annotated[Literal["full", "row"], Query(description="Records or flat rows.")] = "full",
    count: Annotated[bool, Query(description="Count every match (slower on big stores).")] = True,
) -> dict[str, Any]:
    """Events matching every filter given. `total` is null when `count=false`, or when the
    tallies do not hold the filter and counting every match would take longer than 30 ms
    (page on with `offset`)."""
    planned = plan(store, where)
    found = list_events(store, planned, sort=sort, limit=limit, offset=offset)
    items = [event_row(e) for e in found] if view == "row" else [_full(e) for e in found]
    total = count_events(store, planned) if count else None
    return {"total": total, "limit": limit, "offset": offset, "sort": sort, "items": items}


@router.get("/events/{event_id}", summary="One event with all its mentions and evidence")
def event(event_id: str, store: ReadStore) -> dict[str, Any]:
    """The event record, its article, each mention's trigger and sentence, its quote, the
    events it embeds or is embedded in, and its group: the same happening as reported by
    every stored article (one member event per article)."""
    found = store.event(event_id)
    if found is None:
        raise ApiError(404, f"no event {event_id!r}: GET /api/events lists them")
    return event_detail(store, found)


def event_detail(store: Store, found: Event) -> dict[str, Any]:
    """Everything the event view shows about one event."""
    header = store.article_header(found.article_id)
    siblings = store.events(EventFilter(article_id=found.article_id), limit=10_000)
    mentions = [
        {"position": i, "trigger": to_dict(e.trigger), "sentence": to_dict(e.sentence)}
        for i, e in enumerate(found.evidence)
    ]
    return {
        "event": _full(found),
        "article": header,
        "mentions": mentions,
        "quote": store.quote_record(found.quote_id) if found.quote_id else None,
        "parent": next((event_row(e) for e in siblings if e.id == found.parent_id), None),
        "children": [event_row(e) for e in siblings if e.parent_id == found.id],
        "group": _group(store, found.id),
    }


def _group(store: Store, event_id: str) -> dict[str, Any] | None:
    """The happening this event is one report of, with its newest reports (`MEMBERS_SHOWN`)
    and their statuses: a group of thousands of reports is read a page at a time."""
    group_id = store.group_of_event(event_id)
    if group_id is None:
        return None
    members = _members(store, group_id)
    shown = {m["event_id"] for m in members}
    record = stored.event_group_record(store, group_id, statuses_of=shown)
    if record is None:
        return None
    return {
        **{k: v for k, v in record.items() if k not in ("event_ids", "article_ids")},
        "date_label": group_date_label(record),
        "members": members,
        "members_total": len(record["event_ids"]),
    }


def _members(store: Store, group_id: str) -> list[dict[str, Any]]:
    """The newest `MEMBERS_SHOWN` members of a group as the event view lists it (oldest
    first; `members_total` counts them all): the fields of its `Member` that say who reported
    what, read from only the fields of its event they come from."""
    rows = store.newest_member_events(group_id, limit=MEMBERS_SHOWN, only=MEMBER_FIELDS)
    return [
        {
            "event_id": event_id,
            "article_id": event["article_id"],
            "article_date": date.isoformat() if date else None,
            "status": record_status(event),
            "publisher": publisher,
            "sentence": event["evidence"][0]["sentence"]["text"] if event["evidence"] else "",
        }
        for event_id, event, date, publisher in rows
        if event is not None
    ]


@router.get("/export", summary="Matching events in an exchange format, as a download")
def export(
    request: Request,
    where: Filters,
    format: Annotated[str, Query(description=f"One of {', '.join(FORMATS)}.")] = "plover",
    all_statuses: Annotated[bool, Query(description="GDELT: keep every status.")] = False,
) -> Response:
    """PLOVER JSON lines, GDELT 2.0 event or mention table, CSV, or Parquet."""
    if format not in FORMATS:
        message = f"format {format!r} is not one of {', '.join(FORMATS)}"
        raise ApiError(400, message, fields=[{"name": "format", "in": "query", "message": message}])
    headers = {"Content-Disposition": f'attachment; filename="{FORMATS[format]}"'}
    path = request.app.state.store_path
    if format == "parquet":
        body = export_bytes(path, where, format)
        return Response(body, media_type=media_type(format), headers=headers)
    lines = export_text(path, where, format, all_statuses=all_statuses)
    # The first line runs the query here: a failure answers in the error shape, not as a
    # 200 cut short after its header.
    first = next(lines, "")
    return StreamingResponse(
        itertools.chain([first], lines), media_type=media_type(format), headers=headers
    )


def _full(event: Event) -> dict[str, Any]:
    return {**to_dict(event), "summary": event_row(event)}
