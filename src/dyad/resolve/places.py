"""Where an event happened: a place of its own clause, else the dateline, else none.

The place of an event is read off the dependency parse. A toponym scores by the path that
joins it to the trigger: a locative preposition on the trigger ("talks in Istanbul") or on the
verb that governs a noun trigger ("held talks in Istanbul"), a toponym modifying the trigger
("the Istanbul talks"), or a toponym elsewhere in the trigger's clause. Origins ("from Kyiv")
and toponyms inside another clause score low. When nothing in the sentence qualifies, the
article's dateline ("KYIV, May 3 (Reuters) -") is the place, as wire copy means it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dyad.doctext import span_root
from dyad.lexicon import words
from dyad.model import Article, EventMention, Place, PlaceMention, Span
from dyad.overlap import near

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["PlaceAssignment", "event_place", "place_score"]

_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]*\s")
# Prepositions that put an event at a place, and how strongly.
_LOCATIVE: dict[str, float] = {
    "in": 1.0,
    "at": 1.0,
    "near": 0.9,
    "outside": 0.9,
    "inside": 0.9,
    "across": 0.8,
    "throughout": 0.8,
    "around": 0.8,
    "on": 0.6,
    "into": 0.7,
    "over": 0.5,
    "along": 0.8,
    "within": 0.9,
    "between": 0.5,
    "off": 0.7,
    "to": 0.55,
    "toward": 0.4,
    "towards": 0.4,
    "for": 0.2,
    "of": 0.35,
    "from": 0.1,
    "by": 0.3,
    "with": 0.1,
    "against": 0.05,
}
# Dependency labels that open a new clause: a toponym beyond them belongs to another event.
_CLAUSE_DEPS = frozenset({"ccomp", "advcl", "relcl", "acl", "xcomp", "conj", "parataxis"})
_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "poss"})  # "the Istanbul talks"
_UP_DEPS = frozenset({"dobj", "nsubj", "nsubjpass", "pobj", "attr", "compound", "xcomp", "appos"})
_MIN_SCORE = 0.25  # below this a toponym in the sentence is not the event's place
_BARE = 0.3  # a toponym tied to the event without a preposition: "U.S. troops captured"
_ELSEWHERE = 0.45  # a toponym of the sentence outside the event's clause
_PLACE_NOUNS = frozenset(words("resolve.places", "place_nouns"))
_FACE_TO_FACE = frozenset(words("resolve.places", "face_to_face_types"))
_VERBAL = (1, 3)  # QuadClass of words, not deeds
# More specific places win near-ties: "near Kandahar in southern Afghanistan" is Kandahar.
_UNRESOLVED = 0.7  # a toponym the gazetteer lacks can still be the event's place
_SPECIFIC: dict[str, float] = {"PCLI": 0.8, "CONT": 0.6, "ADM1": 0.9, "ADM2": 0.95}
_DATELINE = re.compile(
    r"^\s*[A-Z][A-Za-z.'\- ]{1,40}(?:,\s*[A-Z][A-Za-z.' ]{1,30})*"
    r"(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?(?:,?\s*\([A-Za-z. ]+\))?\s*[-—–]{1,2}\s"
)


@dataclass(frozen=True, slots=True)
class PlaceAssignment:
    """The place of one event and where it came from."""

    place: Place | None
    source: str  # "text", "dateline", "none"
    span: Span | None = None
    confidence: float = 0.0


def event_place(
    doc: Doc, mention: EventMention, places: Sequence[PlaceMention], article: Article
) -> PlaceAssignment:
    """The place `mention` happened: from its clause, else the article's dateline for an event
    of the lede, else none."""
    best: tuple[float, PlaceMention] | None = None
    sentence = mention.sentence
    for candidate in near(places, sentence.start - 1, sentence.end + 1):
        if candidate.role is not None:  # dateline, demonym, metonym
            continue
        if not _inside(candidate.span, mention.sentence) or _is_participant(candidate, mention):
            continue
        if _describes_participant(doc, candidate, mention):
            continue
        score = place_score(doc, mention.trigger, candidate.span)
        feature = candidate.place.feature if candidate.place else None
        score *= _SPECIFIC.get(feature, 1.0) if feature else _UNRESOLVED
        if score >= _MIN_SCORE and (best is None or score > best[0]):
            best = (score, candidate)
    if best is not None:
        score, chosen = best
        return PlaceAssignment(chosen.place, "text", chosen.span, min(1.0, score))
    dateline = _dateline_place(places, article)
    if dateline is not None and _in_lede(mention.sentence, dateline.span, article.text):
        return PlaceAssignment(dateline.place, "dateline", dateline.span, 0.5)
    return PlaceAssignment(None, "none", None, 0.0)


def _in_lede(sentence: Span, dateline: Span, text: str) -> bool:
    """Whether `sentence` is the lede, the first sentence after the dateline: it tells what
    happened where the reporter files from; the sentences after it often tell of elsewhere
    (background, reactions), and a text without paragraph breaks would otherwise make the
    whole article the dateline's paragraph."""
    end = text.find("\n", dateline.end)
    if not dateline.start <= sentence.start < (len(text) if end == -1 else end):
        return False
    return _SENTENCE_END.search(text, dateline.end, max(dateline.end, sentence.start)) is None


def place_score(doc: Doc, trigger: Span, toponym: Span) -> float:
    """How strongly the parse ties `toponym` to the event whose trigger is `trigger` (0..1.2)."""
    event_tokens = _root_of(doc, trigger.start, trigger.end)
    place_token = _root_of(doc, toponym.start, toponym.end)
    if event_tokens is None or place_token is None:
        return 0.0
    anchors = _anchors(event_tokens)
    score = _attached_score(place_token, anchors)
    if score is None:
        score = _same_sentence_score(place_token, event_tokens)
    return score


