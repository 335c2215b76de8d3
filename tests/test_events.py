"""Event detection, roles, nesting and status on sentences about fictional countries.

Actor mentions are built by hand (every fictional name in the sentence), so these tests
exercise `find_events` alone, not the actors stage.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from dyad.extract.events import find_events, load_codebook
from dyad.model import ActorMention, EventMention, Span

NAMES = ("Freedonia", "Sylvania", "Elbonia", "Ruritania", "Firefly", "Trentino", "Grand Fenwick")
ARTICLE_DATE = dt.date(2025, 5, 15)

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def codebook():
    return load_codebook()


def actors_in(text: str) -> list[ActorMention]:
    found = []
    for name in NAMES:
        for match in re.finditer(re.escape(name), text):
            span = Span(match.start(), match.end(), name)
            found.append(ActorMention(span, f"X:{name}", name, None, "government"))
    return sorted(found, key=lambda m: m.span.start)


def code(nlp, codebook, text: str, times=()) -> tuple[EventMention, ...]:
    doc = nlp(text)
    return find_events(
        doc, codebook, actors=actors_in(text), times=times, article_date=ARTICLE_DATE
    )


def one(events: tuple[EventMention, ...], type_: str) -> EventMention:
    chosen = [e for e in events if e.type == type_]
    assert len(chosen) == 1, [(e.type, e.trigger.text) for e in events]
    return chosen[0]


def names(mentions) -> list[str]:
    return [m.name for m in mentions]


class TestDetection:
    @pytest.mark.parametrize(
        ("text", "type_"),
        [
            ("Freedonia and Sylvania held talks in Geneva.", "CONSULT"),
            ("Freedonia sent a delegation to Sylvania for negotiations.", "CONSULT"),
            ("Freedonia agreed to a prisoner exchange with Sylvania.", "AGREE"),
            ("Freedonia praised Sylvania for its restraint.", "SUPPORT"),
            ("Freedonia provided humanitarian aid to Sylvania.", "AID"),
            ("Freedonia withdrew its troops from Sylvania.", "RETREAT"),
            ("Freedonia called on Sylvania to resume talks.", "REQUEST"),
            ("Freedonia accused Sylvania of shelling the border.", "ACCUSE"),
            ("Sylvania rejected the claim.", "REJECT"),
            ("Freedonia threatened Sylvania with military force.", "THREATEN"),
            ("Thousands of students demonstrated in the capital of Freedonia.", "PROTEST"),
            ("Freedonia deployed troops along the border with Sylvania.", "MOBILIZE"),
            ("Freedonia imposed sanctions on Sylvania.", "SANCTION"),
            ("Freedonia arrested two journalists from Sylvania.", "COERCE"),
            ("Freedonia shelled villages in Sylvania.", "ASSAULT"),
        ],
    )
    def test_type_of_the_main_event(self, nlp, codebook, text, type_):
        events = code(nlp, codebook, text)
        assert type_ in [e.type for e in events if e.parent is None]

    @pytest.mark.parametrize(
        "text",
        [
            "The weather in Freedonia was mild on Tuesday.",
            "The economy of Sylvania grew by three percent last year.",
            "Firefly said the report was long.",
            "Freedonia committed a grave error in its budget.",
            "The minister defended his thesis at the university.",
        ],
    )
    def test_no_event(self, nlp, codebook, text):
        assert code(nlp, codebook, text) == ()

    def test_several_events_in_one_sentence(self, nlp, codebook):
        events = code(nlp, codebook, "Freedonia condemned the attack and recalled its ambassador.")
        assert {"ACCUSE", "SANCTION"} <= {e.type for e in events}

    def test_evidence_spans_point_into_the_text(self, nlp, codebook):
        text = "Yesterday Freedonia imposed sanctions on Sylvania."
        event = one(code(nlp, codebook, text), "SANCTION")
        assert text[event.trigger.start : event.trigger.end] == event.trigger.text
        assert "impose" in event.trigger.text and "sanctions" in event.trigger.text
        assert event.sentence.text == text
        assert event.rule and event.cameo == "163" and event.quad_class == 4
        assert -10 <= event.goldstein < 0


class TestLexicon:
    """Trigger words for the sparser types, from the CAMEO definitions of each code."""

    @pytest.mark.parametrize(
        ("text", "type_", "mode"),
        [
            ("Freedonia amassed troops on the border with Sylvania.", "MOBILIZE", "troops"),
            ("Freedonia bolstered its forces near Sylvania.", "MOBILIZE", "troops"),
            ("Freedonia forced the aid agency out of Sylvania.", "SANCTION", "expel"),
            ("Freedonia kicked the observers out of the country.", "SANCTION", "expel"),
            ("Freedonia suspended relations with Sylvania.", "SANCTION", "withdraw"),
            ("Freedonia withheld aid from Sylvania.", "SANCTION", "discontinue"),
            ("Freedonia besieged the capital of Sylvania.", "COERCE", "restrict"),
            ("Freedonia pulled its troops out of Sylvania.", "RETREAT", "withdraw"),
            ("Freedonia and Sylvania carried out a prisoner swap.", "RETREAT", "release"),
            ("Freedonia joined forces with Sylvania against the smugglers.", "COOPERATE", None),
        ],
    )
    def test_type_and_mode(self, nlp, codebook, text, type_, mode):
        main = [e for e in code(nlp, codebook, text) if e.parent is None]
        assert [(e.type, e.mode) for e in main][:1] == [(type_, mode)]

    def test_evacuating_the_wounded_is_aid_not_retreat(self, nlp, codebook):
        events = code(nlp, codebook, "Helicopters from Freedonia evacuated the wounded.")
        assert [e.type for e in events] == ["AID"]

    def test_pulling_out_of_a_deal_is_still_a_rejection(self, nlp, codebook):
        events = code(nlp, codebook, "Freedonia pulled out of the trade deal with Sylvania.")
        assert "REJECT" in [e.type for e in events]


class TestRoles:
    @pytest.mark.parametrize(
        ("text", "type_", "actors", "recipients"),
        [
            ("Freedonia imposed sanctions on Sylvania.", "SANCTION", ["Freedonia"], ["Sylvania"]),
            ("Sylvania was attacked by Freedonia.", "ASSAULT", ["Freedonia"], ["Sylvania"]),
            ("Freedonia met with Sylvania in Geneva.", "CONSULT", ["Freedonia"], ["Sylvania"]),
            ("Freedonia protested against Sylvania.", "PROTEST", ["Freedonia"], ["Sylvania"]),
            ("Freedonia's ultimatum to Sylvania expired.", "REQUEST", ["Freedonia"], ["Sylvania"]),
        ],
    )
    def test_actor_and_recipient(self, nlp, codebook, text, type_, actors, recipients):
        event = one(code(nlp, codebook, text), type_)
        assert names(event.actors) == actors
        assert names(event.recipients) == recipients

    @pytest.mark.parametrize(
        ("text", "type_", "actors", "recipients"),
        [
            (
                "Freedonia and Sylvania signed a trade agreement.",
                "AGREE",
                ["Freedonia", "Sylvania"],
                [],
            ),
            (
                "Freedonia attacked Sylvania and Elbonia.",
                "ASSAULT",
                ["Freedonia"],
                ["Sylvania", "Elbonia"],
            ),
        ],
    )
    def test_compound_actors_stay_one_event(self, nlp, codebook, text, type_, actors, recipients):
        event = one(code(nlp, codebook, text), type_)
        assert names(event.actors) == actors
        assert names(event.recipients) == recipients

    @pytest.mark.parametrize(
        ("text", "type_", "actors", "recipients"),
        [
            (
                "Freedonia urged Sylvania to impose sanctions on Elbonia.",
                "SANCTION",
                ["Sylvania"],
                ["Elbonia"],
            ),
            (
                "Freedonia refused to negotiate with Sylvania.",
                "CONSULT",
                ["Freedonia"],
                ["Sylvania"],
            ),
            ("Freedonia is expected to meet Sylvania.", "CONSULT", ["Freedonia"], ["Sylvania"]),
        ],
    )
    def test_control_verbs(self, nlp, codebook, text, type_, actors, recipients):
        event = one(code(nlp, codebook, text), type_)
        assert names(event.actors) == actors
        assert names(event.recipients) == recipients

    def test_the_one_asked_is_the_recipient(self, nlp, codebook):
        event = one(
            code(nlp, codebook, "Freedonia urged Sylvania to release the prisoners."), "REQUEST"
        )
        assert names(event.actors) == ["Freedonia"]
        assert names(event.recipients) == ["Sylvania"]

    @pytest.mark.parametrize(
        ("text", "type_", "recipients"),
        [
            ("Freedonia rejected calls by Sylvania to resume talks.", "REJECT", ["Sylvania"]),
            ("Freedonia threatened to break relations with Sylvania.", "THREATEN", ["Sylvania"]),
            ("Freedonia refused to negotiate with Sylvania.", "REJECT", ["Sylvania"]),
        ],
    )
    def test_recipient_from_the_embedded_event(self, nlp, codebook, text, type_, recipients):
        event = one(code(nlp, codebook, text), type_)
        assert names(event.actors) == ["Freedonia"]
        assert names(event.recipients) == recipients
        assert any(c.rule.startswith("from-content") for c in event.cues if c.field == "recipient")

    def test_event_without_a_named_actor_is_kept(self, nlp, codebook):
        event = one(code(nlp, codebook, "Protesters burned tyres outside the embassy."), "COERCE")
        assert event.actors == ()
        assert event.confidence < 0.7


class TestContentNounRoles:
    """A noun trigger that another event's verb is about ("rejected the demand") is not an
    act of that verb's subject: its actor is its own possessor or "by" phrase, or nobody."""

    @pytest.mark.parametrize(
        ("text", "outer", "inner", "inner_actors"),
        [
            ("Freedonia rejected the demand.", "REJECT", "REQUEST", []),
            ("Freedonia rejected Sylvania's demand.", "REJECT", "REQUEST", ["Sylvania"]),
            ("Freedonia rejected the demand by Sylvania.", "REJECT", "REQUEST", ["Sylvania"]),
            ("Freedonia welcomed the agreement.", "SUPPORT", "AGREE", []),
            ("Freedonia condemned the attack.", "ACCUSE", "ASSAULT", []),
        ],
    )
    def test_the_governing_subject_is_not_the_noun_actor(
        self, nlp, codebook, text, outer, inner, inner_actors
    ):
        events = code(nlp, codebook, text)
        governing, content = one(events, outer), one(events, inner)
        assert names(governing.actors) == ["Freedonia"]
        assert names(content.actors) == inner_actors
        assert events[content.parent] is governing

    def test_the_demand_owner_is_the_rejection_recipient(self, nlp, codebook):
        events = code(nlp, codebook, "Freedonia rejected Sylvania's demand.")
        assert names(one(events, "REJECT").recipients) == ["Sylvania"]

    def test_a_light_verb_still_gives_its_subject(self, nlp, codebook):
        events = code(nlp, codebook, "Freedonia made threats against Sylvania.")
        assert names(one(events, "THREATEN").actors) == ["Freedonia"]


