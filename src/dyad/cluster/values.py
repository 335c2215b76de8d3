"""The values of grouping: one event group (one real happening, many mentions), stories and
dyad series. Frozen, JSON-ready through `dyad.model.to_dict`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Party:
    """One actor or recipient of a mention, as grouping compares it."""

    key: str  # canonical actor id, else "TXT:" + the text lower-cased
    name: str
    country: str | None = None
    sector: str | None = None
    title: str | None = None
    kind: str = "organisation"

    @property
    def country_key(self) -> str:
        """The country (or IGO id) when known: the level at which sides are compared."""
        return self.country if self.country and self.country != "IGO" else self.key


@dataclass(frozen=True, slots=True)
class Member:
    """One event of one article, reduced to what grouping and the views need."""

    event_id: str
    article_id: str
    article_date: dt.date | None
    type: str
    actors: tuple[Party, ...] = ()
    recipients: tuple[Party, ...] = ()
    mode: str | None = None
    date: dt.date | None = None
    date_end: dt.date | None = None
    granularity: str | None = None
    date_source: str = "none"
    deadline: dt.date | None = None
    place_id: int | None = None
    place_name: str | None = None
    place_country: str | None = None
    place_admin1: str | None = None
    place_source: str = "none"
    polarity: str = "asserted"
    modality: str = "actual"
    historical: bool = False
    status: str = "happened"  # the plain word for this mention's status (see `members`)
    mentions: int = 1  # evidence spans in the article (in-article duplicates merged)
    sources: tuple[str, ...] = ()  # publisher and every name of the attribution chain
    publisher: str | None = None
    tokens: tuple[str, ...] = ()  # content words of the evidence sentences, sorted, unique
    trigger: str = ""
    sentence: str = ""
    cameo: str | None = None
    quad_class: int | None = None
    goldstein: float | None = None
    parent_id: str | None = None


@dataclass(frozen=True, slots=True)
class StatusChange:
    """The group's status became `status` with this article."""

    status: str
    article_id: str
    article_date: dt.date | None
    event_id: str
    source: str | None


@dataclass(frozen=True, slots=True)
class MentionStatus:
    """What one member event says about the happening: every one is kept."""

    event_id: str
    article_id: str
    article_date: dt.date | None
    status: str
    source: str | None
    mentions: int


@dataclass(frozen=True, slots=True)
class GroupActor:
    """An actor of a group, with how many member events name it."""

    id: str
    name: str
    country: str | None
    sector: str | None
    title: str | None
    members: int


@dataclass(frozen=True, slots=True)
class EventGroup:
    """One real happening: every mention of it across articles, with counts and status."""

    id: str
    type: str
    mode: str | None
    actors: tuple[GroupActor, ...]
    recipients: tuple[GroupActor, ...]
    date: dt.date | None  # the date window of the happening
    date_end: dt.date | None
    place: str | None
    place_country: str | None
    place_id: int | None
    status: str  # the status now
    contested: tuple[str, ...]  # statuses reported that contradict `status`
    history: tuple[StatusChange, ...]  # each change of status, oldest first
    statuses: tuple[MentionStatus, ...]  # every member's status, oldest article first
    mentions: int
    articles: int
    sources: int  # distinct publishers and sources of the attribution chains
    source_names: tuple[str, ...]
    first_seen: dt.date | None  # earliest and latest publication date of a member
    last_seen: dt.date | None
    event_ids: tuple[str, ...]
    article_ids: tuple[str, ...]
    cameo: str | None = None
    quad_class: int | None = None
    goldstein: float | None = None
    deadline: dt.date | None = None
    story_id: str | None = None
    summary: str = ""  # the evidence sentence of the first member


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One dated line of a story: a group's status changed with an article."""

    date: dt.date | None
    group_id: str
    type: str
    status: str
    article_id: str
    summary: str


@dataclass(frozen=True, slots=True)
class Story:
    """Articles and event groups of one developing story, with a timeline."""

    id: str
    title: str
    countries: tuple[str, ...]  # most involved first
    first_seen: dt.date | None
    last_seen: dt.date | None
    group_ids: tuple[str, ...]
    article_ids: tuple[str, ...]
    timeline: tuple[TimelineEntry, ...]


@dataclass(frozen=True, slots=True)
class SeriesPoint:
    """Counts for one period of a dyad series."""

    period: dt.date  # first day of the day or ISO week
    total: int
    types: dict[str, int]  # PLOVER type -> count
    quad_classes: dict[int, int]  # 1 verbal coop, 2 material coop, 3 verbal conf, 4 material
    goldstein: float | None  # mean cooperation-conflict score of the counted items
