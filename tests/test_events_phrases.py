"""Multi-word triggers read on the dependency tree: a verb's active subject is not its
object ("the talks ended" ends no talks), the noun a verb's clause describes is ("a deal
that he struck", "the sanctions imposed on"), and signing a treaty is an agreement. Real
parses, fictional actors."""

from __future__ import annotations

import datetime as dt

import pytest

import dyad
from dyad.model import Event

pytestmark = pytest.mark.model

DAY = dt.date(2026, 3, 5)


def events(text: str) -> tuple[Event, ...]:
    return dyad.process(text, date=DAY).events


def types(text: str) -> set[str]:
    return {e.type for e in events(text)}


def test_talks_that_end_are_talks_that_happened_not_a_sanction() -> None:
    found = events("The talks between Freedonia and Sylvania ended without an agreement on Friday.")
    assert "SANCTION" not in {e.type for e in found}
    talks = [e for e in found if e.type == "CONSULT"]
    assert [e.evidence[0].trigger.text for e in talks] == ["talks"]
    agreement = next(e for e in found if e.type == "AGREE")
    assert agreement.polarity == "negated"


@pytest.mark.parametrize(
    "text",
    [
        "Talks between Freedonia and Sylvania ended in Geneva on Monday.",
        "The talks that ended on Friday had lasted a week.",
    ],
)
def test_an_event_noun_as_the_subject_of_ending_is_no_sanction(text: str) -> None:
    assert "SANCTION" not in types(text)
    assert "CONSULT" in types(text)


def test_a_side_that_ends_the_talks_still_breaks_them_off() -> None:
    found = [e for e in events("Freedonia ended the talks with Sylvania on Friday.")]
    assert [(e.type, e.mode) for e in found] == [("SANCTION", "withdraw")]


@pytest.mark.parametrize(
    "text",
    [
        "Rufus reneged on a deal that he struck with Firefly last year.",
        "Rufus honoured the deal he struck with Firefly.",
    ],
)
def test_a_deal_struck_in_a_relative_clause_is_an_agreement(text: str) -> None:
    found = events(text)
    assert "ASSAULT" not in {e.type for e in found}
    deal = next(e for e in found if e.type == "AGREE")
    assert deal.evidence[0].trigger.text.startswith("deal")
    assert deal.evidence[0].trigger.text.endswith("struck")


def test_sanctions_imposed_in_a_participle_clause_are_imposed_not_acting() -> None:
    found = events("The sanctions imposed on Sylvania by Freedonia hurt its economy.")
    sanction = next(e for e in found if e.type == "SANCTION")
    assert sanction.mode == "restrict"
    assert sanction.evidence[0].trigger.text == "sanctions imposed"
    assert not [c for c in sanction.cues if c.rule == "thing-subject"]


@pytest.mark.parametrize(
    "text",
    [
        "Freedonia and Sylvania signed a peace treaty on Monday.",
        "Sylvania signed an agreement with Freedonia on border trade.",
    ],
)
def test_signing_a_treaty_is_an_agreement(text: str) -> None:
    assert "AGREE" in types(text)
    assert "SUPPORT" not in types(text)


def _opening(text: str) -> list[Event]:
    return [e for e in events(text) if e.type == "RETREAT"]


@pytest.mark.parametrize(
    "text",
    [
        "Rufus Firefly will never abandon his dedication to open borders.",
        "Sylvanian liberals have long argued for open borders with Freedonia.",
    ],
)
def test_an_adjective_spelt_like_the_verb_names_a_state_not_an_act(text: str) -> None:
    from dyad.resolve.confidence import GENERIC_CEILING

    found = _opening(text)
    assert found, text
    assert all(e.confidence <= GENERIC_CEILING for e in found)
    assert all(any(c.rule == "adjective" for c in e.cues) for e in found)


@pytest.mark.parametrize(
    "text",
    [
        "Freedonia will open its borders to Sylvanian trucks next week.",
        "Sylvania opened the border with Freedonia on Monday.",
    ],
)
def test_opening_a_border_is_an_act(text: str) -> None:
    found = _opening(text)
    assert found, text
    assert not any(c.rule == "adjective" for e in found for c in e.cues)
