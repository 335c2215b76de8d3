"""Grouping logic: one real happening, many mentions; stories, dyad series, the tracker.

Pure logic on model values (layer 2): it never opens the store. `dyad.grouping.stored`
(layer 3) reads the store, calls these functions and writes their results back; the Spark
job (`dyad.spark.grouping`) calls them on executors. Both use only the names below.
"""

from __future__ import annotations

from dyad.grouping.logic.assignment import (
    Assignment,
    assign,
    group_id_for,
    lookup_keys,
    member_order,
    profile_keys,
)
from dyad.grouping.logic.match import (
    Profile,
    new_profile,
    profile_from_json,
    profile_to_json,
    score,
)
from dyad.grouping.logic.members import member_from_record, member_of, status_word
from dyad.grouping.logic.series import group_dyads, member_dyads
from dyad.grouping.logic.status import build_group, status_history
from dyad.grouping.logic.values import (
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
    "group_dyads",
    "group_id_for",
    "lookup_keys",
    "member_dyads",
    "member_from_record",
    "member_of",
    "member_order",
    "new_profile",
    "profile_from_json",
    "profile_keys",
    "profile_to_json",
    "score",
    "status_history",
    "status_word",
]
