"""The actor stage without the statistical model: Docs are built by hand with `spacy.blank`.

People are fictional (Ilan Varesk, Dara Quillon...) so the tests do not go stale; countries
are real, since coding them is the point. Each case fails without the feature it names.
"""

from __future__ import annotations

import datetime as dt
import re

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


def read(blank, actors, text, *, people=(), orgs=(), date=DATE, memory=None):
    """find_actors over a hand-built Doc; `people`/`orgs` are set as PERSON/ORG entities."""
    doc = blank(text)
    ents = []
    for label, names in (("PERSON", people), ("ORG", orgs)):
        for name in names:
            for match in re.finditer(re.escape(name), text):
                ents.append(doc.char_span(match.start(), match.end(), label=label))
    doc.ents = sorted(ents, key=lambda s: s.start)
    article = Article(id="t", text=text, date=date)
    return find_actors(doc, article, actors, memory=memory)


def one(mentions: tuple[ActorMention, ...], text: str) -> ActorMention:
    found = [m for m in mentions if text in m.span.text]
    assert found, f"no mention containing {text!r} in {[m.span.text for m in mentions]}"
    return found[0]


# --- titles and appositions -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "country", "sector", "title"),
    [
        ("Moldovan Foreign Minister Ilan Varesk arrived.", "Ilan Varesk", "MDA", "government",
         "Foreign Minister"),
        ("US Secretary of State Dara Quillon spoke.", "Dara Quillon", "USA", "government",
         "Secretary of State"),
        ("Kenyan police chief Odo Marr spoke.", "Odo Marr", "KEN", "police", "police chief"),
        ("Kyrgyz border chief Odo Marr spoke.", "Odo Marr", "KGZ", "police", "border chief"),
        ("Odo Marr met his Tajik counterpart Ilan Varesk.", "Ilan Varesk", "TJK", "government",
         "counterpart"),
        ("Chilean General Tomas Rell spoke.", "Tomas Rell", "CHL", "military", "General"),
        ("Ilan Varesk, the Moldovan foreign minister, arrived.", "Ilan Varesk", "MDA",
         "government", "Moldovan foreign minister"),
    ],
)  # fmt: skip
def test_title_gives_country_sector_and_title(blank, actors, text, name, country, sector, title):
    mention = one(read(blank, actors, text, people=[name]), name)
    assert (mention.country, mention.sector) == (country, sector)
    assert mention.title is not None and mention.title.endswith(title.split()[-1])
    assert mention.method == "title"
    assert mention.name_span is not None and mention.name_span.text == name


def test_title_span_covers_title_and_name(blank, actors):
    mention = one(read(blank, actors, "Then Moldovan Foreign Minister Ilan Varesk left.",
                       people=["Ilan Varesk"]), "Varesk")  # fmt: skip
    assert mention.span.text == "Moldovan Foreign Minister Ilan Varesk"


def test_deputy_minister_is_not_the_minister(blank, actors):
    text = "Deputy Foreign Minister Ilan Varesk of Russia spoke."
    mention = one(read(blank, actors, text, people=["Ilan Varesk"]), "Varesk")
    assert mention.title == "Deputy Foreign Minister"


# --- offices named without a name --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "date", "actor_id", "method"),
    [
        ("He knew that the US president wanted a deal.", dt.date(2014, 5, 1), "PER:barack_obama",
         "title"),
        ("He knew that the US president wanted a deal.", dt.date(2025, 5, 1), "PER:donald_trump",
         "title"),
        ("Moldovan President Ilan Varesk arrived. Later the president left.", DATE,
         "PER:ilan_varesk", "coreference"),
        ("Guinean President expressed concern.", DATE, "GOV:GIN", "title"),
        ("The delegation included the Deputy Minister of Defense of Russia.", DATE, "GOV:RUS",
         "title"),
    ],
)  # fmt: skip
def test_office_without_a_name(blank, actors, text, date, actor_id, method):
    mentions = read(blank, actors, text, people=["Ilan Varesk"], date=date)
    office = [m for m in mentions if m.name_span is None and m.kind == "person"
              and m.span.text.lower().endswith(("president", "defense"))]  # fmt: skip
    assert office, [m.span.text for m in mentions]
    assert (office[-1].actor_id, office[-1].method) == (actor_id, method)


