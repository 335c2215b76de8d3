"""The store `bench_query.py` measures: events of a real ingest, replicated.

A seed corpus (PolNeAR training texts when the gold data is there, else the bundled examples)
is read once by the real pipeline; its results are kept in a pickle in the temporary folder.
The store is then built through the real write path (`Store.add_batch`, then
`update_groups`, as `dyad ingest` commits a batch) from copies of the seed results: new
article, event and quote ids, every copy of an article moved to its own day in two years,
the actors, places, texts and evidence of the real events kept; copies are stored in date
order, as a feed brings them.

Batches of `BATCH` articles are each one transaction, then grouped. A store carries a
`bench_store` table naming how it was built (the spec, with its seed's name), how many
events it holds so far and whether it is done; a file without it is not touched (the script
refuses it), one built otherwise is rebuilt, one of an older schema but the same build is
migrated, and one left part-built is built on (the articles stored are skipped, a batch
stored but not grouped is grouped first).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import pickle
import random
import sqlite3
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from importlib import resources
from pathlib import Path

from bench_ingest import POLNEAR, polnear_jsonl

from dyad.model import ArticleResult, Event

START = dt.date(2025, 1, 1)
DAYS = 730  # copies spread over two years
MARK = 6  # version of the way this module builds a store: a change rebuilds older ones
BATCH = 2000  # articles per transaction: each group a batch touches is rebuilt once per batch


def seed_results(corpus: str, limit: int) -> list[ArticleResult]:
    """The seed corpus read by the real pipeline (cached in the temporary folder)."""
    cache = Path(tempfile.gettempdir()) / f"{seed_name(corpus, limit)}.pkl"
    if cache.exists():
        with cache.open("rb") as f:
            return pickle.load(f)  # a file this script wrote
    started = time.perf_counter()
    results = _read(corpus, limit)
    print(
        f"seed: read {len(results)} articles ({sum(len(r.events) for r in results)} events)"
        f" of {corpus} in {time.perf_counter() - started:.0f} s",
        file=sys.stderr,
    )
    with cache.open("wb") as f:
        pickle.dump(results, f)
    return results


def seed_name(corpus: str, limit: int) -> str:
    """The seed's name: its corpus, size, pipeline version and model module (the pickle holds
    model values: a change of their module reads the seed again)."""
    import dyad.model
    from dyad.pipeline import PIPELINE_VERSION

    shape = hashlib.sha1(Path(dyad.model.__file__).read_bytes()).hexdigest()[:10]
    return f"dyad-bench-seed-{corpus}-{limit}-{PIPELINE_VERSION}-{shape}"


def _read(corpus: str, limit: int) -> list[ArticleResult]:
    from dyad.ingest import read_articles
    from dyad.pipeline import load_resources, process_batch
    from dyad.settings import load_settings

    with tempfile.TemporaryDirectory() as tmp:
        if corpus == "polnear":
            paths = [polnear_jsonl(limit, Path(tmp))]
        else:
            paths = [Path(str(resources.files("dyad") / "data" / "examples"))]
        articles = [a for a in read_articles(paths) if not hasattr(a, "reason")][:limit]
    loaded = load_resources(load_settings())
    out: list[ArticleResult] = []
    for start in range(0, len(articles), 32):
        batch = process_batch(articles[start : start + 32], loaded)
        out += [r for r in batch if isinstance(r, ArticleResult)]
    return out


def default_corpus() -> str:
    return "polnear" if (POLNEAR / "metadata.tsv").exists() else "examples"


def copies(
    seed: Sequence[ArticleResult], events: int, rng: random.Random
) -> Iterator[ArticleResult]:
    """Copies of the seed articles, in rounds, until `events` events are made, yielded in
    publication-date order as a feed brings them: each batch then touches the groups and
    stories of a few weeks, not of the whole two years. The copies, their ids and days are
    those drawn round by round; only the order they arrive in follows the date."""
    if not any(r.events for r in seed):
        raise ValueError("the seed holds no events to copy")
    drawn: list[tuple[dt.date, int, int]] = []
    made, k = 0, 0
    while made < events:
        for i, result in enumerate(seed):
            if made >= events:
                break
            drawn.append((START + dt.timedelta(days=rng.randrange(DAYS)), k, i))
            made += len(result.events)
        k += 1
    for day, k, i in sorted(drawn):
        yield _copy(seed[i], k, day)


def _copy(result: ArticleResult, k: int, day: dt.date) -> ArticleResult:
    """`result` as the `k`th copy of its article, published on `day`: its dates moved by as
    many days as the article's own date, every id made new."""
    article = result.article
    anchor = article.date or next((e.date for e in result.events if e.date), day)
    shift = day - anchor

    def moved(value: dt.date | None) -> dt.date | None:
        return None if value is None else value + shift

    def new(value: str | None) -> str | None:
        return None if value is None else f"{value}~{k}"

    aid = f"{article.id}~{k}"

    def event(e: Event) -> Event:
        return dataclasses.replace(
            e,
            id=f"{e.id}~{k}",
            article_id=aid,
            date=moved(e.date),
            date_end=moved(e.date_end),
            quote_id=new(e.quote_id),
            parent_id=new(e.parent_id),
        )

    return dataclasses.replace(
        result,
        article=dataclasses.replace(article, id=aid, date=moved(article.date)),
        events=tuple(event(e) for e in result.events),
        quotes=tuple(dataclasses.replace(q, id=f"{q.id}~{k}") for q in result.quotes),
    )


