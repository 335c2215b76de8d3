"""Handlers for expressions read against the article date: today, yesterday evening, Friday,
last month, earlier this week, three days ago, the next day, this morning, 10 a.m.

A bare weekday takes the direction of its clause (see `tense`): past, the latest such day on
or before the article date; future, the earliest on or after; otherwise the nearest one.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from dyad.extract.times import absolute
from dyad.extract.times.calendar import Period, nearest_weekday, season, shift
from dyad.extract.times.context import (
    NO_DATE,
    Context,
    Resolved,
    day_number,
    narrowed,
    resolved,
    unresolved,
    year_back,
)
from dyad.extract.times.durations import duration_over, number_of
from dyad.extract.times.patterns import Match

_COMPARISON = re.compile(r"\b(?:compared\s+with|from|than|versus|vs\.|against)\b[^.;]*$", re.I)
DEICTIC_DAYS = {
    "the day before yesterday": -2,
    "yesterday": -1,
    "today": 0,
    "tonight": 0,
    "tomorrow": 1,
    "the day after tomorrow": 2,
}
ANAPHORIC_WEEKDAY = {"the following": 1, "the previous": -1, "the preceding": -1}
_STEP_WAY = {1: "future", -1: "past"}
_CLOCK_REACH = 400  # characters: a clock time takes the day mentioned this close before it
UNIT_GRANULARITY = {
    "second": "day",
    "minute": "day",
    "hour": "day",
    "day": "day",
    "week": "week",
    "weekend": "week",
    "month": "month",
    "quarter": "quarter",
    "year": "year",
    "decade": "decade",
    "century": "century",
    "centurie": "century",
}


def _part_code(ctx: Context, part: str | None) -> str | None:
    return ctx.lexicon.parts_of_day.get(part.lower()) if part else None


def _day(day: dt.date, part: str | None, *, status: str = "exact", reason: str | None = None):
    """A day, or a part of a day ("2025-05-14TEV", a time) when `part` is given."""
    period = Period("day", day)
    if part is None:
        return resolved(period, status=status, reason=reason)
    value = f"{day.isoformat()}T{part}"
    return Resolved("time", value, day, day, "day", status, reason, period)


def deictic(m: Match, ctx: Context) -> Resolved | None:
    word = " ".join(m.groups["word"].lower().split())
    part = _part_code(ctx, m.groups.get("part")) or ("NI" if word == "tonight" else None)
    if ctx.ref is None:
        return unresolved("time" if part else "date", None, NO_DATE)
    return _day(ctx.ref + dt.timedelta(days=DEICTIC_DAYS[word]), part)


def part_of_day(m: Match, ctx: Context) -> Resolved | None:
    """This morning, last night, early this morning, (in) the morning, overnight."""
    if ctx.ref is None:
        return unresolved("time", None, NO_DATE)
    if "overnight" in m.groups:
        reason = "the night before the article date"
        return _day(ctx.ref - dt.timedelta(days=1), "NI", status="approximate", reason=reason)
    rel = " ".join(m.groups["rel"].lower().split())
    part = _part_code(ctx, m.groups["part"])
    if rel == "the":
        if ctx.word_before(m.start) not in ("in", "during", "early", "late"):
            return None
        base = ctx.anchor_or_ref()
        assert base is not None  # the article date is set
        reason = "the day mentioned before"
        return _day(base.first, part, status="approximate", reason=reason)
    back = 1 if rel in ("last", "late last") else 0
    return _day(ctx.ref - dt.timedelta(days=back), part)


def weekday(m: Match, ctx: Context) -> Resolved | None:
    """Friday, last Friday, next Tuesday, Wednesday evening; bare ones by the clause's tense."""
    number = _weekday_number(ctx, m.groups["weekday"])
    part = _part_code(ctx, m.groups.get("part"))
    part = None if part == "MO" else part  # TimeML dates "Thursday morning" as the day
    if ctx.ref is None:
        value = f"XXXX-WXX-{number}" + (f"T{part}" if part else "")
        return unresolved("time" if part else "date", value, NO_DATE)
    rel = " ".join((m.groups.get("rel") or "").lower().split())
    ref = ctx.ref
    if rel in ANAPHORIC_WEEKDAY:  # "the following Monday": after the day told of, not today
        base = ctx.anchor_or_ref()
        assert base is not None  # the article date is set
        step = ANAPHORIC_WEEKDAY[rel]
        day = nearest_weekday(base.first + dt.timedelta(days=step), number, _STEP_WAY[step])
        return _day(day, part, status="approximate", reason="relative to the date mentioned before")
    if rel == "last" or rel == "past":
        return _day(nearest_weekday(ref - dt.timedelta(days=1), number, "past"), part)
    if rel in ("next", "coming"):
        return _day(nearest_weekday(ref + dt.timedelta(days=1), number, "future"), part)
    if rel == "this":
        return _day(nearest_weekday(ref, number, "future"), part)
    direction = ctx.direction_of(m)
    day = nearest_weekday(ref, number, direction)
    if direction in ("past", "future"):
        return _day(day, part, reason=f"{direction} tense of the governing clause")
    reason = "no past or future tense governs it: the nearest such day"
    return _day(day, part, status="approximate", reason=reason)


