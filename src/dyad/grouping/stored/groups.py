"""Grouping the store's events: `update_groups` after each batch, `event_groups` to read."""

from __future__ import annotations

import dataclasses
import logging
import typing
from collections.abc import Collection, Sequence
from typing import Any

from dyad.grouping.logic import (
    EventGroup,
    Member,
    Profile,
    assign,
    build_group,
    group_dyads,
    lookup_keys,
    member_dyads,
    member_from_record,
    profile_keys,
    profile_to_json,
)
from dyad.grouping.logic.growth import State, group_state, grow_group
from dyad.grouping.stored.stories import update_stories
from dyad.grouping.stored.whole import group_members, whole_groups, whole_profiles
from dyad.model import from_dict, to_dict, to_json
from dyad.query.filter import EventFilter
from dyad.store import Store
from dyad.store.groups import ALONE

log = logging.getLogger(__name__)
Row = tuple[Any, ...]
# Groups of fewer members are rebuilt from them when they grow (reading a few events costs
# less than a state in every record: 124 bytes per event on 300 PolNeAR articles); larger
# ones keep a growth state and grow from it, whatever their size.
GROW_FROM = 8


def update_groups(store: Store, article_ids: Sequence[str]) -> int:
    """Group the not yet grouped events of `article_ids`; return how many groups changed.

    New events join existing groups or found new ones; nothing else is recomputed. Call it
    after each committed batch (it writes in its own transaction). The articles' stories
    are updated in the same transaction.
    """
    with store.transaction():
        rows = store.ungrouped_records(article_ids)
        members = [member_from_record(e, article_date=d, publisher=s) for e, d, s in rows]
        touched = _group(store, members) if members else {}
        update_stories(store, article_ids)
    log.debug("grouped %d events into %d groups", len(members), len(touched))
    return len(touched)


def regroup_all(store: Store, *, batch: int = 200) -> int:
    """Group every event not yet grouped (a store ingested before grouping existed)."""
    touched = 0
    while ids := store.ungrouped_article_ids(limit=batch):
        touched += update_groups(store, ids)
    return touched


def event_groups(
    store: Store,
    where: EventFilter | None = None,
    *,
    story_id: str | None = None,
    limit: int = 100,
    offset: int = 0,
) -> list[EventGroup]:
    """Groups holding an event that matches `where` (of story `story_id` if given), most
    recently seen first."""
    records = store.group_records(where, story_id=story_id, limit=limit, offset=offset)
    return whole_groups(store, records)


def event_group(store: Store, group_id: str) -> EventGroup | None:
    """One group by id (a unique prefix is enough), or None."""
    record = store.group_record(group_id)
    return whole_groups(store, [record])[0] if record else None


def event_group_record(
    store: Store, group_id: str, *, statuses_of: Collection[str] | None = None
) -> dict[str, Any] | None:
    """`to_dict` of `event_group`; with `statuses_of`, only the statuses of those events (a
    group of thousands of reports is made into model values only for the statuses kept)."""
    record = store.group_record(group_id)
    if record is None:
        return None
    if statuses_of is not None and not record.get(ALONE):
        kept = [s for s in record["statuses"] if s["event_id"] in statuses_of]
        record = {**record, "statuses": kept}
    group = whole_groups(store, [record])[0]
    if statuses_of is not None:
        only = tuple(s for s in group.statuses if s.event_id in statuses_of)
        group = dataclasses.replace(group, statuses=only)
    return typing.cast(dict[str, Any], to_dict(group))


def fill_dyads(store: Store) -> None:
    """Rewrite the dyad tables from the stored groups and members (after a bulk load that
    bypassed `update_groups`), each row as grouping writes it: groups and members rebuilt."""

    def rows_of(group_ids: Sequence[str]) -> tuple[list[Row], list[Row]]:
        groups = whole_groups(store, store.group_records_by_id(group_ids))
        members = [m for ms in group_members(store, group_ids).values() for m in ms]
        return (
            [(lo, hi, day, g.id, *rest) for g in groups for lo, hi, day, *rest in group_dyads(g)],
            [row for m in members for row in member_dyads(m)],
        )

    store.fill_dyads(rows_of)