def test_office_at_the_very_end_of_the_text(blank, actors):
    mentions = read(blank, actors, "Rebels attacked the convoy of the Kenyan president")
    assert [m.country for m in mentions if m.span.text.endswith("president")] == ["KEN"]


def test_deputy_office_is_not_the_office_holder(blank, actors):
    text = "He met the Deputy Foreign Minister of Russia."
    office = [m for m in read(blank, actors, text) if "Minister" in m.span.text]
    assert office and office[0].actor_id == "GOV:RUS"  # not Sergei Lavrov


# --- former officials -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Former Peruvian Defence Minister Ana Kest criticised the plan.",
        "Ana Kest, a former Peruvian defence minister, criticised the plan.",
        "Ex-Peruvian Defence Minister Ana Kest criticised the plan.",
    ],
)
def test_former_official_is_not_government(blank, actors, text):
    mention = one(read(blank, actors, text, people=["Ana Kest"]), "Ana Kest")
    assert mention.country == "PER"
    assert mention.sector == "elites"
    assert mention.title is not None and mention.title.startswith("former")


def test_dictionary_official_out_of_office_on_the_date_is_former(blank, actors):
    # Andrei Kozyrev was Russia's foreign minister until 1996.
    in_office = one(read(blank, actors, "Andrei Kozyrev spoke.", date=dt.date(1994, 3, 1)),
                    "Kozyrev")  # fmt: skip
    after = one(read(blank, actors, "Andrei Kozyrev spoke.", date=dt.date(2025, 5, 15)), "Kozyrev")
    assert (in_office.country, in_office.sector) == ("RUS", "government")
    assert (after.country, after.sector) == ("RUS", "elites")
    assert after.title == "former Foreign Minister"


def test_past_office_as_a_form_of_address_stays_former(blank, actors):
    text = "Hillary Clinton spoke. Later Secretary Clinton said she would run."
    mentions = read(blank, actors, text, date=dt.date(2016, 5, 1))
    assert {m.sector for m in mentions if m.actor_id == "PER:hillary_clinton"} == {"elites"}


# --- dated roles ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("date", "sector", "title"),
    [
        (dt.date(2018, 6, 1), "government", "President"),
        (dt.date(2022, 6, 1), "elites", "former President"),
        (dt.date(2025, 6, 1), "government", "President"),
    ],
)
def test_article_date_picks_the_role(blank, actors, date, sector, title):
    mention = one(read(blank, actors, "Donald Trump spoke on Monday.", date=date), "Trump")
    assert (mention.actor_id, mention.sector, mention.title) == ("PER:donald_trump", sector, title)


def test_office_holders_on_a_date(actors):
    kerry = actors.holders("foreign_minister", "USA", dt.date(2014, 1, 1))
    rubio = actors.holders("foreign_minister", "USA", dt.date(2025, 5, 15))
    assert [e.id for e in kerry] == ["PER:john_kerry"]
    assert [e.id for e in rubio] == ["PER:marco_rubio"]


# --- metonyms and places ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "word", "actor_id"),
    [
        ("Moscow refused the offer.", "Moscow", "GOV:RUS"),
        ("The Kremlin refused the offer.", "Kremlin", "GOV:RUS"),
        ("Tokyo protested on Monday.", "Tokyo", "GOV:JPN"),
        ("It was a sign of disrespect to Washington.", "Washington", "GOV:USA"),
        ("The Pentagon denied the report.", "Pentagon", "MIL:USA"),
        ("Downing Street said no.", "Downing Street", "GOV:GBR"),
    ],
)
def test_seat_of_government_as_agent_is_the_government(blank, actors, text, word, actor_id):
    mention = one(read(blank, actors, text), word)
    assert mention.actor_id == actor_id
    assert mention.sector in ("government", "military")


@pytest.mark.parametrize(
    "text",
    [
        "The talks were held in Moscow.",
        "Diplomats met at the Kremlin on Monday.",
        "Putin sent a delegation to Turkey.",
        "The war in Ukraine goes on.",
    ],
)
def test_capital_or_country_as_a_place_is_not_an_actor(blank, actors, text):
    place = text.rstrip(".").split()[-1] if "Monday" not in text else "Kremlin"
    assert not [m for m in read(blank, actors, text) if place in m.span.text]


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Sen. Dara Quillon spoke on Monday. Later the senator said it would wait.", "senator"),
        ("Gov. Dara Quillon spoke on Monday. Later the Ohio governor said so.", "governor"),
    ],
)
def test_the_title_alone_is_the_person_named_with_it(blank, actors, text, word):
    mention = one(read(blank, actors, text, people=["Dara Quillon"]), word)
    assert (mention.name, mention.method) == ("Dara Quillon", "coreference")


