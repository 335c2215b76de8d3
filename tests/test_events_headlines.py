"""A present-tense verb the tagger reads as a plural noun ("protests demands that ...",
headline style) is still a verb trigger with its subject; a plural noun that is only a noun
is not. Real parses, fictional actors."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.tokens import Doc

import dyad
from dyad.extract.events.control import misread_verb
from dyad.pipeline import load_resources

pytestmark = pytest.mark.model

DAY = dt.date(2026, 3, 5)
MISREAD = "The spate of shootings and protests demands that Freedonia act."


def parsed(text: str) -> Doc:
    return load_resources().nlp(text)


def test_a_plural_noun_with_a_subject_of_its_own_is_a_verb() -> None:
    doc = parsed(MISREAD)
    demands = next(t for t in doc if t.lower_ == "demands")
    assert demands.pos_ == "NOUN"  # the parse this rule exists for
    assert misread_verb(demands)
    assert not any(misread_verb(t) for t in doc if t.i != demands.i)


@pytest.mark.parametrize(
    "text",
    [
        "The blasts shook Freedonia on Monday.",
        "Sylvania condemned the attacks on Freedonia.",
        "Talks between Freedonia and Sylvania resumed.",
    ],
)
def test_plural_nouns_that_are_nouns_stay_nouns(text: str) -> None:
    assert not any(misread_verb(t) for t in parsed(text))


def test_the_misread_verb_is_its_trigger() -> None:
    found = dyad.process(MISREAD, date=DAY).events
    assert "demands" in [e.evidence[0].trigger.text for e in found if e.type == "REQUEST"]
