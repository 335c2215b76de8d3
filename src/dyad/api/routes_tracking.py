"""Tracking a story across articles: event groups, stories, dyad series, the tracker.

Thin views over `dyad.grouping.stored`; grouping itself happens at ingest, not here.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request

from dyad.api.deps import ReadStore
from dyad.api.errors import RESPONSES, ApiError
from dyad.api.params import Offset, event_query
from dyad.grouping import stored
from dyad.grouping.stored.groups import newest_group_members
from dyad.grouping.stored.stories import STORY_GROUPS
from dyad.model import to_dict
from dyad.query import EventFilter, dyad_series, group_date_label

router = APIRouter(responses=RESPONSES)
Filters = Annotated[EventFilter, Depends(event_query)]
Limit = Annotated[int, Query(ge=1, le=1000, description="At most this many.")]


StoryId = Annotated[str | None, Query(description="Only the groups of this story (its id).")]


@router.get("/groups", summary="Event groups: one real happening, all its mentions")
def groups(
    store: ReadStore, where: Filters, limit: Limit = 50, offset: Offset = 0, story: StoryId = None
) -> dict:
    """Groups holding an event that matches the filters (actor, type, dates, ...), most
    recently seen first, each with its status now, status history, counts and sources;
    `story` keeps those of one story (every group of it, page by page)."""
    found = stored.event_groups(store, where, story_id=story, limit=limit, offset=offset)
    return {"limit": limit, "offset": offset, "items": [_labelled(to_dict(g)) for g in found]}


def _labelled(group: dict[str, Any]) -> dict[str, Any]:
    """A group's record with its date as precisely as known ("2019", not 2019-01-01)."""
    return {**group, "date_label": group_date_label(group)}


@router.get("/groups/{group_id}", summary="One event group with its member events")
def group(
    group_id: str,
    store: ReadStore,
    limit: Annotated[
        int, Query(ge=1, le=1000, description="At most this many members, newest first.")
    ] = 100,
    offset: Offset = 0,
) -> dict[str, Any]:
    """The group and a page of the member events (one per article) that report it: the
    newest `limit` after the `offset` newest, oldest first; `members_total` counts them all."""
    found = stored.event_group(store, group_id)
    if found is None:
        raise ApiError(404, f"no event group {group_id!r}: GET /api/groups lists them")
    members = newest_group_members(store, found.id, limit=limit, offset=offset)
    return {
        "group": _labelled(to_dict(found)),
        "members": [to_dict(m) for m in members],
        "members_total": len(found.event_ids),
        "limit": limit,
        "offset": offset,
    }


Doubtful = Annotated[
    bool, Query(description="Also groups under the confidence threshold (hidden by default).")
]


@router.get("/stories", summary="Stories: linked event groups across articles")
def stories(
    store: ReadStore,
    request: Request,
    limit: Limit = 50,
    offset: Offset = 0,
    doubtful: Doubtful = False,
) -> dict[str, Any]:
    """Stories, most recently active first, each with its newest 20 groups (their ids and
    timeline) and 20 newest articles, `groups` and `articles` counting every one (`GET
    /api/stories/{id}` gives more). Each story's `hidden` counts its doubtful
    groups (under the server's threshold), left out of its groups, counts and timeline
    unless `doubtful`."""
    shown = None if doubtful else request.app.state.min_confidence
    found = stored.stories(store, limit=limit, offset=offset, min_confidence=shown)
    return {"limit": limit, "offset": offset, "items": [to_dict(s) for s in found]}


@router.get("/stories/{story_id}", summary="One story with its timeline")
def story(
    story_id: str,
    store: ReadStore,
    request: Request,
    doubtful: Doubtful = False,
    limit: Annotated[
        int, Query(ge=1, le=1000, description="Groups (and articles) of the page.")
    ] = STORY_GROUPS,
    offset: Offset = 0,
) -> dict[str, Any]:
    """The story's countries and a page of its groups, newest first (last seen): their ids
    and dated timeline of status changes, and as many of its newest articles; `groups` and
    `articles` count every one (`offset` pages on; `GET /api/groups?story=ID` lists the
    groups themselves). Doubtful groups are hidden and counted (`hidden`) unless
    `doubtful`."""
    shown = None if doubtful else request.app.state.min_confidence
    found = stored.story(store, story_id, min_confidence=shown, limit=limit, offset=offset)
    if found is None:
        raise ApiError(404, f"no story {story_id!r}: GET /api/stories lists them")
    return to_dict(found)


@router.get("/series", summary="Dyad series: counts and score per period between two sides")
def series(
    store: ReadStore,
    a: Annotated[str, Query(description="Actor id or ISO alpha-3 country of one side.")],
    b: Annotated[str, Query(description="Actor id or ISO alpha-3 country of the other.")],
    date_from: Annotated[dt.date | None, Query(description="First day, YYYY-MM-DD.")] = None,
    date_to: Annotated[dt.date | None, Query(description="Last day, YYYY-MM-DD.")] = None,
    freq: Annotated[Literal["day", "week"], Query(description="Period.")] = "day",
    count: Annotated[Literal["groups", "mentions"], Query(description="What to count.")] = "groups",
    min_confidence: Annotated[
        float | None,
        Query(ge=0, le=1, description="Leave out events under this confidence; 0: none."),
    ] = None,
    request: Request = None,  # type: ignore[assignment]  # FastAPI always passes it
) -> dict[str, Any]:
    """Per period: counts by PLOVER type and QuadClass and the mean Goldstein score of events
    between `a` and `b` (either direction); happenings (groups) or every mention. At most
    5,000 periods (`dyad.query.MAX_POINTS`): a longer range given with `date_from` answers
    400; without `date_from` the latest 5,000 periods are given. Doubtful events
    (under the server's threshold, unless `min_confidence` says otherwise) are left out."""
    shown = request.app.state.min_confidence if min_confidence is None else min_confidence
    points = dyad_series(
        store, a, b, start=date_from, end=date_to, freq=freq, count=count, min_confidence=shown
    )
    return {"a": a, "b": b, "freq": freq, "count": count, "items": [to_dict(p) for p in points]}


@router.get("/tracker", summary="Negotiation tracker: meetings, demands, threats, proposals")
def tracker(
    store: ReadStore,
    request: Request,
    story: Annotated[str | None, Query(description="Story id; default: the whole store.")] = None,
    doubtful: Annotated[
        bool, Query(description="Also items under the confidence threshold (hidden by default).")
    ] = False,
) -> dict[str, Any]:
    """Each meeting or call (who attends, who stays away, its dated history), agreement (where
    reached, carried out or not), demand and ultimatum (deadline, met or expired), threat
    (carried out or not) and proposal (accepted or rejected); `hidden` counts doubtful ones.
    Built from the newest 2,000 groups of the story (or of the store) of the types it reads:
    `groups` says how many were read; `truncated` is true when there were more, and `since`
    then gives the oldest last-seen date read."""
    if story is not None and store.story_record(story) is None:
        raise ApiError(404, f"no story {story!r}: GET /api/stories lists them")
    shown = request.app.state.min_confidence  # the server's threshold, as for event listings
    return to_dict(stored.tracker(store, story_id=story, min_confidence=shown, doubtful=doubtful))
