"""An ingest run: articles in batches, those already stored skipped, each batch read (here or
in worker processes) and committed to the store in one transaction, then grouped.

An ingest run starts with no actor memory of earlier runs: what an article yields depends on
the article and the loaded resources only, never on which run read it or on how the input was
cut into runs.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from dyad.executors import run_in_pool, run_in_process
from dyad.grouping.stored import regroup_all, update_groups
from dyad.ingest import IngestOptions, read_articles
from dyad.model import Article, ArticleResult, Rejected
from dyad.pipeline.reading import PIPELINE_VERSION, Resources, load_resources, process_batch
from dyad.settings import Settings
from dyad.store.loading import LoadReport, load_parquet

if TYPE_CHECKING:
    from dyad.store import Store


@dataclass(slots=True)
class RunReport:
    """What one ingest run did."""

    run_id: str
    articles_read: int = 0
    articles_new: int = 0
    articles_known: int = 0
    rejected: list[Rejected] = field(default_factory=list)
    events: int = 0
    seconds: float = 0.0
    load_seconds: float = 0.0  # of `seconds`, spent loading the model and knowledge files
    stage_seconds: dict[str, float] = field(default_factory=dict)
    rejected_stored: int = 0  # how many of `rejected` are already in the store


def run_ingest(
    paths: Sequence[str | Path],
    store: Store,
    settings: Settings,
    *,
    options: IngestOptions | None = None,
    on_batch: Callable[[RunReport], None] | None = None,
) -> RunReport:
    """Read `paths` into `store`, one transaction per batch; skip articles already stored."""
    items = read_articles(paths, options=options or _options(settings))
    command = "ingest " + " ".join(map(str, paths))
    return ingest_items(items, store, settings, command=command, on_batch=on_batch)


def ingest_items(
    items: Iterable[Article | Rejected],
    store: Store,
    settings: Settings,
    *,
    command: str,
    resources: Resources | None = None,
    on_batch: Callable[[RunReport], None] | None = None,
) -> RunReport:
    """Read already-built articles into `store` as one run (the HTTP API's POST uses it).

    With `resources` given, they are used here; else they load here, or in each of
    `settings.workers` processes.
    """
    started = time.perf_counter()
    regroup_all(store)  # events committed by a run killed before it grouped them
    # No actor memory from the store: seeded with the actors of earlier runs, the same article
    # read names differently depending on where runs were cut (1,439 vs 1,441 events).
    if resources is None and settings.workers <= 1:
        resources = load_resources(settings)
    loaded = time.perf_counter() - started
    version = resources.model_version if resources else settings.model
    run_id = store.start_run(command, pipeline_version=PIPELINE_VERSION, model_version=version)
    report = RunReport(run_id=run_id, load_seconds=loaded)
    results = _read_batches(_new_batches(items, store, report, settings), resources, settings)
    status = "failed"
    try:
        for batch_results in results:
            _commit(store, batch_results, report, version)
            if on_batch:
                on_batch(report)
        status = "finished"
    finally:
        _commit_rejected(store, report, version)
        store.finish_run(
            run_id, status=status, read=report.articles_read, known=report.articles_known
        )
        report.seconds = time.perf_counter() - started
    return report


def load_spark_output(
    folder: str, store: Store, *, batch_size: int = 500
) -> tuple[LoadReport, int]:
    """Add a Spark run's Parquet output to `store`, then group its new events (store, then
    group, as `ingest_items` does); the load report and how many groups changed."""
    report = load_parquet(folder, store, batch_size=batch_size)
    return report, regroup_all(store)


def _read_batches(
    batches: Iterable[list[Article]], resources: Resources | None, settings: Settings
) -> Iterator[list[ArticleResult | Rejected]]:
    """Each batch's results, read here with `resources`, else in `settings.workers`
    processes that load their own."""
    if resources is not None:
        return run_in_process(batches, lambda b: process_batch(b, resources))
    return run_in_pool(
        batches,
        _work_in_worker,
        workers=settings.workers,
        initializer=_init_worker,
        initargs=(settings,),
    )


def _new_batches(
    items: Iterable[Article | Rejected], store: Store, report: RunReport, settings: Settings
) -> Iterator[list[Article]]:
    """Batches of articles not yet stored; rejected inputs are collected in the report."""
    batch: list[Article] = []
    for item in items:
        if isinstance(item, Rejected):
            report.rejected.append(item)
            report.articles_read += 1
            continue
        batch.append(item)
        if len(batch) >= settings.batch_size:
            yield from _unknown(batch, store, report)
            batch = []
    if batch:
        yield from _unknown(batch, store, report)


def _unknown(batch: list[Article], store: Store, report: RunReport) -> Iterator[list[Article]]:
    known = store.known_articles(a.id for a in batch)
    seen: set[str] = set()
    fresh = []
    for article in batch:
        if article.id in known or article.id in seen:
            report.articles_known += 1
            report.articles_read += 1
        else:
            seen.add(article.id)
            fresh.append(article)
    if fresh:
        yield fresh


def _commit(
    store: Store, results: list[ArticleResult | Rejected], report: RunReport, version: str
) -> None:
    done = [r for r in results if isinstance(r, ArticleResult)]
    report.rejected.extend(r for r in results if isinstance(r, Rejected))
    stats = store.add_batch(
        done,
        report.rejected[report.rejected_stored :],
        run_id=report.run_id,
        pipeline_version=PIPELINE_VERSION,
        model_version=version,
    )
    report.rejected_stored = len(report.rejected)
    if done:
        update_groups(store, [r.article.id for r in done])
    report.articles_read += len(results)
    report.articles_new += stats.articles_new
    report.articles_known += stats.articles_known
    report.events += stats.events
    for result in done:
        for stage, seconds in result.timings.items():
            report.stage_seconds[stage] = report.stage_seconds.get(stage, 0.0) + seconds


def _commit_rejected(store: Store, report: RunReport, version: str) -> None:
    """Store rejected inputs read after the last batch (a folder of only bad files, say)."""
    if report.rejected_stored < len(report.rejected):
        _commit(store, [], report, version)


def _options(settings: Settings) -> IngestOptions:
    return IngestOptions(max_chars=settings.max_chars, min_chars=settings.min_chars)


_WORKER: list[Resources] = []  # this worker process's resources, loaded by `_init_worker`


def _init_worker(settings: Settings) -> None:
    _WORKER.append(load_resources(settings))


def _work_in_worker(batch: list[Article]) -> list[ArticleResult | Rejected]:
    return process_batch(batch, _WORKER[0])
