"""The country of a group noun that names none: its possessor ("India's navy"), else the one
its sentence names, else its paragraph's, else the article's (named twice as often as any
other); a country only acted on ("sanctions on Russia") says nothing of whose groups the
text speaks of; never a default (real parses)."""

from __future__ import annotations

import pytest

import dyad
from dyad.extract.actors import find_actors, load_actor_dictionary
from dyad.model import ActorMention, Article, Event
from dyad.resolve.confidence import event_features
from test_actors import DATE

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def actors():
    return load_actor_dictionary()


def group(nlp, actors, text: str, word: str) -> ActorMention:
    found = find_actors(nlp(text), Article(id="t", text=text, date=DATE), actors)
    chosen = [m for m in found if word in m.span.text and m.kind == "group"]
    assert chosen, [(m.span.text, m.kind) for m in found]
    return chosen[-1]


def test_a_country_possessor_gives_its_country(nlp, actors):
    text = "Last month, India's navy drew criticism after sinking a Thai trawler."
    navy = group(nlp, actors, text, "navy")
    assert (navy.country, navy.sector, navy.method) == ("IND", "military", "dictionary")


def test_the_paragraph_gives_the_country_the_sentence_does_not(nlp, actors):
    text = "Greece was tense on Saturday. Riot police fired tear gas at the crowd.\nMore later."
    police = group(nlp, actors, text, "police")
    assert (police.country, police.method) == ("GRC", "context")


def test_the_article_gives_the_country_it_names_most(nlp, actors):
    text = (
        "Kenya held elections on Monday.\nKenya counted the votes on Tuesday.\n"
        "Uganda sent observers.\nKenya thanked them.\nThe police said the day was calm."
    )
    assert group(nlp, actors, text, "police").country == "KEN"


def test_no_country_when_the_article_does_not_decide(nlp, actors):
    text = "Kenya held elections.\nUganda held elections.\nThe police said the day was calm."
    assert group(nlp, actors, text, "police").country is None


def test_a_country_acted_on_is_not_the_groups_country(nlp, actors):
    text = "Lawmakers urged new sanctions on Russia. The administration said it would act."
    assert group(nlp, actors, text, "administration").country is None


def test_a_country_from_context_is_not_a_known_actor_for_confidence(nlp, actors):
    text = "Greece was tense on Saturday. Riot police fired tear gas at the crowd.\nMore later."
    police = group(nlp, actors, text, "police")
    event = Event("e", "t", "ASSAULT", actors=(police,), recipients=(), evidence=())
    assert event_features(event, text)["actor_known"] == 0.0
    assert event_features(event, text)["actor_state"] == 1.0


def test_a_group_a_pronoun_owns_takes_no_country_from_context(nlp, actors):
    text = "Greece was tense on Saturday. The ministry said it would recall its envoys.\nMore."
    assert group(nlp, actors, text, "envoys").country is None


ATLANTA = (
    "ATLANTA, Georgia - A judge in Fulton County, Georgia, sentenced a man on Monday.\n\n"
    "Officials said the man had attacked a police officer."
)
TBILISI = "TBILISI - Georgia protested on Monday.\n\nOfficials said the police attacked protesters."


def _officials(text: str) -> ActorMention:
    result = dyad.process(text, date=DATE)
    return next(m for m in result.actors if m.span.text == "Officials")


def test_a_country_the_geoparser_puts_in_another_country_gives_no_context():
    # "Georgia" near Atlanta and Fulton County is the US state: its officials stay unresolved
    officials = _officials(ATLANTA)
    assert (officials.country, officials.actor_id, officials.method) == (None, None, "dictionary")


def test_a_country_whose_places_lie_in_it_still_gives_its_context():
    officials = _officials(TBILISI)
    assert (officials.country, officials.method) == ("GEO", "context")
