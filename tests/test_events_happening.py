"""Whether a sentence tells of a happening at all, on the structures campaign news is full
of: what can be done (an ability), a rally where a candidate speaks. Real parses, fictional
actors."""

from __future__ import annotations

import datetime as dt

import pytest

import dyad
from dyad.model import Event

pytestmark = pytest.mark.model

DAY = dt.date(2026, 3, 5)


def _events(text: str, event_type: str) -> list[Event]:
    return [e for e in dyad.process(text, date=DAY).events if e.type == event_type]


def _generic(event: Event) -> bool:
    return any(c.field == "generic" for c in event.cues)


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        ("Students at the Freedonia school can participate in chorus and drama.", "CONSULT"),
        ("The faster we can offer some relief to Sylvania, the better.", "AGREE"),
        ("Senator Firefly said Freedonia cannot allow Sylvanian troops to stay.", "CONCEDE"),
    ],
)
def test_what_can_be_done_is_no_happening(text: str, event_type: str) -> None:
    from dyad.resolve.confidence import GENERIC_CEILING

    found = _events(text, event_type)
    assert found, text
    assert all(_generic(e) and e.confidence <= GENERIC_CEILING for e in found)


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        # one possible happening, not an ability
        ("Freedonia could impose sanctions on Sylvania next week.", "SANCTION"),
        ("Freedonia imposed sanctions on Sylvania on Monday.", "SANCTION"),
        # "can" in a clause of its own does not reach the trigger's
        ("Freedonia, which can veto any motion, met Sylvanian envoys on Monday.", "CONSULT"),
    ],
)
def test_a_possible_or_actual_happening_is_not_an_ability(text: str, event_type: str) -> None:
    found = _events(text, event_type)
    assert found, text
    assert not any(_generic(e) for e in found)


def test_a_rally_where_words_are_reported_said_is_no_protest() -> None:
    said = "Senator Rufus Firefly said Sylvania was the enemy of Freedonia at a Freedonia rally."
    assert not _events(said, "PROTEST")
    # a rally that holds a reported act keeps it
    marched = "Senator Rufus Firefly said students gathered at a rally against the new tax."
    assert _events(marched, "PROTEST")


@pytest.mark.parametrize(
    ("text", "generic"),
    [
        ("Rufus Firefly wants lower taxes, although he supports keeping troops in Sylvania.", True),
        ("It raises questions as to whether Senator Firefly still supports the treaty.", True),
        # a heading tells of the past in the present
        ("Senator Firefly endorses Rufus T. Firefly for president.", False),
        # words reported: what he said, on the day he said it
        ("Senator Firefly said on Monday that he supports the Freedonian president.", False),
    ],
)
def test_an_attitude_in_the_simple_present_is_no_happening(text: str, generic: bool) -> None:
    found = _events(text, "SUPPORT")
    assert found, text
    assert any(_generic(e) for e in found) is generic


@pytest.mark.parametrize(
    ("text", "event_type", "other"),
    [
        # a court strikes a law down: a ruling against it, no violence
        (
            "The Freedonian supreme court struck down the election law on Monday.",
            "REJECT",
            "ASSAULT",
        ),
        # a lawsuit joined, not a war
        ("The Freedonian justice ministry joined the court fight on Monday.", "ACCUSE", "ASSAULT"),
        # a judgement of someone, not a refusal of anything
        (
            "Senator Firefly on Tuesday dismissed Governor Rufus as an ineffective leader.",
            "ACCUSE",
            "REJECT",
        ),
    ],
)
def test_a_phrase_decides_the_type(text: str, event_type: str, other: str) -> None:
    assert _events(text, event_type), text
    assert not _events(text, other), text


def test_the_plain_senses_stay() -> None:
    assert _events("Sylvanian troops struck the border post on Monday.", "ASSAULT")
    assert _events("Sylvania dismissed the Freedonian proposal on Monday.", "REJECT")
    assert _events("Senator Firefly dismissed the report as nonsense.", "REJECT")


