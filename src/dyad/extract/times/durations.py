"""Handlers for lengths of time and repetitions: a 30-day ceasefire (P30D), the past two
months, several years, every Friday (XXXX-WXX-5), daily (P1D).

A duration is not a date: its `start` and `end` are set only when it is anchored to the
article date ("the past two months" ends on it, "the next 14 months" starts on it).
"""

from __future__ import annotations

import datetime as dt
import re

from dyad.extract.times.calendar import Period, shift
from dyad.extract.times.context import Context, Resolved, resolved
from dyad.extract.times.patterns import Match
from dyad.lexicon import words

TIME_UNITS = {"second": "S", "minute": "M", "hour": "H"}
DATE_UNITS = {"day": "D", "week": "W", "month": "M", "quarter": "Q", "year": "Y"}
LARGE_UNITS = {"decade": 10, "century": 100, "centurie": 100}
SMALLER = {
    "year": (12, "M"),
    "month": (30, "D"),
    "day": (24, "H"),
    "hour": (60, "M"),
    "minute": (60, "S"),
}
SET_ADVERBS = {
    "daily": "P1D",
    "nightly": "P1D",
    "weekly": "P1W",
    "monthly": "P1M",
    "annually": "P1Y",
    "yearly": "P1Y",
    "hourly": "PT1H",
}
BACK = frozenset(words("times.durations", "back"))
AHEAD = frozenset(words("times.durations", "ahead"))
_OLD = re.compile(r"\s+old\b", re.IGNORECASE)
_FROM_NOW = re.compile(r"\s+from\s+(?:now|today)\b", re.IGNORECASE)


def number_of(ctx: Context, text: str) -> float | None:
    """2 from "two", "2" or "a couple of"; 25 from "twenty-five"; None for "several"."""
    words = " ".join(text.lower().replace("-", " ").split())
    if words.replace(".", "", 1).replace(",", "").isdigit():
        return float(words.replace(",", ""))
    if words.endswith(" 1/2") and words[:-4].isdigit():
        return int(words[:-4]) + 0.5
    if words in ctx.lexicon.numbers:
        return ctx.lexicon.numbers[words]
    parts = words.split()
    if len(parts) == 2 and all(p in ctx.lexicon.numbers for p in parts):
        first, second = (ctx.lexicon.numbers[p] for p in parts)
        return first * second if second >= 100 else first + second
    return None


def duration_value(amount: float | None, unit: str) -> str:
    """The TIMEX3 duration: P30D, PT5H, P2Y6M, P10Y (a decade), PXM (several months)."""
    unit = unit.lower()
    if unit in LARGE_UNITS:
        if amount is None:
            return "PXDE" if unit == "decade" else "PXCE"
        amount, unit = amount * LARGE_UNITS[unit], "year"
    if unit == "quarter":  # ISO 8601 durations have no quarters
        amount, unit = (None if amount is None else amount * 3), "month"
    prefix = "PT" if unit in TIME_UNITS else "P"
    code = TIME_UNITS.get(unit) or DATE_UNITS[unit]
    if amount is None:
        return f"{prefix}X{code}"
    whole = int(amount)
    if whole == amount:
        return f"{prefix}{whole}{code}"
    if unit in SMALLER:
        factor, small = SMALLER[unit]
        rest = round((amount - whole) * factor)
        small_prefix = "T" if prefix == "P" and unit == "day" else ""
        head = f"{whole}{code}" if whole else ""
        return f"{prefix}{head}{small_prefix}{rest}{small}"
    return f"{prefix}{amount:g}{code}"


def span_of(
    ref: dt.date | None, amount: float | None, unit: str, rel: str | None
) -> tuple[dt.date | None, dt.date | None]:
    """The days a duration covers when it runs up to or from the article date."""
    if ref is None or rel is None or amount is None:
        return None, None
    unit = unit.lower()
    if unit in TIME_UNITS:
        return ref, ref
    count = int(amount * LARGE_UNITS.get(unit, 1))
    step = "year" if unit in LARGE_UNITS else unit
    rel = " ".join(rel.lower().split())
    if rel in BACK:
        return shift(ref, -count, step), ref
    if rel in AHEAD:
        return ref, shift(ref, count, step)
    return None, None


