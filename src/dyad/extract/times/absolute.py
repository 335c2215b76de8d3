"""Handlers for calendar expressions: dates, months, years, decades, quarters, seasons, feasts.

Each handler takes the rule's `Match` and the `Context` and returns a `Resolved`, or None
when the words turn out not to be a time expression ("May" the modal, "1998 cars").
A missing year is taken from the article date, moved back or ahead by the clause's tense.
"""

from __future__ import annotations

import datetime as dt
import re

from dyad.extract.times.calendar import Period, in_direction, nth_weekday, pick_year, season
from dyad.extract.times.context import (
    NO_DATE,
    YEAR_PREPOSITIONS,
    Context,
    Resolved,
    day_number,
    narrowed,
    resolved,
    unresolved,
    valid_day,
    year_back,
    year_number,
)
from dyad.extract.times.patterns import Match
from dyad.lexicon import words

_FISCAL_YEAR = re.compile(r"\s+(?:ended|ending|that\s+ended|to)\b", re.IGNORECASE)
COUNT_LABELS = frozenset({"CARDINAL", "QUANTITY", "MONEY", "PERCENT", "ORDINAL"})
AMBIGUOUS_PREPOSITIONS = frozenset({"about", "around", "than", "as", "of", "to", "from", "and"})
_WORD_AFTER = re.compile(r" [A-Za-z]")
_PLURAL_NOUN = re.compile(r"\s+(?!(?:was|has|is|as|its|this|his|thus|always)\b)[a-z]+s\b")
MONTH_WORDS_ALSO_WORDS = frozenset(words("times.absolute", "month_words_also_words"))


def month_number(ctx: Context, word: str) -> int:
    """5 for "May", "may" or "Aug." without its dot."""
    return ctx.lexicon.months.get(word.lower()) or ctx.lexicon.months[word.lower() + "."]


def iso_date(m: Match, ctx: Context) -> Resolved | None:
    day = valid_day(int(m.groups["y"]), int(m.groups["m"]), int(m.groups["d"]))
    return resolved(Period("day", day)) if day else None


def numeric_date(m: Match, ctx: Context) -> Resolved | None:
    """12/05/2025: month/day unless only day/month is a date; near the article date wins."""
    a, b = int(m.groups["a"]), int(m.groups["b"])
    year = year_number(m.groups["y"], ctx.ref)
    readings = [d for d in (valid_day(year, a, b), valid_day(year, b, a)) if d]
    if not readings:
        return None
    if len(set(readings)) == 1:
        return resolved(Period("day", readings[0]))
    ref = ctx.ref
    best = min(readings, key=lambda d: abs((d - ref).days)) if ref else readings[0]
    reason = "day and month order ambiguous; " + (
        "took the reading nearest the article date" if ref else "read as month/day"
    )
    return resolved(Period("day", best), status="approximate", reason=reason)


def day_in_year(ctx: Context, m: Match, month: int, day: int) -> Resolved | None:
    """A day of a month with no year: the article's year, moved by the clause's tense."""
    if "y" in m.groups:
        date = valid_day(year_number(m.groups["y"], ctx.ref), month, day)
        return resolved(Period("day", date)) if date else None
    if ctx.ref is None:
        return unresolved("date", f"XXXX-{month:02d}-{day:02d}", NO_DATE)
    days = [valid_day(ctx.ref.year + k, month, day) for k in (-2, -1, 0, 1, 2)]
    candidates = [Period("day", d) for d in days if d]
    if not candidates:
        return None
    rel = (m.groups.get("rel") or "").lower()
    if rel == "last":
        return resolved([p for p in candidates if p.first < ctx.ref][-1])
    if rel == "next":
        return resolved(next(p for p in candidates if p.first > ctx.ref))
    period = pick_year(candidates, ctx.ref, ctx.direction_of(m))
    return resolved(period, reason="year from the article date")


def month_day(m: Match, ctx: Context) -> Resolved | None:
    return day_in_year(ctx, m, month_number(ctx, m.groups["month"]), day_number(m.groups["d"]))


day_month = month_day


def week_of(m: Match, ctx: Context) -> Resolved | None:
    """The week of March 6: the week holding that day."""
    day = month_day(m, ctx)
    if day is None or day.start is None:
        return day
    return resolved(Period.of("week", day.start), status=day.status, reason=day.reason)


def month_day_range(m: Match, ctx: Context) -> Resolved | None:
    """May 15-20, May 15 to June 2: a range of days."""
    month = month_number(ctx, m.groups["month"])
    month2 = month_number(ctx, m.groups["month2"]) if "month2" in m.groups else month
    first = day_in_year(ctx, m, month, day_number(m.groups["d1"]))
    if first is None or first.start is None:
        return first
    last = valid_day(first.start.year, month2, day_number(m.groups["d2"]))
    if last is None or last < first.start:
        return None
    value = f"{first.start.isoformat()}/{last.isoformat()}"
    return Resolved("range", value, first.start, last, "day", first.status, first.reason)


