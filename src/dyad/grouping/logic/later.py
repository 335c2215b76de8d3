"""The groups that may answer a demand, a threat or a proposal, found by type and date.

The tracker asks, for each demand, threat and proposal, which groups of some types happened
after it. Indexing the groups once by type and date makes each question a slice instead of a
pass over every group of the story (or of the store).
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections.abc import Iterable, Sequence

from dyad.grouping.logic.members import OUTCOME
from dyad.grouping.logic.values import EventGroup, GroupActor

HAPPENED = OUTCOME - {"historical"}
ANY = ""  # the key of every side


class Later:
    """Groups that happened, by type (and by the side of each party), in (date, id) order."""

    def __init__(self, groups: Sequence[EventGroup]) -> None:
        self._dated: dict[tuple[str, str], list[tuple[dt.date, str, EventGroup]]] = {}
        self._undated: dict[tuple[str, str], list[EventGroup]] = {}
        self._parties: dict[str, tuple[set[str], set[str]]] = {}
        for g in groups:
            if g.status not in HAPPENED:
                continue
            by, to = parties(g)
            self._parties[g.id] = (by, to)
            when = g.date or g.first_seen
            for key in [(g.type, ANY), *((g.type, side) for side in by | to)]:
                if when is None:
                    self._undated.setdefault(key, []).append(g)
                else:
                    self._dated.setdefault(key, []).append((when, g.id, g))
        for rows in self._dated.values():
            rows.sort(key=lambda row: row[:2])
        self._days = {key: [row[0] for row in rows] for key, rows in self._dated.items()}

    def of(
        self, types: Iterable[str], start: dt.date | None, sides: Iterable[str] | None = None
    ) -> list[EventGroup]:
        """Groups of `types` dated on or after `start` (every one when `start` is None, the
        undated last), in (date, id) order; only those with a party of `sides` if given."""
        keys = [(t, s) for t in types for s in ([ANY] if sides is None else sides)]
        found: dict[str, tuple[dt.date, str, EventGroup]] = {}
        for key in keys:
            rows = self._dated.get(key, [])
            chosen = rows[bisect_left(self._days[key], start) :] if start and rows else rows
            found.update((row[1], row) for row in chosen)
        ordered = [row[2] for row in sorted(found.values(), key=lambda row: row[:2])]
        if start is None:
            undated = {g.id: g for key in keys for g in self._undated.get(key, ())}
            ordered += sorted(undated.values(), key=_id)
        return ordered

    def parties(self, group: EventGroup) -> tuple[set[str], set[str]]:
        """The sides of a group's actors and recipients (worked out once per group)."""
        return self._parties.get(group.id) or parties(group)


def parties(group: EventGroup) -> tuple[set[str], set[str]]:
    """The sides (country, or the actor of an international body) of actors and recipients."""
    return _sides(group.actors), _sides(group.recipients)


def _sides(actors: Sequence[GroupActor]) -> set[str]:
    return {a.country if a.country and a.country != "IGO" else a.id for a in actors}


def _id(group: EventGroup) -> str:
    return group.id
