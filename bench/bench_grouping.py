"""Grouping speed: time to add 1,000 articles' events to a store already holding 100,000
grouped events (synthetic, deterministic).

    python bench/bench_grouping.py                      # 100,000 events, then 1,000 articles
    python bench/bench_grouping.py --events 20000 --articles 200   # a quicker run
    python bench/bench_grouping.py --tracker --baseline ../old/src  # side by side

`--tracker` also times reading the tracker of every story the new articles joined, as a
reader does after an ingest. `--baseline SRC` runs the same measurement on the code under SRC
(another checkout's `src`, grouping only, as it then measured) and on this one, each in its
own process, one after the other, and prints the ratio.

Synthetic articles hold five events each, among 60 countries and 200 places over two
years, with sentences built from a small vocabulary; a third of the new articles re-report
happenings already in the store, so grouping has real candidates to compare.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import importlib.util
import itertools
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from dyad.model import (
    PLOVER_TYPES,
    ActorMention,
    Article,
    ArticleResult,
    Event,
    Evidence,
    Place,
    Span,
)
from dyad.store import Store, open_store

# the grouping entry point moved between versions; a baseline checkout may have the old one
GROUPING = "dyad.grouping.stored" if importlib.util.find_spec("dyad.grouping") else "dyad.tracking"
update_groups: Any = importlib.import_module(GROUPING).update_groups

COUNTRIES = [f"C{i:02d}" for i in range(60)]
PLACES = [Place(i + 1, f"Town {i}", COUNTRIES[i % 60], None, 0.0, 0.0, "PPL") for i in range(200)]
WORDS = [
    "border",
    "talks",
    "troops",
    "ceasefire",
    "sanctions",
    "envoy",
    "minister",
    "summit",
    "aid",
    "convoy",
    "protest",
    "agreement",
    "prisoners",
    "exchange",
    "officials",
    "capital",
    "ministry",
    "delegation",
    "attack",
]
START = dt.date(2029, 1, 1)
PER_ARTICLE = 5


def happening(rng: random.Random) -> tuple:
    a, b = rng.sample(COUNTRIES, 2)
    return (rng.choice(PLOVER_TYPES), a, b, START + dt.timedelta(days=rng.randrange(730)),
            rng.choice(PLACES), " ".join(rng.sample(WORDS, 6)))  # fmt: skip


def article(n: int, happenings: list[tuple], rng: random.Random) -> ArticleResult:
    aid = f"art{n:07d}"
    events = []
    for k, (kind, a, b, date, place, words) in enumerate(happenings):
        text = f"{a} and {b} {words} in {place.name}"
        actors = (ActorMention(Span(0, 3, a), f"GOV:{a}", a, a, "government"),)
        recipients = (ActorMention(Span(8, 11, b), f"GOV:{b}", b, b, "government"),)
        events.append(Event(
            id=f"ev_{aid}_{k}", article_id=aid, type=kind, actors=actors, recipients=recipients,
            evidence=(Evidence(Span(4, 7, "and"), Span(0, len(text), text)),), date=date,
            date_source="text", date_granularity="day", place=place, place_source="text",
            quad_class=rng.randint(1, 4), goldstein=rng.uniform(-10, 10),
        ))  # fmt: skip
    published = max(e.date for e in events if e.date) + dt.timedelta(days=1)
    return ArticleResult(Article(aid, "synthetic " * 5, published, source=f"Pub {n % 40}"),
                         events=tuple(events))  # fmt: skip


def synthetic(count: int, rng: random.Random, *, start: int = 0, seen: list[tuple],
              batch: int = 200) -> Iterator[list[ArticleResult]]:  # fmt: skip
    """`count` synthetic articles, numbered from `start`, in batches."""
    for first in range(start, start + count, batch):
        results = []
        for n in range(first, min(first + batch, start + count)):
            chosen = [rng.choice(seen) if seen and rng.random() < 0.33 else happening(rng)
                      for _ in range(PER_ARTICLE)]  # fmt: skip
            seen.extend(chosen)
            results.append(article(n, chosen, rng))
        yield results


def replicated(seed_articles: int, events: int, articles: int) -> Iterator[ArticleResult]:
    """Copies of PolNeAR articles read by the real pipeline, each with new ids and a new date,
    as `bench_query.py` builds its store (`query_store.copies`, in date order): real events,
    and groups and stories that grow with every round of copies; enough for `events` events
    and then `articles` articles."""
    from query_store import copies, default_corpus, seed_results

    seed = seed_results(default_corpus(), seed_articles)
    most = max(len(r.events) for r in seed)
    return copies(seed, events + articles * most, random.Random(7))


def batches(
    articles: Iterator[ArticleResult], count: int, size: int
) -> Iterator[list[ArticleResult]]:
    """The next `count` of `articles`, in batches of `size`."""
    for first in range(0, count, size):
        yield list(itertools.islice(articles, min(size, count - first)))


def fill(store: Store, batches: Iterable[list[ArticleResult]]) -> tuple[float, float]:
    """Add the articles in `batches`, grouping each; return the wall and CPU seconds spent
    grouping (CPU time does not count waiting for a busy machine)."""
    run = store.start_run("bench", pipeline_version="bench", model_version=None)
    grouping = cpu = 0.0
    for results in batches:
        store.add_batch(results, run_id=run, pipeline_version="bench", model_version=None)
        started, started_cpu = time.perf_counter(), time.process_time()
        update_groups(store, [r.article.id for r in results])
        grouping += time.perf_counter() - started
        cpu += time.process_time() - started_cpu
    return grouping, cpu


def read_trackers(store: Store, article_ids: list[str]) -> tuple[float, float, int]:
    """Wall and CPU seconds to read the tracker of every story holding one of `article_ids`."""
    from dyad.grouping.stored import tracker

    story_ids = sorted({row[0] for row in store.story_articles(article_ids).values()})
    started, started_cpu = time.perf_counter(), time.process_time()
    for story_id in story_ids:
        tracker(store, story_id=story_id)
    return time.perf_counter() - started, time.process_time() - started_cpu, len(story_ids)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000, help="events already stored")
    parser.add_argument("--articles", type=int, default=1_000, help="articles then added")
    parser.add_argument("--batch", type=int, default=200, help="articles per batch")
    parser.add_argument("--store", help="keep the store at this path (default: temporary)")
    parser.add_argument("--tracker", action="store_true", help="also read the stories' trackers")
    parser.add_argument("--baseline", help="`src` folder of the code to compare with")
    parser.add_argument(
        "--replicated", type=int, default=0, metavar="N", help="copies of N PolNeAR articles"
    )
    args = parser.parse_args(argv)
    if args.baseline:
        return compare(args)
    rng = random.Random(7)
    seen: list[tuple] = []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(args.store or Path(folder) / "bench.db")
        with open_store(path) as store:
            base = args.events // PER_ARTICLE
            if args.replicated:
                source = replicated(args.replicated, args.events, args.articles)
                first = _until(source, args.events, args.batch)
                added = list(batches(source, args.articles, args.batch))
            else:
                first = synthetic(base, rng, seen=seen, batch=args.batch)
                added = None
            started = time.perf_counter()
            fill(store, first)
            built = time.perf_counter() - started
            stored = store.conn.execute("SELECT count(*) FROM events").fetchone()[0]
            groups_before = store.count_groups()
            if added is None:
                added = list(synthetic(args.articles, rng, start=base, seen=seen, batch=args.batch))
            started = time.perf_counter()
            grouping, cpu = fill(store, added)
            total = time.perf_counter() - started
            groups_after = store.count_groups()
            new_ids = [r.article.id for b in added for r in b]
            read = read_trackers(store, new_ids) if args.tracker else None
    print(f"base store: {stored:,} events, {groups_before:,} groups, built in "
          f"{built:.1f} s")  # fmt: skip
    events = sum(len(r.events) for b in added for r in b)
    print(f"added {len(new_ids):,} articles ({events:,} events) in "
          f"{total:.1f} s, of which grouping {grouping:.1f} s ({cpu:.1f} s CPU), "
          f"{len(new_ids) / grouping:.0f} articles/s; groups now {groups_after:,}")  # fmt: skip
    if read is not None:
        wall, read_cpu, stories = read
        print(f"trackers of the {stories:,} stories joined: {wall:.1f} s ({read_cpu:.1f} s CPU)")
        print(f"grouping and trackers: {grouping + wall:.1f} s ({cpu + read_cpu:.1f} s CPU)")
    return 0


def _until(
    articles: Iterator[ArticleResult], events: int, size: int
) -> Iterator[list[ArticleResult]]:
    """Batches of `size` of `articles` until `events` events are taken."""
    taken = 0
    while taken < events:
        batch = []
        for result in itertools.islice(articles, size):
            batch.append(result)
            taken += len(result.events)
            if taken >= events:
                break
        if not batch:
            return
        yield batch


def compare(args: argparse.Namespace) -> int:
    """The baseline's grouping, then this code's grouping and trackers, and their ratios."""
    here = Path(__file__).resolve()
    common = ["--events", str(args.events), "--articles", str(args.articles),
              "--batch", str(args.batch), "--replicated", str(args.replicated)]  # fmt: skip
    runs = {
        "baseline": (str(Path(args.baseline).resolve()), common),
        "this": (str(here.parents[1] / "src"), [*common, "--tracker"]),
    }
    seconds: dict[str, tuple[float, float]] = {}
    outputs: dict[str, str] = {}
    for name, (src, extra) in runs.items():
        env = {**os.environ, "PYTHONPATH": src}
        done = subprocess.run([sys.executable, str(here), *extra], env=env, check=True,
                              capture_output=True, text=True)  # fmt: skip
        print(f"--- {name} ({src})\n{done.stdout.strip()}")
        seconds[name] = _seconds(done.stdout)
        outputs[name] = done.stdout
    (old, old_cpu), (new, new_cpu) = seconds["baseline"], seconds["this"]
    (_, alone_cpu) = _seconds(outputs["this"], tracker=False)
    print(f"ratio (this grouping / baseline grouping): {alone_cpu / old_cpu:.2f} CPU")
    print(f"ratio (this grouping and trackers / baseline grouping): {new / old:.2f} wall, "
          f"{new_cpu / old_cpu:.2f} CPU")  # fmt: skip
    return 0


def _seconds(stdout: str, *, tracker: bool = True) -> tuple[float, float]:
    """Wall and CPU seconds of grouping (and trackers, when read and `tracker`) from a run's
    output."""
    both = tracker and re.search(r"grouping and trackers: ([\d.]+) s \(([\d.]+) s CPU\)", stdout)
    only = re.search(r"of which grouping ([\d.]+) s \(([\d.]+) s CPU\)", stdout)
    found = both or only
    if found is None:
        raise SystemExit(f"no grouping time in:\n{stdout}")
    return float(found.group(1)), float(found.group(2))


if __name__ == "__main__":
    sys.exit(main())
