"""The grammar of time expressions: one regular expression per rule, built from the lexicon.

Rules are tried on the whole text; overlapping matches are settled by length, then by the
order of `RULES` (see `find_matches`). Every pattern is linear in the text (no nested
quantifiers), so the cost per article is a few regex passes.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from dyad import lexicon
from dyad.extract.times.lexicon import Lexicon, load_lexicon


@dataclass(frozen=True, slots=True)
class Match:
    """A stretch of text one rule recognised, with its named groups."""

    rule: str
    start: int
    end: int
    groups: dict[str, str]


def _alt(words: Iterable[str], *, capital: bool = False, dot: str = r"\.?") -> str:
    """An alternation of `words`, longest first.

    `capital`: the first letter must be upper case ("May", not the modal "may").
    `dot`: what follows a dotted abbreviation ("Aug." may drop its dot, "Sun." may not).
    """
    parts = []
    for word in sorted(set(words), key=len, reverse=True):
        body = re.escape(word.rstrip(".")).replace(r"\ ", r"\s+")
        if capital:
            body = body[0].upper() + f"(?i:{body[1:]})"
        parts.append(body + (dot if word.endswith(".") else ""))
    return "(?:" + "|".join(parts) + ")"


def _vocabulary(lex: Lexicon) -> dict[str, str]:
    number = _alt(list(lex.numbers) + list(lex.vague_numbers))
    tens = _alt(w for w, n in lex.numbers.items() if n in (20, 30, 40, 50, 60, 70, 80, 90))
    units = _alt(w for w, n in lex.numbers.items() if 1 <= n <= 9 and w not in ("a", "an"))
    return {
        "MONTH": _alt(lex.months, capital=True),
        "WEEKDAY": _alt(lex.weekdays, capital=True, dot=r"\."),
        "NUM": rf"(?:\d+(?:[.,]\d+)?(?:\s+1/2)?|(?i:{tens}[\s-]+{units}|{number}))",
        "TENS": tens,
        "UNITS": units,
        "UNIT": r"(?i:second|minute|hour|day|week|month|quarter|year|decade|centur(?:y|ie))",
        "ORD": f"(?i:{_alt(lex.ordinals)})",
        "PART": r"(?i:morning|afternoon|evening|night)",
        "SEASON": f"(?i:{_alt(lex.seasons)})",
        "YEAR": r"(?:1[6-9]\d\d|20\d\d)",
        "DAY": r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?",
        "MOD": r"(?i:early|late|mid|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of"
        r"|the\s+middle\s+of)",
        "REF": f"(?i:{_alt(lex.references)})",
        "FIXED": f"(?i:{_alt(list(lex.fixed_days) + list(lex.floating_days))})",
        "KNOW": f"(?i:{_alt(lex.needs_knowledge)})",
    }


# (rule, pattern): earlier rules win ties of equal length.
_RULES: tuple[tuple[str, str], ...] = (
    ("iso_date", r"\b(?P<y>{YEAR})-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b"),
    ("numeric_date", r"\b(?P<a>[0-3]?\d)[/.](?P<b>[0-3]?\d)[/.](?P<y>{YEAR}|\d\d)\b"),
    (
        "month_day_range",
        r"\b(?P<month>{MONTH})\s+(?P<d1>{DAY})\s*(?:-|–|—|(?i:to|through|until|and))\s*"
        r"(?:(?P<month2>{MONTH})\s+)?(?P<d2>{DAY})\b(?:\s?,?\s+(?P<y>{YEAR}))?",
    ),
    (
        "week_of",
        r"\b(?i:the\s+week\s+of)\s+(?P<month>{MONTH})\s+(?P<d>{DAY})\b(?:\s?,?\s+(?P<y>{YEAR})\b)?",
    ),
    (
        "month_day",
        r"(?:(?P<weekday>{WEEKDAY})\s?,?\s+|(?P<rel>(?i:last|next|this))\s+)?"
        r"\b(?P<month>{MONTH})\s+(?P<d>{DAY})\b"
        r"(?:\s?,?\s+(?P<y>{YEAR})\b)?",
    ),
    (
        "day_month",
        r"(?:(?P<weekday>{WEEKDAY})\s?,?\s+)?\b(?:(?i:the)\s+)?(?P<d>{DAY})\s+(?:(?i:of)\s+)?"
        r"(?P<month>{MONTH})(?!\w)(?:\s?,?\s+(?P<y>{YEAR})\b)?",
    ),
    (
        "month_rel_year",
        r"\b(?P<month>{MONTH})(?:\s+of)?,?\s+(?P<rel>(?i:this|next|last))\s+(?i:year)\b",
    ),
    (
        "month_year",
        r"(?:(?P<mod>{MOD})[\s-]+)?\b(?P<month>{MONTH})(?:\s+of)?\s?,?\s+(?P<y>{YEAR})\b",
    ),
    (
        "month",
        r"(?:(?P<rel>(?i:last|next|this|coming|past))\s+|(?P<mod>{MOD})[\s-]+)?"
        r"\b(?P<month>{MONTH})(?!\w)",
    ),
    (
        "decade",
        r"(?:(?i:the)\s+)?(?:(?P<mod>{MOD})[\s-]+)?(?:(?P<y>1[6-9]\d|20\d)0|'(?P<yy>\d)0)'?s\b",
    ),
    (
        "century",
        r"(?:(?i:the)\s+)?(?:(?P<mod>{MOD})[\s-]+)?(?P<n>1[0-9]|2[0-2]|[1-9])(?:st|nd|rd|th)\s+"
        r"(?i:century)\b",
    ),
    (
        "year",
        r"(?:(?P<fiscal>(?i:fiscal))(?:\s+(?i:year))?\s+|(?P<mod>{MOD})[\s-]+|"
        r"(?i:the\s+year)\s+)?\b(?P<y>{YEAR})\b(?!\s*(?:%|(?i:percent)|-\d))",
    ),
    (
        "deictic",
        r"\b(?P<word>(?i:the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|"
        r"today|yesterday|tomorrow|tonight))\b(?:\s+(?P<part>{PART}))?",
    ),
    (
        "spelled_year",
        r"\b(?P<century>(?i:nineteen|twenty))[\s-]+"
        r"(?P<rest>(?i:{TENS}(?:[\s-]+{UNITS})?|ten|eleven|twelve|thirteen|fourteen|"
        r"fifteen|sixteen|seventeen|eighteen|nineteen|oh[\s-]+{UNITS}))\b"
        r"|\b(?P<thousand>(?i:two\s+thousand))(?:[\s-]+(?:(?i:and)\s+)?(?P<rest2>{UNITS}))?\b",
    ),
    (
        "part_of_day",
        r"\b(?P<rel>(?i:this|last|early\s+this|late\s+last|late\s+this|early|the))\s+"
        r"(?P<part>{PART})\b|\b(?P<overnight>(?i:overnight))\b",
    ),
    (
        "weekday",
        r"(?:(?P<rel>(?i:last|next|this|coming|past|the\s+following|the\s+previous|"
        r"the\s+preceding))\s+|"
        r"(?P<mod>(?i:early|late))\s+)?\b(?P<weekday>{WEEKDAY})(?!\w)(?:\s+(?P<part>{PART}))?",
    ),
    (
        "relative",
        r"(?:(?P<mod>(?i:earlier|later|early|late|mid|the\s+end\s+of|the\s+rest\s+of|"
        r"the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of))[\s-]+)?"
        r"\b(?P<rel>(?i:last|this|next|coming|past|previous|current|the\s+current|"
        r"the\s+coming|the\s+past|the\s+previous|the\s+next|the\s+last|the\s+same))\s+"
        r"(?P<unit>(?i:week|weekend|month|year|quarter|decade|century)|{SEASON})\b",
    ),
    (
        "ago",
        r"(?:(?P<mod>(?i:nearly|almost|about|around|roughly|more\s+than|less\s+than|some|"
        r"just|only|over|barely))\s+)?\b(?P<num>{NUM})\s+(?P<unit>{UNIT})s?\s+(?:(?i:or\s+so)\s+)?(?i:ago)\b",
    ),
    (
        "anaphoric",
        r"\b(?:(?i:the\s+)?(?P<rel>(?i:same|following|next|previous|preceding|that))\s+"
        r"(?P<unit>(?i:day|week|month|year|quarter|morning|evening|night|afternoon))"
        r"|(?i:the)\s+(?P<unit2>(?i:day|week|month|year))\s+(?P<dir2>(?i:before|after))"
        r"|(?P<num>{NUM})\s+(?P<unit3>{UNIT})s?\s+(?P<dir>(?i:earlier|later)))\b",
    ),
    (
        "quarter",
        r"(?:(?i:the)\s+)?(?:(?P<y0>{YEAR})\s+|(?P<ago>(?i:year-ago|year-earlier))\s+)?"
        r"(?:(?P<ord>{ORD})|(?P<rel>(?i:latest|last|previous|current|"
        r"past|year-ago|year-earlier|same|recent)))[\s-]+(?:(?i:fiscal)\s+)?"
        r"(?P<unit>(?i:quarter|half))\b(?:\s+(?i:of)\s+(?:(?i:fiscal)\s+)?(?P<y>{YEAR}))?",
    ),
    (
        "the_period",
        r"(?:(?P<mod>{MOD})\s+)?\b(?i:the)\s+(?:(?P<rel>(?i:year-ago|year-earlier|year-before|"
        r"latest|comparable|same|current|full|current\s+fiscal|fiscal))[\s-]+)?"
        r"(?P<unit>(?i:quarter|period|year|month))\b(?!-)"
        r"|\b(?P<rel2>(?i:year-ago|year-earlier))(?!-)\b"
        r"|\b(?i:the)\s+(?P<y>{YEAR})\s+(?P<unit2>(?i:period|quarter))\b"
        r"|\b(?P<year_end>(?i:year[\s-]end|year's\s+end))\b(?!-)",
    ),
    (
        "period_year_back",
        r"\b(?i:the\s+(?:(?:corresponding|comparable|same)\s+)?(?:period|quarter)(?:\s+of)?\s+"
        r"(?:last\s+year|a\s+year\s+(?:ago|earlier)))\b"
        r"|\b(?i:last\s+year's\s+(?:period|quarter))\b",
    ),
    ("weekend", r"\b(?i:the|this|that)\s+(?P<word>(?i:weekend))\b"),
    (
        "season",
        r"(?:(?P<rel>(?i:last|this|next|the|early|late|mid|past|coming))[\s-]+)?"
        r"\b(?P<season>{SEASON})\b(?:\s+(?:(?i:of)\s+)?(?P<y>{YEAR}))?",
    ),
    (
        "duration",
        r"(?:(?P<mod>(?i:more\s+than|less\s+than|nearly|almost|about|around|roughly|"
        r"at\s+least|at\s+most|up\s+to|over(?!\s+the\b)|some|just|only|fewer\s+than))\s+)?"
        r"(?:(?i:the)\s+(?P<dir>(?i:past|last|next|previous|coming|first|final|following))\s+)?"
        r"\b(?P<num>{NUM})(?P<half>\s+(?i:and\s+a\s+half))?[\s-]+"
        r"(?:(?i:more|additional|straight|consecutive|full|trading|business|working|calendar)\s+)?"
        r"(?P<unit>{UNIT})s?(?P<adj>-(?i:long|old))?\b(?P<half2>\s+(?i:and\s+a\s+half)(?![\w-]))?",
    ),
    (
        "vague_duration",
        r"(?:(?i:the)\s+(?P<dir>(?i:past|last|next|coming))\s+)?"
        r"(?:(?P<q>(?i:several|a\s+few|few|many|some|recent|coming))\s+)"
        r"(?P<unit>(?i:minute|hour|day|week|month|year|decade|centurie|quarter))s\b",
    ),
    (
        "set",
        r"\b(?:(?i:every|each|per)\s+(?:(?i:other)\s+)?(?:(?P<num>{NUM})\s+)?"
        r"(?:(?P<weekday>{WEEKDAY})|(?P<month>{MONTH})|(?P<unit>{UNIT}))s?"
        r"|(?P<adv>(?i:daily|weekly|monthly|annually|yearly|hourly|nightly)))\b",
    ),
    (
        "clock",
        r"\b(?P<h>[01]?\d)(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ampm>[ap]\.m\.?|[AP]\.M\.?|[ap]m\b|[AP]M\b)"
        r"(?:\s+(?P<tz>[A-Z]{{3}}))?(?:,?\s+(?:(?i:on)\s+)?(?P<day>{WEEKDAY}|(?i:today|yesterday|tomorrow))"
        r"|,?\s+(?P<month>{MONTH})\s+(?P<d>{DAY})\b)?"
        r"|\b(?P<h2>[01]?\d)(?::(?P<mi2>[0-5]\d))?\s+(?:o'clock\s+)?(?i:in\s+the)\s+"
        r"(?P<inpart>(?i:morning|afternoon|evening))\b"
        r"|\b(?P<word>(?i:noon|midnight|midday))\b"
        r"(?:,?\s+(?:(?i:on)\s+)?(?P<day2>{WEEKDAY}|(?i:today|yesterday|tomorrow)))?",
    ),
    ("reference", r"\b(?P<word>{REF})\b"),
    ("fixed_day", r"(?:(?P<rel>(?i:last|this|next))\s+)?\b(?P<word>{FIXED})\b"),
    (
        "needs_knowledge",
        r"(?:(?P<rel>(?i:last|this|next|during|after|before))\s+)?\b(?P<word>{KNOW})\b"
        r"|\b(?i:the)\s+(?:\w+\s+)?(?i:anniversary)\s+(?i:of)\s+(?i:the\s+)?[\w'-]+",
    ),
)

RULE_ORDER: dict[str, int] = {name: i for i, (name, _) in enumerate(_RULES)}


_WINDOW = 40  # characters around a core word that a rule may reach (prefixes, "of 1998")


@functools.cache
def compiled_rules() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The rules' regular expressions, compiled once from the bundled lexicon."""
    vocabulary = _vocabulary(load_lexicon())
    return tuple((name, re.compile(pattern.format(**vocabulary))) for name, pattern in _RULES)


