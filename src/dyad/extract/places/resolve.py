"""Toponym resolution in context: which GeoNames place each name in an article means.

Every candidate place of every distinct name in the article gets a score:

    prior    population (per factor of ten), feature type (country, division, capital, town),
             a penalty when only an alternate name matched, and a bonus when the name is
             followed by its container ("Paris, Texas": "Texas" may contain this Paris)
    context  the share of the article's other names (and demonyms: "the Turkish resort of
             Antalya") that point to the candidate's country, and to its first-level division
    support  how many of the article's other names have a likely candidate nearby (local news
             names neighbouring towns: Palestine, Elkhart and Anderson County are in Texas)

Context and support use the other names' candidate probabilities (a softmax of their scores),
leaving the name itself out, and the scores are recomputed a few rounds. All mentions of one
name in an article resolve to one place. The weights are tuned on the development halves of
LGL and GeoVirus (`dyad.evaluate.geoparsing`). The final choice is the learned ranker's
(`ranker`), whose features include the context above; a common phrase, an acronym
("the Old City", "CNA") or a name only alternate spellings match ("Kristina", Ristiina)
keeps a town only when the article points to its country.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from dyad.extract.places.candidates import Candidate
from dyad.extract.places.gazetteer import Gazetteer
from dyad.extract.places.names import normalise
from dyad.extract.places.ranker import FEATURES, Ranker, candidate_features
from dyad.extract.places.support import Table, build_table
from dyad.extract.places.weights import DEFAULT_WEIGHTS, Weights
from dyad.lexicon import words
from dyad.model import Place

__all__ = [
    "DEFAULT_WEIGHTS",
    "Context",
    "Resolution",
    "Weights",
    "article_context",
    "resolve_names",
]

_CAPITALISED = re.compile(r"\b[A-Z][a-z]+\b")
_PAIR_GAP = re.compile(r"\s*,\s*|\s+\(\s*")
_SUFFIXES = words("places.resolve", "suffixes")
_DIVISIONS = frozenset({"ADM1", "ADM2", "ADM3", "ADMD"})
_TOWN_SHARE = 0.2  # a town this big next to its namesake division is what the name means
_MAX_CANDIDATES = 40  # per name, most populous first
_ROUNDS = 3
_KNOWN_ALTERNATE = 100_000  # people: a city this big is known by its other names too
_STANDALONE = frozenset({"PCLI", "ADM1", "CONT"})  # need no support from the article
# Words that make up common phrases naming no particular place: "the Old City", "the Sea".
_GENERIC = frozenset(words("places.resolve", "generic"))


@dataclass(frozen=True, slots=True)
class Resolution:
    """The place chosen for one name, with its confidence and how it was chosen."""

    place: Place | None
    confidence: float
    reason: str


@dataclass(frozen=True, slots=True)
class Context:
    """One article's candidates: the table of its distinct names and their ranker features."""

    keys: list[str]  # the key of each name given
    found: list[str]  # the distinct keys with candidates, in table order
    table: Table | None  # None when no name has a candidate
    features: np.ndarray  # one row of ranker.FEATURES per candidate of `table`
    weak: list[bool]  # per found name: a common phrase or an alternate name only ("Sea", "CNA")
    demonym_countries: frozenset[str]  # ISO alpha-3 codes of the countries of its demonyms


def resolve_names(
    names: Sequence[tuple[str, int]],
    text: str,
    gazetteer: Gazetteer,
    *,
    weights: Weights = DEFAULT_WEIGHTS,
    ranker: Ranker | None = None,
) -> list[Resolution]:
    """Resolve each (surface name, start offset) of one article; one Resolution per name."""
    context = article_context(names, text, gazetteer, weights=weights)
    ranker = ranker or gazetteer.knowledge.ranker
    chosen = _choose(context.table, ranker.score(context.features)) if context.table else []
    out = dict(zip(context.found, _supported(chosen, context), strict=True))
    missing = Resolution(None, 0.0, "not in the gazetteer")
    return [out.get(k, missing) for k in context.keys]


def article_context(
    names: Sequence[tuple[str, int]],
    text: str,
    gazetteer: Gazetteer,
    *,
    weights: Weights = DEFAULT_WEIGHTS,
) -> Context:
    """The candidates of the names of one article, with features after the context rounds."""
    keys = [normalise(name) for name, _ in names]
    distinct = list(dict.fromkeys(k for k in keys if k))
    surface = {k: name for k, (name, _) in zip(keys, names, strict=True)}
    options = {k: candidates(gazetteer, surface[k])[:_MAX_CANDIDATES] for k in distinct}
    containers = _containers(_pairs(names, keys, text), options)
    found = [k for k in distinct if options[k]]
    demonyms = _demonyms(text, gazetteer)
    named = frozenset(
        gazetteer.knowledge.iso3[cc] for cc in demonyms if cc in gazetteer.knowledge.iso3
    )
    if not found:
        return Context(keys, found, None, np.zeros((0, len(FEATURES))), [], named)
    table = build_table([options[k] for k in found], [containers.get(k, set()) for k in found])
    features = _rounds(table, demonyms, weights)
    weak = [_is_weak(surface[k], options[k]) for k in found]
    return Context(keys, found, table, features, weak, named)


def _is_weak(name: str, options: tuple[Candidate, ...]) -> bool:
    """A common phrase ("Old City", "the Sea"), or a name only alternate names of lesser
    places match: an acronym ("CNA", a code of Cananea) or another spelling ("Kristina", of
    Ristiina). A big city's or a capital's other names are known ("Kiev", "Bombay")."""
    key = normalise(name)
    if all(w in _GENERIC for w in key.split()):
        return True
    famous = any(
        c.place.population >= _KNOWN_ALTERNATE or c.place.feature == "PPLC" for c in options
    )
    return all(c.alternate for c in options) and not famous


