"""Reliability figures: what bad inputs, kills, concurrent reads and pathological texts do.

    python bench/reliability.py                 # every part, about five minutes on 2 cores
    python bench/reliability.py --kills 3 --parts bad,series

Parts (each prints its figures to stdout; everything runs on loopback, in a temporary folder):

    bad      a folder of every kind of bad input between good ones, through `dyad ingest`:
             crashes (an exit other than 0-3, or a traceback), rejections, articles stored
    kill     `dyad ingest` killed with SIGKILL N times, then rerun: articles lost or
             duplicated, and events differing from an uninterrupted run
    serve    `dyad serve` answering GETs on several endpoints while `dyad ingest` writes:
             requests made and how many were 500s
    slow     pathological texts (nested reported speech, a sentence without a full stop, a
             long list of names): each article's time under the default `max_seconds`
    series   the largest day range /api/series answers, and the answer one day beyond
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import random
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path

DYAD = [sys.executable, "-m", "dyad.cli"]
DOCUMENTED_EXITS = {0, 1, 2, 3}  # docs/input-formats.md, "Exit codes of dyad ingest"
SENTENCES = [
    "The foreign minister of Ruritania will not attend the talks in Geneva on Friday.",
    "Protesters gathered outside the parliament in Zenda on Tuesday, police said.",
    "The government of Freedonia demanded that Sylvania withdraw its troops by March 3.",
    "Sylvania rejected the demand and accused Freedonia of provocations.",
]


def good_text(i: int) -> str:
    return " ".join(SENTENCES[(i + k) % 4] for k in range(4)) + f" Report number {i}."


def good_record(i: int) -> dict[str, str]:
    return {"id": f"art-{i:03d}", "date": "2026-03-01", "source": "Example Wire",
            "text": good_text(i)}  # fmt: skip


def corpus(path: Path, n: int) -> Path:
    path.write_text("".join(json.dumps(good_record(i)) + "\n" for i in range(n)), "utf-8")
    return path


def count(store: Path, sql: str) -> int:
    if not store.exists():
        return 0
    conn = sqlite3.connect(f"file:{store}?mode=ro", uri=True, timeout=30)
    try:
        return conn.execute(sql).fetchone()[0]
    except sqlite3.OperationalError:  # the schema is not created yet
        return 0
    finally:
        conn.close()


def ingest(paths: list[Path], store: Path, *extra: str) -> subprocess.Popen[str]:
    cmd = [*DYAD, "ingest", *map(str, paths), "--store", str(store), *extra]
    return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


# --- (a) bad inputs ------------------------------------------------------------------------


def bad_inputs(folder: Path) -> int:
    """Write every kind of bad input between good ones; return the number of good articles."""
    good = 0

    def put(name: str, data: bytes | str) -> None:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)

    def good_file(tag: str) -> None:
        nonlocal good
        put(f"{tag}-good.jsonl", json.dumps(good_record(100 + good)) + "\n")
        good += 1

    long_text = "The minister said talks would go on. " * 6000  # over max_chars
    bad: dict[str, bytes | str] = {
        "empty.txt": "",
        "blank.txt": "   \n\n\t ",
        "binary.txt": bytes(range(256)) * 8,
        "random.jsonl": random.Random(1).randbytes(3000),
        "nul.txt": "date 2026-03-01\nThe talks \x00 went on in Geneva on Friday.",
        "broken.txt.gz": gzip.compress(good_text(1).encode())[:25],
        "notgzip.jsonl.gz": b"\x1f\x8bthis is not gzip at all",
        "bad-json.jsonl": '{"text": "unclosed\n[1, 2]\n"text only"\n{"text": 5}\n',
        "wrong-types.jsonl": json.dumps({"text": ["a", "list"], "date": 20260301}) + "\n",
        "bad-date.jsonl": json.dumps({**good_record(1), "date": "2026-02-30"}) + "\n",
        "year-zero.jsonl": json.dumps({**good_record(2), "date": "0000-01-01"}) + "\n",
        "short.txt": "date 2026-03-01\nToo short.",
        "long.txt": f"date 2026-03-01\n{long_text}",
        "no-text-column.csv": "date,body\n2026-03-01,Talks went on in Geneva on Friday.\n",
        "ragged.csv": 'text,date\n"unclosed quote,2026-03-01\n',
        "scripts-only.html": "<html><head><script>var x = 1;</script></head><body></body></html>",
        "utf16-no-bom.txt": good_text(6).encode("utf-16-le"),
        "undecodable.txt": b"date 2026-03-01\n" + bytes(range(0x80, 0x100)) * 4,
        "surrogate.jsonl": '{"text": "Talks in Geneva went on \\ud800 on Friday."}\n',
        "control.tsv": "text\tdate\n\x01\x02\x03\x04\t2026-03-01\n",
    }
    odd: dict[str, bytes | str] = {  # odd but readable: each must give one article
        "odd-url.jsonl": json.dumps({"text": good_text(3), "url": "http://[::1"}) + "\n",
        "rot13.html": '<meta charset="rot13"><p>' + good_text(5) + "</p>",
        "latin1.txt": "date 2026-03-01\nLe ministre a dit: « à Genève » café.".encode("latin-1"),
        "utf16-bom.txt": ("date 2026-03-01\n" + good_text(7)).encode("utf-16"),
        "day-one.jsonl": json.dumps({**good_record(8), "date": "0001-01-01"}) + "\n",
        "last-day.jsonl": json.dumps({**good_record(9), "date": "9999-12-31"}) + "\n",
        "crlf.txt": "date 2026-03-01\r\n" + good_text(10).replace(". ", ".\r\n"),
    }
    for i, (name, data) in enumerate(sorted(bad.items())):
        good_file(f"{i:02d}a")
        put(f"{i:02d}b-{name}", data)
    for name, data in sorted(odd.items()):
        put(f"odd-{name}", data)
        good += 1
    with open(os.fsencode(folder) + b"/odd-\xff\xfe-name.txt", "wb") as out:  # not UTF-8
        out.write(f"date 2026-03-01\n{good_text(11)}".encode())
    good += 1
    # a file holding good records around bad lines: the good ones are read
    records = [
        json.dumps(good_record(100 + good)),
        "{not json",
        json.dumps(good_record(101 + good)),
    ]
    put("zz-mixed.jsonl", "\n".join(records) + "\n")
    good += 2
    (folder / "loop").mkdir()
    os.symlink(folder / "loop", folder / "loop" / "again")  # a link back to its own folder
    os.symlink(folder / "absent.txt", folder / "dangling.txt")
    return good


def part_bad(work: Path) -> None:
    folder = work / "bad"
    folder.mkdir()
    good = bad_inputs(folder)
    store = work / "bad.db"
    proc = ingest([folder], store)
    _, stderr = proc.communicate(timeout=900)
    crashed = proc.returncode not in DOCUMENTED_EXITS or "Traceback" in stderr
    rejected = sum(1 for line in stderr.splitlines() if line.lstrip().startswith("rejected "))
    reported = stderr.count("please report")
    stored = count(store, "SELECT count(*) FROM articles")
    files = sum(1 for p in folder.rglob("*") if p.is_file())
    print(f"(a) bad inputs: {files} files ({good} readable articles among them, odd ones included)")
    print(f"    exit code {proc.returncode}; crashes {int(crashed)}; rejected {rejected}; "
          f"rejections asking for a bug report {reported}")  # fmt: skip
    print(f"    articles stored {stored} (readable articles {good}): "
          f"{'equal' if stored == good else 'DIFFERENT'}")  # fmt: skip


# --- (b) SIGKILL during ingest -------------------------------------------------------------


def kill_mid_run(source: Path, store: Path, rng: random.Random) -> int:
    """Start an ingest, let it commit at least one more batch, SIGKILL it at a random moment."""
    before = count(store, "SELECT count(*) FROM articles")
    proc = ingest([source], store, "--batch-size", "3")
    deadline = time.monotonic() + 300
    while count(store, "SELECT count(*) FROM articles") <= before:
        if proc.poll() is not None or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    time.sleep(rng.uniform(0, 0.6))  # anywhere inside the next batch, or its commit
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    return proc.returncode


def events_of(store: Path) -> list[tuple[str, ...]]:
    conn = sqlite3.connect(store)
    rows = conn.execute("SELECT id, article_id, type, polarity, modality, date FROM events"
                        " ORDER BY id").fetchall()  # fmt: skip
    conn.close()
    return rows


def part_kill(work: Path, kills: int) -> None:
    n = 12 * kills + 30
    source = corpus(work / "kill.jsonl", n)
    store, clean = work / "killed.db", work / "clean.db"
    rng = random.Random(7)
    killed = sum(kill_mid_run(source, store, rng) == -signal.SIGKILL for _ in range(kills))
    kept = count(store, "SELECT count(*) FROM articles")
    rerun = ingest([source], store, "--batch-size", "3")
    rerun.communicate(timeout=900)
    ingest([source], clean, "--batch-size", "3").communicate(timeout=900)
    ids = count(store, "SELECT count(DISTINCT id) FROM articles")
    rows = count(store, "SELECT count(*) FROM articles")
    texts = count(store, "SELECT count(DISTINCT text) FROM articles")
    mine, theirs = events_of(store), events_of(clean)
    print(f"(b) SIGKILL: {killed} of {kills} ingests killed mid-run ({kept} of {n} articles "
          f"committed by then); rerun exit code {rerun.returncode}")  # fmt: skip
    print(f"    articles lost {n - ids}; duplicated {rows - ids + (ids - texts)}; "
          f"events {len(mine)} vs {len(theirs)} uninterrupted, differing "
          f"{len(set(mine) ^ set(theirs))}")  # fmt: skip


# --- (c) serve while ingesting -------------------------------------------------------------

READS = [
    "/api/events?limit=20&min_confidence=0", "/api/events?view=row&sort=-date&limit=50",
    "/api/articles?limit=20", "/api/runs", "/api/rejected", "/api/actors?limit=20",
    "/api/timeline?interval=day", "/api/summary", "/api/network", "/api/places",
    "/api/groups?limit=20", "/api/stories", "/api/series?a=RUR&b=FRE", "/api/tracker",
    "/api/export?format=csv",
]  # fmt: skip


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def status_of(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except (urllib.error.URLError, OSError):
        return -1  # no answer at all


def wait_for(url: str, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while status_of(url) != 200:
        if time.monotonic() > deadline:
            raise SystemExit(f"the server at {url} did not answer in {seconds:.0f} s")
        time.sleep(0.3)


def hammer(base: str, running: threading.Event, statuses: Counter[int]) -> None:
    i = 0
    while running.is_set() and sum(statuses.values()) < 20_000:  # bounded
        statuses[status_of(base + READS[i % len(READS)])] += 1
        i += 1


def part_serve(work: Path, articles: int) -> None:
    store = work / "live.db"
    subprocess.run([*DYAD, "ingest", str(corpus(work / "seed.jsonl", 3)), "--store", str(store)],
                   check=True, capture_output=True)  # fmt: skip
    port = free_port()
    serve = [*DYAD, "serve", "--store", str(store), "--port", str(port)]
    log = (work / "serve.log").open("w")  # the server's messages, kept for a failure
    server = subprocess.Popen(serve, stdout=subprocess.DEVNULL, stderr=log)
    base = f"http://127.0.0.1:{port}"
    statuses: Counter[int] = Counter()
    try:
        wait_for(base + "/api")
        running = threading.Event()
        running.set()
        readers = [threading.Thread(target=hammer, args=(base, running, statuses))
                   for _ in range(2)]  # fmt: skip
        for thread in readers:
            thread.start()
        writer = ingest([corpus(work / "live.jsonl", articles)], store, "--batch-size", "2")
        writer.communicate(timeout=900)
        running.clear()
        for thread in readers:
            thread.join()
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
    print(f"(c) serve while ingesting {articles} articles (ingest exit code {writer.returncode}):"
          f" {sum(statuses.values())} GETs over {len(READS)} endpoints")  # fmt: skip
    print(f"    500s {sum(n for s, n in statuses.items() if s >= 500)}; "
          f"answers by status {dict(sorted(statuses.items()))}")  # fmt: skip
    failures = [line for line in (work / "serve.log").read_text().splitlines() if "Error" in line]
    for line in failures[-5:]:
        print(f"    server log: {line}")


# --- (d) pathological texts ----------------------------------------------------------------


def pathological() -> dict[str, str]:
    names = [f"{a}{b} {c}son" for a in "BCDFGHKLMNPRST" for b in ("ela", "oro", "ina")
             for c in ("Karl", "Lind", "Ole", "Sven", "Tor", "Ulf", "Nils", "Erik")]  # fmt: skip
    nested = '"Putin said '
    return {
        "nested speech, 3,000 chars": (nested * 300)[:3000] + "talks will go on.",
        "nested speech, 20,000 chars": (nested * 2000)[:20000] + "talks will go on.",
        "20,000 chars, no full stop": (
            "the minister of Ruritania met officials in Geneva and " * 400
        )[:20000],
        "list of 2,000 names": "The delegation included " + ", ".join(names * 7)[:20000] + ".",
    }


def part_slow() -> None:
    from dyad.ingest import make_article
    from dyad.model import Rejected
    from dyad.pipeline import load_resources, process_article
    from dyad.settings import load_settings

    settings = load_settings(None)
    resources = load_resources(settings)
    print(f"(d) pathological texts, max_seconds={settings.max_seconds:g} (the default):")
    slowest = 0.0
    for name, text in pathological().items():
        article = make_article(text, date="2026-03-01", source="Example Wire")
        started = time.perf_counter()
        result = process_article(article, resources)
        seconds = time.perf_counter() - started
        slowest = max(slowest, seconds)
        what = f"rejected ({result.reason})" if isinstance(result, Rejected) else (
            f"read, {len(result.events)} events, {len(result.quotes)} quotes")  # fmt: skip
        print(f"    {name:<30} {len(text):>6} chars  {seconds:6.2f} s  {what}")
    print(f"    slowest article {slowest:.2f} s")


# --- (e) the series bound ------------------------------------------------------------------


def part_series(work: Path) -> None:
    from fastapi.testclient import TestClient

    from dyad.api import create_app
    from dyad.query import MAX_POINTS

    store = work / "series.db"
    subprocess.run([*DYAD, "ingest", str(corpus(work / "s.jsonl", 3)), "--store", str(store)],
                   check=True, capture_output=True)  # fmt: skip
    client = TestClient(create_app(store), raise_server_exceptions=False)
    start = dt.date(2000, 1, 1)

    def ask(days: int) -> tuple[int, float]:
        end = start + dt.timedelta(days=days - 1)
        began = time.perf_counter()
        response = client.get(f"/api/series?a=RUR&b=FRE&date_from={start}&date_to={end}")
        return response.status_code, time.perf_counter() - began

    low, high = 1, 400_000  # answered at low, refused at high: bisect the boundary
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (middle, high) if ask(middle)[0] == 200 else (low, middle)
    answered, seconds = ask(low)
    beyond = client.get(f"/api/series?a=RUR&b=FRE&date_from={start}"
                        f"&date_to={start + dt.timedelta(days=low)}")  # fmt: skip
    whole = ask((dt.date(9999, 12, 31) - start).days + 1)[0]
    print(f"(e) series bound (MAX_POINTS={MAX_POINTS:,}): largest day range answered {low:,} days"
          f" ({answered}, {seconds * 1000:.0f} ms)")  # fmt: skip
    print(f"    {low + 1:,} days: {beyond.status_code} {beyond.json()['error']['message']!r}")
    print(f"    2000-01-01 to 9999-12-31: {whole}")


PARTS = ("bad", "kill", "serve", "slow", "series")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--parts", default=",".join(PARTS), help="comma-separated parts")
    parser.add_argument("--kills", type=int, default=10, help="SIGKILLs during one ingest")
    parser.add_argument("--articles", type=int, default=40, help="articles ingested while serving")
    args = parser.parse_args()
    parts = args.parts.split(",")
    unknown = set(parts) - set(PARTS)
    if unknown:
        parser.error(f"unknown part(s) {', '.join(sorted(unknown))}; choose from {PARTS}")
    with tempfile.TemporaryDirectory(prefix="dyad-reliability-") as folder:
        work = Path(folder)
        runs = {"bad": lambda: part_bad(work), "kill": lambda: part_kill(work, args.kills),
                "serve": lambda: part_serve(work, args.articles), "slow": part_slow,
                "series": lambda: part_series(work)}  # fmt: skip
        for part in PARTS:
            if part in parts:
                started = time.perf_counter()
                runs[part]()
                print(f"    [{part}: {time.perf_counter() - started:.0f} s]", flush=True)


if __name__ == "__main__":
    main()
