"""The API's pool of read-only connections: reused across requests, yet every request sees
the commits made before it, and a store file replaced at the same path is read anew."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from fastapi.testclient import TestClient

from dyad.api import create_app
from dyad.model import Article, ArticleResult, Event, Evidence, Span
from dyad.store import open_store

TEXT = "Ruritania met Borduria."


def _add(path: Path, article_id: str, events: int) -> None:
    result = ArticleResult(
        Article(article_id, TEXT, dt.date(2026, 3, 1)),
        tuple(
            Event(
                id=f"ev_{article_id}_{i}",
                article_id=article_id,
                type="CONSULT",
                actors=(),
                recipients=(),
                evidence=(Evidence(Span(10, 13, "met"), Span(0, 23, TEXT)),),
                date=dt.date(2026, 3, 1),
                confidence=0.9,
            )
            for i in range(events)
        ),
    )
    with open_store(path) as store:
        run = store.start_run("test", pipeline_version="t", model_version=None)
        store.add_batch([result], run_id=run, pipeline_version="t", model_version=None)


def _total(client: TestClient) -> int:
    body = client.get("/api/timeline", params={"interval": "year"}).json()
    return sum(item["events"] for item in body["items"])


def test_pooled_connections_see_every_commit_and_a_replaced_file(tmp_path: Path) -> None:
    path = tmp_path / "pool.db"
    _add(path, "a1", 2)
    app = create_app(path)
    client = TestClient(app)
    assert [_total(client) for _ in range(3)] == [2, 2, 2]
    assert app.state.store_pool.idle == 1  # one connection served the three requests
    _add(path, "a2", 3)  # a commit between two requests
    assert _total(client) == 5
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    _add(path, "b1", 1)  # another store at the same path
    assert _total(client) == 1
    assert client.get("/api/events/ev_a1_0").status_code == 404
