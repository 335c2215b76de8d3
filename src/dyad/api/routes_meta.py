"""Endpoints about the store itself: its index, counts, runs, rejected inputs and actors."""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse

from dyad.api.basemap import country_outlines
from dyad.api.deps import ReadStore
from dyad.api.errors import RESPONSES, ApiError
from dyad.model import MODALITIES, PLOVER_TYPES, POLARITIES
from dyad.version import __version__

router = APIRouter(responses=RESPONSES)
ACTOR_FIELDS = (
    "id",
    "name",
    "kind",
    "country",
    "sector",
    "aliases",
    "mentions",
    "first_seen",
    "last_seen",
)
Limit = Annotated[int, Query(ge=1, le=1000, description="At most this many rows.")]


@router.get("", summary="What this server offers")
def index(request: Request, store: ReadStore) -> dict[str, Any]:
    """Counts, vocabularies, and the list of endpoints."""
    paths = sorted(request.app.openapi()["paths"])
    return {
        "dyad": __version__,
        "store": str(request.app.state.store_path),
        "schema_version": store.schema_version,
        "counts": store.counts(),
        "ingest": request.app.state.ingest_token is not None,
        "types": list(PLOVER_TYPES),
        "polarities": list(POLARITIES),
        "modalities": list(MODALITIES),
        "endpoints": paths,
    }


@router.get("/runs", summary="Ingest runs, most recent first")
def runs(store: ReadStore, limit: Limit = 20) -> dict[str, Any]:
    """Each run with its counts of articles read, new, known, rejected, and events."""
    return {"items": store.runs(limit=limit)}


@router.get("/runs/{run_id}", summary="One run, with the inputs it rejected")
def run(run_id: str, store: ReadStore) -> dict[str, Any]:
    """The run report: counts, status, versions, and its rejected inputs with reasons."""
    found = [r for r in store.runs(limit=100_000) if r["id"] == run_id]
    if not found:
        raise ApiError(404, f"no run {run_id!r}: GET /api/runs lists them")
    rejected = [r for r in store.rejected() if r["run_id"] == run_id]
    return {"run": found[0], "rejected": rejected}


@router.get("/rejected", summary="Inputs that could not become articles, and why")
def rejected(
    store: ReadStore,
    run: Annotated[str | None, Query(description="Only those of this run.")] = None,
    reason: Annotated[str | None, Query(description="Only this kind, e.g. bad-date.")] = None,
) -> dict[str, Any]:
    """Rejected inputs, most recent first."""
    rows = [
        r
        for r in store.rejected()
        if (run is None or r["run_id"] == run) and (reason is None or r["reason"] == reason)
    ]
    return {"items": rows}


@router.get("/actors", summary="Canonical actors, most mentioned first")
def actors(
    store: ReadStore,
    search: Annotated[str | None, Query(description="Id, or text in the name or aliases.")] = None,
    limit: Limit = 100,
) -> dict[str, Any]:
    """Actors with their kind, country, sector, mentions and first/last seen dates."""
    if search:
        found = [store.actor_row(a.id) for a in store.actors(search=search, limit=limit)]
        rows = [r for r in found if r is not None]
    else:
        rows = [{**r, "aliases": json.loads(r["aliases"])} for r in store.actor_rows(limit=limit)]
    return {"items": [{k: r[k] for k in ACTOR_FIELDS} for r in rows]}


@router.get("/actors/{actor_id:path}", summary="One actor with its event counts")
def actor(actor_id: str, store: ReadStore) -> dict[str, Any]:
    """The actor, its aliases, and how many events it acts in and receives."""
    found = store.actor_row(actor_id)
    if found is None:
        raise ApiError(404, f"no actor {actor_id!r}: GET /api/actors?search=NAME finds ids")
    return found


@router.get("/basemap", summary="Country outlines (GeoJSON) for the offline map")
def basemap() -> JSONResponse:
    """A GeoJSON FeatureCollection of country outlines, from the `countryinfo` package."""
    return JSONResponse(country_outlines(), headers={"Cache-Control": "max-age=86400"})
