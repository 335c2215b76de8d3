"""Views over the store's groups: dyad series and the negotiation tracker."""

from __future__ import annotations

import dataclasses
import datetime as dt

from dyad.errors import DyadError, FilterError
from dyad.grouping.logic import SeriesPoint
from dyad.grouping.logic.members import NEGATIVE
from dyad.grouping.logic.series import COUNTS, FREQS, SYMMETRIC_SIDES, series_of_rows
from dyad.grouping.logic.tracker import TRACKED_TYPES
from dyad.grouping.logic.tracker import tracker as build_tracker
from dyad.grouping.logic.values import Tracker
from dyad.grouping.stored.whole import whole_groups
from dyad.resolve.confidence import load_calibration
from dyad.store import Store

# Groups a tracker is built from, the newest of a story or of the store: building it costs
# more than linear time (8,000 groups 2 s, 37,000 groups 30 s on a store of copies).
TRACKER_LIMIT = 2_000


def dyad_series(
    store: Store,
    a: str,
    b: str,
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    freq: str = "day",
    count: str = "groups",
    most: int | None = None,
    min_confidence: float | None = None,
) -> list[SeriesPoint]:
    """Counts by type and QuadClass and the mean score per period between `a` and `b`.

    `a`, `b`: actor ids ("PER:vladimir_putin", "GOV:RUS") or ISO alpha-3 countries. Counts
    event groups (one per happening) by default; `count="mentions"` counts every mention.
    Read from the store's dyad tables (each group and member under each pair of names it
    involves), by date: the cost follows the pair's events in the window, not the store.
    More than `most` points raise `FilterError` (`dyad.query.dyad_series` bounds them).
    Events under `min_confidence` (doubtful) are left out.
    """
    check_series_options(freq=freq, count=count)
    rows = store.dyad_rows(
        _party(a),
        _party(b),
        start=_iso(start),
        end=_iso(end),
        count=count,
        skip_status=NEGATIVE,
        joint_types=SYMMETRIC_SIDES,
        min_confidence=min_confidence,
    )
    return series_of_rows(rows, start=start, end=end, freq=freq, most=most)


def check_series_options(*, freq: str, count: str) -> None:
    """`FilterError` naming `freq` or `count` unless each is one of those allowed."""
    for name, value, allowed in (("freq", freq, FREQS), ("count", count, COUNTS)):
        if value not in allowed:
            raise FilterError(name, f"{name} {value!r} is not one of {', '.join(allowed)}")


def tracker(
    store: Store,
    *,
    story_id: str | None = None,
    min_confidence: float | None = None,
    doubtful: bool = False,
) -> Tracker:
    """Meetings, demands, threats, proposals and agreements of one story, or of the store.

    Built from the newest `TRACKER_LIMIT` groups (by last seen) of the types the tracker
    reads (`TRACKED_TYPES`); when there are more, `Tracker.truncated` says so and
    `Tracker.since` gives the oldest last-seen date read. Items under `min_confidence`
    (None: the calibration file's threshold) are hidden and counted in `Tracker.hidden`,
    unless `doubtful` is true.
    """
    if story_id is not None:
        record = store.story_record(story_id)
        if record is None:
            raise DyadError(f"no story {story_id!r} in the store: `dyad story` lists them")
        story_id = record["id"]
        as_of = dt.date.fromisoformat(record["last_seen"]) if record["last_seen"] else None
    else:
        as_of = store.latest_article_date()
    records = store.group_records(story_id=story_id, types=TRACKED_TYPES, limit=TRACKER_LIMIT + 1)
    groups = whole_groups(store, records[:TRACKER_LIMIT])
    if doubtful:
        threshold = None
    elif min_confidence is None:
        threshold = load_calibration().threshold
    else:
        threshold = min_confidence
    found = build_tracker(groups, as_of=as_of, story_id=story_id, min_confidence=threshold)
    truncated = len(records) > TRACKER_LIMIT
    since = min((g.last_seen for g in groups if g.last_seen), default=None) if truncated else None
    return dataclasses.replace(found, groups=len(groups), truncated=truncated, since=since)


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _party(value: str) -> str:
    """ISO alpha-3 codes are upper-cased ("eth" -> "ETH"); actor ids stay as written."""
    return value.upper() if len(value) == 3 and value.isalpha() else value