class TestNesting:
    def test_request_threat_sanction_chain(self, nlp, codebook):
        text = (
            "Elbonia urged Firefly to follow through on his threat to impose sanctions on Sylvania."
        )
        events = code(nlp, codebook, text)
        request, threat, sanction = (one(events, t) for t in ("REQUEST", "THREATEN", "SANCTION"))
        assert request.parent is None
        assert events[threat.parent] is request
        assert events[sanction.parent] is threat
        assert names(request.recipients) == ["Firefly"]
        assert names(threat.actors) == ["Firefly"]
        assert names(sanction.actors) == ["Firefly"]
        assert names(sanction.recipients) == ["Sylvania"]
        assert threat.modality == "requested"
        assert sanction.modality == "threatened"

    def test_stated_intention_embeds_its_content(self, nlp, codebook):
        events = code(nlp, codebook, "Freedonia said it will release the prisoners.")
        agree, release = one(events, "AGREE"), one(events, "RETREAT")
        assert events[release.parent] is agree
        assert release.modality == "planned"
        assert names(agree.actors) == ["Freedonia"]

    @pytest.mark.parametrize(
        "text",
        [
            "Freedonia suggested Sylvania should withdraw its troops.",
            "Freedonia suggested that Sylvania withdraw its troops.",
            "Freedonia recommended that Sylvania must withdraw its troops.",
        ],
    )
    def test_advice_is_a_request_on_its_verb(self, nlp, codebook, text):
        events = code(nlp, codebook, text)
        request, retreat = one(events, "REQUEST"), one(events, "RETREAT")
        assert request.trigger.text in ("suggested", "recommended")
        assert names(request.actors) == ["Freedonia"]
        assert names(request.recipients) == ["Sylvania"]
        assert events[retreat.parent] is request
        assert retreat.modality == "requested"

    def test_advice_that_states_a_fact_asks_nothing(self, nlp, codebook):
        events = code(nlp, codebook, "Freedonia suggested that Sylvania was behind the attack.")
        assert not [e for e in events if e.type == "REQUEST"]

    def test_obligation_is_a_request(self, nlp, codebook):
        events = code(nlp, codebook, "Freedonia said Sylvania must withdraw its troops.")
        request, retreat = one(events, "REQUEST"), one(events, "RETREAT")
        assert names(request.actors) == ["Freedonia"]
        assert names(request.recipients) == ["Sylvania"]
        assert events[retreat.parent] is request
        assert retreat.modality == "requested"
