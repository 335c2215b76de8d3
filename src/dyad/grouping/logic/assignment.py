"""Incremental, deterministic grouping of members into event groups.

`assign` takes the new members of a batch and a `lookup` giving the stored profiles that
share a blocking key with a member; it returns where each member goes and the profiles it
touched. Members are taken in a fixed order (publication date, article id, event id), each
joining the best-scoring compatible group (ties: the smaller group id) or founding a new one
whose id is a hash of its first member's event id: the same input gives the same groups.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from dyad.grouping.logic.match import (
    THRESHOLD,
    Profile,
    blocking_keys,
    buckets,
    new_profile,
    score,
    tolerance,
    window,
)
from dyad.grouping.logic.values import Member

Lookup = Callable[[Member, list[tuple[str, int]]], Iterable[Profile]]


@dataclass(frozen=True, slots=True)
class Assignment:
    """Member `event_id` belongs to group `group_id` (founded it when `founded`)."""

    event_id: str
    group_id: str
    score: float
    founded: bool


def group_id_for(event_id: str) -> str:
    """The stable id of a group founded by event `event_id`."""
    return "grp_" + hashlib.sha1(event_id.encode("utf-8")).hexdigest()[:16]


def member_order(member: Member) -> tuple[dt.date, str, str]:
    """The order members are grouped in: publication date, article, event."""
    return (member.article_date or dt.date.max, member.article_id, member.event_id)


def lookup_keys(member: Member) -> list[tuple[str, int]]:
    """The (key, week) pairs under which groups `member` may join are registered."""
    start, end = window(member)
    weeks = buckets(start, end, pad=tolerance(member))
    return [(k, b) for k in blocking_keys(member) for b in weeks]


def profile_keys(profile: Profile) -> list[tuple[str, int]]:
    """The (key, week) pairs a group is registered under."""
    parties = sorted(profile.actor_countries | profile.recipient_countries)
    keys = [f"{profile.type}|{k}" for k in parties] or [f"{profile.type}|-"]
    keys += [f"{profile.type}|@{place}" for place in sorted(profile.place_ids)]
    weeks = buckets(profile.date_min, profile.date_max, pad=profile.tolerance)
    return [(k, b) for k in keys for b in weeks]


def assign(
    members: Sequence[Member], lookup: Lookup, *, threshold: float = THRESHOLD
) -> tuple[list[Assignment], dict[str, Profile]]:
    """Place each member in a group; return the assignments and the touched profiles.

    Members of one article with the same type, sentence and status (one happening the
    resolver kept apart because its actors differ) move together, as one unit.
    """
    touched: dict[str, Profile] = {}
    local: dict[tuple[str, int], set[str]] = {}
    out: list[Assignment] = []
    for unit in units(members):
        candidates: dict[str, Profile] = {}
        for member in unit:
            keys = lookup_keys(member)
            candidates.update((p.id, p) for p in lookup(member, keys))
            for key in keys:
                candidates.update((gid, touched[gid]) for gid in local.get(key, ()))
        candidates.update((gid, touched[gid]) for gid in candidates.keys() & touched.keys())
        best = _best(unit, candidates.values(), threshold)
        if best is None:
            gid, value, profile = group_id_for(unit[0].event_id), 1.0, None
        else:
            gid, value = best
            profile = candidates[gid]
        for member in unit:
            founded = profile is None
            profile = new_profile(gid, member) if profile is None else profile.add(member)
            out.append(Assignment(member.event_id, gid, value, founded))
        assert profile is not None  # a unit is never empty
        touched[gid] = profile
        for key in profile_keys(profile):
            local.setdefault(key, set()).add(gid)
    return out, touched


def units(members: Sequence[Member]) -> list[list[Member]]:
    """Members in grouping order, those of one article, type, sentence and status together."""
    out: dict[tuple[str, str, str, str, str], list[Member]] = {}
    for member in sorted(members, key=member_order):
        key = (member.article_id, member.type, member.sentence, member.polarity, member.modality)
        out.setdefault(key, []).append(member)
    return list(out.values())


def _best(
    unit: Sequence[Member], profiles: Iterable[Profile], threshold: float
) -> tuple[str, float] | None:
    found: tuple[str, float] | None = None
    for profile in sorted(profiles, key=lambda p: p.id):
        values = [v for m in unit if (v := score(m, profile)) is not None]
        value = max(values, default=None)
        if value is not None and value >= threshold and (found is None or value > found[1]):
            found = (profile.id, value)
    return found
