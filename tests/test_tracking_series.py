"""Dyad series read from the store's pair index give exactly the answers of the original
reading (every group of each side, intersected, decoded and filtered in Python), kept here as
`reference`: on hand-built events with the awkward cases (joint acts, unresolved actors, a
cancelled meeting, undated events, both sides the same) and on the bundled examples read by
the real pipeline, for every pair of names, both frequencies, both counts and a date window."""

from __future__ import annotations

import datetime as dt
import itertools
from importlib import resources
from pathlib import Path

import pytest

from dyad.grouping.logic import SeriesPoint
from dyad.grouping.logic.series import group_items, mention_items, series
from dyad.grouping.stored import dyad_series, fill_dyads, regroup_all, update_groups
from dyad.grouping.stored.groups import group_members
from dyad.grouping.stored.whole import whole_groups
from dyad.model import ActorMention, Article, ArticleResult, Event, Evidence, Span
from dyad.store import Store, open_store
from dyad.store.dyad_rows import GROUP_DYAD_ROWS

D = dt.date
EXAMPLES = Path(str(resources.files("dyad") / "data" / "examples"))


def reference(
    store: Store, a: str, b: str, *, start: dt.date | None = None, end: dt.date | None = None,
    freq: str = "day", count: str = "groups",
) -> list[SeriesPoint]:  # fmt: skip
    """`dyad_series` as first written: the answers the pair index must keep."""
    a, b = (v.upper() if len(v) == 3 and v.isalpha() else v for v in (a, b))
    ids = store.groups_with_party(a) & store.groups_with_party(b)
    if count == "mentions":
        members = [m for ms in group_members(store, sorted(ids)).values() for m in ms]
        items = mention_items(members, a, b)
    else:
        groups = whole_groups(store, store.group_records_by_id(ids))
        items = group_items(groups, a, b)
    return series(items, start=start, end=end, freq=freq)


def side(code: str, *, resolved: bool = True) -> ActorMention:
    name = f"{code.title()}land"
    return ActorMention(
        Span(0, len(name), name), f"GOV:{code}" if resolved else None, name, code, "government"
    )


def ev(aid: str, i: int, kind: str, actors, recipients, date, *, score=1.0, quad=1, **kw):
    text = f"{aid} event {i} of kind {kind} between the parties"
    evidence = tuple(
        Evidence(Span(0, 3, text[:3]), Span(0, len(text), text)) for _ in range(kw.pop("n", 1))
    )
    return Event(
        id=f"ev_{aid}_{i}", article_id=aid, type=kind, actors=tuple(actors),
        recipients=tuple(recipients), evidence=evidence, date=date,
        date_source="text" if date else "none", quad_class=quad, goldstein=score, **kw,
    )  # fmt: skip


RUR, SYL, OST, ZEM = (side(c) for c in ("RUR", "SYL", "OST", "ZEM"))
LOOSE = side("OST", resolved=False)  # "Ostland" unresolved: key TXT:ostland, country OST
BATCHES = [
    [ArticleResult(Article("s1", "x" * 40, D(2031, 5, 2), source="Wire"), events=(
        ev("s1", 1, "CONSULT", [RUR, SYL], [ZEM], D(2031, 5, 6), score=0.3),
        ev("s1", 2, "ACCUSE", [RUR], [SYL], D(2031, 5, 4), score=-2.1, quad=3, n=3),
        ev("s1", 3, "CONSULT", [OST], [OST], None, score=0.1),
    ))],
    [ArticleResult(Article("s2", "x" * 40, D(2031, 5, 9), source="Post"), events=(
        ev("s2", 1, "CONSULT", [SYL, RUR], [ZEM], D(2031, 5, 6), score=0.2),
        ev("s2", 2, "THREATEN", [LOOSE], [RUR], D(2031, 5, 8), score=-4.4, quad=3, n=2),
        ev("s2", 3, "CONSULT", [ZEM], [SYL], D(2031, 5, 12), polarity="negated"),
        ev("s2", 4, "AID", [RUR, OST], [SYL], D(2031, 5, 11), score=7.4, quad=2),
    )),
     ArticleResult(Article("s3", "x" * 40, None, source="Times"), events=(
        ev("s3", 1, "DEMAND", [SYL], [ZEM, LOOSE], None, score=None, quad=None),
        ev("s3", 2, "ACCUSE", [RUR], [SYL], D(2031, 5, 4), score=-2.1, quad=3),
    ))],
    [ArticleResult(Article("s4", "x" * 40, D(2031, 5, 20), source="Wire"), events=(
        ev("s4", 1, "CONSULT", [ZEM], [SYL], D(2031, 5, 12), score=0.1),
        ev("s4", 2, "COOPERATE", [RUR, SYL, OST], [], D(2031, 5, 19), score=0.7),
    ))],
]  # fmt: skip
NAMES = ["RUR", "SYL", "OST", "ZEM", "GOV:RUR", "GOV:SYL", "GOV:OST", "GOV:ZEM", "TXT:ostland",
         "syl", "XXX"]  # fmt: skip
WINDOWS = [(None, None), (D(2031, 5, 5), None), (None, D(2031, 5, 11)),
           (D(2031, 5, 1), D(2031, 6, 2))]  # fmt: skip


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory):
    with open_store(tmp_path_factory.mktemp("series") / "series.db") as db:
        run = db.start_run("test", pipeline_version="t", model_version=None)
        for batch in BATCHES:
            db.add_batch(batch, run_id=run, pipeline_version="t", model_version=None)
            update_groups(db, [r.article.id for r in batch])
        yield db


