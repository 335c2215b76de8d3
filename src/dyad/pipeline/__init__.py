"""The pipeline: the only package that knows the order of the stages.

    read_articles ─▶ parse ─▶ find_actors ─▶ find_times ─▶ find_places ─▶ find_quotes
                 ─▶ find_events ─▶ resolve_events ─▶ ArticleResult ─▶ store ─▶ update_groups

`reading` runs the stages on articles (`process_batch`, a pure function of articles and
resources: the same in this process, in a process pool or on Spark); `runs` is an ingest run,
which stores each batch it read and then groups it.
"""

from __future__ import annotations

from dyad.pipeline.reading import (
    PIPELINE_VERSION,
    Resources,
    load_resources,
    process_article,
    process_batch,
    process_text,
    read_doc,
)
from dyad.pipeline.runs import RunReport, ingest_items, load_spark_output, run_ingest

__all__ = [
    "PIPELINE_VERSION",
    "Resources",
    "RunReport",
    "ingest_items",
    "load_resources",
    "load_spark_output",
    "process_article",
    "process_batch",
    "process_text",
    "read_doc",
    "run_ingest",
]
