"""The seed article: Bloomberg via UNN for the body, Reuters for its line, European leaders for
the conditional sanctions, Kozyrev's post on X, Putin's claim and Kyiv's rejection."""

from __future__ import annotations

import pytest

from dyad.extract.attribution import find_quotes
from dyad.model import ActorMention, Article, EventMention, Quote, Span
from dyad.resolve.attribution import event_attribution

pytestmark = pytest.mark.model


def span_of(text: str, needle: str) -> Span:
    start = text.index(needle)
    return Span(start, start + len(needle), needle)


def person(text: str, needle: str, actor_id: str) -> ActorMention:
    return ActorMention(span_of(text, needle), actor_id, needle, "RUS", "government", "person")


@pytest.fixture(scope="module")
def seed(nlp, seed_text: str):
    article = Article(id="seed", text=seed_text, date=None)
    doc = nlp(seed_text)
    actors = (
        person(seed_text, "Andrei Kozyrev", "PER:andrei_kozyrev"),
        person(seed_text, "Putin later", "PER:vladimir_putin"),
    )
    return article, doc, find_quotes(doc, article, actors)


def chain(seed, trigger: str) -> list[str]:
    article, doc, quotes = seed
    span = span_of(article.text, trigger)
    event = EventMention(type="CONSULT", trigger=span, sentence=span)
    return [s.name for s in event_attribution(doc, event, quotes, article).chain]


def quote_with(quotes: tuple[Quote, ...], words: str) -> Quote:
    found = [q for q in quotes if words in q.content.text]
    assert found, f"no quote holds {words!r}"
    return min(found, key=lambda q: len(q.content.text))


@pytest.mark.parametrize(
    ("trigger", "expected"),
    [
        ("has called on both sides", ["Bloomberg", "UNN"]),  # the body: Bloomberg via UNN
        ("will be absent himself", ["Bloomberg", "UNN"]),  # the lead, before the relay line
        ("is not going to Turkey", ["Reuters", "UNN"]),  # the headline line
        ("supports coordinated sanctions", ["European leaders", "Bloomberg", "UNN"]),
    ],
)
def test_seed_chains(seed, trigger: str, expected: list[str]) -> None:
    assert chain(seed, trigger) == expected


def test_seed_publisher_is_found_in_the_text(seed) -> None:
    _, _, quotes = seed
    publishers = {(q.chain[-1].name, q.chain[-1].method) for q in quotes}
    assert publishers == {("UNN", "text")}


def test_seed_recall_section_is_the_publisher_s_own(seed) -> None:
    assert "Bloomberg" not in chain(seed, "will not participate")


def test_seed_kozyrev_quote(seed) -> None:
    _, _, quotes = seed
    quote = quote_with(quotes, "disrespect to Washington")
    assert quote.kind == "direct"
    assert quote.speaker is not None and quote.speaker.actor_id == "PER:andrei_kozyrev"
    assert quote.cue is not None and quote.cue.text == "wrote on X"
    assert "offered to meet with Putin there" in quote.content.text


def test_seed_putin_claim_is_contested_by_kyiv(seed) -> None:
    article, doc, quotes = seed
    quote = quote_with(quotes, "largely accepted by Ukraine")
    assert quote.kind == "claim"
    assert quote.speaker is not None and quote.speaker.actor_id == "PER:vladimir_putin"
    assert any("Kyiv has rejected this claim" in s.text for s in quote.contested_by)
    span = span_of(article.text, "accepted by Ukraine")
    event = EventMention(type="AGREE", trigger=span, sentence=span)
    assert event_attribution(doc, event, quotes, article).claim is True


def test_seed_read_also_link_is_not_a_statement(seed) -> None:
    article, _, quotes = seed
    link = span_of(article.text, "Read also:")
    line_end = article.text.index("\n", link.start)
    assert not [q for q in quotes if link.start <= q.content.start < line_end]


def test_seed_as_previously_reported_by_bloomberg(seed) -> None:
    _, _, quotes = seed
    quote = quote_with(quotes, "did not give a clear answer")
    assert (quote.speaker, quote.speaker_text) == (None, "Bloomberg")
    assert [(s.name, s.kind) for s in quote.chain] == [
        ("Bloomberg", "outlet"),
        ("UNN", "publisher"),
    ]