def _supported(chosen: list[Resolution], context: Context) -> list[Resolution]:
    """Weak names keep a town only when another name or a demonym of the article points to
    its country; countries, first-level divisions and continents stand on their own."""
    named = {
        r.place.country for r, w in zip(chosen, context.weak, strict=True) if r.place and not w
    }
    named |= context.demonym_countries
    out = []
    for resolution, weak in zip(chosen, context.weak, strict=True):
        place = resolution.place
        if weak and place and place.feature not in _STANDALONE and place.country not in named:
            resolution = Resolution(
                None, 0.0, "a common word or acronym the article does not place"
            )
        out.append(resolution)
    return out


def candidates(gazetteer: Gazetteer, name: str) -> tuple[Candidate, ...]:
    """The places `name` may be: a demonym's country, or the gazetteer's matches."""
    key = normalise(name)
    demonyms = gazetteer.knowledge.demonyms
    cc = demonyms.get(key) or (demonyms.get(key[:-1]) if key.endswith("s") else None)
    country = gazetteer.country(gazetteer.knowledge.iso3[cc]) if cc else None
    if country is not None:  # "Turkish", "Canadians": the country, not a town of that name
        return (country,)
    found = gazetteer.lookup(name)
    if found:
        return _cities_over_divisions(found)
    if key.endswith(" co"):  # "Platte Co."
        found = gazetteer.lookup(f"{key[:-3]} county")
        if found:
            return found
    for suffix in _SUFFIXES:
        if key.endswith(suffix) and len(key) > len(suffix) + 2:
            return gazetteer.lookup(key[: -len(suffix)])
    return ()


def _cities_over_divisions(found: tuple[Candidate, ...]) -> tuple[Candidate, ...]:
    """Drop a division that shares its name with a town inside it: "Istanbul" is the city."""
    towns: dict[str, int] = {}
    for c in found:
        if c.place.feature.startswith("PPL") and c.admin1 and not c.alternate:
            towns[c.admin1] = max(towns.get(c.admin1, 0), c.place.population)
    if not towns:
        return found
    return tuple(
        c
        for c in found
        if not (
            c.place.feature in _DIVISIONS
            and towns.get(c.admin1, -1) >= _TOWN_SHARE * c.place.population
        )
    )


def _pairs(names: Sequence[tuple[str, int]], keys: list[str], text: str) -> dict[str, set[str]]:
    """key -> keys of names written right after it as its container ("Paris, Texas")."""
    out: dict[str, set[str]] = {}
    order = sorted(range(len(names)), key=lambda i: names[i][1])
    for i, j in itertools.pairwise(order):
        (name, start), (_, next_start) = names[i], names[j]
        if _PAIR_GAP.fullmatch(text[start + len(name) : next_start]):
            out.setdefault(keys[i], set()).add(keys[j])
    return out


def _containers(
    pairs: dict[str, set[str]], options: dict[str, tuple[Candidate, ...]]
) -> dict[str, set[str]]:
    """For "Paris, Texas": "paris" -> the admin1 keys and countries "Texas" may be."""
    out: dict[str, set[str]] = {}
    for key, partners in pairs.items():
        for partner in partners:
            for c in options.get(partner, ()):
                if c.place.feature == "ADM1":
                    out.setdefault(key, set()).add(c.admin1)
                elif c.place.feature == "PCLI":
                    out.setdefault(key, set()).add(c.cc)
    return out


def _demonyms(text: str, gazetteer: Gazetteer) -> Counter[str]:
    """Countries named by demonyms in the text ("Turkish" -> TR), with counts."""
    found: Counter[str] = Counter()
    table = gazetteer.knowledge.demonyms
    words = _CAPITALISED.findall(text)
    skip = False
    for word, following in zip(words, [*words[1:], ""], strict=False):
        if skip:
            skip = False
            continue
        pair = f"{word} {following}".casefold()
        if following and pair in table:  # "South African", "New Zealand"
            found[table[pair]] += 1
            skip = True
        elif word.casefold() in table:
            found[table[word.casefold()]] += 1
    return found


def _rounds(table: Table, demonyms: Counter[str], weights: Weights) -> np.ndarray:
    """A few rounds of context scoring; the ranker features of the last round."""
    prior = table.prior(weights)
    kernel = table.kernel(weights.scale_km)
    score = prior
    for _ in range(_ROUNDS):
        q = table.softmax(score / weights.temperature)
        shares = (
            table.country_share(q, demonyms, weights.demonym),
            table.admin1_share(q),
            table.support(kernel, q),
        )
        score = prior + weights.country * shares[0] + weights.admin1 * shares[1]
        score = score + weights.support * shares[2]
    q = table.softmax(score / weights.temperature)
    return candidate_features(table, shares, q, demonyms, score)


def _choose(table: Table, score: np.ndarray) -> list[Resolution]:
    """The best-scoring candidate of each name, with its softmax probability."""
    q = table.softmax(score)
    out = []
    for m, (lo, hi) in enumerate(table.bounds):
        best = lo + int(np.argmax(score[lo:hi]))
        reason = "only candidate" if hi - lo == 1 else "context"
        confidence = float(q[best]) if hi - lo > 1 else 0.9
        out.append(Resolution(table.options[m][best - lo].place, round(confidence, 3), reason))
    return out


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, a)))
