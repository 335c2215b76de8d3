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
from dyad.model import Actor, Rejected
from dyad.settings import Settings
from dyad.spark.schema import DATASETS, PARTITION, RESULT
from dyad.spark.session import Inputs, file_size, find_inputs, path_exists
from dyad.spark.worker import ITEMS, WorkerJob, local_origin, process_items, read_bytes, read_files

if TYPE_CHECKING:
    import pyarrow as pa
    from pyspark.sql import DataFrame, SparkSession
    from pyspark.sql.types import StructType

log = logging.getLogger(__name__)
MODES = ("error", "overwrite", "append")
ARTICLES_PER_TASK = 50  # a few tens of seconds of work per task on one core
MAX_PARTITIONS = 100_000
MAX_ROWS_PER_FILE = 100_000  # a busy publication date is split into several files


@dataclass(frozen=True, slots=True)
class SparkOptions:
    """How a Spark run reads its inputs and writes its output."""

    partitions: int | None = None
    """Partitions the articles are spread over; default about one per `ARTICLES_PER_TASK`
    articles, and at least two per core of the cluster."""
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
    files: int  # files listed under the inputs (folders: known formats only)
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

    `known_actors` seeds the actor memory (`dyad ingest` uses none); leave it empty to read as
    `dyad ingest` does.
    """
    options = options or SparkOptions()
    started = time.perf_counter()
    _check_out(spark, out, options.mode)
    _ship_files(spark, settings)
    found = find_inputs(spark, inputs)
    listing = _listing(spark, found)  # lists the files once
    read = _read(listing, options).persist()
    listed = [_uri(f) for f in listing.inputFiles()]
    items = _items(spark, listed, found, options, read)
    job = WorkerJob(settings, tuple(known_actors))
    partitions = options.partitions or _partitions(spark, read)
    results = _process(items, job, partitions)
    # whole publication dates per partition: one file per date and dataset, one shuffle
    writers = min(partitions, 4 * spark.sparkContext.defaultParallelism)
    results = results.repartition(writers, PARTITION).persist()
    for name in DATASETS:
        _write(dataset(results, name), f"{out.rstrip('/')}/{name}", options.mode, name)
    report = _report(out, len(listed), read, results, started)
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


def spark_schema(schema: pa.Schema) -> StructType:
    """A pyarrow schema as a Spark StructType."""
    from pyspark.sql.pandas.types import from_arrow_schema

    return from_arrow_schema(schema)


def _read(listing: DataFrame, options: SparkOptions) -> DataFrame:
    """ITEMS rows of the records in every input file small enough to read."""
    from pyspark.sql import functions as F

    small = listing.where(F.col("length") <= options.max_file_bytes)
    return small.select("input", "path", "content").mapInArrow(  # length filter: pushed down
        partial(read_files, options=options.ingest), spark_schema(ITEMS)
    )


def _items(
    spark: SparkSession,
    listed: list[str],
    found: Inputs,
    options: SparkOptions,
    read: DataFrame,
) -> DataFrame:
    """Every record of every input (`read`), and rejections of the inputs Spark listed but
    did not read (empty, too large, or not opened) or could not find."""
    from pyspark.sql import functions as F

    files = spark.createDataFrame([(f,) for f in listed], "path string")
    unread = files.join(read.select("path").distinct(), "path", "left_anti").collect()
    rejected = [*found.missing, *(_unread(spark, r.path, options) for r in sorted(unread))]
    rows = [(-1, r.origin, 0, r.article_id, None, _fields(r)) for r in rejected]
    frame = spark.createDataFrame(rows, spark_schema(ITEMS))
    return read.unionByName(frame.withColumn("input", F.col("input").cast("int")))


def _unread(spark: SparkSession, path: str, options: SparkOptions) -> Rejected:
    """Why a listed file gave no record: empty (Spark skips empty files), too large, or
    not opened (gone, or not readable by the job)."""
    size = file_size(spark, path)
    origin = local_origin(path)
    if size == 0:
        empty = next(read_bytes(path, b"", options.ingest))  # ingest's own rejection
        assert isinstance(empty, Rejected)  # empty input is never an article
        return empty
    if size is not None and size > options.max_file_bytes:
        return Rejected(
            origin,
            "too-large",
            f"{origin}: the file has {size:,} bytes, more than max_file_bytes="
            f"{options.max_file_bytes:,} that a Spark run reads in one piece; split it into "
            "smaller files, or raise max_file_bytes",
        )
    return Rejected(
        origin,
        "unreadable",
        f"{origin}: cannot be read (Spark could not open it); check that it exists and that "
        "the job may read it",
    )


def _fields(item: Rejected) -> tuple[str, str, str, str | None]:
    return (item.origin, item.reason, item.message, item.article_id)


def _uri(path: str) -> str:
    """A listed file's URI as binaryFile rows spell it ("file:/x", not "file:///x")."""
    return "file:/" + path.removeprefix("file:///") if path.startswith("file:///") else path


