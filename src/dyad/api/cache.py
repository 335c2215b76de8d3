"""Answers kept between requests while the store does not change.

A dashboard's views ask the same questions again and again (the counts, the timeline of
everything, the map, the first page of groups), and many users ask them at once. Until the
store changes, the answer to the same URL is the same: this middleware keeps the answers to
GET requests under /api and replays them, and forgets them all as soon as anything is
committed to the store, by this server's ingest or by a `dyad ingest` in another process.

It asks SQLite, not the clock: `PRAGMA data_version` on a connection that only watches
changes whenever another connection commits to the file. The version is read before the
request runs, so an answer kept is never older than the version it is filed under; a store
file replaced at the same path starts the cache afresh. Downloads (`/api/export`) stream and
are not kept; nor is any answer but a 200, nor one larger than `MAX_BODY`.

Requests for the same URL that arrive while its answer is being made wait for it instead of
making it again: after a commit, or in a worker process that has not made it yet, twenty
users opening the story list cost one reading of the stories, not twenty at once.
"""

from __future__ import annotations

import asyncio
import os
import sqlite3
from collections import OrderedDict
from collections.abc import Callable, Hashable
from pathlib import Path

from dyad.api.guard import App, Message, Receive, Scope, Send

MAX_BYTES = 64 * 1024 * 1024  # all kept answers together
MAX_BODY = 8 * 1024 * 1024  # one answer
NOT_KEPT = ("/api/export", "/api/docs", "/api/openapi.json")


class StoreVersion:
    """The store file's identity and SQLite's data version: a new value after every commit."""

    def __init__(self, path: Callable[[], Path]) -> None:
        self.path = path
        self._watch: sqlite3.Connection | None = None
        self._ident: tuple[str, int, int] | None = None

    def __call__(self) -> tuple[tuple[str, int, int], int] | None:
        """None when the store cannot be read: the request then runs and says why."""
        path = self.path()
        try:
            found = os.stat(path)
        except OSError:
            return None
        ident = (str(path), found.st_dev, found.st_ino)
        try:
            if self._watch is None or ident != self._ident:
                self.close()
                self._watch = sqlite3.connect(
                    f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False
                )
                self._ident = ident
            return ident, self._watch.execute("PRAGMA data_version").fetchone()[0]
        except sqlite3.Error:
            self.close()
            return None

    def close(self) -> None:
        if self._watch is not None:
            self._watch.close()
        self._watch, self._ident = None, None


class Answers:
    """Answers by key, the least recently used dropped first beyond `max_bytes`."""

    def __init__(self, max_bytes: int = MAX_BYTES) -> None:
        self.max_bytes = max_bytes
        self.size = 0
        self._kept: OrderedDict[Hashable, tuple[Message, bytes]] = OrderedDict()
        self._version: Hashable = None

    def __len__(self) -> int:
        return len(self._kept)

    def get(self, version: Hashable, key: Hashable) -> tuple[Message, bytes] | None:
        if version != self._version:
            self._kept.clear()
            self.size, self._version = 0, version
            return None
        found = self._kept.get(key)
        if found is not None:
            self._kept.move_to_end(key)
        return found

    def peek(self, version: Hashable, key: Hashable) -> tuple[Message, bytes] | None:
        """The answer kept under `key` if `version` is still the current one (`get` without
        forgetting the others when it is not)."""
        return self.get(version, key) if version == self._version else None

    def put(self, version: Hashable, key: Hashable, start: Message, body: bytes) -> None:
        if version != self._version or key in self._kept:
            return
        self._kept[key] = (start, body)
        self.size += len(body)
        while self.size > self.max_bytes:
            _, (_, dropped) = self._kept.popitem(last=False)
            self.size -= len(dropped)


class ResponseCache:
    """Wraps the FastAPI app. `path` and `config` read the app's current store path and the
    settings an answer depends on besides its URL (the threshold, whether ingest is on)."""

    def __init__(
        self,
        app: App,
        *,
        path: Callable[[], Path],
        config: Callable[[], Hashable],
        max_bytes: int = MAX_BYTES,
    ) -> None:
        self.app = app
        self.config = config
        self.version = StoreVersion(path)
        self.answers = Answers(max_bytes)
        self._making: dict[Hashable, asyncio.Event] = {}  # (version, key) being answered

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        version = self.version() if _kept_kind(scope) else None
        if version is None:
            await self.app(scope, receive, send)
            return
        key = (self.config(), scope["path"], scope.get("query_string", b""))
        making = self._making.get((version, key))
        if making is not None:  # the same request runs: its answer, once kept, is this one's
            await making.wait()
            found = self.answers.peek(version, key)
            if found is None:  # not kept (an error, too large, a commit since): run this one
                await self.app(scope, receive, send)
                return
        else:
            found = self.answers.get(version, key)
        if found is not None:
            start, body = found
            await send({**start, "headers": list(start["headers"])})
            await send({"type": "http.response.body", "body": body})
            return
        making = self._making[(version, key)] = asyncio.Event()
        try:
            await self.app(scope, receive, self._keeping(send, version, key))
        finally:
            del self._making[(version, key)]
            making.set()

    def _keeping(self, send: Send, version: Hashable, key: Hashable) -> Send:
        """`send`, passing every message on, and keeping a whole 200 answer when it ends."""
        start: Message | None = None
        parts: list[bytes] = []
        size = 0

        async def keep(message: Message) -> None:
            nonlocal start, size
            if message["type"] == "http.response.start" and message["status"] == 200:
                start = {**message, "headers": list(message.get("headers", []))}  # as sent,
            await send(message)  # before the guard outside adds its own headers to it
            if message["type"] == "http.response.body" and start is not None:
                parts.append(message.get("body", b""))
                size += len(parts[-1])
                if size > MAX_BODY:
                    start = None
                elif not message.get("more_body", False):
                    self.answers.put(version, key, start, b"".join(parts))

        return keep


def _kept_kind(scope: Scope) -> bool:
    """A GET under /api whose answer depends only on its URL and the store."""
    path = scope.get("path", "")
    return (
        scope["type"] == "http"
        and scope.get("method") == "GET"
        and (path == "/api" or path.startswith("/api/"))
        and not any(path == p or path.startswith(p + "/") for p in NOT_KEPT)
    )
