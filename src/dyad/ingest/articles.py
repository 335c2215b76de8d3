"""Turning the fields of one input record into an `Article`, or a `Rejected` saying why not.

Every format reader ends here, so ids, dates, length limits and per-article notes are the same
for plain text, JSON Lines, CSV and HTML.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import email.utils
import hashlib
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from dyad.errors import SettingsError
from dyad.model import Article, Rejected

FIELDS: tuple[str, ...] = ("id", "date", "source", "title", "url", "text")

logger = logging.getLogger(__name__)

NOTE_NO_DATE = "no publication date: event dates fall back to none"
NOTE_NO_SOURCE = "no publisher: attribution chains end at an unnamed publisher"
NOTE_SOURCE_FROM_URL = "no publisher given: taken from the URL host name"

_SURROGATE = re.compile("[\\ud800-\\udfff]")
_ISO_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


@dataclass(frozen=True, slots=True)
class IngestOptions:
    """How `read_articles` reads its inputs."""

    field_map: dict[str, str] = field(default_factory=dict)
    """Our field name (id, date, source, title, url, text) -> the input's name, for JSONL/CSV."""
    max_chars: int = 200_000
    """Texts longer than this are rejected as too long."""
    min_chars: int = 20
    """Texts shorter than this (after trimming) are rejected as empty."""
    default_source: str | None = None
    """Publisher for inputs that name none (plain text, CSV rows without a source)."""

    def __post_init__(self) -> None:
        unknown = sorted(set(self.field_map) - set(FIELDS))
        if unknown:
            raise SettingsError(
                f"field_map: unknown field(s) {', '.join(unknown)}; "
                f"map only {', '.join(FIELDS)} to your input's names"
            )
        if not 0 <= self.min_chars <= self.max_chars:
            raise SettingsError(
                f"min_chars={self.min_chars}, max_chars={self.max_chars}: "
                "need 0 <= min_chars <= max_chars"
            )

    def name_of(self, ours: str) -> str:
        """The input's name for our field `ours`."""
        return self.field_map.get(ours, ours)


@dataclass(frozen=True, slots=True)
class Fields:
    """The raw values of one record, as strings or None, before checks."""

    text: str | None
    date: str | None = None
    id: str | None = None
    source: str | None = None
    title: str | None = None
    url: str | None = None
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class BadDate:
    """Why a date string is not a date."""

    value: str
    why: str


def clean_text(text: str) -> str:
    """The text the NLP reads: newlines normalised to \\n, outer whitespace trimmed."""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def parse_date(value: str) -> dt.date | BadDate:
    """A publication date from YYYY-MM-DD, an ISO 8601 timestamp, or an RFC 2822 date."""
    value = value.strip()
    match = _ISO_DAY.match(value)
    if match:
        year, month, day = (int(g) for g in match.groups())
        return _calendar_day(value, year, month, day)
    parsed = email.utils.parsedate_tz(value)
    if parsed is not None:
        return _calendar_day(value, parsed[0], parsed[1], parsed[2])
    return BadDate(value, "it is not in YYYY-MM-DD form")


def _calendar_day(value: str, year: int, month: int, day: int) -> dt.date | BadDate:
    if not 1 <= month <= 12:
        return BadDate(value, f"there is no month {month}")
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        return BadDate(value, f"year {year} is out of range")
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        return BadDate(value, f"month {month} of {year} has no day {day}")
    return dt.date(year, month, day)


def bad_date(origin: str, bad: BadDate) -> Rejected:
    """The rejection for an unreadable publication date."""
    return Rejected(
        origin,
        "bad-date",
        f"{origin}: publication date {bad.value!r} is not a valid date ({bad.why}); "
        "write it as YYYY-MM-DD, or leave it empty to read the article without a date",
    )


