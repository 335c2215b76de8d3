"""Evaluation harness: score Dyad against gold data, per field.

Each evaluation is a module in this package exposing
`evaluate(data_dir: Path, *, split: str = "dev", limit: int | None = None) -> EvalReport`
and is listed in `EVALUATIONS`. `dyad eval NAME` runs one; the quality gate runs each one that
has a table in `quality/floors.toml`. `limit` caps the gold inputs read (documents or
sentences); a report whose `items` count something inside them (expressions, toponyms,
attributions) says how many inputs it read in `inputs`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from dyad.errors import EvaluationError

PACKAGE = "package:"  # a gold folder bundled with dyad needs no data folder


@dataclass(frozen=True, slots=True)
class EvalReport:
    """Named scores of one evaluation run, with what was scored."""

    name: str
    split: str
    items: int  # gold items scored (sentences, documents, expressions...)
    metrics: dict[str, float]
    details: dict[str, Any] = field(default_factory=dict)  # per-type tables, error samples
    seconds: float = 0.0
    inputs: int | None = None  # gold inputs read, what `limit` counts, when not `items`


# name -> (module, gold folder under data_dir or "package:PATH" in dyad, one-line description)
EVALUATIONS: dict[str, tuple[str, str, str]] = {}


def register(name: str, module: str, folder: str, description: str) -> None:
    """Declare an evaluation; modules call this from `dyad.evaluate.registry`."""
    EVALUATIONS[name] = (module, folder, description)


def gold_folder(folder: str, data_dir: str | Path) -> Path:
    """Where an evaluation's gold is: under `data_dir`, or in the package ("package:...")."""
    if folder.startswith(PACKAGE):
        return Path(str(resources.files("dyad").joinpath(folder.removeprefix(PACKAGE))))
    return Path(data_dir) / folder


def run_evaluation(
    name: str, data_dir: str | Path, *, split: str = "dev", limit: int | None = None
) -> EvalReport:
    """Run evaluation `name` on the gold data under `data_dir`."""
    from dyad.evaluate import registry  # noqa: F401  # registers every evaluation

    if name not in EVALUATIONS:
        raise EvaluationError(f"unknown evaluation {name!r}; known: {sorted(EVALUATIONS)}")
    module, folder, _ = EVALUATIONS[name]
    gold = gold_folder(folder, data_dir)
    if not gold.exists():
        raise EvaluationError(
            f"gold data for {name!r} not found at {gold}; pass --data-dir or set DYAD_DATA_DIR"
        )
    evaluate: Callable[..., EvalReport] = importlib.import_module(module).evaluate
    return evaluate(gold, split=split, limit=limit)
