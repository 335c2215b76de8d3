"""What a rule handler sees (`Context`) and what it returns (`Resolved`)."""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from dyad.extract.times.calendar import Period
from dyad.extract.times.lexicon import Lexicon
from dyad.extract.times.patterns import Match
from dyad.lexicon import words

NO_DATE = "relative expression and no article date"
YEAR_PREPOSITIONS = frozenset(words("times.context", "year_neighbours"))


@dataclass(frozen=True, slots=True)
class Resolved:
    """A normalised expression, before it gets its span."""

    type: str
    value: str | None
    start: dt.date | None = None
    end: dt.date | None = None
    granularity: str | None = None
    status: str = "exact"
    reason: str | None = None
    period: Period | None = None  # the calendar period, for later anaphora ("that day")
    anchors: bool = True  # may later anaphora count from it? (not from "a year earlier")


def year_back(found: Resolved) -> Resolved:
    """`found`, marked so that later "year-ago" phrases keep counting from the quarter itself."""
    return dataclasses.replace(found, anchors=False)


@dataclass(slots=True)
class Context:
    """The article being read: its text, article date, words, and the last date mentioned."""

    text: str
    ref: dt.date | None
    lexicon: Lexicon
    direction: Callable[[int, int], str]  # (start, end) -> "past" | "future" | "present"...
    token_tag: Callable[[int], tuple[str, str]]  # char offset -> (tag, entity label)
    anchor: Period | None = None
    anchor_end: int = 0  # where the expression giving `anchor` ends
    reported: Period | None = None  # the first past quarter (or half) stated: the one reported on
    past_anchor: Period | None = None  # the last date mentioned that had begun by the article date
    _directions: dict[tuple[int, int], str] = field(default_factory=dict)

    def direction_of(self, match: Match) -> str:
        """The tense direction of the clause governing `match`, computed once."""
        key = (match.start, match.end)
        if key not in self._directions:
            self._directions[key] = self.direction(match.start, match.end)
        return self._directions[key]

    def word_before(self, offset: int) -> str:
        """The lower-case word (or punctuation mark) just before `offset`."""
        before = self.text[max(0, offset - 40) : offset].rstrip()
        if not before:
            return ""
        if not before[-1].isalnum():
            return before[-1]
        return before.split()[-1].lower().strip("\"'(")

    def note(self, found: Resolved, end: int) -> None:
        """Remember `found` as the time later anaphora count from; the first quarter or half
        stated that had ended by the article date stays the period the article reports on
        ("the quarter", "the year-earlier period"), whatever other quarters come up after."""
        period = found.period
        assert period is not None  # the caller checks that `found` anchors
        self.anchor, self.anchor_end = period, end
        if self.ref is not None and period.first <= self.ref:
            self.past_anchor = period
        past = self.ref is not None and period.last < self.ref
        if self.reported is None and period.granularity in ("quarter", "half") and past:
            self.reported = period

    def anchor_or_ref(self, direction: str = "present") -> Period | None:
        """The last date mentioned, else the article date, for "the next day". In a past
        clause, the last date mentioned that had begun by the article date: "A day earlier,
        six were arrested" after "next Tuesday's primary" counts from the day told of before."""
        anchor = self.anchor
        if anchor is not None and direction == "past" and self.ref and anchor.first > self.ref:
            anchor = self.past_anchor
        if anchor is not None:
            return anchor
        return Period("day", self.ref) if self.ref else None


def resolved(
    period: Period, *, type_: str = "date", status: str = "exact", reason: str | None = None
) -> Resolved:
    """A date (or time) that is one calendar period."""
    return Resolved(
        type_, period.value, period.first, period.last, period.granularity, status, reason, period
    )


def unresolved(type_: str, value: str | None, reason: str) -> Resolved:
    """An expression found but not placed on the calendar, and why."""
    return Resolved(type_, value, status="unresolved", reason=reason)


def valid_day(year: int, month: int, day: int) -> dt.date | None:
    """The date, or None when the numbers name no day."""
    if not (1 <= month <= 12 and 1 <= year <= 9999):
        return None
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return dt.date(year, month, day)


def narrowed(base: Resolved, mod: str | None) -> Resolved:
    """Narrow a period to its early, middle or late part ("early 1990s", "the end of May")."""
    if not mod or base.start is None or base.end is None:
        return base
    word = " ".join(mod.lower().split())
    days = (base.end - base.start).days + 1
    third = max(days // 3, 1)
    if word in ("early", "the beginning of", "the start of"):
        start, end = base.start, base.start + dt.timedelta(days=third - 1)
    elif word in ("mid", "the middle of"):
        start, end = base.start + dt.timedelta(days=third), base.end - dt.timedelta(days=third)
    elif word in ("late", "the end of"):
        start, end = base.end - dt.timedelta(days=third - 1), base.end
    else:
        return base
    reason = f"{word} part of {base.value}" if " " not in word else f"{word} {base.value}"
    return Resolved(
        base.type, base.value, start, end, base.granularity, "approximate", reason, base.period
    )


def day_number(text: str) -> int:
    """12 from "12", "12th", "12nd"."""
    return int(re.sub(r"\D", "", text))


def year_number(text: str, ref: dt.date | None) -> int:
    """A four-digit year from "1998" or "98" (two digits: the century nearest the article)."""
    if len(text) == 4:
        return int(text)
    base = (ref.year if ref else 2000) // 100 * 100
    year = base + int(text)
    return year - 100 if ref and year > ref.year + 20 else year
