"""Migration 13: a group of one event keeps no record or profile; both are rebuilt from its
event on read; each group keeps its members' highest confidence. A store made at schema 12
moves, and every read (the HTTP API, the exports, the series) gives the same answer as a
store written by the current code; a group of one that grows is written whole; a store
moved twice is moved once."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from dyad.api import create_app
from dyad.grouping.logic import build_group, member_of, new_profile
from dyad.grouping.stored import event_group, event_group_record, fill_dyads, update_groups
from dyad.grouping.stored.whole import whole_groups, whole_profiles
from dyad.model import ArticleResult, to_dict
from dyad.store import open_store
from dyad.store.alone import alone
from dyad.store.squeeze import expand, squeeze
from store_v12 import make_v12_store
from test_store_groups_lean import api_answers
from test_store_keys import rows_by_id
from test_store_lean import assert_reads_match
from test_store_slim import SLICED, keyed_rows, lean, real  # noqa: F401  # fixtures
from test_tallies import _results as random_results
from test_tracking_series import dyad_rows

_SIZES = (
    "SELECT g.id, (SELECT count(*) FROM group_members m WHERE m.grp = g.key),"
    " g.record IS NULL, g.profile IS NULL FROM event_groups g ORDER BY g.id"
)


def sizes(path: Path) -> list[tuple[str, int, int, int]]:
    """(group id, members, no record, no profile) of each group."""
    with sqlite3.connect(path) as conn:
        return conn.execute(_SIZES).fetchall()


def confidences(path: Path) -> list[tuple[str, float, float]]:
    """(group id, its stored confidence, its member events' highest) of each group."""
    with sqlite3.connect(path) as conn:
        return conn.execute(
            "SELECT g.id, g.confidence, max(e.confidence) FROM event_groups g"
            " JOIN group_members m ON m.grp = g.key JOIN events e ON e.key = m.event"
            " GROUP BY g.id ORDER BY g.id"
        ).fetchall()


def test_a_group_keeps_its_members_highest_confidence(lean: Path) -> None:  # noqa: F811
    found = confidences(lean)
    assert len(found) > 3 and all(stored == highest for _, stored, highest in found)


def test_groups_of_one_event_keep_no_record_or_profile(lean: Path) -> None:  # noqa: F811
    found = sizes(lean)
    assert all(bool(none) == bool(no_profile) == (n == 1) for _, n, none, no_profile in found)
    assert {n == 1 for _, n, _, _ in found} == {True, False}


def made_of_their_event(path: Path, results: list[ArticleResult]) -> int:
    """Check each group of one of the store at `path`, and its profile, against those made
    of its event as `results` hold it (not as the store reads it back); return how many."""
    events = {e.id: (e, r.article) for r in results for e in r.events}
    with open_store(path, read_only=True) as store:
        ids = [gid for gid, n, _, _ in sizes(path) if n == 1]
        groups = whole_groups(store, store.group_records_by_id(ids))
        profiles = whole_profiles(store, ids)
    assert [g.id for g in groups] == sorted(ids)
    for group in groups:
        assert group.story_id is not None  # the story is the table's, as for every group
        event, article = events[group.event_ids[0]]
        member = member_of(event, article_date=article.date, publisher=article.source)
        assert group == build_group(group.id, [member], story_id=group.story_id)
        assert profiles[group.id] == new_profile(group.id, member)
    return len(groups)


def test_a_group_of_one_is_what_grouping_made_of_its_event(lean: Path) -> None:  # noqa: F811
    assert made_of_their_event(lean, [r for batch in SLICED for r in batch]) > 3


def test_a_group_record_read_as_stored_is_the_group_built(lean: Path) -> None:  # noqa: F811
    """`event_group_record` (the event view's, read without building a stored group) is
    `to_dict` of `event_group`, for groups of one event and larger ones."""
    with open_store(lean, read_only=True) as store:
        for gid, _, _, _ in sizes(lean):
            assert event_group_record(store, gid) == to_dict(event_group(store, gid))
        assert event_group_record(store, "grp_none") is None


def test_a_record_an_older_dyad_wrote_reads_with_todays_fields(
    lean: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    """A stored record without the fields later Dyads added (the group's `date_granularity`,
    a status's `confidence`) reads with their defaults in every view, the event view's too."""
    path = tmp_path / "old.db"
    shutil.copy(lean, path)
    with sqlite3.connect(path) as conn:
        gid, record = conn.execute(
            "SELECT id, record FROM event_groups WHERE record IS NOT NULL ORDER BY mentions DESC"
        ).fetchone()
        old = json.loads(str(expand(record)))
        del old["date_granularity"]
        for status in old["statuses"]:
            del status["confidence"]
        older = squeeze(json.dumps(old), "group")
        conn.execute("UPDATE event_groups SET record = ? WHERE id = ?", (older, gid))
    with open_store(path, read_only=True) as store:
        whole = to_dict(event_group(store, gid))
        assert event_group_record(store, gid) == whole
        first = whole["statuses"][0]["event_id"]
        only = event_group_record(store, gid, statuses_of={first})
    assert "date_granularity" in whole and all("confidence" in s for s in whole["statuses"])
    assert only == {**whole, "statuses": whole["statuses"][:1]}
    view = TestClient(create_app(path, min_confidence=0.0)).get(f"/api/events/{first}").json()
    assert "date_granularity" in view["group"]
    assert all("confidence" in s for s in view["group"]["statuses"])


def test_a_schema_12_store_moves_and_reads_the_same(lean: Path, tmp_path: Path) -> None:  # noqa: F811
    old = tmp_path / "v12.db"
    make_v12_store(lean, old)
    with sqlite3.connect(old) as conn:
        columns = {r[1] for r in conn.execute("PRAGMA table_info(event_groups)")}
        empty = "SELECT count(*) FROM event_groups WHERE record IS NULL OR profile IS NULL"
        assert conn.execute(empty).fetchone()[0] == 0
    assert "updated_at" in columns
    expected = api_answers(lean)
    with open_store(old) as store:
        assert store.schema_version >= 13
        columns = {r[1] for r in store.conn.execute("PRAGMA table_info(event_groups)")}
        tables = dict(store.conn.execute("SELECT name, sql FROM sqlite_master"))
    assert "updated_at" not in columns
    assert {"event_groups_date", "event_groups_story", "event_groups_seen"} <= tables.keys()
    assert sizes(old) == sizes(lean)
    assert confidences(old) == confidences(lean)
    assert rows_by_id(old) == rows_by_id(lean)
    assert keyed_rows(old) == keyed_rows(lean)
    assert api_answers(old) == expected


def test_moving_a_moved_store_again_changes_nothing(lean: Path, tmp_path: Path) -> None:  # noqa: F811
    old = tmp_path / "v12.db"
    make_v12_store(lean, old)
    open_store(old).close()
    before = (sizes(old), rows_by_id(old))
    conn = sqlite3.connect(old, isolation_level=None)
    conn.execute("BEGIN")
    alone(conn)
    conn.execute("COMMIT")
    conn.close()
    assert (sizes(old), rows_by_id(old)) == before


def test_a_group_of_one_that_grows_is_written_whole(tmp_path: Path) -> None:
    """Batch by batch, a group once of one event that later holds more keeps its record and
    profile; answers match a store grouped in one batch."""
    path, once = tmp_path / "batches.db", tmp_path / "once.db"
    was_alone: set[str] = set()
    with open_store(path) as db:
        run = db.start_run("test", pipeline_version="t", model_version=None)
        for batch in SLICED:
            db.add_batch(batch, run_id=run, pipeline_version="t", model_version=None)
            update_groups(db, [r.article.id for r in batch])
            was_alone |= {gid for gid, n, _, _ in sizes(path) if n == 1}
    grown = [row for row in sizes(path) if row[0] in was_alone and row[1] > 1]
    assert grown and all(not no_record and not no_profile for _, _, no_record, no_profile in grown)
    with open_store(once) as db:
        run = db.start_run("test", pipeline_version="t", model_version=None)
        results = [r for batch in SLICED for r in batch]
        db.add_batch(results, run_id=run, pipeline_version="t", model_version=None)
        update_groups(db, [r.article.id for r in results])
    assert sizes(once) == sizes(path)


def test_fill_dyads_gives_the_rows_grouping_wrote_on_random_events(tmp_path: Path) -> None:
    """Random sides (unresolved, several of one country, none): the rows `fill_dyads` writes
    for groups of one, built from their event, are those grouping wrote."""
    with open_store(tmp_path / "random.db") as db:
        run = db.start_run("test", pipeline_version="t", model_version=None)
        results = random_results(60)
        for start in range(0, len(results), 10):
            batch = results[start : start + 10]
            db.add_batch(batch, run_id=run, pipeline_version="t", model_version=None)
            update_groups(db, [r.article.id for r in batch])
        written = dyad_rows(db)
        fill_dyads(db)
        assert dyad_rows(db) == written
        alone = db.conn.execute("SELECT count(*) FROM event_groups WHERE record IS NULL")
        assert alone.fetchone()[0] > 10 and len(written[0]) > 100


@pytest.mark.model
def test_a_schema_12_store_of_real_articles_moves_unchanged(
    real: tuple[Path, list[ArticleResult]],  # noqa: F811
    tmp_path: Path,
) -> None:
    lean_path, results = real
    assert made_of_their_event(lean_path, results) > 20
    old = tmp_path / "v12.db"
    make_v12_store(lean_path, old)
    expected = api_answers(lean_path)
    open_store(old).close()
    assert sizes(old) == sizes(lean_path)
    found = confidences(lean_path)
    assert len({stored for _, stored, _ in found}) > 5
    assert all(stored == highest for _, stored, highest in found)
    assert confidences(old) == found
    assert api_answers(old) == expected
    with open_store(old, read_only=True) as store:
        assert_reads_match(store, results)
