"""`dyad eval`: score Dyad against gold data."""

from __future__ import annotations

from typing import Annotated

import typer

from dyad.cli import app
from dyad.cli.options import FormatOpt
from dyad.cli.output import Format, emit, err
from dyad.settings import load_settings


@app.command("eval")
def evaluate(
    name: Annotated[str | None, typer.Argument(help="Evaluation name; omit to list them.")] = None,
    data_dir: Annotated[str | None, typer.Option(help="Folder holding the gold data sets.")] = None,
    split: Annotated[str, typer.Option(help="Which part of the gold data to score.")] = "dev",
    limit: Annotated[int | None, typer.Option(help="Score at most this many items.")] = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """Run an evaluation on gold data and print its scores."""
    from dyad.evaluate import (
        EVALUATIONS,
        registry,  # noqa: F401  # registers every evaluation
        run_evaluation,
    )

    if name is None:
        rows = [{"name": n, "data": f, "measures": d} for n, (_, f, d) in EVALUATIONS.items()]
        emit(sorted(rows, key=lambda r: r["name"]), fmt)
        return
    settings = load_settings(data_dir=data_dir)
    report = run_evaluation(name, settings.data_dir, split=split, limit=limit)
    rows = [{"metric": k, "score": round(v, 4)} for k, v in report.metrics.items()]
    emit(rows, fmt, title=f"{report.name} · {report.split} · {report.items} items")
    for failure in report.details.get("failures", []):
        err.print(f"failed: {failure}", highlight=False, markup=False)
    err.print(f"{report.items} items in {report.seconds:.1f} s", highlight=False)
