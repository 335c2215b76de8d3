"""find_times: rules added after the TempEval-3 dev error review, by capability.

The article date is Thursday 2025-05-15 unless a case says otherwise. Tense-dependent
cases use the real pipeline (marked `model`).
"""

from __future__ import annotations

import datetime as dt

import pytest
import spacy

import dyad
from dyad.extract.times import find_times
from dyad.model import TimeExpression

ARTICLE = dt.date(2025, 5, 15)  # a Thursday


@pytest.fixture(scope="module")
def blank():
    return spacy.blank("en")


def only(nlp, text: str, said: str, article: dt.date = ARTICLE) -> TimeExpression:
    """The one expression whose text is `said`."""
    found = [t for t in find_times(nlp(text), article) if t.span.text == said]
    assert len(found) == 1, [(t.span.text, t.value) for t in find_times(nlp(text), article)]
    return found[0]


QUARTERS_BY_TENSE = [
    # a quarter not yet begun cannot be reported in the past tense
    ("Profit at Tarn Mills rose in the third quarter.", "the third quarter", "2024-Q3"),
    ("Tarn Mills earned a record in the fiscal first quarter.", "first quarter", "2025-Q1"),
    ("Tarn Mills expects profit to rise in the third quarter.", "the third quarter", "2025-Q3"),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "said", "value"), QUARTERS_BY_TENSE)
def test_quarter_without_year_follows_the_tense(nlp, text, said, value):
    assert only(nlp, text, said).value == value


DURATIONS_WITH_HALVES = [
    ("A minute and a half later the convoy left.", "A minute and a half", "PT1M30S"),
    ("The envoys talked for an hour and a half.", "an hour and a half", "PT1H30M"),
    ("The siege lasted two and a half years.", "two and a half years", "P2Y6M"),
    ("It took three days and a half-hearted push.", "three days", "P3D"),
]


@pytest.mark.parametrize(("text", "said", "value"), DURATIONS_WITH_HALVES)
def test_and_a_half_extends_a_duration(blank, text, said, value):
    expr = only(blank, text, said)
    assert (expr.type, expr.value) == ("duration", value)


HALVES_AND_QUARTERS_OF_A_YEAR = [
    ("Sales of Tarn Mills slowed in the last half of 2024.", "the last half of 2024", "2024-H2"),
    ("Sales fell in the last quarter of 2023.", "the last quarter of 2023", "2023-Q4"),
]


@pytest.mark.parametrize(("text", "said", "value"), HALVES_AND_QUARTERS_OF_A_YEAR)
def test_last_part_of_a_named_year_is_its_final_part(blank, text, said, value):
    assert only(blank, text, said).value == value


@pytest.mark.model
def test_weekday_morning_is_the_day_but_evening_stays_a_time(nlp):
    text = "Ministers met Tuesday morning and left Tuesday evening."
    assert (only(nlp, text, "Tuesday morning").type, only(nlp, text, "Tuesday morning").value) == (
        "date",
        "2025-05-13",
    )
    assert only(nlp, text, "Tuesday evening").value == "2025-05-13TEV"


CLOCK_TIMES = [
    # a clock time with no day of its own takes the day mentioned just before it
    ("The rally of May 12 began at 10 a.m. in Varna.", "10 a.m.", "2025-05-12T10:00"),
    ("The council votes at 10 a.m. in Varna.", "10 a.m.", "2025-05-15T10:00"),
]


@pytest.mark.parametrize(("text", "said", "value"), CLOCK_TIMES)
def test_clock_time_takes_the_day_mentioned_just_before(blank, text, said, value):
    assert only(blank, text, said).value == value


def test_a_day_mentioned_long_before_does_not_date_a_clock_time(blank):
    text = "The rally of May 12 was calm. " + "Nothing else happened there. " * 20
    text += "The council votes at 10 a.m."
    assert only(blank, text, "10 a.m.").value == "2025-05-15T10:00"


YEAR_ENDS = [
    # article of 2025-05-15: "by year-end" is this year's end, "since year-end" last year's
    (
        "Tarn Mills expects to close the sale by year-end.",
        "year-end",
        "2025",
        dt.date(2025, 12, 31),
    ),
    ("The index has risen 4% since year-end.", "year-end", "2024", dt.date(2024, 12, 31)),
    ("The rules should be in place by year's end.", "year's end", "2025", dt.date(2025, 12, 31)),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "said", "value", "end"), YEAR_ENDS)
def test_year_end_is_the_end_of_a_year(nlp, text, said, value, end):
    expr = only(nlp, text, said)
    assert (expr.type, expr.value, expr.end) == ("date", value, end)


@pytest.mark.model
def test_pluperfect_due_to_is_past(nlp):
    text = "The Varna offer had been due to expire Friday evening."
    assert only(nlp, text, "Friday evening").value == "2025-05-09TEV"
    assert only(nlp, "The Varna offer is due to expire Friday.", "Friday").value == "2025-05-16"


