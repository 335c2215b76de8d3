"""The quality gate: every evaluation in `quality/floors.toml` must score at or above its floors
(and at or below its ceilings, for shares where less is better).

Each evaluation (`dyad eval NAME`) has two settings, `[NAME.tuning]` (the part of the gold data
Dyad was tuned on) and `[NAME.held_out]` (the part it was not), each with its split, its size
and a floor per metric. The gate runs when the gold data is present; without it, it skips, and
in CI it fails (see `find_gold_data` in tests/conftest.py). Lowering a floor is a deliberate,
explained commit, and every measurement goes into `quality/CHANGELOG.md`.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from dyad.evaluate import run_evaluation

FLOORS = tomllib.loads(
    (Path(__file__).resolve().parents[2] / "quality" / "floors.toml").read_text(encoding="utf-8")
)
ROLES = ("tuning", "held_out")
SETTINGS = [
    (name, role, spec) for name, roles in sorted(FLOORS.items()) for role, spec in roles.items()
]


@pytest.mark.quality
@pytest.mark.model
@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "role", "spec"), SETTINGS, ids=[f"{name}-{role}" for name, role, _ in SETTINGS]
)
def test_scores_stay_above_their_floors(
    name: str, role: str, spec: dict[str, Any], shared_data: Path
) -> None:
    report = run_evaluation(name, shared_data, split=spec["split"], limit=spec.get("limit"))
    below = {
        metric: (round(report.metrics.get(metric, float("nan")), 4), floor)
        for metric, floor in spec["floors"].items()
        if not report.metrics.get(metric, float("-inf")) >= floor
    }
    above = {
        metric: (round(report.metrics.get(metric, float("nan")), 4), ceiling)
        for metric, ceiling in spec.get("ceilings", {}).items()
        if not report.metrics.get(metric, float("inf")) <= ceiling
    }
    assert not below, f"{name} {role} ({spec['split']}) below its floors (score, floor): {below}"
    assert not above, f"{name} {role} ({spec['split']}) above ceilings (score, ceiling): {above}"


def test_every_floor_names_a_registered_evaluation() -> None:
    from dyad.evaluate import EVALUATIONS, registry  # noqa: F401  # registers every evaluation

    assert len(FLOORS) >= 5, "floors are pinned for the evaluations"
    unknown = sorted(set(FLOORS) - set(EVALUATIONS))
    assert not unknown, f"floors without an evaluation: {unknown}"


# Evaluations with no held-out part yet, and why: they are gated on what they have.
TUNING_ONLY = {"story": "both bundled stories were written while building the tracker"}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_every_evaluation_has_floors_on_both_halves(name: str) -> None:
    if name in TUNING_ONLY:
        assert sorted(FLOORS[name]) == ["tuning"], f"[{name}]: {TUNING_ONLY[name]}"
        return
    assert sorted(FLOORS[name]) == sorted(ROLES), (
        f"quality/floors.toml: [{name}] needs exactly [{name}.tuning] and [{name}.held_out]"
    )
    tuning, held_out = (FLOORS[name][role] for role in ROLES)
    for role in ROLES:
        spec = FLOORS[name][role]
        assert isinstance(spec.get("split"), str), f'[{name}.{role}] needs split = "..."'
        assert spec.get("floors"), f"[{name}.{role}.floors] pins no metric"
    assert tuning["split"] != held_out["split"], f"[{name}] scores one split twice"
    assert tuning.get("limit") == held_out.get("limit"), f"[{name}] halves differ in limit"


def test_no_floor_pins_a_diagnostic() -> None:
    """`diag_` metrics come from evaluation-only readings; the gate scores the product."""
    pinned = sorted(
        f"{name}.{role}.{metric}"
        for name, roles in FLOORS.items()
        for role, spec in roles.items()
        for metric in (*spec.get("floors", {}), *spec.get("ceilings", {}))
        if "diag_" in metric
    )
    assert not pinned, f"floors on diagnostic metrics: {pinned}"
