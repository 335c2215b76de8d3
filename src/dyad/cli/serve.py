"""`dyad serve`: the HTTP API and the dashboard, with uvicorn."""

from __future__ import annotations

import json
import os
import socket
from typing import TYPE_CHECKING, Annotated, Any

import typer

from dyad.cli import app
from dyad.cli.options import SettingsFileOpt, StoreOpt
from dyad.cli.output import err, plural
from dyad.settings import Settings, load_settings

if TYPE_CHECKING:
    import uvicorn


@app.command()
def serve(
    store: StoreOpt = None,
    host: Annotated[str | None, typer.Option(help="Address to listen on.")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on.")] = None,
    ingest_token: Annotated[
        str | None,
        typer.Option(
            "--ingest-token",
            envvar="DYAD_INGEST_TOKEN",
            show_envvar=True,
            help="Bearer token that turns on POST /api/articles; unset keeps the API read-only.",
        ),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers",
            min=1,
            help="Processes answering requests (default 1; 2 on two free cores and many users).",
        ),
    ] = None,
    settings_file: SettingsFileOpt = None,
) -> None:
    """Serve the HTTP API (/api, OpenAPI at /api/docs) and the dashboard (/) over a store.

    Reads never block a `dyad ingest` running on the same store; new events show on the next
    request. Creates and migrates the store when it is missing or older than this Dyad.
    Requests are shared among `--workers` processes, each with its own read connections.
    """
    import uvicorn

    from dyad.api import APP_FACTORY, SERVE_VARIABLE, create_app
    from dyad.store import open_store

    settings = load_settings(
        settings_file,
        store=store,
        host=host,
        port=port,
        ingest_token=ingest_token,
        serve_workers=workers,
    )
    with open_store(settings.store) as db:  # create or migrate once; requests only read
        counts = db.counts()
    from dyad.query import shown_confidence

    options: dict[str, Any] = {
        "store_path": str(settings.store),
        "ingest_token": settings.ingest_token,
        "host": settings.host,
        "max_body_bytes": settings.max_body_bytes,
        "min_confidence": shown_confidence(settings),
    }
    _announce(settings, counts)
    where: dict[str, Any] = {"host": settings.host, "port": settings.port, "log_level": "warning"}
    if settings.serve_workers == 1:
        uvicorn.run(create_app(**options), **where)
        return
    # Each worker is a fresh process that imports the app: it reads its options from here.
    os.environ[SERVE_VARIABLE] = json.dumps(options)
    _run_workers(uvicorn.Config(APP_FACTORY, factory=True, workers=settings.serve_workers, **where))


def _run_workers(config: uvicorn.Config) -> None:
    """What `uvicorn.run` does with workers, on a listening socket marked TCP: uvicorn's own
    leaves its protocol 0, so the connections it accepts keep Nagle's algorithm, and every
    answer on a kept-alive connection after the first waited some 40 ms for the client's
    delayed ACK (measured: 44-48 ms for answers of 0.3 ms with one process)."""
    from uvicorn.supervisors import Multiprocess

    bound = config.bind_socket()
    listening = socket.socket(bound.family, bound.type, socket.IPPROTO_TCP, bound.detach())
    Multiprocess(config, sockets=[listening]).run()


def _announce(settings: Settings, counts: dict[str, int]) -> None:
    """Say on stderr what is served where, and whether POST /api/articles is on."""
    url = f"http://{settings.host}:{settings.port}/"
    err.print(
        f"Dyad serving {settings.store} ({plural(counts['events'], 'event')}, "
        f"{plural(counts['articles'], 'article')}) at {url}  API: {url}api  docs: {url}api/docs  "
        f"POST /api/articles: {'on' if settings.ingest_token else 'off'}; "
        f"{plural(settings.serve_workers, 'worker process', 'worker processes')}"
    )
