"""Aggregates the dashboard draws: timeline, dyad summary, actor network, map points."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query

from dyad import query
from dyad.api.deps import ReadStore
from dyad.api.errors import RESPONSES
from dyad.api.params import event_query

router = APIRouter(responses=RESPONSES)
Filters = Annotated[query.EventFilter, Depends(event_query)]
Interval = Annotated[Literal["day", "month", "year"], Query(description="Period of each count.")]


@router.get("/timeline", summary="Event counts per period and type")
def timeline(store: ReadStore, where: Filters, interval: Interval = "day") -> dict[str, Any]:
    """Counts of matching dated events per period and PLOVER type."""
    return {"interval": interval, "items": query.timeline(store, where, interval=interval)}


@router.get("/summary", summary="Counts by type and status, and the cooperation-conflict line")
def summary(store: ReadStore, where: Filters, interval: Interval = "day") -> dict[str, Any]:
    """For a dyad (actor and recipient filters) or any selection: counts by type and by
    status, and per period the asserted events' cooperation and conflict counts (QuadClass 1-2
    and 3-4) and mean Goldstein score."""
    return {"interval": interval, **query.summary(store, where, interval=interval)}


@router.get("/network", summary="Who acts on whom: actor-recipient edges")
def network(
    store: ReadStore,
    where: Filters,
    limit: Annotated[int, Query(ge=1, le=2000, description="At most this many edges.")] = 200,
) -> dict[str, Any]:
    """Edges from actor to recipient weighted by event count, with their actors as nodes."""
    return query.network(store, where, limit=limit)


@router.get("/places", summary="Event locations with counts, for the map")
def places(
    store: ReadStore,
    where: Filters,
    limit: Annotated[int, Query(ge=1, le=5000, description="At most this many places.")] = 1000,
) -> dict[str, Any]:
    """Places of matching events (those with coordinates), most events first."""
    return {"items": query.places(store, where, limit=limit)}