def month_year(m: Match, ctx: Context) -> Resolved | None:
    month = month_number(ctx, m.groups["month"])
    period = Period("month", dt.date(int(m.groups["y"]), month, 1))
    return narrowed(resolved(period), m.groups.get("mod"))


def month_rel_year(m: Match, ctx: Context) -> Resolved | None:
    """April next year, February this year."""
    if ctx.ref is None:
        return unresolved("date", None, NO_DATE)
    step = {"last": -1, "this": 0, "next": 1}[m.groups["rel"].lower()]
    first = dt.date(ctx.ref.year + step, month_number(ctx, m.groups["month"]), 1)
    return resolved(Period("month", first))


def month(m: Match, ctx: Context) -> Resolved | None:
    """A bare month ("in April", "last October"), if it is a month at all."""
    word = m.groups["month"]
    if not m.groups.get("rel") and not m.groups.get("mod") and not _is_month_word(m, ctx, word):
        return None
    number = month_number(ctx, word)
    if ctx.ref is None:
        return unresolved("date", f"XXXX-{number:02d}", NO_DATE)
    period = Period("month", dt.date(ctx.ref.year, number, 1))
    rel = (m.groups.get("rel") or "").lower()
    if rel in ("last", "past"):
        period = period if period.last < ctx.ref else period.moved(-1, "year")
    elif rel in ("next", "coming"):
        period = period if period.first > ctx.ref else period.moved(1, "year")
    elif not rel:
        period = in_direction(period, ctx.ref, _month_direction(m, ctx))
    return narrowed(resolved(period, reason="year from the article date"), m.groups.get("mod"))


LIMIT_WORDS = frozenset({"until", "till", "by"})


def _month_direction(m: Match, ctx: Context) -> str:
    """The tense of the month's clause; a limit set in the past ("gave him until
    mid-November") may still lie ahead."""
    direction = ctx.direction_of(m)
    if direction == "past" and ctx.word_before(m.start) in LIMIT_WORDS:
        return "present"
    return direction


def _is_month_word(m: Match, ctx: Context, word: str) -> bool:
    tag, _ = ctx.token_tag(m.end - 1)
    if tag == "MD" or tag.startswith("VB"):
        return False
    if word.lower() not in ctx.lexicon.months:
        return False  # "Jan" with no dot and no day is a name more often than a month
    if word.lower().rstrip(".") not in MONTH_WORDS_ALSO_WORDS:
        return tag.startswith("NNP") or ctx.word_before(m.start) in YEAR_PREPOSITIONS
    return ctx.word_before(m.start) in YEAR_PREPOSITIONS and (tag.startswith("NN") or not tag)


def year(m: Match, ctx: Context) -> Resolved | None:
    """A year ("in 1998", "fiscal 1989"), when the context says it is one."""
    said = ctx.text[m.start : m.end].lower()
    explicit = bool(m.groups.get("fiscal") or m.groups.get("mod")) or said.startswith("the year")
    tag, label = ctx.token_tag(m.end - 1)
    said_as_year = label == "DATE" or ctx.word_before(m.start) in YEAR_PREPOSITIONS
    if not (explicit or said_as_year or _names_a_year(ctx, m)):
        return None
    if not explicit and (label in COUNT_LABELS or _counts_things(ctx, m)):
        return None  # "about 2000 troops": a number
    if tag and tag not in ("CD", "NNP", "NN", "JJ"):
        return None  # (no tag at all: a doc without a tagger, trust the context words)
    period = Period("year", dt.date(int(m.groups["y"]), 1, 1))
    if m.groups.get("fiscal"):
        reason = "fiscal year; the calendar year's dates"
        return resolved(period, status="approximate", reason=reason)
    return narrowed(resolved(period), m.groups.get("mod"))


def _names_a_year(ctx: Context, m: Match) -> bool:
    """ "the 1967 war", "the 2008 financial crisis": a year between "the" and the singular
    thing it dates (not "the 2000 troops", a count)."""
    if ctx.word_before(m.start) != "the" or _PLURAL_NOUN.match(ctx.text, m.end):
        return False
    return bool(_WORD_AFTER.match(ctx.text, m.end))


def _counts_things(ctx: Context, m: Match) -> bool:
    """ "as 2000 troops", "than 1500 people": a preposition that also counts, then a plural."""
    if ctx.word_before(m.start) not in AMBIGUOUS_PREPOSITIONS:
        return False
    return bool(_PLURAL_NOUN.match(ctx.text, m.end))


