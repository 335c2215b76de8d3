"""`dyad actors`: list, inspect and merge the canonical actors the store remembers."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from dyad.cli import app
from dyad.cli.options import FormatOpt, StoreOpt
from dyad.cli.output import Format, emit, err, plural
from dyad.errors import DyadError
from dyad.query import EventFilter, check_page, event_row, list_events
from dyad.settings import load_settings
from dyad.store import open_store

actors_app = typer.Typer(help="Canonical actors: list, show, merge.", no_args_is_help=False)
app.add_typer(actors_app, name="actors")

COLUMNS = ["id", "name", "kind", "country", "sector", "mentions", "first_seen", "last_seen"]


@actors_app.callback(invoke_without_command=True)
def list_actors(
    ctx: typer.Context,
    store: StoreOpt = None,
    search: Annotated[str | None, typer.Option(help="Id, or text in the name or aliases.")] = None,
    limit: Annotated[int, typer.Option(help="At most this many actors.")] = 100,
    fmt: FormatOpt = Format.table,
) -> None:
    """List actors, most mentioned first."""
    if ctx.invoked_subcommand is not None:
        return
    check_page(limit=limit, offset=0)
    with open_store(load_settings(store=store).store, read_only=True) as db:
        wanted = {a.id for a in db.actors(search=search, limit=limit)} if search else None
        rows = [r for r in db.actor_rows(limit=100_000) if wanted is None or r["id"] in wanted]
    emit(rows[:limit], fmt, columns=COLUMNS)


@actors_app.command("show")
def show_actor(
    actor_id: Annotated[str, typer.Argument(help="Actor id, e.g. PER:vladimir_putin.")],
    store: StoreOpt = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """One actor: its codes, aliases, and the events where it acts or is acted on."""
    with open_store(load_settings(store=store).store, read_only=True) as db:
        row = next((r for r in db.actor_rows(limit=100_000) if r["id"] == actor_id), None)
        if row is None:
            raise DyadError(f"no actor {actor_id!r}: `dyad actors --search NAME` finds ids")
        acting = list_events(db, EventFilter(actor=actor_id), limit=50)
        acted_on = list_events(db, EventFilter(recipient=actor_id), limit=50)
    row["aliases"] = json.loads(row["aliases"])
    if fmt is not Format.table:
        emit(
            [{**row, "as_actor": [e.id for e in acting], "as_recipient": [e.id for e in acted_on]}],
            fmt,
        )
        return
    emit([row], fmt, columns=[*COLUMNS, "aliases"])
    title = f"{plural(len(acting), 'event')} as actor, {len(acted_on)} as recipient"
    columns = ["date_label", "type", "status", "actors", "recipients", "trigger"]
    emit([event_row(e) for e in acting + acted_on], fmt, columns=columns, title=title)


@actors_app.command("merge")
def merge(
    keep: Annotated[str, typer.Argument(help="Actor id that stays.")],
    drop: Annotated[str, typer.Argument(help="Actor id merged into KEEP.")],
    store: StoreOpt = None,
) -> None:
    """Merge actor DROP into KEEP: its aliases, mentions and events now count for KEEP."""
    with open_store(load_settings(store=store).store) as db:
        db.merge_actors(keep, drop)
    err.print(f"merged {drop} into {keep}")
