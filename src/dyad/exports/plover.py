"""PLOVER JSON lines: one event per line, in the field names of the PLOVER specification
("JSON Data Fields": id, date, enddate, source, recipient, event, mode, quad_code,
event_scale, event_loc, event_text, text_info, cite_info, coder), plus Dyad's own fields for
what PLOVER has no name for (status, date and place provenance, attribution, cues).

`plover_record` and `event_from_plover` are exact inverses: a PLOVER export re-imports to the
same `Event` values.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Iterable, Iterator
from typing import Any

from dyad.model import ActorMention, Article, Event, Evidence, Place, from_dict, to_dict
from dyad.version import __version__

CODER = f"dyad-{__version__}"


# Event fields written under a PLOVER name (or folded into one); every other field of
# `Event` is written under its own name, so fields added to the model later still round-trip.
_MAPPED = {
    "id",
    "article_id",
    "type",
    "actors",
    "recipients",
    "evidence",
    "mode",
    "cameo",
    "quad_class",
    "goldstein",
    "date",
    "date_end",
    "place",
}
_ACTOR_NAMES = {
    "country": "code",
    "actor_id": "identifier_id",
    "name": "identifier_text",
    "title": "office",
}


def plover_record(event: Event, article: Article | None = None) -> dict[str, Any]:
    """The PLOVER JSON object of one event."""
    data = to_dict(event)
    record: dict[str, Any] = {
        "id": event.id,
        "date": data["date"],
        "enddate": data["date_end"],
        "source": [_actor(m) for m in event.actors],
        "recipient": [_actor(m) for m in event.recipients],
        "event": [event.type],
        "mode": event.mode,
        "context": [],
        "quad_code": event.quad_class,
        "event_scale": event.goldstein,
        "cameo": event.cameo,
        "event_loc": _place(event.place),
        "event_text": [e.trigger.text for e in event.evidence],
        "text_info": [_evidence(i, e) for i, e in enumerate(event.evidence)],
        "cite_info": _cite(event, article),
        "coder": CODER,
        "has_event": True,
    }
    record.update({k: v for k, v in data.items() if k not in _MAPPED})
    return record


def event_from_plover(record: dict[str, Any]) -> Event:
    """The `Event` a PLOVER record written by `plover_record` describes."""
    names = {f.name for f in dataclasses.fields(Event)}
    data = {k: v for k, v in record.items() if k in names and k not in _MAPPED}
    data |= {
        "id": record["id"],
        "article_id": record["cite_info"]["citation"],
        "type": record["event"][0],
        "actors": [_mention(a) for a in record.get("source") or []],
        "recipients": [_mention(a) for a in record.get("recipient") or []],
        "evidence": [_evidence_back(t) for t in record["text_info"]],
        "mode": record.get("mode"),
        "cameo": record.get("cameo"),
        "quad_class": record.get("quad_code"),
        "goldstein": record.get("event_scale"),
        "date": record.get("date"),
        "date_end": record.get("enddate"),
        "place": _place_back(record.get("event_loc")),
    }
    return from_dict(Event, data)


def plover_lines(items: Iterable[tuple[Event, Article | None]]) -> Iterator[str]:
    """One JSON line per event."""
    for event, article in items:
        yield json.dumps(plover_record(event, article), ensure_ascii=False) + "\n"


def read_plover(lines: Iterable[str]) -> Iterator[Event]:
    """Events from PLOVER JSON lines; blank lines are skipped."""
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"line {number} is not JSON ({exc})") from exc
        yield event_from_plover(record)


def _actor(m: ActorMention) -> dict[str, Any]:
    data = to_dict(m)
    span = data.pop("span")
    found = {_ACTOR_NAMES.get(k, k): v for k, v in data.items()}
    return {**found, "actor_text": span["text"], "start": span["start"], "end": span["end"]}


def _mention(a: dict[str, Any]) -> dict[str, Any]:
    back = {v: k for k, v in _ACTOR_NAMES.items()}
    data = {back.get(k, k): v for k, v in a.items() if k not in ("actor_text", "start", "end")}
    return {**data, "span": {"start": a["start"], "end": a["end"], "text": a["actor_text"]}}


def _place(p: Place | None) -> dict[str, Any] | None:
    if p is None:
        return None
    return {
        "geonameid": p.geonameid,
        "name": p.name,
        "latitude": p.lat,
        "longitude": p.lon,
        "feature code": p.feature,
        "cc3": p.country,
        "admin1": p.admin1,
        "admin2": p.admin2,
        "population": p.population,
    }


def _place_back(loc: dict[str, Any] | None) -> dict[str, Any] | None:
    if loc is None:
        return None
    return {
        "geonameid": loc["geonameid"],
        "name": loc["name"],
        "country": loc.get("cc3"),
        "admin1": loc.get("admin1"),
        "lat": loc["latitude"],
        "lon": loc["longitude"],
        "feature": loc.get("feature code", ""),
        "population": loc.get("population", 0),
        "admin2": loc.get("admin2"),
    }


def _evidence(i: int, e: Evidence) -> dict[str, Any]:
    return {
        "sequence": i,
        "start": e.sentence.start,
        "end": e.sentence.end,
        "text": e.sentence.text,
        "trigger": e.trigger.text,
        "trigger_start": e.trigger.start,
        "trigger_end": e.trigger.end,
    }


def _evidence_back(t: dict[str, Any]) -> dict[str, Any]:
    return {
        "trigger": {"start": t["trigger_start"], "end": t["trigger_end"], "text": t["trigger"]},
        "sentence": {"start": t["start"], "end": t["end"], "text": t["text"]},
    }


def _cite(event: Event, article: Article | None) -> dict[str, Any]:
    cite: dict[str, Any] = {"citation": event.article_id, "coder": CODER, "codebook": "plover-dyad"}
    if article is not None:
        cite |= {
            "url": article.url,
            "title": article.title,
            "publication": article.source,
            "publication_date": _iso(article.date),
        }
    return cite


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None
