"""What runs inside Spark's Python workers: reading files, and reading articles.

    (path, bytes) ──read_files──▶ items: an article or a rejection per record, as ingest reads it
    items ──process_items──▶ RESULT rows (`dyad.spark.schema`): the pipeline's answer per article

Both are `mapInArrow` functions: Arrow record batches in, Arrow record batches out. The model
and knowledge files load once per Python worker process (`_RESOURCES`) and serve every task
that process runs, since Spark reuses its Python workers between tasks.
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
import pickle
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, fields, replace
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pyarrow as pa

from dyad.ingest import IngestOptions
from dyad.model import Actor, Article, ArticleResult, Rejected
from dyad.settings import Settings
from dyad.spark.schema import RESULT, SCHEMAS, rejected_row, result_row

if TYPE_CHECKING:
    from dyad.pipeline import Resources

log = logging.getLogger(__name__)

# An item's article and rejection: the model's fields, typed as the datasets type them.
ARTICLE = pa.struct([SCHEMAS["articles"].field(f.name) for f in fields(Article)])
REJECTION = pa.struct([SCHEMAS["rejected"].field(f.name) for f in fields(Rejected)])
ITEMS = pa.schema(
    [
        ("input", pa.int32()),
        ("path", pa.string()),
        ("index", pa.int32()),
        ("id", pa.string()),
        ("article", ARTICLE),
        ("rejected", REJECTION),
    ]
)
"""One row per record read from a file: `article` or `rejected` is set; `input` is the
position of the input path it was found under, `index` orders the records of one file; `id`
is the article id (or the rejected record's own id, if any)."""


@dataclass(frozen=True, slots=True)
class WorkerJob:
    """What a worker needs to read articles: settings and known actors."""

    settings: Settings
    known_actors: tuple[Actor, ...] = ()

    def key(self) -> str:
        """Identifies the resources this job needs, so a worker loads them once."""
        settings = replace(self.settings, sources={})
        digest = hashlib.sha256(pickle.dumps((settings, self.known_actors)))
        return digest.hexdigest()[:16]


_RESOURCES: dict[str, Resources] = {}  # this worker process's loaded resources, by job key


def resources_for(job: WorkerJob) -> Resources:
    """The resources of `job`, loaded on the first call in this process."""
    key = job.key()
    if key not in _RESOURCES:
        from dyad.pipeline import load_resources  # the model loads only where articles are read

        log.info("loading resources in worker process %d", os.getpid())
        settings = replace(job.settings, actors=tuple(map(_shipped, job.settings.actors)))
        if settings.codebook:
            settings = replace(settings, codebook=_shipped(settings.codebook))
        _RESOURCES.clear()  # one job's resources at a time: they are large
        _RESOURCES[key] = load_resources(settings, known_actors=job.known_actors)
    return _RESOURCES[key]


def local_origin(path: str) -> str:
    """A file's origin as ingest names it: local files by their path, others by their URI."""
    parts = urlsplit(path)
    if parts.scheme == "file":
        return parts.path
    return path


def read_bytes(path: str, content: bytes, options: IngestOptions) -> Iterator[Article | Rejected]:
    """The records in one file's bytes, read by Dyad's own ingest readers."""
    # Ingest's own stream reader, so parsing rules are the same as `dyad ingest`.
    from dyad.ingest import read_stream

    origin = local_origin(path)
    name = os.path.basename(urlsplit(path).path)
    yield from read_stream(io.BytesIO(content), origin, name=name, options=options)


def read_files(
    batches: Iterable[pa.RecordBatch], options: IngestOptions
) -> Iterator[pa.RecordBatch]:
    """`mapInArrow` function: binaryFile rows (input, path, content) to `ITEMS` rows."""
    for batch in batches:
        columns = [batch.column(c).to_pylist() for c in ("input", "path", "content")]
        files = zip(*columns, strict=True)
        rows = [
            {"input": position, **_item_row(path, index, item)}
            for position, path, content in files
            for index, item in enumerate(_read_file(path, content or b"", options))
        ]
        yield pa.RecordBatch.from_pylist(rows, schema=ITEMS)


def _read_file(path: str, content: bytes, options: IngestOptions) -> list[Article | Rejected]:
    try:
        return list(read_bytes(path, content, options))
    except Exception as exc:  # a reader's bug must not stop the job: reject the file, go on
        log.exception("reading %s failed", path)
        origin = local_origin(path)
        message = (
            f"{origin}: could not be read ({type(exc).__name__}: {exc}); the rest of the run "
            "went on; please report this with the file"
        )
        return [Rejected(origin, "read-error", message)]


def process_items(batches: Iterable[pa.RecordBatch], job: WorkerJob) -> Iterator[pa.RecordBatch]:
    """`mapInArrow` function: `ITEMS` rows, sorted by id within the partition, to `RESULT` rows.

    Of several records with the same article id (the same article in two files), only the
    first in input order is read, as a local run reads only the first.
    """
    from dyad.pipeline import PIPELINE_VERSION

    pending: list[Article] = []
    last_id: str | None = None
    for batch in batches:
        rows: list[dict] = []
        for item in batch.to_pylist():
            if item["rejected"] is not None:
                rows.append(rejected_row(_rejection(item), pipeline_version=PIPELINE_VERSION))
            elif item["id"] != last_id:
                last_id = item["id"]
                pending.append(_article(item["article"]))
            if len(pending) >= job.settings.batch_size:
                rows += _read(pending, job)
                pending = []
        if rows:
            yield pa.RecordBatch.from_pylist(rows, schema=RESULT)
    if pending:
        yield pa.RecordBatch.from_pylist(_read(pending, job), schema=RESULT)


def _read(articles: Sequence[Article], job: WorkerJob) -> list[dict]:
    from dyad.pipeline import PIPELINE_VERSION, process_batch

    resources = resources_for(job)
    rows = []
    for result in process_batch(articles, resources):
        if isinstance(result, ArticleResult):
            rows.append(
                result_row(
                    result,
                    pipeline_version=PIPELINE_VERSION,
                    model_version=resources.model_version,
                )
            )
        else:
            rows.append(rejected_row(result, pipeline_version=PIPELINE_VERSION))
    return rows


def _item_row(path: str, index: int, item: Article | Rejected) -> dict:
    if isinstance(item, Rejected):
        rejected = {
            "origin": item.origin,
            "reason": item.reason,
            "message": item.message,
            "article_id": item.article_id,
        }
        return {
            "path": path,
            "index": index,
            "id": item.article_id,
            "article": None,
            "rejected": rejected,
        }
    article = {
        "id": item.id,
        "text": item.text,
        "date": item.date,
        "source": item.source,
        "title": item.title,
        "url": item.url,
        "origin": item.origin,
        "notes": list(item.notes),
    }
    return {"path": path, "index": index, "id": item.id, "article": article, "rejected": None}


def _article(values: dict) -> Article:
    return Article(**{**values, "notes": tuple(values["notes"] or ())})


def _rejection(item: dict) -> Rejected:
    return Rejected(**item["rejected"])


def _shipped(path: str) -> str:
    """A knowledge file named in the settings: here if it exists, else as shipped with the job
    (`SparkContext.addFile`, done by `dyad.spark.job` for every file the settings name)."""
    if os.path.exists(path):
        return path
    from pyspark import SparkFiles

    return SparkFiles.get(os.path.basename(path))
