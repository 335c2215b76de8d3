"""find_times: time expressions normalised against a fixed article date, by capability.

The article date is Thursday 2025-05-15 throughout. Cases that need no parse run on
`spacy.blank("en")` docs; tense-dependent ones use the real pipeline (marked `model`).
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest
import spacy

from dyad.errors import KnowledgeError
from dyad.extract.times import find_times
from dyad.extract.times.calendar import Period, nearest_weekday, nth_weekday
from dyad.extract.times.lexicon import load_lexicon
from dyad.model import TimeExpression

ARTICLE = dt.date(2025, 5, 15)  # a Thursday
D = dt.date


@pytest.fixture(scope="module")
def blank():
    return spacy.blank("en")


def only(nlp, text: str, said: str, article: dt.date | None = ARTICLE) -> TimeExpression:
    """The one expression whose text is `said`."""
    found = [t for t in find_times(nlp(text), article) if t.span.text == said]
    assert len(found) == 1, [t.span.text for t in find_times(nlp(text), article)]
    expr = found[0]
    assert text[expr.span.start : expr.span.end] == said
    return expr


ABSOLUTE = [
    ("The summit opened on May 12 in Geneva.", "May 12", "2025-05-12", "day"),
    ("It began in February 2022.", "February 2022", "2022-02", "month"),
    ("The accord of 2024-11-03 holds.", "2024-11-03", "2024-11-03", "day"),
    ("On Aug. 7, 1998, two blasts shook the city.", "Aug. 7, 1998", "1998-08-07", "day"),
    (
        "Profit rose in the third quarter of 2024.",
        "the third quarter of 2024",
        "2024-Q3",
        "quarter",
    ),
    ("Unrest spread in the 1990s.", "the 1990s", "199", "decade"),
    ("The treaty was signed in 1998.", "1998", "1998", "year"),
    ("Talks resume on 3 June 2025.", "3 June 2025", "2025-06-03", "day"),
    ("The worst war of the 20th century.", "the 20th century", "19", "century"),
]


@pytest.mark.parametrize(("text", "said", "value", "granularity"), ABSOLUTE)
def test_absolute_dates(blank, text, said, value, granularity):
    expr = only(blank, text, said)
    assert (expr.type, expr.value, expr.granularity) == ("date", value, granularity)
    assert expr.start is not None and expr.start.isoformat().startswith(value[:4])


def test_ambiguous_numeric_date_takes_the_reading_near_the_article_date(blank):
    expr = only(blank, "The decree of 12/05/2025 took effect.", "12/05/2025")
    assert (expr.value, expr.status) == ("2025-05-12", "approximate")
    assert "ambiguous" in (expr.reason or "")


RELATIVE = [
    ("Ministers gather in Antalya today.", "today", "date", "2025-05-15", D(2025, 5, 15)),
    ("She left yesterday evening.", "yesterday evening", "time", "2025-05-14TEV", D(2025, 5, 14)),
    ("They met earlier this week.", "earlier this week", "date", "2025-W20", D(2025, 5, 12)),
    ("Prices rose last month.", "last month", "date", "2025-04", D(2025, 4, 1)),
    ("The envoy arrived three days ago.", "three days ago", "date", "2025-05-12", D(2025, 5, 12)),
    ("Elections are due next year.", "next year", "date", "2026", D(2026, 1, 1)),
    ("A vote was held this morning.", "this morning", "time", "2025-05-15TMO", D(2025, 5, 15)),
    ("The team returns in two weeks.", "two weeks", "date", "2025-05-29", D(2025, 5, 29)),
]


@pytest.mark.parametrize(("text", "said", "type_", "value", "start"), RELATIVE)
def test_relative_expressions(blank, text, said, type_, value, start):
    expr = only(blank, text, said)
    assert (expr.type, expr.value, expr.start) == (type_, value, start)


def test_earlier_this_week_ends_on_the_article_date(blank):
    expr = only(blank, "They met earlier this week.", "earlier this week")
    assert (expr.end, expr.status) == (ARTICLE, "approximate")


WEEKDAYS_BY_TENSE = [
    ("Rubio is scheduled to join them in Istanbul on Friday.", "Friday", D(2025, 5, 16)),
    ("The meeting on Friday was cancelled.", "Friday", D(2025, 5, 9)),
    ("The ministers met on Wednesday.", "Wednesday", D(2025, 5, 14)),
    ("The envoys will travel to Geneva on Monday.", "Monday", D(2025, 5, 19)),
    ("Talks are expected to resume on Tuesday.", "Tuesday", D(2025, 5, 20)),
    ("The council voted on Tuesday.", "Tuesday", D(2025, 5, 13)),
    ("The council voted on Thursday.", "Thursday", D(2025, 5, 15)),
    ("The delegates are going to sign it on Saturday.", "Saturday", D(2025, 5, 17)),
    ("The rebels have attacked the base on Sunday.", "Sunday", D(2025, 5, 11)),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "said", "day"), WEEKDAYS_BY_TENSE)
def test_weekday_follows_the_tense_of_its_clause(nlp, text, said, day):
    expr = only(nlp, text, said)
    assert (expr.start, expr.value) == (day, day.isoformat())
    assert expr.status == "exact" and "tense" in (expr.reason or "")


def test_weekday_without_tense_is_the_nearest_and_says_so(blank):
    expr = only(blank, "Saturday: the forum opens", "Saturday")
    assert (expr.start, expr.status) == (D(2025, 5, 17), "approximate")
    assert only(blank, "Monday: the forum opens", "Monday").start == D(2025, 5, 12)


@pytest.mark.parametrize(
    ("text", "said", "value"),
    [
        ("last Friday", "last Friday", "2025-05-09"),
        ("next Tuesday", "next Tuesday", "2025-05-20"),
        ("this Saturday", "this Saturday", "2025-05-17"),
    ],
)
def test_weekday_with_last_next_this(blank, text, said, value):
    assert only(blank, text, said).value == value


PARTS_OF_DAY = [
    ("The NATO meeting started on Wednesday evening.", "Wednesday evening", "2025-05-14TEV"),
    ("Sirens sounded last night.", "last night", "2025-05-14TNI"),
    ("The results come tonight.", "tonight", "2025-05-15TNI"),
    ("Talks resume tomorrow morning.", "tomorrow morning", "2025-05-16TMO"),
    ("The vote was at 10:30 a.m. yesterday.", "10:30 a.m. yesterday", "2025-05-14T10:30"),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "said", "value"), PARTS_OF_DAY)
def test_parts_of_day_are_times(nlp, text, said, value):
    expr = only(nlp, text, said)
    assert (expr.type, expr.value, expr.granularity) == ("time", value, "day")


RANGES = [
    ("Drills run May 15-20 near the border.", "May 15-20", D(2025, 5, 15), D(2025, 5, 20)),
    ("War peaked between March and May.", "between March and May", D(2025, 3, 1), D(2025, 5, 31)),
    ("He served from 1995 to 1997.", "from 1995 to 1997", D(1995, 1, 1), D(1997, 12, 31)),
    ("Strikes hit from Monday to Wednesday.", "from Monday to Wednesday", D(2025, 5, 12), D(2025, 5, 14)),  # noqa: E501
]  # fmt: skip


@pytest.mark.parametrize(("text", "said", "start", "end"), RANGES)
def test_ranges(blank, text, said, start, end):
    expr = only(blank, text, said)
    assert (expr.type, expr.start, expr.end) == ("range", start, end)
    assert expr.value is not None and "/" in expr.value
    if expr.parts:  # two expressions joined ("between March and May"), not "May 15-20"
        assert (expr.parts[0].start, expr.parts[1].end) == (start, end)


DURATIONS = [
    ("Russia must agree to a 30-day ceasefire.", "30-day", "P30D", None, None),
    ("The siege lasted three years.", "three years", "P3Y", None, None),
    ("Prices rose over the past two months.", "the past two months", "P2M", D(2025, 3, 15), ARTICLE),  # noqa: E501
    ("It took several weeks.", "several weeks", "PXW", None, None),
    ("The flight took 5 1/2 hours.", "5 1/2 hours", "PT5H30M", None, None),
    ("A decade of war followed.", "A decade", "P10Y", None, None),
]  # fmt: skip


@pytest.mark.parametrize(("text", "said", "value", "start", "end"), DURATIONS)
def test_durations_are_not_dates(blank, text, said, value, start, end):
    expr = only(blank, text, said)
    assert (expr.type, expr.value, expr.start, expr.end) == ("duration", value, start, end)


DEADLINES = [
    ("Russia must agree to a ceasefire by May 12.", "May 12", "deadline"),
    ("Troops must leave no later than June 1.", "June 1", "deadline"),
    ("Kyiv set a deadline of Friday.", "Friday", "deadline"),
    ("The talks opened on May 12.", "May 12", None),
]


@pytest.mark.parametrize(("text", "said", "role"), DEADLINES)
def test_deadlines(blank, text, said, role):
    assert only(blank, text, said).role == role


SETS = [
    ("The council meets every Friday.", "every Friday", "XXXX-WXX-5"),
    ("Shelling is reported daily.", "daily", "P1D"),
    ("The fair opens each July.", "each July", "XXXX-07"),
    ("Inspectors visit twice a week.", "a week", "P1W"),
    ("Elections are held every four years.", "every four years", "P4Y"),
]


@pytest.mark.parametrize(("text", "said", "value"), SETS)
def test_sets(blank, text, said, value):
    expr = only(blank, text, said)
    assert (expr.type, expr.value, expr.start) == ("set", value, None)


UNRESOLVABLE = [
    ("Attacks rose during last Ramadan.", "last Ramadan", "calendar"),
    ("Crowds marked the anniversary of the coup.", "the anniversary of the coup", "event"),
    ("The truce held until after Easter.", "after Easter", "calendar"),
]


@pytest.mark.parametrize(("text", "said", "reason"), UNRESOLVABLE)
def test_world_knowledge_is_refused_not_guessed(blank, text, said, reason):
    expr = only(blank, text, said)
    assert (expr.status, expr.start, expr.value) == ("unresolved", None, None)
    assert reason in (expr.reason or "")


def test_relative_expressions_without_article_date_are_unresolved(blank):
    expr = only(blank, "The envoy arrived yesterday.", "yesterday", article=None)
    assert (expr.status, expr.start) == ("unresolved", None)
    assert only(blank, "It began in February 2022.", "February 2022", article=None).status == (
        "exact"
    )


@pytest.mark.parametrize(
    "text",
    [
        "May I ask a question?",
        "Shares fall as 2000 troops move in.",
        "The bank said 1,500 people marched.",
        "Jan Kowalski spoke for the party.",
        "A 6-year-old boy was hurt.",
    ],
)
def test_words_that_are_not_times(blank, text):
    assert find_times(blank(text), ARTICLE) == ()


def test_cost_per_expression_is_bounded(blank):
    text = "Officials met earlier this week and again last Friday, on May 12. " * 400
    doc = blank(text)
    began = time.perf_counter()
    found = find_times(doc, ARTICLE)
    assert len(found) == 1200
    assert time.perf_counter() - began < 3.0


def test_offsets_point_into_the_text(blank):
    text = "On Friday, three days ago, and in February 2022."
    for expr in find_times(blank(text), ARTICLE):
        assert text[expr.span.start : expr.span.end] == expr.span.text


CALENDAR = [
    (Period.of("week", D(2025, 5, 15)), "2025-W20", D(2025, 5, 12), D(2025, 5, 18)),
    (Period.of("quarter", D(2025, 5, 15)), "2025-Q2", D(2025, 4, 1), D(2025, 6, 30)),
    (Period.of("half", D(2025, 9, 1)), "2025-H2", D(2025, 7, 1), D(2025, 12, 31)),
    (Period.of("decade", D(1994, 3, 1)), "199", D(1990, 1, 1), D(1999, 12, 31)),
    (Period.of("month", D(2024, 2, 10)), "2024-02", D(2024, 2, 1), D(2024, 2, 29)),
]


@pytest.mark.parametrize(("period", "value", "first", "last"), CALENDAR)
def test_calendar_periods(period, value, first, last):
    assert (period.value, period.first, period.last) == (value, first, last)


def test_weekday_arithmetic():
    assert nearest_weekday(ARTICLE, 5, "future") == D(2025, 5, 16)
    assert nearest_weekday(ARTICLE, 5, "past") == D(2025, 5, 9)
    assert nearest_weekday(ARTICLE, 4, "past") == ARTICLE
    assert nth_weekday(2025, 11, 4, 4) == D(2025, 11, 27)  # Thanksgiving
    assert nth_weekday(2025, 5, 1, -1) == D(2025, 5, 26)  # last Monday of May


def test_lexicon_errors_name_file_and_line(tmp_path: Path):
    bad = tmp_path / "times.yaml"
    bad.write_text("months:\n  january: 1\n  february: two\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"times\.yaml:3"):
        load_lexicon(bad)
    unknown = tmp_path / "other.yaml"
    unknown.write_text("months:\n  may: 5\nweird: []\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"other\.yaml:3: unknown section"):
        load_lexicon(unknown)


ANAPHORA = [
    ("Talks opened on May 2. The next day, envoys left.", "The next day", "2025-05-03"),
    ("The pact was signed on May 2. Two days later it collapsed.", "Two days later", "2025-05-04"),
    ("Profit fell in the third quarter. A year earlier it rose.", "A year earlier", "2024-Q3"),
    ("Fighting resumed on March 3. A few days later it stopped.", "A few days later", "PXD"),
]


@pytest.mark.parametrize(("text", "said", "value"), ANAPHORA)
def test_anaphora_counts_from_the_date_mentioned_before(blank, text, said, value):
    expr = only(blank, text, said)
    assert expr.value == value
    assert expr.status == "approximate" or expr.type == "duration"
