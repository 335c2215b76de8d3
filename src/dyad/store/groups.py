"""The SQL of event groups (mixed into `Store`; grouping logic lives in `dyad.grouping`).

Groups are written by `dyad.grouping.stored.update_groups` after each committed batch: members
(event, group and score; a member's grouping view is rebuilt from its event), each group's
matching profile and its full record (JSON, status history included; both squeezed, see
`dyad.store.squeeze`), the blocking keys a group is found under, and stories.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sqlite3
import typing
from collections.abc import Collection, Iterable, Iterator, Sequence
from typing import Any

from dyad.query.filter import EventFilter, Plan
from dyad.store.chunks import chunks, rows_in
from dyad.store.group_text import fill_records, slim_record
from dyad.store.records import PlaceTable, dumps, event_records
from dyad.store.squeeze import expand, squeeze
from dyad.store.where import condition
from dyad.store.writes import EVENT_KEY

GROUP_ORDERS = {
    "-last_seen": "g.last_seen DESC, g.id",  # NULLs last; walks migration 9's index
    "date": "g.date IS NULL, g.date, g.id",
    "-mentions": "g.mentions DESC, g.id",
}
_CHUNK = 400
# The integer key (migration 12) of the group whose id is the parameter (`EVENT_KEY`: of the
# event).
GROUP_KEY = "(SELECT key FROM event_groups WHERE id = ?)"
# A group's member events: (event id, article id, body, article date, publisher), then the
# tables to read them from (group `g`, member `m`, event `e`, article `a`).
_MEMBER_ROWS = (
    "e.id, a.id, e.body, a.date, a.source FROM event_groups g"
    " JOIN group_members m ON m.grp = g.key JOIN events e ON e.key = m.event"
    " JOIN articles a ON a.key = e.article"
)
GROWTH = "_growth"  # the key of a group record's growth state (`dyad.grouping.logic.growth`)
# A group of one event keeps neither record nor profile (migration 13): both follow from its
# event. Its record reads as {"id", "story_id", ALONE: True}, which `dyad.grouping.stored`
# rebuilds from the event (the store does not know how a group is built); its profile reads
# as None.
ALONE = "_alone"


# The `event_groups` columns a group's `columns` give, in the table's order.
GROUP_COLUMNS = (
    "type",
    "date",
    "date_end",
    "status",
    "first_seen",
    "last_seen",
    "mentions",
    "articles",
    "sources",
    "confidence",
)


class Groups:
    """Group and story methods of `Store` (`self.conn` is the open connection)."""

    conn: sqlite3.Connection
    place_table: PlaceTable

    def ungrouped_records(
        self, article_ids: Sequence[str]
    ) -> list[tuple[dict[str, Any], dt.date | None, str | None]]:
        """Events (stored records) of `article_ids` not yet in a group, with their article's
        date and publisher."""
        out = []
        sql = (
            "SELECT e.id, a.id, e.body, a.date, a.source FROM events e JOIN articles a"
            " ON a.key = e.article WHERE a.id IN ({}) AND e.key NOT IN"
            " (SELECT event FROM group_members) ORDER BY a.date, a.id, e.id"
        )
        for rows in rows_in(self.conn, sql, list(article_ids), size=_CHUNK):
            records = event_records(self.conn, [r[:3] for r in rows], self.place_table)
            out += [(e, _date(r[3]), r[4]) for e, r in zip(records, rows, strict=True)]
        return out

    def ungrouped_article_ids(self, *, limit: int = 100_000) -> list[str]:
        """Articles holding events that are in no group yet, oldest first."""
        rows = self.conn.execute(
            "SELECT DISTINCT a.id, a.date FROM events e JOIN articles a ON a.key = e.article"
            " WHERE e.key NOT IN (SELECT event FROM group_members)"
            " ORDER BY a.date, a.id LIMIT ?",
            (limit,),
        )
        return [r[0] for r in rows]

    def groups_under_keys(self, keys: Iterable[tuple[str, int]]) -> dict[tuple[str, int], set[str]]:
        """The groups registered under each of `keys` ((key, week) pairs), in one pass."""
        return self._under_keys(
            "group_keys", "(SELECT id FROM event_groups WHERE key = group_keys.grp)", keys
        )

    def group_profiles(self, group_ids: Iterable[str]) -> dict[str, str | None]:
        """The matching profile (JSON) of each of `group_ids`; None for a group of one event
        (`ALONE`)."""
        found: dict[str, str | None] = {}
        sql = "SELECT id, profile FROM event_groups WHERE id IN ({})"
        for rows in rows_in(self.conn, sql, sorted(set(group_ids)), size=_CHUNK):
            found.update((r[0], None if r[1] is None else _text(r[1])) for r in rows)
        return found

    def group_member_events(
        self,
        group_ids: Iterable[str],
        *,
        known: Collection[str] = (),
        only: Collection[str] | None = None,
    ) -> dict[str, list[tuple[str, dict[str, Any] | None, dt.date | None, str | None]]]:
        """The member events of each of `group_ids` in grouping order (article date, article
        id, event id): (event id, stored record, its article's date, its publisher), what a
        member is rebuilt from (migration 10 keeps no copy of it); the record is None for the
        events of `known` (members the caller holds), and holds only the fields `only` when
        it is given."""
        out: dict[str, list[tuple[str, dict[str, Any] | None, dt.date | None, str | None]]] = {}
        sql = f"SELECT g.id, {_MEMBER_ROWS} WHERE g.id IN ({{}}) ORDER BY a.date, a.id, e.id"
        for rows in rows_in(self.conn, sql, sorted(set(group_ids)), size=_CHUNK):
            wanted = [r[1:4] for r in rows if r[1] not in known]
            records = dict(
                zip(
                    (r[0] for r in wanted),
                    event_records(self.conn, wanted, self.place_table, only),
                    strict=True,
                )
            )
            for row in rows:
                item = (row[1], records.get(row[1]), _date(row[4]), row[5])
                out.setdefault(row[0], []).append(item)
        return out

    def newest_member_events(
        self,
        group_id: str,
        *,
        limit: int,
        offset: int = 0,
        only: Collection[str] | None = None,
    ) -> list[tuple[str, dict[str, Any] | None, dt.date | None, str | None]]:
        """The newest `limit` member events of one group after the `offset` newest, as
        `group_member_events` gives them and in its order (oldest first): a page read by
        SQL, not every member."""
        rows = self.conn.execute(
            f"SELECT {_MEMBER_ROWS} WHERE g.id = ?"
            " ORDER BY a.date DESC, a.id DESC, e.id DESC LIMIT ? OFFSET ?",
            (group_id, limit, offset),
        ).fetchall()[::-1]
        records = event_records(self.conn, [r[:3] for r in rows], self.place_table, only)
        return [(r[0], e, _date(r[3]), r[4]) for r, e in zip(rows, records, strict=True)]

    def add_group_members(
        self, rows: Sequence[tuple[str, str, float]], dyads: Sequence[tuple[Any, ...]] = ()
    ) -> None:
        """Insert (event_id, group_id, score) rows, and their `dyads` rows (lo, hi, date,
        event id, how, type, quad class, score, mentions). Both name the event and the group by
        their keys (migration 12): a group not yet stored gets a row that `save_group`, in the
        same transaction, fills."""
        self.conn.executemany(
            "INSERT OR IGNORE INTO event_groups (id, type, status, mentions, articles, sources)"
            " VALUES (?, '', '', 0, 0, 0)",
            sorted({(r[1],) for r in rows}),
        )
        self.conn.executemany(
            f"INSERT INTO group_members VALUES ({EVENT_KEY}, {GROUP_KEY}, ?)", rows
        )
        self.conn.executemany(
            f"INSERT INTO member_dyads VALUES (?, ?, ?, {EVENT_KEY}, ?, ?, ?, ?, ?)", dyads
        )

    def save_group(
        self,
        group_id: str,
        *,
        profile: str | None,
        record: str | None,
        columns: dict[str, Any],
        keys: Sequence[tuple[str, int]],
        dyads: Sequence[tuple[Any, ...]] = (),
        growth: dict[str, Any] | None = None,
    ) -> None:
        """Write one group: its profile and record (JSON; None for both: a group of one event,
        rebuilt from it on read, see `ALONE`), the `columns` of the table (type, date,
        date_end, status, first_seen, last_seen, mentions, articles, sources, confidence),
        its keys and its `dyads` rows (lo, hi, date, how, type, status, quad class, score);
        `growth`, what grouping needs to add members without reading the others, is kept in
        the record and never read back with it."""
        self._upsert_group(group_id, profile, record, columns, growth)
        self.conn.execute(f"DELETE FROM group_dyads WHERE grp = {GROUP_KEY}", (group_id,))
        self.conn.executemany(  # by the group's integer key (migration 12)
            f"INSERT INTO group_dyads VALUES (?, ?, ?, {GROUP_KEY}, ?, ?, ?, ?, ?)",
            [(lo, hi, day, group_id, *rest) for lo, hi, day, *rest in dyads],
        )
        self.conn.executemany(  # by the group's integer key (migration 11)
            "INSERT OR IGNORE INTO group_keys SELECT ?, ?, key FROM event_groups WHERE id = ?",
            [(k, b, group_id) for k, b in keys],
        )

    def _upsert_group(
        self,
        group_id: str,
        profile: str | None,
        record: str | None,
        columns: dict[str, Any],
        growth: dict[str, Any] | None,
    ) -> None:
        """The group's `event_groups` row, added or brought up to date (its story kept)."""
        if record is not None:
            record = self.slim_group_record(record, growth)
        self.conn.execute(
            "INSERT INTO event_groups (id, type, date, date_end, status, first_seen, last_seen,"
            " mentions, articles, sources, confidence, story_id, profile, record)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)"
            " ON CONFLICT(id) DO UPDATE SET type = excluded.type, date = excluded.date,"
            " date_end = excluded.date_end, status = excluded.status,"
            " first_seen = excluded.first_seen, last_seen = excluded.last_seen,"
            " mentions = excluded.mentions, articles = excluded.articles,"
            " sources = excluded.sources, confidence = excluded.confidence,"
            " profile = excluded.profile, record = excluded.record",
            (
                group_id,
                *(columns[c] for c in GROUP_COLUMNS),
                None if profile is None else squeeze(profile, "profile"),
                None if record is None else squeeze(record, "group"),
            ),
        )

    def slim_group_record(self, record: str, growth: dict[str, Any] | None = None) -> str:
        """A group's record (JSON) as stored: without its copies of the article text
        (migration 11, `dyad.store.group_text`), with its `growth` state if given."""
        slim = slim_record(self.conn, json.loads(record), self.place_table.texts)
        if growth is not None:
            slim[GROWTH] = growth
        return dumps(slim)

    def group_growth(
        self, group_ids: Iterable[str]
    ) -> dict[str, tuple[dict[str, Any], dict[str, Any] | None]]:
        """The record of each of `group_ids` as `save_group` was given it (as `ALONE` for a
        group of one event), and its growth state (None when the group was written without
        one)."""
        out: dict[str, tuple[dict[str, Any], dict[str, Any] | None]] = {}
        sql = "SELECT record, story_id, id FROM event_groups WHERE id IN ({})"
        for rows in rows_in(self.conn, sql, sorted(set(group_ids)), size=_CHUNK):
            records = [_stored(r) for r in rows]
            states = [r.pop(GROWTH, None) for r in records]
            filled = fill_records(self.conn, records, self.place_table.texts)
            out.update(zip((r[2] for r in rows), zip(filled, states, strict=True), strict=True))
        return out

    def _records(self, rows: Iterable[Sequence[Any]]) -> list[dict[str, Any]]:
        """The records of (record, story_id, id) rows, their article-text copies put back (a
        group of one event as `ALONE`)."""
        return fill_records(self.conn, [_record(r) for r in rows], self.place_table.texts)

    def group_records(
        self,
        where: EventFilter | Plan | None = None,
        *,
        story_id: str | None = None,
        types: Collection[str] = (),
        limit: int = 100,
        offset: int = 0,
        order: str = "-last_seen",
    ) -> list[dict[str, Any]]:
        """Group records (`to_dict` of each group) with a member event matching `where`, of
        story `story_id` and of `types` if given."""
        sql, args = "1 = 1", list[Any]()
        if where is not None:
            cond, args = condition(where)
            members = "FROM group_members m JOIN events e ON e.key = m.event"
            sql = f"g.key IN (SELECT m.grp {members} WHERE {cond})"
            if _common(where):  # most groups match: walk them newest first, probing each
                sql = f"EXISTS (SELECT 1 {members} WHERE m.grp = g.key AND {cond})"
        if story_id is not None:
            sql += " AND g.story_id = ?"
            args = [*args, story_id]
        if types:
            sql += f" AND g.type IN ({','.join('?' * len(types))})"
            args = [*args, *sorted(types)]
        rows = self.conn.execute(
            f"SELECT g.record, g.story_id, g.id FROM event_groups g WHERE {sql}"
            f" ORDER BY {GROUP_ORDERS[order]} LIMIT ? OFFSET ?",
            [*args, limit, offset],
        )
        return self._records(rows)

    def group_record(self, group_id: str) -> dict[str, Any] | None:
        """One group's record by id (a unique prefix is enough)."""
        row = _by_prefix(self.conn, "event_groups", "record, story_id, id", group_id)
        return self._records([row])[0] if row else None

    def group_records_by_id(self, group_ids: Iterable[str]) -> list[dict[str, Any]]:
        """The records of `group_ids` (those that exist), ordered by id."""
        out = []
        sql = "SELECT record, story_id, id FROM event_groups WHERE id IN ({}) ORDER BY id"
        for rows in rows_in(self.conn, sql, sorted(set(group_ids)), size=_CHUNK):
            out += self._records(rows)
        return out

    def groups_in_articles(self, article_ids: Iterable[str]) -> set[str]:
        """Ids of the groups with a member in one of `article_ids`."""
        return self._ids(
            "SELECT DISTINCT g.id FROM articles a JOIN events e ON e.article = a.key"
            " JOIN group_members m ON m.event = e.key JOIN event_groups g ON g.key = m.grp"
            " WHERE a.id IN ({})",
            article_ids,
        )

    def _under_keys(
        self, table: str, column: str, keys: Iterable[tuple[str, int]]
    ) -> dict[tuple[str, int], set[str]]:
        """`column` values of `table` registered under each (key, bucket) of `keys`."""
        found: dict[tuple[str, int], set[str]] = {}
        for chunk in _chunks(sorted(set(keys)), _CHUNK // 2):
            values = ",".join("(?, ?)" for _ in chunk)
            rows = self.conn.execute(
                f"SELECT key, bucket, {column} FROM {table} WHERE (key, bucket) IN"
                f" (VALUES {values})",
                [v for pair in chunk for v in pair],
            )
            for key, bucket, value in rows:
                found.setdefault((key, bucket), set()).add(value)
        return found

    def group_of_event(self, event_id: str) -> str | None:
        """The id of the group holding event `event_id`."""
        row = self.conn.execute(
            "SELECT g.id FROM events e JOIN group_members m ON m.event = e.key"
            " JOIN event_groups g ON g.key = m.grp WHERE e.id = ?",
            (event_id,),
        ).fetchone()
        return row[0] if row else None

    def groups_with_party(self, party: str) -> set[str]:
        """Ids of groups with a member event naming `party` (an actor id or a country)."""
        rows = self.conn.execute(
            "SELECT DISTINCT g.id FROM event_actors a JOIN group_members m ON m.event = a.event"
            " JOIN event_groups g ON g.key = m.grp WHERE a.actor_id = ? OR a.country = ?",
            (party, party.upper()),
        )
        return {r[0] for r in rows}

    def count_groups(self) -> int:
        """How many event groups the store holds."""
        return int(self.conn.execute("SELECT count(*) FROM event_groups").fetchone()[0])

    def _ids(self, sql: str, values: Iterable[str]) -> set[str]:
        found: set[str] = set()
        for rows in rows_in(self.conn, sql, sorted(set(values)), size=_CHUNK):
            found.update(r[0] for r in rows)
        return found

    def latest_article_date(self) -> dt.date | None:
        """The latest publication date of a stored article."""
        return _date(self.conn.execute("SELECT max(date) FROM articles").fetchone()[0])


def _by_prefix(conn: sqlite3.Connection, table: str, columns: str, key: str) -> Any:
    """The row whose id is `key`, else the only one whose id starts with it (uses the index)."""
    row = conn.execute(f"SELECT {columns} FROM {table} WHERE id = ?", (key,)).fetchone()
    if row is not None or not key:
        return row
    rows = conn.execute(
        f"SELECT {columns} FROM {table} WHERE id >= ? AND id < ? LIMIT 2", (key, key + "\uffff")
    ).fetchall()
    return rows[0] if len(rows) == 1 else None


def _common(where: EventFilter | Plan) -> bool:
    """Whether `where` is one most groups hold a member of: no party, text, place or date
    filter, only type, status and confidence."""
    flt = where.where if isinstance(where, Plan) else where
    narrow = dataclasses.replace(
        flt, type=None, polarity=None, modality=None, historical=None, min_confidence=None
    )
    return narrow == EventFilter() and not (isinstance(where, Plan) and where.parties)


def _stored(row: Sequence[Any]) -> dict[str, Any]:
    """The record of a (record, story_id, id) row as stored, its growth state kept."""
    if row[0] is None:
        return {"id": row[2], "story_id": row[1], ALONE: True}
    return dict(json.loads(_text(row[0])))


def _record(row: Sequence[Any]) -> dict[str, Any]:
    record = _stored(row)
    record.pop(GROWTH, None)
    record["story_id"] = row[1]
    return record


def _text(value: bytes | str) -> str:
    """A group's record or profile, or a member, as JSON text (squeezed since migration 8)."""
    return typing.cast(str, expand(value))


def _chunks(items: list[Any], size: int = _CHUNK) -> Iterator[Sequence[Any]]:
    """`chunks` of the group and story tables' size."""
    return chunks(items, size)


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None
