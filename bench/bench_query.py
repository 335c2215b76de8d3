"""Query latency of the HTTP API on a synthetic store of one million events.

    python bench/bench_query.py                      # build /tmp/dyad-bench-1000000.db, measure
    python bench/bench_query.py --events 100000 --requests 100 --json

Builds (once; reused when present) a store of fictional events over 60 fictional countries
with skewed weights (a few busy dyads, a long tail), one actor and one recipient each, ten
events per article, one event group per event; then times requests through the FastAPI app
(TestClient, in process: the app's own time, without network) and prints p50/p95 per query:

    filtered list   /api/events with type, country or actor, a date range, newest first
    one event       /api/events/{id}: the record, its mentions, article, quote, relatives
    dyad series     /api/series?a=X&b=Y: per-day counts between two countries (tracking)
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from dyad.model import PLOVER_TYPES

COUNTRIES = [f"{a}{b}X" for a in "ABCDEFGHIJ" for b in "KLMNOP"]  # 60 fictional codes
START = 738_000  # a proleptic ordinal in 2021; dates spread over two years
DAYS = 730


def weights() -> list[float]:
    return [1 / (i + 1) for i in range(len(COUNTRIES))]


def build(path: Path, events: int, *, seed: int = 7) -> None:
    """Create the synthetic store at `path` with bulk inserts in large transactions."""
    from dyad.store import open_store

    rng = random.Random(seed)
    with open_store(path) as store:
        conn = store.conn
        conn.execute("PRAGMA synchronous = OFF")
        conn.execute("PRAGMA cache_size = -200000")
        conn.execute("INSERT INTO runs (id, started_at, command, pipeline_version)"
                     " VALUES ('run_bench', '2026-01-01', 'bench', 'bench')")  # fmt: skip
        started = time.perf_counter()
        for chunk in _chunks(_rows(events, rng), 20_000):
            conn.execute("BEGIN")
            for table, rows in chunk.items():
                marks = ",".join("?" * len(rows[0]))
                conn.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)
            conn.execute("COMMIT")
        _actors(conn)
        store.fill_dyads()  # the series tables grouping would have written
        conn.execute("ANALYZE")
        print(f"built {events} events in {time.perf_counter() - started:.0f} s", file=sys.stderr)


def _rows(events: int, rng: random.Random) -> Iterator[dict[str, list[tuple]]]:
    import datetime as dt

    from dyad.grouping.logic import EventGroup
    from dyad.grouping.logic.values import Member
    from dyad.model import to_dict

    template_group = _group_template(EventGroup)
    template_member = to_dict(Member(event_id="", article_id="", article_date=None, type=""))
    for i in range(events):
        a, b = rng.choices(COUNTRIES, weights(), k=2)
        while b == a:
            b = rng.choices(COUNTRIES, weights())[0]
        kind = rng.choice(PLOVER_TYPES)
        day = dt.date.fromordinal(START + rng.randrange(DAYS)).isoformat()
        article = f"art_{i // 10:07d}"
        event_id = f"ev_{i:08d}"
        sentence = f"{a} and {b} officials met on {day} to discuss item {i}."
        record = _event_record(event_id, article, kind, a, b, day, sentence)
        rows: dict[str, list[tuple]] = {"events": [(
            event_id, article, kind, None, "04", 1 + i % 4, 1.0 - (i % 20), "asserted",
            "actual", 0, day, None, "text", 1000 + i % 500, f"City{i % 500}", a,
            (i % 140) - 70.0, (i % 340) - 170.0, "text", "[]", "met", sentence, 0.7, None,
            json.dumps(record), "bench", None,
        )]}  # fmt: skip
        rows["event_actors"] = [
            (event_id, "actor", 0, f"GOV:{a}", a, a, "government"),
            (event_id, "recipient", 0, f"GOV:{b}", b, b, "government"),
        ]
        rows["event_mentions"] = [(event_id, article, 0, 12, 15, 0, len(sentence))]
        group = {**template_group, "id": f"grp_{i:08d}", "type": kind, "date": day,
                 "actors": [_gactor(a)], "recipients": [_gactor(b)], "event_ids": [event_id],
                 "article_ids": [article], "first_seen": day, "last_seen": day}  # fmt: skip
        rows["event_groups"] = [(group["id"], kind, day, None, "happened", day, day, 1, 1, 1,
                                 None, "{}", json.dumps(group), day)]  # fmt: skip
        member = {**template_member, "event_id": event_id, "article_id": article,
                  "article_date": day, "type": kind, "actors": [_party(a)],
                  "recipients": [_party(b)], "date": day, "sentence": sentence}  # fmt: skip
        rows["group_members"] = [(event_id, group["id"], article, day, 1.0, json.dumps(member))]
        if i % 10 == 0:
            rows["articles"] = [(article, day, "Bench Wire", None, None, "bench", sentence,
                                 "[]", "{}", "run_bench", "bench", None, day)]  # fmt: skip
        yield rows


def _event_record(event_id, article, kind, a, b, day, sentence) -> dict:
    span = {"start": 0, "end": 3, "text": a}
    mention = {"span": span, "actor_id": f"GOV:{a}", "name": a, "country": a,
               "sector": "government", "kind": "country"}  # fmt: skip
    other = {**mention, "span": {"start": 8, "end": 11, "text": b}, "actor_id": f"GOV:{b}",
             "name": b, "country": b}  # fmt: skip
    evidence = {"trigger": {"start": 22, "end": 25, "text": "met"},
                "sentence": {"start": 0, "end": len(sentence), "text": sentence}}  # fmt: skip
    return {"id": event_id, "article_id": article, "type": kind, "actors": [mention],
            "recipients": [other], "evidence": [evidence], "date": day, "date_source": "text",
            "cameo": "04", "quad_class": 1, "goldstein": 1.0}  # fmt: skip


def _group_template(cls) -> dict:
    import dataclasses

    base = {f.name: None for f in dataclasses.fields(cls)}
    base.update({"contested": [], "history": [], "statuses": [], "mentions": 1, "articles": 1,
                 "sources": 1, "source_names": ["Bench Wire"], "status": "happened",
                 "summary": "", "triggers": ["met"]})  # fmt: skip
    return base


def _gactor(code: str) -> dict:
    return {"id": f"GOV:{code}", "name": code, "country": code, "sector": "government",
            "title": None, "members": 1}  # fmt: skip


def _party(code: str) -> dict:
    return {"key": f"GOV:{code}", "name": code, "country": code, "sector": "government",
            "title": None, "kind": "country"}  # fmt: skip


def _actors(conn) -> None:
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT OR IGNORE INTO actors VALUES (?, ?, 'country', ?, 'government', '[]', NULL, NULL,"
        " 1, NULL, 'bench')",
        [(f"GOV:{c}", c, c) for c in COUNTRIES],
    )
    conn.execute("COMMIT")


def _chunks(rows: Iterator[dict[str, list[tuple]]], size: int) -> Iterator[dict[str, list]]:
    chunk: dict[str, list[tuple]] = {}
    count = 0
    for row in rows:
        for table, values in row.items():
            chunk.setdefault(table, []).extend(values)
        count += 1
        if count >= size:
            yield chunk
            chunk, count = {}, 0
    if chunk:
        yield chunk


def measure(call: Callable[[], object], requests: int) -> dict[str, float]:
    """p50 and p95 in milliseconds over `requests` calls, after five warm-up calls."""
    for _ in range(5):
        call()
    times = []
    for _ in range(requests):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return {"p50_ms": round(statistics.median(times), 1),
            "p95_ms": round(times[int(0.95 * (len(times) - 1))], 1),
            "max_ms": round(times[-1], 1)}  # fmt: skip


def queries(client, events: int, rng: random.Random) -> dict[str, Callable[[], object]]:
    import datetime as dt

    def day(offset: int) -> str:
        return dt.date.fromordinal(START + offset).isoformat()

    def get(url: str) -> object:
        response = client.get(url)
        assert response.status_code == 200, (url, response.text[:300])
        return response

    def filtered() -> object:
        start = rng.randrange(DAYS - 60)
        pick = rng.randrange(3)
        what = (f"type={rng.choice(PLOVER_TYPES)}", f"country={rng.choice(COUNTRIES)}",
                f"actor=GOV:{rng.choice(COUNTRIES)}")[pick]  # fmt: skip
        return get(f"/api/events?{what}&date_from={day(start)}&date_to={day(start + 60)}"
                   "&sort=-date&limit=50")  # fmt: skip

    def one() -> object:
        return get(f"/api/events/ev_{rng.randrange(events):08d}")

    def series() -> object:
        a, b = rng.sample(COUNTRIES[:10], 2)
        return get(f"/api/series?a={a}&b={b}&date_from={day(0)}&date_to={day(DAYS)}")

    return {"filtered list": filtered, "one event": one, "dyad series": series}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--store", type=Path, default=None)
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args()
    path = args.store or Path(f"/tmp/dyad-bench-{args.events}.db")
    if not path.exists():
        build(path, args.events)
    from fastapi.testclient import TestClient

    from dyad.api import create_app

    client = TestClient(create_app(path))
    rng = random.Random(11)
    results = {name: measure(call, args.requests)
               for name, call in queries(client, args.events, rng).items()}  # fmt: skip
    if args.json:
        print(json.dumps({"events": args.events, "requests": args.requests, **results}))
        return
    print(f"{args.events} events, {args.requests} requests each (TestClient, in process)")
    for name, r in results.items():
        print(f"  {name:14} p50 {r['p50_ms']:7.1f} ms   p95 {r['p95_ms']:7.1f} ms   "
              f"max {r['max_ms']:7.1f} ms")  # fmt: skip


if __name__ == "__main__":
    main()
