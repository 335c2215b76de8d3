"""Everyday senses of trigger words: the arguments' kind is read and kept as a "sense" cue,
and "decline" alone (a falling price) is no refusal. Real parses, fictional actors."""

from __future__ import annotations

import datetime as dt

import pytest

import dyad

pytestmark = pytest.mark.model

DAY = dt.date(2026, 3, 5)


def senses(text: str) -> dict[str, list[str]]:
    """Event type -> the sense cues of its first event in `text`."""
    out: dict[str, list[str]] = {}
    for event in dyad.process(text, date=DAY).events:
        out.setdefault(event.type, [c.rule for c in event.cues if c.field == "sense"])
    return out


@pytest.mark.parametrize(
    ("text", "event_type", "rule"),
    [
        ("Freedonia must meet the emission limits by 2030.", "CONSULT", "thing-object"),
        ("The fees charged by the bank rose sharply.", "ACCUSE", "thing-subject"),
        ("A poll showed Rufus would beat Firefly 46 to 40 percent.", "ASSAULT", "number-argument"),
        ("Meet the robots serving tea in Sylvania.", "CONSULT", "imperative"),
    ],
)
def test_an_argument_that_cannot_be_a_political_actor_is_marked(
    text: str, event_type: str, rule: str
) -> None:
    assert rule in senses(text)[event_type]


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        ("Freedonia's president met the Sylvanian foreign minister in Geneva.", "CONSULT"),
        ("The bombing killed twelve soldiers in Elbonia on Monday.", "ASSAULT"),
        ("Sylvanian troops attacked the border post on Monday.", "ASSAULT"),
    ],
)
def test_political_arguments_are_not_marked(text: str, event_type: str) -> None:
    assert senses(text)[event_type] == []


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        ("Those divisions shaped the federation's resolve not to endorse Firefly.", "SUPPORT"),
        ("Freedonia unveiled a plan to attack the rebels in Sylvania.", "ASSAULT"),
        ("Firefly repeated a false claim that he opposed the Sylvanian invasion.", "REJECT"),
    ],
)
def test_a_noun_with_a_clause_about_it_does_not_act(text: str, event_type: str) -> None:
    """An infinitive or a clause with its own subject says what the noun is about: the
    plan does not attack, the claim does not oppose."""
    assert "thing-subject" not in senses(text)[event_type]


def test_decline_needs_an_object_or_an_infinitive_to_be_a_refusal() -> None:
    assert "REJECT" not in senses("Freedonian exports are declining.")
    assert "REJECT" in senses("Freedonia declined to send a delegation.")
    assert "REJECT" in senses("Sylvania declined the offer of talks.")


@pytest.mark.parametrize(
    ("text", "event_type", "actor"),
    [
        (
            "Turkish forces carried out a series of airstrikes against the rebels.",
            "ASSAULT",
            "Turkish",
        ),
        (
            "Rufus Firefly, who met the Elbonian envoy in Geneva, praised the talks.",
            "CONSULT",
            "Firefly",
        ),
        (
            "Sylvania's envoy and his Turkish counterpart Ahmet Kaya discussed the water intake.",
            "CONSULT",
            "Ahmet Kaya",
        ),
    ],
)
def test_the_actor_is_found_through_amounts_relative_clauses_and_appositions(
    text: str, event_type: str, actor: str
) -> None:
    events = [e for e in dyad.process(text, date=DAY).events if e.type == event_type]
    assert events and any(actor in a.span.text for a in events[0].actors)


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        ("Senator Rufus Firefly attacked the Sylvanian ambassador in a speech.", "ACCUSE"),
        ("Turkish troops attacked the border post on Monday.", "ASSAULT"),
        ("Militants attacked a police post in Kabul.", "ASSAULT"),
    ],
)
def test_an_attack_by_people_who_bear_no_arms_is_spoken(text: str, event_type: str) -> None:
    assert event_type in senses(text)


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        ("Freedonian troops besieged the rebels in the northern hills on Monday.", "ASSAULT"),
        ("Freedonian forces purged the valley of rebels.", "ASSAULT"),
        ("Freedonian police besieged the offices of the Sylvania Gazette on Monday.", "COERCE"),
        ("Freedonia destroyed the Sylvanian embassy's archives on Monday.", "COERCE"),
    ],
)
def test_a_restriction_done_to_people_who_bear_arms_is_force(text: str, event_type: str) -> None:
    assert event_type in senses(text)