def _anchors(trigger: Token) -> list[tuple[Token, float]]:
    """The trigger and the words that govern it within its clause, with a weight each."""
    anchors = [(trigger, 1.0)]
    token, weight = trigger, 1.0
    while token.dep_ in _UP_DEPS and token.head.i != token.i:
        token = token.head
        if token.dep_ in ("prep", "agent"):  # "for negotiations": what the preposition hangs on
            token = token.head
        weight *= 0.85
        anchors.append((token, weight))
        if token.pos_ in ("VERB", "AUX"):
            break
    return anchors


def _attached_score(place: Token, anchors: list[tuple[Token, float]]) -> float | None:
    """Score when the toponym hangs off an anchor within its clause; None when it does not."""
    anchor_ids = {a.i: w for a, w in anchors}
    direct = place.dep_ in _MODIFIER_DEPS and place.head.i in anchor_ids  # "Istanbul talks"
    token, prep, hops, crossed = place, None, 0, False
    while token.head.i != token.i and hops < 10:
        if prep is None and _takes_preposition(token):
            prep = token.head.lower_
        crossed = crossed or token.dep_ in _CLAUSE_DEPS
        token, hops = token.head, hops + 1
        if token.i in anchor_ids:
            base = _LOCATIVE.get(prep, 0.3) if prep else 0.9 if direct else _BARE
            return base * anchor_ids[token.i] * (0.4 if crossed else 1.0) * (0.97**hops)
    return None


def _takes_preposition(token: Token) -> bool:
    """A pobj whose preposition places it, not "of" after "city" ("the city of Daraa")."""
    if token.dep_ != "pobj" or token.head.dep_ not in ("prep", "agent"):
        return False
    return not (token.head.lower_ == "of" and _is_place_noun(token.head.head))


def _is_place_noun(token: Token) -> bool:
    """ "city", "town", "outskirts"...: nouns whose of-phrase names the place itself."""
    return token.lemma_.lower() in _PLACE_NOUNS or token.ent_type_ in ("GPE", "LOC", "FAC")


def _same_sentence_score(place: Token, trigger: Token) -> float:
    """A toponym elsewhere in the sentence: weak, weaker with distance and across clauses."""
    distance = abs(place.i - trigger.i)
    if distance > _FAR or not _same_sentence(place, trigger):
        return 0.0  # past _FAR tokens the score is below 0.011: not worth finding the sentence
    prep = place.head.lower_ if place.dep_ == "pobj" else ""
    base = _LOCATIVE.get(prep, 0.3) * _ELSEWHERE
    return base / (1.0 + distance / 12.0)


_FAR = 500


def _same_sentence(one: Token, other: Token) -> bool:
    """No sentence starts after the first token up to the second (`Token.sent` reads the whole
    sentence, which in a text with no full stop is the whole article)."""
    first, last = sorted((one.i, other.i))
    doc = one.doc
    return not any(doc[i].is_sent_start for i in range(first + 1, last + 1))


def _root_of(doc: Doc, start: int, end: int) -> Token | None:
    """The syntactic head of the tokens covering characters start..end."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span_root(span)


def _is_participant(candidate: PlaceMention, mention: EventMention) -> bool:
    """A toponym that is the event's actor or recipient ("sanctions on Moscow") is no venue."""
    return any(
        a.span.start < candidate.span.end and candidate.span.start < a.span.end
        for a in (*mention.actors, *mention.recipients)
    )


def _describes_participant(doc: Doc, candidate: PlaceMention, mention: EventMention) -> bool:
    """For an event of words, a toponym inside a participant's phrase or what was said: where
    the speakers come from or what they spoke of, not where they spoke ("the Ohio chapter
    ... filed suit", "Arizona's sheriff", "praised the opening of an embassy in Syria"). It
    lies under an actor or recipient, or under a subject or object on its way to the trigger.
    For deeds and meetings the participant's place may be the event's ("shot by a Brevard
    County deputy", "visit the Gori-based brigade")."""
    if mention.quad_class not in _VERBAL or mention.type in _FACE_TO_FACE:
        return False
    place = _root_of(doc, candidate.span.start, candidate.span.end)
    trigger = _root_of(doc, mention.trigger.start, mention.trigger.end)
    if place is None or trigger is None:
        return False
    roles = [(a.span.start, a.span.end) for a in (*mention.actors, *mention.recipients)]
    token = place
    for _ in range(_HOPS):
        if token.i == trigger.i or token.head.i == token.i:
            return False
        if token.i != place.i and any(start <= token.idx < end for start, end in roles):
            return True
        if token.dep_ in _ARGUMENTS:
            return True
        token = token.head
    return False


_ARGUMENTS = ("nsubj", "nsubjpass", "dobj")
_HOPS = 10


def _inside(inner: Span, outer: Span) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end


def _dateline_place(places: Sequence[PlaceMention], article: Article) -> PlaceMention | None:
    """The place the article's dateline names, if it opens with one."""
    marked = next((p for p in places if p.role == "dateline" and p.place is not None), None)
    if marked is not None:
        return marked
    match = _DATELINE.match(article.text)
    if match is None:
        return None
    early = near(places, -1, match.end() + 1)
    inside = [p for p in early if p.place is not None and p.span.end <= match.end()]
    return min(inside, key=lambda p: p.span.start) if inside else None
