"""The flat event table behind the CSV and Parquet exports: one row per event, typed columns.

`COLUMNS` is the schema (name, kind, meaning); docs/exports.md lists it field by field.
Kinds: `str`, `int`, `float`, `bool`, `date` and `list` (a list of strings, any of which may
be null). In CSV a list is a JSON array and a null is an empty cell; in Parquet each kind has
its Arrow type, and the Parquet file also keeps the full event record as JSON in `record`.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from dyad.model import ActorMention, Article, Event


@dataclass(frozen=True, slots=True)
class Column:
    """One column of the flat table."""

    name: str
    kind: str  # str, int, float, bool, date, list
    meaning: str


COLUMNS: tuple[Column, ...] = (
    Column("id", "str", "Event id: stable across runs (hash of article, type and evidence)."),
    Column("article_id", "str", "Id of the article the event was read in."),
    Column("date", "date", "Event date (start), YYYY-MM-DD; empty when unknown."),
    Column("date_end", "date", "Last day when the date is a range."),
    Column("date_granularity", "str", "Of date: day, week, month, quarter, half, season, year..."),
    Column("date_end_granularity", "str", "Of date_end (a deadline's may differ from date's)."),
    Column("date_label", "str", "The date as precisely as said: 2019 (a year), 2019-05, 2019-W20."),
    Column(
        "date_source",
        "str",
        "text (read in the article), context (the day of the story the article tells it in), "
        "publication (fallback) or none.",
    ),
    Column("type", "str", "PLOVER event type, e.g. CONSULT."),
    Column("mode", "str", "PLOVER mode of the type, when one applies."),
    Column("cameo", "str", "CAMEO event code (2 to 4 digits)."),
    Column("quad_class", "int", "1/2 verbal/material cooperation, 3/4 verbal/material conflict."),
    Column("goldstein", "float", "Cooperation-conflict score, -10..+10."),
    Column("polarity", "str", "asserted or negated."),
    Column("modality", "str", "actual, planned, possible, hypothetical, conditional, ..."),
    Column("historical", "bool", "True when the event is told as past history, not news."),
    Column("actor_ids", "list", "Canonical ids of the actors (null when unresolved)."),
    Column("actor_names", "list", "Canonical names of the actors."),
    Column("actor_texts", "list", "The actors as written in the article."),
    Column("actor_countries", "list", "ISO 3166 alpha-3 country of each actor, or IGO."),
    Column("actor_sectors", "list", "Sector of each actor: government, military, media, ..."),
    Column("recipient_ids", "list", "Canonical ids of the recipients."),
    Column("recipient_names", "list", "Canonical names of the recipients."),
    Column("recipient_texts", "list", "The recipients as written."),
    Column("recipient_countries", "list", "Country of each recipient."),
    Column("recipient_sectors", "list", "Sector of each recipient."),
    Column("place_geonameid", "int", "GeoNames id of the event place."),
    Column("place_name", "str", "Name of the place."),
    Column("place_country", "str", "ISO alpha-3 country of the place."),
    Column("place_admin1", "str", "First-level administrative division of the place."),
    Column("lat", "float", "Latitude of the place, decimal degrees."),
    Column("lon", "float", "Longitude of the place, decimal degrees."),
    Column("place_source", "str", "text, dateline or none: where the place came from."),
    Column("attribution", "list", "Chain of sources, innermost first, ending at the publisher."),
    Column("quote_id", "str", "Id of the quote the event was read in, if any."),
    Column("parent_id", "str", "Id of the embedding event (a REQUEST whose content this is)."),
    Column("trigger", "str", "The trigger words of the first mention."),
    Column("trigger_start", "int", "Character offset of the trigger in the article text."),
    Column("trigger_end", "int", "End offset of the trigger."),
    Column("sentence", "str", "The sentence of the first mention."),
    Column("sentence_start", "int", "Character offset of the sentence."),
    Column("sentence_end", "int", "End offset of the sentence."),
    Column("mentions", "int", "How many times the article states the event."),
    Column("confidence", "float", "Confidence of the reading, 0..1."),
    Column("rule", "str", "The codebook rule that matched."),
    Column("article_date", "date", "Publication date of the article."),
    Column("article_source", "str", "Publisher of the article."),
    Column("article_title", "str", "Title of the article."),
    Column("article_url", "str", "URL of the article."),
)
NAMES = tuple(c.name for c in COLUMNS)
CODING_FIELDS = (
    "type",
    "mode",
    "cameo",
    "quad_class",
    "goldstein",
    "polarity",
    "modality",
    "historical",
)
DATE_FIELDS = ("date", "date_end", "date_granularity", "date_end_granularity", "date_source")
KINDS = {c.name: c.kind for c in COLUMNS}


def flat_row(event: Event, article: Article | None) -> dict[str, Any]:
    """The flat row of `event` (article fields empty when `article` is None)."""
    place, first = event.place, event.evidence[0]
    row: dict[str, Any] = {
        "id": event.id,
        "article_id": event.article_id,
        **date_fields(event),
        "date_label": event.date_label(),
        **coding_fields(event),
        **_people("actor", event.actors),
        **_people("recipient", event.recipients),
        "place_geonameid": place.geonameid if place else None,
        "place_name": place.name if place else None,
        "place_country": place.country if place else None,
        "place_admin1": place.admin1 if place else None,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "place_source": event.place_source,
        "attribution": [s.name for s in event.attribution],
        "quote_id": event.quote_id,
        "parent_id": event.parent_id,
        "trigger": first.trigger.text,
        "trigger_start": first.trigger.start,
        "trigger_end": first.trigger.end,
        "sentence": first.sentence.text,
        "sentence_start": first.sentence.start,
        "sentence_end": first.sentence.end,
        "mentions": len(event.evidence),
        "confidence": event.confidence,
        "rule": event.rule,
        "article_date": article.date if article else None,
        "article_source": article.source if article else None,
        "article_title": article.title if article else None,
        "article_url": article.url if article else None,
    }
    return {k: (None if v == "" else v) for k, v in row.items()}  # no "" beside null


def coding_fields(event: Event) -> dict[str, Any]:
    """The event's type and mode, their CAMEO coding, and its status, by field name."""
    return {name: getattr(event, name) for name in CODING_FIELDS}


