"""Places on the seed article, with the real spaCy pipeline."""

from __future__ import annotations

import pytest

from dyad.model import Article, EventMention, Span


@pytest.fixture(scope="module")
def seed_places(nlp, seed_text):
    from dyad.extract.places import find_places, load_gazetteer

    doc = nlp(seed_text)
    return doc, find_places(doc, load_gazetteer(), actors=())


@pytest.mark.model
@pytest.mark.parametrize(
    ("name", "lat", "lon"), [("Istanbul", 41.0, 28.95), ("Antalya", 36.9, 30.7)]
)
def test_seed_cities_resolve_to_turkey(seed_places, name, lat, lon):
    _, places = seed_places
    found = [m.place for m in places if m.span.text == name]
    assert found, f"{name} not found"
    for place in found:
        assert place is not None and place.country == "TUR"
        assert place.feature.startswith("PPL")
        assert abs(place.lat - lat) < 0.5 and abs(place.lon - lon) < 0.5


@pytest.mark.model
def test_seed_talks_take_istanbul(seed_places, seed_text):
    from dyad.resolve.places import event_place

    doc, places = seed_places
    sentence = "Putin will not participate in the Ukrainian-Russian negotiations in Istanbul"
    start = seed_text.index(sentence)
    trigger = start + sentence.index("negotiations")
    mention = EventMention(
        type="CONSULT",
        trigger=Span(trigger, trigger + len("negotiations"), "negotiations"),
        sentence=Span(start, start + len(sentence), sentence),
    )
    got = event_place(doc, mention, places, Article("seed", seed_text, None))
    assert got.source == "text"
    assert got.place is not None and got.place.name == "Istanbul" and got.place.country == "TUR"


@pytest.mark.model
def test_seed_delegation_sent_to_istanbul_for_negotiations(seed_places, seed_text):
    from dyad.resolve.places import event_place

    doc, places = seed_places
    phrase = "to Istanbul for negotiations with Ukraine"
    start = seed_text.index(phrase)
    trigger = start + phrase.index("negotiations")
    sentence = next(s for s in doc.sents if s.start_char <= start < s.end_char)
    mention = EventMention(
        type="CONSULT",
        trigger=Span(trigger, trigger + len("negotiations"), "negotiations"),
        sentence=Span(sentence.start_char, sentence.end_char, sentence.text),
    )
    got = event_place(doc, mention, places, Article("seed", seed_text, None))
    assert got.place is not None and got.place.name == "Istanbul"


def test_the_dateline_places_the_lede_not_later_paragraphs() -> None:
    import datetime as dt

    import dyad

    text = (
        "NAIROBI (Reuters) - Kenyan police arrested twelve opposition activists on Tuesday.\n"
        "Last year the opposition leader met the Ugandan president to discuss the border."
    )
    events = dyad.process(text, date=dt.date(2026, 3, 4)).events
    arrest = next(e for e in events if e.type == "COERCE")
    meeting = next(e for e in events if e.type == "CONSULT")
    assert arrest.place is not None and arrest.place.name == "Nairobi"
    assert arrest.place_source == "dateline"
    assert meeting.place is None and meeting.place_source == "none"


def test_without_paragraph_breaks_the_dateline_places_only_its_first_sentence() -> None:
    import datetime as dt

    import dyad

    text = (
        "NAIROBI (Reuters) - Kenyan police arrested twelve opposition activists on Tuesday. "
        "The opposition leader later accused the government of silencing its critics. "
        "He called for protests next week."
    )
    events = dyad.process(text, date=dt.date(2026, 3, 4)).events
    arrest = next(e for e in events if e.type == "COERCE")
    later = [e for e in events if e.type != "COERCE"]
    assert arrest.place is not None and arrest.place_source == "dateline"
    assert later and all(e.place is None and e.place_source == "none" for e in later)


def _places(text: str) -> dict[str, tuple[str | None, str]]:
    import datetime as dt

    import dyad

    return {
        text[e.evidence[0].trigger.start : e.evidence[0].trigger.end]: (
            e.place.name if e.place else None,
            e.place_source,
        )
        for e in dyad.process(text, date=dt.date(2026, 3, 4)).events
    }


def test_a_speakers_home_is_not_where_they_spoke() -> None:
    found = _places("The Ohio chapter of the Freedonian Workers Union praised the governor.")
    assert found["praised"] == (None, "none")


def test_what_was_praised_is_not_where_the_praise_was_given() -> None:
    found = _places("A Freedonian lawmaker praised the opening of the first embassy in Syria.")
    assert found["praised"] == (None, "none")


def test_a_deed_keeps_the_place_of_a_participant() -> None:
    found = _places("An off-duty Brevard County deputy shot a Freedonian protester on Monday.")
    assert found["shot"][0] == "Brevard County"