def duration_over(ctx: Context, amount: float | None, unit: str, rel: str | None) -> Resolved:
    """A duration, anchored to the article date when `rel` says so ("the past year")."""
    start, end = span_of(ctx.ref, amount, unit, rel)
    return Resolved("duration", duration_value(amount, unit), start, end)


def duration(m: Match, ctx: Context) -> Resolved | None:
    """Three years, a 30-day ceasefire, the past two months, in two weeks, $5 a year."""
    unit = m.groups["unit"].lower()
    if m.groups.get("adj", "").lower() == "-old" or _OLD.match(ctx.text, m.end):
        return None  # an age ("a 6-year-old boy", "52 years old"), not a time
    amount = number_of(ctx, m.groups["num"])
    if amount is not None and ("half" in m.groups or "half2" in m.groups):
        amount += 0.5  # "two and a half years", "an hour and a half"
    before = ctx.word_before(m.start)
    if m.groups["num"].lower() in ("a", "an", "per"):
        if before in ("once", "twice", "thrice", "times"):
            return Resolved("set", duration_value(1, unit))
        if _is_rate(ctx, m.start, before):
            return None  # "$5 a year", "four flights a week": a rate, not a time
    if unit == "quarter" and ctx.text.startswith(" of", m.end):
        return None  # "three-quarters of": a fraction
    future = before == "in" and ctx.direction_of(m) != "past" and "dir" not in m.groups
    if (future or _FROM_NOW.match(ctx.text, m.end)) and ctx.ref and amount is not None:
        return _counted_date(ctx.ref, amount, unit)
    return duration_over(ctx, amount, unit, m.groups.get("dir"))


def _is_rate(ctx: Context, start: int, before: str) -> bool:
    if before in ("%", "percent") or before[:1].isdigit():
        return True
    tag, _ = ctx.token_tag(max(start - 2, 0))
    return tag in ("NN", "NNS", "CD", "$")


def _counted_date(ref: dt.date, amount: float, unit: str) -> Resolved:
    """in two weeks: the day that many units after the article date."""
    whole = int(amount)
    if unit in TIME_UNITS:
        return resolved(Period("day", ref), status="approximate", reason="later on the article day")
    step = "year" if unit in LARGE_UNITS else unit
    count = whole * LARGE_UNITS.get(unit, 1)
    granularity = "day" if unit in ("day", "week") else "month" if unit == "month" else "year"
    if unit == "quarter":
        granularity = "quarter"
    day = shift(ref, count, step)
    reason = "counted forward from the article date"
    return resolved(Period.of(granularity, day), status="approximate", reason=reason)


def vague_duration(m: Match, ctx: Context) -> Resolved | None:
    """Several years, the past few weeks, recent months: PXY, PXW, PXM."""
    unit = m.groups["unit"].lower()
    rel = m.groups.get("dir") or ("past" if m.groups.get("q", "").lower() == "recent" else None)
    if m.groups.get("q", "").lower() == "coming":
        rel = "coming"
    value = duration_value(None, unit)
    if ctx.ref is None or rel is None:
        return Resolved("duration", value)
    if " ".join(rel.lower().split()) in BACK:
        return Resolved("duration", value, None, ctx.ref, None, "approximate", "unknown length")
    return Resolved("duration", value, ctx.ref, None, None, "approximate", "unknown length")


def set_(m: Match, ctx: Context) -> Resolved | None:
    """Every Friday, each July, every two weeks, daily, annually."""
    if "adv" in m.groups:
        return Resolved("set", SET_ADVERBS[m.groups["adv"].lower()])
    if "weekday" in m.groups:
        key = m.groups["weekday"].lower()
        number = ctx.lexicon.weekdays.get(key) or ctx.lexicon.weekdays[key.rstrip(".") + "."]
        return Resolved("set", f"XXXX-WXX-{number}")
    if "month" in m.groups:
        key = m.groups["month"].lower()
        number = ctx.lexicon.months.get(key) or ctx.lexicon.months[key.rstrip(".") + "."]
        return Resolved("set", f"XXXX-{number:02d}")
    amount = number_of(ctx, m.groups["num"]) if "num" in m.groups else 1.0
    return Resolved("set", duration_value(amount, m.groups["unit"]))
