"""Calendar periods: a day, week, month, quarter, half, season, year, decade or century.

A `Period` knows its first and last day and its TIMEX3 value ("2025-05-16", "2025-W20",
"2025-05", "2025-Q2", "2025-H1", "2025-SU", "2025", "202", "20"), and can be shifted by a
number of calendar units ("a year earlier" from a quarter is the same quarter a year back).
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

GRANULARITIES: tuple[str, ...] = (
    "day",
    "week",
    "month",
    "quarter",
    "half",
    "season",
    "year",
    "decade",
    "century",
)
SEASON_CODES: dict[str, int] = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}  # first month


def add_months(day: dt.date, months: int) -> dt.date:
    """`day` moved by `months` calendar months, clamped to the end of the target month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    if not dt.MINYEAR <= year <= dt.MAXYEAR:  # as date + timedelta does past the calendar
        raise OverflowError(f"{day} moved by {months} months falls outside the calendar")
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def shift(day: dt.date, amount: int, unit: str) -> dt.date:
    """`day` moved by `amount` units: day, week, month, quarter, half, year, decade, century."""
    if unit == "day":
        return day + dt.timedelta(days=amount)
    if unit in ("week", "weekend"):
        return day + dt.timedelta(weeks=amount)
    months = {"month": 1, "quarter": 3, "half": 6, "season": 12, "year": 12, "decade": 120}
    if unit == "century":
        return add_months(day, amount * 1200)
    return add_months(day, amount * months[unit])


@dataclass(frozen=True, slots=True)
class Period:
    """A calendar period of one granularity; `first` is its first day."""

    granularity: str
    first: dt.date
    season: str | None = None  # "SP", "SU", "FA", "WI" when granularity is "season"

    @staticmethod
    def of(granularity: str, day: dt.date) -> Period:
        """The period of `granularity` that contains `day`."""
        if granularity == "week":
            return Period("week", day - dt.timedelta(days=day.weekday()))
        if granularity == "month":
            return Period("month", day.replace(day=1))
        if granularity == "quarter":
            return Period("quarter", dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1))
        if granularity == "half":
            return Period("half", dt.date(day.year, 1 if day.month <= 6 else 7, 1))
        if granularity == "year":
            return Period("year", dt.date(day.year, 1, 1))
        if granularity in ("decade", "century"):
            size = 10 if granularity == "decade" else 100
            if day.year < size:  # the 0s and the 0th century start before year 1
                raise OverflowError(f"the {granularity} of {day} starts before year 1")
            return Period(granularity, dt.date(day.year - day.year % size, 1, 1))
        if granularity == "season":
            return season_of(day)
        return Period("day", day)

    @property
    def last(self) -> dt.date:
        """The last day of the period."""
        spans = {"day": (0, 0), "week": (0, 6), "month": (1, 0), "quarter": (3, 0)}
        spans |= {"half": (6, 0), "season": (3, 0), "year": (12, 0), "decade": (120, 0)}
        spans |= {"century": (1200, 0)}
        months, days = spans[self.granularity]
        if months == 0:
            return self.first + dt.timedelta(days=days)
        return add_months(self.first, months) - dt.timedelta(days=1)

    @property
    def value(self) -> str:
        """The TIMEX3 value of the period."""
        f = self.first
        if self.granularity == "day":
            return f.isoformat()
        if self.granularity == "week":
            year, week, _ = f.isocalendar()
            return f"{year:04d}-W{week:02d}"
        if self.granularity == "month":
            return f"{f.year:04d}-{f.month:02d}"
        if self.granularity == "quarter":
            return f"{f.year:04d}-Q{(f.month - 1) // 3 + 1}"
        if self.granularity == "half":
            return f"{f.year:04d}-H{1 if f.month <= 6 else 2}"
        if self.granularity == "season":
            year = f.year + 1 if self.season == "WI" else f.year
            return f"{year:04d}-{self.season}"
        if self.granularity == "decade":
            return f"{f.year // 10:03d}"
        if self.granularity == "century":
            return f"{f.year // 100:02d}"
        return f"{f.year:04d}"

    def moved(self, amount: int, unit: str) -> Period:
        """The period of the same granularity `amount` units away."""
        if self.granularity == "season":
            return Period("season", shift(self.first, amount, unit), self.season)
        return Period.of(self.granularity, shift(self.first, amount, unit))


