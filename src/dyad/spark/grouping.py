"""Cross-article grouping as a Spark job over a run's Parquet events, in blocks.

The local grouping (`dyad.grouping.logic.assign`) takes members in order, each joining the best
group found under its blocking keys (event type and one party, or type and place) and week buckets.
Two members can only meet if a key a group was ever registered under is a key the other looks
up. So the job cuts the members into blocks that never meet and groups each block alone:

    events ⋈ articles ──member_of──▶ members with their lookup nodes ("type|party#week")
      ──label propagation over shared nodes (and units of one article)──▶ blocks
      ──assign per block (applyInArrow)──▶ groups, and every key each group was registered under
      ──a group's key looked up by a member of another block? merge the two blocks, regroup them
      ──no more such pairs──▶ event_groups, group_members (Parquet)

When no group's keys reach a member of another block, no member of the whole-corpus run ever
sees a group of another block, so the groups are those of one `assign` over all members: the
local grouping of the same data in one pass (`dyad regroup` on a store holding it).
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from dyad.grouping.logic import (
    Member,
    assign,
    build_group,
    lookup_keys,
    member_of,
    new_profile,
    profile_keys,
)
from dyad.model import Event, from_dict, to_dict
from dyad.spark.schema import PARTITION

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

log = logging.getLogger(__name__)

MEMBERS = pa.schema(
    [
        ("event_id", pa.string()),
        ("article_id", pa.string()),
        ("article_date", pa.date32()),
        ("nodes", pa.list_(pa.string())),
        ("member", pa.string()),
    ]
)
ASSIGNED = pa.schema(
    [
        ("block", pa.int64()),
        ("event_id", pa.string()),
        ("group_id", pa.string()),
        ("score", pa.float64()),
        ("founded", pa.bool_()),
        ("registered", pa.list_(pa.string())),
    ]
)
GROUPS = pa.schema(
    [
        ("id", pa.string()),
        ("type", pa.string()),
        ("date", pa.date32()),
        ("date_end", pa.date32()),
        ("status", pa.string()),
        ("first_seen", pa.date32()),
        ("last_seen", pa.date32()),
        ("mentions", pa.int32()),
        ("articles", pa.int32()),
        ("sources", pa.int32()),
        ("record", pa.string()),
    ]
)


@dataclass(frozen=True, slots=True)
class GroupReport:
    """What one grouping job did."""

    out: str
    members: int
    groups: int
    blocks: int
    merges: int  # blocks merged because a group of one reached a member of another
    seconds: float


def group_job(
    spark: SparkSession, folder: str, *, out: str | None = None, rounds: int = 6
) -> GroupReport:
    """Group the events of the Spark output `folder`; write `event_groups` and
    `group_members` under `out` (default: `folder`). `rounds` bounds the label propagation
    that finds the first blocks; merging makes the result exact whatever it finds."""
    from pyspark.sql import functions as F

    started = time.perf_counter()
    out = (out or folder).rstrip("/")
    members = _members(spark, folder.rstrip("/")).persist()
    blocks = _first_blocks(members, rounds)
    assigned, merges = _group_blocks(spark, members, blocks)
    groups = _groups(assigned, members)
    groups.write.mode("overwrite").parquet(f"{out}/event_groups")
    joined = assigned.join(members, "event_id").select(
        "event_id",
        "group_id",
        "article_id",
        "article_date",
        F.round("score", 4).alias("score"),
        "founded",
        "member",
    )
    joined.write.mode("overwrite").parquet(f"{out}/group_members")
    report = GroupReport(
        out=out,
        members=members.count(),
        groups=groups.count(),
        blocks=assigned.select("block").distinct().count(),
        merges=merges,
        seconds=time.perf_counter() - started,
    )
    members.unpersist()
    return report


def member_rows(batches: Iterable[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """`mapInArrow` function: (record, published, source) of events to `MEMBERS` rows."""
    for batch in batches:
        rows = []
        for row in batch.to_pylist():
            event = from_dict(Event, json.loads(row["record"]))
            member = member_of(event, article_date=row[PARTITION], publisher=row["source"])
            rows.append(
                {
                    "event_id": member.event_id,
                    "article_id": member.article_id,
                    "article_date": member.article_date,
                    "nodes": nodes(member),
                    "member": json.dumps(to_dict(member), separators=(",", ":")),
                }
            )
        yield pa.RecordBatch.from_pylist(rows, schema=MEMBERS)


def nodes(member: Member) -> list[str]:
    """The (key, week) pairs `member` looks groups up under, and its unit in its article."""
    return [f"{key}#{week}" for key, week in lookup_keys(member)] + [unit_node(member)]


def unit_node(member: Member) -> str:
    """The members of one article, type, sentence and status move together (`assign`)."""
    unit = (member.article_id, member.type, member.sentence, member.polarity, member.modality)
    return "unit:" + json.dumps(unit)


def group_block(table: pa.Table) -> pa.Table:
    """`applyInArrow` function: one block's members grouped as the local grouping would."""
    rows = table.to_pylist()
    members = [from_dict(Member, json.loads(r["member"])) for r in rows]
    assignments, _ = assign(members, lambda member, keys: [])
    by_event = {m.event_id: m for m in members}
    registered: dict[str, set[str]] = {}
    profiles: dict[str, Any] = {}
    out = []
    for a in assignments:  # replay each group's growth: every key it was registered under
        member = by_event[a.event_id]
        profile = profiles.get(a.group_id)
        profile = new_profile(a.group_id, member) if profile is None else profile.add(member)
        profiles[a.group_id] = profile
        # a unit split over two blocks is caught like a key: the group "registers" it too
        keys = {f"{k}#{w}" for k, w in profile_keys(profile)} | {unit_node(member)}
        new = sorted(keys - registered.setdefault(a.group_id, set()))
        registered[a.group_id] |= keys
        out.append(
            {
                "block": rows[0]["block"],
                "event_id": a.event_id,
                "group_id": a.group_id,
                "score": a.score,
                "founded": a.founded,
                "registered": new,
            }
        )
    return pa.Table.from_pylist(out, schema=ASSIGNED)


