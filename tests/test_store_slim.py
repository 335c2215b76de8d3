"""Migration 11: group records without copies of the article text, event tables without
rowid. A store made at schema 10 moves, and every read (the HTTP API, the exports, the
groups and their members) gives the same answer as a store written by the current code."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from collections import OrderedDict
from pathlib import Path

import pytest

from dyad.grouping.stored import update_groups
from dyad.grouping.stored.whole import whole_groups
from dyad.model import ArticleResult, Evidence, Span, to_dict
from dyad.store import EventFilter, open_store
from dyad.store.group_text import CUT, event_sentences, slim_record
from dyad.store.squeeze import expand
from store_v10 import make_v10_store
from test_store import make_result
from test_store_groups_lean import api_answers
from test_store_lean import EXAMPLES, assert_reads_match
from test_tracking_series import BATCHES


def sliced(result: ArticleResult) -> ArticleResult:
    """`result` with an article text made of its events' sentences, each evidence a slice
    of it (the hand-built events' sentences are not their article's text)."""
    text, events = "", []
    for event in result.events:
        sentence = event.evidence[0].sentence.text
        at, text = len(text), text + sentence + ". "
        span = Span(at, at + len(sentence), sentence)
        evidence = tuple(Evidence(Span(at, at + 3, sentence[:3]), span) for _ in event.evidence)
        events.append(dataclasses.replace(event, evidence=evidence))
    article = dataclasses.replace(result.article, text=text)
    return dataclasses.replace(result, article=article, events=tuple(events))


# Every article but the last with evidence cut from its text; the last keeps its sentences.
# Two hand-made results add actor mentions and quotes.
SLICED = [[sliced(r) for r in batch] for batch in BATCHES[:-1]] + BATCHES[-1:]
SLICED += [[make_result("a1"), make_result("a2")]]


@pytest.fixture(scope="module")
def lean(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("slim") / "lean.db"
    with open_store(path) as db:
        run = db.start_run("test", pipeline_version="t", model_version=None)
        for batch in SLICED:
            db.add_batch(batch, run_id=run, pipeline_version="t", model_version=None)
            update_groups(db, [r.article.id for r in batch])
    return path


def stored_records(path: Path) -> dict[str, str]:
    """The stored record of each group that keeps one (a group of one event keeps none since
    migration 13)."""
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT id, record FROM event_groups WHERE record IS NOT NULL")
        return {r[0]: expand(r[1]) or "" for r in rows}


def test_a_schema_10_store_moves_and_reads_the_same(lean: Path, tmp_path: Path) -> None:
    old = tmp_path / "v10.db"
    make_v10_store(lean, old)
    full = stored_records(old)
    assert not any('"summary":0' in r or '"summary": 0' in r for r in full.values())
    expected = api_answers(lean)
    with open_store(old) as store:
        assert store.schema_version >= 11
        tables = dict(store.conn.execute("SELECT name, sql FROM sqlite_master"))
    for table in ("event_actors", "event_mentions"):
        assert tables[table].rstrip().endswith("WITHOUT ROWID")
    assert "key INTEGER PRIMARY KEY" in tables["articles"]
    assert "key INTEGER PRIMARY KEY" in tables["event_groups"]
    assert "grp INTEGER" in tables["group_keys"]
    for table in ("events", "article_actors", "quotes", "story_articles", "story_keys"):
        assert "article INTEGER" in tables[table]
    indexes = {
        "event_actors_actor",
        "event_actors_country",
        "articles_date",
    }  # and 12 drops quotes_speaker
    assert indexes <= tables.keys()
    moved = {k: json.loads(v) for k, v in stored_records(old).items()}
    assert moved == {k: json.loads(v) for k, v in stored_records(lean).items()}
    assert any(r["summary"] == CUT for r in moved.values())
    assert api_answers(old) == expected
    assert keyed_rows(old) == keyed_rows(lean)


def keyed_rows(path: Path) -> list[list[tuple[object, ...]]]:
    """The rows naming an article by its key, with the article's id; and every quote."""
    with open_store(path, read_only=True) as store:
        quotes = [r[0] for r in store.conn.execute("SELECT id FROM quotes ORDER BY id")]
        return [
            [tuple(r) for r in store.conn.execute(sql)]
            for sql in (
                "SELECT a.id, m.actor_id, m.mentions FROM article_actors m"
                " JOIN articles a ON a.key = m.article ORDER BY 1, 2",
                "SELECT q.id, a.id FROM quotes q JOIN articles a ON a.key = q.article ORDER BY 1",
                "SELECT a.id, s.story_id, s.date, s.countries FROM story_articles s"
                " JOIN articles a ON a.key = s.article ORDER BY 1",
                "SELECT s.key, s.bucket, a.id FROM story_keys s"
                " JOIN articles a ON a.key = s.article ORDER BY 1, 2, 3",
                "SELECT k.key, k.bucket, g.id FROM group_keys k"
                " JOIN event_groups g ON g.key = k.grp ORDER BY 1, 2, 3",
            )
        ] + [[(json.dumps(store.quote_record(q)),) for q in quotes]]


