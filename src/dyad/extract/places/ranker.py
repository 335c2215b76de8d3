"""The learned ranker: which candidate place a name means, as a dot product of features.

After the context rounds of `resolve`, every candidate of a name gets the features below; the
ranker's score is `features @ weights` and the name takes its best-scoring candidate. The
weights are data (`data/places/ranker.json`), fitted by `scripts/train_place_ranker.py` as a
conditional logit (a softmax over each name's candidates) on the development halves of LGL
and GeoVirus. Applying them needs only numpy.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING

import numpy as np

from dyad.errors import KnowledgeError

if TYPE_CHECKING:
    from dyad.extract.places.support import Table

__all__ = ["FEATURES", "Ranker", "candidate_features", "load_ranker"]

FEATURES = (
    "log_population",  # log10(population + 10)
    "most_populous",  # the name's most populous candidate
    "alternate",  # matched an alternate name only
    "pair",  # "Paris, Texas": the next name may contain it
    "country",  # a country (PCLI)
    "continent",
    "admin1",
    "admin2",
    "admin3",  # ADM3, ADM4, ADMD
    "capital",  # PPLC
    "seat",  # PPLA..PPLA4: seat of a division
    "town",  # any other populated place
    "country_share",  # share of the other names in its country
    "admin1_share",  # share of the other names in its first-level division
    "support",  # other names with a likely candidate nearby
    "near_other",  # nearness (exp(-km/150)) to the closest best guess of another local name
    "near_any",  # nearness (exp(-km/500)) to the closest best guess of any other name
    "demonym",  # a demonym in the text names its country
    "hand_score",  # the hand-weighted context score of `resolve`
)
_FEATURE_CODES = {
    "PCLI": "country",
    "CONT": "continent",
    "ADM1": "admin1",
    "ADM2": "admin2",
    "ADM3": "admin3",
    "ADM4": "admin3",
    "ADMD": "admin3",
    "PPLC": "capital",
}
_FILE = "ranker.json"


@dataclass(frozen=True, slots=True)
class Ranker:
    """Weights of the features in `FEATURES` order."""

    weights: np.ndarray

    def score(self, features: np.ndarray) -> np.ndarray:
        return features @ self.weights


def load_ranker() -> Ranker:
    """Read and check `data/places/ranker.json`: one finite number per feature."""
    path = resources.files("dyad") / "data" / "places" / _FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise KnowledgeError(f"{path}: cannot read the place ranker weights: {exc}") from exc
    weights = data.get("weights") if isinstance(data, dict) else None
    if not isinstance(weights, dict):
        raise KnowledgeError(f"{path}: expected an object with a 'weights' object")
    missing = [f for f in FEATURES if f not in weights]
    unknown = [f for f in weights if f not in FEATURES]
    if missing or unknown:
        raise KnowledgeError(
            f"{path}: weights must name exactly the ranker features; missing {missing}, "
            f"unknown {unknown}: retrain with scripts/train_place_ranker.py"
        )
    values = [weights[f] for f in FEATURES]
    bad = [f for f, v in zip(FEATURES, values, strict=True) if not _finite(v)]
    if bad:
        raise KnowledgeError(f"{path}: weights of {bad} must be finite numbers")
    return Ranker(np.array(values, dtype=float))


def _finite(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def candidate_features(
    table: Table,
    shares: tuple[np.ndarray, np.ndarray, np.ndarray],
    q: np.ndarray,
    demonyms: Counter[str],
    hand_score: np.ndarray,
) -> np.ndarray:
    """One row of `FEATURES` per candidate of `table`, given the context after the rounds."""
    country_share, admin1_share, support = shares
    n = len(q)
    out = np.zeros((n, len(FEATURES)))
    column = {f: i for i, f in enumerate(FEATURES)}
    out[:, column["log_population"]] = np.log10(table.population + 10.0)
    out[table.starts, column["most_populous"]] = 1.0  # candidates come most populous first
    out[:, column["alternate"]] = table.alternate
    out[:, column["pair"]] = table.pair
    for i, code in enumerate(table.features):
        kind = _FEATURE_CODES.get(code) or ("seat" if code.startswith("PPLA") else "town")
        out[i, column[kind]] = 1.0
    out[:, column["country_share"]] = country_share
    out[:, column["admin1_share"]] = admin1_share
    out[:, column["support"]] = support
    out[:, column["near_other"]] = _near_other(table, q, table.local, 150.0)
    out[:, column["near_any"]] = _near_other(table, q, np.ones(len(q), dtype=bool), 500.0)
    named = np.array([demonyms.get(c, 0) > 0 for c in table.countries] + [False])
    out[:, column["demonym"]] = named[table.cc]
    out[:, column["hand_score"]] = hand_score
    return out


def _near_other(table: Table, q: np.ndarray, among: np.ndarray, scale_km: float) -> np.ndarray:
    """For each candidate, nearness to the closest likeliest candidate of another name.

    `among` says which candidates may count (and get a value); `scale_km` how fast nearness
    fades with distance.
    """
    best = np.array([lo + int(np.argmax(q[lo:hi])) for lo, hi in table.bounds])
    keep = among[best]
    if not keep.any():
        return np.zeros(len(q))
    near = np.exp(-table.distance()[:, best[keep]] / scale_km)
    near[table.mention[:, None] == np.flatnonzero(keep)[None, :]] = 0.0
    return near.max(axis=1) * among
