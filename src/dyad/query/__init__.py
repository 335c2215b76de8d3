"""The query layer: the one read path of the CLI, the HTTP API, exports and Spark.

`EventFilter` says which events; `check_filter` and the `parse_*` helpers validate a filter
(a `FilterError` names the parameter and what is allowed); `plan` makes party filters exact
and indexed; `list_events`, `count_events` and `export_items` read through a back end: the
store (SQLite) or a Spark output (`dyad.query.parquet.ParquetEvents`, DuckDB).
`shown_confidence` is the default `min_confidence` of a listing: doubtful events are hidden.
"""

from __future__ import annotations

from dyad.errors import FilterError
from dyad.query.charts import network, places, summary, timeline
from dyad.query.filter import (
    SORTS,
    EventFilter,
    Plan,
    check_filter,
    check_page,
    parse_bbox,
    parse_place,
)
from dyad.query.reads import EventSource, count_events, export_items, list_events, plan
from dyad.query.rows import actor_label, event_row, group_date_label, status_text
from dyad.query.series import MAX_POINTS, dyad_series
from dyad.query.threshold import shown_confidence

__all__ = [
    "MAX_POINTS",
    "SORTS",
    "EventFilter",
    "EventSource",
    "FilterError",
    "Plan",
    "actor_label",
    "check_filter",
    "check_page",
    "count_events",
    "dyad_series",
    "event_row",
    "export_items",
    "group_date_label",
    "list_events",
    "network",
    "parse_bbox",
    "parse_place",
    "places",
    "plan",
    "shown_confidence",
    "status_text",
    "summary",
    "timeline",
]
