"""The lean store (migration 8): every read gives the JSON `dyad.process` gave, byte for byte,
in a fresh store and in a schema-7 store moved by the migration."""

from __future__ import annotations

import json
import sqlite3
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from dyad.errors import StoreError
from dyad.grouping.stored.groups import group_members
from dyad.grouping.stored.whole import whole_groups
from dyad.model import Article, ArticleResult, Place, to_dict, to_json
from dyad.store import EventFilter, Store, open_store
from dyad.store.packing import Packer
from dyad.store.squeeze import expand, squeeze
from store_v7 import copy_groups, make_v7_store
from test_store import make_result

EXAMPLES = Path(str(resources.files("dyad") / "data" / "examples"))


def dumps(value: Any) -> str:
    return json.dumps(to_dict(value), ensure_ascii=False)


def add(store: Store, results: list[ArticleResult]) -> None:
    run = store.start_run("test", pipeline_version="t", model_version=None)
    store.add_batch(results, run_id=run, pipeline_version="t", model_version=None)


def expected_events(results: list[ArticleResult]) -> dict[str, str]:
    return {e.id: dumps(e) for r in results for e in r.events}


def assert_reads_match(store: Store, results: list[ArticleResult]) -> None:
    """Events (three ways), articles and quotes read from `store` equal `results`."""
    expected = expected_events(results)
    assert {e.id: dumps(e) for e in store.iter_events(batch=7)} == expected
    assert {e.id: dumps(e) for e in store.events(limit=100_000)} == expected
    assert {i: dumps(store.event(i)) for i in expected} == expected
    for result in results:
        assert dumps(store.article(result.article.id)) == dumps(result)
        for quote in result.quotes:
            assert dumps(store.quote_record(quote.id)) == dumps(quote)


# model-free ------------------------------------------------------------------------------


def test_a_hand_made_result_moves_from_schema_7(tmp_path: Path) -> None:
    result = make_result()
    make_v7_store(tmp_path / "v7.db", [result])
    with open_store(tmp_path / "v7.db") as store:
        assert store.schema_version >= 8
        assert_reads_match(store, [result])
        columns = {r[1] for r in store.conn.execute("PRAGMA table_info(events)")}
        assert not columns & {"record", "sentence_text", "trigger_text"}


def test_spans_whose_text_is_not_the_article_slice_keep_it() -> None:
    text = "Ruritania met Zenda."
    data = {"start": 0, "end": 9, "text": "RURITANIA"}
    packer = Packer(text)
    assert packer.pack_span(data) == [0, 9, "RURITANIA"]
    assert packer.unpack_span(packer.pack_span(data)) == data
    assert packer.pack_span({"start": 14, "end": 19, "text": "Zenda"}) == [14, 19]


def test_defaults_are_cut_only_when_their_type_is_the_same() -> None:
    place = Place(1, "Zenda", "RUR", None, 1.0, 2.0, "PPLA", 0)
    data = to_dict(place)
    packed = Packer(None).pack(Place, data)
    assert packed[-1] == "PPLA"  # population 0 and admin2 None are the defaults: cut
    data["population"] = 0.0  # a float is not the int default: JSON writes it apart
    assert Packer(None).unpack(Place, Packer(None).pack(Place, data)) == data
    assert json.dumps(Packer(None).unpack(Place, packed)) == json.dumps(to_dict(place))


def test_a_place_unlike_the_stored_one_stays_whole() -> None:
    place = to_dict(Place(7, "Zenda", "RUR", None, 1.0, 2.0, "PPLA", 10))
    stored = Packer(None).pack(Place, {**place, "population": 99})
    packer = Packer(None, {7: stored})
    assert isinstance(packer.pack_place(place), list)
    assert packer.unpack_place(packer.pack_place(place)) == place
    same = Packer(None, {7: Packer(None).pack(Place, place)})
    assert same.pack_place(place) == 7 and same.unpack_place(7) == place


def test_squeeze_round_trips_and_text_passes_through() -> None:
    text = json.dumps({"status": "happened", "name": "Zenda ✓"}, ensure_ascii=False)
    assert expand(squeeze(text)) == text
    assert expand(text) == text and expand(None) is None
    assert len(squeeze(text)) < len(text.encode())


# real articles ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def results() -> list[ArticleResult]:
    import dyad
    from dyad.ingest import read_articles

    articles = [a for a in read_articles([EXAMPLES]) if isinstance(a, Article)]
    return [
        dyad.process(
            a.text, date=a.date, source=a.source, title=a.title, url=a.url, id=a.id, origin=a.origin
        )
        for a in articles
    ]