@pytest.mark.parametrize(
    ("text", "generic"),
    [
        ("Since 2019 hundreds of people have been killed in attacks in Elbonia.", True),
        ("Sylvanian police routinely arrest protesters in the capital.", True),
        ("Sylvanian police arrested twelve protesters in the capital on Monday.", False),
        # a standing property in a present-tense relative clause
        ("Rufus Firefly, a senator who supports the Freedonian premier, resigned.", True),
        # a count of acts
        ("Elbonian rebels carried out two attacks on army posts in 2019 and 2020.", True),
        ("Elbonian rebels carried out dozens of attacks on army posts.", True),
        # a record, not a span: the first time since
        ("Sylvanian troops attacked the border post for the first time since 1990.", False),
        # a span word in a clause below the trigger's
        ("Freedonia condemned the arrest of a man who has not voted since 2008.", False),
        # the adverb qualifies an adjective, not the happening
        ("Sylvanian police arrested twelve often violent protesters on Monday.", False),
    ],
)
def test_many_happenings_are_marked_generic(text: str, generic: bool) -> None:
    events = dyad.process(text, date=DAY).events
    assert events
    marked = [any(c.field == "generic" for c in e.cues) for e in events]
    assert any(marked) is generic


def test_an_event_marked_generic_is_hidden_by_default() -> None:
    from dyad.query import shown_confidence
    from dyad.resolve.confidence import GENERIC_CEILING
    from dyad.settings import load_settings

    shown = shown_confidence(load_settings())
    assert shown > GENERIC_CEILING
    text = "Sylvanian police routinely arrest protesters in the capital."
    events = dyad.process(text, date=DAY).events
    generic = [e for e in events if any(c.field == "generic" for c in e.cues)]
    assert generic
    assert all(e.confidence <= GENERIC_CEILING for e in generic)
    single = "Sylvanian police arrested twelve protesters in the capital on Monday."
    assert any(e.confidence >= shown for e in dyad.process(single, date=DAY).events)


def _types(text: str) -> list[str]:
    return [e.type for e in dyad.process(text, date=DAY).events]


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("Rufus Firefly faced questions about the sanctions.", "SANCTION"),
        ("Rufus Firefly faced questions about the agreement.", "AGREE"),
        ("Markets fell on uncertainty over the negotiations.", "CONSULT"),
        ("The debate over the ceasefire divided the Freedonian parliament.", "RETREAT"),
        ("The senators focused on the threat of terrorism.", "THREATEN"),
    ],
)
def test_an_event_noun_that_only_names_a_topic_is_no_event(text: str, absent: str) -> None:
    assert absent not in _types(text)


@pytest.mark.parametrize(
    ("text", "present"),
    [
        # a party, a relative clause or a doer tells of the happening itself
        ("Rufus Firefly faced questions about the agreement Sylvania signed in May.", "AGREE"),
        ("Rufus Firefly faced questions about the sanctions Sylvania imposed in May.", "SANCTION"),
        ("Firefly faced questions about the talks between Freedonia and Sylvania.", "CONSULT"),
        ("Reporters asked Rufus Firefly about Sylvania's invasion of Freedonia.", "ASSAULT"),
    ],
)
def test_an_event_noun_told_as_happening_stays(text: str, present: str) -> None:
    assert present in _types(text)


def test_the_same_nouns_are_events_outside_a_topic() -> None:
    assert "SANCTION" in _types("Sylvania imposed the sanctions on Monday.")
    assert "RETREAT" in _types("The ceasefire held in Elbonia on Monday.")
    assert "CONSULT" in _types("The negotiations resumed in Geneva on Monday.")


def _consult(text: str) -> list[tuple[set[str], float]]:
    return [
        ({c.rule for c in e.cues if c.field == "sense"}, e.confidence)
        for e in dyad.process(text, date=DAY).events
        if e.type == "CONSULT"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The Freedonian party's general board meets on June 16.",
        "Rufus Firefly was invited to attend as well.",
        "Rufus Firefly discussed one of his proposals on the radio.",
    ],
)
def test_a_consultation_with_no_partner_is_hidden(text: str) -> None:
    from dyad.resolve.confidence import GENERIC_CEILING

    found = _consult(text)
    assert found
    assert all("no-partner" in rules and conf <= GENERIC_CEILING for rules, conf in found)


@pytest.mark.parametrize(
    "text",
    [
        "The Freedonian president met the Sylvanian premier in Geneva on Monday.",
        "The Freedonian and Sylvanian presidents met in Geneva on Monday.",
        "Rufus Firefly and Chicolini met in Geneva on Monday.",
        "Rufus Firefly met with Chicolini in Geneva on Monday.",
        "Sylvania called on both sides to meet for talks.",
        "Rufus Firefly will not participate in the Geneva talks.",
        "Rufus Firefly discussed the border with Chicolini on Monday.",
        "The Freedonian and Sylvanian ministers discussed the border on Monday.",
    ],
)
def test_a_consultation_with_a_partner_is_not_marked(text: str) -> None:
    found = _consult(text)
    assert found
    assert all("no-partner" not in rules for rules, _ in found)


