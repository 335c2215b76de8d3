"""The dyad tables (`group_dyads`, `member_dyads`): their rows as SQL over the stored
documents, and the reads of a series between two sides (mixed into `Store`)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Sequence
from typing import Any


def _pairs(table: str, doc: str, item: str, id_key: str) -> str:
    """(item, lo, hi, f) for each pair of names two sides of a JSON document face each other
    with (f = 1: actor and recipient) or share (f = 2: two actors). A name is an id, unless
    unresolved ("TXT:..."), or an upper-case country: what `event_actors` can be searched by."""

    def ok(x: str) -> str:
        return (
            f"{x}.type = 'text' AND {x}.atom <> '' AND ({x}.key = '{id_key}'"
            f" AND substr({x}.atom, 1, 4) <> 'TXT:' OR {x}.key = 'country'"
            f" AND {x}.atom = upper({x}.atom))"
        )

    return (
        f"SELECT {item} AS item, min(l.atom, r.atom) AS lo, max(l.atom, r.atom) AS hi, 1 AS f"
        f" FROM {table}, json_tree({doc}, '$.actors') l, json_tree({doc}, '$.recipients') r"
        f" WHERE {{where}} AND {ok('l')} AND {ok('r')}"
        f" UNION ALL SELECT {item}, l.atom, r.atom, 2"
        f" FROM {table}, json_tree({doc}, '$.actors') l, json_tree({doc}, '$.actors') r"
        f" WHERE {{where}} AND {ok('l')} AND {ok('r')} AND l.atom < r.atom"
    )


# The rows of the dyad tables for the groups / members matching `{where}` (on alias g / m),
# as `dyad.grouping.logic.series.dyad_pairs` gives them when grouping writes. Frozen with migration
# 5, which fills the tables of a store grouped before it: a change needs a new migration.
# `expand` (an SQL function of the store's connections) reads a squeezed document or text.
GROUP_DYAD_ROWS = (
    "SELECT p.lo AS lo, p.hi AS hi, coalesce(json_extract(expand(g.record), '$.date'),"
    " json_extract(expand(g.record), '$.first_seen')) AS day, g.id AS id, sum(DISTINCT p.f) AS how,"
    " json_extract(expand(g.record), '$.type'), json_extract(expand(g.record), '$.status'),"
    " json_extract(expand(g.record), '$.quad_class'), json_extract(expand(g.record), '$.goldstein')"
    f" FROM ({_pairs('event_groups g', 'expand(g.record)', 'g.id', 'id')}) p"
    " JOIN event_groups g ON g.id = p.item WHERE day IS NOT NULL GROUP BY g.id, p.lo, p.hi"
)
MEMBER_DYAD_ROWS = (
    "SELECT p.lo AS lo, p.hi AS hi, coalesce(json_extract(expand(m.member), '$.date'),"
    " json_extract(expand(m.member), '$.article_date')) AS day, m.event_id AS id,"
    " sum(DISTINCT p.f) AS how, json_extract(expand(m.member), '$.type'),"
    " json_extract(expand(m.member), '$.quad_class'),"
    " json_extract(expand(m.member), '$.goldstein'),"
    " json_extract(expand(m.member), '$.mentions')"
    f" FROM ({_pairs('group_members m', 'expand(m.member)', 'm.event_id', 'key')}) p"
    " JOIN group_members m ON m.event_id = p.item WHERE day IS NOT NULL"
    " GROUP BY m.event_id, p.lo, p.hi"
)

# Doubtful events (under the confidence threshold) are left out of series.
_CONFIDENT_GROUP = " AND i.confidence >= ?"  # a group's: its members' highest (migration 13)
_CONFIDENT_MEMBER = (
    " AND EXISTS (SELECT 1 FROM events e WHERE e.key = d.event AND e.confidence >= ?)"
)


class Dyads:
    """Dyad table methods of `Store` (`self.conn` is the open connection)."""

    conn: sqlite3.Connection

    def dyad_rows(
        self,
        a: str,
        b: str,
        *,
        start: str | None,
        end: str | None,
        count: str,
        skip_status: Iterable[str],
        joint_types: Iterable[str],
        min_confidence: float | None = None,
    ) -> list[tuple[str, str, str, int | None, float | None, int]]:
        """(date, group or event id, type, quad class, score, weight) of the groups
        (`count="groups"`, weight 1, none whose status is in `skip_status`) or member events
        (`count="mentions"`, weight their mentions) where `a` and `b` face each other, or act
        together in one of `joint_types`, dated from `start` to `end` (ISO dates, inclusive),
        by date and id; with `min_confidence`, only groups holding (or members being) an event
        at least that confident."""
        table, weight, item = (  # by key (migration 12); the ids read from their tables
            ("group_dyads d JOIN event_groups i ON i.key = d.grp", "1", "i.id")
            if count == "groups"
            else ("member_dyads d JOIN events i ON i.key = d.event", "d.mentions", "i.id")
        )
        skip, joint = sorted(set(skip_status)), sorted(set(joint_types))
        sql = (
            f"SELECT d.date, {item}, d.type, d.quad_class, d.goldstein, {weight} FROM {table}"
            " WHERE d.lo = ? AND d.hi = ? AND d.date >= ? AND d.date <= ?"
            f" AND ((d.how & 1) OR (d.how & 2) AND d.type IN ({','.join('?' * len(joint))}))"
        )
        args: list[Any] = [min(a, b), max(a, b), start or "", end or "\uffff", *joint]
        if count == "groups":
            sql += f" AND d.status NOT IN ({','.join('?' * len(skip))})"
            args += skip
        if min_confidence:
            sql += _CONFIDENT_GROUP if count == "groups" else _CONFIDENT_MEMBER
            args.append(min_confidence)
        cursor = self.conn.cursor()
        cursor.row_factory = None  # plain tuples: tens of thousands of rows for a busy pair
        return cursor.execute(sql + f" ORDER BY d.date, {item}", args).fetchall()

    def fill_dyads(
        self,
        rows_of: Callable[[Sequence[str]], tuple[Iterable[Sequence[Any]], Iterable[Sequence[Any]]]],
    ) -> None:
        """Rewrite the dyad tables (after a bulk load that bypassed grouping; migration 5 did
        the same once from the group JSON). `rows_of(group ids)` gives the rows of those
        groups and of their members as grouping writes them, (lo, hi, date, group id, how,
        type, status, quad class, score) and (lo, hi, date, event id, how, type, quad class,
        score, mentions): `dyad.grouping.stored.fill_dyads`, which builds them."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            self.conn.execute("DELETE FROM group_dyads")
            self.conn.execute("DELETE FROM member_dyads")
            ids = [r[0] for r in self.conn.execute("SELECT id FROM event_groups ORDER BY id")]
            for start in range(0, len(ids), 500):
                groups, members = rows_of(ids[start : start + 500])
                self.conn.executemany(
                    "INSERT INTO group_dyads VALUES (?, ?, ?,"
                    " (SELECT key FROM event_groups WHERE id = ?), ?, ?, ?, ?, ?)",
                    groups,
                )
                self.conn.executemany(
                    "INSERT INTO member_dyads VALUES (?, ?, ?,"
                    " (SELECT key FROM events WHERE id = ?), ?, ?, ?, ?, ?)",
                    members,
                )
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")
