"""A batch of articles written at once (`Store.add_batch`, one statement per table) leaves the
same rows as the same articles written one at a time: events, their actors, mentions and
sources, the tallies, the articles' actors, places, quotes and the actors' counts, aliases and
first and last dates (an actor named by several articles of one batch included)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import sqlite3
from pathlib import Path

from dyad.model import (
    ActorMention,
    Article,
    ArticleResult,
    Event,
    Evidence,
    Place,
    PlaceMention,
    Quote,
    Source,
    Span,
)
from dyad.store import open_store

TEXT = "Ruritania and Borduria officials met in Zenda, the agency said."
NAMES = [("GOV:RUR", "Ruritania", "RUR"), ("GOV:BOR", "Borduria", "BOR"), (None, "officials", None)]
ZENDA = Place(900001, "Zenda", "RUR", "Zenda Province", 50.1, 14.4, "PPLA", 120_000)
# Not in the stored table's left-out columns: when a row was written, and by which run.
STAMPS = {"ingested_at", "run_id", "updated_at"}


def _mention(rng: random.Random) -> ActorMention:
    actor_id, name, country = rng.choice(NAMES)
    start = TEXT.index(name)
    return ActorMention(
        span=Span(start, start + len(name), name),
        actor_id=actor_id,
        name=name,
        country=country,
        sector="government",
        kind="country" if actor_id else "group",
        method="dictionary",
        confidence=rng.choice([0.6, 0.9]),
    )


def _result(rng: random.Random, a: int) -> ArticleResult:
    day = dt.date(2026, 1, 1) + dt.timedelta(days=rng.randrange(60))
    article = Article(f"art{a}", TEXT, day, source=rng.choice(["Example Wire", "Sample Post"]))
    place = PlaceMention(Span(40, 45, "Zenda"), ZENDA)
    events = tuple(
        Event(
            id=f"ev{a}_{i}",
            article_id=article.id,
            type=rng.choice(["CONSULT", "ACCUSE", "AID"]),
            actors=(_mention(rng),),
            recipients=tuple(_mention(rng) for _ in range(rng.randrange(2))),
            evidence=(Evidence(Span(33, 36, "met"), Span(0, 46, TEXT[:46])),),
            quad_class=rng.choice([1, 3, None]),
            goldstein=rng.choice([1.0, -2.0, None]),
            date=rng.choice([day, None]),
            place=rng.choice([ZENDA, None]),
            attribution=(Source("the agency", "outlet"),) if rng.random() < 0.5 else (),
            confidence=rng.choice([0.3, 0.49, 0.8]),
        )
        for i in range(rng.randrange(4))
    )
    mentions = tuple(m for e in events for m in (*e.actors, *e.recipients))
    quote = Quote(
        f"q{a}", Span(0, 46, TEXT[:46]), "indirect", speaker=mentions[0] if mentions else None
    )
    return ArticleResult(article, events, actors=mentions, places=(place,), quotes=(quote,))


def _rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table but `runs`, without the columns that stamp when and by
    which run it was written, sorted."""
    conn = sqlite3.connect(path)
    tables = [
        r[0]
        for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        if r[0] != "runs"
    ]
    out = {}
    for table in tables:
        columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
        kept = ", ".join(c for c in columns if c not in STAMPS)
        out[table] = sorted(conn.execute(f"SELECT {kept} FROM {table}"), key=repr)
    conn.close()
    return out


def _write(path: Path, batches: list[list[ArticleResult]]) -> None:
    with open_store(path) as store:
        run = store.start_run("t", pipeline_version="t", model_version=None)
        for batch in batches:
            store.add_batch(batch, run_id=run, pipeline_version="t", model_version=None)


def test_a_batch_written_at_once_leaves_the_rows_of_one_article_at_a_time(
    tmp_path: Path,
) -> None:
    rng = random.Random(5)
    results = [_result(rng, a) for a in range(40)]
    _write(tmp_path / "once.db", [results[:25], results[25:]])
    _write(tmp_path / "each.db", [[r] for r in results])
    once, each = _rows(tmp_path / "once.db"), _rows(tmp_path / "each.db")
    assert len(once["events"]) > 40 and len(once["event_tallies"]) > 40
    assert len(once["actors"]) == 2 and once["places"]
    assert once == each


def test_a_batch_skips_the_articles_already_stored(tmp_path: Path) -> None:
    rng = random.Random(6)
    results = [_result(rng, a) for a in range(10)]
    again = [dataclasses.replace(r, warnings=("read again",)) for r in results[:5]]
    _write(tmp_path / "twice.db", [results[:5], again + results[5:]])
    _write(tmp_path / "once.db", [results])
    assert _rows(tmp_path / "twice.db") == _rows(tmp_path / "once.db")
