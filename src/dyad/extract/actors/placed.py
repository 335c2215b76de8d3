"""Countries the places stage reads as places of another country.

"ATLANTA, Georgia - A judge in Fulton County, Georgia": the actor dictionary reads "Georgia"
as the country, and a group noun with no country of its own ("officials", "the man") takes
the country its paragraph names (`method` "context"). The geoparser, which weighs the other
places of the article, puts that "Georgia" in the United States. When every naming of a
country that the geoparser resolved lies in another country, and no place of the article
lies in that country, the country was never named: the group nouns that took it from their
context take none.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from dyad.model import ActorMention, PlaceMention
from dyad.overlap import MentionIndex

__all__ = ["drop_misread_countries"]


def drop_misread_countries(
    actors: Sequence[ActorMention], places: Sequence[PlaceMention]
) -> tuple[ActorMention, ...]:
    """`actors`, with the context country taken back from group nouns whose country the
    article names only as a place of another country."""
    if not any(m.method == "context" for m in actors):
        return tuple(actors)
    misread = _misread(actors, places)
    return tuple(
        _uncoded(m) if m.method == "context" and m.country in misread else m for m in actors
    )


def _misread(actors: Sequence[ActorMention], places: Sequence[PlaceMention]) -> set[str]:
    """Codes of countries named in the text (a dictionary naming overlapping a toponym) whose
    every resolved toponym lies in another country, with no place of the article in them."""
    located = {p.place.country for p in places if p.place is not None}
    coded = MentionIndex(
        m for m in actors if m.method == "dictionary" and m.country not in (None, "IGO")
    )
    named: dict[str, set[str | None]] = {}
    for place in places:
        if place.place is None:
            continue
        for mention in coded.overlapping([(place.span.start, place.span.end)]):
            named.setdefault(str(mention.country), set()).add(place.place.country)
    return {code for code, where in named.items() if code not in where and code not in located}


def _uncoded(mention: ActorMention) -> ActorMention:
    """The group noun as it reads without a country: unresolved, and as doubtful."""
    return dataclasses.replace(
        mention,
        actor_id=None,
        name=mention.span.text,
        country=None,
        method="dictionary",
        confidence=min(mention.confidence, 0.4),
    )
