"""An actual event the parse leaves undated takes the day of the story the text tells it in
(source "context"), and a deck's times never date or age the headline above it. Real
parses, fictional actors."""

from __future__ import annotations

import datetime as dt

import pytest

import dyad

pytestmark = pytest.mark.model

DAY = dt.date(2026, 8, 18)  # a Tuesday
MONDAY = dt.date(2026, 8, 17)


def dated(text: str, date: dt.date = DAY) -> dict[str, tuple[dt.date | None, str, bool]]:
    out = {}
    for event in dyad.process(text, date=date).events:
        trigger = event.evidence[0].trigger
        out[text[trigger.start : trigger.end]] = (event.date, event.date_source, event.historical)
    return out


def test_an_event_after_the_story_day_takes_that_day() -> None:
    found = dated(
        "On Monday afternoon, the streets of Tarn were quiet.\n\n"
        "Small groups of protesters demanded the release of the Sylvanian envoy."
    )
    assert found["demanded"] == (MONDAY, "context", False)


def test_a_headline_takes_the_day_its_lead_tells() -> None:
    found = dated(
        "Vostria rebuts Freedonian criticism on trade;\n"
        "Investment, official says, helped the region after the 2008 crisis.\n\n"
        "The Vostrian finance minister on Monday rejected complaints from Freedonia."
    )
    assert found["rebuts"] == (MONDAY, "context", False)


def test_a_day_long_before_the_article_is_not_the_story_day() -> None:
    found = dated(
        "On Monday, March 2, the council met in Tarn.\n\n"
        "Freedonia accused Sylvania of shelling the border."
    )
    assert found["accused"][1] == "publication"


def test_a_planned_event_does_not_take_a_past_story_day() -> None:
    found = dated(
        "On Monday afternoon, the streets of Tarn were quiet.\n\n"
        "Freedonia will impose sanctions on Sylvania."
    )
    assert found["impose sanctions"][1] != "context"


def test_the_time_of_a_saying_in_the_same_sentence_still_does_not_date_what_was_said() -> None:
    found = dated("Officials said on Monday that Vostria rejected the offer of talks.")
    assert found["rejected"] == (DAY, "publication", False)


def test_the_day_of_an_announcement_is_not_the_story_day_of_what_follows() -> None:
    found = dated(
        "Vostrov announced on Monday that he would send envoys to Tarn.\n\n"
        "Freedonian police arrested twelve protesters."
    )
    assert found["arrested"][1] == "publication"
