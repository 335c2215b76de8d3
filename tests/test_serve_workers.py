"""`dyad serve --workers N`: each worker builds the app the command describes, and answers on
connections that send at once (TCP_NODELAY), as one process does."""

from __future__ import annotations

import json
import socket
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi.testclient import TestClient
from uvicorn import supervisors

from dyad.api import APP_FACTORY, SERVE_VARIABLE
from dyad.api.app import app_from_environment
from dyad.cli import serve
from test_api import build_store


def test_a_worker_builds_the_app_from_the_commands_options(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = build_store(tmp_path / "s.db")
    options = {"store_path": str(path), "ingest_token": None, "host": None,
               "max_body_bytes": 1000, "min_confidence": 0.0}  # fmt: skip
    monkeypatch.setenv(SERVE_VARIABLE, json.dumps(options))
    client = TestClient(app_from_environment())
    assert [a["id"] for a in client.get("/api/articles").json()["items"]] == ["b3", "b2", "b1"]
    assert client.post("/api/articles", json={"articles": [{"text": "x"}]}).status_code == 403


def test_workers_listen_on_a_socket_marked_tcp(monkeypatch: pytest.MonkeyPatch) -> None:
    """asyncio turns Nagle's algorithm off only on connections whose protocol is TCP; they
    take it from the listening socket, which uvicorn's own `bind_socket` leaves at 0."""
    started: dict[str, Any] = {}

    class Supervisor:
        def __init__(self, config: uvicorn.Config, sockets: list[socket.socket]) -> None:
            started.update(workers=config.workers, sockets=sockets)

        def run(self) -> None:
            started["ran"] = True

    monkeypatch.setattr(supervisors, "Multiprocess", Supervisor)
    config = uvicorn.Config(APP_FACTORY, factory=True, workers=3, host="127.0.0.1", port=0)
    serve._run_workers(config)
    (listening,) = started["sockets"]
    assert started["workers"] == 3 and started["ran"]
    with listening:
        listening.listen()
        with socket.create_connection(listening.getsockname()[:2]):
            accepted, _ = listening.accept()
            with accepted:
                assert accepted.proto == socket.IPPROTO_TCP
