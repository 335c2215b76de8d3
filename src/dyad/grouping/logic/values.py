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
    confidence: float | None = None  # the event's calibrated confidence, None before calibration


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
    actors: tuple[str, ...] = ()  # party keys of this report: who acts
    recipients: tuple[str, ...] = ()  # and towards whom (or with whom, for a meeting)
    trigger: str = ""  # the trigger word, lower-cased
    evidence: str = ""  # the sentence of a denial or of a delegation sent: why one is absent
    confidence: float | None = None


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
    triggers: tuple[str, ...] = ()  # distinct trigger words of the members, lower-cased
    confidence: float | None = None  # the highest confidence of a member
    date_source: str = "none"  # "text" when a member's text gives the date, else "publication"
    place_source: str = "none"  # how the group's place was found: "text", "dateline", "none"
    date_granularity: str | None = (
        None  # of `date`: "day", "month", "year"... ("2019", not 2019-01-01)
    )


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
    """Articles and event groups of one developing story, with a timeline.

    A story read from the store holds a page of its newest groups and articles (see
    `dyad.grouping.stored.stories`): `groups` and `articles` count them all.
    """

    id: str
    title: str
    countries: tuple[str, ...]  # most involved first
    first_seen: dt.date | None
    last_seen: dt.date | None
    group_ids: tuple[str, ...]
    article_ids: tuple[str, ...]
    timeline: tuple[TimelineEntry, ...]
    hidden: int = 0  # groups under `min_confidence`, left out of groups and timeline
    min_confidence: float | None = None
    groups: int = 0  # every group of the story but the hidden: `group_ids` may hold a page
    articles: int = 0  # every article of the story: `article_ids` may hold a page


@dataclass(frozen=True, slots=True)
class SeriesPoint:
    """Counts for one period of a dyad series."""

    period: dt.date  # first day of the day or ISO week
    total: int
    types: dict[str, int]  # PLOVER type -> count
    quad_classes: dict[int, int]  # 1 verbal coop, 2 material coop, 3 verbal conf, 4 material
    goldstein: float | None  # mean cooperation-conflict score of the counted items


@dataclass(frozen=True, slots=True)
class Attendee:
    """Who comes to (or stays away from) a meeting, and at what level."""

    id: str
    name: str
    country: str | None
    level: str  # "head of state or government", "minister", "deputy", "envoy", ...
    title: str | None
    article_id: str | None = None  # the latest report of this participation or absence
    evidence: str = ""  # its sentence, for an absence
    contested: bool = False  # also reported the other way (attending and absent)


@dataclass(frozen=True, slots=True)
class Answer:
    """A later event group that answers a demand, proposal or threat."""

    group_id: str
    type: str
    date: dt.date | None
    status: str
    summary: str


@dataclass(frozen=True, slots=True)
class Meeting:
    """A meeting or call: scheduled, postponed, held, cancelled; who attends, who stays away."""

    group_id: str  # the group that gives the meeting its date and place
    status: str  # "scheduled", "postponed", "held", "cancelled", "refused"
    date: dt.date | None
    place: str | None
    attendees: tuple[Attendee, ...]  # parties of asserted participation reports
    absent: tuple[Attendee, ...]  # parties of refused, negated or cancelled participation
    history: tuple[StatusChange, ...]  # proposed -> scheduled -> postponed -> held, each dated
    contested: tuple[str, ...]
    articles: int
    sources: int
    summary: str
    channel: str = "in person"  # "in person", "phone" (a phone or video call), "visit"
    group_ids: tuple[str, ...] = ()  # every group reporting this meeting
    confidence: float | None = None


@dataclass(frozen=True, slots=True)
class Demand:
    """A demand or ultimatum: by whom, of whom, by when, and whether it was met."""

    group_id: str
    by: tuple[str, ...]
    of: tuple[str, ...]
    mode: str | None  # "yield", "meet", "change", "assist"
    date: dt.date | None
    deadline: dt.date | None
    status: str  # "open", "met", "expired"
    ultimatum: bool  # has a deadline, or is coded as a demand (CAMEO 10)
    answers: tuple[Answer, ...]  # what met it, and any rejections
    summary: str
    group_ids: tuple[str, ...] = ()  # every group restating this demand, first first
    confidence: float | None = None


@dataclass(frozen=True, slots=True)
class Threat:
    """A threat and whether it was carried out."""

    group_id: str
    by: tuple[str, ...]
    against: tuple[str, ...]
    what: str | None  # "sanctions", "force", "expulsion", or None when unclear
    date: dt.date | None
    conditional: bool
    status: str  # "open", "carried out"
    carried_out: tuple[Answer, ...]
    summary: str
    group_ids: tuple[str, ...] = ()  # every group restating this threat, first first
    last_reported: dt.date | None = None
    confidence: float | None = None


@dataclass(frozen=True, slots=True)
class Proposal:
    """A proposal or offer, and how it was answered."""

    group_id: str
    by: tuple[str, ...]
    to: tuple[str, ...]
    type: str
    mode: str | None
    date: dt.date | None
    status: str  # "open", "accepted", "rejected"
    answers: tuple[Answer, ...]
    summary: str
    group_ids: tuple[str, ...] = ()
    confidence: float | None = None


@dataclass(frozen=True, slots=True)
class Agreement:
    """An agreement reached (a prisoner exchange, a ceasefire) and what came of it."""

    group_id: str
    parties: tuple[str, ...]
    date: dt.date | None
    place: str | None
    status: str  # "reached", "carried out", "broken"
    meeting_id: str | None  # the meeting where it was reached
    carried_out: tuple[Answer, ...]  # later reports of it being carried out
    broken: tuple[Answer, ...]  # later reports of it being violated
    summary: str
    group_ids: tuple[str, ...] = ()
    articles: int = 0
    confidence: float | None = None


@dataclass(frozen=True, slots=True)
class Tracker:
    """The negotiation tracker of a story (or of everything), judged on `as_of`."""

    story_id: str | None
    as_of: dt.date | None  # the latest article date: deadlines before it have passed
    meetings: tuple[Meeting, ...]
    demands: tuple[Demand, ...]
    threats: tuple[Threat, ...]
    proposals: tuple[Proposal, ...]
    agreements: tuple[Agreement, ...] = ()
    min_confidence: float | None = None  # items under it are hidden (None: none hidden)
    hidden: int = 0  # items hidden as doubtful (under `min_confidence`)
    groups: int = 0  # the groups read (of the types the tracker reads, newest first)
    truncated: bool = False  # more groups than the bound: older ones were not read
    since: dt.date | None = None  # when truncated: the oldest last-seen date read
