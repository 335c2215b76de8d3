"""Handlers for expressions read against another time: "the next day", "that morning",
"a year earlier" (from the date mentioned last, else the article date), and deictic words
with no calendar value: now (PRESENT_REF), recently (PAST_REF), the future (FUTURE_REF).
"""

from __future__ import annotations

import datetime as dt

from dyad.extract.times.calendar import GRANULARITIES, Period
from dyad.extract.times.context import (
    NO_DATE,
    Context,
    Resolved,
    resolved,
    unresolved,
    year_back,
)
from dyad.extract.times.durations import duration_value, number_of
from dyad.extract.times.patterns import Match

PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
STEPS = {
    "same": 0,
    "that": 0,
    "following": 1,
    "next": 1,
    "after": 1,
    "later": 1,
    "previous": -1,
    "preceding": -1,
    "before": -1,
    "earlier": -1,
}
REASON = "relative to the date mentioned before"


def anaphoric(m: Match, ctx: Context) -> Resolved | None:
    """The same day, the following week, the day before, two days later, a year earlier."""
    base = ctx.anchor_or_ref(ctx.direction_of(m))
    if base is None:
        return unresolved("date", None, NO_DATE)
    if "unit" in m.groups:
        unit, step, amount = m.groups["unit"].lower(), m.groups["rel"].lower(), 1.0
    elif "unit2" in m.groups:
        unit, step, amount = m.groups["unit2"].lower(), m.groups["dir2"].lower(), 1.0
    else:
        unit, step = m.groups["unit3"].lower(), m.groups["dir"].lower()
        found = number_of(ctx, m.groups["num"])
        if found is None:  # "a few days later": how far is unknown, how long is not
            return Resolved("duration", duration_value(None, unit.rstrip("s")))
        amount = found
    direction = STEPS[step]
    part = PARTS.get(unit)
    unit = "day" if part else unit.rstrip("s")
    if unit in ("hour", "minute", "second"):
        return resolved(Period("day", base.first), status="approximate", reason=REASON)
    count = int(amount) * direction
    granularity = unit if unit in GRANULARITIES else "day"
    vague = _within(base, granularity)
    if vague is not None:
        return vague
    if base.granularity == "quarter" and unit == "year":
        granularity = "quarter"  # "a year earlier", after a quarter: that quarter a year back
    period = Period.of(granularity, base.first).moved(count, unit)
    if part:
        day = period.first
        value = f"{day.isoformat()}T{part}"
        return Resolved("time", value, day, day, "day", "approximate", REASON, period)
    result = resolved(period, status="approximate", reason=REASON)
    return year_back(result) if granularity == "quarter" else result


_UNKNOWN_PART = {  # (granularity asked, granularity of the time told of) -> value suffix
    ("day", "month"): "-XX",
    ("day", "year"): "-XX-XX",
    ("week", "year"): "-WXX",
    ("month", "year"): "-XX",
}


def _within(base: Period, granularity: str) -> Resolved | None:
    """ "That day" when the time told of is a month or a year: a day of it, which one
    unknown ("1998-10-XX"), not its first day."""
    suffix = _UNKNOWN_PART.get((granularity, base.granularity))
    if suffix is None:
        return None
    reason = f"a {granularity} of {base.value}, which one not said"
    return Resolved(
        "date",
        base.value + suffix,
        base.first,
        base.last,
        base.granularity,
        "approximate",
        reason,
        anchors=False,
    )


def reference(m: Match, ctx: Context) -> Resolved | None:
    """Now, currently, recently, the past, the future."""
    value = ctx.lexicon.references[" ".join(m.groups["word"].lower().split())]
    ref = ctx.ref
    start: dt.date | None = ref if value in ("PRESENT_REF", "FUTURE_REF") else None
    end: dt.date | None = ref if value in ("PRESENT_REF", "PAST_REF") else None
    return Resolved("date", value, start, end, None, "approximate", "vague reference")
