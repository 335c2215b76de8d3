"""Bringing a Spark run home: its Parquet datasets into the embedded store.

Each article's full result is kept in the `result` column of the `articles` dataset, so
loading rebuilds the `ArticleResult` values and hands them to `Store.add_batch`, the same
writer `dyad ingest` uses. Loading is idempotent and incremental: articles already in the
store are skipped before their results are decoded, so loading a growing output folder again
adds only what is new.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from dyad.errors import InputError
from dyad.model import ArticleResult, Rejected, from_dict
from dyad.store import Store

COLUMNS = (
    "id",
    "date",
    "source",
    "title",
    "url",
    "origin",
    "text",
    "notes",
    "result",
    "pipeline_version",
    "model_version",
)


_UNKNOWN = "unknown"  # version stamp of a load that found no articles


@dataclass(slots=True)
class LoadReport:
    """What one load added."""

    run_id: str = ""
    articles_read: int = 0
    articles_new: int = 0
    articles_known: int = 0
    events: int = 0
    rejected: int = 0
    seconds: float = 0.0


def load_parquet(
    folder: str,
    store: Store,
    *,
    batch_size: int = 500,
    on_batch: Callable[[LoadReport], None] | None = None,
) -> LoadReport:
    """Add the articles, events, actors, quotes and rejections of a Spark output to `store`.

    `folder` is a local path or a URI pyarrow reads (s3://…); each batch of `batch_size`
    articles is one transaction, so a load killed half-way resumes where it stopped.
    """
    started = time.perf_counter()
    report = LoadReport()
    rejected = read_rejected(folder)
    for rows in _article_batches(folder, batch_size):
        _add(store, rows, rejected, report, folder)
        rejected = []
        if on_batch:
            on_batch(report)
    if rejected or not report.run_id:
        _add(store, [], rejected, report, folder)
    store.finish_run(report.run_id, read=report.articles_read, known=report.articles_known)
    report.seconds = time.perf_counter() - started
    return report


def article_result(row: dict[str, Any]) -> ArticleResult:
    """The `ArticleResult` of one row of the `articles` dataset."""
    body = json.loads(row["result"])
    body["article"] = {
        "id": row["id"],
        "text": row["text"],
        "date": row["date"].isoformat() if row["date"] else None,
        "source": row["source"],
        "title": row["title"],
        "url": row["url"],
        "origin": row["origin"],
        "notes": row["notes"] or [],
    }
    return from_dict(ArticleResult, body)


def read_rejected(folder: str) -> list[Rejected]:
    """The rejected inputs of a Spark output."""
    table = _dataset(folder, "rejected")
    if table is None:
        return []
    columns = ["origin", "reason", "message", "article_id"]
    return [Rejected(**row) for row in table.to_table(columns=columns).to_pylist()]


def _add(
    store: Store,
    rows: list[dict[str, Any]],
    rejected: list[Rejected],
    report: LoadReport,
    folder: str,
) -> None:
    """Add one batch: rows of articles not yet stored, each under its own version stamp."""
    known = store.known_articles(r["id"] for r in rows)
    fresh: dict[str, dict[str, Any]] = {}
    for row in rows:  # an output written in append mode may hold an article twice
        if row["id"] not in known:
            fresh.setdefault(row["id"], row)
    by_version: dict[tuple[str, str | None], list[ArticleResult]] = {}
    for row in fresh.values():
        key = (row["pipeline_version"], row["model_version"])
        by_version.setdefault(key, []).append(article_result(row))
    if not report.run_id:
        first = next(iter(by_version), (_UNKNOWN, None))
        report.run_id = store.start_run(
            f"load-parquet {folder}", pipeline_version=first[0], model_version=first[1]
        )
    for (pipeline_version, model_version), results in by_version.items() or [
        ((_UNKNOWN, None), [])
    ]:
        stats = store.add_batch(
            results,
            rejected,
            run_id=report.run_id,
            pipeline_version=pipeline_version,
            model_version=model_version,
        )
        rejected = []
        report.articles_new += stats.articles_new
        report.events += stats.events
        report.rejected += stats.rejected
    report.articles_read += len(rows)
    report.articles_known = report.articles_read - report.articles_new


def _article_batches(folder: str, batch_size: int) -> Iterator[list[dict[str, Any]]]:
    dataset = _dataset(folder, "articles")
    if dataset is None:
        return
    for batch in dataset.to_batches(columns=list(COLUMNS), batch_size=batch_size):
        if batch.num_rows:
            yield batch.to_pylist()


def _dataset(folder: str, name: str) -> Any:
    """The pyarrow dataset `name` under `folder`, or None when the run wrote no rows there."""
    import pyarrow.dataset as ds

    partitioning = None if name == "rejected" else ds.partitioning(flavor="hive")
    path = f"{folder.rstrip('/')}/{name}"
    try:
        dataset = ds.dataset(path, format="parquet", partitioning=partitioning)
    except FileNotFoundError as exc:
        raise InputError(f"{path}: not found; give the --out folder of a `dyad spark run`") from exc
    return dataset if dataset.files else None