@pytest.fixture(scope="module")
def lean_path(results: list[ArticleResult], tmp_path_factory: pytest.TempPathFactory) -> Path:
    from dyad.grouping.stored import update_groups

    path = tmp_path_factory.mktemp("lean") / "lean.db"
    with open_store(path) as store:
        add(store, results)
        update_groups(store, [r.article.id for r in results])
    return path


@pytest.mark.model
def test_every_read_gives_what_dyad_process_gave(lean_path: Path, results) -> None:
    assert sum(len(r.events) for r in results) > 50
    with open_store(lean_path, read_only=True) as store:
        assert_reads_match(store, results)


@pytest.mark.model
def test_the_http_api_gives_the_same_event_json(lean_path: Path, results) -> None:
    from fastapi.testclient import TestClient

    from dyad.api.app import create_app

    client = TestClient(create_app(lean_path, min_confidence=0.0))
    expected = expected_events(results)
    got = {}
    for result in results:
        answer = client.get("/api/events", params={"article": result.article.id, "limit": 1000})
        assert answer.status_code == 200, answer.text
        for item in answer.json()["items"]:
            item.pop("summary")
            got[item["id"]] = json.dumps(item, ensure_ascii=False)
    assert got == expected


@pytest.mark.model
@pytest.mark.parametrize("fmt", ["plover", "csv", "gdelt-events", "gdelt-mentions"])
def test_exports_are_those_of_the_processed_events(lean_path: Path, results, fmt: str) -> None:
    from dyad.api.exporting import export_text
    from dyad.exports import export_lines

    articles = {r.article.id: r.article for r in results}
    events = sorted((e for r in results for e in r.events), key=lambda e: e.id)
    items = [(e, articles[e.article_id]) for e in events]
    expected = list(export_lines(fmt, items, all_statuses=True))
    got = list(export_text(lean_path, EventFilter(), fmt, all_statuses=True))
    assert got == expected
    assert len(got) > 10


@pytest.mark.model
def test_the_text_filter_reads_the_first_sentence(lean_path: Path, results) -> None:
    word = "talks"
    expected = {
        e.id for r in results for e in r.events if word in e.evidence[0].sentence.text.lower()
    }
    with open_store(lean_path, read_only=True) as store:
        found = {e.id for e in store.events(EventFilter(text=word), limit=10_000)}
        frame = store.events_frame(EventFilter(text=word))
    assert found == expected and expected
    texts = {e.id: e.evidence[0].sentence.text for r in results for e in r.events}
    assert all(texts[i] == s for i, s in zip(frame["id"], frame["sentence_text"], strict=True))


@pytest.mark.model
def test_a_schema_7_store_of_real_articles_moves_unchanged(
    lean_path: Path, results, tmp_path: Path
) -> None:
    old = tmp_path / "v7.db"
    make_v7_store(old, results)
    copy_groups(lean_path, old)
    with sqlite3.connect(old) as conn:
        members = dict(conn.execute("SELECT event_id, member FROM group_members"))
        group_ids = [r[0] for r in conn.execute("SELECT id FROM event_groups")]
    assert group_ids and members
    article_ids = [r.article.id for r in results]
    with open_store(lean_path, read_only=True) as lean_store:
        groups = _groups(lean_store, group_ids)
        countries = lean_store.article_countries(article_ids)
    with open_store(old) as store:
        assert store.schema_version >= 8
        assert_reads_match(store, results)
        assert _groups(store, group_ids) == groups
        stored = group_members(store, group_ids)
        assert sorted(to_json(m) for ms in stored.values() for m in ms) == sorted(members.values())
        assert store.article_countries(article_ids) == countries


def test_a_schema_7_store_is_not_read_before_it_moves(tmp_path: Path) -> None:
    make_v7_store(tmp_path / "v7.db", [make_result()])
    with pytest.raises(StoreError, match="schema 7, older"):
        open_store(tmp_path / "v7.db", read_only=True)
    open_store(tmp_path / "v7.db").close()
    with open_store(tmp_path / "v7.db", read_only=True) as store:
        assert store.article("a1") == make_result()


def _groups(store: Store, group_ids: list[str]) -> dict[str, dict[str, Any]]:
    """Each group's record as a user reads it (a group of one event built from it)."""
    return {g.id: to_dict(g) for g in whole_groups(store, store.group_records_by_id(group_ids))}
