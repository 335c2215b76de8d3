"""Denials that point back to a claim: "The government in Kyiv has rejected this claim"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dyad.extract.attribution.lexicon import Lexicon
from dyad.extract.attribution.syntax import Paragraphs, make_span
from dyad.model import Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

REACH = 600  # characters back from a denial where the statement it rejects may sit
POINTERS = frozenset(
    {"this", "that", "these", "those", "the", "such", "his", "her", "its", "their"}
)


def find_denials(doc: Doc, lex: Lexicon, paragraphs: Paragraphs) -> list[tuple[int, Span]]:
    """(offset of the denial verb, the denying clause) for each denial of an earlier statement."""
    found = []
    for token in doc:
        if token.pos_ != "VERB" or token.lemma_.lower() not in lex.denial_verbs:
            continue
        if not any(_points_back(c, lex) for c in token.children if c.dep_ in ("dobj", "nsubjpass")):
            continue
        bounds = paragraphs.around(token.idx)
        sentence = token.sent
        span = make_span(
            doc.text, max(sentence.start_char, bounds[0]), min(sentence.end_char, bounds[1])
        )
        if span is not None:
            found.append((token.idx, span))
    return found


def _points_back(obj: Token, lex: Lexicon) -> bool:
    """ "this claim", "the allegations", "it": an object that refers to something said."""
    if obj.lemma_.lower() not in lex.denial_objects and obj.lower_ not in lex.denial_objects:
        return False
    if obj.pos_ == "PRON" or obj.lower_ in ("this", "that", "these"):
        return True
    return any(c.dep_ in ("det", "poss") and c.lower_ in POINTERS for c in obj.children)


def target(denial_at: int, contents: list[tuple[Span, str]]) -> int | None:
    """Index of the statement a denial rejects: the latest claim before it, else any quote."""
    before = [
        (i, span, kind)
        for i, (span, kind) in enumerate(contents)
        if span.start < denial_at and denial_at - span.end <= REACH
    ]
    claims = [item for item in before if item[2] == "claim"]
    pool = claims or before
    if not pool:
        return None
    return max(pool, key=lambda item: item[1].end)[0]
