"""Places: a GeoNames gazetteer from packages, and toponyms resolved in context.

load_gazetteer() -> Gazetteer            once per process (index cached on disk)
start_index_build()                      build a missing index in another process meanwhile
find_places(doc, gazetteer, *, actors)   toponyms of a parsed article, resolved
resolve_toponyms(text, spans, gazetteer) resolve given spans (no parse needed)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from dyad.doctext import doc_text
from dyad.extract.places.detect import find_toponyms
from dyad.extract.places.gazetteer import Gazetteer, load_gazetteer, start_index_build
from dyad.extract.places.resolve import DEFAULT_WEIGHTS, Weights, resolve_names
from dyad.model import ActorMention, PlaceMention, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["Gazetteer", "find_places", "load_gazetteer", "resolve_toponyms", "start_index_build"]


def find_places(
    doc: Doc, gazetteer: Gazetteer, *, actors: Sequence[ActorMention] = ()
) -> tuple[PlaceMention, ...]:
    """The toponyms of `doc` and the places they name, resolved in the article's context.

    Metonyms are left out: a toponym that an actor covers as the agent of a verb ("Moscow
    said") names a government, not a place.
    """
    toponyms = find_toponyms(doc, gazetteer, actors=actors)
    spans = [t.span for t in toponyms]
    roles = [t.role for t in toponyms]
    return resolve_toponyms(doc_text(doc), spans, gazetteer, roles=roles)


def resolve_toponyms(
    text: str,
    spans: Sequence[Span],
    gazetteer: Gazetteer,
    *,
    roles: Sequence[str | None] = (),
    weights: Weights = DEFAULT_WEIGHTS,
) -> tuple[PlaceMention, ...]:
    """Resolve toponyms already found in `text` (e.g. gold spans), each in the others' context."""
    names = [(s.text, s.start) for s in spans]
    resolutions = resolve_names(names, text, gazetteer, weights=weights)
    roles = list(roles) or [None] * len(spans)
    return tuple(
        PlaceMention(span=s, place=r.place, confidence=r.confidence, reason=r.reason, role=role)
        for s, r, role in zip(spans, resolutions, roles, strict=True)
    )
