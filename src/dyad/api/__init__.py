"""Dyad over HTTP: a JSON API (with its OpenAPI document) and the web dashboard.

`create_app(store_path)` builds the FastAPI application; `dyad serve` runs it with uvicorn.
Importing this package is light: FastAPI loads when `create_app` is called.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fastapi import FastAPI

__all__ = ["create_app"]


def create_app(
    store_path: str | Path,
    *,
    ingest_token: str | None = None,
    host: str | None = None,
    max_body_bytes: int | None = None,
    min_confidence: float | None = None,
) -> FastAPI:
    """The HTTP API and dashboard over the store at `store_path` (see `dyad.api.app`)."""
    from dyad.api.app import create_app as _create_app

    return _create_app(
        store_path,
        ingest_token=ingest_token,
        host=host,
        max_body_bytes=max_body_bytes,
        min_confidence=min_confidence,
    )
