"""A date the sentence states dates the events of its other clauses when it fits their tense;
the time of a saying never dates what was said. Real parses, fictional actors."""

from __future__ import annotations

import datetime as dt

import pytest

import dyad

pytestmark = pytest.mark.model

DAY = dt.date(2026, 8, 17)


def dated(text: str) -> dict[str, tuple[dt.date | None, str]]:
    out = {}
    for event in dyad.process(text, date=DAY).events:
        trigger = event.evidence[0].trigger
        out[text[trigger.start : trigger.end]] = (event.date, event.date_source)
    return out


def test_a_past_date_of_the_sentence_dates_an_event_of_a_relative_clause() -> None:
    found = dated(
        "In 2023, Sylvanian hackers hijacked the agency's account, posting false reports "
        "of explosions that had injured the Freedonian president."
    )
    assert found["injured"] == (dt.date(2023, 1, 1), "text")


def test_the_time_of_a_saying_does_not_date_what_was_said() -> None:
    found = dated("Officials said on Monday that Vostria rejected the offer of talks.")
    assert found["rejected"] == (DAY, "publication")


def test_a_past_date_does_not_date_a_planned_event() -> None:
    found = dated("Last month Freedonia said it will meet Sylvania in Geneva.")
    assert found["meet"][1] != "text" or found["meet"][0] > DAY


def test_a_deck_under_a_headline_does_not_date_the_headline() -> None:
    found = dated(
        "Vostria rebuts Freedonian criticism on trade;\n"
        "Investment, official says, helped the region after the 2008 crisis.\n\n"
        "Vostria on Monday rejected the criticism."
    )
    assert found["criticism"][0] != dt.date(2008, 1, 1)


def test_an_undated_text_dates_events_against_its_dateline() -> None:
    text = (
        "Riots in Vostria\nSaturday , March 9 , 2013\n"
        "Police clashed with students in Tarn on Saturday .\n"
        "Two days later , Freedonia condemned the police ."
    )
    found = {
        text[e.evidence[0].trigger.start : e.evidence[0].trigger.end]: e.date
        for e in dyad.process(text).events
    }
    assert found["condemned"] == dt.date(2013, 3, 11)
