"""Parquet export: the flat event table with Arrow types, plus each full event record."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from dyad.exports.flat import COLUMNS, NAMES, flat_row
from dyad.model import Article, Event, from_dict, to_dict

RECORD = "record"  # the extra Parquet column holding `to_dict(event)` as JSON


def arrow_schema() -> Any:
    """The Arrow schema of the Parquet export."""
    import pyarrow as pa

    types = {
        "str": pa.string(),
        "int": pa.int64(),
        "float": pa.float64(),
        "bool": pa.bool_(),
        "date": pa.date32(),
        "list": pa.list_(pa.string()),
    }
    fields = [pa.field(c.name, types[c.kind]) for c in COLUMNS]
    return pa.schema([*fields, pa.field(RECORD, pa.string())])


def write_parquet(
    items: Iterable[tuple[Event, Article | None]],
    out: str | Path | IO[bytes],
    *,
    batch: int = 10_000,
) -> int:
    """Write the events to a Parquet file in row groups of `batch`; return how many."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = arrow_schema()
    count = 0
    with pq.ParquetWriter(out, schema, compression="zstd") as writer:
        columns: dict[str, list[Any]] = {n: [] for n in schema.names}
        for event, article in items:
            row = flat_row(event, article)
            for name in NAMES:
                columns[name].append(row[name])
            columns[RECORD].append(json.dumps(to_dict(event), ensure_ascii=False))
            count += 1
            if len(columns[RECORD]) >= batch:
                writer.write_table(pa.table(columns, schema=schema))
                columns = {n: [] for n in schema.names}
        if columns[RECORD] or count == 0:
            writer.write_table(pa.table(columns, schema=schema))
    return count


def read_parquet_rows(path: str | Path | IO[bytes]) -> list[dict[str, Any]]:
    """The flat rows of a Parquet export, as Python values (dates as dates)."""
    import pyarrow.parquet as pq

    table = pq.read_table(path, columns=list(NAMES))
    return table.to_pylist()


def read_parquet_events(path: str | Path | IO[bytes]) -> list[Event]:
    """The full events of a Parquet export, rebuilt from its `record` column."""
    import pyarrow.parquet as pq

    table = pq.read_table(path, columns=[RECORD])
    return [from_dict(Event, json.loads(v)) for v in table.column(RECORD).to_pylist()]
