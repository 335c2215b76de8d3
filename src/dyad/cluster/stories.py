"""Stories: event groups of one developing story, linked through articles and dyads.

Two groups belong to the same story when an article mentions both and they share a
participant (country, or actor when no country is known), or when they share two
participants (the same dyad) and were reported within `STORY_DAYS` of each other. A story is
a connected component of these links; its id is a hash of its earliest group's id, so a
story keeps its id when later groups join it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Sequence
from itertools import combinations

from dyad.cluster.values import EventGroup, Story, TimelineEntry

STORY_DAYS = 30


def participants(group: EventGroup) -> frozenset[str]:
    """The countries (or actor ids) on either side of a group."""
    return frozenset(
        a.country if a.country and a.country != "IGO" else a.id
        for a in (*group.actors, *group.recipients)
    )


def story_keys(group: EventGroup) -> list[tuple[str, int]]:
    """The (dyad key, month) pairs a group's story is found under."""
    seen = group.first_seen or group.date
    if seen is None:
        return []
    month = seen.toordinal() // STORY_DAYS
    pairs = sorted(combinations(sorted(participants(group)), 2))
    return [(f"S|{a}|{b}", m) for a, b in pairs for m in (month - 1, month, month + 1)]


def linked(a: EventGroup, b: EventGroup) -> bool:
    """Whether groups `a` and `b` belong to the same story."""
    shared = participants(a) & participants(b)
    if shared and set(a.article_ids) & set(b.article_ids):
        return True
    if len(shared) < 2:
        return False
    da, db = a.first_seen or a.date, b.first_seen or b.date
    return da is not None and db is not None and abs((da - db).days) <= STORY_DAYS


def founder(groups: Sequence[EventGroup]) -> EventGroup:
    """The earliest group of a story (first seen, then id): it names the story."""
    return min(groups, key=lambda g: (g.first_seen or dt.date.max, g.id))


def story_id_for(groups: Sequence[EventGroup]) -> str:
    """The stable id of the story made of `groups`."""
    return "sto_" + hashlib.sha1(founder(groups).id.encode("utf-8")).hexdigest()[:16]


def components(groups: Sequence[EventGroup]) -> list[list[EventGroup]]:
    """The stories among `groups`: connected components of `linked` (pairwise, small sets)."""
    parent = {g.id: g.id for g in groups}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in combinations(groups, 2):
        if linked(a, b):
            parent[root(a.id)] = root(b.id)
    out: dict[str, list[EventGroup]] = {}
    for g in groups:
        out.setdefault(root(g.id), []).append(g)
    return sorted(out.values(), key=lambda c: founder(c).id)


def build_story(groups: Sequence[EventGroup]) -> Story:
    """The `Story` of `groups`, with its timeline of status changes."""
    countries = Counter(c for g in groups for c in participants(g) for _ in range(g.mentions))
    seen = [d for g in groups for d in (g.first_seen, g.last_seen) if d]
    timeline = sorted(
        (TimelineEntry(c.article_date, g.id, g.type, c.status, c.article_id, g.summary)
         for g in groups for c in g.history),
        key=lambda t: (t.date or dt.date.max, t.article_id, t.group_id),
    )  # fmt: skip
    return Story(
        id=story_id_for(groups),
        title=story_title(groups, countries),
        countries=tuple(c for c, _ in sorted(countries.items(), key=lambda kv: (-kv[1], kv[0]))),
        first_seen=min(seen) if seen else None,
        last_seen=max(seen) if seen else None,
        group_ids=tuple(sorted(g.id for g in groups)),
        article_ids=tuple(sorted({a for g in groups for a in g.article_ids})),
        timeline=tuple(timeline),
    )


def story_title(groups: Sequence[EventGroup], countries: Counter[str]) -> str:
    """ "ETH – ERI (Nairobi)": the two most involved sides and the main place."""
    top = [c for c, _ in sorted(countries.items(), key=lambda kv: (-kv[1], kv[0]))[:2]]
    sides = " – ".join(top) or "unknown sides"
    places = Counter(g.place for g in groups if g.place)
    place = min(places, key=lambda p: (-places[p], p)) if places else None
    return f"{sides} ({place})" if place else sides
