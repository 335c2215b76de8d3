"""Find time expressions in an article and normalise them against its date (TIMEX3-style).

    find_times(doc, article_date) -> tuple[TimeExpression, ...]

A small grammar (`patterns`) finds candidates in the text in a few regex passes; one handler
per rule (`absolute`, `relative`, `durations`, `anaphora`) turns each into a value, reading
the parse only where the tense of the governing clause matters (`tense`). No general date
parser runs, so the cost per expression is bounded; expressions that need knowledge of the
world ("last Ramadan", "the anniversary of the coup") come out with status "unresolved".
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from dyad.deadline import check
from dyad.doctext import doc_text
from dyad.extract.times import absolute, anaphora, durations, relative
from dyad.extract.times.context import Context, Resolved, unresolved
from dyad.extract.times.lexicon import load_lexicon
from dyad.extract.times.patterns import Match, find_matches
from dyad.extract.times.tense import direction_at
from dyad.model import Span, TimeExpression

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["doc_matches", "find_times"]
MATCHES_KEY = "dyad.time_matches"

Handler = Callable[[Match, Context], Resolved | None]
HANDLERS: dict[str, Handler] = {
    "iso_date": absolute.iso_date,
    "numeric_date": absolute.numeric_date,
    "month_day_range": absolute.month_day_range,
    "month_day": absolute.month_day,
    "week_of": absolute.week_of,
    "day_month": absolute.day_month,
    "month_year": absolute.month_year,
    "month": absolute.month,
    "month_rel_year": absolute.month_rel_year,
    "decade": absolute.decade,
    "century": absolute.century,
    "spelled_year": absolute.spelled_year,
    "year": absolute.year,
    "quarter": absolute.quarter,
    "the_period": absolute.the_period,
    "period_year_back": absolute.period_year_back,
    "weekend": relative.weekend,
    "season": absolute.season_,
    "fixed_day": absolute.fixed_day,
    "needs_knowledge": absolute.needs_knowledge,
    "deictic": relative.deictic,
    "part_of_day": relative.part_of_day,
    "weekday": relative.weekday,
    "relative": relative.relative,
    "ago": relative.ago,
    "clock": relative.clock,
    "anaphoric": anaphora.anaphoric,
    "reference": anaphora.reference,
    "duration": durations.duration,
    "vague_duration": durations.vague_duration,
    "set": durations.set_,
}
_DEADLINE = re.compile(
    r"(?:\bby|\bno\s+later\s+than|\bnot\s+later\s+than|\bdeadline\s+of)\s+$", re.I
)
_RANGE_JOIN = re.compile(r"\s*(?:-|–|—|to|until|till|through|and)\s*$", re.I)
_RANGE_OPEN = re.compile(r"\b(?:between|from)\s+$", re.I)


def find_times(doc: Doc, article_date: dt.date | None) -> tuple[TimeExpression, ...]:
    """Every time expression in `doc`, normalised against `article_date`, in text order.

    An article with no date of its own that opens with a full date on a line of its own
    ("Monday , March 11 , 2013", within `DATELINE_CHARS`) is read against that date, its
    dateline: that expression gets the role "dateline"."""
    text = doc_text(doc)
    found = _read(doc, text, article_date)
    line = _dateline(text, found) if article_date is None else None
    if line is None:
        return found
    again = _read(doc, text, line.start)
    return tuple(
        dataclasses.replace(e, role="dateline") if e.span == line.span else e for e in again
    )


DATELINE_CHARS = 400  # how far into the text a dateline may sit (after a headline)


_RUNNING_WORD = re.compile(r"\b[a-z]{4,}\b")  # a lower-case word: the line is a sentence


def _dateline(text: str, found: tuple[TimeExpression, ...]) -> TimeExpression | None:
    """The first full date (a day with its year, read with no article date) near the top on
    a line of its own: around it only capitalised words, times and marks ("Published :",
    "| 5 : 03pm EDT"), not a sentence ("Page was born on April 22 , 1923 , in Nashville")."""
    for expr in found:
        if expr.span.start >= DATELINE_CHARS:
            return None
        full = expr.type == "date" and expr.granularity == "day" and expr.status == "exact"
        if full and expr.start is not None and expr.role is None and _own_line(text, expr.span):
            return expr
    return None


def _own_line(text: str, span: Span) -> bool:
    start = text.rfind("\n", 0, span.start) + 1
    end = text.find("\n", span.end)
    rest = text[start : span.start] + " " + text[span.end : len(text) if end < 0 else end]
    return _RUNNING_WORD.search(rest) is None


def _read(doc: Doc, text: str, article_date: dt.date | None) -> tuple[TimeExpression, ...]:
    ctx = Context(text, article_date, load_lexicon(), _directions(doc), _tags(doc))
    found: list[TimeExpression] = []
    for match in doc_matches(doc, text):
        check("times")
        result = _handle(match, ctx)
        if result is None:
            continue
        if _anchors(result):
            ctx.note(result, match.end)
        found.append(_expression(text, match, result))
    return tuple(_merge_ranges(text, found))


def _handle(match: Match, ctx: Context) -> Resolved | None:
    """The handler's reading of `match`; unresolved when it counts past year 1 or 9999."""
    try:
        return HANDLERS[match.rule](match, ctx)
    except OverflowError:  # "next week" on 9999-12-31: a date the calendar does not hold
        return unresolved(_TYPES.get(match.rule, "date"), None, OUTSIDE_CALENDAR)


