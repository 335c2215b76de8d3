"""The quality gate: every evaluation with a floors file must score at or above its floors.

Floors live in `quality/floors/NAME.toml` (split, limit, [floors] metric = value). The gate
runs when `../shared/data` is present and skips otherwise; lowering a floor is a deliberate,
explained commit, and every measurement goes into `quality/CHANGELOG.md`.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from dyad.evaluate import run_evaluation

FLOORS = Path(__file__).resolve().parents[2] / "quality" / "floors"
pytestmark = [pytest.mark.quality, pytest.mark.model, pytest.mark.slow]


def _floor_files() -> list[Path]:
    return sorted(FLOORS.glob("*.toml"))


@pytest.mark.parametrize("path", _floor_files(), ids=lambda p: p.stem)
def test_scores_stay_above_their_floors(path: Path, shared_data: Path) -> None:
    spec = tomllib.loads(path.read_text(encoding="utf-8"))
    report = run_evaluation(
        path.stem, shared_data, split=spec.get("split", "dev"), limit=spec.get("limit")
    )
    below = {
        metric: (round(report.metrics.get(metric, float("nan")), 4), floor)
        for metric, floor in spec["floors"].items()
        if not report.metrics.get(metric, float("-inf")) >= floor
    }
    assert not below, f"{path.stem} below its floors (score, floor): {below}"


def test_every_floors_file_names_a_registered_evaluation() -> None:
    from dyad.evaluate import EVALUATIONS, registry  # noqa: F401  # registers every evaluation

    assert _floor_files(), "no floors pinned yet"
    unknown = [p.stem for p in _floor_files() if p.stem not in EVALUATIONS]
    assert not unknown, f"floors files without an evaluation: {unknown}"
