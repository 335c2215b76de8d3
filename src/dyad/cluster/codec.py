"""Fast JSON for the values grouping writes and reads on every batch.

`dyad.model.to_dict` / `from_dict` are general and introspect types value by value; grouping
reads and writes thousands of members and groups per batch, so these encode with the C JSON
encoder and decode each known class directly. The JSON is the same as `to_dict` gives.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Any

from dyad.cluster.values import (
    EventGroup,
    GroupActor,
    Member,
    MentionStatus,
    Party,
    StatusChange,
)


def dumps(value: Any) -> str:
    """Compact JSON of a frozen dataclass (nested dataclasses, tuples, dates)."""
    return json.dumps(value, default=_default, separators=(",", ":"), ensure_ascii=False)


def _default(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"cannot encode {type(value).__name__} as JSON")


def member_from_dict(data: dict[str, Any]) -> Member:
    """The `Member` `dumps` wrote."""
    body = dict(data)
    for name in ("actors", "recipients"):
        body[name] = tuple(Party(**p) for p in body[name])
    for name in ("article_date", "date", "date_end", "deadline"):
        body[name] = _date(body[name])
    for name in ("sources", "tokens"):
        body[name] = tuple(body[name])
    return Member(**body)


def group_from_dict(data: dict[str, Any]) -> EventGroup:
    """The `EventGroup` `dumps` (or `to_dict`) wrote."""
    body = dict(data)
    for name in ("actors", "recipients"):
        body[name] = tuple(GroupActor(**a) for a in body[name])
    body["history"] = tuple(
        StatusChange(**{**c, "article_date": _date(c["article_date"])}) for c in body["history"]
    )
    body["statuses"] = tuple(_mention_status(s) for s in body["statuses"])
    for name in ("date", "date_end", "first_seen", "last_seen", "deadline"):
        body[name] = _date(body[name])
    for name in ("contested", "source_names", "event_ids", "article_ids", "triggers"):
        body[name] = tuple(body.get(name, ()))
    return EventGroup(**body)


def _mention_status(data: dict[str, Any]) -> MentionStatus:
    body = {**data, "article_date": _date(data["article_date"])}
    for name in ("actors", "recipients"):
        body[name] = tuple(data.get(name, ()))
    return MentionStatus(**body)


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None
