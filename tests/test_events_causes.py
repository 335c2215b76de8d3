"""Harm with no political doer, pleas in court, and tallies over time: what a reader would not
call one political event is marked and hidden by default. Real parses, fictional names."""

from __future__ import annotations

import datetime as dt

import pytest

import dyad
from dyad.model import Event
from dyad.query import shown_confidence
from dyad.settings import load_settings

pytestmark = pytest.mark.model

DAY = dt.date(2026, 3, 5)
SHOWN = shown_confidence(load_settings())


def _of_type(text: str, event_type: str) -> list[Event]:
    events = [e for e in dyad.process(text, date=DAY).events if e.type == event_type]
    assert events, f"no {event_type} in {text!r}"
    return events


def _rules(event: Event, field: str) -> set[str]:
    return {c.rule for c in event.cues if c.field == field}


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        ("Ruritania's cholera outbreak killed 292 people in the north.", "ASSAULT"),
        ("A wildfire killed twelve villagers in southern Elbonia on Monday.", "ASSAULT"),
        ("The old Firefly warehouse burns in Palmer.", "COERCE"),
    ],
)
def test_a_disease_or_a_fire_is_no_attacker(text: str, event_type: str) -> None:
    for event in _of_type(text, event_type):
        assert "accident" in _rules(event, "sense")
        assert event.confidence < SHOWN


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        ("Sylvanian troops burned the village of Osterlich on Monday.", "COERCE"),
        ("Ruritania's army killed twelve rebels near the border on Monday.", "ASSAULT"),
    ],
)
def test_an_act_of_force_by_an_actor_is_no_accident(text: str, event_type: str) -> None:
    for event in _of_type(text, event_type):
        assert "accident" not in _rules(event, "sense")


@pytest.mark.parametrize(
    "text",
    [
        "Rufus Firefly pleaded not guilty to the charges on Monday.",
        "Chicolini Ravelli, 21, pleaded guilty to two counts of fraud in Fredonia court.",
    ],
)
def test_a_plea_in_court_is_no_request(text: str) -> None:
    for event in _of_type(text, "REQUEST"):
        assert "plea" in _rules(event, "sense")
        assert event.confidence < SHOWN


def test_pleading_with_someone_stays_a_request() -> None:
    text = "Rufus Firefly pleaded with the Sylvanian minister to stop the war."
    for event in _of_type(text, "REQUEST"):
        assert "plea" not in _rules(event, "sense")


@pytest.mark.parametrize(
    "text",
    [
        "Sacked worker Rufus Firefly shot three former colleagues at the plant on Monday.",
        "Chicolini Ravelli shot his neighbour at their home in Fredonia City on Monday.",
    ],
)
def test_violence_between_private_persons_is_hidden(text: str) -> None:
    assert all(e.confidence < SHOWN for e in _of_type(text, "ASSAULT"))


@pytest.mark.parametrize(
    "text",
    [
        "Rufus Firefly shot the mayor of Fredonia City on Monday.",
        "Gunmen shot dead a Sylvanian police officer on Monday.",
        "Elbonian rebels killed twelve villagers near the border on Monday.",
    ],
)
def test_violence_with_a_political_side_stays_shown(text: str) -> None:
    assert any(e.confidence >= SHOWN for e in _of_type(text, "ASSAULT"))


@pytest.mark.parametrize(
    ("text", "event_type", "generic"),
    [
        ("Rufus Firefly was the 28th journalist killed in Elbonia since 2003.", "ASSAULT", True),
        ("Sylvanian police detained 400 protesters over the past week.", "COERCE", True),
        ("Sylvanian police detained 40 protesters in the capital on Monday.", "COERCE", False),
        ("Rufus Firefly was the first minister arrested by the junta.", "COERCE", False),
    ],
)
def test_a_tally_over_time_is_marked_generic(text: str, event_type: str, generic: bool) -> None:
    marked = ["many-happenings" in _rules(e, "generic") for e in _of_type(text, event_type)]
    assert any(marked) is generic


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        ("Rufus Firefly attended a protest in the Sylvanian capital on Monday.", "PROTEST"),
        ("Rufus Firefly participated in the strike at the Fredonia port on Monday.", "PROTEST"),
    ],
)
def test_taking_part_takes_the_type_of_what_is_taken_part_in(text: str, event_type: str) -> None:
    events = dyad.process(text, date=DAY).events
    assert "CONSULT" not in {e.type for e in events}
    assert any(e.type == event_type and e.actors for e in events)


def test_attending_a_meeting_stays_a_consultation() -> None:
    text = "Rufus Firefly attended a meeting with the Sylvanian premier in Geneva on Monday."
    assert "CONSULT" in {e.type for e in dyad.process(text, date=DAY).events}


@pytest.mark.parametrize(
    "text",
    [
        "Ten people were killed and 50 injured when an earthquake razed villages in Elbonia.",
        "Rufus Firefly was killed on Monday when she was struck by a car outside the store.",
    ],
)
def test_a_killing_told_by_how_a_thing_came_about_is_an_accident(text: str) -> None:
    killings = [e for e in _of_type(text, "ASSAULT") if e.evidence[0].trigger.text == "killed"]
    assert killings and all("accident" in _rules(e, "sense") for e in killings)


def test_a_killing_told_by_an_attack_is_no_accident() -> None:
    text = "Two soldiers were killed when they were attacked by Elbonian rebels near the border."
    assert all("accident" not in _rules(e, "sense") for e in _of_type(text, "ASSAULT"))


def test_attending_an_institution_is_no_meeting() -> None:
    text = "Rufus Firefly and his family will attend church in Fredonia City on Sunday."
    for event in _of_type(text, "CONSULT"):
        assert "thing-object" in _rules(event, "sense")


@pytest.mark.parametrize(
    "text",
    [
        "Rufus Firefly will attend the summit in Geneva on Monday.",
        "Rufus Firefly attended talks with the Sylvanian premier in Geneva.",
    ],
)
def test_attending_a_meeting_is_not_meeting_a_thing(text: str) -> None:
    for event in _of_type(text, "CONSULT"):
        assert "thing-object" not in _rules(event, "sense")


def test_a_thing_beside_a_doer_makes_no_accident() -> None:
    text = "Pirates on a dhow and a smaller boat attacked the Sylvanian merchant ship on Monday."
    assert all("accident" not in _rules(e, "sense") for e in _of_type(text, "ASSAULT"))


def test_welcomed_into_a_thing_is_no_support() -> None:
    for event in _of_type("Rufus Firefly was welcomed into the prestigious club.", "SUPPORT"):
        assert "admission" in _rules(event, "sense")
        assert event.confidence < SHOWN


def test_welcomed_into_an_actor_stays_support() -> None:
    text = "Freedonia welcomed the Sylvanian premier into the European Union on Monday."
    for event in _of_type(text, "SUPPORT"):
        assert "admission" not in _rules(event, "sense")
