"""event_date: each event takes the time expression of its own clause, else the publication
date with a flag; deadlines go to `date_end`; old dates are historical.

Model-free cases build parsed Docs by hand; the seed article runs through the real pipeline.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
import spacy
from spacy.tokens import Doc

from dyad.extract.times import find_times
from dyad.model import Article, EventMention, Span
from dyad.resolve.dates import DateAssignment, event_date

ARTICLE_DATE = dt.date(2025, 5, 15)  # a Thursday
VOCAB = spacy.blank("en").vocab

# word, head, dep, pos, tag, lemma
Row = tuple[str, int, str, str, str, str]

ANNOUNCED = [
    ("Zarvia", 1, "nsubj", "PROPN", "NNP", "Zarvia"),
    ("announced", 1, "ROOT", "VERB", "VBD", "announce"),
    ("yesterday", 1, "npadvmod", "NOUN", "NN", "yesterday"),
    ("that", 6, "mark", "SCONJ", "IN", "that"),
    ("envoys", 6, "nsubj", "NOUN", "NNS", "envoy"),
    ("will", 6, "aux", "AUX", "MD", "will"),
    ("travel", 1, "ccomp", "VERB", "VB", "travel"),
    ("to", 6, "prep", "ADP", "IN", "to"),
    ("Lorenz", 7, "pobj", "PROPN", "NNP", "Lorenz"),
    ("on", 6, "prep", "ADP", "IN", "on"),
    ("Friday", 9, "pobj", "PROPN", "NNP", "Friday"),
    (".", 1, "punct", "PUNCT", ".", "."),
]
REJECTED = [
    ("Officials", 1, "nsubj", "NOUN", "NNS", "official"),
    ("said", 1, "ROOT", "VERB", "VBD", "say"),
    ("on", 1, "prep", "ADP", "IN", "on"),
    ("Monday", 2, "pobj", "PROPN", "NNP", "Monday"),
    ("that", 6, "mark", "SCONJ", "IN", "that"),
    ("Vostria", 6, "nsubj", "PROPN", "NNP", "Vostria"),
    ("rejected", 1, "ccomp", "VERB", "VBD", "reject"),
    ("the", 8, "det", "DET", "DT", "the"),
    ("claim", 6, "dobj", "NOUN", "NN", "claim"),
    (".", 1, "punct", "PUNCT", ".", "."),
]
DEMANDED = [
    ("The", 1, "det", "DET", "DT", "the"),
    ("League", 2, "nsubj", "PROPN", "NNP", "League"),
    ("demanded", 2, "ROOT", "VERB", "VBD", "demand"),
    ("that", 5, "mark", "SCONJ", "IN", "that"),
    ("Vostria", 5, "nsubj", "PROPN", "NNP", "Vostria"),
    ("agree", 2, "ccomp", "VERB", "VB", "agree"),
    ("to", 5, "prep", "ADP", "IN", "to"),
    ("a", 8, "det", "DET", "DT", "a"),
    ("truce", 6, "pobj", "NOUN", "NN", "truce"),
    ("by", 5, "prep", "ADP", "IN", "by"),
    ("May", 9, "pobj", "PROPN", "NNP", "May"),
    ("12", 10, "nummod", "NUM", "CD", "12"),
    (".", 2, "punct", "PUNCT", ".", "."),
]
LED = [
    ("Ostrov", 1, "nsubj", "PROPN", "NNP", "Ostrov"),
    ("led", 1, "ROOT", "VERB", "VBD", "lead"),
    ("talks", 1, "dobj", "NOUN", "NNS", "talk"),
    ("in", 1, "prep", "ADP", "IN", "in"),
    ("February", 3, "pobj", "PROPN", "NNP", "February"),
    ("2022", 4, "nummod", "NUM", "CD", "2022"),
    (".", 1, "punct", "PUNCT", ".", "."),
]
MEETING = [
    ("Doubts", 1, "nsubj", "NOUN", "NNS", "doubt"),
    ("shadowed", 1, "ROOT", "VERB", "VBD", "shadow"),
    ("the", 3, "det", "DET", "DT", "the"),
    ("meeting", 1, "dobj", "NOUN", "NN", "meeting"),
    ("of", 3, "prep", "ADP", "IN", "of"),
    ("ministers", 4, "pobj", "NOUN", "NNS", "minister"),
    (",", 5, "punct", "PUNCT", ",", ","),
    ("which", 8, "nsubj", "PRON", "WDT", "which"),
    ("started", 5, "relcl", "VERB", "VBD", "start"),
    ("on", 8, "prep", "ADP", "IN", "on"),
    ("Wednesday", 11, "compound", "PROPN", "NNP", "Wednesday"),
    ("evening", 9, "pobj", "NOUN", "NN", "evening"),
    (".", 1, "punct", "PUNCT", ".", "."),
]


def parsed(rows: list[Row]) -> Doc:
    words, heads, deps, pos, tags, lemmas = (list(column) for column in zip(*rows, strict=True))
    spaces = [i + 1 < len(words) and words[i + 1] not in (".", ",") for i in range(len(words))]
    return Doc(
        VOCAB, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos, tags=tags,
        lemmas=lemmas, sent_starts=[i == 0 for i in range(len(words))],
    )  # fmt: skip


def mention(doc: Doc, trigger: str, type_: str = "CONSULT") -> EventMention:
    token = next(t for t in doc if t.text == trigger)
    text = doc.text
    return EventMention(
        type=type_,
        trigger=Span(token.idx, token.idx + len(token), token.text),
        sentence=Span(0, len(text), text),
    )


def date_of(rows: list[Row], trigger: str, type_: str = "CONSULT", *, published=ARTICLE_DATE):
    doc = parsed(rows)
    article = Article(id="a1", text=doc.text, date=published)
    times = find_times(doc, published)
    return event_date(doc, mention(doc, trigger, type_), times, article)


@pytest.mark.parametrize(
    ("rows", "trigger", "day", "said"),
    [
        (ANNOUNCED, "announced", dt.date(2025, 5, 14), "yesterday"),
        (ANNOUNCED, "travel", dt.date(2025, 5, 16), "Friday"),
        (MEETING, "meeting", dt.date(2025, 5, 14), "Wednesday evening"),
    ],
)
def test_event_takes_the_expression_of_its_own_clause(rows, trigger, day, said):
    found = date_of(rows, trigger)
    assert (found.date, found.source, found.granularity) == (day, "text", "day")
    assert found.expression is not None and found.expression.span.text == said
    assert not found.historical and not found.deadline


def test_expression_on_the_clause_verb_dates_a_noun_trigger_of_that_clause():
    found = date_of(LED, "talks")  # "in February 2022" hangs on "led", not on "talks"
    assert (found.date, found.source, found.historical) == (dt.date(2022, 2, 1), "text", True)


def test_expression_of_another_clause_is_not_taken():
    found = date_of(REJECTED, "rejected", "REJECT")
    assert found == DateAssignment(ARTICLE_DATE, None, "day", "publication")
    assert date_of(REJECTED, "said", "ACCUSE").date == dt.date(2025, 5, 12)


def test_no_expression_and_no_article_date_gives_none():
    found = date_of(REJECTED, "rejected", "REJECT", published=None)
    assert (found.date, found.source, found.expression) == (None, "none", None)


def test_deadline_of_a_demand_goes_to_date_end():
    found = date_of(DEMANDED, "demanded", "REQUEST")
    assert (found.date_end, found.deadline, found.source) == (dt.date(2025, 5, 12), True, "text")
    assert found.date is None  # made on an unknown day before its deadline, not on May 15


def test_deadline_before_publication_keeps_the_publication_date_when_it_fits():
    found = date_of(DEMANDED, "demanded", "REQUEST", published=dt.date(2025, 5, 2))
    assert (found.date, found.date_end, found.deadline) == (
        dt.date(2025, 5, 2),
        dt.date(2025, 5, 12),
        True,
    )


def test_old_dates_are_historical_and_keep_their_period():
    found = date_of(LED, "led")
    assert (found.date, found.date_end) == (dt.date(2022, 2, 1), dt.date(2022, 2, 28))
    assert (found.granularity, found.historical) == ("month", True)


SEED_DATES = [
    ("today", "date", "2025-05-15", None),
    ("yesterday evening", "time", "2025-05-14TEV", None),
    ("Wednesday evening", "time", "2025-05-14TEV", None),
    ("Friday", "date", "2025-05-16", None),
    ("May 12", "date", "2025-05-12", "deadline"),
    ("February 2022", "date", "2022-02", None),
    ("30-day", "duration", "P30D", None),
]


@pytest.fixture(scope="module")
def seed(nlp, seed_text):
    lines = seed_text.split("\n", 1)
    match = re.match(r"\s*date\s+(\d{4}-\d{2}-\d{2})", lines[0])
    assert match, "the seed's first line gives its date"
    body = lines[1]
    doc = nlp(body)
    article = Article(id="seed", text=body, date=dt.date.fromisoformat(match.group(1)))
    return doc, article, find_times(doc, article.date)


@pytest.mark.model
@pytest.mark.parametrize(("said", "type_", "value", "role"), SEED_DATES)
def test_seed_time_expressions(seed, said, type_, value, role):
    _, article, times = seed
    assert article.date == ARTICLE_DATE
    found = [t for t in times if t.span.text == said]
    assert found, [t.span.text for t in times]
    assert (found[0].type, found[0].value, found[0].role) == (type_, value, role)


SEED_EVENTS = [
    (r"Putin announced", "announced", "CONSULT", dt.date(2025, 5, 14), "text", False),
    (r"scheduled to join", "join", "CONSULT", dt.date(2025, 5, 16), "text", False),
    (r"will gather", "gather", "CONSULT", dt.date(2025, 5, 15), "text", False),
    (r"meeting of NATO", "meeting", "CONSULT", dt.date(2025, 5, 14), "text", False),
    (r"Medinsky led", "led", "CONSULT", dt.date(2022, 2, 1), "text", True),
    (r"has rejected", "rejected", "REJECT", dt.date(2025, 5, 15), "publication", False),
]


@pytest.mark.model
@pytest.mark.parametrize(("near", "trigger", "type_", "day", "source", "historical"), SEED_EVENTS)
def test_seed_event_dates(seed, near, trigger, type_, day, source, historical):
    doc, article, times = seed
    found = event_date(doc, _seed_mention(doc, near, trigger, type_), times, article)
    assert (found.date, found.source, found.historical) == (day, source, historical)


@pytest.mark.model
def test_seed_ultimatum_has_the_passed_deadline(seed):
    doc, article, times = seed
    found = event_date(
        doc, _seed_mention(doc, r"ultimatum demanding", "ultimatum", "REQUEST"), times, article
    )
    assert (found.date_end, found.deadline) == (dt.date(2025, 5, 12), True)
    assert found.date_end < article.date  # the deadline has come and gone


def _seed_mention(doc: Doc, near: str, trigger: str, type_: str) -> EventMention:
    """The mention whose trigger is the word `trigger` in the first place `near` occurs."""
    at = re.search(near, doc.text)
    assert at, near
    token = next(t for t in doc if t.idx >= at.start() - 40 and t.text == trigger)
    sentence = token.sent
    return EventMention(
        type=type_,
        trigger=Span(token.idx, token.idx + len(token), token.text),
        sentence=Span(sentence.start_char, sentence.end_char, sentence.text),
    )


def test_a_deadline_end_carries_its_own_granularity():
    found = date_of(DEMANDED, "demanded", "REQUEST", published=dt.date(2025, 5, 2))
    assert (found.granularity, found.end_granularity) == ("day", "day")
    unknown_start = date_of(DEMANDED, "demanded", "REQUEST")
    assert (unknown_start.granularity, unknown_start.end_granularity) == (None, "day")
