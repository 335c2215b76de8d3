"""The negotiation tracker: meetings, demands and ultimatums, threats, proposals and
agreements, read from the event groups of a story (or of the whole store).

- Meetings gather the reports of one meeting or call, with who attends and who stays away
  (`dyad.grouping.logic.meetings`); a meeting only ever proposed is listed among the proposals.
- Demands (`dyad.grouping.logic.demands`), threats (`...threats`), proposals
  (`...proposals`), agreements, the meeting where each was reached and what came of it
  (`...agreements`).
- Items whose confidence is under `min_confidence` are hidden and counted.
- Only groups of `TRACKED_TYPES` count: the others can be left unread.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from typing import TypeVar

from dyad.grouping.logic.agreements import agreements as find_agreements
from dyad.grouping.logic.attendees import level_of as level_of
from dyad.grouping.logic.demands import demands
from dyad.grouping.logic.later import Later
from dyad.grouping.logic.meetings import gather, is_meeting, meeting_of
from dyad.grouping.logic.proposals import proposals
from dyad.grouping.logic.threats import threat_kind as threat_kind
from dyad.grouping.logic.threats import threats
from dyad.grouping.logic.values import (
    Agreement,
    Demand,
    EventGroup,
    Meeting,
    Proposal,
    Threat,
    Tracker,
)

# The types of group the tracker reads: meetings, demands, threats and what they threaten,
# proposals, agreements, and what answers, carries out or breaks them. It reads no other
# (statements of support, protests), so a store's groups can be read by these alone.
TRACKED_TYPES = frozenset(
    {
        "ACCUSE",
        "AGREE",
        "AID",
        "ASSAULT",
        "COERCE",
        "CONCEDE",
        "CONSULT",
        "COOPERATE",
        "MOBILIZE",
        "REJECT",
        "REQUEST",
        "RETREAT",
        "SANCTION",
        "THREATEN",
    }
)

Item = TypeVar("Item", Meeting, Demand, Threat, Proposal, Agreement)


def tracker(
    groups: Sequence[EventGroup],
    *,
    as_of: dt.date | None,
    story_id: str | None = None,
    min_confidence: float | None = None,
) -> Tracker:
    """The tracker of `groups`, judged on `as_of`; items under `min_confidence` hidden."""
    ordered = sorted(groups, key=_when_key)
    drafts = gather(ordered)
    found_meetings = tuple(meeting_of(d) for d in drafts if is_meeting(d))
    later = Later(ordered)  # the answers to demands, threats and proposals, indexed once
    found_demands, found_threats = demands(ordered, as_of, later), threats(ordered, later)
    found_proposals = proposals(ordered, drafts, later)
    found_agreements = tuple(find_agreements(ordered, found_meetings))
    kept = Tracker(
        story_id=story_id,
        as_of=as_of,
        min_confidence=min_confidence,
        meetings=_confident(found_meetings, min_confidence),
        demands=_confident(found_demands, min_confidence),
        threats=_confident(found_threats, min_confidence),
        proposals=_confident(found_proposals, min_confidence),
        agreements=_confident(found_agreements, min_confidence),
    )
    every = (found_meetings, found_demands, found_threats, found_proposals, found_agreements)
    shown = (kept.meetings, kept.demands, kept.threats, kept.proposals, kept.agreements)
    hidden = sum(len(a) - len(b) for a, b in zip(every, shown, strict=True))
    return dataclasses.replace(kept, hidden=hidden)


def meetings(groups: Sequence[EventGroup]) -> tuple[Meeting, ...]:
    """Every meeting with its dated status history, who attends, and who stays away."""
    return tuple(meeting_of(d) for d in gather(groups) if is_meeting(d))


def _confident(items: Sequence[Item], threshold: float | None) -> tuple[Item, ...]:
    if threshold is None:
        return tuple(items)
    return tuple(i for i in items if i.confidence is None or i.confidence >= threshold)


def _when_key(g: EventGroup) -> tuple[dt.date, str]:
    return (g.date or g.first_seen or dt.date.max, g.id)
