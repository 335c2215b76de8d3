"""The resolve stage: turn an article's event mentions into events.

Each mention gets its date, place and attribution (the modules beside this one), a stable id,
and mentions of the same happening in one article ("Putin will not attend", said twice)
become one event with several pieces of evidence.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dyad.deadline import check
from dyad.doctext import Paragraphs
from dyad.model import (
    ActorMention,
    Article,
    Cue,
    Event,
    EventMention,
    Evidence,
    PlaceMention,
    Quote,
    Span,
    TimeExpression,
)
from dyad.overlap import SpanIndex
from dyad.resolve.anaphora import refer_back
from dyad.resolve.attribution import (
    event_attribution,
    media_sources,
    quote_index,
    quoted_speaker,
    source_links,
)
from dyad.resolve.dates import event_date
from dyad.resolve.places import event_place

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["event_id", "resolve_events"]


def resolve_events(
    article: Article,
    doc: Doc,
    mentions: Sequence[EventMention],
    *,
    times: Sequence[TimeExpression],
    places: Sequence[PlaceMention],
    quotes: Sequence[Quote],
) -> tuple[Event, ...]:
    """Events of `article`, one per happening, in order of first mention."""
    events: list[Event] = []
    by_key: dict[tuple[object, ...], int] = {}
    index_of_mention: dict[int, int] = {}
    by_id: dict[str, int] = {}
    resolved: list[Event] = []
    paragraphs = Paragraphs(article.text)
    found = _Found(
        SpanIndex(times, _reach),
        SpanIndex(places, _reach),
        quote_index(quotes),
        source_links(quotes),
    )
    for i, mention in enumerate(mentions):
        check("resolve")
        event = _resolve_one(article, doc, mention, found)
        event = refer_back(doc, event, resolved, paragraphs)
        resolved.append(event)
        key = _happening_key(event)
        if event.id in by_id:  # one trigger, one type: one event, its roles joined
            j = by_id[event.id]
            events[j] = _join_roles(events[j], event)
        elif key in by_key:
            j = by_key[key]
            events[j] = _merge(events[j], event)
        else:
            by_key[key] = by_id[event.id] = j = len(events)
            events.append(event)
        index_of_mention[i] = j
    return tuple(_link_parents(events, mentions, index_of_mention))


def event_id(article_id: str, type_: str, evidence: Evidence) -> str:
    """Stable id: a hash of the article id, the event type and the trigger offsets."""
    raw = f"{article_id}|{type_}|{evidence.trigger.start}|{evidence.trigger.end}"
    return "ev_" + hashlib.sha256(raw.encode()).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class _Found:
    """What the article's other stages found, by position: each event looks only at what
    lies near it, not at all of them (which made long articles quadratic)."""

    times: SpanIndex[TimeExpression]
    places: SpanIndex[PlaceMention]
    quotes: SpanIndex[Quote]
    links: SpanIndex[Span]  # the spans of the sources the quotes' chains name


def _reach(item: TimeExpression | PlaceMention) -> tuple[int, int]:
    return item.span.start, item.span.end


def _resolve_one(article: Article, doc: Doc, mention: EventMention, found: _Found) -> Event:
    quotes = found.quotes
    mention = quoted_speaker(_without_media_sources(mention, quotes, found.links), quotes)
    when = event_date(doc, mention, found.times, article)
    where = event_place(doc, mention, found.places, article)
    said = event_attribution(doc, mention, quotes, article)
    evidence = Evidence(trigger=mention.trigger, sentence=mention.sentence)
    return Event(
        id=event_id(article.id, mention.type, evidence),
        article_id=article.id,
        type=mention.type,
        actors=mention.actors,
        recipients=mention.recipients,
        evidence=(evidence,),
        mode=mention.mode,
        cameo=mention.cameo,
        quad_class=mention.quad_class,
        goldstein=mention.goldstein,
        polarity=mention.polarity,
        modality=mention.modality,
        historical=mention.historical or when.historical,
        cues=mention.cues + _deadline_cue(when.deadline, when.expression),
        date=when.date,
        date_end=when.date_end,
        date_granularity=when.granularity,
        date_source=when.source,
        date_expression=when.expression,
        place=where.place,
        place_source=where.source,
        place_span=where.span,
        attribution=said.chain,
        quote_id=said.quote_id,
        rule=mention.rule,
        confidence=mention.confidence,
        date_end_granularity=when.end_granularity,
    )


def _without_media_sources(
    mention: EventMention, quotes: Sequence[Quote], links: Sequence[Span]
) -> EventMention:
    """Media that only relay the statement ("reported by Bloomberg") are not its actors."""
    relays = media_sources(mention.actors + mention.recipients, quotes, links=links)
    if not relays:
        return mention
    return dataclasses.replace(
        mention,
        actors=tuple(a for a in mention.actors if a.span not in relays),
        recipients=tuple(r for r in mention.recipients if r.span not in relays),
    )


def _deadline_cue(deadline: bool, expression: TimeExpression | None) -> tuple[Cue, ...]:
    """A deadline ("by May 12") is said as a cue: `date_end` is then the deadline."""
    if not deadline or expression is None:
        return ()
    return (Cue(field="date", span=expression.span, rule="deadline"),)


def _happening_key(event: Event) -> tuple[object, ...]:
    """Two mentions in one article are one happening when all of these agree."""

    def who(mentions: Sequence[object]) -> tuple[str, ...]:
        return tuple(sorted(m.actor_id or m.name.lower() for m in mentions))  # type: ignore[attr-defined]

    return (
        event.type,
        event.mode,
        who(event.actors),
        who(event.recipients),
        event.polarity,
        event.modality,
        event.historical,
        event.date if event.date_source == "text" else None,
        event.place.geonameid if event.place else None,
    )


def _merge(first: Event, again: Event) -> Event:
    """Keep the first event; add the repeat's evidence and any field the first lacked."""
    return dataclasses.replace(
        first,
        evidence=first.evidence + again.evidence,
        cues=first.cues + tuple(c for c in again.cues if c not in first.cues),
        confidence=max(first.confidence, again.confidence),
        quote_id=first.quote_id or again.quote_id,
        attribution=first.attribution or again.attribution,
    )


def _join_roles(first: Event, again: Event) -> Event:
    """The same trigger read twice with the same type: add the roles the first lacked."""

    def union(a: tuple[ActorMention, ...], b: tuple[ActorMention, ...]) -> tuple[ActorMention, ...]:
        return a + tuple(m for m in b if m not in a)

    return dataclasses.replace(
        first,
        actors=union(first.actors, again.actors),
        recipients=union(first.recipients, again.recipients),
        cues=first.cues + tuple(c for c in again.cues if c not in first.cues),
    )


def _link_parents(
    events: list[Event], mentions: Sequence[EventMention], index_of_mention: dict[int, int]
) -> list[Event]:
    for i, mention in enumerate(mentions):
        if mention.parent is None or mention.parent not in index_of_mention:
            continue
        child, parent = index_of_mention[i], index_of_mention[mention.parent]
        if child != parent and events[child].parent_id is None:
            events[child] = dataclasses.replace(events[child], parent_id=events[parent].id)
    return events
