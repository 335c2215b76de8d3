"""The HTTP API's one error shape, and the handlers that turn every failure into it.

Every error response, from every endpoint, is JSON of this shape:

    {"error": {"status": 404, "code": "not-found", "message": "no event 'x' ...", "fields": []}}

`code` is a short machine-readable kind, `message` says what went wrong and what to do, and
`fields` lists the offending query or body parameters of a 400.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from dyad.errors import (
    DyadError,
    EvaluationError,
    FilterError,
    KnowledgeError,
    SettingsError,
    StoreError,
)

log = logging.getLogger(__name__)

CODES = {
    400: "bad-request",
    401: "unauthorized",
    403: "forbidden",
    404: "not-found",
    405: "method-not-allowed",
    413: "too-large",
    422: "bad-request",
    500: "internal-error",
    503: "unavailable",
}


class ErrorDetail(BaseModel):
    """What went wrong: `status` repeats the HTTP status; `fields` names bad parameters."""

    status: int
    code: str
    message: str
    fields: list[dict[str, Any]]


class ErrorBody(BaseModel):
    """The one shape of every error response."""

    error: ErrorDetail


# Documented on every router: the OpenAPI document shows the error shape for each endpoint.
RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "A parameter or the body is invalid."},
    404: {"model": ErrorBody, "description": "No such id or path."},
    500: {"model": ErrorBody, "description": "A bug: the server log has the details."},
    503: {"model": ErrorBody, "description": "The store is missing or unreadable."},
}


class ApiError(Exception):
    """An error an endpoint raises on purpose: it becomes the error shape with `status`."""

    def __init__(
        self,
        status: int,
        message: str,
        *,
        code: str | None = None,
        fields: list[dict[str, Any]] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.code = code or CODES.get(status, "error")
        self.fields = fields or []
        self.headers = headers


def error_body(
    status: int,
    message: str,
    *,
    code: str | None = None,
    fields: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """The JSON body of an error response."""
    return {
        "error": {
            "status": status,
            "code": code or CODES.get(status, "error"),
            "message": message,
            "fields": fields or [],
        }
    }


def error_response(exc: ApiError) -> JSONResponse:
    """The response for an `ApiError`."""
    body = error_body(exc.status, exc.message, code=exc.code, fields=exc.fields)
    return JSONResponse(body, status_code=exc.status, headers=exc.headers)


def install_error_handlers(app: FastAPI) -> None:
    """Make every failure of `app` answer with the one error shape."""
    app.add_exception_handler(ApiError, _on_api_error)
    app.add_exception_handler(RequestValidationError, _on_validation)
    app.add_exception_handler(StarletteHTTPException, _on_http)
    app.add_exception_handler(DyadError, _on_dyad_error)
    app.add_exception_handler(Exception, _on_unexpected)


async def _on_api_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)  # registered for ApiError only
    return error_response(exc)


async def _on_validation(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)  # registered for it only
    fields = [
        {
            "name": ".".join(str(p) for p in err.get("loc", ())[1:]) or "body",
            "in": str(err.get("loc", ("?",))[0]),
            "message": err.get("msg", ""),
        }
        for err in exc.errors()
    ]
    names = ", ".join(f["name"] for f in fields)
    message = f"invalid parameter {names}: " + "; ".join(f["message"] for f in fields)
    return JSONResponse(error_body(400, message, fields=fields), status_code=400)


async def _on_http(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)  # registered for it only
    message = str(exc.detail)
    if exc.status_code == 404 and message == "Not Found":
        message = f"no such path {request.url.path}: GET /api lists the endpoints"
    elif exc.status_code == 405:
        message = f"{request.method} is not allowed on {request.url.path}"
    return JSONResponse(
        error_body(exc.status_code, message), status_code=exc.status_code, headers=exc.headers
    )


async def _on_dyad_error(request: Request, exc: Exception) -> JSONResponse:
    if isinstance(exc, FilterError):
        field = {"name": exc.parameter, "in": "query", "message": exc.message}
        return JSONResponse(error_body(400, exc.message, fields=[field]), status_code=400)
    status = 400  # a DyadError raised on a request is the request's fault ...
    if isinstance(exc, StoreError):
        status = 503  # ... unless the store is missing or unreadable
    elif isinstance(exc, (KnowledgeError, SettingsError, EvaluationError)):
        status = 500  # ... or the server's own files are wrong
    return JSONResponse(error_body(status, str(exc)), status_code=status)


async def _on_unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unexpected error on %s %s", request.method, request.url.path)
    message = f"internal error ({type(exc).__name__}); the server log has the details"
    return JSONResponse(error_body(500, message), status_code=500)
