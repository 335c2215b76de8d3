"""Cheap reads of a spaCy Doc that spaCy itself makes costly: its text, a span's root.

`Doc.text` joins every token on each access (linear in the article's length); stages that
slice it in loops use `doc_text(doc)`, which keeps the string in `doc.user_data`.
`Span.root` counts, for each word, the steps up to the sentence root (the depth of the parse,
which nested clauses make as long as the article); `span_root(span)` looks one step up.
`Paragraphs` indexes an article's non-empty lines, which quotes, clauses and references back
never cross. `time_noun` tells the events and dates stages alike whose time a year on a
noun is ("meet under the 2019 agreement": the agreement's, not the meeting's).
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from dyad.model import Span as TextSpan

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_KEY = "dyad.text"


def doc_text(doc: Doc) -> str:
    """`doc.text`, joined on first use and cached on the Doc."""
    text = doc.user_data.get(_KEY)
    if text is None:
        text = doc.user_data[_KEY] = doc.text
    return text


def token_span(token: Token) -> TextSpan:
    """The characters of one token, as the model's `Span`."""
    return TextSpan(token.idx, token.idx + len(token.text), token.text)


def span_root(span: Span) -> Token:
    """`span.root`: the one word of `span` whose head lies outside it (spaCy's answer when
    several do)."""
    if len(span) == 1:
        return span[0]
    outside = [t for t in span if t.head.i == t.i or not span.start <= t.head.i < span.end]
    return outside[0] if len(outside) == 1 else span.root


# Prepositions whose object sets the time or scene of its clause ("in the 2019 talks").
SCENE_PREPOSITIONS = ("in", "during", "after", "before", "since", "until", "at", "following")
# How a time expression modifies a noun: "the 2019 talks", "last year's deal", "his
# prediction a year ago" (not "X last week said", where the parser may hang "week" on X).
_NOUN_MODIFIERS = ("compound", "nummod", "amod", "poss", "nmod", "advmod")


def time_noun(root: Token) -> Token | None:
    """The noun a time expression (its root word) modifies, when that noun is the object of
    a preposition that sets no scene (not "in", "during", "after"...): the time is that
    noun's own ("meet under the 2019 agreement": the agreement's, not the meeting's). Not a
    direct object: "supported the 1994 bill" may well have been done in 1994."""
    noun = root.head
    if root.dep_ not in _NOUN_MODIFIERS or noun.pos_ not in ("NOUN", "PROPN"):
        return None
    if noun.dep_ != "pobj" or noun.head.lower_ in SCENE_PREPOSITIONS:
        return None
    return noun


class Paragraphs:
    """The non-empty lines of an article: quotes and clauses never cross them."""

    def __init__(self, text: str) -> None:
        self.bounds: list[tuple[int, int]] = []
        start = 0
        for line in text.split("\n"):
            end = start + len(line)
            if line.strip():
                self.bounds.append((start, end))
            start = end + 1
        self._starts = [b[0] for b in self.bounds]

    def index(self, offset: int) -> int:
        """Index of the paragraph holding `offset` (the previous one between paragraphs)."""
        return max(bisect.bisect_right(self._starts, offset) - 1, 0)

    def around(self, offset: int) -> tuple[int, int]:
        """Start and end offsets of the paragraph holding `offset`."""
        return self.bounds[self.index(offset)] if self.bounds else (0, 0)
