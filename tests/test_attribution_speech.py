"""`find_quotes` on parsed text, grouped by capability. Fictional actors; real outlets, since
outlets are sources, not actors."""

from __future__ import annotations

import pytest

from dyad.extract.attribution import find_quotes
from dyad.model import ActorMention, Article, EventMention, Quote, Span
from dyad.resolve.attribution import event_attribution

pytestmark = pytest.mark.model


def span_of(text: str, needle: str) -> Span:
    start = text.index(needle)
    return Span(start, start + len(needle), needle)


def quotes_in(nlp, text: str, *, source: str | None = "Norland Herald", actors=()) -> list[Quote]:
    article = Article(id="t", text=text, date=None, source=source)
    return list(find_quotes(nlp(text), article, actors))


def holding(quotes: list[Quote], words: str) -> Quote:
    """The quote whose content holds `words`."""
    found = [q for q in quotes if words in q.content.text]
    assert found, f"no quote holds {words!r}: {[q.content.text for q in quotes]}"
    return min(found, key=lambda q: len(q.content.text))


def chain_of(nlp, text: str, trigger: str, *, source: str | None = None) -> list[str]:
    article = Article(id="t", text=text, date=None, source=source)
    doc = nlp(text)
    span = span_of(text, trigger)
    event = EventMention(type="CONSULT", trigger=span, sentence=span)
    quotes = find_quotes(doc, article, ())
    return [s.name for s in event_attribution(doc, event, quotes, article).chain]


DIRECT = [
    ('"We will not sign this treaty," Varga said.', "sign", "Varga", "said"),
    ('Varga said: "The border stays closed."', "border", "Varga", "said"),
    ('"The border stays closed," said Alma Varga.', "border", "Alma Varga", "said"),
    ('"We are ready," Brel told reporters on Monday.', "ready", "Brel", "told reporters"),
    ('"We are ready," Brel said in a statement.', "ready", "Brel", "said in a statement"),
]


@pytest.mark.parametrize(("text", "words", "speaker", "cue"), DIRECT)
def test_direct_quote(nlp, text: str, words: str, speaker: str, cue: str) -> None:
    quote = holding(quotes_in(nlp, text), words)
    assert (quote.kind, quote.speaker_text, quote.cue.text if quote.cue else None) == (
        "direct",
        speaker,
        cue,
    )


CURLY = [
    ("“The border stays closed,” Varga said.", "“The border stays closed,”"),
    ("Varga said: “The border stays closed.”", "“The border stays closed.”"),
    ("“The border stays closed. We will not negotiate,” Varga said.", "negotiate,”"),
]


@pytest.mark.parametrize(("text", "tail"), CURLY)
def test_curly_quotes_and_quotes_across_sentences(nlp, text: str, tail: str) -> None:
    quote = holding(quotes_in(nlp, text), "border")
    assert quote.kind == "direct" and quote.speaker_text == "Varga"
    assert quote.content.text.endswith(tail)


SPLIT = [
    '"The border stays closed," Varga said, "until the troops withdraw."',
    "“The border stays closed,” she said, “until the troops withdraw.”",
]


@pytest.mark.parametrize("text", SPLIT)
def test_split_quote_is_one_quote_in_two_parts(nlp, text: str) -> None:
    quotes = quotes_in(nlp, text)
    quote = holding(quotes, "withdraw")
    assert "border" in quote.content.text and len(quote.parts) == 2
    assert quote.cue is not None and quote.cue.text == "said"
    assert not any(p.start <= quote.cue.start < p.end for p in quote.parts)


def test_unclosed_quote_ends_at_the_dash_and_its_author(nlp) -> None:
    text = (
        "Varga's decision \"is a sign of weakness. She knew it well. - "
        "former Ostrian Foreign Minister Tomas Brel wrote on X on Monday."
    )
    quote = holding(quotes_in(nlp, text), "weakness")
    assert quote.cue is not None and quote.cue.text == "wrote on X"
    assert quote.speaker_text is not None and quote.speaker_text.endswith("Tomas Brel")
    assert "knew it well" in quote.content.text and "wrote" not in quote.content.text


INDIRECT = [
    ("Varga said that the border would stay closed.", "border would stay closed", "Varga", "said"),
    ("Brel told reporters the talks had failed.", "talks had failed", "Brel", "told reporters"),
    ("The Norland ministry announced a new curfew.", "curfew", "The Norland ministry", "announced"),
    (
        "Varga announced yesterday evening that she would send a delegation.",
        "send",
        "Varga",
        "announced",
    ),
    ("The border will stay closed, Varga said on Monday.", "border", "Varga", "said"),
]


