"""Articles: listings, one article with everything read in it, and adding articles."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, Field

from dyad.api.deps import ReadStore
from dyad.api.errors import RESPONSES, ApiError
from dyad.api.ingesting import check_token, ingest, pipeline_resources
from dyad.api.params import Offset
from dyad.model import to_dict
from dyad.query import event_row

router = APIRouter(responses=RESPONSES)


class PostedArticle(BaseModel):
    """One article to read: its text, and what is known about it."""

    text: str = Field(description="The article text.")
    date: str | None = Field(None, description="Publication date, YYYY-MM-DD.")
    source: str | None = Field(None, description="Publisher.")
    title: str | None = None
    url: str | None = None
    id: str | None = Field(None, description="Your id; by default a hash of the text.")


class PostedArticles(BaseModel):
    """Articles to read and store."""

    articles: list[PostedArticle] = Field(min_length=1, max_length=100)


@router.get("/articles", summary="Stored articles, newest first")
def articles(
    store: ReadStore,
    source: Annotated[str | None, Query(description="Only this publisher's.")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Article headers (no text) with their event counts."""
    rows = store.article_rows(limit=limit, offset=offset, source=source)
    return {"limit": limit, "offset": offset, "items": rows}


@router.get("/articles/{article_id}", summary="One article with its annotations")
def article(article_id: str, store: ReadStore) -> dict[str, Any]:
    """The article text and every span read in it (actors, times, places, quotes), its events
    with their evidence offsets, and a flat row per event. A unique id prefix is enough."""
    result = store.article(article_id)
    if result is None:
        raise ApiError(
            404,
            f"no article {article_id!r} (or the prefix is ambiguous): GET /api/articles lists them",
        )
    return {**to_dict(result), "rows": [event_row(e) for e in result.events]}


@router.post(
    "/articles",
    summary="Read articles and store them (needs the operator's token)",
    dependencies=[Depends(check_token)],
    status_code=200,
)
def post_articles(body: PostedArticles, request: Request) -> dict[str, Any]:
    """Runs the pipeline on each article and stores the results as one run. Off unless the
    server was started with an ingest token; send it as `Authorization: Bearer TOKEN`."""
    posted = [a.model_dump() for a in body.articles]
    return ingest(request.app.state.store_path, posted, pipeline_resources())
