"""Dyad series: per day or ISO week, counts by event type and QuadClass and the mean
cooperation-conflict score for one pair of actors or countries.

By default each event group (one real happening) counts once, on its date, and groups whose
status is negative (cancelled, refused, not held, denied) are left out: they did not happen.
With `count="mentions"` every member event counts with its number of mentions, on its own
date, whatever its status: what a GDELT-style coder would have counted.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from operator import itemgetter

from dyad.errors import FilterError
from dyad.grouping.logic.members import NEGATIVE
from dyad.grouping.logic.values import EventGroup, GroupActor, Member, Party, SeriesPoint

SYMMETRIC_SIDES = frozenset({"CONSULT", "COOPERATE", "AGREE", "ASSAULT", "PROTEST"})
FREQS = ("day", "week")
COUNTS = ("groups", "mentions")


@dataclass(frozen=True, slots=True)
class Item:
    """One counted thing: a group or a mention."""

    date: dt.date
    type: str
    quad_class: int | None
    goldstein: float | None
    weight: int


def involves(actors: Iterable[str], recipients: Iterable[str], kind: str, a: str, b: str) -> bool:
    """Whether `a` and `b` face each other: on opposite sides, or together in a joint act."""
    left, right = set(actors), set(recipients)
    if (a in left and b in right) or (b in left and a in right):
        return True
    return kind in SYMMETRIC_SIDES and a in left and b in left and a != b


def group_names(actors: Sequence[GroupActor]) -> set[str]:
    """The ids and countries a side can be named by."""
    return {x for g in actors for x in (g.id, g.country) if x}


def party_names(parties: Sequence[Party]) -> set[str]:
    """The ids and countries a member's side can be named by."""
    return {x for p in parties for x in (p.key, p.country) if x}


def searchable(names: Iterable[tuple[str | None, str | None]]) -> set[str]:
    """The names a side can be searched by, from (id, country) pairs: ids but unresolved ones
    ("TXT:..."), and upper-case countries (those `Store.groups_with_party` finds)."""
    out: set[str] = set()
    for key, country in names:
        if key and not key.startswith("TXT:"):
            out.add(key)
        if country and country == country.upper():
            out.add(country)
    return out


def dyad_pairs(left: set[str], right: set[str]) -> dict[tuple[str, str], int]:
    """Each (lo, hi) pair of names the sides involve: 1 facing each other (one among `left`,
    the other among `right`), 2 together among `left` (a joint act if the type says so)."""
    out: dict[tuple[str, str], int] = {}
    for x in left:
        for y in right:
            pair = (x, y) if x <= y else (y, x)
            out[pair] = out.get(pair, 0) | 1
        for y in left:
            if x < y:
                out[(x, y)] = out.get((x, y), 0) | 2
    return out


def _dated_pairs(
    date: dt.date | None,
    actors: Iterable[tuple[str | None, str | None]],
    recipients: Iterable[tuple[str | None, str | None]],
) -> list[tuple[str, str, str, int]]:
    """(lo, hi, day, how) of each searchable pair among `actors` and `recipients` (id,
    country) on `date`; none when there is no date."""
    if date is None:
        return []
    pairs = dyad_pairs(searchable(actors), searchable(recipients))
    day = date.isoformat()
    return [(lo, hi, day, how) for (lo, hi), how in sorted(pairs.items())]


def group_dyads(
    g: EventGroup,
) -> list[tuple[str, str, str, int, str, str, int | None, float | None]]:
    """The rows of `group_dyads` for a group: (lo, hi, date, how, type, status, class, score)."""
    pairs = _dated_pairs(
        g.date or g.first_seen,
        ((a.id, a.country) for a in g.actors),
        ((a.id, a.country) for a in g.recipients),
    )
    return [
        (lo, hi, day, how, g.type, g.status, g.quad_class, g.goldstein)
        for lo, hi, day, how in pairs
    ]


def member_dyads(
    m: Member,
) -> list[tuple[str, str, str, str, int, str, int | None, float | None, int]]:
    """The rows of `member_dyads` for a member: (lo, hi, date, event id, how, type, class,
    score, mentions)."""
    pairs = _dated_pairs(
        m.date or m.article_date,
        ((p.key, p.country) for p in m.actors),
        ((p.key, p.country) for p in m.recipients),
    )
    return [
        (lo, hi, day, m.event_id, how, m.type, m.quad_class, m.goldstein, m.mentions)
        for lo, hi, day, how in pairs
    ]


def group_items(groups: Iterable[EventGroup], a: str, b: str) -> list[Item]:
    """One item per group between `a` and `b` that did not fail to happen."""
    return [
        Item(date, g.type, g.quad_class, g.goldstein, 1)
        for g in groups
        if g.status not in NEGATIVE
        and (date := g.date or g.first_seen) is not None
        and involves(group_names(g.actors), group_names(g.recipients), g.type, a, b)
    ]


