"""Querying a Spark output in place: moved to `dyad.query.parquet` (the DuckDB back end of
the query layer); kept here for `from dyad.spark.parquet import ParquetEvents`."""

from dyad.query.parquet import ParquetEvents

__all__ = ["ParquetEvents"]
