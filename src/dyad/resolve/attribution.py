"""On whose word an event rests: the quote holding its trigger, or the relay covering it.

    event_attribution(doc, mention, quotes, article) -> AttributionAssignment

The chain is the narrowest quote's chain when the trigger sits in a quote's content; else the
chain of the relay whose scope covers the trigger ("This was reported by Bloomberg, writes
UNN" covers the body); else the publisher alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from dyad.model import ActorMention, Article, Cue, EventMention, Quote, Source, Span
from dyad.overlap import SpanIndex, near

if TYPE_CHECKING:
    from spacy.tokens import Doc


@dataclass(frozen=True, slots=True)
class AttributionAssignment:
    """The attribution of one event mention."""

    chain: tuple[Source, ...]  # innermost first, ending at the publisher when known
    quote_id: str | None  # the quote whose content holds the trigger
    claim: bool  # the event rests only on a claim that someone contests


def event_attribution(
    doc: Doc | None, mention: EventMention, quotes: Sequence[Quote], article: Article
) -> AttributionAssignment:
    """The chain, quote and claim status of `mention` (`doc` is unused, kept for the contract)."""
    quote = holding_quote(mention.trigger, quotes)
    if quote is not None:
        contested = quote.kind == "claim" and bool(quote.contested_by)
        return AttributionAssignment(quote.chain, quote.id, contested)
    return AttributionAssignment(covering_chain(mention.trigger, quotes, article), None, False)


SPEAKER_CONFIDENCE = 0.6  # a first-person subject stands for the quote's speaker


def quoted_speaker(mention: EventMention, quotes: Sequence[Quote]) -> EventMention:
    """ "'We will work together,' Varesk said": an event whose subject is "I" or "we" in a
    direct quote, and that has no actor, is done by the quote's speaker (the events stage
    leaves a `first-person` actor cue on the pronoun)."""
    pronoun = next(
        (c.span for c in mention.cues if c.field == "actor" and c.rule == "first-person"), None
    )
    if mention.actors or pronoun is None:
        return mention
    quote = holding_quote(mention.trigger, quotes)
    if quote is None or quote.kind != "direct" or quote.speaker is None:
        return mention
    if not _holds(quote, pronoun):
        return mention
    actor = replace(
        quote.speaker,
        span=pronoun,
        name_span=None,
        method="coreference",
        confidence=min(quote.speaker.confidence, SPEAKER_CONFIDENCE),
    )
    cue = Cue("actor", pronoun, "quote-speaker")
    return replace(mention, actors=(actor,), cues=(*mention.cues, cue))


def holding_quote(trigger: Span, quotes: Sequence[Quote]) -> Quote | None:
    """The narrowest quote whose content (or quoted parts) holds the trigger."""
    nearby = near(quotes, trigger.start - 1, trigger.end + 1)
    holding = [q for q in nearby if _holds(q, trigger)]
    return min(holding, key=lambda q: q.content.end - q.content.start) if holding else None


def _holds(quote: Quote, trigger: Span) -> bool:
    pieces = quote.parts or (quote.content,)
    return any(p.start <= trigger.start and trigger.end <= p.end for p in pieces)


def covering_chain(trigger: Span, quotes: Sequence[Quote], article: Article) -> tuple[Source, ...]:
    """The chain of the relay whose scope covers `trigger`, else the publisher alone."""
    scoped = [
        q
        for q in near(quotes, trigger.start, trigger.start + 1)
        if q.scope is not None and q.scope.start <= trigger.start < q.scope.end
    ]
    if scoped:
        return min(scoped, key=lambda q: q.scope.end - q.scope.start if q.scope else 0).chain
    publisher = publisher_of(quotes, article)
    return (publisher,) if publisher is not None else ()


def publisher_of(quotes: Sequence[Quote], article: Article) -> Source | None:
    """The article's publisher: `Article.source`, else the end of any quote's chain."""
    if article.source:
        return Source(article.source, "publisher", method="article")
    for quote in quotes:
        if quote.chain and quote.chain[-1].kind == "publisher":
            return quote.chain[-1]
    return None


def media_sources(
    actors: Sequence[ActorMention], quotes: Sequence[Quote], *, links: Sequence[Span] | None = None
) -> frozenset[Span]:
    """Spans of media actor mentions that only name a source (not actors of any event).

    "This was reported by Bloomberg": Bloomberg is a link of a chain, not an event's actor.
    The resolve step may drop actor mentions at these spans from event roles. `links`: the
    quotes' `source_links`, when the caller has them (else they are found here).
    """
    links = source_links(quotes) if links is None else links
    return frozenset(
        a.span
        for a in actors
        if a.sector == "media"
        and any(_overlap(a.span, link) for link in near(links, a.span.start, a.span.end))
    )


def source_links(quotes: Sequence[Quote]) -> SpanIndex[Span]:
    """The spans of the sources the quotes' chains name (their links that are not actors),
    by position."""
    links = {s.span for q in quotes for s in q.chain if s.span is not None and s.kind != "actor"}
    return SpanIndex(sorted(links, key=lambda s: (s.start, s.end)), lambda s: (s.start, s.end))


def quote_index(quotes: Sequence[Quote]) -> SpanIndex[Quote]:
    """The quotes by the text their content, quoted parts and scope cover, for
    `holding_quote` and `covering_chain` to look at only those near a trigger."""
    return SpanIndex(quotes, _quote_reach)


def _quote_reach(quote: Quote) -> tuple[int, int]:
    spans = (quote.content, *quote.parts, *((quote.scope,) if quote.scope else ()))
    return min(s.start for s in spans), max(s.end for s in spans)


def _overlap(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end
