"""The Spark job: files in any path Spark reads, Parquet datasets out.

    inputs ──find_inputs──▶ folders (known formats, recursively) · files · missing paths
      ──binaryFile──▶ (path, bytes) ──read_files──▶ items: article or rejection per record
      ──repartition by article id, sorted──▶ process_items (pipeline, resources per worker)
      ──▶ RESULT rows (persisted) ──▶ one Parquet dataset per table, by publication date

Parsing is Dyad's own ingest, run on each file's bytes; processing is `process_batch`, so a
Spark run gives the same articles and events as a local one. A bad input becomes a row of
`rejected`: a missing path, a file too large to read in one piece, a file Spark cannot open,
a record ingest rejects, an article the pipeline fails on. None of them fails the job.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING

from dyad.errors import SettingsError
from dyad.ingest import FORMATS, IngestOptions
from dyad.model import Actor
from dyad.settings import Settings
from dyad.spark.schema import DATASETS, PARTITION, RESULT
from dyad.spark.session import Inputs, find_inputs, path_exists
from dyad.spark.worker import ITEMS, WorkerJob, process_items, read_files

if TYPE_CHECKING:
    from pyspark.sql import Column, DataFrame, SparkSession

log = logging.getLogger(__name__)
MODES = ("error", "overwrite", "append")


@dataclass(frozen=True, slots=True)
class SparkOptions:
    """How a Spark run reads its inputs and writes its output."""

    partitions: int | None = None
    """Partitions the articles are spread over; default 4 per core of the cluster."""
    mode: str = "error"
    """When the output folder already holds datasets: error, overwrite, or append."""
    max_file_bytes: int = 256 * 1024 * 1024
    """Larger files are rejected unread (split big JSONL/CSV files into smaller ones)."""
    ingest: IngestOptions = field(default_factory=IngestOptions)
    """How records are read, as for `dyad ingest` (field map, length limits, publisher)."""

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise SettingsError(f"mode {self.mode!r}: use one of {', '.join(MODES)}")
        if self.partitions is not None and self.partitions < 1:
            raise SettingsError(f"partitions={self.partitions}: give a whole number above 0")


@dataclass(frozen=True, slots=True)
class JobReport:
    """What one Spark run read and wrote."""

    out: str
    files: int
    articles: int
    events: int
    rejected: int
    duplicates: int  # records whose article id an earlier record already had
    seconds: float


def run_job(
    spark: SparkSession,
    inputs: Sequence[str],
    out: str,
    *,
    settings: Settings,
    options: SparkOptions | None = None,
    known_actors: Sequence[Actor] = (),
) -> JobReport:
    """Read `inputs` with Dyad on Spark and write the Parquet datasets under `out`.

    `known_actors` seeds the actor memory as a store's actors do for `dyad ingest`; leave it
    empty to read as into a fresh store.
    """
    from dyad.pipeline import PIPELINE_VERSION

    options = options or SparkOptions()
    started = time.perf_counter()
    _check_out(spark, out, options.mode)
    _ship_files(spark, settings)
    found = find_inputs(spark, inputs)
    read = _read(spark, found, options).persist()
    items = _items(spark, found, options, read)
    job = WorkerJob(settings, tuple(known_actors), PIPELINE_VERSION)
    results = _process(items, job, options.partitions or 4 * spark.sparkContext.defaultParallelism)
    results = results.persist()
    for name in DATASETS:
        _write(dataset(results, name), f"{out.rstrip('/')}/{name}", options.mode, name)
    report = _report(out, found, items, results, started)
    results.unpersist()
    read.unpersist()
    return report


def dataset(results: DataFrame, name: str) -> DataFrame:
    """One dataset's rows, from the RESULT rows of a run."""
    from pyspark.sql import functions as F

    if name == "articles":
        return results.where(F.col("article").isNotNull()).select(PARTITION, "article.*")
    if name == "rejected":
        return results.where(F.col("rejected").isNotNull()).select("rejected.*")
    rows = results.select(PARTITION, F.explode(name).alias("row"))
    return rows.select(PARTITION, "row.*")


def spark_schema(schema: object) -> object:
    """A pyarrow schema as a Spark StructType."""
    from pyspark.sql.pandas.types import from_arrow_schema

    return from_arrow_schema(schema)


def _read(spark: SparkSession, found: Inputs, options: SparkOptions) -> DataFrame:
    """ITEMS rows of the records in every input file small enough to read."""
    from pyspark.sql import functions as F

    small = _listing(spark, found).where(F.col("length") <= options.max_file_bytes)
    return small.select("path", "content").mapInArrow(  # the length filter is pushed down
        partial(read_files, options=options.ingest), spark_schema(ITEMS)
    )


def _items(spark: SparkSession, found: Inputs, options: SparkOptions, read: DataFrame) -> DataFrame:
    """Every record of every input as an ITEMS row (`read`), and rejections of the inputs
    that could not be read: missing, too large, or not opened by Spark."""
    from pyspark.sql import functions as F

    listing = _listing(spark, found).select("path", "length")  # lists, never opens, files
    small = listing.where(F.col("length") <= options.max_file_bytes)
    unopened = small.select("path").join(read.select("path"), "path", "left_anti")
    large = listing.where(F.col("length") > options.max_file_bytes).select("path", "length")
    missing = [
        (r.origin, 0, None, None, (r.origin, r.reason, r.message, None)) for r in found.missing
    ]
    return (
        read.unionByName(_rejections(unopened, "unreadable", _unopened_message()))
        .unionByName(_rejections(large, "too-large", _large_message(options.max_file_bytes)))
        .unionByName(spark.createDataFrame(missing, spark_schema(ITEMS)))  # type: ignore[arg-type]  # a StructType
    )


