"""The attribution stage: quotes, claims and the chain of sources each one rests on.

    find_quotes(doc, article, actors) -> tuple[Quote, ...]

Direct quotes (`direct`), indirect speech, claims and "according to" (`reported`), the
publisher, relays and headline lines (`chains`), denials linked to claims (`contest`). Words
come from `src/dyad/data/attribution.yaml` (`lexicon`). Every quote's chain runs innermost
first and ends at the publisher when one is known (`Article.source`, else found in the text,
with `Source.method == "text"`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from dyad.doctext import Paragraphs, doc_text
from dyad.extract.attribution.chains import (
    Frame,
    colon_lines,
    find_publisher,
    frame_at,
    frames,
    headline_lines,
    link_lines,
)
from dyad.extract.attribution.contest import find_denials, target
from dyad.extract.attribution.direct import find_direct
from dyad.extract.attribution.lexicon import Lexicon, load_lexicon
from dyad.extract.attribution.reported import find_reported
from dyad.extract.attribution.sources import (
    ActorsByOffset,
    cited_source,
    resolve_speaker,
    source_of,
    unnamed,
)
from dyad.extract.attribution.syntax import Found, balance, quote_id
from dyad.model import ActorMention, Article, Quote, Source, Span
from dyad.overlap import SpanIndex

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["find_quotes", "load_lexicon"]

KIND_RANK = {"direct": 0, "claim": 1, "indirect": 2}


def find_quotes(doc: Doc, article: Article, actors: Sequence[ActorMention]) -> tuple[Quote, ...]:
    """Every quote, claim and relay in the article, with speakers, cues and chains."""
    lex = load_lexicon()
    text = doc_text(doc)
    paragraphs = Paragraphs(text)
    found = _found(doc, text, paragraphs, lex)
    publisher = find_publisher(doc, article, lex)
    by_offset = ActorsByOffset(actors)
    speakers = {id(f): resolve_speaker(doc, f, by_offset.near(f)) for f in found}
    sources = {id(f): source_of(doc, f, speakers[id(f)], lex) for f in found}
    relays = [(f, s) for f in found if f.relay and (s := sources[id(f)]) is not None]
    frame_list = frames(text, paragraphs, relays, publisher, lex)
    base = (publisher,) if publisher is not None else ()
    chains = _chains(doc, found, sources, frame_list, base, lex)
    quotes = [
        Quote(
            id=quote_id(article.id, f.content),
            content=f.content,
            kind=f.kind,
            speaker=_actor_speaker(speakers[id(f)], sources[id(f)]),
            speaker_text=f.speaker.text if f.speaker is not None else None,
            cue=f.cue,
            chain=chains[id(f)],
            parts=f.parts,
            scope=_scope(text, f, sources[id(f)], frame_list),
            speaker_span=f.speaker,
        )
        for f in found
    ]
    return _contest(doc, quotes, lex, paragraphs)


def _found(doc: Doc, text: str, paragraphs: Paragraphs, lex: Lexicon) -> list[Found]:
    """The quotes, claims and headline statements, each once, outside link lines, their
    content balanced in its paragraph."""
    links = link_lines(text, paragraphs, lex)
    found = [
        *find_direct(doc, lex, paragraphs),
        *find_reported(doc, lex, paragraphs),
        *headline_lines(text, paragraphs, lex),
        *colon_lines(text, paragraphs, lex),
    ]
    found = [f for f in found if not any(s <= f.content.start < e for s, e in links)]
    return _distinct(
        [
            replace(f, content=balance(text, f.content, paragraphs.around(f.content.start)))
            for f in found
        ]
    )


def _actor_speaker(actor: ActorMention | None, source: Source | None) -> ActorMention | None:
    """The speaker's actor mention, unless the speaker is a news outlet (a source only)."""
    return None if source is not None and source.kind == "outlet" else actor


def _distinct(found: list[Found]) -> list[Found]:
    """One candidate per cue and per content: the widest content, direct before indirect."""
    ordered = sorted(found, key=lambda f: (-(f.content.end - f.content.start), KIND_RANK[f.kind]))
    cues: set[int] = set()
    contents: set[tuple[int, int]] = set()
    kept = []
    for f in ordered:
        key = (f.content.start, f.content.end)
        if (f.cue is not None and f.cue.start in cues) or key in contents:
            continue
        if f.cue is not None:
            cues.add(f.cue.start)
        contents.add(key)
        kept.append(f)
    return sorted(kept, key=lambda f: (f.content.start, f.content.end))


def _chains(
    doc: Doc,
    found: list[Found],
    sources: dict[int, Source | None],
    frame_list: list[Frame],
    base: tuple[Source, ...],
    lex: Lexicon,
) -> dict[int, tuple[Source, ...]]:
    """Each candidate's chain: its own sources, then the enclosing quote's chain or frame's."""
    chains: dict[int, tuple[Source, ...]] = {}
    widest_first = sorted(found, key=lambda f: -(f.content.end - f.content.start))
    located = SpanIndex(widest_first, lambda f: (f.content.start, f.content.end))
    for f in widest_first:
        own = sources[id(f)] or unnamed(f)
        anchor = f.cue.start if f.cue is not None else f.content.start
        outer = _enclosing(f, anchor, located, chains)
        if own.kind == "outlet":
            outer = base
        elif outer is None:
            outer = frame_at(frame_list, anchor)
        cited = tuple(cited_source(s, lex) for s in f.cited)
        chains[id(f)] = _squeeze((*cited, own, *outer))
    return chains


def _enclosing(
    f: Found, anchor: int, widest_first: SpanIndex[Found], chains: dict[int, tuple[Source, ...]]
) -> tuple[Source, ...] | None:
    """The chain of the narrowest other quote whose content holds `anchor`."""
    best: tuple[Source, ...] | None = None
    for other in widest_first.near(anchor, anchor + 1):
        if other is f or id(other) not in chains:
            continue
        if other.content.start <= anchor < other.content.end:
            best = chains[id(other)]
    return best


def _squeeze(chain: tuple[Source, ...]) -> tuple[Source, ...]:
    """Drop a source repeated next to itself ("Bloomberg reports" inside Bloomberg's frame)."""
    result: list[Source] = []
    for source in chain:
        if result and result[-1].name.lower() == source.name.lower():
            continue
        result.append(source)
    return tuple(result)


def _scope(text: str, f: Found, source: Source | None, frame_list: list[Frame]) -> Span | None:
    """The stretch a relay covers: its frame."""
    if not f.relay or source is None:
        return None
    for frame in frame_list:
        if frame.chain and frame.chain[0] is source:
            return Span(frame.start, frame.end, text[frame.start : frame.end])
    return None


def _contest(
    doc: Doc, quotes: list[Quote], lex: Lexicon, paragraphs: Paragraphs
) -> tuple[Quote, ...]:
    """Link each denial to the claim (or quote) it rejects."""
    contents = [(q.content, q.kind) for q in quotes]
    denied: dict[int, list[Span]] = {}
    for at, span, words in find_denials(doc, lex, paragraphs):
        index = target(at, contents, words)
        if index is not None:
            denied.setdefault(index, []).append(span)
    return tuple(
        dataclasses.replace(q, contested_by=tuple(denied[i])) if i in denied else q
        for i, q in enumerate(quotes)
    )
