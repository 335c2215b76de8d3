"""POST /api/articles: read posted articles with the pipeline and store them.

Off unless the operator sets a token; the spaCy model and knowledge files load on the first
post and stay loaded. Each post is one run in the store, like a `dyad ingest`.
"""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fastapi import Request

from dyad.api.guard import token_error
from dyad.errors import InputError
from dyad.model import Article, Rejected
from dyad.settings import load_settings
from dyad.store import open_store

if TYPE_CHECKING:
    from dyad.pipeline import Resources

_LOCK = threading.Lock()  # one post reads and writes at a time; the store has one writer


def check_token(request: Request) -> None:
    """Refuse the request unless ingest is on and it carries the operator's bearer token."""
    refusal = token_error(request.app.state.ingest_token, request.headers.get("authorization", ""))
    if refusal is not None:  # `Guard` refuses first, before the body is read
        raise refusal


def ingest(store_path: Path, posted: list[dict[str, Any]], resources: Resources) -> dict[str, Any]:
    """Read and store `posted` articles as one run; a bad one is reported, the others go on."""
    from dyad.pipeline import ingest_items

    articles, refused = _articles(posted)
    with _LOCK, open_store(store_path) as store:
        known = store.known_articles(a.id for a in articles)
        run = ingest_items(
            [*refused, *articles],
            store,
            load_settings(),
            command="POST /api/articles",
            resources=resources,
        )
        events = store.event_counts([a.id for a in articles])
    messages = {r.article_id: r.message for r in run.rejected if r.article_id}
    report = {r.origin: _refused(r) for r in refused}
    for a in articles:
        status = "known" if a.id in known else "rejected" if a.id in messages else "new"
        report[a.origin] = {
            "id": a.id,
            "status": status,
            "events": events.get(a.id, 0),
            "message": messages.get(a.id),
        }
    return {"run_id": run.run_id, "articles": [report[k] for k in sorted(report, key=_order)]}


def pipeline_resources() -> Resources:
    """The pipeline's resources for the default settings, loaded on the first post."""
    from dyad.pipeline import load_resources

    with _LOCK:
        if not _RESOURCES:
            _RESOURCES.append(load_resources())
    return _RESOURCES[0]


_RESOURCES: list[Resources] = []


def _articles(posted: list[dict[str, Any]]) -> tuple[list[Article], list[Rejected]]:
    from dyad.ingest import make_article

    articles: list[Article] = []
    refused: list[Rejected] = []
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S.%f")
    for i, item in enumerate(posted):
        origin = f"POST {stamp}:{i}"
        fields = {k: v for k, v in item.items() if k in ("date", "source", "title", "url", "id")}
        try:
            articles.append(make_article(item["text"], origin=origin, **fields))
        except InputError as exc:  # a bad article is reported; the others are still read
            refused.append(Rejected(origin, "bad-input", str(exc)))
    return articles, refused


def _refused(item: Rejected) -> dict[str, Any]:
    return {"id": None, "status": "rejected", "events": 0, "message": item.message}


def _order(origin: str) -> int:
    return int(origin.rsplit(":", 1)[1])
