"""Migration 12: events and groups named by their integer keys. A store made at schema 11
moves, and every read (the HTTP API, the exports, the series, the events and articles) gives
the same answer as a store written by the current code; a store moved twice is moved once.
Documents squeezed with a dictionary of their kind read back."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from dyad.model import ArticleResult
from dyad.store import open_store
from dyad.store.keys import keyed
from dyad.store.squeeze import LATEST, dictionary, expand, squeeze
from store_v11 import make_v11_store
from test_store_groups_lean import api_answers
from test_store_lean import assert_reads_match
from test_store_slim import keyed_rows, lean, real  # noqa: F401  # fixtures

_TABLES = ("event_actors", "event_mentions", "event_sources", "group_members", "member_dyads")


def rows_by_id(path: Path) -> list[list[tuple[object, ...]]]:
    """The rows of the tables migration 12 changed, each event and group by its id."""
    with sqlite3.connect(path) as conn:
        return [
            sorted(conn.execute(sql).fetchall())
            for sql in (
                "SELECT e.id, x.role, x.position, x.actor_id, x.text, x.country, x.sector"
                " FROM event_actors x JOIN events e ON e.key = x.event",
                "SELECT e.id, m.position, m.trigger_start, m.trigger_end, m.sentence_start,"
                " m.sentence_end FROM event_mentions m JOIN events e ON e.key = m.event",
                "SELECT s.name, e.id FROM event_sources s JOIN events e ON e.key = s.event",
                "SELECT e.id, g.id, m.score FROM group_members m JOIN events e ON e.key = m.event"
                " JOIN event_groups g ON g.key = m.grp",
                "SELECT d.lo, d.hi, d.date, e.id, d.how, d.type, d.mentions FROM member_dyads d"
                " JOIN events e ON e.key = d.event",
                "SELECT d.lo, d.hi, d.date, g.id, d.how, d.type, d.status FROM group_dyads d"
                " JOIN event_groups g ON g.key = d.grp",
            )
        ]


def test_a_schema_11_store_moves_and_reads_the_same(lean: Path, tmp_path: Path) -> None:  # noqa: F811
    old = tmp_path / "v11.db"
    make_v11_store(lean, old)
    with sqlite3.connect(old) as conn:
        columns = {r[1] for r in conn.execute("PRAGMA table_info(event_actors)")}
        rowids = dict(conn.execute("SELECT id, rowid FROM events"))
    assert "event_id" in columns and len(rowids) > 10
    expected = api_answers(lean)
    with open_store(old) as store:
        assert store.schema_version >= 12
        tables = dict(store.conn.execute("SELECT name, sql FROM sqlite_master"))
        assert all("event INTEGER" in tables[t] for t in _TABLES)
        assert "grp INTEGER" in tables["group_dyads"] and "grp INTEGER" in tables["group_members"]
        assert "key INTEGER PRIMARY KEY" in tables["events"]
        assert "events_id_date" not in tables
        assert {"events_date_id", "events_type_date_id", "group_dyads_group"} <= tables.keys()
        assert dict(store.conn.execute("SELECT id, key FROM events")) == rowids
    assert rows_by_id(old) == rows_by_id(lean)
    assert api_answers(old) == expected
    assert keyed_rows(old) == keyed_rows(lean)


def test_moving_a_moved_store_again_changes_nothing(lean: Path, tmp_path: Path) -> None:  # noqa: F811
    old = tmp_path / "v11.db"
    make_v11_store(lean, old)
    open_store(old).close()
    before = rows_by_id(old)
    conn = sqlite3.connect(old, isolation_level=None)
    conn.execute("BEGIN")
    keyed(conn)
    conn.execute("COMMIT")
    conn.close()
    assert rows_by_id(old) == before


def test_grouping_writes_members_of_a_new_group_by_its_key(lean: Path) -> None:  # noqa: F811
    """Members are written before their new group's record: the group's row is made for them
    and filled in the same transaction, so no group is left a stub."""
    with open_store(lean, read_only=True) as store:
        empty = store.conn.execute("SELECT count(*) FROM event_groups WHERE type = ''")
        assert empty.fetchone()[0] == 0
        orphans = store.conn.execute(
            "SELECT count(*) FROM group_members m LEFT JOIN event_groups g ON g.key = m.grp"
            " LEFT JOIN events e ON e.key = m.event WHERE g.id IS NULL OR e.id IS NULL"
        )
        assert orphans.fetchone()[0] == 0
        assert store.conn.execute("SELECT count(*) FROM group_members").fetchone()[0] > 10


@pytest.mark.model
def test_a_schema_11_store_of_real_articles_moves_unchanged(
    real: tuple[Path, list[ArticleResult]],  # noqa: F811
    tmp_path: Path,
) -> None:
    lean_path, results = real
    old = tmp_path / "v11.db"
    make_v11_store(lean_path, old)
    expected = api_answers(lean_path)
    with open_store(old) as store:
        assert store.schema_version >= 12
    assert rows_by_id(old) == rows_by_id(lean_path)
    assert api_answers(old) == expected
    with open_store(old, read_only=True) as store:
        assert_reads_match(store, results)


# The shipped dictionaries' digests: stored values depend on them, so they never change.
SHIPPED = {
    2: "31962e0a0a8565ef180b65c0b87d0c020723a2cf286632478fe5d0a22fbe75e9",
    3: "c4e24b4336103e0b9f08159225ee3478452af2dd57207a7c24a9e80db657179e",
    4: "538e32596cfe40b67e27b1f10a69caf3ec2e4295c7f3c4ebcdf4ead11b35be71",
    5: "4a434c0e0cb5c2172fe5e763ed0da8cd84dbcd7799f590b94357bc11a7fc50fe",
    6: "bc7c42bb871ba30935f58a12e125d8fa86d892cebe1e5b188e59b782a2a81c42",
}


def test_the_shipped_dictionaries_never_change() -> None:
    assert {n: hashlib.sha256(dictionary(n)).hexdigest() for n in SHIPPED} == SHIPPED
    assert set(LATEST.values()) <= SHIPPED.keys()


@pytest.mark.parametrize("kind", [None, *LATEST])
def test_each_kind_reads_back_and_names_its_dictionary(kind: str | None) -> None:
    text = '{"id":"ev_0123456789abcdef","type":"MEET","actors":["Rufus Firefly"]}'
    squeezed = squeeze(text, kind)
    assert squeezed[0] == (1 if kind is None else LATEST[kind])
    assert expand(squeezed) == text


def test_an_event_record_squeezes_smaller_with_its_own_dictionary(lean: Path) -> None:  # noqa: F811
    with sqlite3.connect(lean) as conn:
        bodies = [str(expand(r[0])) for r in conn.execute("SELECT body FROM events")]
    assert len(bodies) > 10
    shared = sum(len(squeeze(b)) for b in bodies)
    own = sum(len(squeeze(b, "event")) for b in bodies)
    assert own < shared


def test_an_event_view_lists_the_newest_reports_of_a_big_group(
    lean: Path,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The event view reads a page of its group's members (the newest) and their statuses,
    and counts them all; under the bound, its group is the group's own view."""
    from fastapi.testclient import TestClient

    from dyad.api import create_app, routes_events
    from dyad.grouping.stored.groups import group_members

    with open_store(lean, read_only=True) as store:
        big = store.conn.execute(
            "SELECT g.id, e.id FROM event_groups g JOIN group_members m ON m.grp = g.key"
            " JOIN events e ON e.key = m.event WHERE g.mentions >= 2 ORDER BY g.mentions DESC"
        ).fetchone()
        assert big is not None
        everyone = [m.event_id for m in group_members(store, [big[0]])[big[0]]]
    assert len(everyone) >= 2
    client = TestClient(create_app(lean, min_confidence=0.0))
    whole = client.get(f"/api/events/{big[1]}").json()["group"]
    assert [m["event_id"] for m in whole["members"]] == everyone
    assert sorted(s["event_id"] for s in whole["statuses"]) == sorted(everyone)
    assert whole["members_total"] == len(everyone)
    group = client.get(f"/api/groups/{big[0]}").json()["group"]
    assert whole == {
        **{k: v for k, v in group.items() if k not in ("event_ids", "article_ids")},
        "members": whole["members"],
        "members_total": len(everyone),
    }
    monkeypatch.setattr(routes_events, "MEMBERS_SHOWN", 1)
    page = TestClient(create_app(lean, min_confidence=0.0)).get(f"/api/events/{big[1]}").json()
    assert [m["event_id"] for m in page["group"]["members"]] == everyone[-1:]
    assert [s["event_id"] for s in page["group"]["statuses"]] == everyone[-1:]
    assert page["group"]["members_total"] == len(everyone)


def test_a_group_lists_a_page_of_its_members(lean: Path) -> None:  # noqa: F811
    """`/api/groups/{id}` gives the newest `limit` members after the `offset` newest, in
    grouping order, and counts them all; with no bound reached, every member as before."""
    from fastapi.testclient import TestClient

    from dyad.api import create_app
    from dyad.grouping.stored.groups import group_members
    from dyad.model import to_dict

    with open_store(lean, read_only=True) as store:
        big = store.conn.execute(
            "SELECT id FROM event_groups ORDER BY mentions DESC, id LIMIT 1"
        ).fetchone()[0]
        everyone = [to_dict(m) for m in group_members(store, [big])[big]]
    assert len(everyone) >= 2
    client = TestClient(create_app(lean, min_confidence=0.0))
    whole = client.get(f"/api/groups/{big}").json()
    assert whole["members"] == everyone and whole["members_total"] == len(everyone)
    newest = client.get(f"/api/groups/{big}?limit=1").json()
    assert newest["members"] == everyone[-1:] and newest["members_total"] == len(everyone)
    before = client.get(f"/api/groups/{big}?limit=1&offset=1").json()
    assert before["members"] == everyone[-2:-1]
