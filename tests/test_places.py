"""Places: gazetteer, toponym resolution in context, metonyms, and the event's place.

Resolution tests use the real gazetteer (built once per machine into the user cache, about
ten seconds cold); parses are built by hand with `spacy.blank`, so no model is needed.
"""

from __future__ import annotations

import pytest

from dyad.model import ActorMention, Article, EventMention, Place, PlaceMention, Span


@pytest.fixture(scope="module")
def gazetteer():
    from dyad.extract.places import load_gazetteer

    return load_gazetteer()


def _resolve(gazetteer, text: str, *names: str) -> list[Place | None]:
    from dyad.extract.places import resolve_toponyms

    spans = []
    for name in names:
        start = text.index(name, spans[-1].end if spans else 0)
        spans.append(Span(start, start + len(name), name))
    return [m.place for m in resolve_toponyms(text, spans, gazetteer)]


def _doc(words, heads, deps, ents=None, spaces=None):
    """A hand-made parse: heads are absolute token indices, ents IOB tags."""
    import spacy
    from spacy.tokens import Doc

    nlp = spacy.blank("en")
    return Doc(nlp.vocab, words=words, spaces=spaces, heads=heads, deps=deps, ents=ents)


# --- priors: population and feature type ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("Officials met in Paris on Monday.", "Paris", "FRA"),
        ("The summit opened in London.", "London", "GBR"),
        ("Delegates arrived in Istanbul.", "Istanbul", "TUR"),
        ("Protesters marched in Georgia and Azerbaijan.", "Georgia", "GEO"),
    ],
)
def test_prior_picks_the_prominent_place(gazetteer, text, name, country):
    (place,) = _resolve(gazetteer, text, name)
    assert place is not None and place.country == country


@pytest.mark.parametrize("name", ["W. Va.", "W.Va."])
def test_an_abbreviation_spaced_or_not(gazetteer, name):
    (place,) = _resolve(gazetteer, f"A fire broke out in Charleston, {name}, on Monday.", name)
    assert place is not None and place.name == "West Virginia"


def test_a_country_name_is_a_country(gazetteer):
    (place,) = _resolve(gazetteer, "Talks with Turkey resumed.", "Turkey")
    assert place is not None and place.feature == "PCLI" and place.country == "TUR"


def test_a_city_beats_its_namesake_province(gazetteer):
    (place,) = _resolve(gazetteer, "Negotiations in Istanbul.", "Istanbul")
    assert place is not None and place.feature.startswith("PPL")


# --- context: the article's country and region -------------------------------------------


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("He grew up in Paris, Texas, and moved away.", ("Paris", "Texas")),
        ("The rodeo in Paris drew crowds from across Texas.", ("Paris", "Texas")),
        (
            "Police in Palestine and Tyler, Texas, said roads were closed.",
            ("Palestine", "Tyler", "Texas"),
        ),
    ],
)
def test_context_pulls_a_name_to_the_article_region(gazetteer, text, names):
    first, *_ = _resolve(gazetteer, text, *names)
    assert first is not None and first.country == "USA" and first.admin1 == "Texas"


def test_without_context_paris_is_in_france(gazetteer):
    (place,) = _resolve(gazetteer, "The show came to Paris.", "Paris")
    assert place is not None and place.country == "FRA"


# --- demonyms and adjectives ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("Diplomats gathered in the Turkish resort of Antalya.", "Antalya", "TUR"),
        ("Tourists flocked to the Spanish city of Valencia.", "Valencia", "ESP"),
        ("Fans filled the Argentine city of Cordoba.", "Cordoba", "ARG"),
        ("Fans filled the Spanish city of Cordoba.", "Cordoba", "ESP"),
    ],
)
def test_demonym_sets_the_country(gazetteer, text, name, country):
    (place,) = _resolve(gazetteer, text, name)
    assert place is not None and place.country == country


def test_a_demonym_as_toponym_is_its_country(gazetteer):
    (place,) = _resolve(gazetteer, "Sudanese officials said so.", "Sudanese")
    assert place is not None and place.country == "SDN" and place.feature == "PCLI"


