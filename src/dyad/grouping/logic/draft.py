"""A meeting being gathered: the reports of one meeting or call, by kind, with its channel,
sides, dates and place."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from dyad.grouping.logic.attendees import plausible
from dyad.grouping.logic.history import EARLY, EXPLICIT, MEETING_STATUS, meeting_history
from dyad.grouping.logic.values import EventGroup, MentionStatus, StatusChange
from dyad.lexicon import words

PHONE_WORDS = words("grouping.meetings", "phone_words")


@dataclass(slots=True)
class Draft:
    """The reports of one meeting, gathered."""

    channel: str
    groups: list[EventGroup] = field(default_factory=list)  # reports with their own facts
    vague: list[EventGroup] = field(default_factory=list)
    denials: list[EventGroup] = field(default_factory=list)
    sides: set[str] = field(default_factory=set)  # of `groups`, kept as they are added
    dates: list[dt.date] = field(default_factory=list)
    # denials told inside another meeting's report, and this meeting's denials told of another
    moved_in: list[tuple[EventGroup, MentionStatus]] = field(default_factory=list)
    moved_out: set[str] = field(default_factory=set)  # event ids

    def add(self, group: EventGroup) -> None:
        """Add a report with its own facts."""
        self.groups.append(group)
        self.sides |= sides_of(group)
        if group.date:
            self.dates.append(group.date)

    @property
    def place(self) -> str | None:
        return next((g.place for g in (*self.groups, *self.denials) if g.place), None)

    @property
    def early(self) -> bool:
        """Only proposed, scheduled or postponed so far: it may still move."""
        return all(MEETING_STATUS.get(g.status) in EARLY for g in self.groups)

    @property
    def steps(self) -> tuple[StatusChange, ...]:
        if not self.groups and self.denials:  # only known by who will not come: it is on
            c = self.denials[0].history[0]
            return (StatusChange("scheduled", c.article_id, c.article_date, c.event_id, c.source),)
        return meeting_history([*self.groups, *(g for g in self.vague if g.status in EXPLICIT)])

    @property
    def all_groups(self) -> list[EventGroup]:
        return [*self.groups, *self.vague, *self.denials]


def channel_of(group: EventGroup) -> str:
    """ "phone" for a phone or video call, else "in person"."""
    if group.mode == "phone" or any(t.startswith(PHONE_WORDS) for t in group.triggers):
        return "phone"
    return "in person"


def sides_of(group: EventGroup) -> set[str]:
    """The countries (or international bodies) of a group's parties; a person with no known
    country tells nothing about sides."""
    return {
        a.country if a.country and a.country != "IGO" else a.id
        for a in (*group.actors, *group.recipients)
        if plausible(a, group.place) and (a.country or not a.id.startswith("PER:"))
    }
