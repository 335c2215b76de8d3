"""Who undergoes an event whose clause names no doer: a passive conjoined to another ("X was
arrested and charged"), a noun received ("X drew criticism"), and who reports it ("according
to the police"), on real parses of sentences about fictional countries."""

from __future__ import annotations

import pytest

from dyad.extract.events import load_codebook
from test_events import names
from test_events_roles import at, mention, rules

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def codebook():
    return load_codebook()


class TestConjoinedPassive:
    def test_the_shared_subject_undergoes_a_bare_conjoined_participle(self, nlp, codebook):
        text = "Firefly was arrested in Sylvania on Monday and charged with spying."
        event = at(nlp, codebook, text, "charged")
        assert event.actors == ()
        assert names(event.recipients) == ["Firefly"]

    def test_the_shared_subject_undergoes_a_passive_with_its_own_auxiliary(self, nlp, codebook):
        text = "The officer, who shot Firefly and has now been charged with murder, was suspended."
        mentions = [mention(text, "officer", "police"), mention(text, "Firefly", None, "person")]
        event = at(nlp, codebook, text, "charged", actors=mentions)
        assert event.actors == ()
        assert names(event.recipients) == ["officer"]

    def test_an_active_conjoined_verb_keeps_the_shared_subject_as_actor(self, nlp, codebook):
        text = "Freedonia met Sylvania on Monday and agreed to a ceasefire."
        event = at(nlp, codebook, text, "agreed")
        assert names(event.actors) == ["Freedonia"]
        assert rules(event) == ["controller"]


class TestReporter:
    def test_an_authority_named_by_according_to_made_the_arrest(self, nlp, codebook):
        text = "Firefly was arrested at her home on Monday, according to the police."
        mentions = [mention(text, "Firefly", None, "person"), mention(text, "police", "police")]
        event = at(nlp, codebook, text, "arrested", actors=mentions)
        assert names(event.actors) == ["police"]
        assert rules(event) == ["reporter"]
        assert names(event.recipients) == ["Firefly"]

    def test_the_reporter_of_the_first_passive_made_the_conjoined_one(self, nlp, codebook):
        text = "Firefly was arrested at her home and charged with theft, according to the police."
        mentions = [mention(text, "Firefly", None, "person"), mention(text, "police", "police")]
        event = at(nlp, codebook, text, "charged", actors=mentions)
        assert names(event.actors) == ["police"]
        assert names(event.recipients) == ["Firefly"]

    def test_an_authority_in_a_conjoined_report_made_it(self, nlp, codebook):
        text = "Firefly was charged with assault, and the authorities said more charges may follow."
        mentions = [
            mention(text, "Firefly", None, "person"),
            mention(text, "authorities", "government"),
        ]
        event = at(nlp, codebook, text, "charged", actors=mentions)
        assert names(event.actors) == ["authorities"]


class TestReceivedNoun:
    def test_who_draws_criticism_is_criticised(self, nlp, codebook):
        event = at(nlp, codebook, "Freedonia drew criticism after the vote.", "criticism")
        assert event.actors == ()
        assert names(event.recipients) == ["Freedonia"]

    def test_who_receives_an_endorsement_gets_it_from_the_of_phrase(self, nlp, codebook):
        text = "Firefly received the endorsement of Sylvania on Friday."
        event = at(nlp, codebook, text, "endorsement")
        assert names(event.actors) == ["Sylvania"]
        assert names(event.recipients) == ["Firefly"]

    def test_who_comes_under_attack_is_attacked(self, nlp, codebook):
        event = at(nlp, codebook, "Sylvania came under attack from Freedonia.", "attack")
        assert names(event.recipients) == ["Sylvania"]
        assert "Sylvania" not in names(event.actors)

    def test_who_secures_an_agreement_is_a_party_to_it(self, nlp, codebook):
        text = "Freedonia secured an agreement with Sylvania on Friday."
        event = at(nlp, codebook, text, "agreement")
        assert names(event.actors) == ["Freedonia"]


class TestPromisedAct:
    def test_a_promise_is_aimed_at_whom_the_promised_act_is(self, nlp, codebook):
        text = "Freedonia pledged to reinstate Firefly within 30 days."
        mentions = [mention(text, "Freedonia", "government"), mention(text, "Firefly", None)]
        event = at(nlp, codebook, text, "pledged", actors=mentions)
        assert names(event.actors) == ["Freedonia"]
        assert names(event.recipients) == ["Firefly"]

    def test_a_recipient_of_its_own_is_kept(self, nlp, codebook):
        text = "Freedonia promised Sylvania to release Firefly."
        event = at(nlp, codebook, text, "promised")
        assert names(event.recipients) == ["Sylvania"]


class TestAnsweredRequest:
    def test_a_rejected_request_was_addressed_to_who_rejected_it(self, nlp, codebook):
        text = "Sylvania rejected a request from Freedonia to extend the deadline."
        event = at(nlp, codebook, text, "request")
        assert names(event.actors) == ["Freedonia"]
        assert names(event.recipients) == ["Sylvania"]
        assert "answered" in [c.rule for c in event.cues if c.field == "recipient"]

    def test_a_request_with_its_own_recipient_keeps_it(self, nlp, codebook):
        text = "Sylvania rejected Freedonia's request to Elbonia for aid."
        event = at(nlp, codebook, text, "request")
        assert "Sylvania" not in names(event.recipients)

    def test_a_request_naming_no_one_is_left_to_what_it_points_back_to(self, nlp, codebook):
        event = at(nlp, codebook, "Sylvania rejected the demand on Monday.", "demand")
        assert event.recipients == ()


class TestRaisingPassive:
    def test_who_is_expected_to_act_does_it(self, nlp, codebook):
        text = "Firefly will meet Sylvania and is expected to sign a memorandum on trade."
        mentions = [mention(text, "Firefly", None, "person"), mention(text, "Sylvania", None)]
        event = at(nlp, codebook, text, "sign", actors=mentions)
        assert names(event.actors) == ["Firefly"]