def test_the_hand_built_store_has_the_awkward_cases(store: Store) -> None:
    assert sum(p.total for p in reference(store, "RUR", "SYL")) >= 3
    assert sum(p.total for p in reference(store, "OST", "OST", count="mentions")) == 1
    assert sum(p.total for p in reference(store, "RUR", "SYL", count="mentions")) >= 6


@pytest.mark.parametrize("count", ["groups", "mentions"])
@pytest.mark.parametrize("freq", ["day", "week"])
@pytest.mark.parametrize("window", WINDOWS)
def test_series_answers_as_before_on_hand_built_events(store: Store, count, freq, window) -> None:
    start, end = window
    for a, b in itertools.product(NAMES, repeat=2):
        got = dyad_series(store, a, b, start=start, end=end, freq=freq, count=count)
        assert got == reference(store, a, b, start=start, end=end, freq=freq, count=count), (a, b)


def same_rows_as_the_migration_fills(store: Store) -> None:
    """The rows grouping wrote for the groups that keep a record (a group of one event keeps
    none since migration 13) are those migration 5 computes from the stored group JSON (its
    SQL, naming groups by key as migration 12 does)."""
    written = store.conn.execute(
        "SELECT d.* FROM group_dyads d JOIN event_groups g ON g.key = d.grp"
        " WHERE g.record IS NOT NULL"
    ).fetchall()
    filled = store.conn.execute(GROUP_DYAD_ROWS.replace("g.id", "g.key").format(where="1 = 1"))
    assert sorted(map(tuple, written)) == sorted(map(tuple, filled)) and written


def test_grouping_writes_the_rows_migration_5_fills(store: Store) -> None:
    same_rows_as_the_migration_fills(store)


def test_fill_dyads_rebuilds_the_tables_after_a_bulk_load(tmp_path: Path) -> None:
    with open_store(tmp_path / "bulk.db") as db:
        run = db.start_run("test", pipeline_version="t", model_version=None)
        for batch in BATCHES:
            db.add_batch(batch, run_id=run, pipeline_version="t", model_version=None)
            update_groups(db, [r.article.id for r in batch])
        written = dyad_rows(db)
        db.conn.execute("DELETE FROM group_dyads")
        db.conn.execute("DELETE FROM member_dyads")
        assert dyad_series(db, "RUR", "SYL") == []
        fill_dyads(db)
        assert dyad_rows(db) == written
        for count in ("groups", "mentions"):
            got = dyad_series(db, "RUR", "SYL", count=count)
            assert got == reference(db, "RUR", "SYL", count=count) and got


def dyad_rows(store: Store) -> list[list[tuple[object, ...]]]:
    """Every row of both dyad tables, sorted."""
    return [
        sorted(map(tuple, store.conn.execute(f"SELECT * FROM {table}")))
        for table in ("group_dyads", "member_dyads")
    ]


def test_a_regrown_group_moves_in_the_series(tmp_path: Path) -> None:
    """Groups rewritten by later batches leave no stale pairs behind."""
    with open_store(tmp_path / "grow.db") as db:
        run = db.start_run("test", pipeline_version="t", model_version=None)
        for batch in BATCHES[:1]:
            db.add_batch(batch, run_id=run, pipeline_version="t", model_version=None)
            update_groups(db, [r.article.id for r in batch])
        before = dyad_series(db, "RUR", "ZEM", count="groups")
        for batch in BATCHES[1:]:
            db.add_batch(batch, run_id=run, pipeline_version="t", model_version=None)
            update_groups(db, [r.article.id for r in batch])
        after = dyad_series(db, "RUR", "ZEM", count="mentions")
        assert after == reference(db, "RUR", "ZEM", count="mentions")
        assert dyad_series(db, "RUR", "ZEM") == reference(db, "RUR", "ZEM")
    assert sum(p.total for p in before) == 1 and sum(p.total for p in after) == 2


@pytest.fixture(scope="module")
def examples(tmp_path_factory: pytest.TempPathFactory):
    from dyad.pipeline import run_ingest
    from dyad.settings import load_settings

    path = tmp_path_factory.mktemp("examples") / "examples.db"
    with open_store(path) as db:
        run_ingest([EXAMPLES], db, load_settings(store=str(path)))
        regroup_all(db)
        yield db


@pytest.mark.model
@pytest.mark.slow
@pytest.mark.parametrize("count", ["groups", "mentions"])
@pytest.mark.parametrize("freq", ["day", "week"])
def test_series_answers_as_before_on_the_examples(examples: Store, count, freq) -> None:
    rows = examples.conn.execute(
        "SELECT actor_id, count(*) FROM event_actors WHERE actor_id IS NOT NULL GROUP BY 1"
        " UNION ALL SELECT country, count(*) FROM event_actors WHERE country IS NOT NULL"
        " GROUP BY 1 ORDER BY 2 DESC, 1"
    ).fetchall()
    names = [r[0] for r in rows[:14]]
    assert len(names) >= 8
    counted = 0
    for a, b in itertools.combinations(names, 2):
        for start, end in [(None, None), (D(2026, 2, 20), D(2026, 3, 10))]:
            got = dyad_series(examples, a, b, start=start, end=end, freq=freq, count=count)
            want = reference(examples, a, b, start=start, end=end, freq=freq, count=count)
            assert got == want, (a, b, start, end)
            counted += sum(p.total for p in got)
    assert counted > 20
    same_rows_as_the_migration_fills(examples)
