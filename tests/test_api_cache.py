"""Answers kept between requests: replayed while the store is unchanged, forgotten at the
next commit from any connection, never kept for downloads, errors or other settings."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from dyad.api import create_app
from dyad.api.cache import Answers, ResponseCache
from dyad.store import open_store
from test_api_pool import _add, _total


class Counting:
    """An ASGI app answering its own call count, to see which requests reach it."""

    def __init__(self, status: int = 200) -> None:
        self.calls = 0
        self.status = status

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        self.calls += 1
        body = str(self.calls).encode()
        await send({"type": "http.response.start", "status": self.status, "headers": []})
        await send({"type": "http.response.body", "body": body})


def _get(app: Any, path: str, query: bytes = b"", method: str = "GET") -> tuple[int, bytes]:
    sent: list[dict[str, Any]] = []

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    scope = {"type": "http", "method": method, "path": path, "query_string": query}
    asyncio.run(app(scope, receive, send))
    return sent[0]["status"], b"".join(m.get("body", b"") for m in sent[1:])


def _cache(path: Path, inner: Counting, config: Any = "c") -> ResponseCache:
    return ResponseCache(inner, path=lambda: path, config=lambda: config)


def test_the_same_get_is_answered_once_until_a_commit(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    _add(path, "a1", 1)
    inner = Counting()
    app = _cache(path, inner)
    assert [_get(app, "/api/timeline")[1] for _ in range(3)] == [b"1", b"1", b"1"]
    assert _get(app, "/api/timeline", b"interval=year")[1] == b"2"  # another URL
    _add(path, "a2", 1)  # a commit from another connection
    assert _get(app, "/api/timeline")[1] == b"3"
    assert _get(app, "/api/timeline")[1] == b"3"
    assert inner.calls == 3


class Slow(Counting):
    """`Counting`, answering after a pause in which other requests arrive."""

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        await asyncio.sleep(0.05)
        await super().__call__(scope, receive, send)


def _together(app: Any, paths: list[str]) -> list[bytes]:
    """The bodies answered to GET requests of `paths` sent at once."""

    async def one(path: str) -> bytes:
        sent: list[dict[str, Any]] = []

        async def send(message: dict[str, Any]) -> None:
            sent.append(message)

        async def receive() -> dict[str, Any]:
            return {"type": "http.request", "body": b"", "more_body": False}

        scope = {"type": "http", "method": "GET", "path": path, "query_string": b""}
        await app(scope, receive, send)
        return b"".join(m.get("body", b"") for m in sent[1:])

    async def all_of() -> list[bytes]:
        return list(await asyncio.gather(*(one(p) for p in paths)))

    return asyncio.run(all_of())


def test_requests_arriving_while_the_same_one_runs_wait_for_its_answer(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    _add(path, "a1", 1)
    inner = Slow()
    app = _cache(path, inner)
    bodies = _together(app, ["/api/stories"] * 5 + ["/api/groups"] * 3)
    assert inner.calls == 2 and len(set(bodies[:5])) == 1 and len(set(bodies[5:])) == 1
    failing = Slow(status=500)  # an answer not kept: each waiting request runs its own
    assert sorted(_together(_cache(path, failing), ["/api/stories"] * 3)) == [b"1", b"2", b"3"]


def test_downloads_posts_pages_and_errors_are_not_kept(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    _add(path, "a1", 1)
    inner = Counting()
    app = _cache(path, inner)
    for where, method in [("/api/export", "GET"), ("/api/articles", "POST"), ("/", "GET")]:
        assert _get(app, where, method=method)[1] != _get(app, where, method=method)[1]
    failing = Counting(status=400)
    app = _cache(path, failing)
    assert [_get(app, "/api/events")[1] for _ in range(2)] == [b"1", b"2"]


def test_a_missing_store_is_never_answered_from_the_cache(tmp_path: Path) -> None:
    inner = Counting()
    app = _cache(tmp_path / "absent.db", inner)
    assert [_get(app, "/api")[1] for _ in range(2)] == [b"1", b"2"]


def test_settings_an_answer_depends_on_are_part_of_its_key(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    _add(path, "a1", 1)
    inner, config = Counting(), ["low"]
    app = ResponseCache(inner, path=lambda: path, config=lambda: config[0])
    assert _get(app, "/api/events")[1] == b"1"
    config[0] = "high"
    assert _get(app, "/api/events")[1] == b"2"


def test_the_least_recently_used_answers_go_first_beyond_the_budget() -> None:
    answers = Answers(max_bytes=10)
    start = {"type": "http.response.start", "status": 200, "headers": []}
    assert answers.get(1, "a") is None  # a miss files the version its answer will carry
    for key in "abc":
        answers.put(1, key, start, b"1234")
    assert answers.size <= 10 and answers.get(1, "a") is None
    assert answers.get(1, "c") is not None
    assert answers.get(2, "c") is None and len(answers) == 0  # a new version forgets all


def test_the_real_app_shows_each_commit_and_keeps_its_headers(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    _add(path, "a1", 2)
    client = TestClient(create_app(path))
    first = client.get("/api/timeline", params={"interval": "year"})
    again = client.get("/api/timeline", params={"interval": "year"})
    assert again.json() == first.json()
    assert again.headers["x-content-type-options"] == "nosniff"  # the guard's, outside
    with open_store(path) as store:  # the store grows under the running server
        assert store.count_events() == 2
    _add(path, "a2", 3)
    assert _total(client) == 5
    assert client.get("/api/events", params={"limit": 0}).status_code == 400
