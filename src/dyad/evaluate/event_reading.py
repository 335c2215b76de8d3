"""Read gold sentences the way Dyad reads articles, for the event evaluations.

With the pipeline's actors stage installed, each text goes through `pipeline.read_doc`
(actors, times, places, quotes as in production) and `find_events` is called on its actors
and times. Without it, spaCy's entities stand in for actor mentions (no country, no sector).
"""

from __future__ import annotations

import datetime as dt
import importlib
import importlib.util
import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc

from dyad.extract.events import find_events, load_codebook
from dyad.model import ActorMention, EventMention, Span, TimeExpression

_ENTITY_ACTORS = ("GPE", "NORP", "ORG", "PERSON")
log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Reading:
    """One text as Dyad read it."""

    doc: Doc
    actors: tuple[ActorMention, ...]
    times: tuple[TimeExpression, ...]
    events: tuple[EventMention, ...]


def pipeline_ready() -> bool:
    """True when the pipeline (with its actors stage) imports; logs why when it does not."""
    spec = importlib.util.find_spec("dyad.extract.actors")
    if spec is None or spec.origin is None:
        return False
    try:
        importlib.import_module("dyad.pipeline")
    except ImportError as error:  # a stage still being written: fall back, say so
        log.warning("pipeline not usable yet (%s); reading with spaCy entities", error)
        return False
    return True


class EventReader:
    """Loads the model (and the pipeline's resources when available) once."""

    def __init__(self) -> None:
        self.kind = "pipeline" if pipeline_ready() else "spacy-entities"
        self.failures = 0  # texts the pipeline failed on (read with spaCy entities instead)
        self._resources: Any = None
        if self.kind == "pipeline":
            pipeline = importlib.import_module("dyad.pipeline")
            self._resources = pipeline.load_resources()
            self.nlp = self._resources.nlp
            self.codebook = self._resources.codebook
        else:
            import spacy

            from dyad.settings import Settings

            self.nlp = spacy.load(Settings().model)
            self.codebook = load_codebook()

    def read(
        self, texts: Sequence[str], *, dates: Sequence[dt.date | None] | None = None
    ) -> Iterator[Reading]:
        """One `Reading` per text, in order; `dates` are the article dates, if known."""
        days = list(dates) if dates is not None else [None] * len(texts)
        docs = self.nlp.pipe(texts, batch_size=32)
        for text, day, doc in zip(texts, days, docs, strict=True):
            actors, times = self._mentions(text, doc, day)
            events = find_events(doc, self.codebook, actors=actors, times=times, article_date=day)
            yield Reading(doc, actors, times, events)

    def _mentions(
        self, text: str, doc: Doc, date: dt.date | None
    ) -> tuple[tuple[ActorMention, ...], tuple[TimeExpression, ...]]:
        if self._resources is None:
            return entity_actors(doc), ()
        pipeline = importlib.import_module("dyad.pipeline")
        article = importlib.import_module("dyad.ingest").make_article(text, date=date)
        try:
            result = pipeline.read_doc(article, doc, self._resources)
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