def test_the_keyed_rows_are_there(lean: Path) -> None:
    actors, quotes, stories, keys, group_keys, records = keyed_rows(lean)
    assert len({r[2] for r in group_keys}) >= 3
    assert {r[0] for r in actors} == {r[1] for r in quotes} == {"a1", "a2"}
    assert {r[0] for r in stories} >= {r[2] for r in keys} >= {"a1", "a2", "s1", "s2"}
    assert all(json.loads(r[0])["id"] for r in records)


def test_group_records_hold_no_sentence_yet_read_whole(lean: Path) -> None:
    """Grouping writes each summary and status evidence as a cut, and reads give back the
    sentence: the first evidence sentence of the event, as its record has it."""
    with open_store(lean, read_only=True) as store:
        ids = [r[0] for r in store.conn.execute("SELECT id FROM event_groups")]
        records = [to_dict(g) for g in whole_groups(store, store.group_records_by_id(ids))]
        events = {e.id: e for e in store.iter_events()}
    assert len(records) > 3
    explained = 0
    for record in records:
        assert record["summary"] == events[record["event_ids"][0]].evidence[0].sentence.text
        for status in record["statuses"]:
            if status["evidence"]:
                explained += 1
                assert status["evidence"] == events[status["event_id"]].evidence[0].sentence.text
    assert explained >= 1
    slim = [json.loads(r) for r in stored_records(lean).values()]
    assert sum(r["summary"] == CUT for r in slim) >= 3
    assert any(s["evidence"] == CUT for r in slim for s in r["statuses"])


def test_a_text_other_than_the_sentence_stays_as_written(lean: Path) -> None:
    with open_store(lean, read_only=True) as store:
        event_id = store.conn.execute("SELECT id FROM events LIMIT 1").fetchone()[0]
        sentence = event_sentences(store.conn, [event_id], OrderedDict())[event_id]
        record = {
            "event_ids": [event_id],
            "statuses": [{"event_id": event_id, "evidence": sentence.upper()}],
            "summary": sentence + " ",
        }
        slim = slim_record(store.conn, json.loads(json.dumps(record)), OrderedDict())
    assert slim == record


def test_an_event_naming_another_article_is_found_by_it(tmp_path: Path) -> None:
    """Events name their article by its key; one naming an article the store does not hold
    keeps its id, and the `article_id` filter finds each by the article it names."""
    stored, named = make_result("a1"), make_result("a2")
    elsewhere = dataclasses.replace(named.events[0], id="ev_elsewhere", article_id="gone")
    moved = dataclasses.replace(stored, events=(*stored.events, elsewhere))
    with open_store(tmp_path / "s.db") as store:
        run = store.start_run("test", pipeline_version="t", model_version=None)
        store.add_batch([moved], run_id=run, pipeline_version="t", model_version=None)
        assert store.event("ev_elsewhere") == elsewhere
        assert [e.id for e in store.events(EventFilter(article_id="gone"))] == ["ev_elsewhere"]
        assert [e.id for e in store.events(EventFilter(article_id="a1"))] == ["ev_a1"]


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[ArticleResult]]:
    """A store of the bundled examples as `dyad.process` reads them, grouped."""
    import dyad
    from dyad.ingest import read_articles
    from dyad.model import Article

    articles = [a for a in read_articles([EXAMPLES]) if isinstance(a, Article)]
    results = [
        dyad.process(
            a.text, date=a.date, source=a.source, title=a.title, url=a.url, id=a.id, origin=a.origin
        )
        for a in articles
    ]
    path = tmp_path_factory.mktemp("real") / "lean.db"
    with open_store(path) as store:
        run = store.start_run("test", pipeline_version="t", model_version=None)
        store.add_batch(results, run_id=run, pipeline_version="t", model_version=None)
        update_groups(store, [r.article.id for r in results])
    return path, results


@pytest.mark.model
def test_a_schema_10_store_of_real_articles_moves_unchanged(
    real: tuple[Path, list[ArticleResult]], tmp_path: Path
) -> None:
    """On the bundled examples, as `dyad.process` reads them: nearly every group's summary
    is cut from the article text, and the moved store answers as the fresh one."""
    lean_path, results = real
    slim = [json.loads(r) for r in stored_records(lean_path).values()]
    assert len(slim) > 20
    assert sum(r["summary"] == CUT for r in slim) >= 0.9 * len(slim)
    old = tmp_path / "v10.db"
    make_v10_store(lean_path, old)
    expected = api_answers(lean_path)
    with open_store(old) as store:
        assert store.schema_version >= 11
    assert api_answers(old) == expected
    assert keyed_rows(old) == keyed_rows(lean_path)
    with open_store(old, read_only=True) as store:
        assert_reads_match(store, results)
