"""A clause the parser joined to the one before: "if Rufus refuses to meet with Firefly or
Freedonia does not agree" holds two clauses, and Freedonia, parsed as a second partner of the
meeting, is the subject of "does not agree". Real parses, actor mentions built by hand (as
in `test_events`). (Freedonia stays a partner of the meeting too: dropping it there joins
the seed's two reports of Putin's refusal, which the meeting tracker then reads as his
absence from the NATO meeting in Antalya.)"""

from __future__ import annotations

import pytest

from dyad.extract.events import find_events, load_codebook
from dyad.model import EventMention
from test_events import ARTICLE_DATE, actors_in, names

pytestmark = pytest.mark.model

STRANDED = (
    "Sylvania will impose sanctions if Rufus refuses to meet with Firefly or Freedonia does "
    "not agree to a ceasefire."
)


@pytest.fixture(scope="module")
def codebook():
    return load_codebook()


def by_trigger(nlp, codebook, text: str) -> dict[str, EventMention]:
    found = find_events(
        nlp(text), codebook, actors=actors_in(text), times=(), article_date=ARTICLE_DATE
    )
    return {e.trigger.text: e for e in found}


def test_a_conjunct_with_its_own_auxiliary_takes_the_noun_before_it_as_subject(nlp, codebook):
    events = by_trigger(nlp, codebook, STRANDED)
    assert events["agree"].type == "AGREE"
    assert names(events["agree"].actors) == ["Freedonia"]
    assert events["agree"].polarity == "negated"


def test_conjuncts_of_one_clause_stay_partners_and_share_the_subject(nlp, codebook):
    events = by_trigger(
        nlp, codebook, "Freedonia met with Sylvania and Elbonia and agreed to a ceasefire."
    )
    assert names(events["met"].recipients) == ["Sylvania", "Elbonia"]
    assert names(events["agreed"].actors) == ["Freedonia"]
