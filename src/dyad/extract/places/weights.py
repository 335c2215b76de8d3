"""The weights that score place candidates, tuned on the development halves of LGL and
GeoVirus; shared by the candidate table (`support`) and the resolver (`resolve`)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Weights:
    """The scoring weights, tuned on the development halves of LGL and GeoVirus."""

    population: float = 1.0  # per factor of ten people
    alternate: float = -1.5  # matched an alternate name only
    country: float = 4.0  # times the share of the other names in the candidate's country
    admin1: float = 3.0  # times the share of the other names in its first-level division
    pair: float = 6.0  # "Paris, Texas": the next name may contain this place
    support: float = 1.5  # per other name with a likely candidate nearby
    scale_km: float = 150.0  # how fast nearness fades with distance
    demonym: float = 1.0  # weight of one demonym in the country shares
    temperature: float = 1.0  # softmax temperature turning scores into probabilities
    feature: tuple[tuple[str, float], ...] = (
        ("PCLI", 2.0),
        ("CONT", 1.5),
        ("ADM1", 0.7),
        ("PPLC", 1.0),
        ("PPL", 0.0),
        ("ADM2", -1.2),
        ("ADM3", -2.0),
        ("ADMD", -2.0),
    )


DEFAULT_WEIGHTS = Weights()