def spelled_year(m: Match, ctx: Context) -> Resolved | None:
    """Nineteen ninety-six, twenty oh five, two thousand (broadcast transcripts)."""
    if "thousand" in m.groups:
        rest = m.groups.get("rest2")
        year_ = 2000 + (int(ctx.lexicon.numbers[rest.lower()]) if rest else 0)
    else:
        words = m.groups["rest"].lower().replace("-", " ").split()
        words = [w for w in words if w != "oh"]
        rest_value = sum(int(ctx.lexicon.numbers[w]) for w in words)
        year_ = (19 if m.groups["century"].lower() == "nineteen" else 20) * 100 + rest_value
    return resolved(Period("year", dt.date(year_, 1, 1)))


def decade(m: Match, ctx: Context) -> Resolved | None:
    """The 1990s, the '80s, the early 1990s."""
    if "y" in m.groups:
        first_year = int(m.groups["y"]) * 10
    else:
        digit = int(m.groups["yy"])
        century = 2000 if ctx.ref and digit * 10 <= ctx.ref.year % 100 and digit < 3 else 1900
        first_year = century + digit * 10
    return narrowed(resolved(Period("decade", dt.date(first_year, 1, 1))), m.groups.get("mod"))


def century(m: Match, ctx: Context) -> Resolved | None:
    """The 21st century: 2000-2099, TIMEX3 value "20"."""
    first = dt.date((int(m.groups["n"]) - 1) * 100 or 1, 1, 1)
    return narrowed(resolved(Period("century", first)), m.groups.get("mod"))


def quarter(m: Match, ctx: Context) -> Resolved | None:
    """The third quarter (of 1998), third-quarter, the latest quarter, the first half."""
    unit = m.groups["unit"].lower()
    rel = (m.groups.get("rel") or "").lower()
    if "ord" in m.groups:
        number = ctx.lexicon.ordinals[m.groups["ord"].lower()]
        if unit == "half" and number > 2:
            return None
        months = 3 if unit == "quarter" else 6
        year_ = m.groups.get("y") or m.groups.get("y0")
        if year_:
            first = dt.date(int(year_), (number - 1) * months + 1, 1)
            return resolved(Period(unit, first))
        if "ago" in m.groups and ctx.ref is not None:
            period = Period(unit, dt.date(ctx.ref.year - 1, (number - 1) * months + 1, 1))
            return year_back(resolved(period, reason="the same quarter a year before"))
        if ctx.ref is None:
            return unresolved("date", f"XXXX-{unit[0].upper()}{number}", NO_DATE)
        period = Period(unit, dt.date(ctx.ref.year, (number - 1) * months + 1, 1))
        direction = ctx.direction_of(m)
        period = in_direction(period, ctx.ref, direction)
        if direction == "past" and period.first > ctx.ref:
            period = period.moved(-1, "year")  # results are reported for quarters begun
        return resolved(period)
    return _relative_quarter(m, ctx, unit, rel)


def _relative_quarter(m: Match, ctx: Context, unit: str, rel: str) -> Resolved | None:
    if ctx.ref is None:
        return unresolved("date", f"XXXX-{unit[0].upper()}X", NO_DATE)
    if rel == "last" and "y" in m.groups:  # "the last half of 1989": its second half
        return resolved(Period.of(unit, dt.date(int(m.groups["y"]), 12, 1)))
    current = Period.of(unit, ctx.ref)
    if rel == "current":
        return resolved(current)
    known = ctx.reported or ctx.anchor
    if rel in ("same", "year-ago", "year-earlier") and known is not None:
        base = Period.of(unit, known.first)
        if rel == "same":
            return resolved(base, status="approximate", reason="the period mentioned before")
        reason = "a year before the period mentioned"
        return year_back(resolved(base.moved(-1, "year"), reason=reason))
    previous = current.moved(-1, unit)
    if rel in ("year-ago", "year-earlier", "same"):
        reason = "a year before the last full period"
        return resolved(previous.moved(-1, "year"), status="approximate", reason=reason)
    return resolved(previous, status="approximate", reason="the last full period")


