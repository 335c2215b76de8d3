"""What an event is about: a promise of conflict is a threat, a conjunct shares the content
of its first conjunct, a time inside the content neither dates the event nor makes it
historical, and a past auxiliary keeps a later date from making an event planned. Real
parses, fictional actors."""

from __future__ import annotations

import datetime as dt

import pytest

import dyad
from dyad.model import Event

pytestmark = pytest.mark.model

DAY = dt.date(2026, 8, 17)


def by_trigger(text: str) -> dict[str, Event]:
    out: dict[str, Event] = {}
    for event in dyad.process(text, date=DAY).events:
        trigger = event.evidence[0].trigger
        out.setdefault(text[trigger.start : trigger.end], event)
    return out


@pytest.mark.parametrize(
    ("text", "promise", "content"),
    [
        ("Governor Rufus vowed to bomb the rebel camps in Elbonia.", "vowed", "bomb"),
        ("Senator Firefly pledged to ban Sylvanian imports.", "pledged", "ban"),
    ],
)
def test_a_promise_of_conflict_is_a_threat(text: str, promise: str, content: str) -> None:
    events = by_trigger(text)
    assert events[promise].type == "THREATEN"
    assert events[content].modality == "threatened"


def test_a_promise_to_cooperate_stays_an_agreement() -> None:
    events = by_trigger("Freedonia pledged to release the Sylvanian prisoners.")
    assert events["pledged"].type == "AGREE"


def test_a_conjunct_shares_the_content_of_its_first_conjunct() -> None:
    text = "Governor Rufus promised to bomb the camps and deport Sylvanian refugees."
    events = by_trigger(text)
    assert events["deport"].modality == events["bomb"].modality == "threatened"


def test_a_conjunct_with_its_own_subject_is_its_own_event() -> None:
    text = "Freedonia urged Sylvania to withdraw, and Sylvania attacked the border post."
    events = by_trigger(text)
    assert events["attacked"].modality == "actual"


def test_a_time_in_what_the_event_is_about_does_not_date_it() -> None:
    events = by_trigger("Senator Firefly criticized Governor Rufus for supporting the 1994 bill.")
    criticized = events["criticized"]
    assert not criticized.historical
    assert criticized.date_source == "publication"


def test_a_time_of_the_event_itself_still_dates_it() -> None:
    events = by_trigger("In 1994, Senator Firefly criticized Governor Rufus.")
    assert events["criticized"].historical
    assert events["criticized"].date == dt.date(1994, 1, 1)


def test_a_passive_past_is_not_planned_by_a_later_date() -> None:
    # a date after the article's in a past clause (a misdated text, or a time read wrongly)
    events = by_trigger("On August 20, six Sylvanian protesters were arrested by the police.")
    assert events["arrested"].modality == "actual"
