"""An event group from its members: counts, sides, date window, place, and honest status.

Every member's status is kept (`EventGroup.statuses`). The status now follows the articles in
publication order: an outcome (held, happened) or a negative report (cancelled, refused, not
held) replaces anything; a prospective report (planned, proposed, possible...) does not
replace an outcome or a negative one, since it is older news retold. When outcome and
negative reports both exist, the group is contested and `contested` names the other side.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from itertools import groupby
from typing import Any, TypeVar

from dyad.grouping.logic.assignment import member_order
from dyad.grouping.logic.members import NEGATIVE, OUTCOME, PROSPECTIVE, SENDS
from dyad.grouping.logic.values import (
    EventGroup,
    GroupActor,
    Member,
    MentionStatus,
    Party,
    StatusChange,
)

T = TypeVar("T", str, int)
Place = tuple[int, str | None, str | None, str]  # GeoNames id, name, country, source
PRECEDENCE = (
    "held",
    "happened",
    "cancelled",
    "refused",
    "postponed",
    "not held",
    "negated",
    "planned",
    "proposed",
    "requested",
    "threatened",
    "conditional",
    "possible",
    "hypothetical",
    "historical",
)


def build_group(
    group_id: str, members: Sequence[Member], *, story_id: str | None = None
) -> EventGroup:
    """The `EventGroup` of `members` (any order)."""
    ordered = sorted(members, key=member_order)
    first = ordered[0]
    start, end = _window(ordered)
    return EventGroup(
        id=group_id,
        type=first.type,
        mode=_most([m.mode for m in ordered if m.mode]),
        actors=_actors([m.actors for m in ordered]),
        recipients=_actors([m.recipients for m in ordered]),
        **status_fields(
            tuple(mention_status(m) for m in ordered),
            status_history(ordered),
            sorted({s for m in ordered for s in m.sources}),
        ),
        **place_fields(_place(ordered)),
        **date_fields(start, end, text=any(m.date_source == "text" for m in ordered)),
        cameo=_most([m.cameo for m in ordered if m.cameo]),
        quad_class=_most([m.quad_class for m in ordered if m.quad_class is not None]),
        goldstein=mean_score([m.goldstein for m in ordered]),
        deadline=min((m.deadline for m in ordered if m.deadline), default=None),
        story_id=story_id,
        summary=first.sentence,
        date_granularity=_granularity(ordered, start),
    )


def status_fields(
    statuses: tuple[MentionStatus, ...], history: list[StatusChange], sources: Sequence[str]
) -> dict[str, Any]:
    """The group's status now, its history and the fields counted from its members' statuses
    (in member order) and their sources (sorted)."""
    status = history[-1].status if history else statuses[0].status
    return {
        "status": status,
        "contested": contested(statuses, status),
        "history": tuple(history),
        "statuses": statuses,
        "sources": len(sources),
        "source_names": tuple(sources),
        **_tallies(statuses),
    }


def place_fields(place: Place | None) -> dict[str, Any]:
    """The group's place fields from its most reported place, if any."""
    if place is None:
        return {"place": None, "place_country": None, "place_id": None, "place_source": "none"}
    place_id, name, country, source = place
    return {"place": name, "place_country": country, "place_id": place_id, "place_source": source}


def date_fields(start: dt.date | None, end: dt.date | None, *, text: bool) -> dict[str, Any]:
    """The group's date window, and where it came from: `text` when a member's text dates it."""
    return {
        "date": start,
        "date_end": end if end != start else None,
        "date_source": "text" if text else ("publication" if start else "none"),
    }


def mean_score(scores: Sequence[float | None]) -> float | None:
    """The members' mean Goldstein score (summed in member order), to two places."""
    known = [g for g in scores if g is not None]
    return round(sum(known) / len(known), 2) if known else None


def _tallies(statuses: Sequence[MentionStatus]) -> dict[str, Any]:
    seen = [s.article_date for s in statuses if s.article_date]
    confidences = [s.confidence for s in statuses if s.confidence is not None]
    return {
        "mentions": sum(s.mentions for s in statuses),
        "articles": len({s.article_id for s in statuses}),
        "first_seen": min(seen) if seen else None,
        "last_seen": max(seen) if seen else None,
        "event_ids": tuple(s.event_id for s in statuses),
        "article_ids": tuple(dict.fromkeys(s.article_id for s in statuses)),
        "triggers": tuple(dict.fromkeys(s.trigger for s in statuses if s.trigger)),
        "confidence": max(confidences, default=None),
    }