def guarded(where: str, make: Callable[[], Article | Rejected]) -> Article | Rejected:
    """`make()`, or a rejection naming `where` when it raises: one bad record never ends a file."""
    try:
        return make()
    except Exception as error:  # one record must never stop a run: record it, go on
        logger.exception("reading %s failed", where)
        return Rejected(
            where,
            "unreadable",
            f"{where}: the record could not be read ({type(error).__name__}: {error}); the "
            "rest of the input was read. Check the record, and please report this error with it",
        )


def article_id(date: dt.date | None, text: str) -> str:
    """A stable content id: the first 16 hex digits of sha256(date + newline + text)."""
    day = date.isoformat() if date else ""
    return hashlib.sha256(f"{day}\n{text}".encode()).hexdigest()[:16]


def build_article(
    fields: Fields, origin: str, options: IngestOptions, *, date: dt.date | None = None
) -> Article | Rejected:
    """Check one record's fields and build its article.

    `date` is used when the reader parsed the date itself (plain text); otherwise
    `fields.date` is parsed here. A rejection carries the record's own id, if it has one.
    """
    problem = _surrogate_problem(fields, origin) or _text_problem(fields.text, origin, options)
    if problem is None and fields.date:
        parsed = parse_date(fields.date)
        if isinstance(parsed, BadDate):
            problem = bad_date(origin, parsed)
        else:
            date = parsed
    if problem is not None:
        return dataclasses.replace(problem, article_id=fields.id)
    return _build(fields, clean_text(fields.text or ""), date, origin, options)


def _surrogate_problem(fields: Fields, origin: str) -> Rejected | None:
    """A lone surrogate (a JSON "\\ud800" escape, a string decoded with surrogateescape) is not
    text: it can be neither stored nor printed, so the record is refused naming it."""
    for name in ("text", "date", "id", "source", "title", "url"):
        value = getattr(fields, name)
        found = _SURROGATE.search(value) if value else None
        if found:
            return Rejected(
                origin,
                "undecodable",
                f"{origin}: field {name!r} holds a lone surrogate {found.group()!a} at "
                f"character {found.start():,}, which is not text (a broken \\u escape?); "
                "fix or remove it",
            )
    return None


def _text_problem(text: str | None, origin: str, options: IngestOptions) -> Rejected | None:
    if text is None:
        return Rejected(
            origin, "missing-text", f"{origin}: the record has no text; {_fix_text(options)}"
        )
    size = len(clean_text(text))
    if size < options.min_chars:
        return Rejected(
            origin,
            "empty",
            f"{origin}: the text has {size} characters, fewer than min_chars="
            f"{options.min_chars}; give the article's body, or lower min_chars",
        )
    if size > options.max_chars:
        return Rejected(
            origin,
            "too-long",
            f"{origin}: the text has {size:,} characters, more than max_chars="
            f"{options.max_chars:,}; split it into articles, or raise max_chars",
        )
    return None


def _build(
    fields: Fields, text: str, date: dt.date | None, origin: str, options: IngestOptions
) -> Article:
    notes = list(fields.notes)
    source = fields.source or options.default_source
    if source is None and fields.url:
        source = _host(fields.url)
        if source:
            notes.append(NOTE_SOURCE_FROM_URL)
    if date is None:
        notes.append(NOTE_NO_DATE)
    if not source:
        notes.append(NOTE_NO_SOURCE)
    return Article(
        id=fields.id or article_id(date, text),
        text=text,
        date=date,
        source=source or None,
        title=fields.title,
        url=fields.url,
        origin=origin,
        notes=tuple(notes),
    )


def _host(url: str) -> str | None:
    try:
        host = urlsplit(url).hostname
    except ValueError:  # "http://[::1" (an unclosed IPv6 bracket), a bad port
        return None
    if not host:
        return None
    return host.removeprefix("www.")


def _fix_text(options: IngestOptions) -> str:
    name = options.name_of("text")
    if name == "text":
        return "add a 'text' field, or map yours with field_map={'text': 'YOUR_NAME'}"
    return f"add a {name!r} field (field_map maps text to {name!r})"
