"""find_times: the day a text is read against, and dates fixed by the tense of their clause.

Cases from the review of the real-news date errors, grouped by capability, with fictional
actors. The article date is Wednesday 2025-05-14 unless a case says otherwise; tense-dependent
cases use the real pipeline (marked `model`).
"""

from __future__ import annotations

import datetime as dt

import pytest
import spacy

from dyad.extract.times import find_times
from dyad.model import TimeExpression

ARTICLE = dt.date(2025, 5, 14)  # a Wednesday


@pytest.fixture(scope="module")
def blank():
    return spacy.blank("en")


def only(nlp, text: str, said: str, article: dt.date | None = ARTICLE) -> TimeExpression:
    """The one expression whose text is `said`."""
    found = [t for t in find_times(nlp(text), article) if t.span.text == said]
    assert len(found) == 1, [(t.span.text, t.value) for t in find_times(nlp(text), article)]
    return found[0]


SPACED_COMMAS = [  # tokenized corpora put a space before each comma
    ("Vostria , Monday , March 11 , 2013 . Talks began.", "Monday , March 11 , 2013", "2013-03-11"),
    ("The pact of 12 May , 2014 holds.", "12 May , 2014", "2014-05-12"),
    ("The pact of May , 2014 holds.", "May , 2014", "2014-05"),
]


@pytest.mark.parametrize(("text", "said", "value"), SPACED_COMMAS)
def test_a_comma_after_a_space_still_joins_the_year(blank, text, said, value):
    assert only(blank, text, said).value == value


DATELINES = [
    # (text, expression, value): no article date; the text's own full date anchors the rest
    (
        "Riots in Vostria\nPublished Saturday , March 9 , 2013 | 5 : 03pm\n"
        "The unrest began eight days ago .",
        "eight days ago",
        "2013-03-01",
    ),
    ("Tarn , Monday , March 11 , 2013\nThe ministers met yesterday .", "yesterday", "2013-03-10"),
]


@pytest.mark.parametrize(("text", "said", "value"), DATELINES)
def test_an_undated_text_is_read_against_its_dateline(blank, text, said, value):
    expr = only(blank, text, said, article=None)
    assert expr.value == value


def test_the_dateline_is_marked_and_only_near_the_top(blank):
    text = "Tarn , Monday , March 11 , 2013\nThe ministers met yesterday ."
    roles = {t.span.text: t.role for t in find_times(blank(text), None)}
    assert roles["Monday , March 11 , 2013"] == "dateline"
    late = "x " * 250 + "\nMarch 11 , 2013\nThe ministers met again yesterday ."
    assert only(blank, late, "yesterday", article=None).status == "unresolved"
    told = "Tarn ministers met on Monday , March 11 , 2013 .\nThey met again yesterday ."
    assert only(blank, told, "yesterday", article=None).status == "unresolved"


def test_an_article_date_wins_over_a_dateline(blank):
    text = "Tarn , Monday , March 11 , 2013\nThe ministers met yesterday ."
    assert only(blank, text, "yesterday").value == "2025-05-13"
    assert all(t.role != "dateline" for t in find_times(blank(text), ARTICLE))


PAST_CLAUSES = [
    # a month or day of a past clause has begun by the article date
    ("In June, the Tarn council proposed a truce.", "June", "2024-06"),
    ("In April, the Tarn council proposed a truce.", "April", "2025-04"),
    ("The Tarn council will vote in June.", "June", "2025-06"),
    # "called for": a time before the verb, or after another phrase, dates the calling
    ("In June, the Tarn council called for a truce.", "June", "2024-06"),
    (
        "Mara Ilves called for more aid in a statement on Thursday.",
        "Thursday",
        "2025-05-08",
    ),
    ("Mara Ilves called for a vote on Friday.", "Friday", "2025-05-16"),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "said", "value"), PAST_CLAUSES)
def test_a_past_clause_dates_a_time_already_begun(nlp, text, said, value):
    assert only(nlp, text, said).value == value


@pytest.mark.model
def test_an_anaphor_of_a_past_clause_counts_from_a_past_date(nlp):
    text = (
        "As Mara Ilves prepared to speak in Tarn on Monday, ahead of next Tuesday's vote, "
        "a girl was hurt. "
        "A day earlier, six protesters were arrested at the venue."
    )
    assert only(nlp, text, "A day earlier").value == "2025-05-11"


@pytest.mark.model
def test_a_plan_in_a_past_scene_is_past(nlp):
    text = "As Mara Ilves prepared to speak in Tarn on Tuesday, a protester was arrested."
    assert only(nlp, text, "Tuesday").value == "2025-05-13"
    planned = "Mara Ilves is scheduled to speak in Tarn on Tuesday."
    assert only(nlp, planned, "Tuesday").value == "2025-05-20"


@pytest.mark.model
def test_a_limit_set_in_the_past_may_lie_ahead(nlp):
    text = "The council gave Tarn until mid-June to answer."
    assert only(nlp, text, "mid-June").value == "2025-06"
