"""A region or bloc ("Europe", "the West") is many states: naming it as the one acting does
not make it a government, and its leaders are governments, in the plural (real parses)."""

from __future__ import annotations

import pytest

from dyad.extract.actors import find_actors, load_actor_dictionary
from dyad.model import ActorMention, Article
from test_actors import DATE

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def actors():
    return load_actor_dictionary()


def mention_of(nlp, actors, text: str, word: str) -> ActorMention:
    found = find_actors(nlp(text), Article(id="t", text=text, date=DATE), actors)
    chosen = [m for m in found if word in m.span.text]
    assert chosen, [m.span.text for m in found]
    return chosen[0]


@pytest.mark.parametrize(
    ("text", "word", "code"),
    [
        ("Europe refused the offer.", "Europe", "EUR"),
        ("Africa rejected the plan.", "Africa", "AFR"),
    ],
)
def test_a_region_acting_stays_a_region(nlp, actors, text, word, code):
    mention = mention_of(nlp, actors, text, word)
    assert mention.actor_id == f"CTY:{code}"
    assert mention.sector is None


def test_a_country_acting_is_its_government(nlp, actors):
    mention = mention_of(nlp, actors, "Russia refused the offer.", "Russia")
    assert mention.actor_id == "GOV:RUS"


def test_a_regions_leaders_are_its_governments(nlp, actors):
    mention = mention_of(nlp, actors, "European leaders refused the offer.", "European")
    assert mention.actor_id == "GOV:EUR"
    assert mention.name == "Europe (governments)"
