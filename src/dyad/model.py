"""The values that flow between pipeline stages.

Every value is a frozen dataclass: dates are `datetime.date`, character offsets are ints into
`Article.text`, absence is `None` (with a reason field where the reason matters).

    Article ─nlp─▶ Doc ─extract─▶ ActorMention, EventMention, TimeExpression, PlaceMention,
    Quote ─resolve─▶ Event ─▶ ArticleResult (one per article, what the store keeps)

`to_dict` / `from_dict` (and `to_json` / `from_json`) turn any of these into JSON-ready dicts
and back, losslessly; they are written in `dyad.codec` and imported from here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from dyad.codec import from_dict as from_dict
from dyad.codec import from_json as from_json
from dyad.codec import to_dict as to_dict
from dyad.codec import to_json as to_json

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "SANCTION",
    "THREATEN",
    "PROTEST",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)
POLARITIES: tuple[str, ...] = ("asserted", "negated")
MODALITIES: tuple[str, ...] = (
    "actual",
    "planned",
    "possible",
    "hypothetical",
    "conditional",
    "requested",
    "threatened",
)


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of `Article.text`: `text == article.text[start:end]`."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Article:
    """One dated news article, as read by ingest."""

    id: str
    text: str
    date: dt.date | None
    source: str | None = None  # the publisher, e.g. "UNN"
    title: str | None = None
    url: str | None = None
    origin: str = ""  # where it was read: "path", "path:line" or "<stdin>:line"
    notes: tuple[str, ...] = ()  # per-article warnings, e.g. "no publication date"


@dataclass(frozen=True, slots=True)
class Rejected:
    """An input that could not become an article, and why."""

    origin: str  # "path", "path:line" or "<stdin>:line"
    reason: str  # short machine-readable kind: "undecodable", "empty", "bad-date", ...
    message: str  # what went wrong and what to do, for a person
    article_id: str | None = None


@dataclass(frozen=True, slots=True)
class ActorMention:
    """An occurrence of an actor in the text, resolved as far as possible."""

    span: Span
    actor_id: str | None  # canonical id, e.g. "PER:vladimir_putin", "GOV:RUS", "IGO:NATO"
    name: str  # canonical display name, or the text when unresolved
    country: str | None  # ISO 3166 alpha-3, or "IGO"
    sector: str | None  # "government", "military", "media", "IGO", ...
    kind: str = "organisation"  # "person", "organisation", "country", "group"
    title: str | None = None  # "Secretary of State", "former Foreign Minister", ...
    method: str = "ner"  # how it was resolved: dictionary, title, coreference, memory, ner,
    # context (a group noun's country read from its paragraph or article)
    confidence: float = 0.5
    name_span: Span | None = None  # the name alone, without title ("Marco Rubio"); None if none
    role: str | None = None  # "subject" or "object": the mention's side of its clause, if parsed


@dataclass(frozen=True, slots=True)
class Actor:
    """A canonical actor, as kept in the store and the actor dictionary."""

    id: str
    name: str
    kind: str
    country: str | None
    sector: str | None
    aliases: tuple[str, ...] = ()
    first_seen: dt.date | None = None  # date of the earliest article naming it
    last_seen: dt.date | None = None  # date of the latest article naming it


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A time expression normalised against the article date (TIMEX3-style)."""

    span: Span
    type: str  # "date", "time", "duration", "set", "range"
    value: str | None  # TIMEX3 value: "2025-05-16", "2025-W20", "P30D", "XXXX-WXX-5"
    start: dt.date | None = None
    end: dt.date | None = None
    granularity: str | None = None  # "day", "week", "month", "quarter", "year"
    status: str = "exact"  # "exact", "approximate", "unresolved"
    reason: str | None = None  # why approximate or unresolved
    role: str | None = None  # "deadline" ("by May 12"), "dateline" (an undated text's own date)
    parts: tuple[TimeExpression, ...] = ()  # a range's two ends ("March", "May"), else empty


