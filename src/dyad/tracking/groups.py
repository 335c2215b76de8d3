"""Grouping the store's events: `update_groups` after each batch, `event_groups` to read."""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence

from dyad.cluster import (
    EventGroup,
    Member,
    Profile,
    assign,
    build_group,
    member_of,
    profile_from_json,
    profile_keys,
    profile_to_json,
)
from dyad.model import from_dict, to_dict
from dyad.store import EventFilter, Store
from dyad.tracking.stories import update_stories

log = logging.getLogger(__name__)


def update_groups(store: Store, article_ids: Sequence[str]) -> int:
    """Group the not yet grouped events of `article_ids`; return how many groups changed.

    New events join existing groups or found new ones; nothing else is recomputed. Call it
    after each committed batch (it writes in its own transaction).
    """
    rows = store.ungrouped_events(article_ids)
    if not rows:
        with store.transaction():
            update_stories(store, article_ids)
        return 0
    members = [member_of(e, article_date=d, publisher=s) for e, d, s in rows]
    cache: dict[str, Profile] = {}

    def lookup(member: Member, keys: list[tuple[str, int]]) -> list[Profile]:
        found = store.group_profiles(keys)
        for gid, text in found.items():
            if gid not in cache:
                cache[gid] = profile_from_json(text)
        return [cache[gid] for gid in found]

    with store.transaction():
        assignments, touched = assign(members, lookup)
        by_event = {m.event_id: m for m in members}
        store.add_group_members([
            (a.event_id, a.group_id, by_event[a.event_id].article_id,
             _iso(by_event[a.event_id]), round(a.score, 4),
             json.dumps(to_dict(by_event[a.event_id]), separators=(",", ":")))
            for a in assignments
        ])  # fmt: skip
        _save_groups(store, touched)
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
    store: Store, where: EventFilter | None = None, *, limit: int = 100, offset: int = 0
) -> list[EventGroup]:
    """Groups holding an event that matches `where`, most recently seen first."""
    records = store.group_records(where, limit=limit, offset=offset)
    return [from_dict(EventGroup, r) for r in records]


def event_group(store: Store, group_id: str) -> EventGroup | None:
    """One group by id (a unique prefix is enough), or None."""
    record = store.group_record(group_id)
    return from_dict(EventGroup, record) if record else None


def group_members(store: Store, group_ids: Sequence[str]) -> dict[str, list[Member]]:
    """The members of each group, in grouping order."""
    return {
        gid: [from_dict(Member, json.loads(m)) for m in members]
        for gid, members in store.group_members(group_ids).items()
    }


def _save_groups(store: Store, touched: dict[str, Profile]) -> None:
    members = group_members(store, list(touched))
    for gid, profile in sorted(touched.items()):
        group = build_group(gid, members[gid], story_id=_story_of(store, gid))
        history = [
            (c.status, c.article_id, _iso_date(c.article_date), c.event_id, c.source)
            for c in group.history
        ]
        store.save_group(
            gid, profile=profile_to_json(profile), record=to_dict(group),
            keys=profile_keys(profile), history=history,
        )  # fmt: skip


def _story_of(store: Store, group_id: str) -> str | None:
    record = store.group_record(group_id)
    return record.get("story_id") if record else None


def _iso(member: Member) -> str | None:
    return _iso_date(member.article_date)


def _iso_date(value: object) -> str | None:
    return value.isoformat() if value is not None else None  # type: ignore[attr-defined]  # a date
