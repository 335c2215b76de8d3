"""TempEval-3 value scores broken down: per TimeML type, and per hard class of expression.

Per type (DATE, TIME, DURATION, SET): value precision, recall and F1, a gold expression
counting for its gold type and a system expression for the type it was given (`TYPES`).

Per hard class, the share of the class's gold expressions found with the right value
(`value_recall`; a class is a property of the gold text, so it has no precision). The classes
are read from the gold annotation alone, never from what Dyad found:
- `duration`: type DURATION ("three weeks", "the past year");
- `week_quarter`: a week, weekend, quarter or half-year ("last week", "the third quarter");
- `last_next`: a date or time said with last, next, this, coming, past or previous, which
  the tense of the sentence must agree with ("last February", "this week");
- `tense`: a bare weekday, or a month or day of the month without its year, placed only by
  the tense of its clause ("on Friday", "in April", "Oct. 31");
- `range`: one end of a range, two gold expressions joined by "to", "through", "until" or a
  dash ("from 1995 to 1997", "Aug. 26 to Oct. 20");
- `anaphoric`: counted from another time than the article date, the reference time moving
  through the article ("the next day", "a year earlier", "that quarter").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from dyad.model import TimeExpression


class GoldTimex(Protocol):
    """A gold TIMEX3 (`dyad.evaluate.timex.GoldTimex`): its offsets, words, type, value."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def type(self) -> str: ...
    @property
    def value(self) -> str: ...


TIMEML_TYPES = ("DATE", "TIME", "DURATION", "SET")
HARD_CLASSES = ("duration", "week_quarter", "last_next", "tense", "range", "anaphoric")
_WEEKDAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"  # names and abbrevs
_WEEK_QUARTER_TEXT = re.compile(r"\b(?:week|weekend|quarter|half)\b", re.I)
_WEEK_QUARTER_VALUE = re.compile(r"-(?:W\w+|Q\w|H\w)")
_LAST_NEXT = re.compile(r"\b(?:last|next|this|coming|past|previous)\b", re.I)
_BARE = re.compile(
    rf"^(?:(?:on|early|late)\s+)?(?:{_WEEKDAY}(?:\s+\w+)?|{_MONTH}(?:\s+\d{{1,2}}(?:st|nd|rd|th)?)?)$",
    re.I,
)
_UNIT = rf"(?:day|week|month|year|quarter|period|morning|afternoon|evening|night|{_WEEKDAY})"
_ANAPHORIC = re.compile(
    r"\b(?:the\s+(?:same|following|next|previous|preceding|comparable|corresponding)|that"
    rf"|same)\s+{_UNIT}\b"
    r"|\b(?:earlier|later)\s+that\b|\b\w+\s+(?:day|week|month|year|quarter)s?\s+(?:earlier|later)\b"
    r"|\bthe\s+(?:day|week|month|year)\s+(?:before|after)\b|\b(?:year-ago|year-earlier)\b",
    re.I,
)
_RANGE_JOIN = re.compile(r"\s*(?:-|–|—|to|through|until|till|and)\s*", re.I)
_RANGE_OPEN = re.compile(r"\b(?:from|between)\s*$", re.I)


def gold_classes(text: str, timexes: Sequence[GoldTimex]) -> list[frozenset[str]]:
    """The hard classes of each gold expression of a document, in order."""
    ends = _range_ends(text, timexes)
    return [
        frozenset(name for name, test in _TESTS.items() if test(g)) | ends[i]
        for i, g in enumerate(timexes)
    ]


def _range_ends(text: str, timexes: Sequence[GoldTimex]) -> list[frozenset[str]]:
    marks: list[frozenset[str]] = [frozenset()] * len(timexes)
    for i in range(len(timexes) - 1):
        first, second = timexes[i], timexes[i + 1]
        if {first.type, second.type} - {"DATE", "TIME"}:
            continue
        between = text[first.end : second.start]
        opened = _RANGE_OPEN.search(text[max(0, first.start - 10) : first.start])
        dashed = between.strip() in ("-", "–", "—")
        if _RANGE_JOIN.fullmatch(between) and (opened or dashed or "and" not in between):
            marks[i] = marks[i + 1] = frozenset({"range"})
    return marks


def _is_dated(g: GoldTimex) -> bool:
    return g.type in ("DATE", "TIME")


_TESTS = {
    "duration": lambda g: g.type == "DURATION",
    "week_quarter": lambda g: (
        _is_dated(g)
        and bool(_WEEK_QUARTER_TEXT.search(g.text) or _WEEK_QUARTER_VALUE.search(g.value))
    ),
    "last_next": lambda g: _is_dated(g) and bool(_LAST_NEXT.search(g.text)),
    "tense": lambda g: _is_dated(g) and bool(_BARE.match(" ".join(g.text.split()))),
    "anaphoric": lambda g: _is_dated(g) and bool(_ANAPHORIC.search(g.text)),
}


@dataclass(slots=True)
class Breakdown:
    """Counts per TimeML type and per hard class."""

    gold: Counter[str] = field(default_factory=Counter)
    system: Counter[str] = field(default_factory=Counter)
    found: Counter[str] = field(default_factory=Counter)  # gold matched by a system expression
    right: Counter[str] = field(default_factory=Counter)  # ... with the right value

    def add_gold(self, g: GoldTimex, classes: frozenset[str], matched: bool, right: bool) -> None:
        """Count one gold expression: its type and classes, whether found and valued right."""
        for key in (g.type, *classes):
            self.gold[key] += 1
            self.found[key] += matched
            self.right[key] += right

    def add_system(self, sys: TimeExpression, timeml_type: str | None, right: bool) -> None:
        """Count one system expression under the TimeML type it was given."""
        key = timeml_type or sys.type.upper()
        self.system[key] += 1
        self.right[f"system:{key}"] += right

    def metrics(self) -> dict[str, float]:
        """`date_value_f1`..., and `hard_<class>_value_recall` for each class."""
        out: dict[str, float] = {}
        for name in TIMEML_TYPES:
            gold, system = self.gold[name], self.system[name]
            recall = self.right[name] / gold if gold else 0.0
            precision = self.right[f"system:{name}"] / system if system else 0.0
            f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
            out[f"{name.lower()}_value_f1"] = f1
        for name in HARD_CLASSES:
            gold = self.gold[name]
            out[f"hard_{name}_value_recall"] = self.right[name] / gold if gold else 0.0
        return out

    def details(self) -> dict[str, dict[str, int]]:
        """How many gold expressions each type and class holds, found, and valued right."""
        keys = (*TIMEML_TYPES, *HARD_CLASSES)
        return {
            k: {"gold": self.gold[k], "found": self.found[k], "value_right": self.right[k]}
            for k in keys
        }
