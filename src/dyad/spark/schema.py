"""The Parquet datasets a Spark run writes, and the rows of one article's result.

One folder per dataset under the output folder, each partitioned by the article's
publication date (`published=YYYY-MM-DD/`, `published=__HIVE_DEFAULT_PARTITION__/` when the
article has none); `rejected` is not partitioned. Columns follow the store's tables
(docs/store.md), with lists and structs where the store keeps JSON text:

    articles        one row per article; `result` is the full ArticleResult as JSON (without
                    the article, whose fields are the other columns): `load_parquet` rebuilds
                    the value from it
    events          one row per event; `record` is the Event as JSON
    event_mentions  one row per evidence of an event (trigger and sentence offsets)
    actors          one row per actor mention in an article
    quotes          one row per quote; `record` is the Quote as JSON
    rejected        one row per rejected input, with its reason and message

Pure Python and pyarrow: nothing here imports Spark.
"""

from __future__ import annotations

import json
from typing import Any

import pyarrow as pa

from dyad.exports.flat import coding_fields, date_fields
from dyad.model import ActorMention, ArticleResult, Event, Quote, Rejected, to_dict

PARTITION = "published"
DATASETS: tuple[str, ...] = (
    "articles",
    "events",
    "event_mentions",
    "actors",
    "quotes",
    "rejected",
)
PER_ARTICLE: tuple[str, ...] = ("events", "event_mentions", "actors", "quotes")

_TEXT = pa.string()
_TEXTS = pa.list_(pa.string())
_PARTY = pa.struct([("actor_id", _TEXT), ("text", _TEXT), ("country", _TEXT), ("sector", _TEXT)])

SCHEMAS: dict[str, pa.Schema] = {
    "articles": pa.schema(
        [
            ("id", _TEXT),
            ("date", pa.date32()),
            ("source", _TEXT),
            ("title", _TEXT),
            ("url", _TEXT),
            ("origin", _TEXT),
            ("text", _TEXT),
            ("notes", _TEXTS),
            ("events", pa.int32()),
            ("result", _TEXT),
            ("pipeline_version", _TEXT),
            ("model_version", _TEXT),
        ]
    ),
    "events": pa.schema(
        [
            ("id", _TEXT),
            ("article_id", _TEXT),
            ("type", _TEXT),
            ("mode", _TEXT),
            ("cameo", _TEXT),
            ("quad_class", pa.int32()),
            ("goldstein", pa.float64()),
            ("polarity", _TEXT),
            ("modality", _TEXT),
            ("historical", pa.bool_()),
            ("date", pa.date32()),
            ("date_end", pa.date32()),
            ("date_granularity", _TEXT),
            ("date_end_granularity", _TEXT),
            ("date_source", _TEXT),
            ("place_id", pa.int64()),
            ("place_name", _TEXT),
            ("place_country", _TEXT),
            ("lat", pa.float64()),
            ("lon", pa.float64()),
            ("place_source", _TEXT),
            ("actors", pa.list_(_PARTY)),
            ("recipients", pa.list_(_PARTY)),
            ("attribution", _TEXTS),
            ("quote_id", _TEXT),
            ("trigger_text", _TEXT),
            ("sentence_text", _TEXT),
            ("confidence", pa.float64()),
            ("parent_id", _TEXT),
            ("rule", _TEXT),
            ("record", _TEXT),
        ]
    ),
    "event_mentions": pa.schema(
        [
            ("event_id", _TEXT),
            ("article_id", _TEXT),
            ("position", pa.int32()),
            ("trigger_start", pa.int32()),
            ("trigger_end", pa.int32()),
            ("sentence_start", pa.int32()),
            ("sentence_end", pa.int32()),
            ("trigger_text", _TEXT),
        ]
    ),
    "actors": pa.schema(
        [
            ("article_id", _TEXT),
            ("start", pa.int32()),
            ("end", pa.int32()),
            ("text", _TEXT),
            ("actor_id", _TEXT),
            ("name", _TEXT),
            ("country", _TEXT),
            ("sector", _TEXT),
            ("kind", _TEXT),
            ("title", _TEXT),
            ("method", _TEXT),
            ("confidence", pa.float64()),
            ("role", _TEXT),
        ]
    ),
    "quotes": pa.schema(
        [
            ("id", _TEXT),
            ("article_id", _TEXT),
            ("kind", _TEXT),
            ("speaker_id", _TEXT),
            ("speaker_text", _TEXT),
            ("cue", _TEXT),
            ("content", _TEXT),
            ("chain", _TEXTS),
            ("record", _TEXT),
        ]
    ),
    "rejected": pa.schema(
        [
            ("origin", _TEXT),
            ("reason", _TEXT),
            ("message", _TEXT),
            ("article_id", _TEXT),
            ("pipeline_version", _TEXT),
        ]
    ),
}
"""The columns of each dataset, without the partition column."""

