"""The query layer: one filter, one read path, an indexed `source` filter, and the rule that
SQL lives only in the store and the back ends and that the command line never imports the web
layer."""

from __future__ import annotations

import ast
import dataclasses
import sqlite3
from pathlib import Path

import pytest

from dyad.errors import FilterError
from dyad.model import Source
from dyad.query import EventFilter, check_filter, count_events, list_events, parse_bbox
from dyad.store import open_store
from store_v7 import make_v7_store
from test_api import build_store, results

SRC = Path(__file__).resolve().parents[1] / "src" / "dyad"
# Where SQL text may be written: the store, the DuckDB back end, and the gazetteer (a
# database of its own, built from GeoNames, not the event store).
SQL_HOMES = ("store/", "query/parquet.py", "extract/places/gazetteer.py",
             "extract/places/build.py")  # fmt: skip
SQL_WORDS = ("SELECT ", "INSERT INTO", "DELETE FROM", "CREATE VIEW", "CREATE TABLE")


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("query") / "q.db")


def _strings(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
    ]


def test_sql_is_written_only_in_the_store_and_the_back_ends() -> None:
    found = []
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC).as_posix()
        if rel.startswith(SQL_HOMES):
            continue
        found += [rel for s in _strings(path) if any(w in s for w in SQL_WORDS)]
    assert found == []


def test_the_command_line_imports_nothing_from_the_web_layer() -> None:
    """Only `dyad serve`, which runs the web layer, imports it (its `create_app`)."""
    found = []
    for path in sorted((SRC / "cli").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("dyad.api"):
                found.append(f"{path.name}: {node.module}")
    assert found == ["serve.py: dyad.api"]


@pytest.mark.parametrize(
    ("where", "parameter"),
    [
        (EventFilter(type="WAGE_WAR"), "type"),
        (EventFilter(polarity="maybe"), "polarity"),
        (EventFilter(modality="surely"), "modality"),
    ],
)
def test_a_bad_filter_names_its_parameter_and_what_is_allowed(
    where: EventFilter, parameter: str
) -> None:
    with pytest.raises(FilterError) as caught:
        check_filter(where)
    assert caught.value.parameter == parameter
    assert "is not one of" in caught.value.message


@pytest.mark.parametrize("value", ["²,0,1,1", "1,2,3", "nan,0,1,1", "inf,0,1,1"])
def test_a_bbox_that_is_no_four_numbers_is_a_filter_error(value: str) -> None:
    with pytest.raises(FilterError, match="four numbers") as caught:
        parse_bbox(value)
    assert caught.value.parameter == "bbox"


def test_the_source_filter_reads_an_index_not_json_text(store_path: Path) -> None:
    with open_store(store_path, read_only=True) as store:
        from dyad.store.where import condition

        sql, args = condition(EventFilter(source="Example Wire"))
        plan = store.conn.execute(
            f"EXPLAIN QUERY PLAN SELECT e.id FROM events e WHERE {sql}", args
        ).fetchall()
    details = " | ".join(r["detail"] for r in plan)
    assert "event_sources USING" in details and "attribution" not in sql, details


def test_a_source_with_accents_is_found(tmp_path: Path) -> None:
    # The old filter matched `"name"` in JSON text, where json.dumps had written "Ag\u00eancia".
    first = results()[0]
    event = dataclasses.replace(first.events[0], attribution=(Source("Agência Zenda", "actor"),))
    with open_store(tmp_path / "a.db") as store:
        run = store.start_run("t", pipeline_version="t", model_version=None)
        store.add_batch([dataclasses.replace(first, events=(event,))], run_id=run,
                        pipeline_version="t", model_version=None)  # fmt: skip
        assert [e.id for e in list_events(store, EventFilter(source="Agência Zenda"))] == [event.id]


def test_the_migration_fills_event_sources_of_a_store_made_before_it(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    make_v7_store(path, results())  # as Dyad wrote it then, before the lean layout
    wanted = [("Example Wire", 2), ("officials in Zenda", 1), ("borduria post", 2)]
    conn = sqlite3.connect(path)
    conn.executescript("DROP TABLE event_sources; PRAGMA user_version = 6;")
    conn.close()
    with open_store(path) as store:
        assert store.schema_version >= 8
        found = [(s, count_events(store, EventFilter(source=s))) for s, _ in wanted]
    assert found == wanted