@pytest.mark.parametrize(
    ("text", "election"),
    [
        ("In hypothetical match-ups, Senator Firefly would beat Governor Rufus T. Firefly.", True),
        ("Senator Firefly said he was the only candidate who would beat Governor Chicolini.", True),
        # force by the police, or by a kind of people, on a person stays violence
        ("Sylvanian police beat Senator Rufus Firefly outside the parliament on Monday.", False),
        ("Soldiers beat the protesters in the square on Monday.", False),
    ],
)
def test_a_candidate_beating_another_is_an_election(text: str, election: bool) -> None:
    from dyad.resolve.confidence import GENERIC_CEILING

    found = _events(text, "ASSAULT")
    assert found, text
    marked = [any(c.field == "sense" and c.rule == "election" for c in e.cues) for e in found]
    assert any(marked) is election
    assert all(e.confidence <= GENERIC_CEILING for e in found) is election


def test_beating_a_thing_is_no_violence() -> None:
    found = _events(
        "Senator Firefly said he beat expectations in the Freedonia primary.", "ASSAULT"
    )
    assert found
    assert all(any(c.rule == "thing-object" for c in e.cues) for e in found)


@pytest.mark.parametrize(
    ("text", "event_type", "hidden"),
    [
        # a danger or a stance as a topic: no one gives it, no one gets it
        (
            "The Freedonian government is not forthcoming regarding the terror threat.",
            "THREATEN",
            True,
        ),
        ("Freedonia must confront threats like Sylvania.", "THREATEN", True),
        # whose it is, or what it would do, is said
        ("Sylvania's threat to invade Freedonia alarmed the region on Monday.", "THREATEN", False),
        ("The threat from Sylvania alarmed the region on Monday.", "THREATEN", False),
        ("Senator Firefly won the support of Governor Chicolini on Monday.", "SUPPORT", False),
    ],
)
def test_support_or_a_threat_with_no_party_is_a_topic(
    text: str, event_type: str, hidden: bool
) -> None:
    from dyad.resolve.confidence import GENERIC_CEILING

    found = _events(text, event_type)
    assert found, text
    assert all(e.confidence <= GENERIC_CEILING for e in found) is hidden


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        ("Voters backed Rufus Firefly in the Sylvanian primary on Tuesday.", "SUPPORT"),
        ("Fifty-two percent of Republicans support Senator Firefly, a poll found.", "SUPPORT"),
        ("Most Democrats favor Senator Firefly over Governor Chicolini.", "SUPPORT"),
        ("Senator Firefly captured 52 percent of the vote in Sylvania.", "COERCE"),
        ("Senator Firefly captured most of the delegates in Sylvania.", "COERCE"),
        ("Senator Firefly carried Sylvania and captured Freedonia on Tuesday.", "COERCE"),
    ],
)
def test_votes_cast_or_counted_are_an_election(text: str, event_type: str) -> None:
    from dyad.resolve.confidence import GENERIC_CEILING

    found = _events(text, event_type)
    assert found, text
    assert all(any(c.rule == "election" for c in e.cues) for e in found), text
    assert all(e.confidence <= GENERIC_CEILING for e in found), text


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        ("Senator Firefly backed the Sylvanian plan on Monday.", "SUPPORT"),
        ("Three hundred soldiers backed the coup in Freedonia.", "SUPPORT"),
        ("Rebels captured Sylvania City on Monday.", "COERCE"),
        ("The Freedonian army captured 300 soldiers on Monday.", "COERCE"),
        # a head of government taking a place is a seizure, not a count of votes
        ("President Firefly of Freedonia annexed Sylvania on Monday.", "COERCE"),
    ],
)
def test_support_and_capture_by_political_actors_stay(text: str, event_type: str) -> None:
    found = _events(text, event_type)
    assert found, text
    assert not any(any(c.rule == "election" for c in e.cues) for e in found), text