def _cued(text: str, event_type: str) -> tuple[set[str], float] | None:
    events = [e for e in dyad.process(text, date=DAY).events if e.type == event_type]
    if not events:
        return None
    return {c.rule for c in events[0].cues if c.field in ("sense", "generic")}, events[0].confidence


@pytest.mark.parametrize(
    ("text", "event_type", "rule"),
    [
        # a verb whose object is the one it is done to, with a thing as object
        ("Rufus Firefly blamed the slump in grain prices.", "ACCUSE", "thing-object"),
        ("Freedonian police released some of the video footage.", "RETREAT", "thing-object"),
        # a question that only asks whether it happened
        ("Does Sylvania have no choice but to agree to the plan?", "AGREE", "yes-no-question"),
        # an activity kept up, a kind of doers
        ("I have been warning Sylvania throughout this campaign.", "ACCUSE", "many-happenings"),
        ("He spoke of police officers killing unarmed men.", "ASSAULT", "many-happenings"),
        ("No one on his team has ever asked for an endorsement.", "REQUEST", "many-happenings"),
        ("The envoys met to halt the shelling of Freedonia City.", "ASSAULT", "many-happenings"),
    ],
)
def test_no_one_happening_between_actors_is_hidden(text: str, event_type: str, rule: str) -> None:
    from dyad.resolve.confidence import GENERIC_CEILING

    found = _cued(text, event_type)
    assert found is not None
    rules, confidence = found
    assert rule in rules
    assert confidence <= GENERIC_CEILING


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        ("Rufus Firefly blamed Sylvania for the slump in grain prices.", "ACCUSE"),
        ("Freedonian police released the detained journalists on Monday.", "RETREAT"),
        ("Sylvania offered aid to Freedonia on Monday.", "AGREE"),
        ("Why did Sylvania agree to the plan?", "AGREE"),
        ("Freedonian police officers killed two protesters on Monday.", "ASSAULT"),
        ("Rufus Firefly has asked Sylvania for an endorsement.", "REQUEST"),
    ],
)
def test_one_happening_between_actors_is_not_marked(text: str, event_type: str) -> None:
    found = _cued(text, event_type)
    assert found is not None
    rules, _ = found
    assert not rules & {"thing-object", "yes-no-question", "many-happenings"}


@pytest.mark.parametrize(
    "text",
    [
        "A car crash killed three people on the highway near Ruritania City on Monday.",
        "The plane crashed into a mountain, killing all 50 passengers.",
        "Three people were killed when a bus collided with a truck in Elbonia.",
        "A landslide killed 30 villagers in northern Sylvania.",
    ],
)
def test_an_accident_is_no_attack(text: str) -> None:
    from dyad.resolve.confidence import GENERIC_CEILING

    killings = [e for e in dyad.process(text, date=DAY).events if e.type == "ASSAULT"]
    assert killings
    for event in killings:
        assert "accident" in {c.rule for c in event.cues if c.field == "sense"}
        assert event.confidence <= GENERIC_CEILING


@pytest.mark.parametrize(
    "text",
    [
        "A roadside bomb killed five Sylvanian soldiers in Elbonia on Monday.",
        "Five soldiers were killed when a bomb exploded near their convoy.",
        "Elbonian rebels killed twelve soldiers near the border on Monday.",
        "The protester was shot by an off-duty deputy in June.",
    ],
)
def test_a_killing_by_arms_or_people_is_no_accident(text: str) -> None:
    killings = [e for e in dyad.process(text, date=DAY).events if e.type == "ASSAULT"]
    assert killings
    assert all("accident" not in {c.rule for c in e.cues} for e in killings)


def test_firing_someone_from_a_job_is_no_shooting() -> None:
    assert "ASSAULT" not in _types("Freedonia Steel fired its chief executive on Monday.")
    assert "ASSAULT" not in _types("A fire at the factory in Elbonia destroyed the archive.")
    assert "ASSAULT" in _types("Sylvanian troops fired on protesters in the square on Monday.")
    assert "ASSAULT" in _types("Elbonian police opened fire on the crowd.")


@pytest.mark.parametrize(
    ("text", "event_type", "hidden"),
    [
        ("Freedonia Computer released a new operating system on Thursday.", "RETREAT", True),
        ("The deal had been killed by the Freedonian army before the vote.", "ASSAULT", True),
        ("Elbonian police released the detained journalists on Monday.", "RETREAT", False),
        ("Elbonian rebels released two Sylvanian hostages on Tuesday.", "RETREAT", False),
        ("Sylvanian troops killed twelve rebels near the border.", "ASSAULT", False),
    ],
)
def test_a_verb_done_to_people_needs_people_as_object(
    text: str, event_type: str, hidden: bool
) -> None:
    from dyad.resolve.confidence import GENERIC_CEILING

    found = _cued(text, event_type)
    assert found is not None
    rules, confidence = found
    assert ("thing-object" in rules) is hidden
    assert (confidence <= GENERIC_CEILING) is hidden