RESULT = pa.schema(
    [
        (PARTITION, pa.date32()),
        ("article", pa.struct(list(SCHEMAS["articles"]))),
        *((name, pa.list_(pa.struct(list(SCHEMAS[name])))) for name in PER_ARTICLE),
        ("rejected", pa.struct(list(SCHEMAS["rejected"]))),
    ]
)
"""One row per input item after processing: an article with its nested rows, or a rejection.
The Spark job writes each dataset from a column of this (see `dyad.spark.job`)."""


def result_row(result: ArticleResult, *, pipeline_version: str, model_version: str) -> dict:
    """The `RESULT` row of one article's result."""
    article = result.article
    body = to_dict(result)
    body.pop("article")
    return {
        PARTITION: article.date,
        "article": {
            "id": article.id,
            "date": article.date,
            "source": article.source,
            "title": article.title,
            "url": article.url,
            "origin": article.origin,
            "text": article.text,
            "notes": list(article.notes),
            "events": len(result.events),
            "result": json.dumps(body, ensure_ascii=False),
            "pipeline_version": pipeline_version,
            "model_version": model_version,
        },
        "events": [event_row(e) for e in result.events],
        "event_mentions": [m for e in result.events for m in mention_rows(e)],
        "actors": [actor_row(article.id, m) for m in result.actors],
        "quotes": [quote_row(article.id, q) for q in result.quotes],
        "rejected": None,
    }


def rejected_row(item: Rejected, *, pipeline_version: str) -> dict:
    """The `RESULT` row of a rejected input."""
    rejected = {
        "origin": item.origin,
        "reason": item.reason,
        "message": item.message,
        "article_id": item.article_id,
        "pipeline_version": pipeline_version,
    }
    return {
        PARTITION: None,
        "article": None,
        **{key: [] for key in PER_ARTICLE},
        "rejected": rejected,
    }


def event_row(event: Event) -> dict[str, Any]:
    """The `events` row of one event."""
    place = event.place
    first = event.evidence[0] if event.evidence else None
    return {
        "id": event.id,
        "article_id": event.article_id,
        **coding_fields(event),
        **date_fields(event),
        "place_id": place.geonameid if place else None,
        "place_name": place.name if place else None,
        "place_country": place.country if place else None,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "place_source": event.place_source,
        "actors": [_party(m) for m in event.actors],
        "recipients": [_party(m) for m in event.recipients],
        "attribution": [s.name for s in event.attribution],
        "quote_id": event.quote_id,
        "trigger_text": first.trigger.text if first else None,
        "sentence_text": first.sentence.text if first else None,
        "confidence": event.confidence,
        "parent_id": event.parent_id,
        "rule": event.rule,
        "record": json.dumps(to_dict(event), ensure_ascii=False),
    }


def mention_rows(event: Event) -> list[dict[str, Any]]:
    """The `event_mentions` rows of one event, one per evidence, in order."""
    return [
        {
            "event_id": event.id,
            "article_id": event.article_id,
            "position": i,
            "trigger_start": e.trigger.start,
            "trigger_end": e.trigger.end,
            "sentence_start": e.sentence.start,
            "sentence_end": e.sentence.end,
            "trigger_text": e.trigger.text,
        }
        for i, e in enumerate(event.evidence)
    ]


def actor_row(article_id: str, mention: ActorMention) -> dict[str, Any]:
    """The `actors` row of one actor mention."""
    return {
        "article_id": article_id,
        "start": mention.span.start,
        "end": mention.span.end,
        "text": mention.span.text,
        "actor_id": mention.actor_id,
        "name": mention.name,
        "country": mention.country,
        "sector": mention.sector,
        "kind": mention.kind,
        "title": mention.title,
        "method": mention.method,
        "confidence": mention.confidence,
        "role": mention.role,
    }


def quote_row(article_id: str, quote: Quote) -> dict[str, Any]:
    """The `quotes` row of one quote."""
    speaker = quote.speaker
    return {
        "id": quote.id,
        "article_id": article_id,
        "kind": quote.kind,
        "speaker_id": speaker.actor_id if speaker else None,
        "speaker_text": speaker.span.text if speaker else quote.speaker_text,
        "cue": quote.cue.text if quote.cue else None,
        "content": quote.content.text,
        "chain": [s.name for s in quote.chain],
        "record": json.dumps(to_dict(quote), ensure_ascii=False),
    }


def _party(mention: ActorMention) -> dict[str, Any]:
    return {
        "actor_id": mention.actor_id,
        "text": mention.span.text,
        "country": mention.country,
        "sector": mention.sector,
    }