def test_the_title_alone_is_not_a_person_of_another_office(blank, actors):
    text = "Mayor Dara Quillon spoke on Monday. Later the governor said it would wait."
    found = read(blank, actors, text, people=["Dara Quillon"])
    assert not [m for m in found if "governor" in m.span.text]


def test_a_country_after_at_is_a_target_not_a_place(blank, actors):
    # "at the Kremlin" is where; "at Moldova" is at whom: nobody stands "at" a country
    mentions = read(blank, actors, "The president lashed out at Moldova over the vote.")
    assert one(mentions, "Moldova").country == "MDA"


# --- possessives ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Moldovan President Ilan Varesk said his aide Tomas Brekel would lead the talks.",
        "Moldovan President Ilan Varesk arrived. Varesk's aide Tomas Brekel will lead the talks.",
    ],
)
def test_possessive_ties_the_aide_to_the_government(blank, actors, text):
    mentions = read(blank, actors, text, people=["Ilan Varesk", "Tomas Brekel"])
    aide = one(mentions, "Tomas Brekel")
    assert (aide.country, aide.sector, aide.title) == ("MDA", "government", "aide")


# --- compound actors --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "noun", "countries", "sector"),
    [
        ("US and European diplomats met in Antalya.", "diplomats", ["USA", "EUR"], "government"),
        ("Senior Hungarian and Romanian officials agreed.", "officials", ["HUN", "ROU"],
         "government"),
        ("Iraqi troops launched an assault.", "troops", ["IRQ"], "military"),
        ("Albanian rebels attacked the post.", "rebels", ["ALB"], "rebels"),
    ],
)  # fmt: skip
def test_group_noun_with_country_modifiers(blank, actors, text, noun, countries, sector):
    group = [m for m in read(blank, actors, text) if m.kind == "group"]
    assert [m.country for m in group] == countries
    assert {m.sector for m in group} == {sector}
    assert len({m.span for m in group}) == 1 and group[0].span.text.endswith(noun)


def test_both_sides_are_the_two_parties_named_before(blank, actors):
    text = (
        "Talks between Armenia and Azerbaijan stalled. The mediator called on both sides to meet."
    )
    sides = [m for m in read(blank, actors, text) if m.span.text == "both sides"]
    assert sorted(m.country for m in sides) == ["ARM", "AZE"]


def test_rebels_without_country_keep_their_sector(blank, actors):
    mention = one(read(blank, actors, "Rebels attacked the convoy at dawn."), "Rebels")
    assert (mention.sector, mention.country) == ("rebels", None)


def test_group_noun_with_country_after_it(blank, actors):
    mention = one(read(blank, actors, "The government of Sudan rejected it."), "government")
    assert (mention.actor_id, mention.sector) == ("GOV:SDN", "government")


@pytest.mark.parametrize(
    ("text", "noun"),
    [
        ("A state trooper stopped the car near Tolven.", "state trooper"),
        ("Two officers arrested the driver.", "officers"),
        ("The man was shot by a police officer.", "police officer"),
    ],
)
def test_officers_and_troopers_are_police(blank, actors, text, noun):
    mention = one(read(blank, actors, text), noun)
    assert (mention.sector, mention.kind) == ("police", "group")


def test_a_titled_officer_of_a_firm_is_no_policeman(blank, actors):
    text = "Chief executive officer Dana Brekel resigned."
    mentions = read(blank, actors, text, people=("Dana Brekel",))
    assert all(m.sector != "police" for m in mentions)


def test_a_person_told_by_a_noun_is_a_civilian_group(blank, actors):
    mention = one(read(blank, actors, "A Tolven County woman was sentenced on Monday."), "woman")
    assert (mention.sector, mention.kind) == ("civilians", "group")
    assert mention.confidence < 0.5  # vague: a person only described


def test_a_named_woman_is_the_person_not_a_group(blank, actors):
    text = "The woman, Dana Brekel, was sentenced on Monday."
    mentions = read(blank, actors, text, people=("Dana Brekel",))
    assert any(m.kind == "person" and m.name == "Dana Brekel" for m in mentions)
