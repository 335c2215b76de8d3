"""Who attends a meeting: which reports say a party comes or stays away, which parties can
attend at all, and at what level they come."""

from __future__ import annotations

import re

from dyad.grouping.logic.members import SENDS
from dyad.grouping.logic.values import Attendee, GroupActor, MentionStatus
from dyad.lexicon import words

ATTENDING = frozenset({"held", "planned"})
ABSENCE = frozenset({"refused", "not held", "negated"})  # someone stays away; not "postponed"
# a denial of these says who stays away ("will not attend"); "will not negotiate" is a stand
PARTICIPATION = words("grouping.attendees", "participation")
NOT_COMING = re.compile(
    r"\b(?:not|n't|never|refus\w*|declin\w*)\s+(?:\w+\s+){0,2}?(?:go|going|attend\w*|come|"
    r"coming|travel\w*|join\w*|take part|participat\w*)\b",
    re.IGNORECASE,
)
HEAD = "head of state or government"
LEVELS = (
    ("deputy", "deputy"),
    ("vice", "deputy"),
    ("president", HEAD),
    ("prime minister", HEAD),
    ("king", HEAD),
    ("chancellor", HEAD),
    ("envoy", "envoy"),
    ("representative", "envoy"),
    ("negotiator", "envoy"),
    ("minister", "minister"),
    ("secretary", "minister"),
    ("ambassador", "ambassador"),
    ("aide", "aide"),
    ("delegation", "delegation"),
)


def reports(s: MentionStatus) -> list[tuple[str, bool]]:
    """(party key, attends?) for one report: held or scheduled participation, or a denial."""
    if s.status in ABSENCE:
        return [(k, False) for k in s.actors] if stays_away(s) else []
    if s.status not in ATTENDING:
        return []
    if s.trigger.startswith(SENDS):  # the sender of a delegation: a person stays away
        sent = [(k, not k.startswith("PER:")) for k in s.actors]
        return [*sent, *((k, True) for k in s.recipients)]
    return [(k, True) for k in (*s.actors, *s.recipients)]


def plausible(actor: GroupActor, place: str | None) -> bool:
    """Whether an actor can attend: resolved, not the media, not the meeting's place."""
    if actor.id.startswith("TXT:") or actor.sector == "media":
        return False
    if actor.country is None and actor.sector is None and not actor.id.startswith("PER:"):
        return False  # "KAMPALA" read as an organisation
    return place is None or actor.name.lower() != place.lower()


def stays_away(report: MentionStatus) -> bool:
    """Whether a denial is about coming ("will not attend", "is not going to Turkey for the
    talks"), not a stand on talking ("we will not negotiate under threats")."""
    return report.trigger.startswith(PARTICIPATION) or bool(NOT_COMING.search(report.evidence))


def level_of(actor: GroupActor) -> str:
    """The level an attendee comes at: head of state or government, minister, envoy..."""
    text = f"{actor.title or ''} {actor.name}".lower()
    for word, level in LEVELS:
        if word in text:
            return level
    return actor.sector or "unknown"


def attendee(actor: GroupActor, article: str, evidence: str, contested: bool) -> Attendee:
    return Attendee(
        actor.id,
        actor.name,
        actor.country,
        level_of(actor),
        actor.title,
        article,
        evidence,
        contested,
    )
