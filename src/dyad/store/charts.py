"""The aggregates the dashboard draws: timeline, summary, network, map points.

Timeline, summary and network read the tallies kept at ingest (`dyad.store.tallies`) when
they hold the filter, and scan the matching events otherwise; both give the same answer
(`tallied=False` asks for the scan; tests compare the two).
"""

from __future__ import annotations

import sqlite3
from typing import Any

from dyad.query.filter import EventFilter, Plan
from dyad.store.tallies import tally_condition, tally_scope
from dyad.store.where import condition

INTERVALS = {"day": 10, "month": 7, "year": 4}  # length of the ISO date prefix


def _plan(where: EventFilter | Plan) -> Plan:
    return where if isinstance(where, Plan) else Plan(where)


class Charts:
    """Query methods of `Store` (mixed in; `self.conn` is the open connection)."""

    conn: sqlite3.Connection

    def _rows(self, sql: str, args: list[Any]) -> list[dict[str, Any]]:
        return [dict(r) for r in self.conn.execute(sql, args)]

    def timeline(
        self, where: EventFilter | Plan, *, interval: str, tallied: bool = True
    ) -> list[dict[str, Any]]:
        """Event counts per period and type."""
        scope = tally_scope(_plan(where)) if tallied else None
        if scope is not None:
            sql, args = tally_condition(_plan(where), scope)
            return self._rows(
                f"SELECT {_period(interval)} AS period, type,"
                f" sum(events) AS events FROM event_tallies WHERE {sql} AND date <> ''"
                " GROUP BY period, type HAVING sum(events) > 0 ORDER BY period, type",
                args,
            )
        sql, args = condition(where)
        return self._rows(
            f"SELECT substr(e.date, 1, {INTERVALS[interval]}) AS period, e.type,"
            f" count(*) AS events FROM events e WHERE {sql} AND e.date IS NOT NULL"
            " GROUP BY period, e.type ORDER BY period, e.type",
            args,
        )

    def summary(
        self, where: EventFilter | Plan, *, interval: str, tallied: bool = True
    ) -> dict[str, Any]:
        """Counts by type and status, and the cooperation-conflict line per period."""
        scope = tally_scope(_plan(where)) if tallied else None
        if scope is not None:
            return self._tallied_summary(_plan(where), scope, INTERVALS[interval])
        sql, args = condition(where)
        return {
            "by_type": self._rows(
                f"SELECT e.type, count(*) AS events FROM events e WHERE {sql} GROUP BY e.type"
                " ORDER BY events DESC, e.type",
                args,
            ),
            "by_status": self._rows(
                f"SELECT e.polarity, e.modality, count(*) AS events FROM events e WHERE {sql}"
                " GROUP BY e.polarity, e.modality ORDER BY events DESC, e.polarity, e.modality",
                args,
            ),
            "line": self._rows(
                f"SELECT substr(e.date, 1, {INTERVALS[interval]}) AS period, count(*) AS events,"
                " sum(e.quad_class IN (1, 2)) AS cooperation,"
                " sum(e.quad_class IN (3, 4)) AS conflict, round(avg(e.goldstein), 3) AS goldstein"
                f" FROM events e WHERE {sql} AND e.date IS NOT NULL"
                " AND e.polarity = 'asserted' GROUP BY period ORDER BY period",
                args,
            ),
        }

    def _tallied_summary(self, where: Plan, scope: str, length: int) -> dict[str, Any]:
        sql, args = tally_condition(where, scope)
        return {
            "by_type": self._rows(
                f"SELECT type, sum(events) AS events FROM event_tallies WHERE {sql} GROUP BY type"
                " HAVING sum(events) > 0 ORDER BY events DESC, type",
                args,
            ),
            "by_status": self._rows(
                f"SELECT polarity, modality, sum(events) AS events FROM event_tallies WHERE {sql}"
                " GROUP BY polarity, modality HAVING sum(events) > 0"
                " ORDER BY events DESC, polarity, modality",
                args,
            ),
            # a period's cooperation (conflict) is NULL, as in the scan, when no event has a class
            "line": self._rows(
                f"SELECT substr(date, 1, {length}) AS period, sum(events) AS events,"
                " sum(CASE WHEN quad_class IN (1, 2) THEN events WHEN quad_class > 0 THEN 0 END)"
                " AS cooperation,"
                " sum(CASE WHEN quad_class IN (3, 4) THEN events WHEN quad_class > 0 THEN 0 END)"
                " AS conflict, round(sum(goldstein) / sum(scored), 3) AS goldstein"
                f" FROM event_tallies WHERE {sql} AND date <> '' AND polarity = 'asserted'"
                " GROUP BY period HAVING sum(events) > 0 ORDER BY period",
                args,
            ),
        }

    def edges(
        self, where: EventFilter | Plan, *, limit: int, tallied: bool = True
    ) -> list[dict[str, Any]]:
        """Actor -> recipient edges with event counts and mean Goldstein score."""
        if tallied and tally_scope(_plan(where)) == "":
            sql, args = tally_condition(_plan(where), None)
            return self._rows(
                "SELECT source, target, sum(events) AS events,"
                " round(sum(goldstein) / sum(scored), 3) AS goldstein FROM edge_tallies"
                f" WHERE {sql} GROUP BY source, target HAVING sum(events) > 0"
                " ORDER BY events DESC, source, target LIMIT ?",
                [*args, limit],
            )
        sql, args = condition(where)
        return self._rows(
            "SELECT coalesce(a.actor_id, a.text) AS source,"
            " coalesce(r.actor_id, r.text) AS target,"
            " count(DISTINCT e.id) AS events, round(avg(e.goldstein), 3) AS goldstein"
            " FROM events e JOIN event_actors a ON a.event = e.key AND a.role = 'actor'"
            " JOIN event_actors r ON r.event = e.key AND r.role = 'recipient'"
            f" WHERE {sql} GROUP BY source, target ORDER BY events DESC, source, target LIMIT ?",
            [*args, limit],
        )

    def places(self, where: EventFilter | Plan, *, limit: int) -> list[dict[str, Any]]:
        """Event locations with their counts, for the map."""
        sql, args = condition(where)
        rows = self.conn.execute(
            "SELECT e.place_id, e.place_name AS name, e.place_country AS country, e.lat, e.lon,"
            " count(*) AS events, group_concat(DISTINCT e.type) AS types"
            f" FROM events e WHERE {sql} AND e.lat IS NOT NULL"
            " GROUP BY e.place_id, e.place_name ORDER BY events DESC LIMIT ?",
            [*args, limit],
        )
        return [{**dict(r), "types": sorted((r["types"] or "").split(","))} for r in rows]


def _period(interval: str) -> str:
    """The period of a tally row: its day as it is (the rows are read in the order of their
    key, so grouping needs no sort), else the day's month or year prefix."""
    return "date" if interval == "day" else f"substr(date, 1, {INTERVALS[interval]})"
