"""Which actor mentions the tokens of a role stand for: the mention covering a token (unless
it only describes a group its apposition names), else the one its apposition names, else
those inside its noun phrase."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from dyad.model import ActorMention, Span
from dyad.overlap import near, overlapping

_NP_PREPS = ("of", "in", "from")  # "the government in Kyiv", "officials from Russia"


def covering(token: Token, mentions: Sequence[ActorMention]) -> list[ActorMention]:
    """The actor mentions whose span overlaps the token's characters, in their order."""
    start, end = token.idx, token.idx + len(token.text)
    return [m for m in near(mentions, start, end) if m.span.start < end and start < m.span.end]


def resolve_tokens(
    tokens: Sequence[Token], mentions: Sequence[ActorMention]
) -> tuple[ActorMention, ...]:
    """The actor mentions that `tokens` (and their conjuncts) stand for."""
    found: list[ActorMention] = []
    for token in _with_conjuncts(tokens):
        for mention in _mentions_of(token, mentions):
            if mention not in found:
                found.append(mention)
    return tuple(found)


def _with_conjuncts(tokens: Sequence[Token]) -> list[Token]:
    out: list[Token] = []
    for token in tokens:
        out.append(token)
        out.extend(c for c in token.conjuncts if c.i > token.i)
    return out


def _mentions_of(token: Token, mentions: Sequence[ActorMention]) -> list[ActorMention]:
    """Mentions covering the token itself, else those its apposition names (also when the
    token is only a description of a group: "opposition leaders X and Y"), else those inside
    its noun phrase."""
    own = covering(token, mentions)
    named = [  # "his Tajik counterpart Rustam Safarov": the person the noun names
        m
        for c in token.children
        if c.dep_ == "appos"
        for t in (c, *c.conjuncts)
        for m in mentions
        if _overlaps(m.span, t)
    ]
    if own and not (named and all(m.kind == "group" for m in own)):
        return own
    if named:
        return named
    region = _phrase_tokens(token)
    return overlapping(mentions, [(t.idx, t.idx + len(t.text)) for t in region])


def _overlaps(span: Span, token: Token) -> bool:
    return span.start < token.idx + len(token.text) and token.idx < span.end


def _phrase_tokens(token: Token, depth: int = 0) -> list[Token]:
    """The noun phrase of `token` without clauses, keeping one level of "of"/"in"/"from"
    phrases and their conjuncts ("officials from Russia and China", not "the lack of debate
    about Syria"); a possessive pronoun is not the phrase's actor ("his wife" is not he)."""
    keep: list[Token] = []
    for child in token.children:
        if child.dep_ in ("relcl", "acl", "advcl", "punct", "cc", "conj", "appos"):
            continue
        if child.dep_ == "prep":
            if depth == 0 and child.lower_ in _NP_PREPS:
                objects = [c for o in child.children for c in (o, *o.conjuncts)]
                keep.extend(g for o in objects for g in (o, *_phrase_tokens(o, 1)))
            continue
        if child.dep_ == "poss" and child.pos_ == "PRON":
            continue
        keep.extend(child.subtree)
    return keep
