"""What an actor is ready, willing or eager to do is no deed: the stance of willingness above
it is the event, and its content is planned and hidden by default. Real parses, fictional
actors."""

from __future__ import annotations

import datetime as dt

import pytest

import dyad
from dyad.model import Event
from dyad.resolve.confidence import GENERIC_CEILING

pytestmark = pytest.mark.model

DAY = dt.date(2026, 3, 5)


def _events(text: str) -> list[Event]:
    return list(dyad.process(text, date=DAY).events)


def _willing_cues(event: Event) -> list[str]:
    return [c.rule for c in event.cues if c.rule.startswith("content-of:willing:")]


@pytest.mark.parametrize(
    ("text", "content", "word"),
    [
        ("The Freedonian union was ready to endorse Rufus Firefly.", "SUPPORT", "ready"),
        ("Sylvania is willing to meet the Freedonian president in Geneva.", "CONSULT", "willing"),
        ("The Sylvanian army is prepared to attack Freedonia City.", "ASSAULT", "prepared"),
    ],
)
def test_the_content_of_a_willingness_is_planned_and_hidden(
    text: str, content: str, word: str
) -> None:
    events = _events(text)
    stance = [e for e in events if e.rule == f"stance:willing:{word}"]
    inner = [e for e in events if e.type == content]
    assert stance, [(e.type, e.rule) for e in events]
    assert inner, [(e.type, e.rule) for e in events]
    assert _willing_cues(inner[0]) == [f"content-of:willing:{word}"]
    assert inner[0].modality == "planned"
    assert inner[0].confidence <= GENERIC_CEILING
    assert inner[0].parent_id == stance[0].id


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        ("The Freedonian union endorsed Rufus Firefly on Monday.", "SUPPORT"),
        ("Sylvania said it will meet the Freedonian president in Geneva.", "CONSULT"),
        ("Sylvania was quick to endorse Rufus Firefly on Monday.", "SUPPORT"),
    ],
)
def test_a_deed_or_a_stated_plan_is_not_marked(text: str, event_type: str) -> None:
    found = [e for e in _events(text) if e.type == event_type]
    assert found
    assert not _willing_cues(found[0])
    assert found[0].confidence > GENERIC_CEILING


def test_a_content_whose_own_words_say_more_keeps_its_status() -> None:
    text = (
        "Sylvania did not say whether it was still ready to impose sanctions against Freedonia"
        " if attacks continued."
    )
    found = [e for e in _events(text) if e.type == "SANCTION"]
    assert found
    assert not _willing_cues(found[0])
    assert found[0].modality not in ("actual", "planned")


def test_a_passive_participle_of_readiness_makes_its_object_planned() -> None:
    """ "is prepared for a ceasefire": the participle's lemma is "prepare", its written
    form a word of willingness; "prepared the attack" stays a deed told as done."""
    ceasefire = _events("Sylvania is prepared for a ceasefire with Freedonia.")
    assert [(e.type, e.modality) for e in ceasefire if e.type == "RETREAT"] == [
        ("RETREAT", "planned")
    ]
    attack = _events("Freedonia prepared the attack on Sylvania for weeks.")
    assert [(e.type, e.modality) for e in attack if e.type == "ASSAULT"] == [("ASSAULT", "actual")]
