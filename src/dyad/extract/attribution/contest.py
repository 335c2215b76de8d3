"""Denials that point back to a claim: "The government in Kyiv has rejected this claim"."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from dyad.doctext import Paragraphs, doc_text
from dyad.extract.attribution.lexicon import Lexicon
from dyad.extract.attribution.syntax import make_span
from dyad.model import Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

REACH = 600  # characters back from a denial where the statement it rejects may sit
POINTER_DEPS = ("dobj", "nsubjpass")
MIN_SHARED_WORDS = 2  # words a denial "that ..." shares with the claim it answers
POINTERS = frozenset(
    {"this", "that", "these", "those", "the", "such", "his", "her", "its", "their"}
)


def find_denials(
    doc: Doc, lex: Lexicon, paragraphs: Paragraphs
) -> list[tuple[int, Span, frozenset[str]]]:
    """Each denial of an earlier statement: the verb's offset, the denying sentence, and the
    words of what it denies when it says so ("denied that the plan was accepted"), else none
    ("rejected this claim" points back instead)."""
    found = []
    for token in doc:
        if token.pos_ != "VERB" or token.lemma_.lower() not in lex.denial_verbs:
            continue
        clauses = [c for c in token.children if c.dep_ == "ccomp"]
        pointing = any(_points_back(c, lex) for c in token.children if c.dep_ in POINTER_DEPS)
        if not clauses and not pointing:
            continue
        words = words_of(" ".join(t.text for t in clauses[0].subtree)) if clauses else frozenset()
        bounds = paragraphs.around(token.idx)
        sentence = token.sent
        span = make_span(
            doc_text(doc), max(sentence.start_char, bounds[0]), min(sentence.end_char, bounds[1])
        )
        if span is not None:
            found.append((token.idx, span, words))
    return found


def words_of(text: str) -> frozenset[str]:
    """The content words of a statement, for telling whether a denial answers it."""
    return frozenset(w for w in re.findall(r"[a-z]+", text.lower()) if len(w) > 3)


def _points_back(obj: Token, lex: Lexicon) -> bool:
    """ "this claim", "the allegations", "it": an object that refers to something said."""
    if obj.lemma_.lower() not in lex.denial_objects and obj.lower_ not in lex.denial_objects:
        return False
    if obj.pos_ == "PRON" or obj.lower_ in ("this", "that", "these"):
        return True
    return any(c.dep_ in ("det", "poss") and c.lower_ in POINTERS for c in obj.children)


def target(
    denial_at: int, contents: list[tuple[Span, str]], words: frozenset[str] = frozenset()
) -> int | None:
    """Index of the statement a denial rejects: the latest claim before it, else any quote;
    a denial that says what it denies only answers a claim sharing its words."""
    before = [
        (i, span, kind)
        for i, (span, kind) in enumerate(contents)
        if span.start < denial_at and denial_at - span.end <= REACH
    ]
    if words:
        before = [
            item
            for item in before
            if item[2] == "claim" and len(words & words_of(item[1].text)) >= MIN_SHARED_WORDS
        ]
    claims = [item for item in before if item[2] == "claim"]
    pool = claims or before
    if not pool:
        return None
    return max(pool, key=lambda item: item[1].end)[0]