def newest_group_members(
    store: Store, group_id: str, *, limit: int, offset: int = 0
) -> list[Member]:
    """A page of a group's members: the newest `limit` after the `offset` newest, in
    grouping order (a group of thousands of reports is not rebuilt whole)."""
    return [
        member_from_record(e, article_date=d, publisher=s)
        for _, e, d, s in store.newest_member_events(group_id, limit=limit, offset=offset)
        if e is not None
    ]


def _group(store: Store, members: list[Member]) -> dict[str, Profile]:
    """Assign `members` to groups, write them and the groups they touched."""
    keys = {k for m in members for k in lookup_keys(m)}
    registered = store.groups_under_keys(keys)
    profiles = whole_profiles(store, sorted({g for ids in registered.values() for g in ids}))

    def lookup(_member: Member, member_keys: list[tuple[str, int]]) -> list[Profile]:
        ids = {g for k in member_keys for g in registered.get(k, ())}
        return [profiles[g] for g in sorted(ids)]

    assignments, touched = assign(members, lookup)
    by_event = {m.event_id: m for m in members}
    store.add_group_members(
        [(a.event_id, a.group_id, round(a.score, 4)) for a in assignments],
        dyads=[row for a in assignments for row in member_dyads(by_event[a.event_id])],
    )
    joined: dict[str, list[Member]] = {}
    for a in assignments:
        joined.setdefault(a.group_id, []).append(by_event[a.event_id])
    founded = {a.group_id for a in assignments if a.founded}
    _save_groups(store, touched, joined, founded)
    return touched


def _grown(
    store: Store, joined: dict[str, list[Member]], founded: set[str]
) -> dict[str, tuple[EventGroup, State | None]]:
    """Each group that `joined` members, with its growth state: a group founded in this batch
    built from them, a stored one grown by them, or rebuilt from all its members when it was
    written without a state (a small group: `GROW_FROM`)."""
    out = {gid: _built(gid, joined[gid]) for gid in founded}
    stored = store.group_growth(joined.keys() - founded)
    for gid, (record, state) in stored.items():
        if state is not None:
            out[gid] = grow_group(from_dict(EventGroup, record), state, joined[gid])
    rebuild = sorted(joined.keys() - out.keys())
    fresh = {m.event_id: m for gid in rebuild for m in joined[gid]}
    for gid, members in group_members(store, rebuild, known=fresh).items():
        out[gid] = _built(gid, members)
    return out


def _built(group_id: str, members: list[Member]) -> tuple[EventGroup, State | None]:
    """The group of `members`, and its growth state if it is large enough to keep one."""
    state = group_state(members) if len(members) >= GROW_FROM else None
    return build_group(group_id, members), state


def _save_groups(
    store: Store, touched: dict[str, Profile], joined: dict[str, list[Member]], founded: set[str]
) -> None:
    """Write the groups `touched`: `joined` holds the members each was just given."""
    grown = _grown(store, joined, founded)
    for gid, profile in sorted(touched.items()):
        group, state = grown[gid]
        columns = {
            "type": group.type,
            "date": _iso_date(group.date),
            "date_end": _iso_date(group.date_end),
            "status": group.status,
            "first_seen": _iso_date(group.first_seen),
            "last_seen": _iso_date(group.last_seen),
            "mentions": group.mentions,
            "articles": group.articles,
            "sources": group.sources,
            "confidence": group.confidence,
        }
        alone = len(group.event_ids) == 1 and state is None  # rebuilt on read (`whole`)
        store.save_group(
            gid,
            profile=None if alone else profile_to_json(profile),
            record=None if alone else to_json(group),
            columns=columns,
            keys=profile_keys(profile),
            dyads=group_dyads(group),
            growth=state,
        )


def _iso_date(value: object) -> str | None:
    return value.isoformat() if value is not None else None  # type: ignore[attr-defined]  # a date