def mention_status(member: Member) -> MentionStatus:
    """What one member says, with its parties and, for a denial or a delegation sent, why."""
    trigger = member.trigger.lower()
    why = member.status in NEGATIVE or trigger.startswith(SENDS)
    return MentionStatus(
        member.event_id,
        member.article_id,
        member.article_date,
        member.status,
        _source(member),
        member.mentions,
        tuple(p.key for p in member.actors),
        tuple(p.key for p in member.recipients),
        trigger,
        member.sentence if why else "",
        member.confidence,
    )


def status_history(ordered: Sequence[Member]) -> list[StatusChange]:
    """Each change of the group's status, article by article (members in `member_order`)."""
    return history_of(
        [(m.article_date, m.article_id, m.event_id, m.status, _source(m)) for m in ordered]
    )


Report = tuple[dt.date | None, str, str, str, str | None]  # date, article, event, status, source


def history_of(ordered: Sequence[Report]) -> list[StatusChange]:
    """`status_history` of the members' reports (article date, article id, event id, status,
    source), in member order."""
    history: list[StatusChange] = []
    current: str | None = None
    for (day, article), same_article in groupby(ordered, key=lambda r: (r[0], r[1])):
        batch = list(same_article)
        status = _article_status([r[3] for r in batch])
        if current is not None and not _replaces(status, current):
            continue
        if status != current:
            lead = next(r for r in batch if r[3] == status)
            history.append(StatusChange(status, article, day, lead[2], lead[4]))
            current = status
    return history


def contested(members: Sequence[Member | MentionStatus], status: str) -> tuple[str, ...]:
    """Statuses reported that contradict `status` (an outcome against a denial)."""
    reported = {m.status for m in members}
    if status in OUTCOME:
        other = reported & NEGATIVE
    elif status in NEGATIVE:
        other = reported & (OUTCOME - {"historical"})
    else:
        other = set()
    return tuple(sorted(other))


def _article_status(statuses: Sequence[str]) -> str:
    counts = Counter(statuses)
    return min(counts, key=lambda s: (-_rank(s), -counts[s], _order(s)))


def _replaces(new: str, current: str) -> bool:
    return new not in PROSPECTIVE or current in PROSPECTIVE


def _rank(status: str) -> int:
    return 2 if status in OUTCOME or status in NEGATIVE else 1


def _order(status: str) -> int:
    return PRECEDENCE.index(status) if status in PRECEDENCE else len(PRECEDENCE)


def _source(member: Member) -> str | None:
    return member.sources[0] if member.sources else member.publisher


def _window(ordered: Sequence[Member]) -> tuple[dt.date | None, dt.date | None]:
    firm = [m for m in ordered if m.date and m.date_source == "text"] or [
        m for m in ordered if m.date
    ]
    if not firm:
        return None, None
    starts = Counter(m.date for m in firm if m.date)
    coarse = {m.date for m in firm if m.granularity not in (None, "day")} - {
        m.date for m in firm if m.granularity == "day"
    }  # on a tie a day ("on July 14") beats a month ("in July")
    start = min(starts, key=lambda d: (-starts[d], d in coarse, d))
    ends = [m.date_end for m in firm if m.date_end and m.deadline is None]
    return start, max([start, *ends])


def _granularity(ordered: Sequence[Member], start: dt.date | None) -> str | None:
    """How precisely the group's date is known: a day if a member dating it so says the day,
    else the granularity of the first member dated so ("in July" alone: a month)."""
    said = [m.granularity for m in ordered if m.date == start and m.granularity]
    return "day" if "day" in said else next(iter(said), None)


def _place(ordered: Sequence[Member]) -> Place | None:
    """The most reported place (the text's first), as its first member names it."""
    placed = [(m.place_id, m) for m in ordered if m.place_id is not None]
    if not placed:
        return None
    counts = Counter((m.place_source == "text", place_id) for place_id, m in placed)
    best = min(counts, key=lambda k: (-k[0], -counts[k], k[1]))
    m = next(m for place_id, m in placed if place_id == best[1])
    return best[1], m.place_name, m.place_country, m.place_source


def _actors(sides: Sequence[tuple[Party, ...]]) -> tuple[GroupActor, ...]:
    counts: Counter[str] = Counter()
    first: dict[str, Party] = {}
    for side in sides:
        for party in side:
            counts[party.key] += 1
            if party.key not in first or (party.title and not first[party.key].title):
                first[party.key] = party
    return tuple(
        GroupActor(k, first[k].name, first[k].country, first[k].sector, first[k].title, n)
        for k, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    )


def _most(values: list[T]) -> T | None:
    if not values:
        return None
    counts = Counter(values)
    return min(counts, key=lambda v: (-counts[v], str(v)))
