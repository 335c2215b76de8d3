"""Dyad on Spark against the local executors, on the same articles.

    python bench/bench_spark.py --limit 840            # every PolNeAR training article
    python bench/bench_spark.py --limit 100 --modes in-process,pool,spark2

Modes, each in a fresh subprocess, all reading the same JSON Lines file:

    in-process   read_articles, then process_batch in this process (1 core)
    pool1        the same batches through the local process pool with 1 worker
    pool         the same batches through the local process pool (`run_in_pool`, 2 workers)
    ingest-pool  `dyad ingest --workers 2` into a fresh store: adds SQLite writes and grouping
    spark1/2     `dyad spark run` on local[1] / local[2], Parquet out

Every timing includes loading the model in each worker process, as real runs do. Spark's
session start (the JVM) is timed apart: a cluster or notebook session is already up. The
Spark overhead ratio is the job's time over the pool's, at equal cores. Timings on a shared
machine are noisy: compare ratios from one run, not seconds across runs.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_ingest import polnear_jsonl  # the bench folder is not a package

MODES = ("in-process", "pool1", "pool", "ingest-pool", "spark1", "spark2")
CORES = {"in-process": 1, "pool1": 1, "pool": 2, "ingest-pool": 2, "spark1": 1, "spark2": 2}
_WORKER: list[Any] = []  # a pool worker's resources


def _init_worker() -> None:
    from dyad.pipeline import load_resources

    _WORKER.append(load_resources())


def _work(batch: list[Any]) -> int:
    from dyad.model import ArticleResult
    from dyad.pipeline import process_batch

    return sum(
        len(r.events) for r in process_batch(batch, _WORKER[0]) if isinstance(r, ArticleResult)
    )


def _batches(jsonl: str, batch_size: int) -> tuple[list[list[Any]], int]:
    from dyad.ingest import read_articles
    from dyad.model import Article

    articles = [a for a in read_articles([jsonl]) if isinstance(a, Article)]
    return [articles[i : i + batch_size] for i in range(0, len(articles), batch_size)], len(
        articles
    )


def local(jsonl: str, workers: int, batch_size: int, *, pool: bool) -> dict[str, Any]:
    """Read and process every article through `run_in_process` or `run_in_pool`."""
    from dyad.executors import run_in_pool, run_in_process

    started = time.perf_counter()
    batches, count = _batches(jsonl, batch_size)
    if not pool:
        _init_worker()
        events = sum(run_in_process(batches, _work))
    else:
        events = sum(run_in_pool(batches, _work, workers=workers, initializer=_init_worker))
    return {"articles": count, "events": events, "seconds": time.perf_counter() - started}


def ingest(jsonl: str, workers: int, batch_size: int) -> dict[str, Any]:
    """`dyad ingest` of the file into a fresh store."""
    from dyad.pipeline import run_ingest
    from dyad.settings import load_settings
    from dyad.store import open_store

    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings(store=f"{tmp}/b.db", workers=workers, batch_size=batch_size)
        with open_store(settings.store) as store:
            report = run_ingest([jsonl], store, settings)
    return {"articles": report.articles_new, "events": report.events, "seconds": report.seconds}


def spark(
    jsonl: str, cores: int, batch_size: int, partitions: int | None, conf: dict[str, str]
) -> dict[str, Any]:
    """`dyad spark run` of the file on local[cores], Parquet into a temporary folder."""
    from dyad.settings import load_settings
    from dyad.spark import SparkOptions, run_job, spark_session

    started = time.perf_counter()
    session = spark_session(
        f"local[{cores}]",
        conf={"spark.ui.enabled": "false", "spark.driver.memory": "2g", **conf},
    )
    session_seconds = time.perf_counter() - started
    jvm = session.sparkContext._gateway.proc.pid  # type: ignore[union-attr]  # a local gateway
    tree, jvm_before = _TreeCPU(jvm), _own_cpu(jvm)
    tree.start()
    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings(batch_size=batch_size)
        report = run_job(
            session, [jsonl], f"{tmp}/out", settings=settings,
            options=SparkOptions(partitions=partitions),
        )  # fmt: skip
    job_cpu, jvm_cpu = tree.stop(), _own_cpu(jvm) - jvm_before
    session.stop()
    return {
        "articles": report.articles,
        "events": report.events,
        "seconds": report.seconds,
        "session_seconds": session_seconds,
        "spark_cpu_seconds": job_cpu,
        "jvm_cpu_seconds": jvm_cpu,
    }


def _own_cpu(pid: int) -> float:
    """CPU seconds of process `pid` alone (Linux /proc): the JVM without its Python workers."""
    return _cpu_of(Path(f"/proc/{pid}/stat").read_text())[1]


def _cpu_of(stat: str) -> tuple[int, float]:
    """The parent pid and the own CPU seconds (user and system) in a /proc/PID/stat line."""
    fields = stat.rsplit(")", 1)[1].split()
    return int(fields[1]), sum(int(f) for f in fields[11:13]) / os.sysconf("SC_CLK_TCK")


def _descendants(root: int) -> dict[int, float]:
    """Own CPU seconds of process `root` and of each of its descendants now alive."""
    parents: dict[int, int] = {}
    times: dict[int, float] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parents[int(stat.parent.name)], times[int(stat.parent.name)] = _cpu_of(stat.read_text())
        except OSError:  # the process ended while we looked
            continue
    tree, frontier = {root}, {root}
    while frontier:
        frontier = {p for p, parent in parents.items() if parent in frontier} - tree
        tree |= frontier
    return {p: times[p] for p in tree if p in times}


class _TreeCPU(threading.Thread):
    """CPU seconds of a process tree, sampled twice a second: Spark's Python workers may end
    (idle, or with their daemon) without anyone waiting for them, which would lose their CPU
    from the JVM's own accounts."""

    def __init__(self, root: int) -> None:
        super().__init__(daemon=True)
        self.root, self.done = root, threading.Event()
        self.start_cpu = _descendants(root)
        self.last: dict[int, float] = dict(self.start_cpu)

    def run(self) -> None:
        while not self.done.wait(0.5):
            self.last.update(_descendants(self.root))

    def stop(self) -> float:
        """Stop sampling; the CPU seconds the tree used since it began."""
        self.done.set()
        self.join()
        self.last.update(_descendants(self.root))
        return sum(cpu - self.start_cpu.get(pid, 0.0) for pid, cpu in self.last.items())


