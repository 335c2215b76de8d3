"""Latency of every endpoint the dashboard calls, on a store of real events replicated.

    python bench/bench_query.py --events 200000            # build (or reuse) and measure
    python bench/bench_query.py --events 20000 --requests 40 --json

Builds the store with `query_store.py` (events of a real ingest, copied with new ids and dates
over two years), then starts a real server (`dyad serve`, uvicorn, with the worker processes
it starts by default, or `--workers N`) and sends it HTTP requests from threads: for each
endpoint its first call on the fresh server, then p50/p95 with 1 client and with 20
concurrent clients. Parameters (types, parties, dates, ids) are drawn at
random from the store for every request. The store is kept for the next run at
`/tmp/dyad-bench-query-N.db` (or `--store`); a file there that this script did not build is
refused. `--build-minutes M` stops building after M minutes at a batch's end, and the next
run builds on; `--partial` measures a store as far as it is built.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import os
import random
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote, urlencode

import query_store

from dyad.model import PLOVER_TYPES

REPO = Path(__file__).resolve().parents[1]
Url = Callable[[random.Random], str]
BUDGET = 60.0  # seconds of requests per endpoint and load, at most (one request at least)
SLOW_MS = 2000  # an endpoint slower than this with one client is not run with more
FIRST_S = 120.0  # a first call longer than this is stopped, its endpoint left out


def picks(path: Path) -> dict[str, list]:
    """Values requests draw from: ids, busy actors, countries and pairs (read once)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)

    def column(sql: str) -> list:
        return [r[0] for r in conn.execute(sql)]

    sample = "ORDER BY random() LIMIT 300"
    out = {
        "event": column(f"SELECT id FROM events WHERE rowid % 97 = 0 {sample}"),
        "article": column(f"SELECT id FROM articles WHERE rowid % 13 = 0 {sample}"),
        "group": column(f"SELECT id FROM event_groups WHERE rowid % 13 = 0 {sample}"),
        "story": column("SELECT id FROM stories ORDER BY groups DESC, id LIMIT 1"),  # largest
        "actor": column(
            "SELECT substr(scope, 3) FROM event_tallies WHERE scope LIKE 'a:%'"
            " GROUP BY scope ORDER BY sum(events) DESC LIMIT 20"
        ),
        "country": column(
            "SELECT substr(scope, 3) FROM event_tallies WHERE scope LIKE 'c:%'"
            " GROUP BY scope ORDER BY sum(events) DESC LIMIT 20"
        ),
        "pair": [
            r.split("\x1f")
            for r in column(
                "SELECT substr(scope, 3) FROM event_tallies WHERE scope LIKE 'p:%'"
                " GROUP BY scope ORDER BY sum(events) DESC LIMIT 10"
            )
        ],
    }
    conn.close()
    return out


def endpoints(p: dict[str, list]) -> dict[str, Url]:
    """Each request the dashboard sends (web/*.js), with its parameters drawn at random."""

    def days(rng: random.Random, length: int = 60) -> dict[str, str]:
        start = query_store.START + dt.timedelta(days=rng.randrange(query_store.DAYS - length))
        return {"date_from": str(start), "date_to": str(start + dt.timedelta(days=length))}

    def url(path: str, **params: object) -> str:
        return f"/api{path}" + ("?" + urlencode(params) if params else "")

    def filtered(rng: random.Random) -> str:
        what = rng.choice(
            [
                {"type": rng.choice(PLOVER_TYPES)},
                {"country": rng.choice(p["country"])},
                {"actor": rng.choice(p["actor"])},
            ]
        )
        return url("/events", view="row", sort="-date", limit=50, **what, **days(rng))

    def pair(rng: random.Random) -> dict[str, str]:
        actor, recipient = rng.choice(p["pair"])
        return {"actor": actor, "recipient": recipient}

    def series(rng: random.Random) -> str:
        a, b = rng.choice(p["pair"])  # the two years: the seed's own range is too long a series
        end = query_store.START + dt.timedelta(days=query_store.DAYS)
        return url("/series", a=a, b=b, date_from=query_store.START, date_to=end)

    return {
        "index (counts)": lambda rng: url(""),
        "events, first page": lambda rng: url("/events", view="row", sort="-date", limit=50),
        "events, filtered": filtered,
        "timeline, all": lambda rng: url("/timeline", interval="day"),
        "timeline, 60 days": lambda rng: url("/timeline", interval="day", **days(rng)),
        "summary, busy pair": lambda rng: url("/summary", **pair(rng)),
        "network, 12 edges": lambda rng: url("/network", limit=12),
        "network, 60 days": lambda rng: url("/network", limit=150, **days(rng)),
        "places (map)": lambda rng: url("/places"),
        "series, pair": series,
        "groups, first page": lambda rng: url("/groups"),
        "one group": lambda rng: url(f"/groups/{quote(rng.choice(p['group']), safe='')}"),
        "one event": lambda rng: url(f"/events/{quote(rng.choice(p['event']), safe='')}"),
        "one article": lambda rng: url(f"/articles/{quote(rng.choice(p['article']), safe='')}"),
        "articles": lambda rng: url("/articles", limit=100),
        "basemap": lambda rng: url("/basemap"),
        "tracker": lambda rng: url("/tracker"),
        "stories": lambda rng: url("/stories", limit=50),
        "largest story": lambda rng: url(f"/stories/{p['story'][0]}"),
        "its tracker": lambda rng: url("/tracker", story=p["story"][0]),
    }


