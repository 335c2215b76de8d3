"""Read gold sentences the way Dyad reads articles, for the event evaluations.

Each text goes through `pipeline.read_doc` (actors, times, places, quotes as in production)
and `find_events` is called on its actors and times, so the evaluations see the event
mentions before in-article merging. A text the pipeline fails on is read with spaCy's
entities as unresolved actors, and counted.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc

from dyad.extract.events import find_events
from dyad.ingest import make_article
from dyad.model import ActorMention, EventMention, Span, TimeExpression
from dyad.nlp import parse
from dyad.pipeline import load_resources, read_doc

_ENTITY_ACTORS = ("GPE", "NORP", "ORG", "PERSON")
log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Reading:
    """One text as Dyad read it."""

    doc: Doc
    actors: tuple[ActorMention, ...]
    times: tuple[TimeExpression, ...]
    events: tuple[EventMention, ...]


class EventReader:
    """Loads the pipeline's resources once and reads texts as `dyad ingest` does."""

    kind = "pipeline"  # how gold texts are read, reported in each evaluation's details

    def __init__(self) -> None:
        self.failures = 0  # texts the pipeline failed on (read with spaCy entities instead)
        self.resources = load_resources()
        self.nlp = self.resources.nlp
        self.codebook = self.resources.codebook

    def read(
        self, texts: Sequence[str], *, dates: Sequence[dt.date | None] | None = None
    ) -> Iterator[Reading]:
        """One `Reading` per text, in order; `dates` are the article dates, if known."""
        days = list(dates) if dates is not None else [None] * len(texts)
        docs = parse(self.nlp, texts, batch_size=32, cues=self.resources.cues)
        for text, day, doc in zip(texts, days, docs, strict=True):
            actors, times = self._mentions(text, doc, day)
            events = find_events(doc, self.codebook, actors=actors, times=times, article_date=day)
            yield Reading(doc, actors, times, events)

    def _mentions(
        self, text: str, doc: Doc, date: dt.date | None
    ) -> tuple[tuple[ActorMention, ...], tuple[TimeExpression, ...]]:
        try:
            result = read_doc(make_article(text, date=date), doc, self.resources)
        except Exception:  # as in the pipeline, one bad text must not stop a run: record it
            log.exception("pipeline failed on %r; spaCy entities stand in", text[:80])
            self.failures += 1
            return entity_actors(doc), ()
        return tuple(result.actors), tuple(result.times)


def entity_actors(doc: Doc) -> tuple[ActorMention, ...]:
    """spaCy's person, organisation, nationality and place entities as unresolved actors."""
    return tuple(
        ActorMention(Span(e.start_char, e.end_char, e.text), None, e.text, None, None)
        for e in doc.ents
        if e.label_ in _ENTITY_ACTORS
    )


def main_event(reading: Reading) -> EventMention | None:
    """The sentence's main event: top-level, verbal before nominal, nearest the root."""
    if not reading.events:
        return None
    return min(reading.events, key=lambda e: _rank(reading.doc, e))


def _rank(doc: Doc, event: EventMention) -> tuple[int, int, int, float]:
    span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    token = span.root if span is not None else doc[0]
    return (event.parent is not None, _depth(_clause_token(token)), token.pos_ != "VERB",
            -event.confidence)  # fmt: skip


def _clause_token(token: Any) -> Any:
    """Where a trigger sits in the clause: an auxiliary ("will", a stance cue) or the object
    of a plain verb ("began a hunger strike") counts at its verb."""
    if token.pos_ in ("AUX", "PART", "ADJ") or token.dep_ in ("aux", "acomp"):
        return token.head
    if token.pos_ == "NOUN" and token.dep_ in ("dobj", "nsubjpass", "nsubj", "attr"):
        return token.head
    return token


def _depth(token: Any) -> int:
    depth = 0
    while token.head.i != token.i:
        token = token.head
        depth += 1
    return depth


def types_of(readings: Sequence[Reading]) -> list[str | None]:
    """The main event type of each reading, None when no event was found."""
    return [m.type if (m := main_event(r)) is not None else None for r in readings]