# --- alternate spellings -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("one", "other"),
    [("Kiev", "Kyiv"), ("Bombay", "Mumbai"), ("St. Louis", "Saint Louis"), ("KYIV", "Kyiv")],
)
def test_alternate_spellings_resolve_alike(gazetteer, one, other):
    (a,) = _resolve(gazetteer, f"A visit to {one}.", one)
    (b,) = _resolve(gazetteer, f"A visit to {other}.", other)
    assert a is not None and b is not None and a.geonameid == b.geonameid


def test_state_abbreviation(gazetteer):
    place = _resolve(gazetteer, "He lives in Alexandria, La., now.", "Alexandria", "La.")[0]
    assert place is not None and place.admin1 == "Louisiana"


def test_unknown_name_is_unresolved(gazetteer):
    (place,) = _resolve(gazetteer, "They met in Zzyzxqwv.", "Zzyzxqwv")
    assert place is None


# --- common words and acronyms need support from the article -----------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Police detained protesters in the Old City of Istanbul.", "Old City"),
        ("Ships crossed the Sea near Istanbul.", "Sea"),
        ("CNA reported the ministry's plan for Istanbul.", "CNA"),
    ],
)
def test_a_common_word_without_support_is_unresolved(gazetteer, text, name):
    place, istanbul = _resolve(gazetteer, text, name, "Istanbul")
    assert place is None
    assert istanbul is not None and istanbul.country == "TUR"


def test_a_common_phrase_in_its_country_resolves(gazetteer):
    text = "Israeli police closed the gates of the Old City near Hebron."
    place, _ = _resolve(gazetteer, text, "Old City", "Hebron")
    assert place is not None and place.country == "PSE"


@pytest.mark.parametrize(
    ("name", "country"),
    [
        ("Hirshabelle", "SOM"),
        ("Puntland", "SOM"),
        ("Jubaland", "SOM"),
        ("Baluchistan", "PAK"),
        ("Darfur", "SDN"),
        ("South Ossetia", "GEO"),
    ],
)
def test_regions_the_divisions_table_lacks(gazetteer, name, country):
    (place,) = _resolve(gazetteer, f"Fighting was reported in {name} on Monday.", name)
    assert place is not None and place.country == country and place.feature == "ADM1"


# --- the learned ranker --------------------------------------------------------------------


def test_ranker_weights_name_every_feature(gazetteer):
    from dyad.extract.places.ranker import FEATURES

    assert gazetteer.knowledge.ranker.weights.shape == (len(FEATURES),)


def test_a_ranker_file_missing_a_feature_names_the_file(monkeypatch, tmp_path):
    import json

    from dyad.errors import KnowledgeError
    from dyad.extract.places import ranker

    folder = tmp_path / "data" / "places"
    folder.mkdir(parents=True)
    (folder / "ranker.json").write_text(json.dumps({"weights": {"log_population": 1.0}}))
    monkeypatch.setattr(ranker.resources, "files", lambda _: tmp_path)
    with pytest.raises(KnowledgeError, match=r"ranker\.json.*missing"):
        ranker.load_ranker()


def test_a_nearby_town_beats_a_bigger_namesake(gazetteer):
    text = "Flooding closed roads between Richmond, Berea and Lexington in Madison County."
    places = _resolve(gazetteer, text, "Richmond", "Berea", "Lexington")
    assert all(p is not None and p.admin1 == "Kentucky" for p in places)


# --- metonyms: a place name acting as an agent --------------------------------------------

_MOSCOW_SAID = (
    ["Moscow", "said", "talks", "will", "be", "held", "in", "Istanbul", "."],
    [1, 1, 5, 5, 5, 1, 5, 6, 1],
    ["nsubj", "ROOT", "nsubjpass", "aux", "auxpass", "ccomp", "prep", "pobj", "punct"],
    ["B-GPE", "O", "O", "O", "O", "O", "O", "B-GPE", "O"],
)


