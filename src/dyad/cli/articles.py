"""`dyad events`, `dyad show`, `dyad articles`: reading the store."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated

import typer
from rich.panel import Panel
from rich.text import Text

from dyad.cli import app
from dyad.cli.options import (
    ActorOpt,
    CountryOpt,
    FormatOpt,
    RecipientOpt,
    SinceOpt,
    SourceOpt,
    StoreOpt,
    TextOpt,
    TypeOpt,
    UntilOpt,
)
from dyad.cli.output import Format, date_option, emit, err, out
from dyad.errors import DyadError
from dyad.model import ArticleResult, Event, to_dict
from dyad.query import EventFilter, actor_label, check_page, event_row, list_events, status_text
from dyad.settings import load_settings
from dyad.store import open_store

EVENT_COLUMNS = ["date", "type", "status", "actors", "recipients", "place", "source", "trigger"]
SUMMARY_COLUMNS = ["date", "type", "actors", "recipients", "place", "trigger", "source"]
STYLES = {"actor": "bold cyan", "time": "bold magenta", "place": "bold green",
          "trigger": "bold reverse yellow", "quote": "italic"}  # fmt: skip


@app.command()
def events(
    store: StoreOpt = None,
    actor: ActorOpt = None,
    recipient: RecipientOpt = None,
    country: CountryOpt = None,
    type_: TypeOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    text: TextOpt = None,
    source: SourceOpt = None,
    limit: Annotated[int, typer.Option(help="At most this many events.")] = 100,
    fmt: FormatOpt = Format.table,
) -> None:
    """List events, filtered; JSON formats give the full event records."""
    where = event_filter(
        actor=actor, recipient=recipient, country=country, type_=type_, since=since,
        until=until, text=text, source=source,
    )  # fmt: skip
    with open_store(load_settings(store=store).store, read_only=True) as db:
        emit_events(list_events(db, where, limit=limit), fmt)


def event_filter(
    *, actor: str | None, recipient: str | None, country: str | None, type_: str | None,
    since: str | None, until: str | None, text: str | None, source: str | None,
) -> EventFilter:  # fmt: skip
    """The `EventFilter` of the shared event options, dates checked."""
    return EventFilter(
        actor=actor, recipient=recipient, country=country, type=type_,
        date_from=date_option(since, "--since"), date_to=date_option(until, "--until"),
        text=text, source=source,
    )  # fmt: skip


def emit_events(found: Sequence[Event], fmt: Format) -> None:
    """Events to stdout: full records in the JSON formats, readable rows otherwise."""
    if fmt in (Format.json, Format.jsonl):
        emit([to_dict(e) for e in found], fmt)
    else:
        emit([event_row(e) for e in found], fmt, columns=[*EVENT_COLUMNS, "id"])
    err.print(f"{len(found)} events", highlight=False)


@app.command()
def articles(store: StoreOpt = None, limit: int = 100, fmt: FormatOpt = Format.table) -> None:
    """List stored articles."""
    check_page(limit=limit, offset=0)
    with open_store(load_settings(store=store).store, read_only=True) as db:
        rows = [
            {"id": a.id, "date": a.date, "source": a.source, "title": a.title,
             "origin": a.origin, "chars": len(a.text)}
            for a in db.articles(limit=limit)
        ]  # fmt: skip
    emit(rows, fmt)


@app.command()
def show(
    article: Annotated[str, typer.Argument(help="Article id (a unique prefix is enough).")],
    store: StoreOpt = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """Show an article with its actors, dates, places and events marked."""
    with open_store(load_settings(store=store).store, read_only=True) as db:
        result = db.article(article)
    if result is None:
        raise DyadError(f"no article {article!r} in the store: `dyad articles` lists them")
    if fmt is not Format.table:
        emit([to_dict(result)], fmt)
        return
    render_article(result)


def render_article(result: ArticleResult) -> None:
    """Print the article text with spans highlighted, then its events."""
    a = result.article
    text = Text(a.text)
    for m in result.actors:
        text.stylize(STYLES["actor"], m.span.start, m.span.end)
    for t in result.times:
        text.stylize(STYLES["time"], t.span.start, t.span.end)
    for p in result.places:
        text.stylize(STYLES["place"], p.span.start, p.span.end)
    for e in result.events:
        for ev in e.evidence:
            text.stylize(STYLES["trigger"], ev.trigger.start, ev.trigger.end)
    head = f"{a.id}  {a.date or 'no date'}  {a.source or 'no publisher'}  {a.title or ''}"
    out.print(Panel(text, title=head, subtitle="actors  dates  places  event triggers"))
    emit([event_row(e) for e in result.events], Format.table, columns=EVENT_COLUMNS,
         title=f"{len(result.events)} events")  # fmt: skip
    for q in result.quotes:
        who = actor_label(q.speaker) if q.speaker else (q.speaker_text or "?")
        out.print(f"[italic]{q.kind} quote[/] {who}: “{q.content.text}”", highlight=False)


def print_summary(store: str) -> None:
    """What a demo store holds, readably: counts, then events grouped by status."""
    with open_store(store, read_only=True) as db:
        counts = db.counts()
        found = db.events(limit=1000)
        rejected = db.rejected()
    out.print(
        f"[bold]{counts['articles']}[/] articles, [bold]{counts['events']}[/] events, "
        f"{counts['actors']} actors, {counts['quotes']} quotes, {len(rejected)} rejected inputs"
    )
    by_status: dict[str, list[dict[str, object]]] = {}
    for e in found:
        by_status.setdefault(status_text(e), []).append(event_row(e))
    for status, rows in sorted(by_status.items()):
        emit(rows, Format.table, columns=SUMMARY_COLUMNS, title=f"{status} ({len(rows)})")
    out.print(
        f"Next: dyad events --store {store} --type REQUEST · dyad show ARTICLE --store {store}"
    )