def weekend(m: Match, ctx: Context) -> Resolved | None:
    """The weekend: the one before the article date in a past clause, else the coming one."""
    if ctx.ref is None:
        return unresolved("date", "XXXX-WXX-WE", NO_DATE)
    direction = ctx.direction_of(m)
    saturday = nearest_weekday(ctx.ref, 6, "past" if direction == "past" else "future")
    week = Period.of("week", saturday)
    end = saturday + dt.timedelta(days=1)
    reason = f"{direction} tense of the governing clause"
    return Resolved("date", f"{week.value}-WE", saturday, end, "week", "approximate", reason)


def _weekday_number(ctx: Context, word: str) -> int:
    key = word.lower()
    return ctx.lexicon.weekdays.get(key) or ctx.lexicon.weekdays[key.rstrip(".") + "."]


_WEEKEND_REL = {"the past": "last", "the last": "last", "the next": "next"}


def relative(m: Match, ctx: Context) -> Resolved | None:
    """Last week, this month, next year, earlier this week, the past year, last summer."""
    unit = m.groups["unit"].lower()
    rel = " ".join(m.groups["rel"].lower().split())
    mod = " ".join((m.groups.get("mod") or "").lower().split()) or None
    if unit == "weekend" and rel in _WEEKEND_REL:
        rel = _WEEKEND_REL[rel]  # "over the past weekend": a weekend, not a length of time
    if rel in ("the past", "the last", "the next") and unit not in ctx.lexicon.seasons:
        return duration_over(ctx, 1.0, unit, rel)
    base = ctx.anchor_or_ref() if rel == "the same" else None
    if ctx.ref is None and base is None:
        return unresolved("date", None, NO_DATE)
    if unit == "year" and rel == "last" and _compares_with_quarter(m, ctx):
        reason = "compared with last year after a quarter: that quarter a year back"
        assert ctx.anchor is not None  # checked by _compares_with_quarter
        found = resolved(ctx.anchor.moved(-1, "year"), status="approximate", reason=reason)
        return year_back(found)
    period = _relative_period(ctx, unit, rel, base)
    if unit == "weekend":
        saturday = period.first + dt.timedelta(days=5)
        value = f"{period.value}-WE"
        found = Resolved("date", value, saturday, saturday + dt.timedelta(days=1), "week")
    else:
        found = resolved(period)
    if rel == "the same":
        return dataclasses.replace(found, status="approximate", reason="anaphoric")
    return _modified(found, mod, ctx.ref)


def _compares_with_quarter(m: Match, ctx: Context) -> bool:
    """ "up 13% from last year's $1.55 billion", in a story about a quarter."""
    if ctx.anchor is None or ctx.anchor.granularity != "quarter" or m.groups.get("mod"):
        return False
    before = ctx.text[max(0, m.start - 60) : m.start]
    return bool(_COMPARISON.search(before)) or ctx.text.startswith("'s", m.end)


def _relative_period(ctx: Context, unit: str, rel: str, base: Period | None) -> Period:
    ref = base.first if base is not None else ctx.ref
    assert ref is not None  # checked by the caller
    step = {"last": -1, "past": -1, "previous": -1, "the previous": -1, "next": 1}
    step |= {"coming": 1, "the coming": 1}
    amount = step.get(rel, 0)
    if unit in ctx.lexicon.seasons:
        code = ctx.lexicon.seasons[unit]
        current = season(code, ref.year)
        if amount < 0:
            return current if current.last < ref else current.moved(-1, "year")
        if amount > 0:
            return current if current.first > ref else current.moved(1, "year")
        return current
    granularity = UNIT_GRANULARITY[unit]
    return Period.of(granularity, ref).moved(amount, "week" if unit == "weekend" else unit)