@dataclass(frozen=True, slots=True)
class Place:
    """A GeoNames place."""

    geonameid: int
    name: str
    country: str | None  # ISO 3166 alpha-3
    admin1: str | None
    lat: float
    lon: float
    feature: str  # GeoNames feature code: "PPLA", "PCLI", ...
    population: int = 0
    admin2: str | None = None  # county or district name, where GeoNames has one


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A toponym in the text and the place it resolves to, if any."""

    span: Span
    place: Place | None
    confidence: float = 0.5
    reason: str | None = None  # why unresolved, or how it was chosen
    role: str | None = None  # "dateline", "demonym" ("Sudanese") or "metonym" ("Egypt said")


@dataclass(frozen=True, slots=True)
class Source:
    """One link of an attribution chain: who the statement rests on."""

    name: str
    kind: str  # "publisher", "outlet", "actor", "unnamed"
    span: Span | None = None
    actor_id: str | None = None
    method: str = ""  # how it was found: "article" (Article.source), "text", "cue", "frame"


@dataclass(frozen=True, slots=True)
class Quote:
    """Reported speech: who said what, with which cue, and on whose relay."""

    id: str
    content: Span
    kind: str  # "direct", "indirect", "claim"
    speaker: ActorMention | None = None
    speaker_text: str | None = None  # the speaker as written, when no actor resolves
    cue: Span | None = None
    chain: tuple[Source, ...] = ()  # outermost last, ending at the publisher
    contested_by: tuple[Span, ...] = ()  # spans that reject or deny this quote or claim
    parts: tuple[Span, ...] = ()  # the quoted pieces when a cue interrupts them; else empty
    scope: Span | None = None  # text a relay covers ("This was reported by X"); else None
    speaker_span: Span | None = None  # where the speaker is written ("Kozyrev", "two sources")


@dataclass(frozen=True, slots=True)
class Cue:
    """The words that decided a field (a status, a role, a date)."""

    field: str  # "polarity", "modality", "historical", "actor", ...
    span: Span
    rule: str


@dataclass(frozen=True, slots=True)
class EventMention:
    """One event as extracted from one sentence, before in-article resolution."""

    type: str  # one of PLOVER_TYPES
    trigger: Span
    sentence: Span
    actors: tuple[ActorMention, ...] = ()
    recipients: tuple[ActorMention, ...] = ()
    mode: str | None = None
    polarity: str = "asserted"
    modality: str = "actual"
    historical: bool = False
    cues: tuple[Cue, ...] = ()
    rule: str = ""
    confidence: float = 0.5
    parent: int | None = None  # index of the embedding mention in the same list
    cameo: str | None = None  # CAMEO root code from the codebook, "04"
    quad_class: int | None = None
    goldstein: float | None = None


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where in the article an event is stated."""

    trigger: Span
    sentence: Span


@dataclass(frozen=True, slots=True)
class Event:
    """A resolved event of one article: the contract every interface shows."""

    id: str
    article_id: str
    type: str
    actors: tuple[ActorMention, ...]
    recipients: tuple[ActorMention, ...]
    evidence: tuple[Evidence, ...]  # one per mention in the article; the first is primary
    mode: str | None = None
    cameo: str | None = None  # CAMEO root code, "04"
    quad_class: int | None = None  # 1 verbal coop, 2 material coop, 3 verbal conf, 4 material
    goldstein: float | None = None  # cooperation-conflict score, -10..+10
    polarity: str = "asserted"
    modality: str = "actual"
    historical: bool = False
    cues: tuple[Cue, ...] = ()
    date: dt.date | None = None
    date_end: dt.date | None = None
    date_granularity: str | None = None  # of `date`: "day", "week", "month", "year", ...
    date_source: str = "none"  # "text", "context" (the story's day), "publication", "none"
    date_expression: TimeExpression | None = None
    place: Place | None = None
    place_source: str = "none"  # "text", "dateline", "none"
    place_span: Span | None = None
    attribution: tuple[Source, ...] = ()
    quote_id: str | None = None
    parent_id: str | None = None  # the embedding event: a REQUEST whose content is this
    rule: str = ""
    confidence: float = 0.5
    date_end_granularity: str | None = None  # of `date_end` (a deadline may differ)

    def date_label(self) -> str | None:
        """The date as precisely as it was said, with its end: "2019", "2025-05-16",
        "2025-03/2025-05", "2025-05-14/2025-05-30"; None when there is no date."""
        start = date_label(self.date, self.date_granularity)
        end_granularity = self.date_end_granularity or self.date_granularity
        end = date_label(self.date_end, end_granularity)
        if start is None or end is None or end == start:
            return start or end
        return f"{start}/{end}"


_SEASONS = {3: "SP", 6: "SU", 9: "FA", 12: "WI"}  # by first month; winter named by its end


def date_label(day: dt.date | None, granularity: str | None) -> str | None:
    """`day` written only as precisely as its granularity: "2019" for a year (never
    "2019-01-01"), "2019-05" a month, "2019-W20" a week, "2019-Q2" a quarter, "2019-H1" a
    half, "2019-SU" a season, "2010s" a decade, "21st century"; a day, or a date of unknown
    granularity, as YYYY-MM-DD."""
    if day is None:
        return None
    if granularity == "week":
        year, week, _ = day.isocalendar()
        return f"{year:04d}-W{week:02d}"
    if granularity == "season" and day.month in _SEASONS:
        return f"{day.year + (day.month == 12):04d}-{_SEASONS[day.month]}"
    if granularity == "decade":
        return f"{day.year - day.year % 10}s"
    if granularity == "century":
        number = day.year // 100 + 1
        suffix = (
            "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
        )
        return f"{number}{suffix} century"
    written = {
        "month": f"{day.year:04d}-{day.month:02d}",
        "quarter": f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}",
        "half": f"{day.year:04d}-H{1 if day.month <= 6 else 2}",
        "year": f"{day.year:04d}",
    }
    return written.get(granularity or "day", day.isoformat())


@dataclass(frozen=True, slots=True)
class ArticleResult:
    """Everything Dyad read in one article: what the store keeps and exports."""

    article: Article
    events: tuple[Event, ...] = ()
    actors: tuple[ActorMention, ...] = ()
    times: tuple[TimeExpression, ...] = ()
    places: tuple[PlaceMention, ...] = ()
    quotes: tuple[Quote, ...] = ()
    warnings: tuple[str, ...] = ()
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage
