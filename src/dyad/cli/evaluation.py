"""`dyad eval`: score Dyad against gold data."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from dyad.cli import app
from dyad.cli.options import FormatOpt
from dyad.cli.output import Format, emit, err, plural
from dyad.settings import load_settings


@app.command("eval")
def evaluate(
    name: Annotated[str | None, typer.Argument(help="Evaluation name; omit to list them.")] = None,
    data_dir: Annotated[str | None, typer.Option(help="Folder holding the gold data sets.")] = None,
    split: Annotated[str, typer.Option(help="Which part of the gold data to score.")] = "dev",
    limit: Annotated[
        int | None,
        typer.Option(
            help="Read at most this many gold documents or sentences (per corpus).", min=0
        ),
    ] = None,
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
    with _working(f"dyad eval {name}"):
        report = run_evaluation(name, settings.data_dir, split=split, limit=limit)
    scores = [{"metric": k, "score": round(v, 4)} for k, v in report.metrics.items()]
    scored = plural(report.items, "item")
    if report.inputs is not None:
        scored = f"{plural(report.inputs, 'input')} read, {scored} scored"
    emit(scores, fmt, title=f"{report.name} · {report.split} · {scored}")
    for failure in report.details.get("failures", []):
        err.print(f"failed: {failure}")
    err.print(f"{scored} in {report.seconds:.1f} s")


@contextmanager
def _working(what: str) -> Iterator[None]:
    """A spinner with the seconds elapsed on a terminal's stderr; nothing when redirected."""
    if not err.is_terminal:
        yield
        return
    columns = (SpinnerColumn(), TextColumn(what), TimeElapsedColumn())
    with Progress(*columns, console=err, transient=True) as bar:
        bar.add_task(what, total=None)
        yield