def test_metonym_covered_by_an_actor_is_a_toponym_but_not_a_place(gazetteer):
    from dyad.extract.places import find_places

    doc = _doc(*_MOSCOW_SAID)
    actor = ActorMention(
        Span(0, 6, "Moscow"), "GOV:RUS", "Russia", "RUS", "government", kind="country"
    )
    found = [(m.span.text, m.role) for m in find_places(doc, gazetteer, actors=[actor])]
    assert found == [("Moscow", "metonym"), ("Istanbul", None)]


def test_without_the_actor_the_name_stays_a_place(gazetteer):
    from dyad.extract.places import find_places

    names = [m.span.text for m in find_places(_doc(*_MOSCOW_SAID), gazetteer, actors=())]
    assert names == ["Moscow", "Istanbul"]


def test_a_person_mistaken_for_a_place_is_dropped(gazetteer):
    from dyad.extract.places import find_places

    words = ["Georgia", "spoke", "in", "Paris", "."]
    deps = ["nsubj", "ROOT", "prep", "pobj", "punct"]
    doc = _doc(words, [1, 1, 1, 2, 1], deps, ["B-GPE", "O", "O", "B-GPE", "O"])
    person = ActorMention(Span(0, 7, "Georgia"), None, "Georgia", None, None, kind="person")
    assert [m.span.text for m in find_places(doc, gazetteer, actors=[person])] == ["Paris"]


# --- one sense per article: a name used as a place is a place in its other mentions -----


def test_a_place_name_inside_an_organisation_is_a_place_when_used_as_one(gazetteer):
    from dyad.extract.places import find_places

    words = ["Snow", "fell", "in", "Alexandria", ".", "Alexandria", "Schools", "closed", "."]
    heads = [1, 1, 1, 2, 1, 6, 7, 7, 7]
    deps = ["nsubj", "ROOT", "prep", "pobj", "punct", "compound", "nsubj", "ROOT", "punct"]
    ents = ["O", "O", "O", "B-GPE", "O", "B-ORG", "I-ORG", "O", "O"]
    doc = _doc(words, heads, deps, ents)
    starts = [m.span.start for m in find_places(doc, gazetteer)]
    assert starts == [doc[3].idx, doc[5].idx]


@pytest.mark.parametrize(("second", "found"), [("Schools", ["Alexandria"]), ("Bakery", [])])
def test_an_organisation_makes_a_place_only_when_it_is_the_towns_own(gazetteer, second, found):
    from dyad.extract.places import find_places

    words = ["Alexandria", second, "closed", "."]
    ents = ["B-ORG", "I-ORG", "O", "O"]
    doc = _doc(words, [1, 2, 2, 2], ["compound", "nsubj", "ROOT", "punct"], ents)
    assert [m.span.text for m in find_places(doc, gazetteer)] == found


# --- datelines -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("KYIV, May 3 (Reuters) - Officials met.", "KYIV"),
        ("ISTANBUL (AP) — Talks began.", "ISTANBUL"),
        ("Alexandria, La. - A woman was charged.", "Alexandria"),
        ("Talks - what next for the region.", None),
        ("Officials met on Monday.", None),
        ("City adjusts budget for recycling. TORRINGTON — The council met.", "TORRINGTON"),
        ("Bingham to offer plan. Mayor Ryan Bingham - not a dateline.", None),
    ],
)
def test_dateline_span(text, place):
    from dyad.extract.places.detect import dateline_span

    span = dateline_span(text)
    assert (span.text if span else None) == place


# --- the event's place: its clause, else the dateline, else none ----------------------------

_TALKS = (
    ["Envoys", "held", "talks", "in", "Istanbul", "on", "Friday", "."],
    [1, 1, 1, 2, 3, 1, 5, 1],
    ["nsubj", "ROOT", "dobj", "prep", "pobj", "prep", "pobj", "punct"],
)
_ISTANBUL = Place(745044, "Istanbul", "TUR", "Istanbul", 41.01, 28.95, "PPL", 15_000_000)
_KYIV = Place(703448, "Kyiv", "UKR", "Kyiv City", 50.45, 30.52, "PPLC", 2_900_000)


