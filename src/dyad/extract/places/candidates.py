"""A place a name may refer to: what the gazetteer finds and the resolver scores."""

from __future__ import annotations

from dataclasses import dataclass

from dyad.model import Place


@dataclass(frozen=True, slots=True)
class Candidate:
    """One place a name may refer to, with what context scoring needs."""

    place: Place
    cc: str  # ISO alpha-2 ("" for continents)
    admin1: str  # GeoNames admin1 key, "US.TX"; "" when none
    alternate: bool  # matched an alternate name, not the main one
