"""Status of events in forms of news writing that mislead a reading by single words: clauses
joined by a semicolon, "no longer", verbs of ceasing, "whether or not", "no doubt", hearsay,
inability, and years that name a noun's own time. Each rule with sentences it must leave
alone. Real parses through `dyad.process`, fictional actors."""

from __future__ import annotations

import datetime as dt

import pytest

import dyad
from dyad.model import Event

pytestmark = pytest.mark.model

DAY = dt.date(2025, 5, 15)


def _event(text: str, type_: str, trigger: str) -> Event:
    events = dyad.process(text, date=DAY).events
    chosen = [
        e for e in events if e.type == type_ and any(trigger in v.trigger.text for v in e.evidence)
    ]
    assert len(chosen) == 1, [(e.type, e.evidence[0].trigger.text) for e in events]
    return chosen[0]


def _status(event: Event) -> tuple[str, str, bool]:
    return event.polarity, event.modality, event.historical


class TestSemicolon:
    """The parser hangs a clause on the verb of the clause after a semicolon; the first
    clause keeps its own status."""

    @pytest.mark.parametrize(
        ("text", "type_", "trigger", "status"),
        [
            (
                "Freedonia may attack Sylvania; Ruritania signed a deal with Sylvania.",
                "ASSAULT",
                "attack",
                ("asserted", "possible", False),
            ),
            (
                "Sylvania will sign the deal; Freedonia refused to attend the talks.",
                "AGREE",
                "sign",
                ("asserted", "planned", False),
            ),
            # unchanged: the second clause, and a clause a verb really reports
            (
                "Sylvania will sign the deal; Freedonia refused to attend the talks.",
                "CONSULT",
                "attend",
                ("negated", "actual", False),
            ),
            (
                "Freedonia may attack Sylvania; Ruritania signed a deal with Sylvania.",
                "AGREE",
                "signed",
                ("asserted", "actual", False),
            ),
            (
                "Firefly claimed that Sylvania attacked the convoy.",
                "ASSAULT",
                "attacked",
                ("asserted", "possible", False),
            ),
        ],
    )
    def test_status(self, text, type_, trigger, status):
        assert _status(_event(text, type_, trigger)) == status


class TestNoLongerAndNoDoubt:
    """ "no longer" ends what the verb says; "no doubt" denies a doubt, not the event."""

    @pytest.mark.parametrize(
        ("text", "type_", "trigger", "status"),
        [
            (
                "Freedonia will no longer recognize the government of Rufus Firefly.",
                "SUPPORT",
                "recognize",
                ("negated", "planned", False),
            ),
            (
                "Freedonia no longer supports the government of Sylvania.",
                "SUPPORT",
                "supports",
                ("negated", "actual", False),
            ),
            (
                "There is no doubt that Freedonia attacked the border post.",
                "ASSAULT",
                "attacked",
                ("asserted", "actual", False),
            ),
            (
                "Freedonia will no doubt attack Sylvania.",
                "ASSAULT",
                "attack",
                ("asserted", "planned", False),
            ),
            # unchanged: a doubt that stands, "not only", "not long after"
            (
                "Freedonia doubts that Sylvania will sign the deal.",
                "AGREE",
                "sign",
                ("asserted", "possible", False),
            ),
            (
                "Freedonia not only attacked Sylvania but also invaded Elbonia.",
                "ASSAULT",
                "attacked",
                ("asserted", "actual", False),
            ),
            (
                "Freedonia attacked Sylvania not long after the talks.",
                "ASSAULT",
                "attacked",
                ("asserted", "actual", False),
            ),
        ],
    )
    def test_status(self, text, type_, trigger, status):
        assert _status(_event(text, type_, trigger)) == status

    def test_the_cue_is_the_no(self):
        event = _event("Freedonia no longer supports Sylvania.", "SUPPORT", "supports")
        assert [(c.span.text, c.rule) for c in event.cues if c.field == "polarity"] == [
            ("no", "no-longer")
        ]


class TestCeasing:
    """What one ceases or stops doing is negated; "cease aid" is a sanction, whose own
    status is what is said of it."""

    @pytest.mark.parametrize(
        ("text", "type_", "trigger", "status"),
        [
            (
                "Freedonia has stopped sending aid to Sylvania.",
                "AID",
                "sending aid",
                ("negated", "actual", False),
            ),
            (
                "Sylvania stopped the talks with Freedonia.",
                "CONSULT",
                "talks",
                ("negated", "actual", False),
            ),
            (
                "Sylvania said it would cease military aid to Freedonia.",
                "SANCTION",
                "cease",
                ("asserted", "planned", False),
            ),
            # unchanged: a ceasing denied, and a ceasefire
            (
                "Freedonia will not cease its support for Sylvania.",
                "SUPPORT",
                "support",
                ("asserted", "planned", False),
            ),
            (
                "Freedonia did not stop attacking Sylvania.",
                "ASSAULT",
                "attacking",
                ("asserted", "actual", False),
            ),
            (
                "Freedonia ceased firing on Sylvania.",
                "RETREAT",
                "ceased firing",
                ("asserted", "actual", False),
            ),
        ],
    )
    def test_status(self, text, type_, trigger, status):
        assert _status(_event(text, type_, trigger)) == status