@functools.cache
def core_words() -> re.Pattern[str]:
    """What every time expression holds at least one of: a month, weekday or unit word, a
    four-digit number, a numeric date or clock time... (counts need a unit: "three weeks")."""
    lex = load_lexicon()
    words = [*lex.units, *lex.parts_of_day, *lex.seasons, *lex.references]
    words += [*lex.fixed_days, *lex.floating_days, *lex.needs_knowledge]
    words += [f"{unit}s" for unit in lex.units] + list(lexicon.words("times.patterns", "core"))
    numeric = r"\b\d{4}(?!\d)|\d[/:.-]\d|\d\s*[apAP]\.?[mM]|'\d0s"
    named = _alt([*lex.months, *lex.weekdays], capital=True)
    return re.compile(rf"{numeric}|\b{named}|\b(?i:{_alt(words)})")


def windows(text: str) -> list[tuple[int, int]]:
    """Stretches of `text` around core words, merged; rules only run inside them."""
    spans: list[tuple[int, int]] = []
    for hit in core_words().finditer(text):
        start = text.rfind(" ", 0, max(hit.start() - _WINDOW, 0)) + 1
        end = text.find(" ", min(hit.end() + _WINDOW, len(text)))
        end = len(text) if end < 0 else end
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
        else:
            spans.append((start, end))
    return spans


def find_matches(text: str) -> list[Match]:
    """Non-overlapping rule matches in `text`, in text order: longest first, then rule order."""
    found: list[Match] = []
    stretches = windows(text)
    for name, regex in compiled_rules():
        for start, end in stretches:
            for m in regex.finditer(text, start, end):
                if m.end() > m.start():
                    groups = {k: v for k, v in m.groupdict().items() if v is not None}
                    found.append(Match(name, m.start(), m.end(), groups))
    found.sort(key=lambda m: (m.start - m.end, RULE_ORDER[m.rule], m.start))
    taken: list[Match] = []
    used = bytearray(len(text))  # 1 where a longer (or earlier-rule) match already sits
    for match in found:
        if used.find(1, match.start, match.end) < 0:
            taken.append(match)
            used[match.start : match.end] = b"\x01" * (match.end - match.start)
    return sorted(taken, key=lambda m: m.start)