def date_fields(event: Event) -> dict[str, Any]:
    """The event's dates, their granularity and where they came from, by field name."""
    return {name: getattr(event, name) for name in DATE_FIELDS}


def _people(role: str, mentions: tuple[ActorMention, ...]) -> dict[str, list[str | None]]:
    return {
        f"{role}_ids": [m.actor_id for m in mentions],
        f"{role}_names": [m.name for m in mentions],
        f"{role}_texts": [m.span.text for m in mentions],
        f"{role}_countries": [m.country for m in mentions],
        f"{role}_sectors": [m.sector for m in mentions],
    }


def csv_lines(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    """CSV text, header first, one line per row (RFC 4180 quoting, \\r\\n line ends)."""
    buffer = _Line()
    writer = csv.writer(buffer)
    writer.writerow(NAMES)
    yield buffer.take()
    for row in rows:
        writer.writerow([_cell(row[n], KINDS[n]) for n in NAMES])
        yield buffer.take()


def read_csv(lines: Iterable[str]) -> Iterator[dict[str, Any]]:
    """Rows of a CSV export, with each column decoded to its kind."""
    reader = csv.reader(lines)
    header = next(reader)
    if tuple(header) != NAMES:
        missing = sorted(set(NAMES) - set(header))
        raise ValueError(f"not a Dyad CSV export: header differs (missing {missing})")
    for cells in reader:
        yield {n: _decode(c, KINDS[n]) for n, c in zip(NAMES, cells, strict=True)}


def _cell(value: Any, kind: str) -> str:
    if value is None:
        return ""
    if kind == "list":
        return json.dumps(value, ensure_ascii=False)
    if kind == "bool":
        return "true" if value else "false"
    if kind == "date":
        return value.isoformat()
    return str(value) if kind != "float" else repr(float(value))


def _decode(cell: str, kind: str) -> Any:
    if cell == "":
        return [] if kind == "list" else None
    decoders: dict[str, Callable[[str], Any]] = {
        "list": json.loads,
        "bool": lambda c: c == "true",
        "date": dt.date.fromisoformat,
        "int": int,
        "float": float,
        "str": str,
    }
    return decoders[kind](cell)


class _Line:
    """A file-like sink for `csv.writer` that hands back what was written since last time."""

    def __init__(self) -> None:
        self.parts: list[str] = []

    def write(self, text: str) -> int:
        self.parts.append(text)
        return len(text)

    def take(self) -> str:
        text = "".join(self.parts)
        self.parts.clear()
        return text