class Server:
    """`dyad serve` on a free port, in its own process group (its workers with it), with
    `workers` processes (None: as many as `dyad serve` starts by default)."""

    def __init__(self, store: Path, workers: int | None = None) -> None:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "dyad.cli",
                "serve",
                "--store",
                str(store),
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                *(["--workers", str(workers)] if workers else []),
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.answers():
                return
            time.sleep(0.2)
        raise RuntimeError("the server did not start in 120 s")

    def answers(self) -> bool:
        """Whether the dashboard's page comes back: with workers the socket accepts before
        they are ready (it touches no store, so the first calls measured stay first)."""
        try:
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
            conn.request("GET", "/")
            ok = conn.getresponse().status == 200
            conn.close()
            return ok
        except OSError:
            return False

    def stop(self) -> None:
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:  # busy in a long request
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(30)


def get(conn: http.client.HTTPConnection, path: str) -> float:
    """Milliseconds to read the whole answer of GET `path` (which must be 200)."""
    started = time.perf_counter()
    conn.request("GET", path)
    response = conn.getresponse()
    body = response.read()
    took = (time.perf_counter() - started) * 1000
    if response.status != 200:
        raise RuntimeError(f"{path}: {response.status} {body[:300]!r}")
    return took


def run_clients(port: int, url: Url, clients: int, requests: int, seed: int) -> list[float]:
    """Latencies of `requests` calls of `url` shared by `clients` threads sending at once;
    a client sends no new request after `BUDGET` seconds (one at least)."""
    times: list[float] = []
    errors: list[Exception] = []
    lock = threading.Lock()
    each = max(1, requests // clients)
    stop = time.monotonic() + BUDGET

    def client(i: int) -> None:
        rng = random.Random(seed * 1000 + i)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
        got: list[float] = []
        try:
            while len(got) < each and (not got or time.monotonic() < stop):
                got.append(get(conn, url(rng)))
        except (RuntimeError, OSError) as exc:
            errors.append(exc)
            return
        finally:
            conn.close()
        with lock:
            times.extend(got)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise errors[0]
    return times


def percentiles(times: list[float]) -> dict[str, float]:
    times = sorted(times)
    return {
        "p50": round(statistics.median(times), 1),
        "p95": round(times[round(0.95 * (len(times) - 1))], 1),
    }


def measure(
    store: Path, requests: int, clients: list[int], workers: int | None = None
) -> dict[str, dict]:
    """First call on a fresh server, then p50/p95 per endpoint per number of clients."""
    urls = endpoints(picks(store))
    results: dict[str, dict] = {name: {} for name in urls}
    server = Server(store, workers)
    try:
        for name, url in urls.items():
            conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=FIRST_S)
            try:
                results[name]["first"] = round(get(conn, url(random.Random(1))), 1)
            except TimeoutError:  # left out of the rest; a fresh server goes on
                results[name]["first"] = f"over {FIRST_S:.0f} s"
                server.stop()
                server = Server(store, workers)
            conn.close()
        urls = {n: u for n, u in urls.items() if not isinstance(results[n]["first"], str)}
        for count in clients:
            for i, (name, url) in enumerate(urls.items()):
                alone = results[name].get("1 client", {}).get("p50", 0)
                if count > 1 and alone > SLOW_MS:  # 20 clients would wait minutes
                    results[name][f"{count} client"] = {"skipped": f"p50 > {SLOW_MS} ms alone"}
                    continue
                times = run_clients(server.port, url, count, requests, seed=i)
                results[name][f"{count} client"] = {**percentiles(times), "n": len(times)}
                print(f"  {count:2} clients  {name:20} {percentiles(times)}", file=sys.stderr)
    finally:
        server.stop()
    return results


