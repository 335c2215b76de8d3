"""Migration 10 (each group fact once): a store made at schema 9 moves, and every read (the
events, the groups and their members, the HTTP API, the exports, the dyad series) gives the
same answer before and after, on hand-built events with groups of several members."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from dyad.api.app import create_app
from dyad.grouping.logic import Member
from dyad.grouping.stored import fill_dyads, update_groups
from dyad.grouping.stored.groups import group_members
from dyad.model import from_json, to_json
from dyad.store import open_store
from dyad.store.squeeze import expand
from store_v9 import make_v9_store
from test_tracking_series import BATCHES, dyad_rows


@pytest.fixture(scope="module")
def lean(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("groups") / "lean.db"
    with open_store(path) as db:
        run = db.start_run("test", pipeline_version="t", model_version=None)
        for batch in BATCHES:
            db.add_batch(batch, run_id=run, pipeline_version="t", model_version=None)
            update_groups(db, [r.article.id for r in batch])
    return path


def api_answers(path: Path) -> dict[str, Any]:
    """The JSON of every read endpoint a group or an event shows up in."""
    client = TestClient(create_app(path, min_confidence=0.0))
    with sqlite3.connect(path) as conn:
        events = [r[0] for r in conn.execute("SELECT id FROM events ORDER BY id")]
        groups = [r[0] for r in conn.execute("SELECT id FROM event_groups ORDER BY id")]
        stories = [r[0] for r in conn.execute("SELECT id FROM stories ORDER BY id")]
    urls = ["/api/events?limit=1000", "/api/groups?limit=1000", "/api/stories"]
    urls += ["/api/series?a=RUR&b=SYL&count=mentions", "/api/series?a=RUR&b=SYL"]
    urls += [f"/api/events/{i}" for i in events] + [f"/api/groups/{i}" for i in groups]
    urls += [f"/api/stories/{i}" for i in stories]
    urls += [f"/api/export?format={f}" for f in ("plover", "csv", "gdelt-events", "gdelt-mentions")]
    found = {}
    for url in urls:
        answer = client.get(url)
        assert answer.status_code == 200, (url, answer.text)
        found[url] = answer.text
    return found


def test_a_schema_9_store_moves_and_reads_the_same(lean: Path, tmp_path: Path) -> None:
    old = tmp_path / "v9.db"
    make_v9_store(lean, old)
    with sqlite3.connect(old) as conn:
        written = {
            r[0]: expand(r[1]) for r in conn.execute("SELECT event_id, member FROM group_members")
        }
        assert conn.execute("SELECT count(*) FROM group_status").fetchone()[0] > 0
    assert len(written) > 10
    expected = api_answers(lean)
    with open_store(old) as store:
        assert store.schema_version >= 10
        columns = {r[1] for r in store.conn.execute("PRAGMA table_info(group_members)")}
        assert columns == {"event", "grp", "score"}  # migration 10's, by key since 12
        ids = [r[0] for r in store.conn.execute("SELECT id FROM event_groups")]
        rebuilt = {m.event_id: m for ms in group_members(store, ids).values() for m in ms}
    assert rebuilt == {i: from_json(Member, m) for i, m in written.items()}
    assert {i: to_json(m) for i, m in rebuilt.items()} == written
    assert api_answers(old) == expected


def test_members_rebuilt_from_their_events_are_the_ones_grouping_made(lean: Path) -> None:
    """Grouping's view of each member, as `update_groups` builds it when it groups, equals the
    one read back; a group lists its members in grouping order (article date, article, id)."""
    with open_store(lean, read_only=True) as store:
        ids = [r[0] for r in store.conn.execute("SELECT id FROM event_groups")]
        members = group_members(store, ids)
    assert sum(len(ms) > 1 for ms in members.values()) >= 2
    for ms in members.values():
        keys = [(m.article_date, m.article_id, m.event_id) for m in ms]
        assert keys == sorted(keys, key=lambda k: (k[0] is not None, k[0] or "", k[1], k[2]))


def test_fill_dyads_gives_the_rows_grouping_wrote(lean: Path, tmp_path: Path) -> None:
    path = tmp_path / "copy.db"
    path.write_bytes(lean.read_bytes())
    with open_store(path) as db:
        written = dyad_rows(db)
        fill_dyads(db)
        assert dyad_rows(db) == written
    assert all(written)


def test_a_moved_store_shrinks_after_vacuum(lean: Path, tmp_path: Path) -> None:
    old = tmp_path / "v9.db"
    make_v9_store(lean, old)
    sizes = []
    for step in ("before", "after"):
        if step == "after":
            open_store(old).close()
        conn = sqlite3.connect(old, isolation_level=None)
        conn.execute("VACUUM")
        sizes.append(sum(r[0] for r in conn.execute("SELECT pgsize FROM dbstat")))
        conn.close()
    assert sizes[1] < sizes[0]