OUTSIDE_CALENDAR = "falls outside the calendar (before year 1 or after year 9999)"
_TYPES = {"duration": "duration", "vague_duration": "duration", "set": "set"}


def doc_matches(doc: Doc, text: str | None = None) -> list[Match]:
    """The time-expression candidates of `doc`, found once per Doc (selective parsing looks
    for them before `find_times` does) and kept in `doc.user_data`."""
    found = doc.user_data.get(MATCHES_KEY)
    if found is None:
        found = doc.user_data[MATCHES_KEY] = find_matches(doc.text if text is None else text)
    return found


def _anchors(result: Resolved) -> bool:
    """Whether later anaphora ("the next day") may count from this expression."""
    if result.period is None or result.type not in ("date", "time") or not result.anchors:
        return False
    return result.status != "unresolved" and bool(result.value) and "X" not in str(result.value)


def _expression(text: str, match: Match, result: Resolved) -> TimeExpression:
    role = "deadline" if _DEADLINE.search(text[max(0, match.start - 30) : match.start]) else None
    found = TimeExpression(
        span=Span(match.start, match.end, text[match.start : match.end]),
        type=result.type,
        value=result.value,
        start=result.start,
        end=result.end,
        granularity=result.granularity,
        status=result.status,
        reason=result.reason,
        role=role,
    )
    return _with_ends(found) if result.type == "range" else found


_DAY_RANGE = re.compile(
    r"(?P<first>.+?\d(?:st|nd|rd|th)?)\s*(?:-|–|—|to|through|until|and)\s*", re.I
)


def _with_ends(found: TimeExpression) -> TimeExpression:
    """A range of days said in one phrase ("Aug. 26 to Oct. 20", "May 15-20") with its two
    ends as parts, each a day, as ranges joined from two expressions have them."""
    said = found.span.text
    cut = _DAY_RANGE.match(said)
    if cut is None or found.start is None or found.end is None:
        return found
    at = found.span.start
    first_end, second_start = at + cut.end("first"), at + cut.end()
    ends = (
        (Span(at, first_end, said[: cut.end("first")]), found.start),
        (Span(second_start, found.span.end, said[cut.end() :]), found.end),
    )
    parts = tuple(
        dataclasses.replace(
            found, span=span, type="date", value=day.isoformat(), start=day, end=day
        )
        for span, day in ends
    )
    return dataclasses.replace(found, parts=parts)


def _merge_ranges(text: str, found: list[TimeExpression]) -> list[TimeExpression]:
    """between March and May, from 1995 to 1997: one range expression."""
    merged: list[TimeExpression] = []
    for expr in found:
        last = merged[-1] if merged else None
        if last is not None and _is_range(text, last, expr):
            opener = _RANGE_OPEN.search(text[max(0, last.span.start - 10) : last.span.start])
            start = last.span.start - (len(opener.group(0)) if opener else 0)
            merged[-1] = TimeExpression(
                span=Span(start, expr.span.end, text[start : expr.span.end]),
                type="range",
                value=f"{last.value}/{expr.value}",
                start=last.start,
                end=expr.end,
                granularity=last.granularity,
                status=_worse(last.status, expr.status),
                reason=last.reason or expr.reason,
                role=last.role,
                parts=(last, expr),
            )
            continue
        merged.append(expr)
    return merged


def _is_range(text: str, first: TimeExpression, second: TimeExpression) -> bool:
    if first.type not in ("date",) or second.type not in ("date",):
        return False
    if first.start is None or second.end is None or second.end < first.start:
        return False
    between = text[first.span.end : second.span.start]
    if not _RANGE_JOIN.fullmatch(" " + between) or len(between) > 12:
        return False
    opened = _RANGE_OPEN.search(text[max(0, first.span.start - 10) : first.span.start])
    return bool(opened) or between.strip() in ("-", "–", "—")


def _worse(a: str, b: str) -> str:
    order = ("exact", "approximate", "unresolved")
    return max(a, b, key=order.index)


def _directions(doc: Doc) -> Callable[[int, int], str]:
    return lambda start, end: direction_at(doc, start, end)


def _tags(doc: Doc) -> Callable[[int], tuple[str, str]]:
    def tag_at(offset: int) -> tuple[str, str]:
        span = doc.char_span(offset, offset + 1, alignment_mode="expand")
        if span is None or len(span) == 0:
            return "", ""
        token = span[0]
        return token.tag_, token.ent_type_

    return tag_at