def scan_vs_tallies(store: Path, rounds: int = 5) -> dict[str, dict[str, float]]:
    """Median ms of the timeline, summary and network read from the tallies and by the scan
    of the events they replace, in this process, alternated `rounds` times."""
    from dyad.query import EventFilter, plan
    from dyad.store import open_store

    actor, recipient = picks(store)["pair"][0]
    start = query_store.START + dt.timedelta(days=300)
    filters = {
        "all": EventFilter(min_confidence=0.49),
        "60 days": EventFilter(
            min_confidence=0.49, date_from=start, date_to=start + dt.timedelta(days=60)
        ),
        "busy pair": EventFilter(min_confidence=0.49, actor=actor, recipient=recipient),
    }
    out: dict[str, dict[str, float]] = {}
    with open_store(store, read_only=True) as db:
        for fname, where in filters.items():
            planned = plan(db, where, page=False)
            calls = {
                "timeline": lambda t, p=planned: db.timeline(p, interval="day", tallied=t),
                "summary": lambda t, p=planned: db.summary(p, interval="day", tallied=t),
                "network": lambda t, p=planned: db.edges(p, limit=150, tallied=t),
            }
            for cname, call in calls.items():
                times: dict[bool, list[float]] = {True: [], False: []}
                for _ in range(rounds):
                    for tallied in (True, False):
                        started = time.perf_counter()
                        call(tallied)
                        times[tallied].append((time.perf_counter() - started) * 1000)
                out[f"{cname}, {fname}"] = {
                    "tallies": round(statistics.median(times[True]), 1),
                    "scan": round(statistics.median(times[False]), 1),
                }
    return out


def store_for(args: argparse.Namespace) -> tuple[Path, dict | None]:
    """The store to measure: built when missing, built on when part-built (for at most
    `--build-minutes`), rebuilt when built otherwise; the build's figures when it was built."""
    path = args.store or Path(f"/tmp/dyad-bench-query-{args.events}.db")
    want = query_store.spec(args.events, args.corpus, args.seed_articles)
    found = query_store.marker(path) if path.exists() else None
    if path.exists() and found is None:
        sys.exit(f"{path} was not built by this benchmark: give another --store path")
    if found is not None and found["spec"] == want and (found["done"] or args.partial):
        return path, None
    if found is not None and found["done"] and _older(found["spec"], want):
        query_store.migrate(path, want)  # the same build: newer indexes or tables added
        return path, None
    if found is not None and found["spec"] != want:
        print(f"{path} was built as {found['spec']}: rebuilding", file=sys.stderr)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    return path, query_store.build(path, want, minutes=args.build_minutes)


def _older(found: dict, want: dict) -> bool:
    """Whether `found` is `want` built by an older schema (a migration moves it)."""
    return {**found, "schema": want["schema"]} == want and found["schema"] < want["schema"]


