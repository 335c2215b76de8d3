"""Dyad series through the query layer: the number of points is bounded, for every caller."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from dyad.errors import FilterError
from dyad.grouping.logic.series import check_points, period_of

if TYPE_CHECKING:
    from dyad.grouping.logic.values import SeriesPoint
    from dyad.store import Store

MAX_POINTS = 5000  # about 13 years of days, 96 of weeks


def dyad_series(
    store: Store,
    a: str,
    b: str,
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    freq: str = "day",
    count: str = "groups",
    min_confidence: float | None = None,
) -> list[SeriesPoint]:
    """`dyad.grouping.stored.dyad_series`, checked: at most `MAX_POINTS` points, else a
    `FilterError` naming the limit and what to give instead."""
    # Grouping imports the store, which imports `dyad.query.filter`: it loads on the first
    # call, not with this package.
    from dyad.grouping.stored.views import check_series_options
    from dyad.grouping.stored.views import dyad_series as read_series

    check_series_options(freq=freq, count=count)
    if start and end:
        if start > end:
            raise FilterError("date_from", f"date_from {start} is after date_to {end}")
        check_points(period_of(start, freq), period_of(end, freq), freq, MAX_POINTS)
    return read_series(
        store,
        a,
        b,
        start=start,
        end=end,
        freq=freq,
        count=count,
        most=MAX_POINTS,
        min_confidence=min_confidence,
    )
