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
from dyad.grouping.logic.values import EventGroup

HAPPENED = OUTCOME - {"historical"}


class Later:
    """Groups that happened, by type, in (date, id) order."""

    def __init__(self, groups: Sequence[EventGroup]) -> None:
        self._dated: dict[str, list[tuple[dt.date, str, EventGroup]]] = {}
        self._undated: dict[str, list[EventGroup]] = {}
        for g in groups:
            if g.status not in HAPPENED:
                continue
            when = g.date or g.first_seen
            if when is None:
                self._undated.setdefault(g.type, []).append(g)
            else:
                self._dated.setdefault(g.type, []).append((when, g.id, g))
        for rows in self._dated.values():
            rows.sort(key=lambda row: row[:2])
        self._days = {t: [row[0] for row in rows] for t, rows in self._dated.items()}

    def of(self, types: Iterable[str], start: dt.date | None) -> list[EventGroup]:
        """Groups of `types` dated on or after `start` (every one when `start` is None, the
        undated last), in (date, id) order."""
        found: list[tuple[dt.date, str, EventGroup]] = []
        for t in types:
            rows = self._dated.get(t, [])
            found += rows[bisect_left(self._days[t], start) :] if start and rows else rows
        ordered = [row[2] for row in sorted(found, key=lambda row: row[:2])]
        if start is None:
            undated = sorted((g for t in types for g in self._undated.get(t, ())), key=_id)
            ordered += undated
        return ordered


def _id(group: EventGroup) -> str:
    return group.id
