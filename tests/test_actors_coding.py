"""Coding rules added after the first version: nationality adjectives as actors, countries
acting as agents, they/it, ethnic and religious groups. Docs are built by hand with
`spacy.blank` (no parse) unless a case carries `@pytest.mark.model`; people are fictional."""

from __future__ import annotations

import datetime as dt

import pytest

from dyad.extract.actors import find_actors, load_actor_dictionary
from dyad.model import ActorMention, Article

DATE = dt.date(2025, 5, 15)


@pytest.fixture(scope="module")
def blank():
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


@pytest.fixture(scope="module")
def actors():
    return load_actor_dictionary()


def read(nlp, actors, text: str) -> tuple[ActorMention, ...]:
    return find_actors(nlp(text), Article(id="t", text=text, date=DATE), actors)


def coded(mentions: tuple[ActorMention, ...]) -> set[tuple[str, str | None, str | None]]:
    return {(m.span.text, m.country, m.sector) for m in mentions}


# --- nationality adjectives -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Freedonia rejected an Australian ultimatum.", ("Australian", "AUS", None)),
        ("The minister threatened curbs on German goods.", ("German", "DEU", None)),
        ("Envoys criticised Moldovan and Polish demands.", ("Polish", "POL", None)),
    ],
)
def test_adjective_before_a_thing_is_its_country(blank, actors, text, expected):
    assert expected in coded(read(blank, actors, text))


@pytest.mark.parametrize(
    "text",
    [
        "The convoy reached the Syrian border.",  # a place noun
        "Talks were held in the Russian capital.",  # after a locative preposition
    ],
)
def test_adjective_of_a_place_is_no_actor(blank, actors, text):
    assert not [m for m in read(blank, actors, text) if m.kind == "country"]


# --- a country acting as an agent is its government -------------------------------------


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "word", "actor_id", "sector"),
    [
        ("Moldova refused to extend the deal.", "Moldova", "GOV:MDA", "government"),
        ("Moldova and Estonia agreed to hold talks.", "Estonia", "GOV:EST", "government"),
        ("The convoy was stopped by Moldova.", "Moldova", "GOV:MDA", "government"),
        ("Moldova was attacked on Sunday.", "Moldova", "CTY:MDA", None),
        ("Troops attacked Moldova on Sunday.", "Moldova", "CTY:MDA", None),
    ],
)
def test_country_as_agent_is_its_government(nlp, actors, text, word, actor_id, sector):
    mention = next(m for m in read(nlp, actors, text) if m.span.text == word)
    assert (mention.actor_id, mention.country, mention.sector) == (
        actor_id,
        "MDA" if word == "Moldova" else "EST",
        sector,
    )


# --- subject "it" and "they" --------------------------------------------------------------


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "pronoun", "actor_ids"),
    [
        ("Moldova rejected the plan on Monday. It said the talks were over.", "It", {"GOV:MDA"}),
        ("Moldovan rebels said they attacked a convoy.", "they", {"REB:MDA"}),
        ("Moldova and Estonia said they would hold talks.", "they", {"GOV:MDA", "GOV:EST"}),
    ],
)
def test_it_and_they_take_their_antecedent(nlp, actors, text, pronoun, actor_ids):
    found = [m for m in read(nlp, actors, text) if m.span.text == pronoun]
    assert {m.actor_id for m in found} == actor_ids
    assert {m.method for m in found} == {"coreference"}


@pytest.mark.model
def test_expletive_it_refers_to_nothing(nlp, actors):
    text = "Moldova rejected the plan. It is likely that the talks will fail."
    assert not [m for m in read(nlp, actors, text) if m.span.text == "It"]


# --- ethnic and religious groups --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "word", "country", "sector"),
    [
        ("Hausa politicians met on Monday.", "Hausa politicians", "NGA", "elites"),
        ("Hausa politicians met Moldovan envoys.", "Hausa politicians", "NGA", "elites"),
        ("Kurds marched through Chisinau.", "Kurds", "MDA", None),
        ("Shiites marched on Monday.", "Shiites", None, "religious"),
    ],
)
def test_ethnic_group_takes_its_home_or_the_sentence_country(
    blank, actors, text, word, country, sector
):
    assert (word, country, sector) in coded(read(blank, actors, text))
