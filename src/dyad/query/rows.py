"""Plain views of stored values, shared by the CLI, the HTTP API and exports."""

from __future__ import annotations

import datetime as dt
from typing import Any

from dyad.model import ActorMention, Event, date_label


def status_text(event: Event) -> str:
    """One readable word or two for an event's status: "negated planned", "historical"."""
    words = []
    if event.polarity != "asserted":
        words.append(event.polarity)
    if event.modality != "actual":
        words.append(event.modality)
    if event.historical:
        words.append("historical")
    return " ".join(words) or "asserted"


def actor_label(mention: ActorMention) -> str:
    """The canonical name and country: "Vladimir Putin [RUS]", "Kenya (government) [KEN]"."""
    return f"{mention.name} [{mention.country}]" if mention.country else mention.name


def event_row(event: Event) -> dict[str, Any]:
    """A flat dict of the fields a reader scans first; the full record is `to_dict(event)`."""
    first = event.evidence[0]
    return {
        "id": event.id,
        "date": event.date.isoformat() if event.date else None,
        "date_granularity": event.date_granularity,
        "date_label": event.date_label(),  # "2019" for a year: what tables show
        "date_source": event.date_source,
        "type": event.type + (f"/{event.mode}" if event.mode else ""),
        "status": status_text(event),
        "actors": [actor_label(m) for m in event.actors],
        "recipients": [actor_label(m) for m in event.recipients],
        "place": f"{event.place.name}, {event.place.country}" if event.place else None,
        "source": " < ".join(s.name for s in event.attribution) or None,
        "mentions": len(event.evidence),
        "trigger": first.trigger.text,
        "sentence": first.sentence.text,
        "article_id": event.article_id,
    }


def group_date_label(group: dict[str, Any]) -> str | None:
    """A stored group's date window as precisely as it is known (`to_dict` of an
    `EventGroup`): "2019" for a year, "2025-05-14/2025-05-16" for days."""
    granularity = group.get("date_granularity")
    start = date_label(_day(group.get("date")), granularity)
    end = date_label(_day(group.get("date_end")), granularity)
    return start if end is None or end == start else f"{start}/{end}"


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None
