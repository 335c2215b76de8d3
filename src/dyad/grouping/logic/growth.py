"""Growing a stored event group by new members, without rebuilding it from all of them.

`build_group` reads every member; a group of a long story gains members batch after batch,
and rebuilding it means decoding each of its stored events again. `grow_group` gives the same
`EventGroup` from the group as it was, a small `State` kept beside it (counts and first
occurrences that the record does not hold) and only the new members, in any order relative to
the old ones. `group_state` is the state of a group built from all its members.

The state is plain JSON: counters by value, each "first" kept with its member's order
(`member_order`, then the party's position) so that a new member that sorts earlier wins as it
would in a rebuild, and the members' Goldstein scores in member order (their mean is summed in
that order, as `build_group` sums it).
"""

from __future__ import annotations

import copy
import datetime as dt
from collections import Counter
from collections.abc import Sequence
from typing import Any

from dyad.grouping.logic.assignment import member_order
from dyad.grouping.logic.status import (
    Place,
    date_fields,
    history_of,
    mean_score,
    mention_status,
    place_fields,
    status_fields,
)
from dyad.grouping.logic.values import EventGroup, GroupActor, Member, MentionStatus, Party

State = dict[str, Any]
NO_DATE = dt.date.max.isoformat()


def group_state(members: Sequence[Member]) -> State:
    """The state of a group whose members are `members` (any order)."""
    ordered = sorted(members, key=member_order)
    state = _fold(_empty(), ordered)
    state["scores"] = [m.goldstein for m in ordered]
    return state


def grow_group(old: EventGroup, state: State, new: Sequence[Member]) -> tuple[EventGroup, State]:
    """`old` (with its `state`) joined by the members `new`: the group `build_group` gives
    for all the members together, and its state."""
    state = _fold(copy.deepcopy(state), sorted(new, key=member_order))
    statuses = _merged_statuses(old, state, new)
    head = min(new, key=member_order)
    first_is_new = member_order(head) < _status_order(old.statuses[0])
    history = history_of(
        [(s.article_date, s.article_id, s.event_id, s.status, s.source) for s in statuses]
    )
    start, end = _window(state)
    group = EventGroup(
        id=old.id,
        type=head.type if first_is_new else old.type,
        mode=_most(state["mode"]),
        actors=_actors(state["actors"]),
        recipients=_actors(state["recipients"]),
        **status_fields(
            statuses, history, sorted({*old.source_names, *(s for m in new for s in m.sources)})
        ),
        **place_fields(_place(state)),
        **date_fields(start, end, text=state["text"]),
        cameo=_most(state["cameo"]),
        quad_class=_int(_most(state["quad"])),
        goldstein=mean_score(state["scores"]),
        deadline=_day(state["deadline"]),
        story_id=None,  # as `build_group` gives it: the store keeps the story beside it
        summary=head.sentence if first_is_new else old.summary,
        date_granularity=_granularity(state, start),
    )
    return group, state


def _merged_statuses(
    old: EventGroup, state: State, new: Sequence[Member]
) -> tuple[MentionStatus, ...]:
    """The old and the new members' statuses in member order, the state's Goldstein scores
    put in the same order."""
    pairs = sorted(
        [
            *zip(old.statuses, state["scores"], strict=True),
            *((mention_status(m), m.goldstein) for m in new),
        ],
        key=lambda p: _status_order(p[0]),
    )
    state["scores"] = [g for _, g in pairs]
    return tuple(s for s, _ in pairs)


def _empty() -> State:
    window: dict[str, Any] = {"n": {}, "day": [], "coarse": [], "end": None}
    return {
        "scores": [],
        "mode": {},
        "cameo": {},
        "quad": {},
        "deadline": None,
        "text": False,
        "firm": copy.deepcopy(window),
        "dated": window,
        "gran": {},
        "places": {},
        "place_first": {},
        "actors": {},
        "recipients": {},
    }


