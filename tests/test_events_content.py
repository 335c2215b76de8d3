"""What an event is about: a promise of conflict is a threat, a conjunct shares the content
of its first conjunct, a time inside the content neither dates the event nor makes it
historical, and a past auxiliary keeps a later date from making an event planned. Real
parses, fictional actors."""

from __future__ import annotations

import datetime as dt

import pytest

import dyad
from dyad.model import Event

pytestmark = pytest.mark.model

DAY = dt.date(2026, 8, 17)


def by_trigger(text: str) -> dict[str, Event]:
    out: dict[str, Event] = {}
    for event in dyad.process(text, date=DAY).events:
        trigger = event.evidence[0].trigger
        out.setdefault(text[trigger.start : trigger.end], event)
    return out


@pytest.mark.parametrize(
    ("text", "promise", "content"),
    [
        ("Governor Rufus vowed to bomb the rebel camps in Elbonia.", "vowed", "bomb"),
        ("Senator Firefly pledged to ban Sylvanian imports.", "pledged", "ban"),
    ],
)
def test_a_promise_of_conflict_is_a_threat(text: str, promise: str, content: str) -> None:
    events = by_trigger(text)
    assert events[promise].type == "THREATEN"
    assert events[content].modality == "threatened"


def test_a_promise_to_cooperate_stays_an_agreement() -> None:
    events = by_trigger("Freedonia pledged to release the Sylvanian prisoners.")
    assert events["pledged"].type == "AGREE"


def test_a_conjunct_shares_the_content_of_its_first_conjunct() -> None:
    text = "Governor Rufus promised to bomb the camps and deport Sylvanian refugees."
    events = by_trigger(text)
    assert events["deport"].modality == events["bomb"].modality == "threatened"


def test_a_conjunct_with_its_own_subject_is_its_own_event() -> None:
    text = "Freedonia urged Sylvania to withdraw, and Sylvania attacked the border post."
    events = by_trigger(text)
    assert events["attacked"].modality == "actual"


def test_a_time_in_what_the_event_is_about_does_not_date_it() -> None:
    events = by_trigger("Senator Firefly criticized Governor Rufus for supporting the 1994 bill.")
    criticized = events["criticized"]
    assert not criticized.historical
    assert criticized.date_source == "publication"


def test_a_time_of_the_event_itself_still_dates_it() -> None:
    events = by_trigger("In 1994, Senator Firefly criticized Governor Rufus.")
    assert events["criticized"].historical
    assert events["criticized"].date == dt.date(1994, 1, 1)


def test_a_passive_past_is_not_planned_by_a_later_date() -> None:
    # a date after the article's in a past clause (a misdated text, or a time read wrongly)
    events = by_trigger("On August 20, six Sylvanian protesters were arrested by the police.")
    assert events["arrested"].modality == "actual"


@pytest.mark.parametrize(
    "text",
    [
        "Senator Firefly warned that the new tariffs could hurt Freedonian farmers.",
        "Governor Rufus has warned voters about the dangers of the Sylvanian trade deal.",
    ],
)
def test_a_warning_of_no_conflict_is_a_reproach(text: str) -> None:
    types = {e.type for e in dyad.process(text, date=DAY).events}
    assert "ACCUSE" in types
    assert "THREATEN" not in types


def test_a_warning_of_conflict_stays_a_threat() -> None:
    events = by_trigger("Freedonia warned Sylvania that it would impose sanctions on its banks.")
    assert events["warned"].type == "THREATEN"


def test_a_proposal_is_a_request_of_its_content() -> None:
    events = by_trigger("Senator Firefly proposed banning Sylvanian imports for a year.")
    assert events["proposed"].type == "REQUEST"
    assert events["banning"].modality == "requested"


@pytest.mark.parametrize(
    "text",
    [
        "Senator Firefly insists that the party must stay united.",
        "The ministry appealed the ruling to the Freedonian supreme court.",
    ],
)
def test_an_assertion_or_a_court_appeal_is_no_request(text: str) -> None:
    types = {e.type for e in dyad.process(text, date=DAY).events if e.rule.endswith("VERB")}
    assert "REQUEST" not in types