@pytest.mark.parametrize(
    ("text", "event_type", "hidden"),
    [
        ("Freedonia Airways agreed to lease 100 aircraft from Sylvan Aero.", "AGREE", True),
        ("Sylvan Aero Corp. offered $78 million for the Elbonian plant.", "AGREE", True),
        # a state or a person taking part makes it politics; money for aid is aid
        ("The Freedonian government agreed to buy 100 tanks from Sylvania.", "AGREE", False),
        ("Sylvania offered $78 million in aid to Elbonia.", "AGREE", False),
    ],
)
def test_trade_between_firms_is_hidden(text: str, event_type: str, hidden: bool) -> None:
    from dyad.resolve.confidence import GENERIC_CEILING

    found = _cued(text, event_type)
    assert found is not None
    _, confidence = found
    assert (confidence <= GENERIC_CEILING) is hidden


def test_a_rally_where_a_person_speaks_is_no_protest() -> None:
    text = "Senator Rufus Firefly told a Freedonia City rally that taxes would fall."
    assert "PROTEST" not in _types(text)
    assert "PROTEST" in _types(
        "Thousands of Freedonians rallied against the new tax in the capital."
    )


def rejections(text: str) -> list[tuple[float, list[str]]]:
    """Confidence and sense cues of each REJECT event in `text`."""
    events = dyad.process(text, date=DAY).events
    return [
        (e.confidence, [c.rule for c in e.cues if c.field == "sense"])
        for e in events
        if e.type == "REJECT"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Senator Rufus refuses to disavow the endorsement of Senator Firefly.",
        "The Freedonian government was refusing to describe the Sylvania attack as terrorism.",
        "Rufus Firefly defended his refusal to use the term in Freedonia on Monday.",
    ],
)
def test_a_refusal_to_say_words_is_marked_and_hidden(text: str) -> None:
    found = rejections(text)
    assert found, text
    for confidence, rules in found:
        assert "refused-words" in rules
        assert confidence <= 0.1


@pytest.mark.parametrize(
    "text",
    [
        "Sylvania refused to release the prisoners on Monday.",
        "Freedonia refused to recognize the Sylvanian government.",
        "The Freedonian president refused to call elections in Sylvania.",
        "Sylvania rejected the Freedonian offer of talks on Monday.",
    ],
)
def test_a_refusal_of_an_act_is_not_marked(text: str) -> None:
    found = rejections(text)
    assert found, text
    assert all("refused-words" not in rules for _, rules in found)


def _agreements(text: str) -> list[tuple[set[str], float]]:
    found = dyad.process(text, date=DAY).events
    return [({c.rule for c in e.cues}, e.confidence) for e in found if e.type == "AGREE"]


@pytest.mark.parametrize(
    "text",
    [
        "Many Freedonian unionists did not agree with their leaders' choice.",
        "The senator agreed with the decision to close the embassy.",
        # what is agreed is a view: a clause of how things are, no modal, no event
        'Rufus Firefly, a Freedonian economist, agreed: "The currency is too weak."',
        "The court agreed with Senator Firefly that the old statute still applies.",
    ],
)
def test_agreeing_with_a_thing_is_an_opinion_not_a_deal(text: str) -> None:
    from dyad.resolve.confidence import GENERIC_CEILING

    found = _agreements(text)
    assert found, text
    assert all("opinion" in rules and confidence <= GENERIC_CEILING for rules, confidence in found)


@pytest.mark.parametrize(
    "text",
    [
        "Sylvania agreed with the rebels.",
        "Freedonia agreed with Sylvania on a truce.",
        "Freedonia and Sylvania agreed on Monday.",
        # what is agreed is something to be done
        "Freedonia and Sylvania agreed on Monday that talks would resume in June.",
        "Senator Firefly promised that Freedonia will withdraw its troops.",
    ],
)
def test_agreeing_with_a_party_is_not_an_opinion(text: str) -> None:
    found = _agreements(text)
    assert found, text
    assert not any("opinion" in rules for rules, _ in found)


def test_an_infinitive_marker_is_no_word_of_a_phrase() -> None:
    """ "to commit blunders" holds no "commit to"; "committed to a ceasefire" does."""
    assert not _agreements("Critics say Rufus Firefly is prone to commit blunders in debates.")
    assert _agreements("Sylvania committed to a ceasefire on Monday.")
