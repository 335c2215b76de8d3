"""Dyad on a real local Spark session (`local[2]`): the same answers as a local run.

One Spark run of the example corpus plus a folder of bad inputs is shared by the module;
each local path (in-process, process pool) reads the same inputs into its own fresh store.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = [pytest.mark.spark, pytest.mark.model]
EXAMPLES = Path(__file__).resolve().parents[1] / "src" / "dyad" / "data" / "examples"
MAX_FILE_BYTES = 64 * 1024
LOCAL_BATCH = 200  # more than the bundled examples hold
MISSING = "/nonexistent-dyad-input/articles"


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    """One small local Spark session for every Spark test."""
    from dyad.spark import spark_session

    session = spark_session(
        "local[2]",
        app_name="dyad-tests",
        conf={
            "spark.ui.enabled": "false",
            "spark.driver.memory": "1g",
            "spark.executor.memory": "1g",
            "spark.sql.shuffle.partitions": "4",
            "spark.default.parallelism": "2",
        },
    )
    yield session
    session.stop()


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The examples, a folder of bad inputs (and a copy of one example), a missing path."""
    bad = tmp_path_factory.mktemp("bad")
    (bad / "empty.txt").write_text("", encoding="utf-8")
    (bad / "picture.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    (bad / "huge.jsonl").write_text("x" * (MAX_FILE_BYTES + 10), encoding="utf-8")
    shutil.copy(EXAMPLES / "lima-teachers-protest.txt", bad / "copy-of-lima.txt")
    return [str(EXAMPLES), str(bad), MISSING]


@pytest.fixture(scope="module")
def spark_out(spark: Any, inputs: list[str], tmp_path_factory: pytest.TempPathFactory) -> Any:
    from dyad.settings import load_settings
    from dyad.spark import SparkOptions, run_job

    out = str(tmp_path_factory.mktemp("spark") / "out")
    options = SparkOptions(partitions=2, max_file_bytes=MAX_FILE_BYTES)
    report = run_job(spark, inputs, out, settings=load_settings(env={}), options=options)
    return report


def _ingest(inputs: list[str], path: Path, workers: int) -> Path:
    from dyad.pipeline import run_ingest
    from dyad.settings import load_settings
    from dyad.store import open_store

    # One batch, as the Spark job groups: local grouping still depends on batch boundaries
    # (with 32-article batches one report of the bundled examples joins another group)
    settings = load_settings(env={}, store=str(path), workers=workers, batch_size=LOCAL_BATCH)
    with open_store(path) as store:
        run_ingest(inputs, store, settings)
    return path


@pytest.fixture(scope="module")
def local_store(inputs: list[str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _ingest(inputs, tmp_path_factory.mktemp("local") / "local.db", workers=1)


@pytest.fixture(scope="module")
def loaded_store(spark_out: Any, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from dyad.store import open_store
    from dyad.store.loading import load_parquet

    path = tmp_path_factory.mktemp("loaded") / "loaded.db"
    with open_store(path) as store:
        load_parquet(spark_out.out, store, batch_size=7)
    return path


def _rows(path: Path, sql: str) -> list[tuple[Any, ...]]:
    with sqlite3.connect(path) as conn:
        return sorted(map(tuple, conn.execute(sql)))


def _events_in_parquet(out: str) -> dict[str, dict[str, Any]]:
    import pyarrow.dataset as ds

    table = ds.dataset(f"{out}/events", partitioning="hive").to_table(columns=["id", "record"])
    return {r["id"]: json.loads(r["record"]) for r in table.to_pylist()}


def _events_in_store(path: Path) -> dict[str, dict[str, Any]]:
    from dyad.model import to_dict
    from dyad.store import open_store

    with open_store(path, read_only=True) as store:
        return {e.id: to_dict(e) for e in store.iter_events()}


# same answers ----------------------------------------------------------------------------


def test_spark_gives_the_events_of_an_in_process_run(spark_out: Any, local_store: Path) -> None:
    local = _events_in_store(local_store)
    assert len(local) > 50
    assert _events_in_parquet(spark_out.out) == local


def test_spark_gives_the_events_of_the_process_pool(
    spark_out: Any, inputs: list[str], tmp_path: Path
) -> None:
    pool = _events_in_store(_ingest(inputs, tmp_path / "pool.db", workers=2))
    assert _events_in_parquet(spark_out.out) == pool


ARTICLE_COLUMNS = "id, date, source, title, url, origin, text, notes"
PER_ARTICLE = {
    # by the event's and the article's ids: their integer keys are the order they were stored in
    "event_mentions": "SELECT e.id, m.position, m.trigger_start, m.trigger_end,"
    " m.sentence_start, m.sentence_end FROM event_mentions m JOIN events e ON e.key = m.event",
    "event_actors": "SELECT e.id, x.role, x.position, x.actor_id, x.text, x.country, x.sector"
    " FROM event_actors x JOIN events e ON e.key = x.event",
    "article_actors": "SELECT a.id, m.actor_id, m.mentions FROM article_actors m"
    " JOIN articles a ON a.key = m.article",
    "quotes": "SELECT q.id, a.id FROM quotes q JOIN articles a ON a.key = q.article",
    "articles": f"SELECT {ARTICLE_COLUMNS} FROM articles",
    "actors": "SELECT id, aliases, first_seen, last_seen, mentions FROM actors",
}


@pytest.mark.parametrize("table", sorted(PER_ARTICLE))
def test_loaded_parquet_equals_the_local_store(
    loaded_store: Path, local_store: Path, table: str
) -> None:
    sql = PER_ARTICLE[table]
    local = _rows(local_store, sql)
    assert local
    assert _rows(loaded_store, sql) == local


def test_results_equal_except_timings(loaded_store: Path, local_store: Path) -> None:
    def results(path: Path) -> dict[str, Any]:
        from dyad.model import to_dict
        from dyad.store import open_store

        with open_store(path, read_only=True) as store:
            ids = [r[0] for r in _rows(path, "SELECT id FROM articles")]
            return {i: {**to_dict(store.article(i)), "timings": None} for i in ids}

    assert results(loaded_store) == results(local_store)


# bad input -------------------------------------------------------------------------------


def test_bad_inputs_are_rejected_with_their_reason_and_the_job_goes_on(spark_out: Any) -> None:
    from dyad.store.loading import read_rejected

    reasons = {Path(r.origin).name: r.reason for r in read_rejected(spark_out.out)}
    assert reasons == {
        "articles": "not-found",
        "empty.txt": "empty",
        "picture.txt": "binary",
        "huge.jsonl": "too-large",
    }
    assert spark_out.articles > 20
    assert spark_out.duplicates == 1


def test_of_two_copies_the_one_read_first_is_kept(loaded_store: Path) -> None:
    origins = [o for (o,) in _rows(loaded_store, "SELECT origin FROM articles")]
    assert any(o.endswith("examples/lima-teachers-protest.txt") for o in origins)
    assert not any(o.endswith("copy-of-lima.txt") for o in origins)


# layout ----------------------------------------------------------------------------------


def test_datasets_are_partitioned_by_publication_date(spark_out: Any) -> None:
    import pyarrow.dataset as ds

    out = Path(spark_out.out)
    for name in ("articles", "events", "event_mentions", "actors", "quotes"):
        assert any(p.name.startswith("published=2026-") for p in (out / name).iterdir()), name
    articles = ds.dataset(out / "articles", partitioning="hive").to_table().to_pylist()
    assert all(str(a["published"] or "") == str(a["date"] or "") for a in articles)
    assert any(a["published"] is None for a in articles)  # the undated example


# bringing results home -------------------------------------------------------------------


def test_loading_again_adds_nothing(spark_out: Any, loaded_store: Path, local_store: Path) -> None:
    from dyad.store import open_store
    from dyad.store.loading import load_parquet

    # loaded from this Parquet, or ingested locally (which rejected huge.jsonl for another
    # reason than too-large: that rejection is new to it)
    for path, unchanged in ((loaded_store, ("articles", "events", "actors", "quotes", "rejected")),
                            (local_store, ("articles", "events", "actors", "quotes"))):  # fmt: skip
        with open_store(path) as store:
            before = store.counts()
            report = load_parquet(spark_out.out, store)
            after = store.counts()
        assert report.articles_new == 0
        assert report.articles_known == spark_out.articles
        assert [after[t] for t in unchanged] == [before[t] for t in unchanged]


FILTERS = [
    {"type": "REQUEST"},
    {"actor": "Ethiopia"},
    {"country": "ERI"},
    {"source": "Reuters"},
    {"text": "sanctions"},
    {"polarity": "negated"},
]


@pytest.mark.parametrize("where", FILTERS, ids=lambda w: "-".join(map(str, w.items())))
def test_parquet_queries_answer_as_the_store(
    spark_out: Any, loaded_store: Path, where: dict[str, str]
) -> None:
    from dyad.query.parquet import ParquetEvents
    from dyad.store import EventFilter, open_store

    flt = EventFilter(**where)
    with open_store(loaded_store, read_only=True) as store:
        expected = [e.id for e in store.events(flt, limit=1000)]
        frame = store.events_frame(flt)
    with ParquetEvents(spark_out.out) as data:
        assert [e.id for e in data.events(flt, limit=1000)] == expected
        assert data.count_events(flt) == len(expected)
        assert data.events_frame(flt).id.tolist() == frame.id.tolist()
    assert expected


def _dyad(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dyad.cli", *args], capture_output=True, text=True, timeout=300
    )


def test_cli_loads_and_queries_parquet(spark_out: Any, tmp_path: Path) -> None:
    db = str(tmp_path / "cli.db")
    loaded = _dyad("load-parquet", spark_out.out, "--store", db)
    assert loaded.returncode == 0, loaded.stderr
    assert f"{spark_out.articles} new" in loaded.stderr
    assert _rows(Path(db), "SELECT count(*) FROM group_members") == [(spark_out.events,)]
    again = _dyad("load-parquet", spark_out.out, "--store", db)
    assert " 0 new" in again.stderr
    found = _dyad("spark", "query", spark_out.out, "--type", "REJECT", "--format", "jsonl")
    assert found.returncode == 0, found.stderr
    assert {json.loads(line)["type"] for line in found.stdout.splitlines()} == {"REJECT"}


# grouping at scale -----------------------------------------------------------------------


def test_grouping_on_spark_gives_the_local_groups(
    spark: Any, spark_out: Any, local_store: Path
) -> None:
    import pyarrow.dataset as ds

    from dyad.spark.grouping import group_job

    report = group_job(spark, spark_out.out)
    out = Path(report.out)
    members = ds.dataset(out / "group_members").to_table(columns=["event_id", "group_id"])
    local = dict(
        _rows(
            local_store,
            "SELECT e.id, g.id FROM group_members m JOIN events e ON e.key = m.event"
            " JOIN event_groups g ON g.key = m.grp",
        )
    )
    assert dict(zip(*members.to_pydict().values(), strict=True)) == local
    assert report.groups < report.members  # some events were grouped together

    from dyad.grouping.stored.whole import whole_groups
    from dyad.model import to_dict
    from dyad.store import open_store

    spark_groups = ds.dataset(out / "event_groups").to_table(columns=["id", "record"])
    spark_records = {
        i: {**json.loads(r), "story_id": None}  # stories: local only
        for i, r in zip(*spark_groups.to_pydict().values(), strict=True)
    }
    with open_store(local_store, read_only=True) as store:  # records as the store reads them
        local_records = {
            g.id: {**to_dict(g), "story_id": None}
            for g in whole_groups(store, store.group_records_by_id(spark_records))
        }
    assert spark_records == local_records
    assert len(local_records) == len(_rows(local_store, "SELECT id FROM event_groups"))