@pytest.mark.parametrize(("text", "words", "speaker", "cue"), INDIRECT)
def test_indirect_speech(nlp, text: str, words: str, speaker: str, cue: str) -> None:
    quote = holding(quotes_in(nlp, text), words)
    assert quote.kind == "indirect"
    assert (quote.speaker_text, quote.cue.text if quote.cue else None) == (speaker, cue)
    assert cue not in quote.content.text


ACCORDING = [
    ("According to Ostrian officials, the convoy crossed the border.", "Ostrian officials"),
    ("The convoy crossed the border, according to two diplomats.", "two diplomats"),
]


@pytest.mark.parametrize(("text", "source"), ACCORDING)
def test_according_to(nlp, text: str, source: str) -> None:
    quote = holding(quotes_in(nlp, text), "convoy crossed")
    assert quote.cue is not None and quote.cue.text.lower() == "according to"
    assert quote.speaker_text == source
    assert "according" not in quote.content.text.lower()


def test_claim_is_linked_to_its_rejection(nlp) -> None:
    text = (
        "The talks broke down over the draft, which Varga later claimed was accepted by Ostria. "
        "The government in Ostria has rejected this claim."
    )
    quote = holding(quotes_in(nlp, text), "accepted")
    assert quote.kind == "claim" and quote.speaker_text == "Varga"
    assert [s.text for s in quote.contested_by] == [
        "The government in Ostria has rejected this claim."
    ]


def test_denial_without_a_pointer_links_nothing(nlp) -> None:
    text = "Varga claimed that Ostria accepted the plan. Ostria rejected the new tariffs."
    assert holding(quotes_in(nlp, text), "accepted").contested_by == ()


RELAYS = [
    (
        "Norland will close its border. This was reported by Bloomberg, writes UNN.\n\n"
        "The talks will start on Friday in Vell.",
        "start",
        ["Bloomberg", "UNN"],
    ),
    (
        "During talks this week, as previously reported by Bloomberg, Norland gave no answer.",
        "gave",
        ["Bloomberg", "Norland Herald"],
    ),
    (
        "The talks collapsed on Monday, Reuters reported, citing two sources.",
        "collapsed",
        ["two sources", "Reuters", "Norland Herald"],
    ),
    ("The minister resigned, state media said.", "resigned", ["state media", "Norland Herald"]),
]


@pytest.mark.parametrize(("text", "trigger", "chain"), RELAYS)
def test_relay_chain(nlp, text: str, trigger: str, chain: list[str]) -> None:
    source = None if "writes UNN" in text else "Norland Herald"
    assert chain_of(nlp, text, trigger, source=source) == chain


def test_publisher_found_in_the_text_says_so(nlp) -> None:
    text = "Norland will close its border. This was reported by Bloomberg, writes UNN."
    quote = holding(quotes_in(nlp, text, source=None), "border")
    publisher = quote.chain[-1]
    assert (publisher.name, publisher.kind, publisher.method) == ("UNN", "publisher", "text")


def test_headline_dash_outlet_holds_only_its_line(nlp) -> None:
    text = (
        "Norland will close its border. This was reported by Bloomberg, writes UNN.\n\n"
        "Varga is not going to Ostria for talks - Reuters\n\n"
        "Ostrian leaders have said that Norland supports the plan."
    )
    assert chain_of(nlp, text, "going") == ["Reuters", "UNN"]
    assert chain_of(nlp, text, "supports") == ["Ostrian leaders", "Bloomberg", "UNN"]


def test_media_are_sources_not_actors(nlp) -> None:
    text = "The border will stay closed, Bloomberg reports."
    outlet = ActorMention(span_of(text, "Bloomberg"), "MED:bloomberg", "Bloomberg", None, "media")
    quote = holding(quotes_in(nlp, text, actors=[outlet]), "border")
    assert quote.speaker is None and quote.speaker_text == "Bloomberg"
    assert [(s.name, s.kind) for s in quote.chain] == [
        ("Bloomberg", "outlet"),
        ("Norland Herald", "publisher"),
    ]


def test_speaker_resolves_to_the_covering_actor(nlp) -> None:
    text = "Norland President Alma Varga said that the border would stay closed."
    varga = ActorMention(
        span_of(text, "Alma Varga"), "PER:alma_varga", "Alma Varga", "NRL", "government", "person"
    )
    quote = holding(quotes_in(nlp, text, actors=[varga]), "border")
    assert quote.speaker == varga
    assert (quote.chain[0].kind, quote.chain[0].actor_id) == ("actor", "PER:alma_varga")


