"""The aggregates the dashboard draws, planned like every read (see `dyad.query.reads`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from dyad.query.filter import EventFilter, check_filter
from dyad.query.reads import plan

if TYPE_CHECKING:
    from dyad.store import Store

INTERVALS = ("day", "month", "year")


def timeline(store: Store, where: EventFilter, *, interval: str) -> list[dict[str, Any]]:
    """Event counts per period and type."""
    return store.timeline(plan(store, check_filter(where), page=False), interval=interval)


def summary(store: Store, where: EventFilter, *, interval: str) -> dict[str, Any]:
    """Counts by type and status, and the cooperation-conflict line per period."""
    return store.summary(plan(store, check_filter(where), page=False), interval=interval)


def network(store: Store, where: EventFilter, *, limit: int) -> dict[str, Any]:
    """Actor -> recipient edges with event counts, and their actors as nodes."""
    edges = store.edges(plan(store, check_filter(where), page=False), limit=limit)
    ids = sorted({r["source"] for r in edges} | {r["target"] for r in edges})
    names = store.actor_names(ids)
    nodes = [{"id": i, **names.get(i, {"name": i, "country": None, "sector": None})} for i in ids]
    return {"nodes": nodes, "edges": edges}


def places(store: Store, where: EventFilter, *, limit: int) -> list[dict[str, Any]]:
    """Event locations with their counts, for the map."""
    return store.places(plan(store, check_filter(where), page=False), limit=limit)