def test_an_appeal_to_act_is_a_request() -> None:
    events = by_trigger("The Freedonian president appealed to Sylvania to release the sailors.")
    assert events["appealed"].type == "REQUEST"


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("Protesters gathered outside the Rufus rally in Springfield.", "rally"),
        ("Senator Firefly was holding his first rally in Springfield.", "holding his first rally"),
    ],
)
def test_a_rally_a_person_holds_is_no_protest(text: str, trigger: str) -> None:
    events = by_trigger(text)
    assert trigger not in events or events[trigger].type != "PROTEST"


def test_a_rally_of_a_group_is_a_protest() -> None:
    events = by_trigger("Thousands of teachers held a rally against the education cuts in Lima.")
    assert any(e.type == "PROTEST" for e in events.values())


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("The ministry repeated its claim that Sylvania had attacked the border post.", "attacked"),
        ("Rufus dismissed the idea that he had struck a deal with Firefly.", "struck a deal"),
        ("Freedonia made a new effort to broker a ceasefire in Elbonia.", "ceasefire"),
    ],
)
def test_a_claimed_or_attempted_event_is_possible(text: str, trigger: str) -> None:
    assert by_trigger(text)[trigger].modality == "possible"


def test_an_event_the_narrator_tells_stays_actual() -> None:
    events = by_trigger("Sylvania attacked the border post after the claim was published.")
    assert events["attacked"].modality == "actual"


@pytest.mark.parametrize("verb", ["thank", "commend"])
def test_i_want_to_thank_is_a_speech_act_not_a_plan(verb: str) -> None:
    text = f'"I want to {verb} Governor Rufus for his help," Senator Firefly said.'
    assert by_trigger(text)[verb].modality == "actual"


def test_wanting_to_meet_is_still_a_plan() -> None:
    text = '"We want to meet the Sylvanian delegation next week," Senator Firefly said.'
    assert by_trigger(text)["meet"].modality == "planned"


def test_a_warning_off_stays_a_threat() -> None:
    text = "President Rufus warned the Sylvanian leader not to move troops onto the island."
    events = by_trigger(text)
    assert events["warned"].type == "THREATEN"


def cue_rules(text: str, trigger: str) -> set[str]:
    return {c.rule for c in by_trigger(text)[trigger].cues}


def test_an_event_in_a_question_is_marked() -> None:
    assert "question" in cue_rules("Why did Freedonia refuse to meet the Sylvanian envoy?", "meet")
    assert "question" not in cue_rules("Freedonia refused to meet the Sylvanian envoy.", "meet")


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("Freedonia began conducting airstrikes on rebel positions in 2014.", "airstrikes"),
        ("The rebels started shelling Sylvanian villages last year.", "shelling"),
    ],
)
def test_a_campaign_under_way_is_marked_generic(text: str, trigger: str) -> None:
    assert "many-happenings" in cue_rules(text, trigger)


def test_a_single_attack_is_not_marked_generic() -> None:
    text = "Sylvanian troops attacked the border post on Monday."
    assert "many-happenings" not in cue_rules(text, "attacked")
    # a happening that goes on is still told as one
    text = "Freedonian protesters continued to call for the minister's resignation on Sunday."
    assert "many-happenings" not in cue_rules(text, "call for")


def test_a_warning_off_read_through_a_misplaced_infinitive_stays_a_threat() -> None:
    text = (
        "President Rufus warned the Sylvanian leader, Ivo Firefly, during their recent meeting "
        "in Geneva not to move on the island, an official said."
    )
    assert by_trigger(text)["warned"].type == "THREATEN"


@pytest.mark.parametrize(
    "text",
    [
        "A spokeswoman for Governor Rufus did not respond to a request for comment.",
        "Senator Firefly declined an interview request from the Freedonian Herald.",
    ],
)
def test_a_reporters_request_is_no_political_request(text: str) -> None:
    assert all(e.type != "REQUEST" for e in dyad.process(text, date=DAY).events)


def test_a_verb_inside_a_show_title_is_no_event() -> None:
    text = "“Our budget is sound,” Senator Firefly told viewers on “Meet the Press” on Sunday."
    assert all(e.type != "CONSULT" for e in dyad.process(text, date=DAY).events)
