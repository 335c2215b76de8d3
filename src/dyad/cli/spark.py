"""`dyad spark run`, `dyad spark query`, `dyad spark group`, `dyad load-parquet`.

See docs/spark.md."""

from __future__ import annotations

from typing import Annotated

import typer

from dyad.cli import app
from dyad.cli.articles import emit_events
from dyad.cli.options import (
    EVENT_OPTIONS,
    EVERY_EVENT,
    ActorsOpt,
    CodebookOpt,
    DefaultSourceOpt,
    FieldMapOpt,
    FormatOpt,
    SettingsFileOpt,
    StoreOpt,
    filter_options,
    ingest_options,
)
from dyad.cli.output import Format, emit, err, plural
from dyad.errors import SettingsError
from dyad.query.filter import EventFilter
from dyad.settings import load_settings

spark_app = typer.Typer(
    help="Run Dyad on Apache Spark and query its Parquet output (docs/spark.md).",
    no_args_is_help=True,
)
app.add_typer(spark_app, name="spark")

MasterOpt = Annotated[
    str | None,
    typer.Option(help="Spark master, e.g. local[2]; default: the one spark-submit set."),
]
ConfOpt = Annotated[
    list[str] | None, typer.Option("--conf", help="KEY=VALUE Spark setting. Repeatable.")
]


@spark_app.command("run")
def run(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders or globs Spark reads.")],
    out: Annotated[str, typer.Option("--out", "-o", help="Output folder (any Spark path).")],
    master: MasterOpt = None,
    partitions: Annotated[int | None, typer.Option(help="Article partitions.")] = None,
    mode: Annotated[
        str, typer.Option(help="If --out holds datasets: error, overwrite, append.")
    ] = "error",
    memory_store: Annotated[
        str | None, typer.Option(help="Seed actor memory from this store's actors.")
    ] = None,
    actors: ActorsOpt = None,
    codebook: CodebookOpt = None,
    source: DefaultSourceOpt = None,
    field_map: FieldMapOpt = None,
    conf: ConfOpt = None,
    settings_file: SettingsFileOpt = None,
) -> None:
    """Read articles on Spark and write Parquet datasets (articles, events, ...) to --out."""
    from dyad.spark import SparkOptions, run_job, spark_session

    settings = load_settings(
        settings_file, actors=tuple(actors) if actors else None, codebook=codebook
    )
    ingest = ingest_options(settings, field_map, source)
    options = SparkOptions(partitions=partitions, mode=mode, ingest=ingest)
    known = _known_actors(memory_store)
    spark = spark_session(master, conf=_pairs(conf or [], "--conf"))
    err.print(f"Spark {spark.version}, master {spark.sparkContext.master}", highlight=False)
    report = run_job(spark, inputs, out, settings=settings, options=options, known_actors=known)
    err.print(
        f"{plural(report.articles, 'article')}, {plural(report.events, 'event')}, "
        f"{report.rejected} rejected, {report.duplicates} duplicates skipped, "
        f"from {plural(report.files, 'file')} in {report.seconds:.1f} s → {report.out}"
    )


@spark_app.command("query")
@filter_options(*EVENT_OPTIONS)
def query(
    folder: Annotated[str, typer.Argument(help="Output folder of `dyad spark run`.")],
    where: EventFilter = EVERY_EVENT,
    sql: Annotated[
        str | None, typer.Option(help="Run this SQL over the dataset views instead.")
    ] = None,
    limit: Annotated[int, typer.Option(help="At most this many events.")] = 100,
    fmt: FormatOpt = Format.table,
) -> None:
    """Query events in the Parquet output in place (DuckDB), as `dyad events` does a store."""
    from dyad.query import list_events
    from dyad.query.parquet import ParquetEvents

    with ParquetEvents(folder) as data:
        if sql:
            frame = data.sql(sql)
            emit(frame.astype(object).where(frame.notna(), None).to_dict("records"), fmt)
            return
        emit_events(list_events(data, where, limit=limit), fmt)


@spark_app.command("group")
def group(
    folder: Annotated[str, typer.Argument(help="Output folder of `dyad spark run`.")],
    out: Annotated[
        str | None, typer.Option("--out", "-o", help="Where to write groups (default FOLDER).")
    ] = None,
    master: MasterOpt = None,
    conf: ConfOpt = None,
) -> None:
    """Group the run's events across articles on Spark: FOLDER/event_groups, group_members."""
    from dyad.spark import spark_session
    from dyad.spark.grouping import group_job

    spark = spark_session(master, conf=_pairs(conf or [], "--conf"))
    report = group_job(spark, folder, out=out)
    err.print(
        f"{plural(report.members, 'event')} in {plural(report.groups, 'group')} "
        f"({report.blocks} blocks, {report.merges} merged) in {report.seconds:.1f} s "
        f"→ {report.out}"
    )


@app.command("load-parquet")
def load_parquet(
    folder: Annotated[str, typer.Argument(help="Output folder of `dyad spark run`.")],
    store: StoreOpt = None,
    batch_size: Annotated[int, typer.Option(help="Articles per transaction.")] = 500,
) -> None:
    """Load a Spark run's Parquet output into the store, then group its new events;
    loading again adds only what is new."""
    from dyad.pipeline import load_spark_output
    from dyad.store import open_store

    path = load_settings(store=store).store
    with open_store(path) as db:
        report, groups = load_spark_output(folder, db, batch_size=batch_size)
    err.print(
        f"{plural(report.articles_read, 'article')} read, {report.articles_new} new, "
        f"{report.articles_known} already stored, {plural(report.events, 'event')}, "
        f"{report.rejected} rejected inputs in {report.seconds:.1f} s, {plural(groups, 'group')} "
        f"updated (run {report.run_id}, store {path})"
    )


def _known_actors(store: str | None) -> list:
    if store is None:
        return []
    from dyad.store import open_store

    with open_store(store, read_only=True) as db:
        return db.actors(limit=100_000)


def _pairs(items: list[str], option: str) -> dict[str, str]:
    pairs = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise SettingsError(f"{option} {item!r}: write KEY=VALUE")
        pairs[key.strip()] = value.strip()
    return pairs
