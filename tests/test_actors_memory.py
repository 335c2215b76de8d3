"""Repeats inside an article, pronouns, and memory across articles (no statistical model)."""

from __future__ import annotations

import datetime as dt

import pytest

from dyad.extract.actors import ActorMemory, canonical_actors
from dyad.model import Actor
from test_actors import actors, blank, one, read  # noqa: F401  # shared fixtures

# --- surname-only and title-only repeats ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "repeat"),
    [
        ("Kenyan Interior Minister Odo Marr arrived. Later Marr said no.", "Marr said"),
        ("Former Peruvian Defence Minister Ana Kest spoke. Kest left.", "Kest left"),
    ],
)
def test_surname_repeat_keeps_the_first_mention_coding(blank, actors, text, repeat):  # noqa: F811
    first_name = text.split(" arrived")[0].split(" spoke")[0].split()[-2:]
    mentions = read(blank, actors, text, people=[" ".join(first_name)])
    first = mentions[0]
    again = [m for m in mentions if m.span.start == text.index(repeat)]
    assert again, "the surname repeat was not found"
    assert again[0].method == "coreference"
    assert (again[0].actor_id, again[0].country, again[0].sector) == (
        first.actor_id, first.country, first.sector,
    )  # fmt: skip
    assert again[0].actor_id is not None


def test_surname_repeat_even_when_the_model_calls_it_a_place(blank, actors):  # noqa: F811
    text = "Moldovan President Ilan Varesk arrived. Varesk said the talks were over."
    doc = blank(text)
    first = doc.char_span(text.index("Ilan"), text.index(" arrived"), label="PERSON")
    second = doc.char_span(text.index("Varesk said"), text.index(" said"), label="GPE")
    doc.ents = [first, second]
    from dyad.extract.actors import find_actors
    from dyad.model import Article

    mentions = find_actors(doc, Article(id="t", text=text, date=None), actors)
    again = [m for m in mentions if m.span.text == "Varesk"]
    assert again and again[0].kind == "person" and again[0].country == "MDA"


def test_title_turns_a_mislabelled_entity_into_a_person(blank, actors):  # noqa: F811
    text = "Moldovan Foreign Minister Zorblat arrived on Monday."
    doc = blank(text)
    doc.ents = [doc.char_span(text.index("Zorblat"), text.index(" arrived"), label="GPE")]
    from dyad.extract.actors import find_actors
    from dyad.model import Article

    mention = find_actors(doc, Article(id="t", text=text, date=None), actors)[0]
    assert (mention.kind, mention.country, mention.sector) == ("person", "MDA", "government")
    assert mention.name_span is not None and mention.name_span.text == "Zorblat"


def test_subject_pronoun_resolves_to_the_person(blank, actors):  # noqa: F811
    text = "Moldovan President Ilan Varesk arrived on Monday. He said the talks were over."
    mentions = read(blank, actors, text, people=["Ilan Varesk"])
    he = [m for m in mentions if m.span.text == "He"]
    assert he and he[0].actor_id == "PER:ilan_varesk" and he[0].method == "coreference"


def test_she_does_not_resolve_to_a_man(blank, actors):  # noqa: F811
    text = "Vladimir Putin arrived on Monday. She said the talks were over."
    assert not [m for m in read(blank, actors, text) if m.span.text == "She"]


# --- memory across articles -------------------------------------------------------------


def test_memory_resolves_a_surname_seen_with_a_title_in_an_earlier_article(blank, actors):  # noqa: F811
    first = read(blank, actors, "US envoy Dara Quillon met the rebels.", people=["Dara Quillon"])
    rows = canonical_actors(first, date=dt.date(2025, 5, 1))
    quillon = next(a for a in rows if a.id == "PER:dara_quillon")
    assert "Quillon" in quillon.aliases and quillon.first_seen == dt.date(2025, 5, 1)
    memory = ActorMemory.from_actors(rows)

    text = "Quillon said the ceasefire would hold."
    without = one(read(blank, actors, text, people=["Quillon"]), "Quillon")
    remembered = one(read(blank, actors, text, people=["Quillon"], memory=memory), "Quillon")
    assert without.actor_id is None
    assert remembered.method == "memory"
    assert (remembered.actor_id, remembered.country, remembered.sector) == (
        "PER:dara_quillon", "USA", "government",
    )  # fmt: skip


def test_memory_does_not_guess_between_two_people_with_one_surname():
    memory = ActorMemory.from_actors(
        [
            Actor("PER:ana_kest", "Ana Kest", "person", "PER", "government"),
            Actor("PER:ivo_kest", "Ivo Kest", "person", "CHL", "military"),
        ]
    )
    assert memory.find("Kest", kind="person") is None
    assert memory.find("Ivo Kest", kind="person").id == "PER:ivo_kest"


def test_memory_merges_aliases_and_dates():
    old = Actor("PER:ana_kest", "Ana Kest", "person", "PER", "government", ("Kest",),
                dt.date(2024, 1, 1), dt.date(2024, 1, 1))  # fmt: skip
    new = Actor("PER:ana_kest", "Ana Kest", "person", "PER", "elites", ("A. Kest",),
                dt.date(2025, 1, 1), dt.date(2025, 1, 1))  # fmt: skip
    merged = ActorMemory.from_actors([old]).with_actors([new]).actors["PER:ana_kest"]
    assert merged.aliases == ("Kest", "A. Kest")
    assert (merged.first_seen, merged.last_seen) == (dt.date(2024, 1, 1), dt.date(2025, 1, 1))


def test_canonical_actors_skip_unresolved_and_pronouns(blank, actors):  # noqa: F811
    text = "Moldovan President Ilan Varesk arrived. He said rebels attacked."
    rows = canonical_actors(read(blank, actors, text, people=["Ilan Varesk"]))
    varesk = next(a for a in rows if a.id == "PER:ilan_varesk")
    assert "He" not in varesk.aliases and varesk.country == "MDA"
    assert all(a.id for a in rows)
