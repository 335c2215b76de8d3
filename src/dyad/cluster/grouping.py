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

from dyad.cluster.match import (
    THRESHOLD,
    Profile,
    blocking_keys,
    buckets,
    new_profile,
    score,
    tolerance,
    window,
)
from dyad.cluster.values import Member

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
    weeks = buckets(profile.date_min, profile.date_max, pad=profile.tolerance)
    return [(k, b) for k in keys for b in weeks]


def assign(
    members: Sequence[Member], lookup: Lookup, *, threshold: float = THRESHOLD
) -> tuple[list[Assignment], dict[str, Profile]]:
    """Place each member in a group; return the assignments and the touched profiles."""
    touched: dict[str, Profile] = {}
    local: dict[tuple[str, int], set[str]] = {}
    out: list[Assignment] = []
    for member in sorted(members, key=member_order):
        keys = lookup_keys(member)
        candidates = {p.id: p for p in lookup(member, keys)}
        for key in keys:
            for gid in local.get(key, ()):
                candidates[gid] = touched[gid]
        candidates.update((gid, touched[gid]) for gid in candidates.keys() & touched.keys())
        best = _best(member, candidates.values(), threshold)
        if best is None:
            gid = group_id_for(member.event_id)
            profile = new_profile(gid, member)
            out.append(Assignment(member.event_id, gid, 1.0, True))
        else:
            gid, value = best
            profile = candidates[gid].add(member)
            out.append(Assignment(member.event_id, gid, value, False))
        touched[gid] = profile
        for key in profile_keys(profile):
            local.setdefault(key, set()).add(gid)
    return out, touched


def _best(
    member: Member, profiles: Iterable[Profile], threshold: float
) -> tuple[str, float] | None:
    found: tuple[str, float] | None = None
    for profile in sorted(profiles, key=lambda p: p.id):
        value = score(member, profile)
        if value is not None and value >= threshold and (found is None or value > found[1]):
            found = (profile.id, value)
    return found
