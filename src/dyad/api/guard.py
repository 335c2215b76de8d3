"""The outer layer of the HTTP server, before any route runs: the Host header (DNS
rebinding), the ingest token before a POST body is read, a cap on the body, and security
headers on every response.

A pure ASGI middleware: it answers refusals itself, in the API's one error shape.
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from typing import Any

from dyad.api.errors import ApiError, error_body

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")
WILDCARDS = ("0.0.0.0", "::", "")  # listening on every interface: any host name may reach it
# The dashboard and the docs page load only their own scripts, styles and data.
CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self';"
    " connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
)
INGEST_PATH = "/api/articles"


def allowed_hosts(host: str | None) -> frozenset[str] | None:
    """The Host names a server listening on `host` answers; None (any) for a wildcard."""
    if host is None:
        return None
    host = host.strip("[]").lower()
    return None if host in WILDCARDS else frozenset({*LOCAL_HOSTS, host})


def token_error(token: str | None, authorization: str) -> ApiError | None:
    """Why a POST to the ingest endpoint is refused, or None when its bearer token is right.
    Compared as bytes: a header arrives as Latin-1 text, the token is UTF-8."""
    if token is None:
        return ApiError(
            403,
            "adding articles over HTTP is off: start the server with DYAD_INGEST_TOKEN set "
            "(or `dyad serve --ingest-token`), then send `Authorization: Bearer TOKEN`",
            code="ingest-off",
        )
    scheme, _, given = authorization.partition(" ")
    sent = given.strip().encode("latin-1", errors="replace")
    if scheme.lower() != "bearer" or not hmac.compare_digest(sent, token.encode("utf-8")):
        return ApiError(
            401,
            "missing or wrong bearer token: send `Authorization: Bearer TOKEN`",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return None


class Guard:
    """Wraps the FastAPI app; `hosts` None checks no Host header (a wildcard listener, or an
    app served by someone else's server), `token` reads the app's current ingest token."""

    def __init__(
        self,
        app: App,
        *,
        hosts: Iterable[str] | None,
        max_body: int,
        token: Callable[[], str | None],
    ) -> None:
        self.app = app
        self.hosts = None if hosts is None else frozenset(h.lower() for h in hosts)
        self.max_body = max_body
        self.token = token

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        refusal = self._refusal(scope, headers)
        if refusal is None and scope["method"] in ("POST", "PUT", "PATCH"):
            body, refusal = await self._body(headers, receive)
            receive = _replay(body)
        send = _with_headers(send)
        if refusal is not None:
            await _answer(refusal, send)
            return
        await self.app(scope, receive, send)

    def _refusal(self, scope: Scope, headers: dict[str, str]) -> ApiError | None:
        host = _host_name(headers.get("host", ""))
        if self.hosts is not None and host not in self.hosts:
            names = ", ".join(sorted(self.hosts))
            return ApiError(400, f"Host {host!r} is not served here: use one of {names}")
        if scope["method"] == "POST" and scope["path"].rstrip("/") == INGEST_PATH:
            return token_error(self.token(), headers.get("authorization", ""))
        return None

    async def _body(
        self, headers: dict[str, str], receive: Receive
    ) -> tuple[bytes, ApiError | None]:
        too_large = ApiError(
            413,
            f"the body is larger than {self.max_body:,} bytes (setting max_body_bytes):"
            " send fewer articles per request",
        )
        declared = headers.get("content-length", "")
        if declared.isascii() and declared.isdecimal() and int(declared) > self.max_body:
            return b"", too_large
        chunks, size, more = [], 0, True
        while more:
            message = await receive()
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body:
                return b"", too_large
            chunks.append(chunk)
            more = message.get("more_body", False) and message["type"] == "http.request"
        return b"".join(chunks), None


def _host_name(host: str) -> str:
    """The name of a Host header without its port: `[::1]:8765` -> `::1`."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[1:].partition("]")[0]
    return host.rpartition(":")[0] if host.count(":") == 1 else host


def _replay(body: bytes) -> Receive:
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return receive


def _with_headers(send: Send) -> Send:
    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = list(message.get("headers", []))
            names = {k.lower() for k, _ in headers}
            headers.append((b"x-content-type-options", b"nosniff"))
            kind = dict(headers).get(b"content-type", b"")
            if kind.startswith(b"text/html") and b"content-security-policy" not in names:
                headers.append((b"content-security-policy", CSP.encode()))
            message["headers"] = headers
        await send(message)

    return wrapped


async def _answer(exc: ApiError, send: Send) -> None:
    body = json.dumps(error_body(exc.status, exc.message, code=exc.code)).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    headers += [(k.lower().encode(), v.encode()) for k, v in (exc.headers or {}).items()]
    await send({"type": "http.response.start", "status": exc.status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
