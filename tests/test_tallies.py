"""The tallies kept at ingest (migration 9) give the dashboard's timeline, summary and network
the answers of the scan over events: on random fictional events (fast), after an actor merge,
when a store made before migration 9 is opened, and on a real ingest of the bundled examples."""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from dyad.model import ActorMention, Article, ArticleResult, Event, Evidence, Span
from dyad.query import EventFilter, plan
from dyad.store import Store, open_store
from dyad.store.tallies import tally_scope

TEXT = "Ruritania and Borduria officials met in Zenda."
SIDES = [("GOV:RUR", "RUR"), ("GOV:BOR", "BOR"), ("GOV:SYL", "SYL"), (None, "KLW"), (None, None)]
TYPES = [("CONSULT", 1, 1.0), ("ACCUSE", 3, -2.0), ("ASSAULT", 4, -10.0), ("AID", 2, 7.4)]
CONFIDENCES = [0.12, 0.488, 0.49, 0.495, 0.5, 0.51, 0.9, 1.0]
INTERVALS = ("day", "month", "year")


def _mention(rng: random.Random) -> ActorMention:
    actor_id, country = rng.choice(SIDES)
    return ActorMention(
        span=Span(0, 9, "Ruritania"),
        actor_id=actor_id,
        name="Ruritania",
        country=country,
        sector="government",
        kind="country",
        method="dictionary",
        confidence=0.9,
    )


def _event(rng: random.Random, article_id: str, i: int) -> Event:
    kind, quad, score = rng.choice([*TYPES, ("REQUEST", None, None)])
    day = dt.date(2026, 1, 1) + dt.timedelta(days=rng.randrange(400))
    return Event(
        id=f"ev_{article_id}_{i}",
        article_id=article_id,
        type=kind,
        actors=tuple(_mention(rng) for _ in range(rng.randrange(3))),
        recipients=tuple(_mention(rng) for _ in range(rng.randrange(3))),
        evidence=(Evidence(Span(31, 34, "met"), Span(0, len(TEXT), TEXT)),),
        quad_class=quad,
        goldstein=score,
        polarity=rng.choice(["asserted", "negated"]),
        modality=rng.choice(["actual", "planned"]),
        historical=rng.random() < 0.1,
        date=None if rng.random() < 0.1 else day,
        confidence=rng.choice(CONFIDENCES),
    )


def _results(count: int, seed: int = 3) -> list[ArticleResult]:
    rng = random.Random(seed)
    out = []
    for a in range(count):
        article = Article(f"t{a}", TEXT, dt.date(2026, 1, 1), source="Example Wire")
        events = tuple(_event(rng, article.id, i) for i in range(5))
        mentions = tuple(m for e in events for m in (*e.actors, *e.recipients))
        out.append(ArticleResult(article, events, actors=mentions))
    return out


