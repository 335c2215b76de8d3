"""Trigger words beyond the first codebook: reproach and praise, brushing aside, voting down,
rescue, seizing, violence by hand and fire, vigils and walkouts, sit-ins and booing, closing a
deal, campaigning with, embassies, nuclear tests, defeating an enemy, repelling and sinking,
disbursing and propping up, feuds and backlash. Each is read on a real
parse and coded with its PLOVER type. Fictional actors."""

from __future__ import annotations

import datetime as dt

import pytest

import dyad

pytestmark = pytest.mark.model

DAY = dt.date(2026, 3, 5)


def triggers(text: str) -> dict[str, str]:
    """Trigger text -> event type, for every event read in `text`."""
    return {e.evidence[0].trigger.text: e.type for e in dyad.process(text, date=DAY).events}


@pytest.mark.parametrize(
    ("text", "trigger", "event_type"),
    [
        ("Rufus Firefly insulted the Sylvanian ambassador on Monday.", "insulted", "ACCUSE"),
        (
            "Freedonia's president lashed out at Sylvania over the border closure.",
            "lashed out at",
            "ACCUSE",
        ),
        ("Firefly lauded the Sylvanian mediators.", "lauded", "SUPPORT"),
        (
            "The Elbonian governor threw his support behind Firefly.",
            "threw his support behind",
            "SUPPORT",
        ),
    ],
)
def test_words_of_reproach_and_praise(text: str, trigger: str, event_type: str) -> None:
    assert triggers(text).get(trigger) == event_type


@pytest.mark.parametrize(
    ("text", "trigger", "event_type"),
    [
        (
            "The Freedonian senate voted the treaty down on Tuesday.",
            "voted the treaty down",
            "REJECT",
        ),
        ("Firefly shrugged off the Sylvanian criticism.", "shrugged off", "REJECT"),
        (
            "Sylvania's government offered a plan to bail out the three largest banks.",
            "bail out",
            "AID",
        ),
    ],
)
def test_brushing_aside_voting_down_and_rescue(text: str, trigger: str, event_type: str) -> None:
    assert triggers(text).get(trigger) == event_type


@pytest.mark.parametrize(
    ("text", "trigger", "event_type"),
    [
        ("Unknown attackers firebombed a police station in Elbonia.", "firebombed", "ASSAULT"),
        ("The Freedonian navy intercepted a Sylvanian ship.", "intercepted", "COERCE"),
        ("Freedonian police handcuffed the opposition leader.", "handcuffed", "COERCE"),
        ("Supporters held a vigil outside the Elbonian embassy.", "vigil", "PROTEST"),
        ("The union walked out of the talks with Freedonia.", "walked out", "PROTEST"),
    ],
)
def test_material_acts(text: str, trigger: str, event_type: str) -> None:
    assert triggers(text).get(trigger) == event_type


def test_a_thing_locked_up_is_no_arrest() -> None:
    """ "locked up endorsements" wins them: the phrase is left out of the codebook."""
    assert "COERCE" not in triggers("Firefly locked up endorsements from the unions.").values()


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("Firefly has called for the rebels' strongholds in Sylvania to be hit.", "called for"),
        (
            "Freedonian officials have pressed privately for Sylvania to carry out the reforms.",
            "pressed privately for",
        ),
    ],
)
def test_a_request_for_someone_to_act(text: str, trigger: str) -> None:
    """ "called for X to be hit": "for" is read as the mark of the infinitive clause."""
    assert triggers(text).get(trigger) == "REQUEST"


def test_a_purpose_clause_before_the_verb_asks_for_nothing() -> None:
    found = triggers("For the talks to succeed, Firefly called the Sylvanian envoy twice.")
    assert not any(t.startswith("called") and e == "REQUEST" for t, e in found.items())


@pytest.mark.parametrize(
    ("text", "trigger", "event_type"),
    [
        (
            "Opposition lawyers held a sit-in outside the Freedonian parliament on Monday.",
            "sit-in",
            "PROTEST",
        ),
        ("Sylvanian delegates booed the Freedonian envoy off the stage.", "booed", "ACCUSE"),
        ("The Freedonian speech drew boos from the Sylvanian delegates.", "boos", "ACCUSE"),
        ("Sylvania closed a deal with Freedonia on gas transit.", "closed a deal", "AGREE"),
        (
            "The Elbonian governor campaigned with Rufus Firefly in Ohio.",
            "campaigned with",
            "SUPPORT",
        ),
        (
            "Sylvania established an embassy in Freedonia on Monday.",
            "established an embassy",
            "SUPPORT",
        ),
        ("Freedonia carried out a nuclear test on Sunday.", "nuclear test", "MOBILIZE"),
        (
            "The Sylvanian farmers union came out against the trade bill.",
            "came out against",
            "REJECT",
        ),
        ("The Freedonian army vowed to defeat the rebels before winter.", "defeat", "ASSAULT"),
    ],
)
def test_protest_verdicts_deals_and_force(text: str, trigger: str, event_type: str) -> None:
    assert triggers(text).get(trigger) == event_type


def test_a_candidate_defeated_is_an_election_and_a_bill_a_vote() -> None:
    """ "defeat" between candidates is an election (hidden), a bill defeated no assault."""
    primary = dyad.process(
        "Senator Rufus Firefly defeated Senator Ravelli in the primary.", date=DAY
    ).events
    assert [e.type for e in primary] == ["ASSAULT"]
    assert any(c.rule == "election" for c in primary[0].cues)
    assert primary[0].confidence <= 0.1
    assert (
        "ASSAULT"
        not in triggers("The Freedonian senate defeated the tax bill on Tuesday.").values()
    )


def test_a_protest_named_with_no_one_leading_it_is_shown() -> None:
    """A protest a report names has nearly always happened: shown by default even when no
    one is named as its actor."""
    from dyad.query import shown_confidence
    from dyad.settings import load_settings

    text = "Police fired tear gas during a protest outside the Sylvanian embassy on Friday."
    protests = [e for e in dyad.process(text, date=DAY).events if e.type == "PROTEST"]
    assert [e.evidence[0].trigger.text for e in protests] == ["protest"]
    assert protests[0].confidence >= shown_confidence(load_settings())


@pytest.mark.parametrize(
    ("text", "trigger", "event_type"),
    [
        ("The Freedonian navy sank a pirate skiff off the coast.", "sank", "ASSAULT"),
        ("Sylvanian troops repulsed an attack on the border post.", "repulsed", "ASSAULT"),
        (
            "The World Bank disbursed the first tranche of aid to Freedonia.",
            "disbursed",
            "AID",
        ),
        ("Sylvania has propped up the Freedonian regime for years.", "propped up", "AID"),
        (
            "Rufus Firefly feuded with the Sylvanian president over the border.",
            "feuded",
            "ACCUSE",
        ),
        ("The decision drew a backlash from opposition parties.", "backlash", "ACCUSE"),
    ],
)
def test_force_turned_back_money_given_and_quarrels(
    text: str, trigger: str, event_type: str
) -> None:
    assert triggers(text).get(trigger) == event_type


def test_chances_sunk_are_no_attack() -> None:
    assert "ASSAULT" not in triggers("The new poll sank his chances.").values()