def _child(mode: str, args: argparse.Namespace) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "--child", mode, "--jsonl", args.jsonl,
           "--batch-size", str(args.batch_size)]  # fmt: skip
    if args.partitions:
        cmd += ["--partitions", str(args.partitions)]
    for setting in args.conf:
        cmd += ["--conf", setting]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{mode} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def run_child(mode: str, args: argparse.Namespace) -> dict[str, Any]:
    """One measurement, in this (child) process."""
    if mode in ("in-process", "pool1", "pool"):
        result = local(args.jsonl, CORES[mode], args.batch_size, pool=mode != "in-process")
    elif mode == "ingest-pool":
        result = ingest(args.jsonl, 2, args.batch_size)
    else:
        conf = dict(setting.split("=", 1) for setting in args.conf)
        result = spark(args.jsonl, CORES[mode], args.batch_size, args.partitions, conf)
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result["cpu_seconds"] = result.pop("spark_cpu_seconds", 0.0) + sum(
        usage.ru_utime + usage.ru_stime
        for usage in map(resource.getrusage, (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    )
    result["load_average"] = os.getloadavg()[0]
    return result


def report(results: dict[str, dict[str, Any]], corpus: str) -> None:
    """Print rates per mode, the Spark overhead ratio and the scaling from 1 to 2 cores."""
    print(f"corpus {corpus}")
    head = f"{'mode':12} {'cores':>5} {'articles':>8} {'events':>7} {'seconds':>8} {'art/s':>7}"
    print(f"{head} {'CPU s':>7}")
    for mode, r in results.items():
        extra = f"  (+{r['session_seconds']:.1f} s session start)" if "session_seconds" in r else ""
        if "jvm_cpu_seconds" in r:
            extra += f"  (JVM alone {r['jvm_cpu_seconds']:.1f} CPU s)"
        rate = r["articles"] / r["seconds"]
        print(f"{mode:12} {CORES[mode]:>5} {r['articles']:>8} {r['events']:>7} "
              f"{r['seconds']:>8.1f} {rate:>7.2f} {r['cpu_seconds']:>7.1f}{extra}")  # fmt: skip
    seconds = {mode: r["seconds"] for mode, r in results.items()}
    cpu = {mode: r["cpu_seconds"] for mode, r in results.items()}
    for spark_mode, local_mode in (("spark2", "pool"), ("spark1", "pool1")):
        if spark_mode in cpu and local_mode in cpu:
            print(f"CPU {spark_mode} / {local_mode}: {cpu[spark_mode] / cpu[local_mode]:.2f}")
    for spark_mode, local_mode in (
        ("spark2", "pool"),
        ("spark1", "pool1"),
        ("spark1", "in-process"),
    ):
        if spark_mode in seconds and local_mode in seconds:
            ratio = seconds[spark_mode] / seconds[local_mode]
            print(f"Spark overhead {spark_mode} / {local_mode}: {ratio:.2f} ({ratio - 1:+.0%})")
    for two, one in (("pool", "pool1"), ("pool", "in-process"), ("spark2", "spark1")):
        if two in seconds and one in seconds:
            print(f"scaling 1 → 2 cores, {one} → {two}: {seconds[one] / seconds[two]:.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default="polnear", help="polnear, or a JSON Lines file")
    parser.add_argument("--limit", type=int, default=840)
    parser.add_argument("--modes", default=",".join(MODES))
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--partitions", type=int, help="Spark article partitions")
    parser.add_argument(
        "--conf", action="append", default=[], help="KEY=VALUE Spark setting (repeatable)"
    )
    parser.add_argument("--json", help="also write the results to this file")
    parser.add_argument("--child", choices=MODES)
    parser.add_argument("--jsonl")
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_child(args.child, args)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        if args.corpus == "polnear":
            args.jsonl = str(polnear_jsonl(args.limit, Path(tmp)))
        else:
            args.jsonl = args.corpus
        results = {}
        for mode in args.modes.split(","):
            results[mode] = _child(mode, args)
            print(f"{mode}: {results[mode]}", file=sys.stderr, flush=True)
    report(results, f"{args.corpus} ({args.limit})")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