def _filters(store: Store) -> list[EventFilter]:
    """Filters the tallies answer (parties, statuses, dates, thresholds) and some they do not."""
    busiest = store.conn.execute(
        "SELECT a.actor_id, r.actor_id FROM event_actors a JOIN event_actors r"
        " ON r.event = a.event AND a.role = 'actor' AND r.role = 'recipient'"
        " WHERE a.actor_id IS NOT NULL AND r.actor_id IS NOT NULL"
        " GROUP BY 1, 2 ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()
    country = store.conn.execute(
        "SELECT country FROM event_actors WHERE country IS NOT NULL"
        " GROUP BY 1 ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()[0]
    start = dt.date(2026, 3, 1)
    return [
        EventFilter(),
        EventFilter(min_confidence=0.49),
        EventFilter(min_confidence=0.5, polarity="asserted"),
        EventFilter(min_confidence=0.495),  # not whole hundredths: the scan answers
        EventFilter(type="consult", modality="actual", historical=False),
        EventFilter(date_from=start, date_to=start + dt.timedelta(days=60), min_confidence=0.49),
        EventFilter(date_to=start),
        EventFilter(actor=busiest[0], min_confidence=0.49),
        EventFilter(recipient=busiest[1]),
        EventFilter(actor=busiest[0], recipient=busiest[1], date_from=start),
        EventFilter(country=country, min_confidence=0.49),
        EventFilter(country=country, actor=busiest[0]),  # two parties: the scan answers
        EventFilter(text="met", min_confidence=0.49),
    ]


def _same(tallied: Any, scanned: Any) -> None:
    """Equal, but for mean Goldstein scores summed in another order (last digit)."""
    if isinstance(scanned, dict):
        assert tallied.keys() == scanned.keys()
        for key in scanned:
            _same(tallied[key], scanned[key])
    elif isinstance(scanned, list):
        assert len(tallied) == len(scanned), (tallied, scanned)
        for a, b in zip(tallied, scanned, strict=True):
            _same(a, b)
    elif isinstance(scanned, float):
        assert tallied == pytest.approx(scanned, abs=0.0011)
    else:
        assert tallied == scanned


def _check(store: Store) -> int:
    """Compare tallies and scan for every filter and interval; the number answered by tallies."""
    answered = 0
    for where in _filters(store):
        planned = plan(store, where, page=False)
        answered += tally_scope(planned) is not None
        for interval in INTERVALS:
            _same(
                store.timeline(planned, interval=interval),
                store.timeline(planned, interval=interval, tallied=False),
            )
            _same(
                store.summary(planned, interval=interval),
                store.summary(planned, interval=interval, tallied=False),
            )
        _same(store.edges(planned, limit=50), store.edges(planned, limit=50, tallied=False))
        counted = store.count_within(planned, seconds=60, tallied=False)
        assert store.count_within(planned, seconds=60) == counted
        assert store.count_within(plan(store, where), seconds=60) == counted  # a page's plan
    return answered


def test_tallies_answer_as_the_scan_on_random_events(tmp_path: Path) -> None:
    with open_store(tmp_path / "t.db") as store:
        run = store.start_run("test", pipeline_version="t", model_version=None)
        store.add_batch(_results(60), run_id=run, pipeline_version="t", model_version=None)
        assert store.conn.execute("SELECT count(*) FROM event_tallies").fetchone()[0] > 0
        hidden = store.timeline(EventFilter(min_confidence=0.49), interval="year")
        every = store.timeline(EventFilter(), interval="year")
        assert sum(r["events"] for r in hidden) < sum(r["events"] for r in every)
        assert _check(store) >= 9


def test_a_merge_of_actors_moves_their_tallies(tmp_path: Path) -> None:
    with open_store(tmp_path / "t.db") as store:
        run = store.start_run("test", pipeline_version="t", model_version=None)
        store.add_batch(_results(30), run_id=run, pipeline_version="t", model_version=None)
        store.merge_actors("GOV:RUR", "GOV:SYL")
        gone = store.conn.execute(
            "SELECT count(*) FROM event_tallies WHERE scope LIKE '%GOV:SYL%'"
        ).fetchone()[0]
        assert gone == 0
        assert _check(store) >= 9


def test_migration_9_fills_the_tallies_of_an_older_store(tmp_path: Path) -> None:
    path = tmp_path / "t.db"
    with open_store(path) as store:
        run = store.start_run("test", pipeline_version="t", model_version=None)
        store.add_batch(_results(30), run_id=run, pipeline_version="t", model_version=None)
        before = store.conn.execute("SELECT * FROM event_tallies ORDER BY 1, 2, 3, 4, 5, 6, 7, 8")
        expected = [tuple(r) for r in before]
    conn = sqlite3.connect(path)
    conn.executescript(
        "DROP TABLE event_tallies; DROP TABLE edge_tallies; DROP INDEX event_groups_seen;"
        " PRAGMA user_version = 8"
    )
    conn.close()
    with open_store(path) as store:
        after = store.conn.execute("SELECT * FROM event_tallies ORDER BY 1, 2, 3, 4, 5, 6, 7, 8")
        assert [tuple(r) for r in after] == expected
        assert _check(store) >= 9


@pytest.mark.model
@pytest.mark.slow
def test_tallies_answer_as_the_scan_on_the_bundled_examples(tmp_path: Path) -> None:
    from dyad.grouping.stored import event_groups
    from dyad.pipeline import run_ingest
    from dyad.settings import load_settings

    examples = Path(str(resources.files("dyad") / "data" / "examples"))
    path = tmp_path / "examples.db"
    with open_store(path) as store:
        run_ingest([examples], store, load_settings(store=str(path)))
        assert _check(store) >= 9
        shown = EventFilter(min_confidence=0.49)
        walked = [g.id for g in event_groups(store, shown, limit=20)]
        listed = [
            r[0]
            for r in store.conn.execute(
                "SELECT g.id FROM event_groups g WHERE g.key IN (SELECT m.grp FROM"
                " group_members m JOIN events e ON e.key = m.event WHERE e.confidence >= 0.49)"
                " ORDER BY g.last_seen IS NULL, g.last_seen DESC, g.id LIMIT 20"
            )
        ]
        assert walked == listed and len(walked) == 20
