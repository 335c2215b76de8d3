"""Dyad on Apache Spark: the per-article pipeline over any path Spark reads, Parquet out.

    dyad spark run INPUT --out DIR ──run_job──▶ DIR/{articles,events,event_mentions,actors,
        quotes,rejected}/published=YYYY-MM-DD/*.parquet
    DIR ──load_parquet──▶ the embedded store (idempotent, incremental)
    DIR ──parquet_events / parquet_sql (DuckDB)──▶ DataFrames, for datasets too big to load

Layer 3, beside `dyad.pipeline`. Importing this package does not import PySpark: the
functions that need it import it when called. See docs/spark.md.
"""

from __future__ import annotations

from dyad.spark.job import JobReport, SparkOptions, dataset, run_job
from dyad.spark.schema import DATASETS, PARTITION, SCHEMAS
from dyad.spark.session import spark_session

__all__ = [
    "DATASETS",
    "PARTITION",
    "SCHEMAS",
    "JobReport",
    "SparkOptions",
    "dataset",
    "run_job",
    "spark_session",
]