def mention_items(members: Iterable[Member], a: str, b: str) -> list[Item]:
    """One item per member event between `a` and `b`, weighted by its mentions."""
    return [
        Item(date, m.type, m.quad_class, m.goldstein, m.mentions)
        for m in members
        if (date := m.date or m.article_date) is not None
        and involves(party_names(m.actors), party_names(m.recipients), m.type, a, b)
    ]


def series(
    items: Sequence[Item],
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    freq: str = "day",
) -> list[SeriesPoint]:
    """Points from `start` to `end` (default: the first and last item), empty periods included."""
    if freq not in FREQS:
        raise ValueError(f"freq must be one of {FREQS}, not {freq!r}")
    kept = [
        i for i in items if (start is None or i.date >= start) and (end is None or i.date <= end)
    ]
    if not kept and (start is None or end is None):
        return []
    first = period_of(start or min(i.date for i in kept), freq)
    last = period_of(end or max(i.date for i in kept), freq)
    buckets: dict[dt.date, list[Item]] = {}
    for item in kept:
        buckets.setdefault(period_of(item.date, freq), []).append(item)
    return [_point(day, buckets.get(day, [])) for day in periods(first, last, freq)]


Row = tuple[str, str, str, int | None, float | None, int]  # date, id, type, class, score, weight


def series_of_rows(
    rows: Iterable[Row],
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    freq: str = "day",
    most: int | None = None,
) -> list[SeriesPoint]:
    """`series` of items given as rows, ordered by date then id and already within `start` to
    `end`: the same points without building an `Item` per row. Within a period the items
    are summed in id order, as `series` sums groups read by id. With no `start`, the series
    keeps its latest `most` periods (old historical events do not make it fail); more than
    `most` points between a given `start` and the end raise `FilterError` before any is
    built."""
    if freq not in FREQS:
        raise ValueError(f"freq must be one of {FREQS}, not {freq!r}")
    buckets: dict[dt.date, list[Row]] = {}
    for iso, same_day in itertools.groupby(rows, key=itemgetter(0)):
        buckets.setdefault(period_of(dt.date.fromisoformat(iso), freq), []).extend(same_day)
    if not buckets and (start is None or end is None):
        return []
    last = period_of(end or max(buckets), freq)
    first = period_of(start or min(buckets), freq)
    if start is None and most is not None:
        first = max(first, last - dt.timedelta(days=(most - 1) * (1 if freq == "day" else 7)))
    check_points(first, last, freq, most)
    points = []
    for day in periods(first, last, freq):
        bucket = buckets.get(day, [])
        if freq != "day":
            bucket.sort(key=itemgetter(1))
        points.append(_row_point(day, bucket))
    return points


def periods(first: dt.date, last: dt.date, freq: str) -> Iterator[dt.date]:
    """The first day of each period from `first` to `last`, both included (no date past
    `last` is computed: 9999-12-31 is a last day like any other)."""
    step = 1 if freq == "day" else 7
    for k in range(max((last - first).days // step + 1, 0)):
        yield first + dt.timedelta(days=k * step)


def check_points(first: dt.date, last: dt.date, freq: str, most: int | None) -> None:
    """`FilterError` when the periods from `first` to `last` are more than `most`."""
    count = (last - first).days // (1 if freq == "day" else 7) + 1
    if most is not None and count > most:
        coarser = "freq=week or " if freq == "day" else ""
        raise FilterError(
            "date_from",
            f"{first}..{last} at freq={freq} is {count:,} points, more than the {most:,} "
            f"allowed: give {coarser}a shorter range (date_from, date_to)",
        )


def period_of(date: dt.date, freq: str) -> dt.date:
    """The first day of the period holding `date` (the Monday for weeks)."""
    return date if freq == "day" else date - dt.timedelta(days=date.weekday())


def _point(period: dt.date, items: Sequence[Item]) -> SeriesPoint:
    types: dict[str, int] = {}
    quads: dict[int, int] = {}
    total = 0
    score_sum, score_n = 0.0, 0
    for item in items:
        total += item.weight
        types[item.type] = types.get(item.type, 0) + item.weight
        if item.quad_class is not None:
            quads[item.quad_class] = quads.get(item.quad_class, 0) + item.weight
        if item.goldstein is not None:
            score_sum += item.goldstein * item.weight
            score_n += item.weight
    mean = round(score_sum / score_n, 3) if score_n else None
    return SeriesPoint(
        period, total, dict(sorted(types.items())), dict(sorted(quads.items())), mean
    )


def _row_point(period: dt.date, rows: Sequence[Row]) -> SeriesPoint:
    """`_point` of rows: the same sums in the same order."""
    types: dict[str, int] = {}
    quads: dict[int, int] = {}
    total = 0
    score_sum, score_n = 0.0, 0
    for _, _, kind, quad, score, weight in rows:
        total += weight
        types[kind] = types.get(kind, 0) + weight
        if quad is not None:
            quads[quad] = quads.get(quad, 0) + weight
        if score is not None:
            score_sum += score * weight
            score_n += weight
    mean = round(score_sum / score_n, 3) if score_n else None
    return SeriesPoint(
        period, total, dict(sorted(types.items())), dict(sorted(quads.items())), mean
    )