THE_QUARTER_REPORTED_ON = [
    # the first ended quarter stated stays the one reported on, whatever comes up after it
    (
        "Tarn Mills earned more in the third quarter of 2024. After a flat second quarter of 2024,"
        " sales rose. Charges taken in the year-earlier period were lower.",
        "the year-earlier period",
        "2023-Q3",
    ),
    (
        "Tarn Mills earned more in the third quarter of 2024. After a flat second quarter of 2024,"
        " costs rose during the quarter.",
        "the quarter",
        "2024-Q3",
    ),
    (
        "Tarn Mills lost money in the third quarter of 2024, against a profit in the corresponding"
        " period last year.",
        "the corresponding period last year",
        "2023-Q3",
    ),
    (
        "Tarn Mills lost money in the third quarter of 2024. Sales for last year's quarter were"
        " higher.",
        "last year's quarter",
        "2023-Q3",
    ),
    (
        "Tarn Mills lost money in the third quarter of 2024, against a profit in the quarter a"
        " year ago.",
        "the quarter a year ago",
        "2023-Q3",
    ),
]


@pytest.mark.parametrize(("text", "said", "value"), THE_QUARTER_REPORTED_ON)
def test_quarter_anaphora_take_the_quarter_reported_on(blank, text, said, value):
    assert only(blank, text, said).value == value


WEEKDAYS_FROM_THE_DAY_TOLD_OF = [
    # "the previous Friday" counts from the day the article is telling of, not from today
    (
        "On May 2, 2025 the index fell 4% from the previous Friday.",
        "the previous Friday",
        "2025-04-25",
    ),
    (
        "The talks began on May 2, 2025 and ended the following Monday.",
        "the following Monday",
        "2025-05-05",
    ),
]


@pytest.mark.parametrize(("text", "said", "value"), WEEKDAYS_FROM_THE_DAY_TOLD_OF)
def test_the_previous_and_following_weekday_count_from_the_day_told_of(blank, text, said, value):
    assert only(blank, text, said).value == value


RANGES_AND_WEEKS_IN_ONE_PHRASE = [
    ("Shares were bought from Aug. 26 to Oct. 20, 2024.", ("Aug. 26", "Oct. 20, 2024")),
    ("The fair runs May 15-20, 2025.", ("May 15", "20, 2025")),
]


@pytest.mark.parametrize(("text", "ends"), RANGES_AND_WEEKS_IN_ONE_PHRASE)
def test_a_range_of_days_in_one_phrase_has_its_two_ends(blank, text, ends):
    (found,) = [t for t in find_times(blank(text), ARTICLE) if t.type == "range"]
    assert tuple(p.span.text for p in found.parts) == ends
    assert [p.value for p in found.parts] == [found.start.isoformat(), found.end.isoformat()]
    assert all(text[p.span.start : p.span.end] == p.span.text for p in found.parts)


def test_the_week_of_a_day_is_that_week(blank):
    found = only(
        blank, "A hearing is set for the week of March 6, 2025.", "the week of March 6, 2025"
    )
    assert (found.value, found.granularity) == ("2025-W10", "week")


DAYS_OF_A_MONTH_OR_YEAR_TOLD_OF = [
    ("In October 2024 the rebels struck twice, and that same day the army moved.", "2024-10-XX"),
    ("The treaty dates from 1987, and that day is a holiday now.", "1987-XX-XX"),
]


@pytest.mark.parametrize(("text", "value"), DAYS_OF_A_MONTH_OR_YEAR_TOLD_OF)
def test_that_day_within_a_month_or_year_leaves_the_day_unknown(blank, text, value):
    said = "same day" if "same day" in text else "that day"
    found = only(blank, text, said)
    assert (found.value, found.status) == (value, "approximate")


@pytest.mark.parametrize(
    ("text", "said", "value"),
    [
        ("The blast came at 4 in the morning.", "4 in the morning", "2025-05-15T04:00"),
        ("They met at 7:30 in the evening.", "7:30 in the evening", "2025-05-15T19:30"),
    ],
)
def test_an_hour_in_the_morning_or_evening_is_a_clock_time(blank, text, said, value):
    assert only(blank, text, said).value == value


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "said", "value"),
    [
        ("Freedonia took the valley from Sylvania during the 1967 war.", "1967", "1967"),
        ("Tarn has not recovered from the 2008 financial crisis.", "2008", "2008"),
    ],
)
def test_a_year_between_the_and_what_it_dates_is_a_year(nlp, text, said, value):
    assert only(nlp, text, said).value == value


@pytest.mark.model
def test_a_number_between_the_and_a_plural_is_not_named_a_year(nlp):
    found = find_times(nlp("Freedonia moved the 1500 volunteers it had trained."), ARTICLE)
    assert [t.span.text for t in found if t.type == "date"] == []


@pytest.mark.model
def test_an_event_dated_by_a_year_naming_a_war_is_historical():
    text = "Freedonian troops captured the valley from Sylvania during the 1967 war."
    events = dyad.process(text, date=ARTICLE).events
    assert [(e.date, e.historical) for e in events] == [(dt.date(1967, 1, 1), True)]
