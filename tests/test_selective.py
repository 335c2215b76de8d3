"""Selective parsing: offsets equal the text, unparsed sentences carry no parse, same events."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from spacy.tokens import Doc

from dyad.errors import SettingsError
from dyad.extract.times import MATCHES_KEY, find_times
from dyad.ingest import make_article, read_articles
from dyad.model import ArticleResult
from dyad.nlp import batches, parse, split_text
from dyad.nlp.fastpipes import FastAttributeRuler, FastLemmatizer
from dyad.pipeline import load_resources, process_batch
from dyad.selective import parse_selective, selected_sentences
from dyad.settings import load_settings

pytestmark = [pytest.mark.model]
EXAMPLES = Path(__file__).resolve().parents[1] / "src" / "dyad" / "data" / "examples"
TEXT = (
    "The weather in Lisbon was mild and sunny.  \n\n"
    "Freedonia attacked Sylvania near the border.\n"
    "Green hills   rolled towards the Atlantic coast of Portugal.   "
)


@pytest.fixture(scope="module")
def full():
    return load_resources(load_settings(parse="full"))


@pytest.fixture(scope="module")
def selective(full):
    cues = load_resources(load_settings(parse="selective")).cues
    assert cues is not None
    return dataclasses.replace(full, cues=cues)


def test_offsets_index_the_text_and_only_cue_sentences_are_parsed(selective) -> None:
    (doc,) = parse_selective(selective.nlp, [TEXT], selective.cues)
    assert doc.text == TEXT
    sents = list(doc.sents)
    assert [s.text.strip() for s in sents][1] == "Freedonia attacked Sylvania near the border."
    assert len(sents) == 3
    assert selected_sentences(doc, selective.cues) == [(sents[1].start, sents[1].end)]
    attacked = next(t for t in doc if t.text == "attacked")
    assert attacked.lemma_ == "attack" and attacked.dep_ == "ROOT"
    for sent in (sents[0], sents[2]):  # no trigger, quote or time: no parse at all
        assert all(t.dep_ == "" and t.head.i == t.i and t.lemma_ == "" for t in sent)
    assert {e.text for e in doc.ents} >= {"Lisbon", "Freedonia", "Portugal"}


def test_irregular_forms_of_triggers_select_their_sentence(selective) -> None:
    (doc,) = parse_selective(
        selective.nlp, ["The two leaders met behind closed doors."], selective.cues
    )
    assert selected_sentences(doc, selective.cues)
    assert next(t for t in doc if t.text == "met").lemma_ == "meet"


@pytest.mark.parametrize("verb", ["won’t attend", "didn't attend", "can’t attend"])
def test_a_contracted_negation_reads_as_in_the_full_parse(full, selective, verb: str) -> None:
    """The tokenizer gives "n’t" the norm "not"; a selected sentence parsed on its own keeps it,
    so the models read the negation (without it, negated events came out asserted)."""
    text = f"The weather was mild. Freedonia said its minister {verb} the talks in Sylvania."
    (whole,) = parse(full.nlp, [text])
    (doc,) = parse_selective(selective.nlp, [text], selective.cues)
    negator = next(t for t in doc if t.lower_ in ("n’t", "n't"))
    assert negator.norm_ == "not" and negator.dep_ == "neg"
    assert [(t.lemma_, t.dep_, t.head.i) for t in doc[5:]] == [
        (t.lemma_, t.dep_, t.head.i) for t in whole[5:]
    ]


def test_an_article_without_any_cue_is_read(selective) -> None:
    article = make_article("Green hills rolled towards the coast of Portugal.", date="2026-03-02")
    (result,) = process_batch([article], selective)
    assert isinstance(result, ArticleResult), result
    assert result.events == ()


def test_bundled_examples_give_the_same_events_either_way(full, selective) -> None:
    articles = [a for a in read_articles([EXAMPLES]) if not hasattr(a, "reason")]
    assert len(articles) > 10
    before = process_batch(articles, full)
    after = process_batch(articles, selective)
    for a, b in zip(before, after, strict=True):
        assert isinstance(a, ArticleResult) and isinstance(b, ArticleResult)
        assert [(e.id, e.type, e.actors, e.recipients) for e in a.events] == [
            (e.id, e.type, e.actors, e.recipients) for e in b.events
        ], a.article.id


def test_parse_setting_is_checked() -> None:
    assert load_settings(env={}).parse == "full"
    assert load_settings(env={"DYAD_PARSE": "selective"}).parse == "selective"
    with pytest.raises(SettingsError, match=r"DYAD_PARSE.*full or selective"):
        load_settings(env={"DYAD_PARSE": "partial"})


def test_batches_are_bounded_by_texts_and_characters() -> None:
    texts = ["a" * 50, "b" * 50, "c" * 500, "d" * 10, "e" * 10, "f" * 10]
    assert [len(b) for b in batches(texts, 2, 120)] == [2, 1, 2, 1]
    assert [len(b) for b in batches(texts, 10, 120)] == [2, 1, 3]  # a long text goes alone


def test_time_candidates_are_found_once_per_doc(selective) -> None:
    text = "Freedonia attacked Sylvania on Monday. The talks ended in March 2025."
    (doc,) = parse_selective(selective.nlp, [text], selective.cues)
    assert [m.rule for m in doc.user_data[MATCHES_KEY]] == ["weekday", "month_year"]
    assert [t.span.text for t in find_times(doc, dt.date(2026, 3, 4))] == ["Monday", "March 2025"]


def test_fast_ruler_and_lemmatizer_give_spacys_output(full) -> None:
    nlp = full.nlp
    texts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]
    texts.append("I'd say we can't go.  They'll be there, won't they?\n\nShe's gonna win 'em.")
    with nlp.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner", "entity_ruler"]):
        tagged = list(nlp.pipe(texts))
    ruler, lemmatizer = nlp.get_pipe("attribute_ruler"), nlp.get_pipe("lemmatizer")
    fast_ruler, fast_lemmatizer = FastAttributeRuler(ruler), FastLemmatizer(lemmatizer)
    assert fast_ruler.rest.patterns, "the test should also cover the patterns left to spaCy"
    for doc in tagged:
        theirs = lemmatizer(ruler(Doc(nlp.vocab).from_bytes(doc.to_bytes())))
        ours = fast_lemmatizer(fast_ruler(Doc(nlp.vocab).from_bytes(doc.to_bytes())))
        assert [(t.pos_, str(t.morph), t.lemma_, t.tag_) for t in ours] == [
            (t.pos_, str(t.morph), t.lemma_, t.tag_) for t in theirs
        ]


def test_full_parse_equals_spacys_pipe(full) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))][:4]
    attrs = ["TAG", "POS", "MORPH", "LEMMA", "HEAD", "DEP", "SENT_START", "ENT_IOB", "ENT_TYPE"]
    theirs = list(full.nlp.pipe(texts))
    ours = list(parse(full.nlp, texts))
    for a, b in zip(theirs, ours, strict=True):
        assert b.text == a.text
        assert (b.to_array(attrs) == a.to_array(attrs)).all()


def test_a_text_longer_than_batch_chars_is_read_in_parts_with_the_same_offsets(full) -> None:
    text = (TEXT + "\n\n") * 6 + "Sylvania  attacked Freedonia again."
    assert all(len(p) <= 300 for p in split_text(text, 300))
    assert "".join(split_text(text, 300)) == text
    for cues in (None, load_resources(load_settings(parse="selective")).cues):
        (doc,) = parse(full.nlp, [text], batch_chars=300, cues=cues)
        assert doc.text == text
        assert [e.text for e in doc.ents].count("Freedonia") == 7
        attacked = [t for t in doc if t.text == "attacked"]
        assert len(attacked) == 7 and all(t.lemma_ == "attack" for t in attacked)
