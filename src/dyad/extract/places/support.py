"""The candidate table of one article: every candidate of every name, as numpy arrays.

Candidates of one name are contiguous (`bounds`), so per-name operations (softmax, maxima
over a name's candidates) are segment reductions. See `resolve` for how the scores combine.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from dyad.extract.places.candidates import Candidate
from dyad.extract.places.weights import Weights

__all__ = ["Table", "build_table"]

_EARTH_KM = 6371.0
_NOT_LOCAL = frozenset({"PCLI", "CONT"})  # contain everything: no nearness from them


@dataclass(frozen=True, slots=True)
class Table:
    """Flattened candidates of the distinct names of one article."""

    options: list[tuple[Candidate, ...]]
    bounds: list[tuple[int, int]]
    mention: np.ndarray  # name index of each candidate
    lat: np.ndarray
    lon: np.ndarray
    population: np.ndarray
    alternate: np.ndarray
    features: list[str]
    cc: np.ndarray  # country index (into `countries`); -1 for none
    admin1: np.ndarray  # admin1 index; -1 for none
    pair: np.ndarray  # 1 when a following name may contain it, 0.5 for its country only
    countries: list[str]

    @property
    def starts(self) -> np.ndarray:
        return np.array([lo for lo, _ in self.bounds])

    def prior(self, weights: Weights) -> np.ndarray:
        feature = dict(weights.feature)
        bonus = np.array([feature.get(f, -1.0) for f in self.features])
        return (
            weights.population * np.log10(self.population + 10.0)
            + bonus
            + weights.alternate * self.alternate
            + weights.pair * self.pair
        )

    def softmax(self, score: np.ndarray) -> np.ndarray:
        """Per-name probabilities of the candidates."""
        top = np.maximum.reduceat(score, self.starts)[self.mention]
        e = np.exp(score - top)
        return e / np.add.reduceat(e, self.starts)[self.mention]

    @property
    def local(self) -> np.ndarray:
        """True for candidates that are places in a region, not countries or continents."""
        return np.array([f not in _NOT_LOCAL for f in self.features])

    def distance(self) -> np.ndarray:
        """Great-circle distance in km between every pair of candidates."""
        lat, lon = np.radians(self.lat), np.radians(self.lon)
        dlat = lat[:, None] - lat[None, :]
        dlon = lon[:, None] - lon[None, :]
        a = (
            np.sin(dlat / 2) ** 2
            + np.cos(lat)[:, None] * np.cos(lat)[None, :] * np.sin(dlon / 2) ** 2
        )
        return 2 * _EARTH_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))

    def kernel(self, scale_km: float) -> np.ndarray:
        """Nearness of every candidate pair: 1 when together, fading with distance."""
        distance = self.distance()
        near = np.exp(-distance / scale_km)
        is_adm1 = np.array([f == "ADM1" for f in self.features])
        same_admin1 = (self.admin1[:, None] == self.admin1[None, :]) & (self.admin1[:, None] >= 0)
        contains = same_admin1 & (is_adm1[:, None] | is_adm1[None, :])
        near = np.where(contains, 1.0, near)
        local = self.local
        near *= local[:, None] & local[None, :]
        near[self.mention[:, None] == self.mention[None, :]] = 0.0
        return near

    def support(self, kernel: np.ndarray, q: np.ndarray) -> np.ndarray:
        """For each candidate: the sum over other names of their best likely nearby candidate."""
        weighted = kernel * q[None, :]
        best = np.maximum.reduceat(weighted, self.starts, axis=1)
        best[np.arange(len(q)), self.mention] = 0.0
        return best.sum(axis=1)

    def country_share(self, q: np.ndarray, demonyms: Counter[str], weight: float) -> np.ndarray:
        """Share of the other names (and demonyms) pointing to each candidate's country."""
        extra = np.array([weight * demonyms.get(c, 0) for c in self.countries])
        return self._share(q, self.cc, len(self.countries), extra)

    def admin1_share(self, q: np.ndarray) -> np.ndarray:
        """Share of the other names pointing to each candidate's first-level division."""
        size = int(self.admin1.max()) + 1 if len(self.admin1) else 0
        return self._share(q, self.admin1, size, np.zeros(size))

    def _share(self, q: np.ndarray, index: np.ndarray, size: int, extra: np.ndarray) -> np.ndarray:
        names = len(self.bounds)
        if size == 0:
            return np.zeros(len(q))
        mass = np.zeros((names, size))
        valid = index >= 0
        np.add.at(mass, (self.mention[valid], index[valid]), q[valid])
        total = mass.sum(axis=0) + extra
        denominator = names - 1 + float(extra.sum())
        if denominator <= 0:
            return np.zeros(len(q))
        safe = np.where(valid, index, 0)
        others = total[safe] - mass[self.mention, safe]
        return np.where(valid, others / denominator, 0.0)


def build_table(options: Sequence[tuple[Candidate, ...]], containers: Sequence[set[str]]) -> Table:
    """The table of `options` (one tuple of candidates per distinct name, none empty)."""
    flat = [(m, c) for m, opts in enumerate(options) for c in opts]
    bounds, lo = [], 0
    for opts in options:
        bounds.append((lo, lo + len(opts)))
        lo += len(opts)
    countries = sorted({c.cc for _, c in flat if c.cc})
    admin1s = sorted({c.admin1 for _, c in flat if c.admin1})
    cc_index = {c: i for i, c in enumerate(countries)}
    a1_index = {a: i for i, a in enumerate(admin1s)}
    pair = [
        1.0 if c.admin1 and c.admin1 in containers[m] else 0.5 if c.cc in containers[m] else 0.0
        for m, c in flat
    ]
    return Table(
        options=list(options),
        bounds=bounds,
        mention=np.array([m for m, _ in flat]),
        lat=np.array([c.place.lat for _, c in flat]),
        lon=np.array([c.place.lon for _, c in flat]),
        population=np.array([c.place.population for _, c in flat], dtype=float),
        alternate=np.array([c.alternate for _, c in flat], dtype=float),
        features=[c.place.feature for _, c in flat],
        cc=np.array([cc_index.get(c.cc, -1) for _, c in flat]),
        admin1=np.array([a1_index.get(c.admin1, -1) for _, c in flat]),
        pair=np.array(pair),
        countries=countries,
    )
