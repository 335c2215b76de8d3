"""A meeting's dated status history, read report by report: proposed -> scheduled ->
postponed -> held or cancelled, each step with the article that moved it.

Each article's reports of a meeting are read together, as a reader reads them:

- A report that someone stays away ("Putin will not attend") beside other reports of the
  meeting says who comes, not whether the meeting takes place: it is left to attendance.
- In an article that plans the meeting with named parties ("the delegation will be headed
  by X", "Y is scheduled to join"), a bare noun of the meeting ("the negotiations", "this
  week's meetings") or a delegation sent towards it only says the meeting exists or is
  ahead: the article tells of a meeting scheduled, not held.
- Otherwise an outcome or a negative report (held, cancelled, postponed) outranks a
  prospective one (planned, proposed), as in the group's own status.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence

from dyad.grouping.logic.attendees import ABSENCE, stays_away
from dyad.grouping.logic.members import NEGATIVE, OUTCOME, SENDS
from dyad.grouping.logic.status import PRECEDENCE
from dyad.grouping.logic.values import EventGroup, MentionStatus, StatusChange
from dyad.lexicon import words

MEETING_STATUS = {
    "held": "held",
    "planned": "scheduled",
    "proposed": "proposed",
    "requested": "proposed",
    "possible": "proposed",
    "hypothetical": "proposed",
    "conditional": "proposed",
    "postponed": "postponed",
    "cancelled": "cancelled",
    "not held": "cancelled",
    "negated": "cancelled",
    "refused": "refused",
}
EARLY = frozenset({"proposed", "scheduled", "postponed"})
EXPLICIT = frozenset({"cancelled", "refused", "postponed"})  # said of the meeting itself
NOUNS = frozenset(words("grouping.meetings", "nouns"))  # "talks", "negotiations"


def meeting_history(groups: Sequence[EventGroup]) -> tuple[StatusChange, ...]:
    """proposed -> scheduled -> postponed -> held or cancelled, each step with its article."""
    readings = sorted(
        (read for g in groups for read in _readings(g)),
        key=lambda s: (s.article_date or dt.date.max, s.article_id),
    )
    steps: list[StatusChange] = []
    for s in readings:
        status = MEETING_STATUS.get(s.status)
        current = steps[-1].status if steps else None
        if status is None or status == current or not _moves(current, status):
            continue
        if current == "held" and s.status not in EXPLICIT:
            continue  # "would not discuss X" after the meeting: about a topic, not the meeting
        steps.append(StatusChange(status, s.article_id, s.article_date, s.event_id, s.source))
    return tuple(steps)


def _readings(group: EventGroup) -> list[MentionStatus]:
    """What each article says of the meeting of `group`: one report per article."""
    by_article: dict[str, list[MentionStatus]] = {}
    for s in group.statuses:
        by_article.setdefault(s.article_id, []).append(s)
    found = (_article_reading(_of_the_meeting(reports)) for reports in by_article.values())
    return [s for s in found if s is not None]


def _of_the_meeting(reports: list[MentionStatus]) -> list[MentionStatus]:
    """An article's reports less those of someone staying away, unless that is all it says
    ("Sylvania declined to attend": the meeting it was invited to is refused)."""
    said = [s for s in reports if not (s.status in ABSENCE and s.actors and stays_away(s))]
    return said or reports


def _article_reading(reports: Sequence[MentionStatus]) -> MentionStatus | None:
    """The report that says what one article tells of the meeting (see the module doc)."""
    plans = any(s.status == "planned" and (s.actors or s.recipients) for s in reports)
    if plans:
        reports = [s for s in reports if not (s.status == "held" and _only_names(s))]
    if not reports:
        return None
    counts = Counter(s.status for s in reports)
    best = min(counts, key=lambda s: (-_rank(s), -counts[s], _order(s)))
    return next(s for s in reports if s.status == best)


def _only_names(report: MentionStatus) -> bool:
    """A bare noun of the meeting ("the negotiations"), or a delegation sent towards it."""
    bare = report.trigger.rstrip("s") in NOUNS or report.trigger in NOUNS
    return bare or report.trigger.startswith(SENDS)


def _rank(status: str) -> int:
    return 2 if status in OUTCOME or status in NEGATIVE else 1


def _order(status: str) -> int:
    return PRECEDENCE.index(status) if status in PRECEDENCE else len(PRECEDENCE)


def _moves(current: str | None, new: str) -> bool:
    if current is None:
        return True
    if new == "proposed":
        return False
    if new == "scheduled":
        return current in {"proposed", "postponed"}
    if new == "postponed":
        return current in {"proposed", "scheduled"}
    return True  # held, cancelled, refused: news; against a held meeting, a contradiction
