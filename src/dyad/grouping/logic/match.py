"""Does a mention describe the same happening as a group? Blocking keys, then a score.

A group is summarised by a `Profile` (type, modes, sides, date window, places, words). A new
member is compared with the profiles of the groups sharing one of its blocking keys (event
type, one participant or the place, a week of dates) and joins the best one scoring at least
`THRESHOLD`. Hard rules first (same type, compatible mode, sides, dates and place), then the
weighted mean of the evidence both have.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from dyad.grouping.logic.members import content_tokens
from dyad.grouping.logic.values import Member, Party

SYMMETRIC = frozenset({"CONSULT", "COOPERATE", "AGREE", "ASSAULT", "PROTEST"})
THRESHOLD = 0.6  # tuned on ECB+ topics 1-22 (see docs/grouping.md)
WORDS_ONLY_PENALTY = 0.1  # a match resting on words (and dates) alone needs more of them
SAME_MEETING = 0.7  # ... at the same place named in the text, on the same day
DISJOINT_MEETING = 0.3  # sides score of a joint act whose reports name other parties
WEIGHTS = {"sides": 0.35, "date": 0.25, "place": 0.15, "text": 0.25, "trigger": 0.1}
TOLERANCE = {"day": 1, "week": 4, "month": 16, "quarter": 45, "year": 120}
BUCKET_DAYS = 7
MAX_BUCKETS = 12  # a window wider than this many weeks blocks only on its first weeks
MAX_TOKENS = 150  # words a profile keeps (the most frequent)
UNDATED = -1


@dataclass(frozen=True, slots=True)
class Profile:
    """What a group looks like to the matcher; grows as members join."""

    id: str
    type: str
    modes: frozenset[str] = frozenset()
    actor_keys: frozenset[str] = frozenset()
    actor_countries: frozenset[str] = frozenset()
    recipient_keys: frozenset[str] = frozenset()
    recipient_countries: frozenset[str] = frozenset()
    polarities: frozenset[str] = frozenset()
    date_min: dt.date | None = None
    date_max: dt.date | None = None
    tolerance: int = 1
    place_ids: frozenset[int] = frozenset()
    place_countries: frozenset[str] = frozenset()
    tokens: dict[str, int] = field(default_factory=dict)
    size: int = 0

    def add(self, member: Member) -> Profile:
        """This profile with `member` joined."""
        start, end = window(member)
        words = Counter(self.tokens)
        words.update(member.tokens)
        return replace(
            self,
            modes=self.modes | _opt(member.mode),
            actor_keys=self.actor_keys | {p.key for p in member.actors},
            actor_countries=self.actor_countries | {p.country_key for p in member.actors},
            recipient_keys=self.recipient_keys | {p.key for p in member.recipients},
            recipient_countries=self.recipient_countries
            | {p.country_key for p in member.recipients},
            polarities=self.polarities | {member.polarity},
            date_min=_min(self.date_min, start),
            date_max=_max(self.date_max, end),
            tolerance=max(self.tolerance, tolerance(member)),
            place_ids=self.place_ids | _opt(member.place_id if _firm_place(member) else None),
            place_countries=self.place_countries | _opt(member.place_country),
            tokens=dict(sorted(words.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_TOKENS]),
            size=self.size + 1,
        )


def new_profile(group_id: str, member: Member) -> Profile:
    """The profile of a group whose first member is `member`."""
    return Profile(id=group_id, type=member.type).add(member)


def score(member: Member, profile: Profile) -> float | None:
    """How well `member` fits the group, 0..1; None when a hard rule keeps them apart.

    A weighted mean of the evidence both sides have: what one side does not know (no date,
    no place, no resolved actor) neither helps nor hurts.
    """
    if member.type != profile.type:
        return None
    if member.mode and profile.modes and member.mode not in profile.modes:
        return None
    date = _date(member, profile)  # first: blocking by weeks lets in groups days too far
    if date is None:
        return None
    sides, place = _sides(member, profile), _place(member, profile)
    if sides is None or place is None:
        return None
    if sides == DISJOINT_MEETING and place == 1.0 and date == 1.0:
        sides = SAME_MEETING  # other participants, but the same place and day
    known = {"text": _text(member, profile), "trigger": _trigger(member, profile)}
    if (member.actors or member.recipients) and (profile.actor_keys or profile.recipient_keys):
        known["sides"] = sides
    if window(member)[0] is not None and profile.date_min is not None:
        known["date"] = date
    if member.place_id is not None and (profile.place_ids or profile.place_countries):
        known["place"] = place
    total = sum(WEIGHTS[k] for k in known)
    value = sum(WEIGHTS[k] * v for k, v in known.items()) / total
    return value if "sides" in known or "place" in known else value - WORDS_ONLY_PENALTY


def blocking_keys(member: Member) -> list[str]:
    """Keys under which a group holding `member` is found: type and one participant, or
    type and the place named in the text (reports of one meeting may name other parties)."""
    parties = {p.country_key for p in (*member.actors, *member.recipients)}
    keys = [f"{member.type}|{k}" for k in sorted(parties)] or [f"{member.type}|-"]
    if _firm_place(member):
        keys.append(f"{member.type}|@{member.place_id}")
    return keys


def buckets(start: dt.date | None, end: dt.date | None, *, pad: int = 0) -> list[int]:
    """Week numbers covering [start - pad, end + pad], at most `MAX_BUCKETS`."""
    if start is None:
        return [UNDATED]
    first = (start.toordinal() - pad) // BUCKET_DAYS
    last = ((end or start).toordinal() + pad) // BUCKET_DAYS
    return list(range(first, min(last, first + MAX_BUCKETS - 1) + 1))


def window(member: Member) -> tuple[dt.date | None, dt.date | None]:
    """The days the happening may fall on, as this mention dates it."""
    date = member.date or member.article_date
    if date is None:
        return None, None
    end = member.date_end if member.date_end and member.deadline is None else date
    return date, max(end, date)


def tolerance(member: Member) -> int:
    """Days of slack when comparing dates: wider for coarse or fallback dates."""
    if member.date is None or member.date_source == "publication":
        return 3
    return TOLERANCE.get(member.granularity or "day", 1)


def _sides(member: Member, profile: Profile) -> float | None:
    strict = member.polarity not in profile.polarities
    if strict and not (member.actors or member.recipients):
        return None  # a denial and a report meet only over named actors
    if strict and not (profile.actor_keys or profile.recipient_keys):
        return None
    if profile.type in SYMMETRIC:
        joint = _side(
            (*member.actors, *member.recipients),
            profile.actor_keys | profile.recipient_keys,
            profile.actor_countries | profile.recipient_countries,
            strict=strict,
        )
        if joint is None and not strict:
            return DISJOINT_MEETING  # reports name different participants of one meeting
        return joint
    actors = _side(member.actors, profile.actor_keys, profile.actor_countries, strict=strict)
    recipients = _side(
        member.recipients, profile.recipient_keys, profile.recipient_countries, strict=strict
    )
    if actors is None or recipients is None:
        return None
    return (actors + recipients) / 2


def _side(
    parties: Sequence[Party],
    group_keys: frozenset[str],
    group_countries: frozenset[str],
    *,
    strict: bool,
) -> float | None:
    """How well `parties` match one side of the group: 1 the same actor, 0.7 the same country,
    0.5 when either side names nobody, None when they differ."""
    keys = {p.key for p in parties}
    if not keys or not group_keys:
        return 0.5
    if keys & group_keys:
        return 1.0
    if strict:  # a denial joins a report only when it names the same actors
        return None
    countries = {p.country_key for p in parties}
    return 0.7 if countries & group_countries else None


def _date(member: Member, profile: Profile) -> float | None:
    start, end = window(member)
    if start is None or end is None or profile.date_min is None or profile.date_max is None:
        return 0.5
    gap = max((start - profile.date_max).days, (profile.date_min - end).days, 0)
    slack = max(tolerance(member), profile.tolerance)
    if gap > slack:
        return None
    return 1.0 - gap / (slack + 1)


def _place(member: Member, profile: Profile) -> float | None:
    if member.place_id is None or not (profile.place_ids or profile.place_countries):
        return 0.5
    if member.place_id in profile.place_ids:
        return 1.0
    if member.place_country in profile.place_countries:
        return 0.6 if not (_firm_place(member) and profile.place_ids) else 0.2
    return None if _firm_place(member) and profile.place_ids else 0.2


def _text(member: Member, profile: Profile) -> float:
    words = set(member.tokens)
    if not words or not profile.tokens:
        return 0.0
    shared = len(words & profile.tokens.keys())
    return min(1.0, 2 * shared / (len(words) + min(len(profile.tokens), 3 * len(words))))


def _trigger(member: Member, profile: Profile) -> float:
    """1 when the group's words hold the member's trigger word ("quake" and "quake")."""
    words = _trigger_words(member.trigger)
    return 1.0 if words and all(w in profile.tokens for w in words) else 0.0


@functools.lru_cache(maxsize=4096)
def _trigger_words(trigger: str) -> tuple[str, ...]:
    """The content words of a trigger (a member is scored against many groups)."""
    return content_tokens(trigger)


def _firm_place(member: Member) -> bool:
    return member.place_source == "text" and member.place_id is not None


def _opt(value: object) -> frozenset[Any]:
    return frozenset() if value is None else frozenset([value])


def _min(a: dt.date | None, b: dt.date | None) -> dt.date | None:
    return b if a is None else a if b is None else min(a, b)


def _max(a: dt.date | None, b: dt.date | None) -> dt.date | None:
    return b if a is None else a if b is None else max(a, b)


def profile_to_json(profile: Profile) -> str:
    """A profile as JSON (sets as sorted lists, dates as ISO strings)."""
    body: dict[str, object] = {}
    for name in Profile.__dataclass_fields__:
        value = getattr(profile, name)
        if isinstance(value, frozenset):
            value = sorted(value)
        elif isinstance(value, dt.date):
            value = value.isoformat()
        body[name] = value
    return json.dumps(body, separators=(",", ":"))


def profile_from_json(text: str) -> Profile:
    """The profile `profile_to_json` wrote."""
    body = json.loads(text)
    for name in ("date_min", "date_max"):
        body[name] = dt.date.fromisoformat(body[name]) if body[name] else None
    for name, kind in Profile.__dataclass_fields__.items():
        if str(kind.type).startswith("frozenset"):
            body[name] = frozenset(body[name])
    return Profile(**body)
