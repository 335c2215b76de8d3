"""Writing rows to stdout as a table, JSON, JSON lines or CSV.

Everything printed is data, never markup: both consoles have rich's markup and emoji codes
off, so "[the rebels]" or ":flag:" in an article prints as written.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import sys
from collections.abc import Sequence
from enum import StrEnum
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from dyad.errors import DyadError

# Piped output is 160 wide unless COLUMNS says otherwise; a terminal gives its own width.
_WIDTH = None if sys.stdout.isatty() or os.environ.get("COLUMNS") else 160
_PLAIN = {"markup": False, "emoji": False, "highlight": False}
err = Console(stderr=True, **_PLAIN)  # type: ignore[arg-type]  # progress and messages
out = Console(soft_wrap=True, width=_WIDTH, **_PLAIN)  # type: ignore[arg-type]  # results

# Columns dropped first, in this order, when a table is wider than the terminal.
LESS_USEFUL = (
    "pipeline_version",
    "model_version",
    "command",
    "finished_at",
    "url",
    "origin",
    "articles_known",
    "sources",
    "history",
    "source",
    "place",
    "chars",
    "aliases",
    "recipients",
    "run_id",
    "reason",
    "id",
)
_MIN_WRAP = 14  # narrowest a column of words may get before it is dropped instead
_BORDER = 3  # rich's padding and rule per column


class Format(StrEnum):
    """Output formats of listing commands."""

    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


def emit(
    rows: Sequence[dict[str, Any]],
    fmt: Format,
    *,
    columns: Sequence[str] | None = None,
    title: str | None = None,
    wide: bool = False,
) -> None:
    """Print `rows` to stdout in `fmt`; `columns` picks and orders the table/CSV columns.

    A table shows the columns that fit the terminal (all of them with `wide`) and never
    breaks a cell without spaces (an id, a date, a number) across lines.
    """
    if fmt is Format.json:
        sys.stdout.write(json.dumps(list(rows), ensure_ascii=False, indent=2, default=str) + "\n")
    elif fmt is Format.jsonl:
        for row in rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
    elif fmt is Format.csv:
        cols = list(columns or (rows[0].keys() if rows else []))
        writer = csv.DictWriter(sys.stdout, fieldnames=cols, extrasaction="ignore")
        writer.writeheader()
        writer.writerows({c: _cell(r.get(c)) for c in cols} for r in rows)
    else:
        _table(rows, list(columns or (rows[0].keys() if rows else [])), title, wide=wide)


def _table(
    rows: Sequence[dict[str, Any]], cols: list[str], title: str | None, *, wide: bool
) -> None:
    cells = {c: [_cell(r.get(c)) for r in rows] for c in cols}
    tokens = {c: all(" " not in v for v in values) for c, values in cells.items()}
    need = {c: _need(c, cells[c], token=tokens[c]) for c in cols}
    shown = cols if wide else fit_columns(cols, need, out.width)
    table = Table(title=Text(title) if title else None, expand=False)
    for col in shown:
        if tokens[col]:
            table.add_column(col, no_wrap=True, overflow="ellipsis", min_width=need[col])
        else:
            table.add_column(col, overflow="fold")
    for i in range(len(rows)):
        table.add_row(*(Text(cells[c][i]) for c in shown))
    natural = sum(max(len(c), *(len(v) for v in cells[c]), 1) + _BORDER for c in shown) + 1
    out.print(table, width=max(out.width, natural) if wide else None)
    if len(shown) < len(cols):
        hidden = ", ".join(c for c in cols if c not in shown)
        err.print(f"(hidden at {out.width} columns: {hidden}; --wide shows them)")


def fit_columns(cols: Sequence[str], need: dict[str, int], width: int) -> list[str]:
    """`cols` less the least useful ones until their narrowest widths fit `width`."""
    shown = list(cols)
    order = [c for c in LESS_USEFUL if c in shown] + list(reversed(shown[1:]))
    for col in order:
        if sum(need[c] + _BORDER for c in shown) + 1 <= width or len(shown) <= 2:
            break
        if col in shown:
            shown.remove(col)
    return shown


def _need(name: str, values: list[str], *, token: bool) -> int:
    longest = max([len(name), *(len(v) for v in values)])
    return longest if token else min(longest, max(_MIN_WRAP, len(name)))


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """ "1 event", "2 events"; `nouns` for irregular plurals ("1 story", "3 stories")."""
    return f"{count} {noun if count == 1 else (nouns or noun + 's')}"


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
