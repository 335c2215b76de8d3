"""The pieces of the Spark engine that need no Spark: rows, origins, file globs, grouping blocks.

These run without Java; tests/test_spark.py runs the whole job on a local Spark session.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import json

import pyarrow as pa
import pytest

from dyad.grouping.logic import Member, Party
from dyad.ingest import IngestOptions
from dyad.model import (
    ActorMention,
    Article,
    ArticleResult,
    Event,
    Evidence,
    Rejected,
    Span,
    from_dict,
    to_dict,
)
from dyad.spark.grouping import ASSIGNED, group_block, nodes, unit_node
from dyad.spark.job import _glob, _uri
from dyad.spark.schema import RESULT, rejected_row, result_row
from dyad.spark.worker import local_origin, read_bytes
from dyad.store.loading import article_result

DAY = dt.date(2026, 3, 2)
TEXT = "Freedonia demanded that Sylvania withdraw its troops."


def _result() -> ArticleResult:
    article = Article(id="a1", text=TEXT, date=DAY, source="Wire", origin="/x/a.txt")
    actor = ActorMention(Span(0, 9, "Freedonia"), "CTY:FRE", "Freedonia", "FRE", None, "country")
    event = Event(
        id="ev_1", article_id="a1", type="REQUEST", actors=(actor,), recipients=(),
        evidence=(Evidence(Span(10, 18, "demanded"), Span(0, len(TEXT), TEXT)),), date=DAY,
    )  # fmt: skip
    return ArticleResult(article=article, events=(event,), actors=(actor,), timings={"x": 1.0})


# rows ------------------------------------------------------------------------------------


def test_a_result_row_fits_the_schema_and_rebuilds_the_result() -> None:
    row = result_row(_result(), pipeline_version="dyad-test", model_version="m")
    batch = pa.RecordBatch.from_pylist([row], schema=RESULT)
    back = batch.to_pylist()[0]
    assert back["published"] == DAY
    assert [e["id"] for e in back["events"]] == ["ev_1"]
    assert back["event_mentions"][0]["trigger_text"] == "demanded"
    assert back["actors"][0]["actor_id"] == "CTY:FRE"
    assert article_result(back["article"]) == _result()


def test_a_rejected_row_has_no_article_and_no_date() -> None:
    item = Rejected("/x/b.txt", "empty", "/x/b.txt: the input is empty")
    row = pa.RecordBatch.from_pylist([rejected_row(item, pipeline_version="v")], schema=RESULT)
    back = row.to_pylist()[0]
    assert back["article"] is None and back["published"] is None
    assert back["rejected"]["reason"] == "empty"


# origins and file names ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "origin"),
    [
        ("file:/data/news/a.txt", "/data/news/a.txt"),
        ("hdfs://nn:8020/news/a.txt", "hdfs://nn:8020/news/a.txt"),
        ("s3a://bucket/news/a.jsonl", "s3a://bucket/news/a.jsonl"),
    ],
)
def test_local_files_keep_their_path_as_origin_others_their_uri(path: str, origin: str) -> None:
    assert local_origin(path) == origin


def test_listed_uris_are_spelt_as_binaryfile_rows_spell_them() -> None:
    assert _uri("file:///data/a.txt") == "file:/data/a.txt"
    assert _uri("hdfs://nn/a.txt") == "hdfs://nn/a.txt"


@pytest.mark.parametrize(
    ("name", "read"),
    [("a.txt", True), ("A.TXT", True), ("a.jsonl.gz", True), ("a.html", True),
     ("a.csv", True), ("notes.md", False), ("a.pdf", False), ("a.txt.bak", False)],
)  # fmt: skip
def test_folders_are_walked_for_the_endings_ingest_reads(name: str, read: bool) -> None:
    alternatives = _glob().removeprefix("*.{").removesuffix("}").split(",")
    assert any(fnmatch.fnmatchcase(name, f"*.{a}") for a in alternatives) is read


def test_bytes_are_read_by_ingest_itself() -> None:
    content = f" date 2026-03-02 {TEXT}\n".encode()
    items = list(read_bytes("file:/x/a.txt", content, IngestOptions()))
    assert isinstance(items[0], Article)
    assert (items[0].date, items[0].origin) == (DAY, "/x/a.txt")
    empty = list(read_bytes("file:/x/e.txt", b"", IngestOptions()))
    assert [type(i) for i in empty] == [Rejected] and empty[0].reason == "empty"


# grouping blocks -------------------------------------------------------------------------


def _member(event_id: str, country: str, sentence: str = "s") -> Member:
    party = Party(key=f"CTY:{country}", name=country, country=country)
    return Member(
        event_id=event_id, article_id="a1", article_date=DAY, type="REQUEST", actors=(party,),
        date=DAY, date_source="text", granularity="day", sentence=sentence,
    )  # fmt: skip


def test_a_member_looks_up_its_keys_and_its_unit() -> None:
    found = nodes(_member("e1", "FRE"))
    assert unit_node(_member("e1", "FRE")) in found
    assert any(n.startswith("REQUEST|FRE#") for n in found)


def test_one_unit_over_two_parties_is_one_group_registering_its_unit() -> None:
    members = [_member("e1", "FRE"), _member("e2", "SYL")]  # one sentence: one unit
    table = pa.Table.from_pylist(
        [{"block": 7, "event_id": m.event_id, "member": json.dumps(to_dict(m))} for m in members]
    )
    rows = group_block(table).to_pylist()
    assert group_block(table).schema == ASSIGNED
    assert len({r["group_id"] for r in rows}) == 1
    registered = {k for r in rows for k in r["registered"]}
    assert unit_node(members[0]) in registered
    assert any(k.startswith("REQUEST|SYL#") for k in registered)
    assert from_dict(Member, json.loads(table.column("member")[0].as_py())) == members[0]


@pytest.mark.parametrize(
    ("master", "cores"), [("local", 1), ("local[2]", 2), ("local[3,2]", 3), ("local[*]", None)]
)
def test_local_masters_name_their_cores(master: str, cores: int | None) -> None:
    import os

    from dyad.spark.session import _local_cores

    assert _local_cores(master) == (cores or os.cpu_count())