def marker(path: Path) -> dict | None:
    """How the store at `path` was built by this script (its `spec`, the `events` stored so
    far, whether it is `done` and the build's `figures`); None when it was not."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        row = conn.execute("SELECT spec, events, done, figures FROM bench_store").fetchone()
    except sqlite3.DatabaseError:
        return None
    finally:
        conn.close()
    if row is None:
        return None
    return {
        "spec": json.loads(row[0]),
        "events": row[1],
        "done": bool(row[2]),
        "figures": json.loads(row[3]),
    }


def spec(events: int, corpus: str, limit: int) -> dict:
    from dyad.store.migrations import MIGRATIONS

    return {
        "mark": MARK,
        "events": events,
        "corpus": corpus,
        "seed_articles": limit,
        "seed": seed_name(corpus, limit),
        "batch": BATCH,
        "schema": MIGRATIONS[-1][0],
    }


def build(path: Path, want: dict, *, minutes: float | None = None) -> dict:
    """Build the store at `path` as `want` says, or go on with one left part-built; stop at
    the first batch boundary after `minutes`. The build's figures (of every part)."""
    from dyad.grouping.stored import update_groups
    from dyad.store import open_store

    seed = seed_results(want["corpus"], want["seed_articles"])
    clock = _Clock(minutes)
    with open_store(path) as store:
        figures = _resume(store, want)
        run = store.start_run("bench", pipeline_version="bench", model_version=None)
        update_groups(store, store.ungrouped_article_ids())  # a batch stored, not grouped
        pending: list[ArticleResult] = []
        for copy in copies(seed, want["events"], random.Random(7)):
            pending.append(copy)
            if len(pending) >= want["batch"]:
                stored = _commit(store, run, pending, figures, clock)
                pending = []
                if stored and clock.over():
                    break
        else:
            if pending:
                _commit(store, run, pending, figures, clock)
        done = not clock.over() or figures["events"] >= want["events"]
        store.finish_run(run, status="finished", read=figures["articles"], known=0)
        store.conn.execute("ANALYZE")  # a part-built store is measured with --partial
        store.conn.execute("UPDATE bench_store SET done = ?", (int(done),))
    figures["bytes"] = path.stat().st_size
    return figures


class _Clock:
    """Wall and CPU time of this part of a build, and its time limit."""

    def __init__(self, minutes: float | None) -> None:
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        self.limit = None if minutes is None else self.wall + 60 * minutes

    def over(self) -> bool:
        """Whether the time limit has passed."""
        return self.limit is not None and time.perf_counter() > self.limit


