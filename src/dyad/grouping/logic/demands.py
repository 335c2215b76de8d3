"""Demands and ultimatums of a story.

A demand (REQUEST) is met when the party it was made of later agrees, concedes or retreats
(AGREE, CONCEDE, RETREAT that happened) before its deadline, unless it rejected the demand
on or after that day (an acceptance claimed and denied); expired when its deadline is
before `as_of` (the latest article date) and it was not met; open otherwise. Restatements
of one demand in later reports are merged; a demand naming nobody who makes it is not listed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from dyad.grouping.logic.answers import answers, country_side, union_names
from dyad.grouping.logic.later import Later
from dyad.grouping.logic.members import NEGATIVE, content_tokens
from dyad.grouping.logic.proposals import is_proposal
from dyad.grouping.logic.values import Answer, Demand, EventGroup

ACCEPTS = frozenset({"AGREE", "CONCEDE", "RETREAT"})
RESTATED_DAYS = 14  # a demand restated within this many days (or before its deadline)
SAME_WORDS = 3  # content words two statements of one demand share, at least


def demands(
    groups: Sequence[EventGroup], as_of: dt.date | None, later: Later | None = None
) -> tuple[Demand, ...]:
    """Every demand (restatements merged): by whom, of whom, deadline, met, open or expired."""
    merged: list[list[EventGroup]] = []
    standing: list[list[EventGroup]] = []  # demands a later report may still restate
    words: dict[str, set[str]] = {}
    for g in groups:  # in date order
        if g.type != "REQUEST" or is_proposal(g) or g.status in NEGATIVE or not g.actors:
            continue
        words[g.id] = set(content_tokens(g.summary))
        when = g.date or g.first_seen
        standing = [m for m in standing if when is None or _until(m[0]) >= when]
        home = next((m for m in standing if _restated(g, m[0], words)), None)
        if home is None:
            merged.append([g])
            standing.append(merged[-1])
        else:
            home.append(g)
    later = later or Later(groups)
    return tuple(_demand(m, later, as_of) for m in merged)


def _demand(reports: Sequence[EventGroup], later: Later, as_of: dt.date | None) -> Demand:
    first = reports[0]
    deadline = min((g.deadline for g in reports if g.deadline), default=None)
    met = tuple(a for g in reports for a in answers(g, later, ACCEPTS, until=deadline))
    rejected = answers(first, later, frozenset({"REJECT"}), until=None)
    if met and not _denied(met, rejected):
        status = "met"
    elif deadline is not None and as_of is not None and deadline < as_of:
        status = "expired"
    else:
        status = "open"
    confidence = [g.confidence for g in reports if g.confidence is not None]
    return Demand(
        group_id=first.id,
        by=union_names(g.actors for g in reports),
        of=union_names(g.recipients for g in reports),
        mode=first.mode,
        date=first.date,
        deadline=deadline,
        status=status,
        ultimatum=deadline is not None or any(g.quad_class == 3 for g in reports),
        answers=(*_unique(met), *rejected),
        summary=first.summary,
        group_ids=tuple(g.id for g in reports),
        confidence=max(confidence, default=None),
    )


def _denied(met: Sequence[Answer], rejected: Sequence[Answer]) -> bool:
    """Whether the party the demand was made of rejected it on or after the day of the last
    acceptance told ("Putin claimed the demands were largely accepted by Ukraine. Kyiv has
    rejected this claim"): the acceptance is only claimed, and the demand is not met."""
    last = max((a.date for a in met if a.date), default=None)
    return last is not None and any(r.date and r.date >= last for r in rejected)


def _restated(later: EventGroup, first: EventGroup, words: dict[str, set[str]]) -> bool:
    """Whether `later` restates the demand `first`: same mode, same side, while it stands."""
    start, when = first.date or first.first_seen, later.date or later.first_seen
    if start is None or when is None or when + dt.timedelta(days=1) < start:
        return False
    if when > _until(first) or (later.mode and first.mode and later.mode != first.mode):
        return False
    if not country_side(later.actors) & country_side(first.actors):
        return False
    to_a, to_b = country_side(later.recipients), country_side(first.recipients)
    if to_a and to_b and not to_a & to_b and not (later.deadline or first.deadline):
        return False
    return len(words[later.id] & words[first.id]) >= SAME_WORDS  # not "free the crew"


def _until(first: EventGroup) -> dt.date:
    """The last day a demand can be restated: its deadline, or `RESTATED_DAYS` after it."""
    start = first.date or first.first_seen or dt.date.max
    if start == dt.date.max:
        return start
    return max(first.deadline or start, start + dt.timedelta(days=RESTATED_DAYS))


def _unique(answers: Iterable[Answer]) -> tuple[Answer, ...]:
    return tuple({a.group_id: a for a in answers}.values())