def season_of(day: dt.date) -> Period:
    """The meteorological season holding `day`; winter is named by the year it ends in."""
    code = {12: "WI", 1: "WI", 2: "WI"}.get(day.month) or (
        "SP" if day.month <= 5 else "SU" if day.month <= 8 else "FA"
    )
    return season(code, day.year if day.month != 12 else day.year + 1)


def season(code: str, year: int) -> Period:
    """Season `code` of `year` (winter `year` runs from December of the year before)."""
    month = SEASON_CODES[code]
    first = dt.date(year - 1 if code == "WI" else year, month, 1)
    return Period("season", first, code)


def nearest_weekday(ref: dt.date, weekday: int, direction: str) -> dt.date:
    """The day with ISO `weekday` (1 = Monday) relative to `ref`.

    past: the latest on or before `ref`; future: the earliest on or after `ref`; otherwise
    the nearer of the two, counting days ahead double (news reports the past more often):
    up to two days ahead, else back.
    """
    back = (ref.isoweekday() - weekday) % 7
    ahead = (weekday - ref.isoweekday()) % 7
    if direction == "past":
        return ref - dt.timedelta(days=back)
    if direction == "future" or 2 * ahead < back:
        return ref + dt.timedelta(days=ahead)
    return ref - dt.timedelta(days=back)


def in_direction(period: Period, ref: dt.date, direction: str) -> Period:
    """The yearly `period` (a day, month, quarter, season) of the year that fits `ref` best.

    Of the same period last year, this year and next year, take the one nearest `ref`; but
    when the clause is in the past and that one starts after `ref` (a month) or
    more than a month after it (a longer period), take
    the one before it, and when it is in the future and that one ended more than a month
    before `ref`, the one after it ("in December", said in April: last December).
    """
    return pick_year([period.moved(k, "year") for k in (-1, 0, 1)], ref, direction)


def pick_year(candidates: list[Period], ref: dt.date, direction: str) -> Period:
    """Of one period in consecutive years (in order), the one `in_direction` describes."""
    index = min(range(len(candidates)), key=lambda i: _weighted(candidates[i], ref))
    best = candidates[index]
    slack = max(31, (best.last - best.first).days + 1)  # a quarter just ended is still "the"
    # A month of a past clause has begun by the article date ("In October, she
    # proposed", said in September: last October).
    ahead = 0 if best.granularity == "month" else slack
    if direction == "past" and (best.first - ref).days > ahead and index > 0:
        return candidates[index - 1]
    if direction == "future" and (ref - best.last).days > slack and index + 1 < len(candidates):
        return candidates[index + 1]
    return best


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> dt.date:
    """The `nth` ISO `weekday` of a month (nth = -1: the last one): Thanksgiving is (11, 4, 4)."""
    if nth > 0:
        first = dt.date(year, month, 1)
        offset = (weekday - first.isoweekday()) % 7
        return first + dt.timedelta(days=offset + 7 * (nth - 1))
    last = add_months(dt.date(year, month, 1), 1) - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.isoweekday() - weekday) % 7)


def _weighted(period: Period, ref: dt.date) -> int:
    """Distance from `ref`, periods ahead counting double (news reports the past more often)."""
    return distance(period, ref) * (2 if period.first > ref else 1)


def distance(period: Period, ref: dt.date) -> int:
    """Days between `ref` and the period (0 when the period holds it)."""
    if period.first > ref:
        return (period.first - ref).days
    if period.last < ref:
        return (ref - period.last).days
    return 0
