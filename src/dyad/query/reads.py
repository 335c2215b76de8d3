"""The one read path for events: plan a filter, then ask a back end.

Back ends: the store (`dyad.store.Store`, SQLite) and a Spark output read in place
(`dyad.query.parquet.ParquetEvents`, DuckDB). Both take the same `EventFilter` and compile it
with `dyad.store.where`; the CLI, the HTTP API and exports read through these functions.
"""

from __future__ import annotations

import dataclasses
import itertools
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from dyad.model import Article, Event
from dyad.query.filter import EventFilter, Plan, check_filter, check_page

if TYPE_CHECKING:
    import pandas as pd

    from dyad.store import Store

COUNT_SECONDS = 0.03  # counting stops after this long: the page is served, the total is not
COMMON_PARTY = 0.01  # a party in more than this share of events is probed, not listed
_SHARES: dict[tuple[str, ...], tuple[float, float]] = {}  # key -> (when, share)


class EventSource(Protocol):
    """What every back end answers."""

    def events(
        self,
        where: EventFilter | Plan | None = None,
        *,
        limit: int = 100,
        offset: int = 0,
        order: str = "date",
    ) -> list[Event]: ...

    def count_events(self, where: EventFilter | Plan | None = None) -> int: ...

    def events_frame(
        self, where: EventFilter | Plan | None = None, *, limit: int = 100_000
    ) -> pd.DataFrame: ...


@runtime_checkable
class PartyIndex(Protocol):
    """A back end that can tell how common a party is and count within a time limit (the
    store), for `plan` and `count_events`."""

    path: Any

    def count_within(self, where: EventFilter | Plan, *, seconds: float) -> int | None: ...

    def is_actor_id(self, value: str) -> bool: ...

    def party_share(self, column: str, value: str, role: str | None, *, cap: float) -> float: ...


def plan(source: object, where: EventFilter | Plan, *, page: bool = True) -> Plan:
    """The filter with its party filters made exact and indexed where possible: `country`, and
    `actor`/`recipient` when they name a stored actor id; probing per event when every party
    is common and one page is read (`page`), else reading the parties' list of events."""
    if isinstance(where, Plan):
        return where
    if not isinstance(source, PartyIndex):
        return Plan(where)
    parties: list[tuple[str, str, str | None]] = []
    changes: dict[str, Any] = {}
    if where.country:
        parties.append(("country", where.country.upper(), None))
        changes["country"] = None
    for role in ("actor", "recipient"):
        value = getattr(where, role)
        if value and source.is_actor_id(value):
            parties.append(("actor_id", value, role))
            changes[role] = None
    if not parties:
        return Plan(where)
    shares = {p: _share(source, *p) for p in parties}
    return Plan(
        dataclasses.replace(where, **changes),
        parties=tuple(sorted(parties, key=shares.__getitem__)),
        probe=page and min(shares.values()) >= COMMON_PARTY,
    )


def _share(source: PartyIndex, column: str, value: str, role: str | None) -> float:
    """The party's share of events, cached for a few minutes per process."""
    key = (str(source.path), column, value, role or "")
    cached = _SHARES.get(key)
    if cached and time.monotonic() - cached[0] < 300:
        return cached[1]
    share = source.party_share(column, value, role, cap=COMMON_PARTY)
    _SHARES[key] = (time.monotonic(), share)
    return share


def list_events(
    source: EventSource,
    where: EventFilter | Plan | None = None,
    *,
    sort: str = "date",
    limit: int = 50,
    offset: int = 0,
) -> list[Event]:
    """Events matching `where`, sorted, one page."""
    check_page(limit=limit, offset=offset)
    planned = plan(source, _checked(where))
    return source.events(planned, limit=limit, offset=offset, order=sort)


def count_events(
    source: EventSource, where: EventFilter | Plan | None = None, *, seconds: float | None = None
) -> int | None:
    """How many events match `where`; with the store, None when counting takes longer than
    `seconds` (default `COUNT_SECONDS`)."""
    planned = plan(source, _checked(where))
    if isinstance(source, PartyIndex):
        return source.count_within(planned, seconds=COUNT_SECONDS if seconds is None else seconds)
    return source.count_events(planned)


def export_items(
    store: Store, where: EventFilter | Plan | None = None, *, batch: int = 1000
) -> Iterator[tuple[Event, Article | None]]:
    """Every matching event with its article, in id order, `batch` articles read at a time.
    The filter is checked and the first batch read on the call, not on the first item: an
    export streamed from it fails before it starts, or not at all."""
    events = store.iter_events(plan(store, _checked(where)), batch=batch)
    first = next(events, None)
    return _batches(store, events if first is None else itertools.chain([first], events), batch)


def _batches(
    store: Store, events: Iterator[Event], batch: int
) -> Iterator[tuple[Event, Article | None]]:
    pending: list[Event] = []
    for event in events:
        pending.append(event)
        if len(pending) >= batch:
            yield from _with_articles(store, pending)
            pending = []
    yield from _with_articles(store, pending)


def _with_articles(store: Store, events: list[Event]) -> Iterator[tuple[Event, Article | None]]:
    articles = store.articles_by_id({e.article_id for e in events})
    for event in events:
        yield event, articles.get(event.article_id)


def _checked(where: EventFilter | Plan | None) -> EventFilter | Plan:
    if where is None:
        return EventFilter()
    return check_filter(where) if isinstance(where, EventFilter) else where
