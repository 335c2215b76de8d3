"""The quality gate: every evaluation in `quality/floors.toml` must score at or above its floors.

Each table names an evaluation (`dyad eval NAME`) with the split and size the gate scores and a
floor per metric. The gate runs when `../shared/data` is present and skips otherwise;
lowering a floor is a deliberate, explained commit, and every measurement goes into
`quality/CHANGELOG.md`.
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
pytestmark = [pytest.mark.quality, pytest.mark.model, pytest.mark.slow]


@pytest.mark.parametrize(("name", "spec"), sorted(FLOORS.items()), ids=sorted(FLOORS))
def test_scores_stay_above_their_floors(name: str, spec: dict[str, Any], shared_data: Path) -> None:
    report = run_evaluation(
        name, shared_data, split=spec.get("split", "dev"), limit=spec.get("limit")
    )
    below = {
        metric: (round(report.metrics.get(metric, float("nan")), 4), floor)
        for metric, floor in spec["floors"].items()
        if not report.metrics.get(metric, float("-inf")) >= floor
    }
    assert not below, f"{name} below its floors (score, floor): {below}"


def test_every_floor_names_a_registered_evaluation() -> None:
    from dyad.evaluate import EVALUATIONS, registry  # noqa: F401  # registers every evaluation

    assert len(FLOORS) >= 5, "floors are pinned for the evaluations"
    unknown = sorted(set(FLOORS) - set(EVALUATIONS))
    assert not unknown, f"floors without an evaluation: {unknown}"


def test_no_floor_pins_a_diagnostic() -> None:
    """`diag_` metrics come from evaluation-only readings; the gate scores the product."""
    pinned = sorted(f"{n}.{m}" for n, s in FLOORS.items() for m in s["floors"] if "diag_" in m)
    assert not pinned, f"floors on diagnostic metrics: {pinned}"