def _listing(spark: SparkSession, found: Inputs) -> DataFrame:
    """binaryFile rows of the input files: folders walked for known formats, files as named."""
    from pyspark.sql import functions as F

    reader = (
        spark.read.format("binaryFile")
        .option("ignoreMissingFiles", "true")  # a file that vanished or cannot be opened
        .option("ignoreCorruptFiles", "true")  # becomes an "unreadable" rejection instead
    )
    frames = []
    if found.folders:
        walk = reader.option("recursiveFileLookup", "true").option("pathGlobFilter", _glob())
        folders = spark.createDataFrame(list(found.folders), "folder string, input int")
        under = F.startswith(F.col("path"), F.concat(F.col("folder"), F.lit("/")))
        frames.append(walk.load([f for f, _ in found.folders]).join(F.broadcast(folders), under))
    if found.files:
        files = spark.createDataFrame(list(found.files), "path string, input int")
        frames.append(reader.load([f for f, _ in found.files]).join(F.broadcast(files), "path"))
    if not frames:
        return spark.createDataFrame([], "input int, path string, length long, content binary")
    columns = ("input", "path", "length", "content")
    listing = frames[0].select(*columns)
    return listing.unionByName(frames[1].select(*columns)) if len(frames) > 1 else listing


def _partitions(spark: SparkSession, read: DataFrame) -> int:
    """Enough partitions that the last ones do not leave cores idle for long, and few enough
    that each task's fixed cost stays small; a whole number of waves, one task per core."""
    records = read.count()  # cached: no file is read again
    cores = spark.sparkContext.defaultParallelism
    tasks = max(2 * cores, -(-records // ARTICLES_PER_TASK))
    return min(-(-tasks // cores) * cores, MAX_PARTITIONS)


def _process(items: DataFrame, job: WorkerJob, partitions: int) -> DataFrame:
    return (
        items.repartition(partitions, "id")
        .sortWithinPartitions("id", "input", "path", "index")
        .mapInArrow(partial(process_items, job=job), spark_schema(RESULT))
    )


def _write(frame: DataFrame, path: str, mode: str, name: str) -> None:
    spark_mode = "errorifexists" if mode == "error" else mode
    if name == "rejected":
        frame.coalesce(1).write.mode(spark_mode).parquet(path)
        return
    writer = frame.write.mode(spark_mode).option("maxRecordsPerFile", MAX_ROWS_PER_FILE)
    writer.partitionBy(PARTITION).parquet(path)


def _report(out: str, files: int, read: DataFrame, results: DataFrame, started: float) -> JobReport:
    from pyspark.sql import functions as F

    counts = results.agg(
        F.count("article").alias("articles"),
        F.coalesce(F.sum("article.events"), F.lit(0)).alias("events"),
        F.count("rejected").alias("rejected"),
        F.count(F.when(F.col("rejected.reason") == "processing-error", 1)).alias("failed"),
    ).first()
    records = read.where(F.col("article").isNotNull()).count()
    assert counts is not None  # an aggregate always has one row
    return JobReport(
        out=out,
        files=files,
        articles=int(counts["articles"]),
        events=int(counts["events"]),
        rejected=int(counts["rejected"]),
        duplicates=records - int(counts["articles"]) - int(counts["failed"]),
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
