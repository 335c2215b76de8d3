"""`dyad ingest`, `dyad demo`, `dyad rejected`, `dyad runs`, `dyad settings`."""

from __future__ import annotations

from importlib import resources as package_files
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from dyad.cli import app
from dyad.cli.options import (
    ActorsOpt,
    CodebookOpt,
    DefaultSourceOpt,
    FieldMapOpt,
    FormatOpt,
    SettingsFileOpt,
    StoreOpt,
    WideOpt,
    ingest_options,
)
from dyad.cli.output import Format, emit, err, out, plural
from dyad.errors import DyadError
from dyad.settings import describe, load_settings

if TYPE_CHECKING:
    from dyad.pipeline import RunReport

NOTHING_STORED = 3  # exit code of a run that read inputs, rejected them all, stored nothing


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, .gz files, or - for stdin.")],
    store: StoreOpt = None,
    workers: Annotated[int | None, typer.Option(help="Processes reading articles.")] = None,
    batch_size: Annotated[int | None, typer.Option(help="Articles per transaction.")] = None,
    actors: ActorsOpt = None,
    codebook: CodebookOpt = None,
    source: DefaultSourceOpt = None,
    field_map: FieldMapOpt = None,
    settings_file: SettingsFileOpt = None,
) -> None:
    """Read articles into the store; re-reading stored articles adds nothing."""
    from dyad.pipeline import run_ingest
    from dyad.store import open_store

    missing = [p for p in paths if p != "-" and not Path(p).exists()]
    if missing:
        raise DyadError(f"no file or folder {missing[0]}: check the path")
    settings = load_settings(
        settings_file,
        store=store,
        workers=workers,
        batch_size=batch_size,
        actors=tuple(actors) if actors else None,
        codebook=codebook,
    )
    options = ingest_options(settings, field_map, source)
    with open_store(settings.store) as db, _progress() as bar:
        task = bar.add_task("reading", total=None, events=0)
        report = run_ingest(
            paths,
            db,
            settings,
            options=options,
            on_batch=lambda r: bar.update(task, completed=r.articles_read, events=r.events),
        )
    _print_report(report, settings.store)


def _print_report(report: RunReport, store: str) -> None:
    """The run's counts and rejections on stderr; exit code 3 when it stored nothing."""
    err.print(
        f"{report.articles_read} read, {report.articles_new} new, "
        f"{report.articles_known} already stored, {len(report.rejected)} rejected, "
        f"{plural(report.events, 'event')} in {report.seconds:.1f} s  (run {report.run_id}, "
        f"store {store})"
    )
    for item in report.rejected:
        err.print(f"  rejected {item.origin}: {item.message}")
    if report.articles_new + report.articles_known == 0:
        what = "every input was rejected" if report.rejected else "no articles were found"
        err.print(f"dyad: nothing stored: {what} (see docs/input-formats.md)")
        raise typer.Exit(NOTHING_STORED)


@app.command()
def demo(
    store: StoreOpt = None,
) -> None:
    """Ingest the bundled example articles into the store and print what was found."""
    from dyad.cli.articles import print_summary

    examples = package_files.files("dyad") / "data" / "examples"
    path = load_settings(store=store).store
    ingest([str(Path(str(examples)))], store=path)
    print_summary(path)


@app.command()
def rejected(store: StoreOpt = None, fmt: FormatOpt = Format.table, wide: WideOpt = False) -> None:
    """List rejected inputs and why they were rejected."""
    from dyad.store import open_store

    with open_store(load_settings(store=store).store, read_only=True) as db:
        emit(db.rejected(), fmt, columns=["origin", "reason", "message", "run_id"], wide=wide)


@app.command()
def runs(store: StoreOpt = None, fmt: FormatOpt = Format.table, wide: WideOpt = False) -> None:
    """List ingest runs with their counts; a run whose process died shows `interrupted`."""
    from dyad.store import open_store, process_gone

    with open_store(load_settings(store=store).store, read_only=True) as db:
        rows = [
            {**r, "status": "interrupted"}
            if r["status"] == "running" and process_gone(r["pid"], r["host"])
            else r
            for r in db.runs()
        ]
    columns = [
        "id",
        "started_at",
        "status",
        "articles_read",
        "articles_new",
        "articles_known",
        "rejected",
        "events",
        "pipeline_version",
        "model_version",
    ]
    emit(rows, fmt, columns=columns, wide=wide)


@app.command("settings")
def show_settings(
    settings_file: SettingsFileOpt = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """Print the effective settings and where each value came from."""
    rows = [
        {"setting": n, "value": v, "source": s, "help": h}
        for n, v, s, h in describe(load_settings(settings_file))
    ]
    emit(rows, fmt)
    if fmt is Format.table:
        out.print("Environment: DYAD_<SETTING>; file: dyad.toml ([dyad] table) or --settings.")


def _progress() -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed} articles, {task.fields[events]} events"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    )
