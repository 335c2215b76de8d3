"""`dyad export`: events to PLOVER JSON lines, GDELT 2.0 tables, CSV or Parquet."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from dyad.cli import app
from dyad.cli.options import (
    ActorOpt,
    CountryOpt,
    RecipientOpt,
    SinceOpt,
    SourceOpt,
    StoreOpt,
    TextOpt,
    TypeOpt,
    UntilOpt,
)
from dyad.cli.output import err, plural
from dyad.errors import DyadError
from dyad.settings import load_settings

FORMAT_NAMES = ("plover", "gdelt-events", "gdelt-mentions", "csv", "parquet")


def _date(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:  # a user's typo becomes a message, not a traceback
        raise DyadError(f"{option} {value!r} is not a date: use YYYY-MM-DD") from exc


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", "-f", help=f"One of {', '.join(FORMAT_NAMES)}.")],
    out: Annotated[str, typer.Option("--out", "-o", help="Output file, or - for stdout.")],
    store: StoreOpt = None,
    actor: ActorOpt = None,
    recipient: RecipientOpt = None,
    country: CountryOpt = None,
    type_: TypeOpt = None,
    polarity: Annotated[str | None, typer.Option(help="asserted or negated.")] = None,
    modality: Annotated[str | None, typer.Option(help="actual, planned, ...")] = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    source: SourceOpt = None,
    text: TextOpt = None,
    place: Annotated[str | None, typer.Option(help="Place name, GeoNames id or ISO3.")] = None,
    bbox: Annotated[str | None, typer.Option(help="west,south,east,north in degrees.")] = None,
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
    from dyad.query import EventFilter, check_filter, export_items, parse_bbox, parse_place
    from dyad.store import open_store

    if fmt not in FORMAT_NAMES:
        raise DyadError(f"--format {fmt!r} is not one of {', '.join(FORMAT_NAMES)}")
    if out == "-" and fmt == "parquet":
        raise DyadError("Parquet cannot go to stdout: give --out FILE.parquet")
    _check_out(out)
    where = check_filter(
        EventFilter(
            actor=actor,
            recipient=recipient,
            country=country,
            type=type_,
            polarity=polarity,
            modality=modality,
            date_from=_date(since, "--since"),
            date_to=_date(until, "--until"),
            source=source,
            text=text,
            place=parse_place(place),
            bbox=parse_bbox(bbox),
        )
    )
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