def report(args: argparse.Namespace, built: dict | None, results: dict[str, dict]) -> None:
    print(
        f"{args.events} events requested; corpus {args.corpus} ({args.seed_articles} seed"
        f" articles); {args.requests} requests per endpoint and load; server workers:"
        f" {args.workers or 'the default of dyad serve'}"
    )
    if built:
        b = built
        print(
            f"store: {b['events']} events, {b['articles']} articles"
            f"{'' if b['done'] else ' (part-built)'}, built in {b['wall_s']:.0f} s wall"
            f" ({b['cpu_s']:.0f} s CPU; storing {b['store_s']:.0f} s, grouping"
            f" {b['group_s']:.0f} s; {b['parts']} part(s)), {b['bytes'] / 1e6:.0f} MB,"
            f" {b['bytes'] / max(b['events'], 1):.0f} bytes per event"
        )
    loads = [f"{c} client" for c in args.clients]
    print("p50 / p95 in ms (requests measured)")
    print(f"| endpoint | first call ms | {' | '.join(f'{c}s' for c in loads)} |")
    print("|---|---|" + "---|" * len(loads))
    for name, r in results.items():
        cells = " | ".join(
            f"{r[c]['p50']} / {r[c]['p95']} ({r[c]['n']})"
            if "p50" in r.get(c, {})
            else r.get(c, {}).get("skipped", "not run")
            for c in loads
        )
        print(f"| {name} | {r['first']} | {cells} |")


def compare_writes(args: argparse.Namespace, rounds: int = 2) -> None:
    """`--write-cost` of the code under `--baseline` and of this code, each in its own
    process, alternated `rounds` times on this code's seed; the ratio of the best times."""
    query_store.seed_results(args.corpus, args.seed_articles)  # read once, by this code
    seed = Path(tempfile.gettempdir()) / (
        f"{query_store.seed_name(args.corpus, args.seed_articles)}.pkl"
    )
    best: dict[str, float] = {}
    for _ in range(rounds):
        for name, src in (("baseline", args.baseline), ("this", str(REPO / "src"))):
            command = [sys.executable, __file__, "--write-cost", "--corpus", args.corpus]
            command += ["--seed-articles", str(args.seed_articles), "--seed-file", str(seed)]
            env = {**os.environ, "PYTHONPATH": str(Path(src).resolve())}
            done = subprocess.run(command, env=env, check=True, capture_output=True, text=True)
            cost = json.loads(done.stdout)
            print(f"{name} ({src}): {cost}")
            best[name] = min(best.get(name, cost["with"]), cost["with"])
    print(f"storing CPU, this / baseline: {best['this'] / best['baseline']:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=100, help="per endpoint and load")
    parser.add_argument("--clients", type=lambda s: [int(c) for c in s.split(",")], default=[1, 20])
    parser.add_argument(
        "--corpus", choices=["polnear", "examples"], default=query_store.default_corpus()
    )
    parser.add_argument("--seed-articles", type=int, default=150)
    parser.add_argument("--store", type=Path, default=None)
    parser.add_argument("--build-only", action="store_true")
    parser.add_argument(
        "--build-minutes",
        type=float,
        default=None,
        help="stop building after this long (at a batch's end); the next run builds on",
    )
    parser.add_argument(
        "--partial", action="store_true", help="measure a part-built store as far as it goes"
    )
    parser.add_argument(
        "--scan-vs-tallies", action="store_true", help="only: charts from tallies vs the scan"
    )
    parser.add_argument(
        "--write-cost", action="store_true", help="only: storing with and without the tallies"
    )
    parser.add_argument(
        "--workers", type=int, default=None, help="`dyad serve --workers` (default: its own)"
    )
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--baseline", help="with --write-cost: `src` of the code to compare with")
    parser.add_argument("--seed-file", help=argparse.SUPPRESS)  # the baseline's seed
    args = parser.parse_args()
    if args.write_cost:
        if args.baseline:
            compare_writes(args)
            return
        seed = Path(args.seed_file) if args.seed_file else None
        print(json.dumps(query_store.write_cost(args.corpus, args.seed_articles, seed_file=seed)))
        return
    path, built = store_for(args)
    if built:
        print(f"built {path}: {built}", file=sys.stderr)
    found = query_store.marker(path) or {}
    if args.build_only:
        return
    if not found.get("done") and not args.partial:
        sys.exit(f"{path} holds {found.get('events')} events so far: run again to build on")
    if args.scan_vs_tallies:
        for name, r in scan_vs_tallies(path).items():
            print(f"| {name} | {r['tallies']} | {r['scan']} | {r['scan'] / r['tallies']:.0f}x |")
        return
    results = measure(path, args.requests, args.clients, args.workers)
    store = {**found["figures"], "done": found["done"], "bytes": path.stat().st_size}
    if args.json:
        print(json.dumps({"events": args.events, "store": store, "results": results}))
        return
    report(args, store, results)


if __name__ == "__main__":
    main()
