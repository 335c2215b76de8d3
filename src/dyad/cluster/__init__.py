"""Grouping stage: one real happening, many mentions; stories, dyad series, the tracker.

Pure logic on model values (layer 2): it never opens the store. `dyad.tracking` (layer 3)
reads the store, calls these functions and writes their results back.
"""

from __future__ import annotations

from dyad.cluster.grouping import Assignment, assign, group_id_for, member_order, profile_keys
from dyad.cluster.match import Profile, profile_from_json, profile_to_json, score
from dyad.cluster.members import member_of, status_word
from dyad.cluster.status import build_group, status_history
from dyad.cluster.values import (
    Agreement,
    Answer,
    Attendee,
    Demand,
    EventGroup,
    GroupActor,
    Meeting,
    Member,
    MentionStatus,
    Party,
    Proposal,
    SeriesPoint,
    StatusChange,
    Story,
    Threat,
    TimelineEntry,
    Tracker,
)

__all__ = [
    "Agreement",
    "Answer",
    "Assignment",
    "Attendee",
    "Demand",
    "EventGroup",
    "GroupActor",
    "Meeting",
    "Member",
    "MentionStatus",
    "Party",
    "Profile",
    "Proposal",
    "SeriesPoint",
    "StatusChange",
    "Story",
    "Threat",
    "TimelineEntry",
    "Tracker",
    "assign",
    "build_group",
    "group_id_for",
    "member_of",
    "member_order",
    "profile_from_json",
    "profile_keys",
    "profile_to_json",
    "score",
    "status_history",
    "status_word",
]
