"""Dyad over HTTP: a JSON API (with its OpenAPI document) and the web dashboard.

`create_app(store_path)` builds the FastAPI application; `dyad serve` runs it with uvicorn.
Importing this package is light: FastAPI loads when `create_app` is called.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dyad.api.app import create_app

__all__ = ["APP_FACTORY", "SERVE_VARIABLE", "create_app"]

# `dyad serve --workers N`: each worker process starts the app from this factory, which reads
# `create_app`'s options (JSON) from this environment variable.
APP_FACTORY = "dyad.api.app:app_from_environment"
SERVE_VARIABLE = "DYAD_SERVE_APP"


def __getattr__(name: str) -> Any:
    """`create_app`, imported from `dyad.api.app` (and FastAPI with it) on first use."""
    if name == "create_app":
        from dyad.api.app import create_app

        return create_app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
