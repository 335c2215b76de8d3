"""Cheap reads of a spaCy Doc that spaCy itself makes costly: its text, a span's root.

`Doc.text` joins every token on each access (linear in the article's length); stages that
slice it in loops use `doc_text(doc)`, which keeps the string in `doc.user_data`.
`Span.root` counts, for each word, the steps up to the sentence root (the depth of the parse,
which nested clauses make as long as the article); `span_root(span)` looks one step up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_KEY = "dyad.text"


def doc_text(doc: Doc) -> str:
    """`doc.text`, joined on first use and cached on the Doc."""
    text = doc.user_data.get(_KEY)
    if text is None:
        text = doc.user_data[_KEY] = doc.text
    return text


def span_root(span: Span) -> Token:
    """`span.root`: the one word of `span` whose head lies outside it (spaCy's answer when
    several do)."""
    if len(span) == 1:
        return span[0]
    outside = [t for t in span if t.head.i == t.i or not span.start <= t.head.i < span.end]
    return outside[0] if len(outside) == 1 else span.root
