"""Bytes per event of a store built from real articles, and where the bytes go.

    python bench/bench_store.py --limit 300                       # this checkout only
    python bench/bench_store.py --limit 300 --before ../main/src  # side by side with another
    python bench/bench_store.py --limit 300 --own-ids   # ids from the text, not file names

Ingests PolNeAR articles (`DYAD_DATA_DIR`, as `bench_ingest.py`) into a fresh store with the
code of this checkout and, with `--before`, into another fresh store with the code under that
`src` folder; each ingest runs in its own subprocess. The other store is then copied and
opened by this checkout (its missing migrations applied) as a third store. Each store is
VACUUMed, then measured: file size over event count, the bytes of each table and index (from
SQLite's `dbstat`), and the time of the reads that list events and articles (a page newest
first, a page further on, events one by one, every event in id order, every article's full
result), on the first call in a newly opened store and warm.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "src"


def ingest(jsonl: str, store_path: str) -> dict[str, object]:
    """`dyad ingest` of `jsonl` into a fresh store (the code on this process's path)."""
    from dyad.pipeline import run_ingest
    from dyad.settings import load_settings
    from dyad.store import open_store

    settings = load_settings(store=store_path, max_chars=200_000)
    with open_store(settings.store) as store:
        report = run_ingest([jsonl], store, settings)
    return {"articles": report.articles_new, "events": report.events}


def measure(store_path: str) -> dict[str, object]:
    """Open (and so migrate) the store, VACUUM it, then its sizes and listing times."""
    from dyad.store import open_store

    started = time.perf_counter()
    open_store(store_path).close()
    opened = time.perf_counter() - started
    conn = sqlite3.connect(store_path, isolation_level=None)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("VACUUM")
    events = conn.execute("SELECT count(*) FROM events").fetchone()[0]
    parts = conn.execute(
        "SELECT name, sum(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC"
    ).fetchall()
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    conn.close()
    size = os.path.getsize(store_path)
    return {
        "schema": version,
        "open_seconds": round(opened, 2),
        "bytes": size,
        "events": events,
        "bytes_per_event": round(size / max(events, 1)),
        "parts": dict(parts),
        "listings": listings(store_path),
    }


READS = {
    "first page, newest first (100)": lambda store, ids: store.events(limit=100, order="-date"),
    "page 20, by date (100)": lambda store, ids: store.events(limit=100, offset=1900),
    "one event by id (each)": lambda store, ids: [store.event(i) for i in ids[1]],
    "every event by id": lambda store, ids: list(store.iter_events()),
    "every article's result": lambda store, ids: [store.article(i) for i in ids[0]],
}


def listings(store_path: str) -> dict[str, list[float]]:
    """Milliseconds of the reads that list events and articles: the first call on a newly
    opened store, then the best of three more (a server's warm reads)."""
    from dyad.store import open_store

    found = {}
    for name, read in READS.items():
        with open_store(store_path, read_only=True) as store:
            articles = [r[0] for r in store.conn.execute("SELECT id FROM articles ORDER BY id")]
            events = [r[0] for r in store.conn.execute("SELECT id FROM events ORDER BY id")]
            ids = (articles, events[::50])
            first = _timed(read, store, ids)
            found[name] = [first, min(_timed(read, store, ids) for _ in range(3))]
    return found


def _timed(read: object, *args: object) -> float:
    started = time.perf_counter()
    read(*args)  # type: ignore[operator]  # one of READS
    return round((time.perf_counter() - started) * 1000, 1)


def child(src: Path, *args: str) -> dict[str, object]:
    """Run this script's `args` in a subprocess with `src` as the dyad package's home."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    out = subprocess.run(
        [sys.executable, __file__, *args], env=env, check=True, capture_output=True, text=True
    )
    return json.loads(out.stdout.splitlines()[-1])  # type: ignore[no-any-return]


def report(name: str, ingested: dict[str, object], found: dict[str, object]) -> None:
    print(f"\n## {name}: schema {found['schema']}, {ingested}")
    print(f"file {found['bytes']:,} bytes / {found['events']:,} events")
    print(f"= {found['bytes_per_event']:,} bytes per event")
    print("| table or index | bytes | per event |\n|---|---|---|")
    for part, size in found["parts"].items():  # type: ignore[attr-defined]
        print(f"| {part} | {size:,} | {size / max(found['events'], 1):,.0f} |")  # type: ignore[call-overload]
    print("| read | first call ms | warm ms (best of 3) |\n|---|---|---|")
    for read, (first, warm) in found["listings"].items():  # type: ignore[attr-defined]
        print(f"| {read} | {first} | {warm} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=300, help="PolNeAR articles to ingest")
    parser.add_argument("--before", type=Path, help="the `src` folder of the code to compare")
    parser.add_argument(
        "--own-ids", action="store_true", help="let Dyad name the articles (not by file name)"
    )
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, *rest = args.child
        print(json.dumps(ingest(*rest) if kind == "ingest" else measure(*rest)))
        return
    sys.path.insert(0, str(HERE))
    from bench_ingest import polnear_jsonl

    with tempfile.TemporaryDirectory() as tmp:
        jsonl = str(polnear_jsonl(args.limit, Path(tmp)))
        if args.own_ids:  # Dyad's ids: 16 hex digits of the text's hash
            lines = Path(jsonl).read_text(encoding="utf-8").splitlines()
            rows = [{k: v for k, v in json.loads(line).items() if k != "id"} for line in lines]
            Path(jsonl).write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        runs = [("after", SRC)] + ([("before", args.before.resolve())] if args.before else [])
        for name, src in runs:
            store = f"{tmp}/{name}.db"
            ingested = child(src, "--child", "ingest", jsonl, store)
            if name == "before":
                shutil.copy(store, f"{tmp}/migrated.db")
            report(f"{name} ({src})", ingested, child(src, "--child", "measure", store))
        if args.before:
            migrated = child(SRC, "--child", "measure", f"{tmp}/migrated.db")
            report("before, migrated by this checkout", {}, migrated)


if __name__ == "__main__":
    main()