def test_quote_ids_are_stable_and_distinct(nlp) -> None:
    text = 'Varga said that the border would close. "We are ready," Brel said.'
    first = [q.id for q in quotes_in(nlp, text)]
    assert first == [q.id for q in quotes_in(nlp, text)] and len(set(first)) == len(first) == 2


def test_quote_continues_after_a_whole_attribution_sentence(nlp) -> None:
    text = (
        '"That is a problem for the party," said Tomas Brel, a member of the Ostrian '
        'leadership. "I would love to see them change."'
    )
    quote = holding(quotes_in(nlp, text), "problem for the party")
    assert "love to see them change" in quote.content.text and len(quote.parts) == 2


def test_quote_running_over_paragraphs_is_one_statement_with_its_cue(nlp) -> None:
    text = (
        'Tomas Brel said: "The border must open this week. Our farmers are waiting."\n'
        '"Nobody in Norland can explain the delay," he added later.\n'
        '"We will not wait for another month."\n'
        "The talks resume on Monday."
    )
    quotes = quotes_in(nlp, text)
    quote = holding(quotes, "Our farmers are waiting")
    assert quote.cue is not None and quote.cue.text == "said"
    assert "another month" not in quote.content.text
    added = holding(quotes, "another month")
    assert added.cue is not None and added.cue.text == "added"
    assert [p.text for p in added.parts][-1] == '"We will not wait for another month."'
    assert all(q.cue is not None for q in quotes)
    assert not any("talks resume" in q.content.text for q in quotes)


def test_clause_interrupted_by_its_cue_keeps_both_sides(nlp) -> None:
    text = "Bringing the talks back this year, Varga said, feels right to the whole coalition."
    quote = holding(quotes_in(nlp, text), "feels right")
    assert [p.text for p in quote.parts] == [
        "Bringing the talks back this year",
        "feels right to the whole coalition.",
    ]
    assert quote.cue is not None and quote.parts[0].end <= quote.cue.start < quote.parts[1].start


REQUESTS = [
    (
        "Varga has called on both sides to meet for talks.",
        "both sides to meet for talks",
        "has called on",
    ),
    ("Brel urged Norland to withdraw its troops.", "Norland to withdraw its troops", "urged"),
    ("Varga called for an immediate ceasefire.", "an immediate ceasefire", "called for"),
]


@pytest.mark.parametrize(("text", "content", "cue"), REQUESTS)
def test_spoken_requests(nlp, text: str, content: str, cue: str) -> None:
    quote = holding(quotes_in(nlp, text), content.split()[-1])
    assert (quote.content.text.rstrip("."), quote.cue.text if quote.cue else None) == (content, cue)


def test_request_without_a_named_speaker_is_no_quote(nlp) -> None:
    text = "Leaders are expected to urge Varga to act."
    assert [q for q in quotes_in(nlp, text) if "act" in q.content.text] == []


COLON_LINES = [
    ("Varga: Norland will not leave the talks.\n\nThe talks went on.", "Varga"),
    (
        'The analysts agree - Tomas Brel and Ada Lind: "The polls closed too early."',
        "Tomas Brel and Ada Lind",
    ),
]


@pytest.mark.parametrize(("text", "speaker"), COLON_LINES)
def test_name_colon_statement(nlp, text: str, speaker: str) -> None:
    quotes = [q for q in quotes_in(nlp, text) if q.cue is not None and q.cue.text == ":"]
    assert [q.speaker_text for q in quotes] == [speaker]


@pytest.mark.parametrize(
    "text",
    [
        "Update: the talks went on in Vell.",  # a label, not a speaker
        '<blockquote class="twitter-tweet" data-lang="en"><p>Vote</p></blockquote> she said.',
        "Varga promised Sunday.",  # a date is no content
    ],
)
def test_not_quotes(nlp, text: str) -> None:
    assert quotes_in(nlp, text) == []


def test_participle_after_a_preposition_takes_the_subject(nlp) -> None:
    text = '"We will win," Varga said before adding that she would campaign in Vell.'
    quote = holding(quotes_in(nlp, text), "campaign in Vell")
    assert quote.speaker_text == "Varga"


def test_denial_that_answers_the_claim_it_echoes(nlp) -> None:
    text = (
        "Varga claimed that Ostria had accepted the draft protocol. "
        "Brel said the weather was fine. "
        "Ostria denied that it had accepted the protocol."
    )
    quotes = quotes_in(nlp, text)
    assert [s.text for s in holding(quotes, "draft protocol").contested_by] == [
        "Ostria denied that it had accepted the protocol."
    ]
    assert holding(quotes, "weather").contested_by == ()