def _fold(state: State, ordered: Sequence[Member]) -> State:
    """`state` (changed in place) with the order-free counts and firsts of `ordered`."""
    for m in ordered:
        order = _order(m)
        _count(state["mode"], m.mode)
        _count(state["cameo"], m.cameo)
        _count(state["quad"], None if m.quad_class is None else str(m.quad_class))
        if m.deadline and (state["deadline"] is None or m.deadline.isoformat() < state["deadline"]):
            state["deadline"] = m.deadline.isoformat()
        state["text"] = state["text"] or m.date_source == "text"
        if m.date:
            _dated(state["dated"], m)
            if m.date_source == "text":
                _dated(state["firm"], m)
        if m.granularity:
            _first_granularity(state["gran"], m, order)
        if m.place_id is not None:
            _count(state["places"], f"{int(m.place_source == 'text')}|{m.place_id}")
            entry = [order, m.place_name, m.place_country, m.place_source]
            _keep_first(state["place_first"], str(m.place_id), entry)
        _parties(state["actors"], m.actors, order)
        _parties(state["recipients"], m.recipients, order)
    return state


def _dated(window: dict[str, Any], m: Member) -> None:
    assert m.date is not None
    day = m.date.isoformat()
    _count(window["n"], day)
    if m.granularity == "day":
        window["day"] = sorted({*window["day"], day})
    elif m.granularity is not None:
        window["coarse"] = sorted({*window["coarse"], day})
    if m.date_end and m.deadline is None:
        end = m.date_end.isoformat()
        window["end"] = max(window["end"] or end, end)


def _first_granularity(found: dict[str, Any], m: Member, order: list[Any]) -> None:
    key = m.date.isoformat() if m.date else ""
    first = found.get(key)
    if first is None or order < first[0]:
        found[key] = [order, m.granularity, bool(first and first[2]) or m.granularity == "day"]
    elif m.granularity == "day":
        first[2] = True


def _parties(found: dict[str, Any], side: Sequence[Party], order: list[Any]) -> None:
    for position, party in enumerate(side):
        entry = [[*order[:3], position], party.name, party.country, party.sector, party.title]
        item = found.setdefault(party.key, {"n": 0, "first": None, "titled": None})
        item["n"] += 1
        if item["first"] is None or entry[0] < item["first"][0]:
            item["first"] = entry
        if party.title and (item["titled"] is None or entry[0] < item["titled"][0]):
            item["titled"] = entry


def _keep_first(found: dict[str, Any], key: str, entry: list[Any]) -> None:
    if key not in found or entry[0] < found[key][0]:
        found[key] = entry


def _count(counts: dict[str, int], value: str | None) -> None:
    if value:
        counts[value] = counts.get(value, 0) + 1


def _window(state: State) -> tuple[dt.date | None, dt.date | None]:
    """As `status._window`: the most reported start (text dates first), its latest end."""
    window = state["firm"] if state["firm"]["n"] else state["dated"]
    starts = Counter(window["n"])
    if not starts:
        return None, None
    coarse = set(window["coarse"]) - set(window["day"])
    start = min(starts, key=lambda d: (-starts[d], d in coarse, d))
    end = max(start, window["end"] or start)
    return dt.date.fromisoformat(start), dt.date.fromisoformat(end)


def _granularity(state: State, start: dt.date | None) -> str | None:
    said = state["gran"].get(start.isoformat() if start else "")
    if said is None:
        return None
    return "day" if said[2] else str(said[1])


def _place(state: State) -> Place | None:
    """As `status._place`: (id, name, country, source) of the most reported place."""
    if not state["places"]:
        return None
    counts = {(int(k[0]), int(k[2:])): n for k, n in state["places"].items()}
    best = min(counts, key=lambda k: (-k[0], -counts[k], k[1]))
    _, name, country, source = state["place_first"][str(best[1])]
    return best[1], name, country, source


def _actors(found: dict[str, Any]) -> tuple[GroupActor, ...]:
    out = []
    for key, item in sorted(found.items(), key=lambda kv: (-kv[1]["n"], kv[0])):
        _, name, country, sector, title = item["titled"] or item["first"]
        out.append(GroupActor(key, name, country, sector, title, item["n"]))
    return tuple(out)


def _most(counts: dict[str, int]) -> str | None:
    return min(counts, key=lambda v: (-counts[v], v)) if counts else None


def _int(value: str | None) -> int | None:
    return None if value is None else int(value)


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _order(m: Member) -> list[Any]:
    day, article, event = member_order(m)
    return [day.isoformat(), article, event, 0]


def _status_order(s: MentionStatus) -> tuple[dt.date, str, str]:
    return (s.article_date or dt.date.max, s.article_id, s.event_id)
