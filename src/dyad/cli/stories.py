"""`dyad groups`, `dyad story`, `dyad dyad`, `dyad tracker`, `dyad regroup`: one event, many
reports; stories; dyad series; the negotiation tracker."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from dyad.cli import app
from dyad.cli.checks import not_found
from dyad.cli.options import (
    EVERY_EVENT,
    FormatOpt,
    MinConfidenceOpt,
    StoreOpt,
    WideOpt,
    filter_options,
)
from dyad.cli.output import Format, date_option, emit, err, out, plural
from dyad.model import to_dict
from dyad.query import EventFilter, check_page, group_date_label
from dyad.settings import load_settings
from dyad.store import open_store

GROUP_COLUMNS = [
    "id",
    "date_label",
    "type",
    "status",
    "history",
    "actors",
    "recipients",
    "place",
    "mentions",
    "articles",
    "sources",
    "summary",
]
SERIES_COLUMNS = ["period", "total", "types", "quad_classes", "goldstein"]


@app.command()
@filter_options("actor", "country", "type_", "since", "until")
def groups(
    group: Annotated[
        str | None, typer.Argument(help="A group id (a unique prefix is enough).")
    ] = None,
    store: StoreOpt = None,
    where: EventFilter = EVERY_EVENT,
    limit: Annotated[int, typer.Option(help="At most this many groups.")] = 100,
    fmt: FormatOpt = Format.table,
    wide: WideOpt = False,
) -> None:
    """List event groups (one happening, all its reports), or show one with its history."""
    from dyad.grouping.stored import event_group, event_groups

    check_page(limit=limit, offset=0)
    with open_store(load_settings(store=store).store, read_only=True) as db:
        if group is not None:
            found = event_group(db, group)
            if found is None:
                matches = db.ids_with_prefix("event_groups", group)
                raise not_found(matches, group, "group", "dyad groups")
            _show_group(to_dict(found), fmt, wide=wide)
            return
        found_all = event_groups(db, where, limit=limit)
    if fmt in (Format.json, Format.jsonl):
        emit([to_dict(g) for g in found_all], fmt)
    else:
        emit([group_row(to_dict(g)) for g in found_all], fmt, columns=GROUP_COLUMNS, wide=wide)
    err.print(plural(len(found_all), "group"))


@app.command()
def story(
    story_id: Annotated[str | None, typer.Argument(help="A story id (a prefix is enough).")] = None,
    store: StoreOpt = None,
    limit: Annotated[
        int, typer.Option(help="At most this many stories, or groups of one story's timeline.")
    ] = 100,
    offset: Annotated[int, typer.Option(help="One story: skip its newest groups.")] = 0,
    fmt: FormatOpt = Format.table,
    min_confidence: MinConfidenceOpt = None,
) -> None:
    """List stories, or show one story's timeline (its newest groups: --limit, --offset).
    Doubtful event groups (under the confidence threshold) are hidden and counted;
    --min-confidence 0 shows them."""
    from dyad.grouping.stored import stories
    from dyad.grouping.stored import story as read_story
    from dyad.query import shown_confidence

    check_page(limit=limit, offset=offset)
    settings = load_settings(store=store, min_confidence=min_confidence)
    shown = shown_confidence(settings)
    with open_store(settings.store, read_only=True) as db:
        if story_id is None:
            rows = [to_dict(s) for s in stories(db, limit=limit, min_confidence=shown)]
            emit(rows if fmt in (Format.json, Format.jsonl) else [_story_row(r) for r in rows], fmt)
            _print_hidden(sum(r["hidden"] for r in rows), shown)
            return
        found = read_story(db, story_id, min_confidence=shown, limit=limit, offset=offset)
        if found is None:
            raise not_found(
                db.ids_with_prefix("stories", story_id), story_id, "story", "dyad story"
            )
    _print_story(to_dict(found), fmt, shown)


def _print_story(body: dict[str, Any], fmt: Format, shown: float) -> None:
    """One story: its record (JSON, JSON lines, CSV), or its heading and timeline."""
    if fmt is not Format.table:
        emit([body], fmt)
        return
    out.print(
        f"{body['title']}  {body['id']}  {body['first_seen']} – {body['last_seen']}  "
        f"{plural(body['articles'], 'article')}, {plural(body['groups'], 'group')}"
    )
    timeline = [{**t, "summary": _short(t["summary"])} for t in body["timeline"]]
    emit(timeline, fmt, columns=["date", "type", "status", "summary", "group_id"], title="timeline")
    if len(body["group_ids"]) < body["groups"]:
        err.print(
            f"the timeline of {plural(len(body['group_ids']), 'group')} of {body['groups']},"
            " newest first: --limit and --offset show others"
        )
    _print_hidden(body["hidden"], shown)


def _print_hidden(hidden: int, shown: float) -> None:
    if hidden:
        err.print(
            f"{plural(hidden, 'doubtful event group')} hidden (under confidence {shown}): "
            "--min-confidence 0 shows them"
        )


@app.command(name="dyad")
def dyad_command(
    a: Annotated[str, typer.Argument(help="Actor id or ISO alpha-3 country.")],
    b: Annotated[str, typer.Argument(help="Actor id or ISO alpha-3 country.")],
    store: StoreOpt = None,
    freq: Annotated[str, typer.Option(help="Period: day or week.")] = "day",
    count: Annotated[str, typer.Option(help="Count groups (happenings) or mentions.")] = "groups",
    since: Annotated[str | None, typer.Option(help="First day, YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Last day, YYYY-MM-DD.")] = None,
    fmt: FormatOpt = Format.table,
    min_confidence: MinConfidenceOpt = None,
) -> None:
    """Counts by event type and QuadClass and the mean score per period between A and B;
    doubtful events (under the confidence threshold) are left out."""
    from dyad.query import dyad_series, shown_confidence

    settings = load_settings(store=store, min_confidence=min_confidence)
    with open_store(settings.store, read_only=True) as db:
        points = dyad_series(
            db,
            a,
            b,
            start=date_option(since, "--since"),
            end=date_option(until, "--until"),
            freq=freq,
            count=count,
            min_confidence=shown_confidence(settings),
        )
    rows = [to_dict(p) for p in points]
    if fmt is Format.table:
        rows = [r for r in rows if r["total"]] if since is None and until is None else rows
        rows = [
            {**r, "types": _pairs(r["types"]), "quad_classes": _pairs(r["quad_classes"])}
            for r in rows
        ]
    emit(rows, fmt, columns=SERIES_COLUMNS)
    total = sum(p.total for p in points)
    err.print(f"{plural(total, count.rstrip('s'))} in {plural(len(points), 'period')}")


@app.command()
def tracker(
    story_id: Annotated[str | None, typer.Option("--story", help="Only this story.")] = None,
    doubtful: Annotated[
        bool, typer.Option(help="Show items under the confidence threshold too.")
    ] = False,
    store: StoreOpt = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """Meetings and calls, agreements, demands and ultimatums, threats, proposals: their
    status now, one line each; doubtful ones hidden unless --doubtful."""
    from dyad.cli.tracker_lines import tracker_lines
    from dyad.grouping.stored import tracker as read_tracker

    settings = load_settings(store=store)
    with open_store(settings.store, read_only=True) as db:
        found = to_dict(
            read_tracker(
                db,
                story_id=story_id,
                min_confidence=settings.min_confidence,
                doubtful=doubtful,
            )
        )
    if fmt is not Format.table:
        emit([found], fmt)
        return
    for line in tracker_lines(found):
        out.print(line, highlight=False, markup=False, soft_wrap=True)


@app.command()
def regroup(store: StoreOpt = None) -> None:
    """Group every event not yet in a group (a store ingested before grouping)."""
    from dyad.grouping.stored import regroup_all

    with open_store(load_settings(store=store).store) as db:
        touched = regroup_all(db)
        total = db.count_groups()
    err.print(f"{plural(touched, 'group')} touched, {plural(total, 'group')} in the store")


def group_row(group: dict[str, Any]) -> dict[str, Any]:
    """A flat row of a group record for tables and CSV."""
    return {
        **group,
        "type": group["type"] + (f"/{group['mode']}" if group["mode"] else ""),
        "history": " → ".join(c["status"] for c in group["history"])
        + (f" (contested: {', '.join(group['contested'])})" if group["contested"] else ""),
        "actors": [a["name"] for a in group["actors"]],
        "recipients": [a["name"] for a in group["recipients"]],
        "summary": _short(group["summary"]),
        "date_label": group_date_label(group),
    }


def _show_group(group: dict[str, Any], fmt: Format, *, wide: bool) -> None:
    if fmt is not Format.table:
        emit([group], fmt)
        return
    emit([group_row(group)], fmt, columns=GROUP_COLUMNS, wide=wide)
    columns = ["article_date", "status", "source", "mentions", "article_id", "event_id"]
    emit(group["statuses"], fmt, columns=columns, title="every report", wide=wide)


def _story_row(record: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": record["id"],
        "title": record["title"],
        "first_seen": record["first_seen"],
        "last_seen": record["last_seen"],
        "articles": record["articles"],
        "groups": record["groups"],
        "hidden": record["hidden"],
    }


def _short(text: str, width: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _pairs(counts: dict[Any, int]) -> str:
    return ", ".join(f"{k}: {v}" for k, v in counts.items())
