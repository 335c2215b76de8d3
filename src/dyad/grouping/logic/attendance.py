"""Who attends a gathered meeting and who stays away, by the latest report on each party.

Attendees are the parties of held or scheduled participation reports, with those of an
undated report that goes on telling of the meeting in the article that dates it, and of who
leads a delegation; parties of denials are absent. A denial aimed at a side ("Trump is not
going to Turkey for Ukraine-Russia talks") told inside the report of a meeting that side
does not attend is about another meeting: it moves to a meeting of the same days that side
attends (`move_denials`), or is dropped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence

from dyad.grouping.logic.attendees import (
    ABSENCE,
    ATTENDING,
    attendee,
    plausible,
    reports,
    stays_away,
)
from dyad.grouping.logic.draft import Draft, channel_of, sides_of
from dyad.grouping.logic.values import Attendee, EventGroup, GroupActor, MentionStatus
from dyad.lexicon import words

LEADS = words("grouping.meetings", "leads")  # who leads a delegation attends, dated or not
Latest = tuple[tuple[dt.date, str, int], bool, str, str]


def attendance(draft: Draft) -> tuple[tuple[Attendee, ...], tuple[Attendee, ...]]:
    """Who attends and who stays away, by the latest report on each party."""
    actors = _actors(draft)
    latest: dict[str, Latest] = {}
    seen_both: dict[str, set[bool]] = {}
    for s in _reports(draft):
        for key, present in reports(s):
            if key not in actors or not plausible(actors[key], draft.place):
                continue
            when = (s.article_date or dt.date.min, s.article_id, 0 if present else 1)
            seen_both.setdefault(key, set()).add(present)
            if key not in latest or when >= latest[key][0]:
                latest[key] = (when, present, s.article_id, s.evidence)
    rows = {
        key: (present, attendee(actors[key], article, evidence, len(seen_both[key]) > 1))
        for key, (_, present, article, evidence) in latest.items()
    }
    attendees = [a for present, a in rows.values() if present]
    absent = [a for present, a in rows.values() if not present]
    if draft.channel == "phone":
        people = [a for a in attendees if a.id.startswith("PER:")]
        attendees = people if len(people) >= 2 else attendees
    return tuple(attendees), tuple(absent)


def move_denials(drafts: Sequence[Draft]) -> None:
    """Move each denial told of another meeting (see the module doc) to the meeting of the
    same days whose attendees include its target; drop it when there is none."""
    for draft in drafts:
        for group, s in _stray_denials(draft):
            draft.moved_out.add(s.event_id)
            targets = _countries(group.actors + group.recipients, s.recipients)
            home = next(
                (d for d in drafts if d is not draft and _near(d, draft) and targets & _present(d)),
                None,
            )
            if home is not None:
                home.moved_in.append((group, s))


def _reports(draft: Draft) -> Iterator[MentionStatus]:
    told = [g for g in draft.vague if _leads(g) or _told_further(g, draft)]
    for g in (*draft.groups, *told, *draft.denials):
        yield from (s for s in g.statuses if s.event_id not in draft.moved_out)
    yield from (s for _, s in draft.moved_in)


def _actors(draft: Draft) -> dict[str, GroupActor]:
    groups = [*draft.all_groups, *(g for g, _ in draft.moved_in)]
    return {a.id: a for g in groups for a in (*g.actors, *g.recipients)}


def _stray_denials(draft: Draft) -> list[tuple[EventGroup, MentionStatus]]:
    """Denials inside the meeting's own reports aimed at sides it does not have."""
    present = _present(draft)
    if not present:
        return []
    found = []
    for g in draft.groups:
        for s in g.statuses:
            if s.status not in ABSENCE or not s.actors or not s.recipients or not stays_away(s):
                continue
            if not _countries(g.actors + g.recipients, s.recipients) & present:
                found.append((g, s))
    return found


def _present(draft: Draft) -> set[str]:
    """The countries (or bodies) of the parties the meeting's own reports say attend."""
    actors = _actors(draft)
    keys = {
        key
        for g in draft.groups
        for s in g.statuses
        if s.status in ATTENDING
        for key, present in reports(s)
        if present
    }
    return _countries(tuple(actors.values()), keys)


def _countries(actors: Sequence[GroupActor], keys: Iterable[str]) -> set[str]:
    by_id = {a.id: a for a in actors}
    return {_side(by_id[k]) for k in keys if k in by_id}


def _side(actor: GroupActor) -> str:
    return actor.country if actor.country and actor.country != "IGO" else actor.id


def _near(a: Draft, b: Draft) -> bool:
    return any(abs((x - y).days) <= 1 for x in a.dates for y in b.dates)


def _leads(group: EventGroup) -> bool:
    """ "Vice President X will lead the delegation": who leads it attends, dated or not."""
    return any(t.startswith(LEADS) for t in group.triggers)


def _told_further(group: EventGroup, draft: Draft) -> bool:
    """Whether an undated report goes on telling of the meeting an article dated before it
    ("the heads of both services met on Tuesday ... X and his counterpart Y discussed the
    intake"): held or scheduled, in an article that dates the meeting, its parties all of
    the meeting's sides. Its parties attend."""
    if group.status not in ATTENDING or channel_of(group) != draft.channel:
        return False
    articles = {a for g in draft.groups for a in g.article_ids}
    sides = sides_of(group)
    return bool(sides) and sides <= draft.sides and not articles.isdisjoint(group.article_ids)
