"""Tracking a developing story across articles (layer 3): event groups, stories, dyad
series and the negotiation tracker, read from and written to the store.

    store ──update_groups──▶ groups (one happening, many mentions) ──▶ stories
    groups ──▶ dyad_series(a, b) · tracker()
"""

from __future__ import annotations

from dyad.grouping.stored.groups import (
    event_group,
    event_group_record,
    event_groups,
    fill_dyads,
    regroup_all,
    update_groups,
)
from dyad.grouping.stored.stories import stories, story
from dyad.grouping.stored.views import dyad_series, tracker

__all__ = [
    "dyad_series",
    "event_group",
    "event_group_record",
    "event_groups",
    "fill_dyads",
    "regroup_all",
    "stories",
    "story",
    "tracker",
    "update_groups",
]
