"""Exports: events in the formats the field already reads, and readers for the round trip.

    plover          PLOVER JSON lines (one event per line, PLOVER field names + Dyad's status)
    gdelt-events    GDELT 2.0 event table: 61 tab-separated columns, no header
    gdelt-mentions  GDELT 2.0 mentions table: 16 tab-separated columns, one row per mention
    csv             the flat event table (`flat.COLUMNS`), header first
    parquet         the flat event table with Arrow types, plus each full record as JSON

Writers take `(Event, Article | None)` pairs (the article supplies publisher, URL and text
offsets context) and never touch the store. docs/exports.md documents every field.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from dyad.exports.columnar import read_parquet_events, read_parquet_rows, write_parquet
from dyad.exports.flat import COLUMNS, csv_lines, flat_row, read_csv
from dyad.exports.gdelt import EVENT_COLUMNS, MENTION_COLUMNS, gdelt_lines, read_gdelt
from dyad.exports.plover import event_from_plover, plover_lines, plover_record, read_plover
from dyad.model import Article, Event

__all__ = [
    "COLUMNS",
    "EVENT_COLUMNS",
    "FORMATS",
    "MEDIA_TYPES",
    "MENTION_COLUMNS",
    "Item",
    "event_from_plover",
    "export_lines",
    "flat_row",
    "plover_record",
    "read_csv",
    "read_gdelt",
    "read_parquet_events",
    "read_parquet_rows",
    "read_plover",
    "write_export",
    "write_parquet",
]

Item = tuple[Event, Article | None]
FORMATS: dict[str, str] = {  # format -> default file name
    "plover": "events.plover.jsonl",
    "gdelt-events": "events.gdelt.export.CSV",
    "gdelt-mentions": "events.gdelt.mentions.CSV",
    "csv": "events.csv",
    "parquet": "events.parquet",
}
MEDIA_TYPES = {
    "plover": "application/x-ndjson",
    "gdelt-events": "text/tab-separated-values",
    "gdelt-mentions": "text/tab-separated-values",
    "csv": "text/csv",
    "parquet": "application/vnd.apache.parquet",
}


def export_lines(fmt: str, items: Iterable[Item], *, all_statuses: bool = False) -> Iterator[str]:
    """The text of a text format (every format but parquet), line by line."""
    if fmt == "plover":
        return plover_lines(items)
    if fmt in ("gdelt-events", "gdelt-mentions"):
        return gdelt_lines(items, table=fmt.split("-")[1], all_statuses=all_statuses)
    if fmt == "csv":
        return csv_lines(flat_row(e, a) for e, a in items)
    raise ValueError(f"{fmt!r} is not a text export format; text formats: {_text_formats()}")


def write_export(
    fmt: str, items: Iterable[Item], out: str | Path | IO[bytes], *, all_statuses: bool = False
) -> int:
    """Write `items` in `fmt` to a path or binary file; return the number of lines or rows."""
    if fmt == "parquet":
        return write_parquet(items, out)
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; formats: {', '.join(FORMATS)}")
    if isinstance(out, (str, Path)):
        with open(out, "wb") as handle:
            return _write_lines(fmt, items, handle, all_statuses=all_statuses)
    return _write_lines(fmt, items, out, all_statuses=all_statuses)


def _write_lines(fmt: str, items: Iterable[Item], out: IO[bytes], *, all_statuses: bool) -> int:
    count = 0
    for line in export_lines(fmt, items, all_statuses=all_statuses):
        out.write(line.encode("utf-8"))
        count += 1
    return count


def _text_formats() -> str:
    return ", ".join(f for f in FORMATS if f != "parquet")
