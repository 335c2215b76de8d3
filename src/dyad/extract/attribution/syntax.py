"""Spans and dependency helpers shared by the quote finders: who speaks, which words cue it."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dyad.doctext import doc_text
from dyad.extract.attribution.lexicon import Lexicon
from dyad.model import Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

TRIM = " \t\r\n\xa0,;:-–—"
OPENING = "“«„"
CLOSING = "”»"
PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you"})


@dataclass(frozen=True, slots=True)
class Found:
    """A quote candidate before speakers resolve and chains are built."""

    content: Span
    kind: str  # "direct", "indirect", "claim"
    cue: Span | None
    speaker: Span | None  # the speaker phrase as written
    speaker_head: int | None = None  # token index of the phrase's head
    cited: tuple[Span, ...] = ()  # sources the speaker cites ("citing two sources")
    parts: tuple[Span, ...] = ()
    relay: bool = False  # "This was reported by X": covers text beyond its own sentence
    outlet: bool = False  # the speaker is a news outlet


def make_span(text: str, start: int, end: int, strip: str = TRIM) -> Span | None:
    """The stretch `text[start:end]` without surrounding spaces and separators, or None."""
    while start < end and text[start] in strip:
        start += 1
    while end > start and text[end - 1] in strip:
        end -= 1
    return Span(start, end, text[start:end]) if end > start else None


def balance(text: str, span: Span, bounds: tuple[int, int]) -> Span:
    """`span` grown over an adjacent quotation mark it opens or closes ("“right to be angry.”")."""
    start, end = span.start, span.end
    inner = text[start:end]
    opens = sum(inner.count(c) for c in OPENING)
    closes = sum(inner.count(c) for c in CLOSING)
    straight = inner.count('"') % 2 == 1
    if opens > closes or (straight and inner.lstrip()[:1] == '"'):
        tail = text[end : min(end + 3, bounds[1])]
        mark = next((i for i, c in enumerate(tail) if c in CLOSING or c == '"'), None)
        if mark is not None and all(c in ".,!?;:" for c in tail[:mark]):
            end += mark + 1
    elif closes > opens or straight:
        head = text[max(start - 2, bounds[0]) : start]
        mark = next((i for i, c in enumerate(reversed(head)) if c in OPENING or c == '"'), None)
        if mark is not None and not head[len(head) - mark :].strip():
            start -= mark + 1
    return span if (start, end) == (span.start, span.end) else Span(start, end, text[start:end])


def quote_id(article_id: str, content: Span) -> str:
    """A stable id: a hash of the article id and the content offsets."""
    key = f"{article_id}:{content.start}:{content.end}".encode()
    return "q_" + hashlib.sha1(key).hexdigest()[:16]


def run_around(indices: Iterable[int], anchor: int) -> tuple[int, int] | None:
    """The longest gap-free run of token indices holding `anchor`, as (first, last)."""
    chosen = set(indices)
    if anchor not in chosen:
        return None
    first = last = anchor
    while first - 1 in chosen:
        first -= 1
    while last + 1 in chosen:
        last += 1
    return first, last


def tokens_span(doc: Doc, first: int, last: int, *, bounds: tuple[int, int]) -> Span | None:
    """The text of tokens `first..last`, clipped to `bounds` and trimmed."""
    start = max(doc[first].idx, bounds[0])
    end = min(doc[last].idx + len(doc[last].text), bounds[1])
    return make_span(doc_text(doc), start, end)


MAX_PHRASE_TOKENS = 600
"""Longest subtree read as a speaker, source or content: far past any real quote (a paragraph),
so that text nesting "X said" thousands deep costs linear, not quadratic, time."""


def too_long(token: Token) -> bool:
    """Whether `token`'s subtree spans more tokens than any phrase is read from."""
    return token.right_edge.i - token.left_edge.i > MAX_PHRASE_TOKENS


def phrase(doc: Doc, head: Token, exclude: Sequence[int], bounds: tuple[int, int]) -> Span | None:
    """The subtree of `head` minus `exclude`, as one gap-free span inside `bounds`; None when
    the subtree is longer than `MAX_PHRASE_TOKENS`."""
    if too_long(head):
        return None
    skip = set(exclude)
    indices = [t.i for t in head.subtree if t.i not in skip and not t.is_space]
    run = run_around(indices, head.i)
    return tokens_span(doc, run[0], run[1], bounds=bounds) if run else None


