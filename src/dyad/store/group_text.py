"""Group records without copies of the article text (migration 11).

A group's `summary` is the evidence sentence of its first member, and a member's status
keeps its sentence as `evidence` when it explains a denial or a delegation sent
(`dyad.grouping.logic.status`). Both are copies of the article text the event's first
evidence points to. The stored record holds `0` in their place (`slim_record`) when the
copy is exactly that sentence, cut from the article text by the event's offsets
(`event_mentions`, position 0); reads put the sentence back (`fill_records`), so the record
a user reads is the one grouping wrote. A text that is not that slice stays as written.
"""

from __future__ import annotations

import json
import sqlite3
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from typing import Any

from dyad.store.chunks import rows_in
from dyad.store.keys import BY_ID, KEYED
from dyad.store.records import article_texts

CUT = 0  # in place of a text that reads cut from the article text


def event_sentences(
    conn: sqlite3.Connection,
    event_ids: Iterable[str],
    cache: OrderedDict[str, str],
    keys: tuple[str, str] = KEYED,
) -> dict[str, str]:
    """The first evidence sentence of each of these events, cut from its article's text
    (`keys`: how `event_mentions` names an event, see `dyad.store.keys.KEYED`)."""
    wanted = sorted(set(event_ids))
    ev, key = keys
    sql = (
        "SELECT e.id, a.id, m.sentence_start, m.sentence_end"
        f" FROM event_mentions m JOIN events e ON e.{key} = m.{ev}"
        " JOIN articles a ON a.key = e.article WHERE m.position = 0 AND e.id IN ({})"
    )
    rows = [r for chunk in rows_in(conn, sql, wanted) for r in chunk]
    texts = article_texts(conn, {r[1] for r in rows}, cache)
    return {r[0]: texts[r[1]][r[2] : r[3]] for r in rows if r[1] in texts}


def _texts(record: dict[str, Any]) -> Iterable[tuple[str, str, Any]]:
    """(event id, key, holder) of each article-text copy in a group record: its summary and
    each status's evidence."""
    ids = record.get("event_ids") or []
    if ids and "summary" in record:
        yield ids[0], "summary", record
    for status in record.get("statuses") or []:
        if "evidence" in status:
            yield status["event_id"], "evidence", status


def slim_record(
    conn: sqlite3.Connection,
    record: dict[str, Any],
    cache: OrderedDict[str, str],
    keys: tuple[str, str] = KEYED,
) -> dict[str, Any]:
    """`record` (changed in place) with `CUT` for each copy equal to its event's sentence."""
    found = [(i, k, h) for i, k, h in _texts(record) if h[k]]
    sentences = event_sentences(conn, {i for i, _, _ in found}, cache, keys)
    for event_id, key, holder in found:
        if event_id in sentences and holder[key] == sentences[event_id]:
            holder[key] = CUT
    return record


def fill_records(
    conn: sqlite3.Connection, records: Sequence[dict[str, Any]], cache: OrderedDict[str, str]
) -> list[dict[str, Any]]:
    """The `records` (changed in place) with each `CUT` text put back."""
    cut = [(i, k, h) for record in records for i, k, h in _texts(record) if type(h[k]) is int]
    if cut:
        sentences = event_sentences(conn, {i for i, _, _ in cut}, cache)
        for event_id, key, holder in cut:
            holder[key] = sentences[event_id]
    return list(records)


def slim_all(conn: sqlite3.Connection) -> None:
    """Every stored group record without its copies (migration 11, on its store, which names
    events by id; a record already slim stays as it is)."""
    from dyad.store.records import dumps
    from dyad.store.squeeze import expand, squeeze

    cache: OrderedDict[str, str] = OrderedDict()
    last = ""
    while True:
        rows = conn.execute(
            "SELECT id, record FROM event_groups WHERE id > ? ORDER BY id LIMIT 500", (last,)
        ).fetchall()
        for group_id, record in rows:
            slim = slim_record(conn, json.loads(str(expand(record))), cache, BY_ID)
            conn.execute(
                "UPDATE event_groups SET record = ? WHERE id = ?",
                (squeeze(dumps(slim)), group_id),
            )
        if len(rows) < 500:
            return
        last = rows[-1][0]