def _modified(found: Resolved, mod: str | None, ref: dt.date | None) -> Resolved:
    """earlier this week: up to the article date; later this month: from it."""
    if mod is None or found.start is None or found.end is None or ref is None:
        return found
    if mod == "earlier":
        end = min(found.end, ref)
        reason = "earlier part of the period, up to the article date"
        return dataclasses.replace(found, end=end, status="approximate", reason=reason)
    if mod in ("later", "the rest of"):
        start = max(found.start, ref)
        reason = "later part of the period, from the article date"
        return dataclasses.replace(found, start=start, status="approximate", reason=reason)
    return narrowed(found, mod)


def ago(m: Match, ctx: Context) -> Resolved | None:
    """Three days ago, two years ago, a few weeks ago."""
    unit = m.groups["unit"].lower()
    amount = number_of(ctx, m.groups["num"])
    granularity = UNIT_GRANULARITY[unit]
    if ctx.ref is None:
        return unresolved("date", None, NO_DATE)
    if amount is None:
        return _vague_past(ctx.ref, granularity)
    whole = int(amount)
    if unit == "year" and ctx.anchor is not None and ctx.anchor.granularity == "quarter":
        reason = "the quarter mentioned before, that many years back"
        found = resolved(ctx.anchor.moved(-whole, "year"), status="approximate", reason=reason)
        return year_back(found)
    day = shift(ctx.ref, -whole, "day" if unit in ("hour", "minute", "second") else unit)
    if unit in ("hour", "minute", "second"):
        day = ctx.ref
    status = "exact" if whole == amount else "approximate"
    reason = "counted back from the article date"
    return resolved(Period.of(granularity, day), status=status, reason=reason)


def _vague_past(ref: dt.date, granularity: str) -> Resolved:
    value = {"year": f"{ref.year // 10}X", "decade": f"{ref.year // 100}X"}.get(
        granularity, "PAST_REF"
    )
    return Resolved("date", value, None, ref, None, "approximate", "an unknown number back")


def clock(m: Match, ctx: Context) -> Resolved | None:
    """10 a.m., 3:30 p.m. EDT Thursday, noon, midnight: a time on a day."""
    if "word" in m.groups:
        word = m.groups["word"].lower()
        hour, minute = (24, 0) if word == "midnight" else (12, 0)
    elif "h2" in m.groups:  # "4 in the morning", "7:30 in the evening"
        hour, minute = int(m.groups["h2"]), int(m.groups.get("mi2", "0"))
        if m.groups["inpart"].lower() != "morning" and hour < 12:
            hour += 12
    else:
        hour, minute = int(m.groups["h"]) % 12, int(m.groups.get("mi", "0"))
        if m.groups["ampm"].lower().startswith("p"):
            hour += 12
    if hour > 24:
        return None
    day = _clock_day(m, ctx)
    if day is None:
        return unresolved("time", f"XXXX-XX-XXT{hour:02d}:{minute:02d}", NO_DATE)
    value = f"{day.isoformat()}T{hour:02d}:{minute:02d}"
    dated = "day" in m.groups or "day2" in m.groups
    reason = None if dated else "the day of the article"
    if not dated and day != ctx.ref:
        reason = "the day mentioned before"
    status = "exact" if dated else "approximate"
    return Resolved("time", value, day, day, "day", status, reason, Period("day", day))


def _clock_day(m: Match, ctx: Context) -> dt.date | None:
    if ctx.ref is None:
        return None
    word = (m.groups.get("day") or m.groups.get("day2") or "").lower()
    if "month" in m.groups:
        month = absolute.month_number(ctx, m.groups["month"])
        found = absolute.day_in_year(ctx, m, month, day_number(m.groups["d"]))
        return found.start if found else None
    if word in DEICTIC_DAYS:
        return ctx.ref + dt.timedelta(days=DEICTIC_DAYS[word])
    if word:
        return nearest_weekday(ctx.ref, _weekday_number(ctx, word), ctx.direction_of(m))
    near = m.start - ctx.anchor_end < _CLOCK_REACH
    if ctx.anchor is not None and ctx.anchor.granularity == "day" and near:
        return ctx.anchor.first
    return ctx.ref