def _resume(store, want: dict) -> dict:
    """The figures of the build so far: a new build marks the store as its own first."""
    names = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master")}
    if "bench_store" in names:
        row = store.conn.execute("SELECT spec, figures FROM bench_store").fetchone()
        if json.loads(row[0]) != want:
            raise RuntimeError(f"{store.path} was started as another build")
        figures = json.loads(row[1])
        figures["parts"] += 1
        return figures
    if store.conn.execute("SELECT 1 FROM events LIMIT 1").fetchone():
        raise RuntimeError(f"{store.path} holds events of another build: give another path")
    figures = {"articles": 0, "events": 0, "store_s": 0.0, "group_s": 0.0}
    figures.update(wall_s=0.0, cpu_s=0.0, parts=1)
    with store.transaction() as conn:
        conn.execute(
            "CREATE TABLE bench_store (spec TEXT NOT NULL, events INTEGER NOT NULL,"
            " done INTEGER NOT NULL, figures TEXT NOT NULL)"
        )
        conn.execute("INSERT INTO bench_store VALUES (?, 0, 0, ?)", (json.dumps(want), "{}"))
    return figures


def _commit(store, run: str, results: list[ArticleResult], figures: dict, clock: _Clock) -> int:
    """Store and group one batch (the articles already stored left out), and count it; how
    many articles it stored."""
    from dyad.grouping.stored import update_groups

    known = store.known_articles(r.article.id for r in results)
    results = [r for r in results if r.article.id not in known]
    if not results:
        return 0
    started = time.perf_counter()
    stats = store.add_batch(results, run_id=run, pipeline_version="bench", model_version=None)
    stored = time.perf_counter()
    update_groups(store, [r.article.id for r in results])
    wall, cpu = time.perf_counter(), time.process_time()
    figures["store_s"] += stored - started
    figures["group_s"] += wall - stored
    figures["wall_s"] += wall - clock.wall
    figures["cpu_s"] += cpu - clock.cpu
    clock.wall, clock.cpu = wall, cpu
    figures["articles"] += stats.articles_new
    figures["events"] += stats.events
    with store.transaction() as conn:
        conn.execute(
            "UPDATE bench_store SET events = ?, figures = ?",
            (figures["events"], json.dumps(figures)),
        )
    print(
        f"  built {figures['events']} events ({figures['store_s']:.0f} s storing,"
        f" {figures['group_s']:.0f} s grouping, {figures['cpu_s']:.0f} s CPU)",
        file=sys.stderr,
    )
    return stats.articles_new


def write_cost(
    corpus: str, limit: int, *, events: int = 4000, rounds: int = 3, seed_file: Path | None = None
) -> dict:
    """CPU seconds of `Store.add_batch` for `events` replicated events into a new store,
    with the tallies (migration 9) and without them (their writer made a no-op), alternated
    `rounds` times in this process; the best of each and their ratio. `seed_file`: a seed
    pickle to read instead of this code's own (another checkout's code, same model values)."""
    import dyad.store.writes as writes
    from dyad.store import open_store

    if seed_file is None:
        seed = seed_results(corpus, limit)
    else:
        with seed_file.open("rb") as f:
            seed = pickle.load(f)  # a file this script wrote
    results = list(copies(seed, events, random.Random(1)))
    real = writes.add_tallies
    times: dict[str, list[float]] = {"with": [], "without": []}
    try:
        for _ in range(rounds):
            for kind in ("without", "with"):
                writes.add_tallies = real if kind == "with" else _no_tallies
                with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "w.db") as store:
                    run = store.start_run("w", pipeline_version="w", model_version=None)
                    started = time.process_time()
                    for i in range(0, len(results), 200):
                        store.add_batch(
                            results[i : i + 200],
                            run_id=run,
                            pipeline_version="w",
                            model_version=None,
                        )
                    times[kind].append(time.process_time() - started)
    finally:
        writes.add_tallies = real
    best = {k: round(min(v), 2) for k, v in times.items()}
    return {**best, "events": events, "ratio": round(best["with"] / best["without"], 3)}


def _no_tallies(conn: sqlite3.Connection, event_ids: object, *, sign: int = 1) -> None:
    return None


def migrate(path: Path, want: dict) -> None:
    """Apply the migrations newer than the store at `path` (opening it for writing does), and
    mark it as built for `want`."""
    from dyad.store import open_store

    with open_store(path) as store:
        store.conn.execute("ANALYZE")
        store.conn.execute("UPDATE bench_store SET spec = ?", (json.dumps(want),))
