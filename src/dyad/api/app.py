"""The FastAPI application: the JSON API under /api and the dashboard at /.

Reads open a fresh read-only connection per request: SQLite in WAL mode lets them run beside
one writer (a `dyad ingest` in another process) without blocking it. Each request reads in
one transaction: it sees everything committed before its first read, and nothing after.
Answers to the same GET are kept until the next commit to the store (`dyad.api.cache`).
"""

from __future__ import annotations

import json
import os
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import Depends, FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from dyad.api import (
    SERVE_VARIABLE,
    routes_articles,
    routes_charts,
    routes_events,
    routes_meta,
    routes_tracking,
)
from dyad.api.cache import ResponseCache
from dyad.api.errors import install_error_handlers
from dyad.api.guard import Guard, allowed_hosts
from dyad.api.params import known_parameters
from dyad.query import shown_confidence
from dyad.settings import Settings, load_settings
from dyad.version import __version__

WEB = Path(str(resources.files("dyad") / "web"))
# Swagger UI's script and style, from the pinned fastapi-offline package (no CDN).
DOCS_ASSETS = Path(str(resources.files("fastapi_offline") / "static"))
TOKEN_VARIABLE = "DYAD_INGEST_TOKEN"
DESCRIPTION = (
    "Political events read from news articles: who did what to whom, when, where, and on whose"
    ' word. Every error answers with one JSON shape: `{"error": {"status", "code", "message",'
    ' "fields"}}`.'
)


def app_from_environment() -> FastAPI:
    """The app of one worker process of `dyad serve --workers N`: `create_app` with the
    options the command put in `SERVE_VARIABLE` (JSON) before starting the workers."""
    return create_app(**json.loads(os.environ[SERVE_VARIABLE]))


def create_app(
    store_path: str | Path,
    *,
    ingest_token: str | None = None,
    host: str | None = None,
    max_body_bytes: int | None = None,
    min_confidence: float | None = None,
) -> FastAPI:
    """The HTTP API and dashboard over the store at `store_path`.

    POST /api/articles is on only when `ingest_token` (or the environment variable
    DYAD_INGEST_TOKEN) is set; requests must then carry `Authorization: Bearer TOKEN`,
    checked before the body is read; a body over `max_body_bytes` (default: the setting)
    answers 413. `host`: the address the server listens on; only its name and the local names
    are answered in the Host header (against DNS rebinding), any when it is None or a wildcard
    (0.0.0.0, ::). Event listings hide events under `min_confidence` (default: the
    settings' `min_confidence`, else the confidence model's threshold) unless a request asks.
    """
    app = FastAPI(
        title="Dyad",
        version=__version__,
        description=DESCRIPTION,
        docs_url=None,  # served below from installed files: the product works offline
        redoc_url=None,
        openapi_url="/api/openapi.json",
        dependencies=[Depends(known_parameters)],
    )
    app.state.store_path = Path(store_path)
    app.state.min_confidence = (
        shown_confidence(load_settings()) if min_confidence is None else min_confidence
    )
    app.state.ingest_token = ingest_token or os.environ.get(TOKEN_VARIABLE) or None
    install_error_handlers(app)
    _add_middleware(
        app, host, Settings().max_body_bytes if max_body_bytes is None else max_body_bytes
    )
    for module in (routes_meta, routes_events, routes_articles, routes_charts, routes_tracking):
        app.include_router(module.router, prefix="/api")
    _document_errors_as_400(app)
    _serve_pages(app)
    return app


def _add_middleware(app: FastAPI, host: str | None, max_body: int) -> None:
    """The guard (Host header, ingest token, body size) and, inside it, the kept answers."""
    app.add_middleware(  # inside the guard: answers replayed from it get its headers too
        ResponseCache,
        path=lambda: app.state.store_path,
        config=lambda: (app.state.min_confidence, app.state.ingest_token is not None),
    )
    app.add_middleware(
        Guard,
        hosts=allowed_hosts(host),
        token=lambda: app.state.ingest_token,
        max_body=max_body,
    )


def _serve_pages(app: FastAPI) -> None:
    """The dashboard at /, the API's documentation page, and their files."""
    app.mount("/static", StaticFiles(directory=WEB), name="static")
    app.mount("/api/docs/assets", StaticFiles(directory=DOCS_ASSETS), name="docs-assets")

    @app.get("/", include_in_schema=False)
    def dashboard() -> FileResponse:
        return FileResponse(WEB / "index.html", headers={"Cache-Control": "no-cache"})

    @app.get("/api/docs", include_in_schema=False)
    def docs() -> FileResponse:
        return FileResponse(WEB / "docs.html", headers={"Cache-Control": "no-cache"})


def _document_errors_as_400(app: FastAPI) -> None:
    """Invalid parameters answer 400 in the one error shape, so the OpenAPI document drops
    FastAPI's default 422 response."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        schema = build()
        for operations in schema["paths"].values():
            for operation in operations.values():
                operation.get("responses", {}).pop("422", None)
        return schema

    app.openapi = openapi  # type: ignore[method-assign]  # FastAPI's documented override
