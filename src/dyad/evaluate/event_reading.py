"""Read gold sentences the way Dyad reads articles, for the event evaluations.

Each text becomes an article (`ingest.make_article`, with its date) and goes through the two
calls `pipeline.process_batch` makes, `parse` and `read_doc`, with the resources of
`pipeline.load_resources()`: the events scored are the resolved events `dyad.process` emits.
The parse is kept so that an evaluation can pick a sentence's main event among them. A text
ingest rejects (too short) or the pipeline fails on has no events, and is counted.
"""

from __future__ import annotations

import bisect
import datetime as dt
import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc

from dyad.errors import InputError
from dyad.evaluate.processed import offsets_into
from dyad.ingest import make_article
from dyad.model import ActorMention, Event, Span, TimeExpression
from dyad.nlp import parse
from dyad.pipeline import load_resources, read_doc

_ENTITY_ACTORS = ("GPE", "NORP", "ORG", "PERSON")
log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Reading:
    """One text as Dyad read it: the parse of the text ingest kept, and what was emitted."""

    doc: Doc
    actors: tuple[ActorMention, ...]
    times: tuple[TimeExpression, ...]
    events: tuple[Event, ...]
    offsets: tuple[int, ...] = ()  # offset into `doc`'s text -> offset into the gold text

    def to_raw(self, offset: int) -> int:
        """The gold-text offset of an offset into the text Dyad read."""
        return self.offsets[min(offset, len(self.offsets) - 1)] if self.offsets else offset

    def from_raw(self, offset: int) -> int:
        """The offset into the text Dyad read of a gold-text offset."""
        return bisect.bisect_left(self.offsets, offset) if self.offsets else offset


class EventReader:
    """Loads the pipeline's resources once and reads texts as `dyad ingest` does."""

    kind = "pipeline"  # how gold texts are read, reported in each evaluation's details

    def __init__(self) -> None:
        self.failures = 0  # texts rejected by ingest or failed by the pipeline (no events)
        self.resources = load_resources()
        self.nlp = self.resources.nlp
        self.codebook = self.resources.codebook

    def read(
        self, texts: Sequence[str], *, dates: Sequence[dt.date | None] | None = None
    ) -> Iterator[Reading]:
        """One `Reading` per text, in order; `dates` are the article dates, if known."""
        days = list(dates) if dates is not None else [None] * len(texts)
        kept = [self._article(text, day) for text, day in zip(texts, days, strict=True)]
        docs = parse(
            self.nlp,
            (a.text if a else t for a, t in zip(kept, texts, strict=True)),
            batch_size=self.resources.batch_size,
            batch_chars=self.resources.batch_chars,
            cues=self.resources.cues,
        )
        for text, article, doc in zip(texts, kept, docs, strict=True):
            if article is None:
                yield Reading(doc, (), (), ())
                continue
            yield self._reading(article, doc, offsets_into(text, article.text))

    def _article(self, text: str, day: dt.date | None) -> Any:
        try:
            return make_article(text, date=day, origin="<gold>")
        except InputError:  # too short or too long: the product reads nothing
            self.failures += 1
            return None

    def _reading(self, article: Any, doc: Doc, offsets: tuple[int, ...]) -> Reading:
        try:
            result = read_doc(article, doc, self.resources)
        except Exception:  # as in the pipeline, one bad text must not stop a run: record it
            log.exception("pipeline failed on %r", article.text[:80])
            self.failures += 1
            return Reading(doc, (), (), (), offsets)
        return Reading(doc, result.actors, result.times, result.events, offsets)


def entity_actors(doc: Doc) -> tuple[ActorMention, ...]:
    """spaCy's person, organisation, nationality and place entities as unresolved actors."""
    return tuple(
        ActorMention(Span(e.start_char, e.end_char, e.text), None, e.text, None, None)
        for e in doc.ents
        if e.label_ in _ENTITY_ACTORS
    )


def main_event(reading: Reading) -> Event | None:
    """The sentence's main event: top-level, verbal before nominal, nearest the root."""
    if not reading.events:
        return None
    return min(reading.events, key=lambda e: _rank(reading.doc, e))


def _rank(doc: Doc, event: Event) -> tuple[int, int, int, float]:
    trigger = event.evidence[0].trigger
    span = doc.char_span(trigger.start, trigger.end, alignment_mode="expand")
    token = span.root if span is not None else doc[0]
    return (
        event.parent_id is not None,
        _depth(_clause_token(token)),
        token.pos_ != "VERB",
        -event.confidence,
    )


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
