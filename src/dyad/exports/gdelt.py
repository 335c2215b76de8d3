"""GDELT 2.0 tables: the event table (61 tab-separated columns) and the mentions table (16).

Both are written without a header line, as GDELT publishes them. GDELT has no column for
negation, modality or history, so by default only asserted, actual, current events are
written (`all_statuses=True` writes every event, and their status is then lost). Values
GDELT has and Dyad does not (tone, actor locations, ethnic and religion codes) are empty.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Iterator
from typing import Any

from dyad.exports.codes import actor_code, cameo_types, fips_codes
from dyad.model import ActorMention, Article, Event, Place

_ACTOR = (
    "Code",
    "Name",
    "CountryCode",
    "KnownGroupCode",
    "EthnicCode",
    "Religion1Code",
    "Religion2Code",
    "Type1Code",
    "Type2Code",
    "Type3Code",
)
_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
EVENT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID",
    "Day",
    "MonthYear",
    "Year",
    "FractionDate",
    *(f"Actor1{c}" for c in _ACTOR),
    *(f"Actor2{c}" for c in _ACTOR),
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    *(f"Actor1Geo_{c}" for c in _GEO),
    *(f"Actor2Geo_{c}" for c in _GEO),
    *(f"ActionGeo_{c}" for c in _GEO),
    "DATEADDED",
    "SOURCEURL",
)
# The mention table's whole numbers from the sentence number to the document's length.
_MENTION_NUMBERS = (
    "SentenceID",
    "Actor1CharOffset",
    "Actor2CharOffset",
    "ActionCharOffset",
    "InRawText",
    "Confidence",
    "MentionDocLen",
)
MENTION_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID",
    "EventTimeDate",
    "MentionTimeDate",
    "MentionType",
    "MentionSourceName",
    "MentionIdentifier",
    *_MENTION_NUMBERS,
    "MentionDocTone",
    "MentionDocTranslationInfo",
    "Extras",
)
INTS = {
    "GLOBALEVENTID",
    "Day",
    "MonthYear",
    "Year",
    "IsRootEvent",
    "QuadClass",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "Actor1Geo_Type",
    "Actor2Geo_Type",
    "ActionGeo_Type",
    "DATEADDED",
    "EventTimeDate",
    "MentionTimeDate",
    "MentionType",
    *_MENTION_NUMBERS,
}
FLOATS = {
    "FractionDate",
    "GoldsteinScale",
    "AvgTone",
    "MentionDocTone",
    *(f"{p}_{c}" for p in ("Actor1Geo", "Actor2Geo", "ActionGeo") for c in ("Lat", "Long")),
}
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+")


def global_event_id(event_id: str) -> int:
    """A stable 60-bit integer for a Dyad event id (GDELT ids are integers)."""
    return int(hashlib.sha1(event_id.encode("utf-8")).hexdigest()[:15], 16)


def gdelt_eligible(event: Event) -> bool:
    """Whether GDELT, which has no status columns, can carry the event without misreading it."""
    return event.polarity == "asserted" and event.modality == "actual" and not event.historical


def event_row(event: Event, article: Article | None) -> dict[str, Any]:
    """The 61 columns of one event."""
    day = event.date or (article.date if article else None)
    code = event.cameo or ""
    row: dict[str, Any] = {
        "GLOBALEVENTID": global_event_id(event.id),
        "Day": int(day.strftime("%Y%m%d")) if day else None,
        "MonthYear": int(day.strftime("%Y%m")) if day else None,
        "Year": day.year if day else None,
        "FractionDate": round(day.year + day.timetuple().tm_yday / 365, 4) if day else None,
        **_actor("Actor1", event.actors),
        **_actor("Actor2", event.recipients),
        "IsRootEvent": int(_is_root(event, article)),
        "EventCode": code or None,
        "EventBaseCode": code[:3] or None,
        "EventRootCode": code[:2] or None,
        "QuadClass": event.quad_class,
        "GoldsteinScale": event.goldstein,
        "NumMentions": len(event.evidence),
        "NumSources": 1,
        "NumArticles": 1,
        "AvgTone": None,
        **_geo("Actor1Geo", None),
        **_geo("Actor2Geo", None),
        **_geo("ActionGeo", event.place),
        "DATEADDED": _stamp(article.date if article else day),
        "SOURCEURL": (article.url or article.id) if article else event.article_id,
    }
    return row


def mention_rows(event: Event, article: Article | None) -> list[dict[str, Any]]:
    """One mentions-table row per piece of evidence of the event."""
    text = article.text if article else ""
    stamp = _stamp(article.date if article else event.date)
    first_actor = event.actors[0].span.start if event.actors else -1
    first_recipient = event.recipients[0].span.start if event.recipients else -1
    return [
        {
            "GLOBALEVENTID": global_event_id(event.id),
            "EventTimeDate": stamp,
            "MentionTimeDate": stamp,
            "MentionType": 1,
            "MentionSourceName": (article.source if article else None),
            "MentionIdentifier": (article.url or article.id) if article else event.article_id,
            "SentenceID": len(_SENTENCE_END.findall(text[: e.sentence.start])) + 1,
            "Actor1CharOffset": first_actor,
            "Actor2CharOffset": first_recipient,
            "ActionCharOffset": e.trigger.start,
            "InRawText": 1,
            "Confidence": round(event.confidence * 100),
            "MentionDocLen": len(text) or None,
            "MentionDocTone": None,
            "MentionDocTranslationInfo": None,
            "Extras": f"<DYAD_EVENT>{event.id}</DYAD_EVENT>",
        }
        for e in event.evidence
    ]


def gdelt_lines(
    items: Iterable[tuple[Event, Article | None]], *, table: str, all_statuses: bool = False
) -> Iterator[str]:
    """Tab-separated lines of the `table` ("events" or "mentions"), no header."""
    columns = EVENT_COLUMNS if table == "events" else MENTION_COLUMNS
    for event, article in items:
        if not all_statuses and not gdelt_eligible(event):
            continue
        rows = [event_row(event, article)] if table == "events" else mention_rows(event, article)
        for row in rows:
            yield "\t".join(_cell(row[c]) for c in columns) + "\n"


def read_gdelt(lines: Iterable[str], *, table: str) -> Iterator[dict[str, Any]]:
    """Rows of a GDELT events or mentions table, each column decoded to its type."""
    columns = EVENT_COLUMNS if table == "events" else MENTION_COLUMNS
    for number, line in enumerate(lines, 1):
        cells = line.rstrip("\r\n").split("\t")
        if len(cells) != len(columns):
            raise ValueError(
                f"line {number}: {len(cells)} columns, GDELT {table} has {len(columns)}"
            )
        yield {c: _decode(c, v) for c, v in zip(columns, cells, strict=True)}


def _actor(prefix: str, mentions: tuple[ActorMention, ...]) -> dict[str, Any]:
    m = mentions[0] if mentions else None
    country = m.country if m and m.country != "IGO" else None
    kind = cameo_types().get(m.sector or "", "") if m else ""
    values = {
        "Code": actor_code(m.country, m.sector) if m else None,
        "Name": m.name if m else None,
        "CountryCode": country,
        "KnownGroupCode": "IGO" if m and m.country == "IGO" else None,
        "EthnicCode": None,
        "Religion1Code": None,
        "Religion2Code": None,
        "Type1Code": kind or None,
        "Type2Code": None,
        "Type3Code": None,
    }
    return {f"{prefix}{k}": (v or None) for k, v in values.items()}


def _geo(prefix: str, place: Place | None) -> dict[str, Any]:
    if place is None:
        values: dict[str, Any] = dict.fromkeys(_GEO)
        values["Type"] = 0
    else:
        fips = fips_codes().get(place.country or "", "")
        values = {
            "Type": _geo_type(place),
            "FullName": _full_name(place),
            "CountryCode": fips or None,
            "ADM1Code": fips + place.admin1
            if fips and place.admin1 and len(place.admin1) <= 3
            else fips or None,
            "ADM2Code": None,
            "Lat": place.lat,
            "Long": place.lon,
            "FeatureID": str(place.geonameid),
        }
    return {f"{prefix}_{k}": v for k, v in values.items()}


def _geo_type(place: Place) -> int:
    """GDELT geo types: 1 country, 2 US state, 3 US city, 4 world city, 5 world state."""
    us = place.country == "USA"
    if place.feature.startswith("PCL"):
        return 1
    if place.feature.startswith("ADM"):
        return 2 if us else 5
    return 3 if us else 4


def _full_name(place: Place) -> str:
    return ", ".join(p for p in (place.name, place.admin1, place.country) if p)


def _is_root(event: Event, article: Article | None) -> bool:
    """GDELT's IsRootEvent: the event is stated in the article's lead paragraph."""
    text = article.text if article else ""
    lead_end = text.find("\n\n") if text else -1
    lead_end = lead_end if lead_end > 0 else 400
    return event.evidence[0].sentence.start < lead_end


def _stamp(day: dt.date | None) -> int | None:
    return int(day.strftime("%Y%m%d") + "000000") if day else None


def _cell(value: Any) -> str:
    if value is None:
        return ""
    return " ".join(str(value).split()) if isinstance(value, str) else str(value)


def _decode(column: str, cell: str) -> Any:
    if cell == "":
        return None
    if column in INTS:
        return int(cell)
    if column in FLOATS:
        return float(cell)
    return cell
