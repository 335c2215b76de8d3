"""Pronouns that name an event's actor, read as `dyad.process` reads an article: a possessive
"his"/"her" on an event noun, and "I"/"we" in a quote whose speaker is named outside the
sentence. People are fictional; countries are real."""

from __future__ import annotations

import pytest

import dyad
from dyad.model import ActorMention, ArticleResult, Event

pytestmark = pytest.mark.model

ARRIVED = "Moldovan President Ilan Varesk arrived in Kyiv on Monday. "


def read(text: str) -> ArticleResult:
    return dyad.process(text, date="2025-05-15")


def written(result: ArticleResult, text: str) -> list[ActorMention]:
    return [m for m in result.actors if m.span.text == text]


def event_at(result: ArticleResult, trigger: str) -> Event:
    found = [e for e in result.events if e.evidence[0].trigger.text.startswith(trigger)]
    assert len(found) == 1, [(e.type, e.evidence[0].trigger.text) for e in result.events]
    return found[0]


class TestPossessives:
    def test_his_on_an_event_noun_is_the_person_just_named(self):
        result = read(ARRIVED + "His meeting with Ukrainian officials lasted two hours.")
        assert [m.name for m in written(result, "His")] == ["Ilan Varesk"]
        meeting = event_at(result, "meeting")
        assert [(a.span.text, a.name) for a in meeting.actors] == [("His", "Ilan Varesk")]
        assert [c.rule for c in meeting.cues if c.field == "actor"] == ["possessor"]

    def test_his_is_bound_by_the_subject_of_its_own_clause(self):
        text = (
            "Ohio Gov. Dara Quillon met Ilan Varesk on Monday. "
            "Varesk left hours after the governor gave his support to Moldova."
        )
        support = event_at(read(text), "support")
        assert [(a.span.text, a.name) for a in support.actors] == [("his", "Dara Quillon")]

    def test_his_aide_is_the_aide_not_his(self):
        result = read(ARRIVED + "His aide met Ukrainian officials.")
        assert written(result, "His") == []

    def test_a_person_named_two_sentences_back_is_too_far(self):
        text = ARRIVED + "Officials waited at the airport. His meeting with them was short."
        assert written(read(text), "His") == []


class TestGroupPossessives:
    def test_their_on_an_event_noun_is_the_subjects_named(self):
        text = "Moldova and Romania issued a statement describing their meeting as productive."
        meeting = event_at(read(text), "meeting")
        assert [(a.span.text, a.country) for a in meeting.actors] == [
            ("their", "MDA"),
            ("their", "ROU"),
        ]

    def test_its_is_bound_by_the_subject_of_its_clause(self):
        text = "The Freedonian Investigation Bureau said it nears the end of its investigation."
        inquiry = event_at(read(text), "investigation")
        assert [(a.span.text, a.name) for a in inquiry.actors] == [
            ("its", "Freedonian Investigation Bureau")
        ]

    def test_their_leaders_are_the_leaders(self):
        result = read("Moldova and Romania said their leaders would meet on Friday.")
        assert written(result, "their") == []


class TestQuoteSpeaker:
    def test_we_in_a_quote_is_its_speaker(self):
        text = (
            '"We will hold talks with Moldova next week. The war must end soon," '
            "Ilan Varesk said on Monday."
        )
        talks = event_at(read(text), "hold talks")
        assert [(a.span.text, a.name) for a in talks.actors] == [("We", "Ilan Varesk")]
        assert "quote-speaker" in [c.rule for c in talks.cues if c.field == "actor"]

    def test_i_controlling_an_infinitive_in_a_quote_is_its_speaker(self):
        text = (
            '"I want to praise Moldova for its courage. The war must end soon," '
            "Ilan Varesk said on Monday."
        )
        praise = event_at(read(text), "praise")
        assert [(a.span.text, a.name) for a in praise.actors] == [("I", "Ilan Varesk")]

    def test_we_outside_a_quote_stays_unnamed(self):
        talks = event_at(read("We will hold talks with Moldova next week."), "hold talks")
        assert talks.actors == ()


def test_his_in_an_infinitive_belongs_to_who_controls_it() -> None:
    import datetime as dt

    import dyad

    text = (
        "Vladimir Putin said on Monday that the talks would go on. European leaders will urge "
        "Donald Trump to follow through on his threat to impose sanctions on Moscow."
    )
    events = dyad.process(text, date=dt.date(2025, 5, 15)).events
    threat = next(e for e in events if e.type == "THREATEN")
    assert [a.name for a in threat.actors] == ["Donald Trump"]


class TestPassiveSubjectPronoun:
    def test_he_who_was_arrested_is_the_one_stopped_not_the_one_stopping(self):
        text = "Deputy John Harlan stopped Mark Dell on the highway. He was arrested after a chase."
        result = read(text)
        assert [m.name for m in written(result, "He")] == ["Mark Dell"]
        arrest = event_at(result, "arrested")
        assert [a.name for a in arrest.recipients] == ["Mark Dell"]

    def test_an_active_subject_pronoun_keeps_the_last_subject(self):
        text = "Deputy John Harlan stopped Mark Dell on the highway. He arrested him after a chase."
        result = read(text)
        assert [m.name for m in written(result, "He")] == ["John Harlan"]
