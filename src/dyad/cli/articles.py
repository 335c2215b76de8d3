"""`dyad events`, `dyad show`, `dyad articles`: reading the store."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Annotated

import typer
from rich.panel import Panel
from rich.text import Text

from dyad.cli import app
from dyad.cli.checks import not_found
from dyad.cli.options import (
    EVENT_OPTIONS,
    EVERY_EVENT,
    FormatOpt,
    MinConfidenceOpt,
    StoreOpt,
    WideOpt,
    filter_options,
)
from dyad.cli.output import Format, emit, err, out, plural
from dyad.model import ArticleResult, Event, to_dict
from dyad.query import (
    EventFilter,
    actor_label,
    check_page,
    count_events,
    event_row,
    list_events,
    shown_confidence,
    status_text,
)
from dyad.settings import load_settings
from dyad.store import open_store

EVENT_COLUMNS = [
    "date_label",
    "type",
    "status",
    "actors",
    "recipients",
    "place",
    "source",
    "trigger",
]
SUMMARY_COLUMNS = ["date_label", "type", "actors", "recipients", "place", "trigger", "source"]
QUOTE_MARKS = "\"“”'‘’«»"
STYLES = {
    "actor": "bold cyan",
    "time": "bold magenta",
    "place": "bold green",
    "trigger": "bold reverse yellow",
    "quote": "italic",
}


@app.command()
@filter_options(*EVENT_OPTIONS)
def events(
    store: StoreOpt = None,
    where: EventFilter = EVERY_EVENT,
    limit: Annotated[int, typer.Option(help="At most this many events.")] = 100,
    fmt: FormatOpt = Format.table,
    wide: WideOpt = False,
    min_confidence: MinConfidenceOpt = None,
) -> None:
    """List events, filtered; JSON formats give the full event records. Doubtful events
    (under the confidence threshold) are hidden and counted; --min-confidence 0 shows them."""
    settings = load_settings(store=store, min_confidence=min_confidence)
    where = dataclasses.replace(where, min_confidence=shown_confidence(settings))
    with open_store(settings.store, read_only=True) as db:
        found = list_events(db, where, limit=limit)
        total = count_events(db, where) if len(found) == limit else len(found)
        every = count_events(db, dataclasses.replace(where, min_confidence=None))
    emit_events(found, fmt, total=total, wide=wide)
    if total is not None and every is not None and every > total:
        hidden = plural(every - total, "doubtful event")
        err.print(
            f"{hidden} hidden (under confidence {where.min_confidence}): "
            "--min-confidence 0 shows them"
        )


def emit_events(
    found: Sequence[Event], fmt: Format, *, total: int | None = None, wide: bool = False
) -> None:
    """Events to stdout: full records in the JSON formats, readable rows otherwise.

    On stderr, how many: "showing 100 of 185 events" when `total` matched but fewer show.
    """
    if fmt in (Format.json, Format.jsonl):
        emit([to_dict(e) for e in found], fmt)
    else:
        emit([event_row(e) for e in found], fmt, columns=[*EVENT_COLUMNS, "id"], wide=wide)
    if total is not None and total > len(found):
        err.print(f"showing {len(found)} of {plural(total, 'event')}: --limit shows more")
    else:
        err.print(plural(len(found), "event"))


@app.command()
def articles(
    store: StoreOpt = None, limit: int = 100, fmt: FormatOpt = Format.table, wide: WideOpt = False
) -> None:
    """List stored articles."""
    check_page(limit=limit, offset=0)
    with open_store(load_settings(store=store).store, read_only=True) as db:
        rows = [
            {
                "id": a.id,
                "date": a.date,
                "source": a.source,
                "title": a.title,
                "origin": a.origin,
                "chars": len(a.text),
            }
            for a in db.articles(limit=limit)
        ]
    emit(rows, fmt, wide=wide)


@app.command()
def show(
    article: Annotated[str, typer.Argument(help="Article id (a unique prefix is enough).")],
    store: StoreOpt = None,
    fmt: FormatOpt = Format.table,
    wide: WideOpt = False,
) -> None:
    """Show an article with its actors, dates, places and events marked."""
    with open_store(load_settings(store=store).store, read_only=True) as db:
        result = db.article(article)
        if result is None:
            matches = db.ids_with_prefix("articles", article)
            raise not_found(matches, article, "article", "dyad articles")
    if fmt is not Format.table:
        emit([to_dict(result)], fmt)
        return
    render_article(result, wide=wide)


def render_article(result: ArticleResult, *, wide: bool = False) -> None:
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
    head = Text(f"{a.id}  {a.date or 'no date'}  {a.source or 'no publisher'}  {a.title or ''}")
    # soft_wrap off: the panel wraps each paragraph at its width instead of cropping it
    out.print(
        Panel(text, title=head, subtitle="actors  dates  places  event triggers"), soft_wrap=False
    )
    emit(
        [event_row(e) for e in result.events],
        Format.table,
        columns=EVENT_COLUMNS,
        title=plural(len(result.events), "event"),
        wide=wide,
    )
    for q in result.quotes:
        who = actor_label(q.speaker) if q.speaker else (q.speaker_text or "?")
        line = Text.assemble(
            (f"{q.kind} quote", STYLES["quote"]), f" {who}: ", quoted(q.content.text)
        )
        out.print(line, soft_wrap=False)


def quoted(content: str) -> str:
    """`content` in quotation marks, unless it already opens and closes with them."""
    text = content.strip()
    if len(text) > 1 and text[0] in QUOTE_MARKS and text[-1] in QUOTE_MARKS + ",.":
        return text
    return f"“{text}”"


def print_summary(store: str) -> None:
    """What a demo store holds, readably: counts, then events grouped by status."""
    with open_store(store, read_only=True) as db:
        counts = db.counts()
        found = db.events(limit=1000)
        rejected = db.rejected()
    out.print(
        f"{plural(counts['articles'], 'article')}, {plural(counts['events'], 'event')}, "
        f"{plural(counts['actors'], 'actor')}, {plural(counts['quotes'], 'quote')}, "
        f"{plural(len(rejected), 'rejected input')}"
    )
    by_status: dict[str, list[dict[str, object]]] = {}
    for e in found:
        by_status.setdefault(status_text(e), []).append(event_row(e))
    for status, rows in sorted(by_status.items()):
        emit(rows, Format.table, columns=SUMMARY_COLUMNS, title=f"{status} ({len(rows)})")
    flag = "" if store == load_settings().store else f" --store {store}"
    out.print(f"Next: dyad events{flag} --type REQUEST · dyad show ARTICLE_ID{flag}")