def is_speech_verb(token: Token, lex: Lexicon) -> bool:
    """A verb of saying, writing or stating (by lemma)."""
    return token.pos_ == "VERB" and token.lemma_.lower() in lex.speech_verbs


def speaker_token(verb: Token, depth: int = 0) -> Token | None:
    """The head of who speaks: the subject, the passive agent, or the governing verb's subject.
    Of two subjects the parser gave one verb ("'... Sen. John McCain,' Trump said"), the
    nearer: conjoined subjects hang on the first, so a second is a misparsed word before."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if subjects:
        return min(subjects, key=lambda c: abs(c.i - verb.i))
    for child in verb.children:
        if child.dep_ == "agent":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            return objects[0] if objects else None
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
    governor = verb.head
    if verb.dep_ == "pcomp" and governor.dep_ == "prep":  # "before adding", "by saying"
        governor = governor.head
    elif verb.dep_ not in ("conj", "advcl", "xcomp"):
        return None
    if governor.pos_ in ("VERB", "AUX") and not passive and depth < 2 and governor.i != verb.i:
        return speaker_token(governor, depth + 1)
    return None


def speaker_phrase(
    doc: Doc, head: Token, verb: Token, bounds: tuple[int, int], quoted: Sequence[int] = ()
) -> Span | None:
    """The speaker as written: the subject's subtree without the cue verb's or quote's words."""
    if too_long(head):
        return None
    # Only words inside the subject's subtree can be left out of it: the cue verb's own words
    # matter when the verb hangs inside the subject ("the envoy, who said ..."), else none do.
    exclude: list[int] = []
    if head.left_edge.i <= verb.i <= head.right_edge.i:
        own = {t.i for t in head.subtree}
        exclude = [t.i for t in verb.subtree if t.i not in own]
    relative = [t.i for c in head.children if c.dep_ == "relcl" for t in c.subtree]
    return phrase(doc, head, [*exclude, *relative, *quoted], bounds)


def cue_span(doc: Doc, verb: Token, lex: Lexicon) -> Span:
    """The cue: the verb with auxiliaries, particle, "in a statement", "on X", "reporters"."""
    last = verb.i
    for child in sorted(verb.children, key=lambda t: t.i):
        if child.i != last + 1:
            continue
        if child.dep_ == "prt" or _audience(child, lex) or _cue_medium(child, lex):
            last = child.right_edge.i
    first = verb.i
    while first > 0 and _helper(doc[first - 1], verb):
        first -= 1
    start, end = doc[first].idx, doc[last].idx + len(doc[last].text)
    return Span(start, end, doc_text(doc)[start:end])


def _helper(token: Token, verb: Token) -> bool:
    """An auxiliary, negation or adverb right before the verb: "has also said", "didn't say"."""
    return token.head.i == verb.i and token.dep_ in ("aux", "auxpass", "neg", "advmod")


def _audience(token: Token, lex: Lexicon) -> bool:
    words = {token.lower_, token.lemma_.lower()}
    return token.dep_ in ("dobj", "dative") and bool(words & lex.audiences)


def _cue_medium(token: Token, lex: Lexicon) -> bool:
    if token.dep_ != "prep" or token.lower_ not in ("in", "on", "via", "through"):
        return False
    objects = [c for c in token.children if c.dep_ == "pobj"]
    if not objects:
        return False
    words = " ".join(t.lower_ for t in objects[0].subtree if t.dep_ != "det")
    return objects[0].lemma_.lower() in lex.cue_media or words in lex.platforms


def cited_sources(doc: Doc, verb: Token, bounds: tuple[int, int]) -> tuple[Span, ...]:
    """Sources the speaker cites: "Reuters reported, citing two sources"."""
    found = []
    for child in verb.children:
        if child.lemma_.lower() == "cite" and child.dep_ in ("advcl", "xcomp", "conj", "prep"):
            for obj in child.children:
                if obj.dep_ in ("dobj", "pobj"):
                    span = phrase(doc, obj, [], bounds)
                    if span:
                        found.append(span)
    return tuple(found)