def _mention(doc, trigger: str) -> EventMention:
    start = doc.text.index(trigger)
    return EventMention(
        type="CONSULT",
        trigger=Span(start, start + len(trigger), trigger),
        sentence=Span(0, len(doc.text), doc.text),
    )


def test_event_place_from_its_clause():
    from dyad.resolve.places import event_place

    doc = _doc(*_TALKS)
    start = doc.text.index("Istanbul")
    places = [PlaceMention(Span(start, start + 8, "Istanbul"), _ISTANBUL, 0.9)]
    got = event_place(doc, _mention(doc, "talks"), places, Article("a", doc.text, None))
    assert got.source == "text" and got.place == _ISTANBUL and got.span == places[0].span


def test_event_place_falls_back_to_the_dateline():
    from dyad.resolve.places import event_place

    words = ["KYIV", "(", "Reuters", ")", "-", "Envoys", "held", "talks", "on", "Friday", "."]
    heads = [6, 0, 0, 0, 6, 6, 6, 6, 6, 8, 6]
    deps = ["npadvmod", "punct", "appos", "punct", "punct", "nsubj", "ROOT", "dobj", "prep",
            "pobj", "punct"]  # fmt: skip
    doc = _doc(words, heads, deps)
    dateline = PlaceMention(Span(0, 4, "KYIV"), _KYIV, 0.9, role="dateline")
    got = event_place(doc, _mention(doc, "talks"), [dateline], Article("a", doc.text, None))
    assert got.source == "dateline" and got.place == _KYIV


def test_a_place_in_the_clause_beats_the_dateline():
    from dyad.resolve.places import event_place

    doc = _doc(*_TALKS)
    start = doc.text.index("Istanbul")
    places = [
        PlaceMention(Span(0, 6, "Envoys"), _KYIV, 0.9, role="dateline"),
        PlaceMention(Span(start, start + 8, "Istanbul"), _ISTANBUL, 0.9),
    ]
    got = event_place(doc, _mention(doc, "talks"), places, Article("a", doc.text, None))
    assert got.source == "text" and got.place == _ISTANBUL


def test_no_place_and_no_dateline_is_none():
    from dyad.resolve.places import event_place

    doc = _doc(*_TALKS)
    got = event_place(doc, _mention(doc, "talks"), [], Article("a", doc.text, None))
    assert got.source == "none" and got.place is None and got.span is None


_SANCTIONS = (
    ["Envoys", "imposed", "sanctions", "on", "Moscow", "."],
    [1, 1, 1, 2, 3, 1],
    ["nsubj", "ROOT", "dobj", "prep", "pobj", "punct"],
)
_MOSCOW = Place(524901, "Moscow", "RUS", "Moscow", 55.75, 37.62, "PPLC", 10_000_000)


@pytest.mark.parametrize(("is_recipient", "source"), [(True, "none"), (False, "text")])
def test_the_event_recipient_is_not_its_venue(is_recipient, source):
    from dyad.resolve.places import event_place

    doc = _doc(*_SANCTIONS)
    start = doc.text.index("Moscow")
    span = Span(start, start + 6, "Moscow")
    mention = _mention(doc, "sanctions")
    if is_recipient:
        actor = ActorMention(span, "GOV:RUS", "Russia", "RUS", "government", kind="country")
        mention = EventMention(mention.type, mention.trigger, mention.sentence, recipients=(actor,))
    places = [PlaceMention(span, _MOSCOW, 0.9)]
    got = event_place(doc, mention, places, Article("a", doc.text, None))
    assert got.source == source


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("Kristina and Tim Jones, both 27, adopted a baby girl.", "Kristina", None),
        ("Officials in Kolkata said Calcutta, India had new cases.", "Calcutta", "IND"),
    ],
)
def test_a_name_only_an_alternate_spelling_matches_needs_its_country(
    gazetteer, text, name, country
):
    from dyad.extract.places import resolve_toponyms

    start = text.index(name)
    (mention,) = resolve_toponyms(text, [Span(start, start + len(name), name)], gazetteer)
    assert (mention.place.country if mention.place else None) == country
