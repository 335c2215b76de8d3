"""Groups and profiles as grouping wrote them, read back whole.

A group of one event keeps no record or profile in the store (migration 13,
`dyad.store.alone`): both follow from the event, and are rebuilt from it here, as members are
(`group_members`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from dyad.grouping.logic import (
    EventGroup,
    Member,
    Profile,
    build_group,
    member_from_record,
    new_profile,
    profile_from_json,
)
from dyad.model import from_dict
from dyad.store import Store
from dyad.store.groups import ALONE


def group_members(
    store: Store, group_ids: Sequence[str], *, known: Mapping[str, Member] | None = None
) -> dict[str, list[Member]]:
    """The members of each group, in grouping order, rebuilt from their stored events (those
    of `known`, by event id, taken as they are)."""
    known = known or {}
    return {
        gid: [
            known[i] if e is None else member_from_record(e, article_date=d, publisher=s)
            for i, e, d, s in events
        ]
        for gid, events in store.group_member_events(group_ids, known=known.keys()).items()
    }


def whole_groups(store: Store, records: Sequence[dict[str, Any]]) -> list[EventGroup]:
    """The groups of `records` as the store reads them, each group of one event (`ALONE`)
    built from its event."""
    alone = [r["id"] for r in records if r.get(ALONE)]
    members = group_members(store, alone) if alone else {}
    return [
        build_group(r["id"], members[r["id"]], story_id=r["story_id"])
        if r.get(ALONE)
        else from_dict(EventGroup, r)
        for r in records
    ]


def whole_profiles(store: Store, group_ids: Sequence[str]) -> dict[str, Profile]:
    """The matching profile of each of `group_ids`, each group of one event's made from it."""
    texts = store.group_profiles(group_ids)
    found = {gid: profile_from_json(t) for gid, t in texts.items() if t is not None}
    alone = sorted(gid for gid, t in texts.items() if t is None)
    for gid, members in (group_members(store, alone) if alone else {}).items():
        found[gid] = new_profile(gid, members[0])
    return found
