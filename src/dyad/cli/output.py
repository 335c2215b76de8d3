"""Writing rows to stdout as a table, JSON, JSON lines or CSV."""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from collections.abc import Sequence
from enum import StrEnum
from typing import Any

from rich.console import Console
from rich.table import Table

from dyad.errors import DyadError

err = Console(stderr=True)  # progress and messages
out = Console(soft_wrap=True, width=None if sys.stdout.isatty() else 160)  # results


class Format(StrEnum):
    """Output formats of listing commands."""

    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


def emit(rows: Sequence[dict[str, Any]], fmt: Format, *, columns: Sequence[str] | None = None,
         title: str | None = None) -> None:  # fmt: skip
    """Print `rows` to stdout in `fmt`; `columns` picks and orders the table/CSV columns."""
    if fmt is Format.json:
        sys.stdout.write(json.dumps(list(rows), ensure_ascii=False, indent=2, default=str) + "\n")
    elif fmt is Format.jsonl:
        for row in rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
    else:
        cols = list(columns or (rows[0].keys() if rows else []))
        if fmt is Format.csv:
            writer = csv.DictWriter(sys.stdout, fieldnames=cols, extrasaction="ignore")
            writer.writeheader()
            writer.writerows({c: _cell(r.get(c)) for c in cols} for r in rows)
        else:
            table = Table(title=title, show_lines=False, expand=False)
            for col in cols:
                table.add_column(col, overflow="fold")
            for row in rows:
                table.add_row(*(_cell(row.get(c)) for c in cols))
            out.print(table)


def date_option(value: str | None, option: str) -> dt.date | None:
    """The date given to `option`, or a user error saying how to write it."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise DyadError(f"{option} {value!r} is not a date: use YYYY-MM-DD") from exc


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(_cell(v) for v in value)
    return str(value)
