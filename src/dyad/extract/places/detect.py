"""Toponym detection: which stretches of a parsed article name places.

Candidates are the entity recogniser's GPE, LOC and FAC entities, plus the article's dateline
("KYIV, May 3 (Reuters) -"), which small models often miss in capitals. A candidate is dropped
when an actor covers it as a person (a name the model mistook for a place), or as an agent:
"Moscow said" names the Russian government, not the city.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dyad.model import ActorMention, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.tokens import Span as SpacySpan

__all__ = ["Toponym", "dateline_span", "find_toponyms"]

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_AGENT_DEPS = frozenset({"nsubj", "csubj"})
_DATELINE = re.compile(
    r"\s*(?P<place>[A-Z][A-Za-z.'\-]+(?: [A-Z][A-Za-z.'\-]+){0,3})"
    r"(?:,\s*[A-Z][A-Za-z.']+(?: [A-Z][A-Za-z.']+){0,2})?"  # ", Ukraine" or ", Texas"
    r"(?:,?\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?"  # ", May 3"
    r"(?:,?\s*\([A-Za-z. ]{2,30}\))?"  # "(Reuters)"
    r"\s*(?:[-—–]{1,2}|:)\s"
)
_LEADING = re.compile(r"^(?:the|The|THE)\s+")
_TRAILING = re.compile(r"(?:'s|’s|')$")


@dataclass(frozen=True, slots=True)
class Toponym:
    """A stretch of text taken to name a place."""

    span: Span
    role: str | None = None  # "dateline"


def find_toponyms(doc: Doc, *, actors: Sequence[ActorMention] = ()) -> list[Toponym]:
    """The toponyms of `doc`, in text order, metonyms and mistaken names left out."""
    found: list[Toponym] = []
    dateline = dateline_span(doc.text)
    if dateline is not None:
        found.append(Toponym(dateline, "dateline"))
    for ent in doc.ents:
        if ent.label_ not in PLACE_LABELS:
            continue
        span = _trimmed(ent)
        if span is None or (dateline and _overlaps(span, dateline)):
            continue
        if _is_actor(ent, span, actors):
            continue
        found.append(Toponym(span))
    return sorted(found, key=lambda t: t.span.start)


def dateline_span(text: str) -> Span | None:
    """The place of a dateline opening `text` ("KYIV, May 3 (Reuters) -"), if any."""
    match = _DATELINE.match(text[:200])
    if match is None:
        return None
    start, end = match.span("place")
    name = text[start:end]
    if not name.isupper() and "," not in text[end : match.end()] and "(" not in match.group(0):
        return None  # a headline word followed by a dash, not a dateline
    return Span(start, end, name)


def _trimmed(ent: SpacySpan) -> Span | None:
    """The entity without a leading article or a trailing possessive."""
    text = ent.text
    start = ent.start_char
    lead = _LEADING.match(text)
    if lead:
        text, start = text[lead.end() :], start + lead.end()
    text = _TRAILING.sub("", text).rstrip()
    if not any(c.isupper() for c in text[:1]) or len(text) < 2:
        return None
    return Span(start, start + len(text), text)


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def _is_actor(ent: SpacySpan, span: Span, actors: Sequence[ActorMention]) -> bool:
    """True when an actor covers this entity as a person, or as the agent of a verb."""
    for actor in actors:
        if actor.kind == "place" or not _overlaps(actor.span, span):
            continue
        if actor.kind == "person":
            return True
        root = ent.root
        if root.dep_ in _AGENT_DEPS or (root.dep_ == "pobj" and root.head.dep_ == "agent"):
            return True
    return False