def group_records(table: pa.Table) -> pa.Table:
    """`applyInArrow` function: the record of one group from its members."""
    members = [from_dict(Member, json.loads(m)) for m in table.column("member").to_pylist()]
    group = build_group(table.column("group_id")[0].as_py(), members)
    row = {
        "id": group.id,
        "type": group.type,
        "date": group.date,
        "date_end": group.date_end,
        "status": group.status,
        "first_seen": group.first_seen,
        "last_seen": group.last_seen,
        "mentions": group.mentions,
        "articles": group.articles,
        "sources": group.sources,
        "record": json.dumps(to_dict(group), ensure_ascii=False),
    }
    return pa.Table.from_pylist([row], schema=GROUPS)


def _members(spark: SparkSession, folder: str) -> DataFrame:
    from pyspark.sql import functions as F

    from dyad.spark.job import spark_schema

    events = spark.read.parquet(f"{folder}/events").select("article_id", "record", PARTITION)
    sources = spark.read.parquet(f"{folder}/articles").select(
        F.col("id").alias("article_id"), "source"
    )
    joined = events.join(sources, "article_id", "left")
    return joined.mapInArrow(member_rows, spark_schema(MEMBERS))


def _first_blocks(members: DataFrame, rounds: int) -> DataFrame:
    """(event_id, block): members linked through shared nodes get the smallest label found
    within `rounds` rounds of label propagation."""
    from pyspark.sql import functions as F

    edges = members.select("event_id", F.explode("nodes").alias("node")).persist()
    labels = members.select("event_id", F.xxhash64("event_id").alias("block"))
    for _ in range(rounds):
        by_node = edges.join(labels, "event_id").groupBy("node").agg(F.min("block").alias("b"))
        new = edges.join(by_node, "node").groupBy("event_id").agg(F.min("b").alias("block"))
        new = new.localCheckpoint()
        changed = new.alias("n").join(labels.alias("o"), "event_id")
        moved = changed.where(F.col("n.block") != F.col("o.block")).count()
        labels = new
        if moved == 0:
            break
    edges.unpersist()
    return labels


def _group_blocks(
    spark: SparkSession, members: DataFrame, blocks: DataFrame
) -> tuple[DataFrame, int]:
    """Group every block; merge blocks that reach each other and regroup them until none do."""
    from dyad.spark.job import spark_schema

    merges = 0
    while True:
        keyed = members.join(blocks, "event_id").select("block", "event_id", "member")
        assigned = (
            keyed.groupBy("block").applyInArrow(group_block, spark_schema(ASSIGNED)).persist()
        )
        pairs = _reaching(assigned, members.join(blocks, "event_id"))
        if not pairs:
            return assigned, merges
        merges += len(pairs)
        assigned.unpersist()
        blocks = _merged(spark, blocks, pairs)


def _reaching(assigned: DataFrame, members: DataFrame) -> list[tuple[int, int]]:
    """(block of a group, block of a member) pairs where the member looks up a key the group
    was registered under, across blocks."""
    from pyspark.sql import functions as F

    registered = assigned.select(
        F.col("block").alias("group_block"), F.explode("registered").alias("node")
    ).distinct()
    looked = members.select(
        F.col("block").alias("member_block"), F.explode("nodes").alias("node")
    ).distinct()
    crossing = registered.join(looked, "node").where(F.col("group_block") != F.col("member_block"))
    found = crossing.select("group_block", "member_block").distinct().collect()
    return [(int(r["group_block"]), int(r["member_block"])) for r in found]


def _merged(spark: SparkSession, blocks: DataFrame, pairs: list[tuple[int, int]]) -> DataFrame:
    """`blocks` with each pair's blocks (and everything merged with them) under one label."""
    from pyspark.sql import functions as F

    parent: dict[int, int] = {}

    def root(x: int) -> int:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    for a, b in pairs:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    moves = [(x, root(x)) for x in parent]
    log.info("merging %d blocks that reach each other", len(moves))
    table = spark.createDataFrame(moves, "block long, merged long")
    joined = blocks.join(F.broadcast(table), "block", "left")
    return joined.select("event_id", F.coalesce("merged", "block").alias("block")).localCheckpoint()


def _groups(assigned: DataFrame, members: DataFrame) -> DataFrame:
    from dyad.spark.job import spark_schema

    rows = assigned.join(members, "event_id").select("group_id", "member")
    return rows.groupBy("group_id").applyInArrow(group_records, spark_schema(GROUPS))
