"""A permission for another's act ("allowed Assad to remain in power") is no concession of
the one who allows: marked (sense cue "permission") and hidden; access or aid allowed, and
an easing with no infinitive of another's act, stay. A slogan with no finite verb ("Demanding
equality.") names an activity and is hidden too. Real parses, fictional actors."""

from __future__ import annotations

import datetime as dt

import pytest

import dyad
from dyad.model import Event
from dyad.resolve.confidence import GENERIC_CEILING

pytestmark = pytest.mark.model

DAY = dt.date(2026, 3, 5)


def _concessions(text: str) -> list[Event]:
    return [e for e in dyad.process(text, date=DAY).events if e.type == "CONCEDE"]


def _marked(event: Event) -> bool:
    return any(c.field == "sense" and c.rule == "permission" for c in event.cues)


@pytest.mark.parametrize(
    "text",
    [
        "The deal would allow the Sylvanians to receive the cargo at the port.",
        "Rufus Firefly is allowed to remain in power in Freedonia.",
        "Freedonian liberals allowed the unrest to flourish last year.",
    ],
)
def test_a_permission_of_another_act_is_hidden(text: str) -> None:
    found = _concessions(text)
    assert found
    assert all(_marked(e) and e.confidence <= GENERIC_CEILING for e in found)


@pytest.mark.parametrize(
    "text",
    [
        "Sylvania eased the curfew in Freedonia City on Monday.",
        "Sylvania lifted the restrictions on Freedonian traders on Monday.",
    ],
)
def test_an_easing_of_ones_own_is_not_marked(text: str) -> None:
    found = _concessions(text)
    assert found
    assert not any(_marked(e) for e in found)


def _requests(text: str) -> list[Event]:
    return [e for e in dyad.process(text, date=DAY).events if e.type == "REQUEST"]


def test_a_slogan_with_no_finite_verb_is_hidden() -> None:
    found = _requests("Protesters marched through Freedonia City on Monday. Demanding equality.")
    assert found
    slogan = [e for e in found if any(c.rule == "slogan" for c in e.cues)]
    assert slogan and slogan[0].confidence <= GENERIC_CEILING


def test_a_demand_told_in_a_clause_is_no_slogan() -> None:
    found = _requests("Freedonian protesters were demanding equality in the capital on Monday.")
    assert found
    assert not any(c.rule == "slogan" for e in found for c in e.cues)
