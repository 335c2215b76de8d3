"""Starting a Spark session for Dyad, and the Hadoop file system calls the job needs."""

from __future__ import annotations

import importlib.util
import os
import shutil
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from dyad.errors import SettingsError
from dyad.model import Rejected

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

LOCAL_DEFAULTS: dict[str, str] = {
    "spark.ui.showConsoleProgress": "false",
    "spark.sql.session.timeZone": "UTC",
    # The driver JVM is the executor too. Its optimising JIT compiler and parallel garbage
    # collector took as much CPU as the Python workers' reading of 100 articles; the quick
    # compiler alone and the serial collector halve the JVM's CPU (bench/bench_spark.py).
    "spark.driver.extraJavaOptions": "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC",
}
"""Settings for local masters (`local[N]`); a cluster's own spark-defaults.conf wins there.
Settings given with `conf` win over these."""


def spark_session(
    master: str | None = None,
    *,
    app_name: str = "dyad",
    conf: Mapping[str, str] | None = None,
) -> SparkSession:
    """The active Spark session, or a new one on `master` ("local[2]", "yarn", "spark://…").

    Without `master`, the session spark-submit (or the notebook) configured is used. For a
    local master, Python workers run this interpreter unless PYSPARK_PYTHON says otherwise.
    """
    _check_installed(master)
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName(app_name)
    if master:
        builder = builder.master(master)
    if master and master.startswith("local"):
        for key, value in LOCAL_DEFAULTS.items():
            builder = builder.config(key, value)
        # Dyad's own shuffles name their partitions; the rest (counts, a distinct, a join of
        # file names) are small: 200 partitions of them would be 200 tasks each.
        builder = builder.config("spark.sql.shuffle.partitions", str(2 * _local_cores(master)))
        # PySpark starts local workers with $PYSPARK_PYTHON, else the first `python3` on the
        # PATH (the `spark.pyspark.python` setting does not reach pythonExec): that may be
        # another interpreter, without Dyad installed.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    for key, value in (conf or {}).items():
        builder = builder.config(key, value)
    return builder.getOrCreate()


def _local_cores(master: str) -> int:
    """The cores of a local master: "local" 1, "local[4]" 4, "local[*]" all of them."""
    inside = master.partition("[")[2].partition("]")[0].split(",")[0]
    if inside.isdigit():
        return int(inside)
    return (os.cpu_count() or 1) if inside == "*" else 1


def _check_installed(master: str | None) -> None:
    if importlib.util.find_spec("pyspark") is None:
        raise SettingsError("PySpark is not installed: pip install 'dyad[spark]'")
    local = master is None or master.startswith("local")
    if local and not (os.environ.get("JAVA_HOME") or shutil.which("java")):
        raise SettingsError(
            "Spark needs Java 17 and none was found: install it (Debian: apt-get install "
            "openjdk-17-jre-headless, or bash scripts/system-packages.sh) or set JAVA_HOME"
        )


@dataclass(frozen=True, slots=True)
class Inputs:
    """The inputs of a run as Spark sees them: folders and files (each with its position in
    the list of inputs, which decides which of two copies of an article is kept), and paths
    that do not exist."""

    folders: tuple[tuple[str, int], ...]
    files: tuple[tuple[str, int], ...]
    missing: tuple[Rejected, ...]


def find_inputs(spark: SparkSession, paths: Sequence[str]) -> Inputs:
    """Sort `paths` (any Hadoop path or glob: local, hdfs://, s3a://) into folders and files."""
    folders: list[tuple[str, int]] = []
    files: list[tuple[str, int]] = []
    missing: list[Rejected] = []
    for position, raw in enumerate(paths):
        statuses = _glob(spark, raw) if raw.strip() else []
        if not statuses:
            missing.append(_not_found(raw))
        for status in statuses:
            name = str(status.getPath().toString())
            (folders if status.isDirectory() else files).append((name, position))
    return Inputs(tuple(folders), tuple(files), tuple(missing))


def path_exists(spark: SparkSession, path: str) -> bool:
    """Whether `path` exists on its file system."""
    fs, hadoop_path = _hadoop(spark, path)
    return bool(fs.exists(hadoop_path))


def file_size(spark: SparkSession, path: str) -> int | None:
    """The size of file `path` in bytes, or None when it does not exist."""
    fs, hadoop_path = _hadoop(spark, path)
    return int(fs.getFileStatus(hadoop_path).getLen()) if fs.exists(hadoop_path) else None


def _glob(spark: SparkSession, raw: str) -> list[Any]:
    fs, hadoop_path = _hadoop(spark, raw)
    found = fs.globStatus(hadoop_path)
    return list(found) if found is not None else []


def _hadoop(spark: SparkSession, path: str) -> tuple[Any, Any]:
    """The Hadoop file system of `path` (through the session's JVM), and the Hadoop path."""
    jvm: Any = spark._jvm  # classic (non-Connect) sessions have a JVM
    hadoop_path = jvm.org.apache.hadoop.fs.Path(path)
    return hadoop_path.getFileSystem(spark._jsc.hadoopConfiguration()), hadoop_path


def _not_found(raw: str) -> Rejected:
    if not raw.strip():
        return Rejected("", "not-found", "an empty path was given; name a file or folder")
    return Rejected(raw, "not-found", f"{raw}: no such file or folder; check the path")