def the_period(m: Match, ctx: Context) -> Resolved | None:
    """The quarter, the period, the year-ago period, the year: the period being reported on.

    In earnings news "the quarter" is the quarter mentioned last, else the last full one;
    "the year" is the article's year.
    """
    unit = m.groups.get("unit", "period").lower()
    rel = (m.groups.get("rel") or m.groups.get("rel2") or "").lower()
    if ctx.ref is None:
        return unresolved("date", None, NO_DATE)
    if "year_end" in m.groups:  # "by year-end": the end of this year; "since year-end": last
        back = 1 if ctx.word_before(m.start) == "since" or ctx.direction_of(m) == "past" else 0
        period = Period.of("year", ctx.ref).moved(-back, "year")
        return narrowed(resolved(period), "the end of")
    back = 1 if rel.startswith("year-") else 0
    if unit == "year" and _FISCAL_YEAR.match(ctx.text, m.end):
        return Resolved("duration", "P1Y")  # "the year ended March 31": a fiscal year
    if "unit2" in m.groups:
        base = _reported_quarter(ctx)
        period = Period("quarter", base.first.replace(year=int(m.groups["y"])))
        return resolved(period, status="approximate", reason="the quarter reported on")
    if unit in ("year", "month"):
        period = Period.of(unit, ctx.ref).moved(-back, "year")
        return narrowed(resolved(period, reason="the article's year"), m.groups.get("mod"))
    base = _reported_quarter(ctx)
    reason = "the period reported on: the one mentioned before, else the last full quarter"
    found = resolved(base.moved(-back, "year"), status="approximate", reason=reason)
    return year_back(found) if back else found


def period_year_back(m: Match, ctx: Context) -> Resolved | None:
    """The corresponding period last year, last year's quarter, the quarter a year ago: the
    quarter reported on, a year back."""
    if ctx.ref is None:
        return unresolved("date", None, NO_DATE)
    reason = "the period reported on, a year back"
    found = resolved(_reported_quarter(ctx).moved(-1, "year"), status="approximate", reason=reason)
    return year_back(found)


def _reported_quarter(ctx: Context) -> Period:
    if ctx.reported is not None:
        return ctx.reported
    if ctx.anchor is not None and ctx.anchor.granularity in ("quarter", "half"):
        return ctx.anchor
    assert ctx.ref is not None  # checked by the callers
    return Period.of("quarter", ctx.ref).moved(-1, "quarter")


def season_(m: Match, ctx: Context) -> Resolved | None:
    """This summer, last fall, the spring of 1998 ("fall" the verb is not a season)."""
    rel = (m.groups.get("rel") or "").lower()
    tag, _ = ctx.token_tag(m.end - 1)
    doubtful = not tag.startswith("NN") or (not rel and "y" not in m.groups)
    if doubtful and ctx.word_before(m.start) not in ("in", "during", "since", "until", "by", "of"):
        return None
    code = ctx.lexicon.seasons[m.groups["season"].lower()]
    if "y" in m.groups:
        return resolved(season(code, int(m.groups["y"])))
    if ctx.ref is None:
        return unresolved("date", f"XXXX-{code}", NO_DATE)
    period = season(code, ctx.ref.year)
    if rel in ("last", "past"):
        period = period if period.last < ctx.ref else period.moved(-1, "year")
    elif rel in ("next", "coming"):
        period = period if period.first > ctx.ref else period.moved(1, "year")
    elif rel != "this":
        period = in_direction(period, ctx.ref, ctx.direction_of(m))
    mod = rel if rel in ("early", "late", "mid") else None
    return narrowed(resolved(period, reason="year from the article date"), mod)


def fixed_day(m: Match, ctx: Context) -> Resolved | None:
    """Christmas, Thanksgiving: a feast day, its year by "last"/"next" or by tense."""
    word = " ".join(m.groups["word"].lower().split())
    if ctx.ref is None:
        return unresolved("date", None, NO_DATE)
    years = range(ctx.ref.year - 2, ctx.ref.year + 3)
    days = [Period("day", _feast(ctx, word, y)) for y in years]
    rel = (m.groups.get("rel") or "").lower()
    if rel == "last":
        period = [p for p in days if p.first < ctx.ref][-1]
    elif rel == "next":
        period = next(p for p in days if p.first > ctx.ref)
    else:
        period = pick_year(days[1:4], ctx.ref, ctx.direction_of(m))
    return resolved(period, reason="year from the article date")


def _feast(ctx: Context, word: str, year: int) -> dt.date:
    if word in ctx.lexicon.fixed_days:
        month_, day = ctx.lexicon.fixed_days[word]
        return dt.date(year, month_, day)
    month_, weekday, nth = ctx.lexicon.floating_days[word]
    return nth_weekday(year, month_, weekday, nth)


def needs_knowledge(m: Match, ctx: Context) -> Resolved | None:
    """Ramadan, Easter, the anniversary of the coup: refused, not guessed."""
    if "word" in m.groups:
        reason = f"{m.groups['word']!r} needs a lunar or religious calendar or a country's"
        return unresolved("date", None, reason + " holidays; not resolved")
    return unresolved("date", None, "an anniversary needs the date of the event it refers to")
