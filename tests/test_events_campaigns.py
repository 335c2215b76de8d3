"""Harm that is no political act: an act of force lasting weeks or more is a campaign of
many acts ("Israel's three-week offensive"), marked generic and hidden, while a single act or
a meeting of a few hours is not; destruction a thing caused ("a fire destroyed the
warehouse") is an accident; an attack of illness is no attack. Real parses, fictional
actors."""

from __future__ import annotations

import datetime as dt

import pytest

import dyad
from dyad.model import Event

pytestmark = pytest.mark.model

DAY = dt.date(2026, 3, 5)


def first(text: str, event_type: str) -> Event:
    return next(e for e in dyad.process(text, date=DAY).events if e.type == event_type)


def generic(event: Event) -> bool:
    return any(c.field == "generic" for c in event.cues)


@pytest.mark.parametrize(
    "text",
    [
        "Rufus spoke days after Sylvania's three-week offensive in Elbonia ended.",
        "Freedonia condemned Sylvania's two-year offensive against Elbonia.",
    ],
)
def test_an_offensive_lasting_weeks_is_a_campaign(text: str) -> None:
    event = first(text, "ASSAULT")
    assert generic(event)
    assert event.confidence <= 0.1


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        ("Sylvanian troops launched an offensive in Elbonia on Monday.", "ASSAULT"),
        ("Israel and Egypt held a two-hour meeting in Cairo.", "CONSULT"),
    ],
)
def test_one_act_or_a_short_meeting_is_no_campaign(text: str, event_type: str) -> None:
    assert not generic(first(text, event_type))


@pytest.mark.parametrize(
    "text",
    [
        "A fire on Tuesday destroyed the historic dairy warehouse in Palmer.",
        "The storm destroyed hundreds of homes in Elbonia.",
    ],
)
def test_destruction_by_a_thing_is_an_accident(text: str) -> None:
    event = first(text, "COERCE")
    assert "accident" in {c.rule for c in event.cues if c.field == "sense"}
    assert event.confidence <= 0.1


def test_destruction_by_troops_stays() -> None:
    event = first("Sylvanian troops destroyed the Elbonian border post on Monday.", "COERCE")
    assert event.mode == "destroy"
    assert not [c for c in event.cues if c.rule == "accident"]


def test_an_attack_of_illness_is_no_event() -> None:
    events = dyad.process("The actress died a week after suffering a heart attack.", date=DAY)
    assert not [e for e in events.events if e.evidence[0].trigger.text == "attack"]
    rocket = first("Rufus Firefly died after a rocket attack on his convoy.", "ASSAULT")
    assert rocket.evidence[0].trigger.text == "attack"