class TestHearsay:
    """What a report only alleges, or says is said, believed or suspected, is possible; an
    event that the hearsay is only about the doer of stays as it is."""

    @pytest.mark.parametrize(
        ("text", "type_", "trigger", "status"),
        [
            (
                "Freedonia allegedly attacked a village in Sylvania.",
                "ASSAULT",
                "attacked",
                ("asserted", "possible", False),
            ),
            (
                "Sylvania reportedly signed a deal with Freedonia.",
                "AGREE",
                "signed",
                ("asserted", "possible", False),
            ),
            (
                "Freedonia is said to have attacked Sylvania.",
                "ASSAULT",
                "attacked",
                ("asserted", "possible", False),
            ),
            (
                "Freedonia is suspected of attacking Sylvania.",
                "ASSAULT",
                "attacking",
                ("asserted", "possible", False),
            ),
            # unchanged: a plan told by hearsay, a fact known, a plan expected, the attack
            # whose doer is believed, a saying reported
            (
                "Sylvania will reportedly sign a deal with Freedonia.",
                "AGREE",
                "sign",
                ("asserted", "planned", False),
            ),
            (
                "Firefly reportedly said Freedonia attacked Sylvania.",
                "ASSAULT",
                "attacked",
                ("asserted", "actual", False),
            ),
            (
                "Freedonia is known to have attacked Sylvania.",
                "ASSAULT",
                "attacked",
                ("asserted", "actual", False),
            ),
            (
                "Freedonia is expected to sign a deal with Sylvania.",
                "AGREE",
                "sign",
                ("asserted", "planned", False),
            ),
            (
                "Freedonia is believed to be behind the attack on Sylvania.",
                "ASSAULT",
                "attack",
                ("asserted", "actual", False),
            ),
        ],
    )
    def test_status(self, text, type_, trigger, status):
        assert _status(_event(text, type_, trigger)) == status


class TestInabilityAndAlternatives:
    """ "unable to" negates; "whether or not" and "may or may not" are alternatives, no
    negation, and a "whether" clause makes only itself uncertain."""

    @pytest.mark.parametrize(
        ("text", "type_", "trigger", "status"),
        [
            (
                "Freedonia was unable to reach an agreement with Sylvania.",
                "AGREE",
                "reach",
                ("negated", "actual", False),
            ),
            (
                "Whether or not Freedonia attacks Sylvania, the talks will go ahead.",
                "ASSAULT",
                "attacks",
                ("asserted", "possible", False),
            ),
            (
                "Whether or not Freedonia attacks Sylvania, the talks will go ahead.",
                "CONSULT",
                "talks",
                ("asserted", "planned", False),
            ),
            (
                "Freedonia must decide whether or not to attack Sylvania.",
                "ASSAULT",
                "attack",
                ("asserted", "possible", False),
            ),
            (
                "Freedonia may or may not attend the talks.",
                "CONSULT",
                "attend",
                ("asserted", "possible", False),
            ),
            # unchanged: a plain negation after a conjunction, a "whether" question
            (
                "Freedonia did not attend the talks or sign the deal.",
                "AGREE",
                "sign",
                ("negated", "actual", False),
            ),
            (
                "It is unclear whether Freedonia and Sylvania will meet.",
                "CONSULT",
                "meet",
                ("asserted", "possible", False),
            ),
        ],
    )
    def test_status(self, text, type_, trigger, status):
        assert _status(_event(text, type_, trigger)) == status


class TestANounsOwnTime:
    """A year on the object of a preposition that sets no scene dates that noun, not the
    clause: "meets Y under the 2019 agreement" is no historical meeting."""

    @pytest.mark.parametrize(
        ("text", "type_", "trigger", "historical"),
        [
            ("Freedonia meets Sylvania today under the 2019 agreement.", "CONSULT", "meets", False),
            (
                "Freedonia meets Sylvania today under the 2019 agreement.",
                "AGREE",
                "agreement",
                True,
            ),
            (
                "Freedonia is pressing Sylvania to return to the 2019 talks.",
                "REQUEST",
                "pressing",
                False,
            ),
            # unchanged: a year that sets the scene, a time of the clause, a direct object's year
            (
                "In the 2019 talks, Freedonia agreed to withdraw its troops.",
                "AGREE",
                "agreed",
                True,
            ),
            (
                "Freedonia attacked Sylvania during the 2015 election campaign.",
                "ASSAULT",
                "attacked",
                True,
            ),
            ("Freedonia attacked Sylvania in March 2019.", "ASSAULT", "attacked", True),
            (
                "Firefly praised Sylvania for supporting the 2015 ceasefire.",
                "SUPPORT",
                "supporting",
                True,
            ),
        ],
    )
    def test_historical(self, text, type_, trigger, historical):
        assert _event(text, type_, trigger).historical is historical

    def test_the_date_is_not_the_nouns(self):
        event = _event(
            "Freedonia meets Sylvania today under the 2019 agreement.", "CONSULT", "meets"
        )
        assert event.date == DAY


class TestTopicIsNoContent:
    """What a noun is about is not what a request asks for: "called for information about
    the shooting" asks for information; the shooting happened."""

    @pytest.mark.parametrize(
        ("text", "type_", "trigger", "modality"),
        [
            (
                "Protesters called for more information about the shooting of Rufus Firefly.",
                "ASSAULT",
                "shooting",
                "actual",
            ),
            # unchanged: what is asked for itself
            (
                "Freedonia called for an investigation into the attack on Sylvania.",
                "ACCUSE",
                "investigation",
                "requested",
            ),
        ],
    )
    def test_modality(self, text, type_, trigger, modality):
        assert _event(text, type_, trigger).modality == modality
