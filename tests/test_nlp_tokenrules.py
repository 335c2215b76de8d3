"""Token patterns over a Doc's arrays find what spaCy's Matcher finds for the attribute ruler."""

from __future__ import annotations

import spacy
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from dyad.nlp.tokenrules import TokenRules


def _rule(tokens: list[dict], attrs: dict, index: int = 0, *more: list[dict]) -> dict:
    return {"patterns": [tokens, *more], "attrs": attrs, "index": index}


# the kinds the English pipelines' attribute ruler holds after its tag map
PATTERNS = [
    _rule([{"TAG": "CC", "LOWER": "but", "DEP": "advmod"}], {"POS": "ADV"}),
    _rule([{"LOWER": "it", "DEP": {"IN": ["dobj", "pobj"]}}], {"POS": "PRON"}),
    _rule(
        [{"TAG": {"IN": ["VBP", "VBZ"]}, "LOWER": "ai"}, {"LOWER": {"REGEX": "^n'?t$"}}],
        {"LEMMA": "be"},
    ),
    _rule([{"LOWER": "gon"}, {"LOWER": "na"}], {"LEMMA": "to"}, 1),
    _rule([{"TAG": {"NOT_IN": ["TO", ""]}, "DEP": {"IN": ["aux"]}}], {"POS": "AUX"}),
    _rule([{"DEP": "expl"}, {"LOWER": {"IN": ["is", "was"]}}], {"POS": "VERB"}, 1),
    _rule([{"TAG": "VBZ", "LOWER": "gets"}], {"LEMMA": "get"}, 0, [{"TAG": "VBD", "LOWER": "got"}]),
    _rule([{"IS_SPACE": True, "DEP": {"NOT_IN": [""]}}], {"DEP": "dep"}),
    _rule([{"IS_SPACE": True}], {"TAG": "_SP", "MORPH": "_"}),
]

WORDS = "But there is it , they ai n't gon na win it | got it but it gets done"
TAGS = "CC EX VBZ PRP , PRP VBP RB VBG TO VB PRP _SP VBD PRP CC PRP VBZ VBN"
DEPS = "advmod expl ROOT attr punct nsubj aux neg ROOT aux xcomp dobj dep ROOT dobj cc nsubj"
DEPS += " ROOT acomp"


def _doc(nlp: spacy.language.Language) -> Doc:
    words = ["\n" if w == "|" else w for w in WORDS.split()]
    heads = [2, 2, 2, 2, 2, 8, 8, 8, 8, 10, 8, 10, 11, 13, 13, 17, 17, 17, 17]
    return Doc(nlp.vocab, words=words, tags=TAGS.split(), deps=DEPS.split(), heads=heads)


def test_array_matches_equal_the_matchers() -> None:
    nlp = spacy.blank("en")
    ruler = AttributeRuler(nlp.vocab)
    ruler.add_patterns(PATTERNS)
    rules = TokenRules.compile(PATTERNS, nlp.vocab)
    assert rules is not None
    doc = _doc(nlp)
    expected = ruler.match(doc)
    assert len(expected) >= 8  # every kind of test matched somewhere
    assert rules.matches(doc) == expected


def test_a_doc_shorter_than_a_pattern_has_no_match() -> None:
    nlp = spacy.blank("en")
    rules = TokenRules.compile(PATTERNS, nlp.vocab)
    assert rules is not None
    assert rules.matches(Doc(nlp.vocab, words=["gon"], tags=["VBG"])) == []


def test_other_kinds_of_pattern_keep_the_matcher() -> None:
    vocab = spacy.blank("en").vocab
    with_operator = [{"patterns": [[{"LOWER": "a", "OP": "+"}]], "attrs": {"POS": "DET"}}]
    other_attribute = [{"patterns": [[{"ORTH": "A"}]], "attrs": {"POS": "DET"}}]
    assert TokenRules.compile(with_operator, vocab) is None
    assert TokenRules.compile(other_attribute, vocab) is None
