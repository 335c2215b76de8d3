"""The store: round trips, idempotence, transactions, filters, migrations. Model-free."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dyad.errors import StoreError
from dyad.model import (
    ActorMention,
    Article,
    ArticleResult,
    Event,
    Evidence,
    Place,
    Quote,
    Rejected,
    Source,
    Span,
    from_dict,
    to_dict,
)
from dyad.store import EventFilter, open_store

TEXT = "Ruritania will not attend the talks in Geneva on Friday, officials in Zenda said."


def _span(text: str, start: int, end: int) -> Span:
    return Span(start, end, text[start:end])


def _actor(
    name: str, country: str, start: int, end: int, actor_id: str | None = None
) -> ActorMention:
    return ActorMention(
        span=_span(TEXT, start, end), actor_id=actor_id or f"GOV:{country}", name=name,
        country=country, sector="government", kind="country", method="dictionary",
    )  # fmt: skip


def make_result(article_id: str = "a1", date: dt.date = dt.date(2026, 3, 5)) -> ArticleResult:
    article = Article(id=article_id, text=TEXT, date=date, source="Example Wire", origin="x.txt")
    ruritania = _actor("Ruritania", "RUR", 0, 9)
    evidence = Evidence(trigger=_span(TEXT, 19, 25), sentence=_span(TEXT, 0, len(TEXT)))
    geneva = Place(2660646, "Geneva", "CHE", "GE", 46.2, 6.14, "PPLA", 183981)
    event = Event(
        id=f"ev_{article_id}", article_id=article_id, type="CONSULT", actors=(ruritania,),
        recipients=(), evidence=(evidence,), polarity="negated", modality="planned",
        date=dt.date(2026, 3, 6), date_source="text", place=geneva, place_source="text",
        attribution=(Source("officials in Zenda", "actor"), Source("Example Wire", "publisher")),
        cameo="04", quad_class=1, goldstein=1.0,
    )  # fmt: skip
    quote = Quote(id=f"q_{article_id}", content=_span(TEXT, 0, 54), kind="indirect",
                  speaker_text="officials in Zenda", cue=_span(TEXT, 77, 81))  # fmt: skip
    return ArticleResult(article=article, events=(event,), actors=(ruritania,), quotes=(quote,))


def _add(store, results, rejected=()):
    run = store.start_run("test", pipeline_version="t", model_version=None)
    return store.add_batch(results, rejected, run_id=run, pipeline_version="t", model_version=None)


def test_a_result_comes_back_equal(tmp_path: Path) -> None:
    result = make_result()
    with open_store(tmp_path / "s.db") as store:
        _add(store, [result])
        assert store.article("a1") == result
        assert store.events() == list(result.events)
        assert store.event("ev_a1") == result.events[0]


def test_reingesting_adds_nothing(tmp_path: Path) -> None:
    with open_store(tmp_path / "s.db") as store:
        first = _add(store, [make_result()])
        again = _add(store, [make_result()])
        assert (first.articles_new, again.articles_new, again.articles_known) == (1, 0, 1)
        assert store.counts()["events"] == 1


def test_a_failed_batch_leaves_nothing_behind(tmp_path: Path) -> None:
    with open_store(tmp_path / "s.db") as store:
        with pytest.raises(RuntimeError), store.transaction() as conn:
            conn.execute("INSERT INTO runs (id, started_at, command, pipeline_version)"
                         " VALUES ('r', 'now', 'c', 'v')")  # fmt: skip
            raise RuntimeError("crash mid-batch")
        assert store.counts()["runs"] == 0


def test_rejected_inputs_are_kept_once(tmp_path: Path) -> None:
    bad = Rejected(origin="in.jsonl:3", reason="bad-json", message="line 3 is not JSON")
    with open_store(tmp_path / "s.db") as store:
        _add(store, [], [bad])
        _add(store, [], [bad])
        assert [(r["origin"], r["reason"]) for r in store.rejected()] == [
            ("in.jsonl:3", "bad-json")
        ]


@pytest.mark.parametrize(
    ("where", "found"),
    [
        (EventFilter(actor="Ruritania"), 1),
        (EventFilter(actor="GOV:RUR"), 1),
        (EventFilter(recipient="Ruritania"), 0),
        (EventFilter(country="rur"), 1),
        (EventFilter(type="consult"), 1),
        (EventFilter(type="ASSAULT"), 0),
        (EventFilter(date_from=dt.date(2026, 3, 6), date_to=dt.date(2026, 3, 6)), 1),
        (EventFilter(date_from=dt.date(2026, 3, 7)), 0),
        (EventFilter(text="Geneva"), 1),
        (EventFilter(text="100%"), 0),
        (EventFilter(source="officials in Zenda"), 1),
        (EventFilter(source="Example Wire"), 1),
        (EventFilter(polarity="asserted"), 0),
    ],
)
def test_filters(tmp_path: Path, where: EventFilter, found: int) -> None:
    with open_store(tmp_path / "s.db") as store:
        _add(store, [make_result()])
        assert len(store.events(where)) == found
        assert store.count_events(where) == found


def test_article_by_unique_prefix_and_frame(tmp_path: Path) -> None:
    with open_store(tmp_path / "s.db") as store:
        _add(store, [make_result("abc123"), make_result("abd456"), make_result("x_y%1")])
        assert store.article("abc").article.id == "abc123"
        assert store.article("ab") is None  # ambiguous
        assert store.article("x_y%").article.id == "x_y%1"  # no wildcards in an id
        assert store.article("x_z") is None
        frame = store.events_frame()
        assert list(frame["actors"]) == ["GOV:RUR"] * 3


def test_actors_accumulate_and_merge(tmp_path: Path) -> None:
    with open_store(tmp_path / "s.db") as store:
        _add(
            store, [make_result("a1", dt.date(2026, 3, 5)), make_result("a2", dt.date(2026, 1, 2))]
        )
        (row,) = store.actor_rows()
        assert (row["mentions"], row["first_seen"], row["last_seen"]) == (
            2,
            "2026-01-02",
            "2026-03-05",
        )
        other = make_result("a3")
        other_actor = _actor("Ruritanian government", "RUR", 0, 9, actor_id="GOV:RUR2")
        _add(store, [ArticleResult(article=other.article, actors=(other_actor,))])
        store.merge_actors("GOV:RUR", "GOV:RUR2")
        assert [a.id for a in store.actors()] == ["GOV:RUR"]
        with pytest.raises(StoreError, match="unknown actor"):
            store.merge_actors("GOV:RUR", "GOV:NOPE")


def test_schema_is_versioned_and_newer_stores_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    with open_store(path) as store:
        assert store.schema_version >= 1
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 999")
    conn.close()
    with pytest.raises(StoreError, match="upgrade dyad"):
        open_store(path)
    with pytest.raises(StoreError, match="upgrade dyad"):  # a reader too
        open_store(path, read_only=True)


def test_missing_or_foreign_files_give_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="dyad ingest"):
        open_store(tmp_path / "none.db", read_only=True)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(StoreError, match="not a Dyad store"):
        open_store(junk)


def test_a_reader_process_sees_commits_while_the_writer_is_open(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    writer = open_store(path)
    reader = open_store(path, read_only=True)
    _add(writer, [make_result()])
    assert reader.count_events() == 1
    writer.close()
    reader.close()


dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1))
words = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=20)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(date=dates, source=st.none() | words, polarity=st.sampled_from(["asserted", "negated"]))
def test_event_round_trips_through_json_and_the_store(tmp_path_factory, date, source, polarity):
    base = make_result()
    event = base.events[0]
    changed = Event(**{**{f: getattr(event, f) for f in event.__slots__},
                       "date": date, "polarity": polarity})  # fmt: skip
    assert from_dict(Event, to_dict(changed)) == changed
    article = Article(id="p", text=TEXT, date=date, source=source, origin="x")
    result = ArticleResult(article=article, events=(changed,))
    with open_store(tmp_path_factory.mktemp("h") / "s.db") as store:
        _add(store, [result])
        assert store.article("p") == result


def test_only_runs_whose_process_is_gone_are_marked_interrupted(tmp_path: Path) -> None:
    import os
    import socket
    import subprocess
    import sys

    from dyad.store import open_store

    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()  # reaped: its pid names no process now
    here = socket.gethostname()
    rows = [("dead", dead.pid, here), ("alive", os.getpid(), here), ("elsewhere", dead.pid,
            "another-host"), ("old", None, None)]  # fmt: skip
    with open_store(tmp_path / "s.db") as store, store.transaction() as conn:
        for run_id, pid, host in rows:
            conn.execute(
                "INSERT INTO runs (id, started_at, command, pipeline_version, pid, host)"
                " VALUES (?, '2026-03-01', 'ingest x', 'test', ?, ?)",
                (run_id, pid, host),
            )
    with open_store(tmp_path / "s.db") as store:  # opening for writing checks the runs
        status = {r["id"]: r["status"] for r in store.runs()}
    assert status == {"dead": "interrupted", "alive": "running", "elsewhere": "running",
                      "old": "running"}  # fmt: skip
