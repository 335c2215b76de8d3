"""`dyad export`: events to PLOVER JSON lines, GDELT 2.0 tables, CSV or Parquet."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from dyad.cli import app
from dyad.cli.options import EVERY_EVENT, StoreOpt, filter_options
from dyad.cli.output import err, plural
from dyad.errors import DyadError
from dyad.query.filter import EventFilter
from dyad.settings import load_settings

EXPORT_OPTIONS = (
    "actor",
    "recipient",
    "country",
    "type_",
    "polarity",
    "modality",
    "since",
    "until",
    "source",
    "text",
    "place",
    "bbox",
)
FORMAT_NAMES = ("plover", "gdelt-events", "gdelt-mentions", "csv", "parquet")


@app.command()
@filter_options(*EXPORT_OPTIONS, raw=("country", "type_"))  # checked by check_filter
def export(
    fmt: Annotated[str, typer.Option("--format", "-f", help=f"One of {', '.join(FORMAT_NAMES)}.")],
    out: Annotated[str, typer.Option("--out", "-o", help="Output file, or - for stdout.")],
    store: StoreOpt = None,
    where: EventFilter = EVERY_EVENT,
    all_statuses: Annotated[
        bool,
        typer.Option(
            "--all-statuses",
            help="GDELT tables: keep every status, not only "
            "asserted, actual, current events (GDELT cannot tell them apart).",
        ),
    ] = False,
) -> None:
    """Write the matching events in a standard format (see docs/exports.md)."""
    from dyad.exports import write_export
    from dyad.query import check_filter, export_items
    from dyad.store import open_store

    if fmt not in FORMAT_NAMES:
        raise DyadError(f"--format {fmt!r} is not one of {', '.join(FORMAT_NAMES)}")
    if out == "-" and fmt == "parquet":
        raise DyadError("Parquet cannot go to stdout: give --out FILE.parquet")
    _check_out(out)
    check_filter(where)
    with open_store(load_settings(store=store).store, read_only=True) as db:
        items = export_items(db, where)
        target = sys.stdout.buffer if out == "-" else out
        count = write_export(fmt, items, target, all_statuses=all_statuses)
    unit = "row" if fmt == "parquet" else "line"
    err.print(f"{plural(count, unit)} of {fmt} written to {out}", soft_wrap=True)


def _check_out(out: str) -> None:
    """Refuse an output path that cannot be written before any work is done."""
    if out == "-":
        return
    path = Path(out)
    if path.is_dir():
        raise DyadError(f"--out {out} is a folder: name a file in it, e.g. {path / 'events.csv'}")
    if not path.parent.is_dir():
        raise DyadError(f"--out {out}: folder {path.parent} does not exist; create it first")
    if not os.access(path.parent, os.W_OK):
        raise DyadError(f"--out {out}: folder {path.parent} is not writable")
