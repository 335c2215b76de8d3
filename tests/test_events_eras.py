"""An event the sentence places in an earlier era by the year in a happening's name ("during
the 1967 Six-Day War") is historical, though that year is no date of its own; a recent year
is not enough. Real parses, fictional actors."""

from __future__ import annotations

import datetime as dt

import pytest

import dyad

pytestmark = pytest.mark.model

DAY = dt.date(2026, 3, 5)


def events(text: str):
    return dyad.process(text, date=DAY).events


def test_a_year_in_the_name_of_a_past_war_makes_the_event_historical() -> None:
    text = "Israel captured the Golan Heights from Syria during the 1967 Six-Day War."
    captured = next(e for e in events(text) if e.evidence[0].trigger.text == "captured")
    assert captured.historical
    # the year decides it: as a time of the clause or, where no time is found, as an era
    assert [c.span.text for c in captured.cues if c.field == "historical"] == ["1967"]


def test_an_event_with_no_era_stays_current() -> None:
    text = "Israel captured the Golan Heights from Syria on Monday."
    captured = next(e for e in events(text) if e.evidence[0].trigger.text == "captured")
    assert not captured.historical
