"""Status of event mentions: polarity, modality, historical, each with the words that decided it.
Fictional sentences by capability, then the seed article's status cases."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from dyad.evaluate.event_reading import entity_actors
from dyad.extract.events import find_events, load_codebook
from dyad.model import ActorMention, EventMention, Span, TimeExpression

NAMES = ("Freedonia", "Sylvania", "Elbonia", "Ruritania", "Firefly", "Trentino")
ARTICLE_DATE = dt.date(2025, 5, 15)


def actors_in(text: str) -> list[ActorMention]:
    """Every fictional name in `text` as an actor mention."""
    found = []
    for name in NAMES:
        for match in re.finditer(re.escape(name), text):
            span = Span(match.start(), match.end(), name)
            found.append(ActorMention(span, f"X:{name}", name, None, "government"))
    return sorted(found, key=lambda m: m.span.start)


pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def codebook():
    return load_codebook()


def status_of(nlp, codebook, text: str, type_: str, times=()) -> EventMention:
    doc = nlp(text)
    events = find_events(
        doc, codebook, actors=actors_in(text), times=times, article_date=ARTICLE_DATE
    )
    chosen = [e for e in events if e.type == type_]
    assert chosen, [(e.type, e.trigger.text) for e in events]
    return chosen[0]


def cue_words(event: EventMention, field: str) -> list[str]:
    return [c.span.text for c in event.cues if c.field == field]


class TestPolarity:
    @pytest.mark.parametrize(
        ("text", "type_", "cue"),
        [
            ("Firefly will not attend the talks in Sylvania.", "CONSULT", "not"),
            ("Firefly refused to meet Trentino.", "CONSULT", "refused"),
            ("Freedonia did not impose sanctions on Sylvania.", "SANCTION", "not"),
            ("Freedonia has not publicly supported the proposed truce.", "SUPPORT", "not"),
            ("Freedonia never attacked Sylvania.", "ASSAULT", "never"),
            ("Freedonia declined to provide aid to Sylvania.", "AID", "declined"),
            ("No talks were held between Freedonia and Sylvania.", "CONSULT", "No"),
            ("Freedonia left the talks without an agreement with Sylvania.", "AGREE", "without"),
        ],
    )
    def test_negated(self, nlp, codebook, text, type_, cue):
        event = status_of(nlp, codebook, text, type_)
        assert event.polarity == "negated"
        assert cue_words(event, "polarity") == [cue]

    @pytest.mark.parametrize(
        ("text", "type_"),
        [
            ("Freedonia imposed sanctions on Sylvania.", "SANCTION"),
            ("Firefly met Trentino in Geneva.", "CONSULT"),
            ("Freedonia did not hesitate to criticize Sylvania.", "ACCUSE"),
            # A clause with its own subject under a preposition keeps its own polarity.
            (
                "The glitch was not reported to the agency due to what Sylvania calls political"
                " interference by Freedonia.",
                "COERCE",
            ),
        ],
    )
    def test_asserted(self, nlp, codebook, text, type_):
        event = status_of(nlp, codebook, text, type_)
        assert event.polarity == "asserted"
        assert cue_words(event, "polarity") == []


class TestModality:
    @pytest.mark.parametrize(
        ("text", "type_", "modality", "cue"),
        [
            ("Freedonia is scheduled to meet Sylvania.", "CONSULT", "planned", "scheduled"),
            ("Firefly will visit Sylvania next week.", "CONSULT", "planned", "will"),
            (
                "Elbonia is expected to impose sanctions on Ruritania.",
                "SANCTION",
                "planned",
                "expected",
            ),
            ("Freedonia may impose sanctions on Sylvania.", "SANCTION", "possible", "may"),
            ("Freedonia could attack Sylvania.", "ASSAULT", "possible", "could"),
            (
                "Freedonia should impose sanctions on Sylvania.",
                "SANCTION",
                "hypothetical",
                "should",
            ),
            (
                "Freedonia would appeal should Sylvania impose sanctions on it.",
                "SANCTION",
                "hypothetical",
                "should",
            ),
            (
                "It is unclear whether Freedonia and Sylvania will meet.",
                "CONSULT",
                "possible",
                "whether",
            ),
            ("Firefly is unlikely to attend the summit.", "CONSULT", "possible", "unlikely"),
            (
                "Freedonia will impose sanctions on Sylvania if Sylvania attacks Elbonia.",
                "SANCTION",
                "conditional",
                "if",
            ),
            (
                "Freedonia will impose sanctions on Sylvania if Sylvania attacks Elbonia.",
                "ASSAULT",
                "hypothetical",
                "if",
            ),
            (
                "Freedonia called on Sylvania to withdraw its troops.",
                "RETREAT",
                "requested",
                "called",
            ),
            (
                "Freedonia threatened to impose sanctions on Sylvania.",
                "SANCTION",
                "threatened",
                "threatened",
            ),
            ("Freedonia imposed sanctions on Sylvania.", "SANCTION", "actual", None),
            (
                "Freedonia will keep its sanctions on Sylvania even if Elbonia objects.",
                "SANCTION",
                "planned",
                "will",
            ),
            ("Freedonia to impose sanctions on Sylvania", "SANCTION", "planned", "to"),
            ("Freedonia wants to impose sanctions on Sylvania.", "SANCTION", "planned", "wants"),
            (
                "Freedonia wants Sylvania to impose sanctions on Elbonia.",
                "SANCTION",
                "requested",
                "wants",
            ),
            ("Firefly appears to shove Trentino.", "ASSAULT", "possible", "appears"),
            (  # what one seems to rely on did happen
                "Firefly seemed to rely on an attack on Trentino by Sylvania.",
                "ASSAULT",
                "actual",
                None,
            ),
            (
                "Firefly asked Trentino if Sylvania would impose sanctions on Elbonia.",
                "SANCTION",
                "possible",
                "if",
            ),
            (
                "Firefly instructed Trentino to continue negotiating with Sylvania.",
                "CONSULT",
                "planned",
                "instructed",
            ),
            (
                "Firefly urged Trentino to continue negotiating with Sylvania.",
                "CONSULT",
                "requested",
                "continue",
            ),
            (
                "Firefly claims that Sylvania attacked its convoy.",
                "ASSAULT",
                "possible",
                "claims",
            ),
            (
                "Freedonian officers allege they were arrested by Sylvania.",
                "COERCE",
                "possible",
                "allege",
            ),
        ],
    )
    def test_modality_and_its_cue(self, nlp, codebook, text, type_, modality, cue):
        event = status_of(nlp, codebook, text, type_)
        assert event.modality == modality
        assert cue_words(event, "modality") == ([cue] if cue else [])

    def test_future_date_makes_it_planned(self, nlp, codebook):
        text = "Firefly meets Trentino in Geneva on Friday."
        start = text.index("Friday")
        friday = TimeExpression(
            Span(start, start + 6, "Friday"), "date", "2025-05-16", start=dt.date(2025, 5, 16)
        )
        event = status_of(nlp, codebook, text, "CONSULT", times=[friday])
        assert event.modality == "planned"
        assert cue_words(event, "modality") == ["Friday"]


class TestHistorical:
    @staticmethod
    def _time(text: str, words: str, start: dt.date, end: dt.date) -> TimeExpression:
        at = text.index(words)
        return TimeExpression(Span(at, at + len(words), words), "date", None, start=start, end=end)

    def test_old_date_in_the_clause_is_historical(self, nlp, codebook):
        text = "Freedonia and Sylvania held talks in Geneva in February 2022."
        when = self._time(text, "February 2022", dt.date(2022, 2, 1), dt.date(2022, 2, 28))
        event = status_of(nlp, codebook, text, "CONSULT", times=[when])
        assert event.historical is True
        assert cue_words(event, "historical") == ["February 2022"]

    def test_recent_date_is_not_historical(self, nlp, codebook):
        text = "Freedonia and Sylvania held talks in Geneva on Monday."
        when = self._time(text, "Monday", dt.date(2025, 5, 12), dt.date(2025, 5, 12))
        event = status_of(nlp, codebook, text, "CONSULT", times=[when])
        assert event.historical is False

    def test_old_date_in_another_clause_does_not_count(self, nlp, codebook):
        text = "Freedonia, which was founded in 1933, imposed sanctions on Sylvania."
        when = self._time(text, "1933", dt.date(1933, 1, 1), dt.date(1933, 12, 31))
        event = status_of(nlp, codebook, text, "SANCTION", times=[when])
        assert event.historical is False


@pytest.fixture(scope="module")
def seed_events(nlp, seed_text):
    """The seed article read by find_events, with spaCy entities as actors and the two
    time expressions the status cases need built by hand."""
    doc = nlp(seed_text)
    times = []
    for words, start, end in (
        ("February 2022", dt.date(2022, 2, 1), dt.date(2022, 2, 28)),
        ("on Friday", dt.date(2025, 5, 16), dt.date(2025, 5, 16)),
    ):
        at = seed_text.index(words)
        span = Span(at, at + len(words), words)
        times.append(TimeExpression(span, "date", None, start=start, end=end))
    events = find_events(
        doc, load_codebook(), actors=entity_actors(doc), times=times, article_date=ARTICLE_DATE
    )
    return seed_text, events


def _find(events, type_: str, trigger: str, sentence: str) -> EventMention:
    chosen = [
        e
        for e in events
        if e.type == type_ and trigger in e.trigger.text and re.search(sentence, e.sentence.text)
    ]
    assert len(chosen) == 1, [(e.type, e.trigger.text) for e in events if e.type == type_]
    return chosen[0]


@pytest.mark.usefixtures("seed_text")
class TestSeedStatus:
    def test_negated_attendance(self, seed_events):
        _, events = seed_events
        event = _find(events, "CONSULT", "participate", "will not participate")
        assert event.polarity == "negated"
        assert any("Putin" in a.span.text for a in event.actors)

    def test_fridays_meeting_is_planned(self, seed_events):
        _, events = seed_events
        event = _find(events, "CONSULT", "join", "Rubio is scheduled")
        assert event.modality == "planned"
        assert event.polarity == "asserted"
        assert any("Rubio" in a.span.text for a in event.actors)

    def test_sanctions_are_conditional(self, seed_events):
        _, events = seed_events
        event = _find(events, "SANCTION", "sanctions", "coordinated sanctions")
        assert event.modality == "conditional"
        assert cue_words(event, "modality") == ["if"]

    def test_2022_talks_are_historical(self, seed_events):
        _, events = seed_events
        event = _find(events, "CONSULT", "meetings", "February 2022")
        assert event.historical is True
        assert cue_words(event, "historical") == ["February 2022"]

    def test_breakdown_of_those_talks_is_historical_too(self, seed_events):
        _, events = seed_events
        talks = _find(events, "CONSULT", "negotiations", "These negotiations broke down")
        blame = _find(events, "ACCUSE", "accusations", "mutual accusations")
        assert talks.historical is True
        assert blame.historical is True

    def test_kyiv_rejects_putins_claim(self, seed_events):
        _, events = seed_events
        event = _find(events, "REJECT", "rejected", "Kyiv")
        assert [a.span.text for a in event.actors] == ["Kyiv"]
        assert [a.span.text for a in event.recipients] == ["Putin"]
        assert event.polarity == "asserted" and event.modality == "actual"


class TestToldInItsOwnClause:
    """A noun trigger that its own past clause tells of keeps that clause's status, not the
    status of the verb that governs the noun."""

    def test_an_agreement_reached_before_is_asserted_though_scrapped(self, nlp, codebook):
        text = "Freedonia wants to scrap the agreement reached with Sylvania last year."
        event = status_of(nlp, codebook, text, "AGREE")
        assert (event.polarity, event.modality) == ("asserted", "actual")

    def test_a_pledge_made_is_actual_under_a_modal(self, nlp, codebook):
        text = "Freedonia could turn back on a pledge it made to Sylvania."
        event = status_of(nlp, codebook, text, "AGREE")
        assert event.modality == "actual"

    def test_a_participle_of_a_state_does_not_count(self, nlp, codebook):
        text = "Freedonia could reach accords with Sylvania based on mutual concessions."
        event = status_of(nlp, codebook, text, "AGREE")
        assert event.modality == "possible"

    def test_a_plan_in_its_own_clause_is_still_called_off(self, nlp, codebook):
        text = "The talks that were due to open in Graz on Tuesday have been postponed."
        event = status_of(nlp, codebook, text, "CONSULT")
        assert event.polarity == "negated"
