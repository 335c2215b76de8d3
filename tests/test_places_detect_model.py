"""Toponym detection on real parses, wired as `dyad.process` runs it (actors included)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def resources():
    from dyad.pipeline import load_resources

    return load_resources()


def _places(resources, text: str) -> list[tuple[str, str | None]]:
    from dyad.ingest import make_article
    from dyad.pipeline import process_article

    result = process_article(make_article(text, origin="<test>"), resources)
    return [(m.span.text, m.role) for m in result.places]  # type: ignore[union-attr]


def test_a_country_acting_as_an_agent_is_a_metonym(resources):
    text = (
        "Egypt proposed a United Nations conference on the crisis on Tuesday. "
        "Delegates from several countries are expected to gather in Cairo next month."
    )
    found = _places(resources, text)
    assert ("Egypt", "metonym") in found
    assert ("Cairo", None) in found


def test_a_metonym_is_never_the_event_place(resources):
    from dyad.ingest import make_article
    from dyad.pipeline import process_article

    text = "Egypt condemned the attack on Tuesday."
    result = process_article(make_article(text, origin="<test>"), resources)
    assert [(m.span.text, m.role) for m in result.places] == [("Egypt", "metonym")]  # type: ignore[union-attr]
    assert result.events  # type: ignore[union-attr]
    assert all(e.place is None for e in result.events)  # type: ignore[union-attr]


def test_a_town_the_recogniser_calls_a_person_in_an_address(resources):
    text = (
        "Police arrested two people on Sunday. Dana Warden, 44, of 2517 Memphis St., "
        "Alexandria, and Lee Hart, 41, of 420 Augusta St., Alexandria, were charged."
    )
    names = [name for name, _ in _places(resources, text)]
    assert names.count("Alexandria") == 2


def test_a_lone_name_of_a_person_named_in_full_stays_a_person(resources):
    text = (
        "Cindy Davidson opened the shop in Dallas in January. "
        "Davidson said business had been good since the spring."
    )
    names = [name for name, _ in _places(resources, text)]
    assert "Davidson" not in names and "Dallas" in names


def test_a_town_opening_the_name_of_its_institution(resources):
    text = (
        "Two women were injured on Friday, according to a release from Gainesville Police. "
        "The Madison County Health Department has asked drivers to slow down."
    )
    names = [name for name, _ in _places(resources, text)]
    assert "Gainesville" in names and "Madison County" in names


def test_an_organisation_that_is_not_an_institution_keeps_its_name(resources):
    text = "Landmark Bank opened a branch in Dallas on Monday."
    names = [name for name, _ in _places(resources, text)]
    assert names == ["Dallas"]


def test_a_country_in_a_persons_title_is_a_toponym(resources):
    text = (
        "US Secretary of State Condoleezza Rice arrived on Monday for talks with "
        "the Egyptian president."
    )
    names = [name for name, _ in _places(resources, text)]
    assert "US" in names and "Condoleezza Rice" not in names


def test_a_legislators_party_and_home_name_a_place(resources):
    text = (
        "House Minority Leader Marty Seifert, R-Marshall, backed the motion, and "
        "Rep. Charles Rangel, D-N.Y., and Rep. Nick Rahall, D-W. Va., opposed it on Thursday."
    )
    names = [name for name, _ in _places(resources, text)]
    assert "Marshall" in names and "N.Y." in names and "W. Va." in names


@pytest.mark.parametrize(
    "opening",
    [
        "Drug dealer arrested near the airport . BEIRUT: A drug dealer was arrested",
        "Drowning trial nears its end . LEBANON (AP) — A pathologist testified",
    ],
)
def test_a_dateline_after_a_headline(resources, opening):
    found = _places(resources, opening + " on Saturday after a chase through the city.")
    assert found and found[0][1] == "dateline"


@pytest.mark.parametrize(
    ("text", "given", "name", "feature"),
    [
        ("Cargo would be shipped across North America.", "America", "North America", "CONT"),
        ("New Jersey last year apologized for slavery.", "Jersey", "New Jersey", "ADM1"),
        (
            "Statistics from the Guernsey County Common Pleas Court reflect hard times.",
            "Guernsey",
            "Guernsey County",
            "ADM2",
        ),
    ],
)
def test_a_place_entity_takes_the_word_the_recogniser_left_out(
    resources, text, given, name, feature
):
    from dyad.extract.places import find_places

    doc = resources.nlp(text)
    assert given in [e.text for e in doc.ents if e.label_ == "GPE"]  # what the model gives
    found = {m.span.text: m.place for m in find_places(doc, resources.gazetteer)}
    assert given not in found
    place = found[name]
    assert place is not None and place.feature == feature


def test_a_county_opening_an_organisation_name_is_the_whole_county(resources):
    text = "The Madison County Partnership for Community Health met on Monday."
    names = [name for name, _ in _places(resources, text)]
    assert names == ["Madison County"]


def test_an_ethnic_demonym_names_its_country(resources):
    text = "The Sinhalese majority has long held power in the island's government."
    assert ("Sinhalese", "demonym") in _places(resources, text)