def _listing(spark: SparkSession, found: Inputs) -> DataFrame:
    """binaryFile rows of the input files: folders walked for known formats, files as named."""
    reader = (
        spark.read.format("binaryFile")
        .option("ignoreMissingFiles", "true")  # a file that vanished or cannot be opened
        .option("ignoreCorruptFiles", "true")  # becomes an "unreadable" rejection instead
    )
    frames = []
    if found.folders:
        walk = reader.option("recursiveFileLookup", "true").option("pathGlobFilter", _glob())
        frames.append(walk.load(list(found.folders)))
    if found.files:
        frames.append(reader.load(list(found.files)))
    if not frames:
        return spark.createDataFrame([], "path string, length long, content binary")
    listing = frames[0] if len(frames) == 1 else frames[0].unionByName(frames[1])
    return listing.select("path", "length", "content")


def _process(items: DataFrame, job: WorkerJob, partitions: int) -> DataFrame:
    return (
        items.repartition(partitions, "id")
        .sortWithinPartitions("id", "path", "index")
        .mapInArrow(partial(process_items, job=job), spark_schema(RESULT))
    )


def _rejections(paths: DataFrame, reason: str, message: Column) -> DataFrame:
    """ITEMS rows rejecting each of `paths` (a DataFrame with a `path` column) for `reason`."""
    from pyspark.sql import functions as F

    origin = F.regexp_replace("path", "^file:", "")
    rejected = F.struct(
        origin.alias("origin"), F.lit(reason).alias("reason"), message.alias("message"),
        F.lit(None).cast("string").alias("article_id"),
    )  # fmt: skip
    return paths.select(
        "path", F.lit(0).alias("index"), F.lit(None).cast("string").alias("id"),
        F.lit(None).cast(spark_schema(ITEMS)["article"].dataType).alias("article"),  # type: ignore[index]  # a StructType
        rejected.alias("rejected"),
    )  # fmt: skip


def _unopened_message() -> Column:
    from pyspark.sql import functions as F

    return F.concat(
        F.regexp_replace("path", "^file:", ""),
        F.lit(": cannot be read (Spark could not open it); check that it exists and that the"
              " job may read it"),
    )  # fmt: skip


def _large_message(limit: int) -> Column:
    from pyspark.sql import functions as F

    return F.concat(
        F.regexp_replace("path", "^file:", ""), F.lit(": the file has "),
        F.col("length").cast("string"),
        F.lit(f" bytes, more than max_file_bytes={limit} that a Spark run reads in one piece;"
              " split it into smaller files, or raise max_file_bytes"),
    )  # fmt: skip


def _write(frame: DataFrame, path: str, mode: str, name: str) -> None:
    spark_mode = "errorifexists" if mode == "error" else mode
    if name == "rejected":
        frame.coalesce(1).write.mode(spark_mode).parquet(path)
        return
    # one file per publication date and dataset, not one per task and date
    frame.repartition(PARTITION).write.mode(spark_mode).partitionBy(PARTITION).parquet(path)


def _report(
    out: str, found: Inputs, items: DataFrame, results: DataFrame, started: float
) -> JobReport:
    from pyspark.sql import functions as F

    counts = results.agg(
        F.count("article").alias("articles"),
        F.coalesce(F.sum("article.events"), F.lit(0)).alias("events"),
        F.count("rejected").alias("rejected"),
        F.count(F.when(F.col("rejected.reason") == "processing-error", 1)).alias("failed"),
    ).first()
    stats = items.agg(
        F.count("article").alias("records"), F.countDistinct("path").alias("files")
    ).first()
    assert counts is not None and stats is not None  # an aggregate always has one row
    return JobReport(
        out=out,
        files=int(stats["files"]) - len(found.missing),
        articles=int(counts["articles"]),
        events=int(counts["events"]),
        rejected=int(counts["rejected"]),
        duplicates=int(stats["records"]) - int(counts["articles"]) - int(counts["failed"]),
        seconds=time.perf_counter() - started,
    )


def _check_out(spark: SparkSession, out: str, mode: str) -> None:
    taken = [name for name in DATASETS if path_exists(spark, f"{out.rstrip('/')}/{name}")]
    if taken and mode == "error":
        raise SettingsError(
            f"{out} already holds Dyad datasets ({', '.join(taken)}); choose another --out, "
            "or pass --mode overwrite (replace them) or --mode append (add to them)"
        )


def _ship_files(spark: SparkSession, settings: Settings) -> None:
    """Send the knowledge files the settings name to every executor (see worker._shipped)."""
    for path in (*settings.actors, *([settings.codebook] if settings.codebook else [])):
        spark.sparkContext.addFile(path)


def _glob() -> str:
    """A Hadoop glob of the file names ingest reads in folders (any case, optionally .gz)."""
    endings = sorted({ending.lstrip(".") for ending in FORMATS})
    anycase = [
        "".join(f"[{c.lower()}{c.upper()}]" if c.isalpha() else c for c in e) for e in endings
    ]
    names = [f"{e}{gz}" for e in anycase for gz in ("", ".[gG][zZ]")]
    return "*.{" + ",".join(names) + "}"
