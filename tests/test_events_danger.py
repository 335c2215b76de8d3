"""A threat made by a thing is a danger, not a threat: "threaten" said of a thing or an
abstraction, or a participle on what is at risk with no one threatening, is marked (sense
cue "danger") and hidden; a threat someone makes stays. Real parses, fictional actors."""

from __future__ import annotations

import datetime as dt

import pytest

import dyad
from dyad.model import Event
from dyad.resolve.confidence import GENERIC_CEILING

pytestmark = pytest.mark.model

DAY = dt.date(2026, 3, 5)


def _events(text: str, event_type: str) -> list[Event]:
    return [e for e in dyad.process(text, date=DAY).events if e.type == event_type]


def _cued(event: Event, rule: str) -> bool:
    return any(c.field == "sense" and c.rule == rule for c in event.cues)


@pytest.mark.parametrize(
    "text",
    [
        "Freedonian critics said Rufus Firefly's xenophobia threatens national security.",
        "The rivals clashed in a debate that threatened to make or break their campaigns.",
        "The new park in Freedonia shelters threatened and endangered species.",
        "Sylvania published a list of the birds threatened by the drought.",
        "The crisis threatens to topple the Freedonian government.",
    ],
)
def test_a_danger_a_thing_poses_is_no_threat(text: str) -> None:
    found = _events(text, "THREATEN")
    assert found, text
    assert all(_cued(e, "danger") and e.confidence <= GENERIC_CEILING for e in found)


@pytest.mark.parametrize(
    "text",
    [
        "The rebels threatened the Freedonian capital with new attacks on Monday.",
        "The pirates who threatened a Sylvanian vessel were arrested on Monday.",
        "Rufus Firefly threatened to impose sanctions on Sylvania on Monday.",
        "The villages threatened by the rebels were evacuated.",
        "The gunmen threatened the villagers near the Sylvanian border.",
    ],
)
def test_a_threat_by_someone_stays(text: str) -> None:
    found = _events(text, "THREATEN")
    assert found, text
    assert not any(_cued(e, "danger") for e in found)
