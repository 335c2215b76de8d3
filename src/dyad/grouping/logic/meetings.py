"""The meetings of a story: the reports of one meeting or call gathered, who attends, who
stays away, and the meeting's dated status history.

Grouping keeps apart reports a reader sees as one meeting: talks proposed on 1 June,
scheduled for 9 June, postponed and held on 15 June are several groups. Here the CONSULT
groups of a story are gathered into meetings:

- A report joins a meeting of the same channel (in person, or a phone or video call) whose
  place and sides agree and whose date is within a day; or, at the same place, a meeting so
  far only proposed, scheduled or postponed, up to `MOVE_DAYS` earlier (talks moved).
- A vague report (no date of its own in the text, or neither a party nor a place named in
  the text: "the talks were frank") joins the nearest meeting of its channel within
  `VAGUE_DAYS`, adding to its reports but not to its status unless it is a denial; else it
  is not listed.
- A denial naming who stays away ("X will not attend") that matches a meeting going ahead
  makes those actors absent from it, with the sentence as evidence; matching none, it tells
  of a meeting scheduled without them.
- Attendees are the parties of held or scheduled participation reports (a sender of a
  delegation who is a person stays away: "sent his aide instead"); parties of denials are
  absent; whoever is reported both ways is shown as the latest report says, marked contested.
  Actors only mentioned in an article (commenters, reporters, the outlet) are in no report
  of the meeting and so are neither. Unresolved words ("leaders", "prisoners") and media
  are not parties. A call is a meeting of its two ends: the people on the line.
- A meeting only ever proposed (then perhaps refused) is a proposal, not a meeting.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from dyad.grouping.logic.attendance import attendance, move_denials
from dyad.grouping.logic.attendees import ABSENCE, plausible, stays_away
from dyad.grouping.logic.draft import Draft, channel_of, sides_of
from dyad.grouping.logic.history import MEETING_STATUS
from dyad.grouping.logic.members import NEGATIVE
from dyad.grouping.logic.values import EventGroup, Meeting

MOVE_DAYS = 21
VAGUE_DAYS = 7


def gather(groups: Sequence[EventGroup]) -> list[Draft]:
    """The meetings (and proposed meetings) among `groups`, in date order.

    Reports are taken in date order and compared only with the meetings still open to them
    (a date within `MOVE_DAYS`), so the work follows the reports of a few weeks, not the story.
    """
    consults = sorted(
        (g for g in groups if g.type == "CONSULT" and g.status != "historical"), key=_when
    )
    denials = [g for g in consults if _denial(g)]
    denied = {g.id for g in denials}
    vague = [g for g in consults if g.id not in denied and is_vague(g)]
    loose = denied | {g.id for g in vague}
    drafts = _dated([g for g in consults if g.id not in loose])
    near = _by_day(drafts)
    ahead = _by_day([d for d in drafts if _goes_ahead(d)])
    for g in denials:
        home = _best(g, ahead, same_place=True)
        if home is not None:
            home.denials.append(g)
        elif is_vague(g):
            vague.append(g)
        else:  # "X will not attend the talks in Geneva on Friday": talks without X
            drafts.append(Draft(channel_of(g), denials=[g]))
    for g in vague:
        home = _best(g, near, same_place=g.status in NEGATIVE)
        if home is not None:
            home.vague.append(g)
    move_denials(drafts)
    return drafts


def _dated(reports: Sequence[EventGroup]) -> list[Draft]:
    """The meetings of the reports with their own facts and a date (in date order)."""
    drafts: list[Draft] = []
    active: list[Draft] = []
    for g in reports:
        if g.date is None:  # a report with no date is vague
            continue
        horizon = g.date - dt.timedelta(days=MOVE_DAYS + 1)
        active = [d for d in active if max(d.dates, default=dt.date.max) >= horizon]
        home = next((d for d in reversed(active) if _joins(g, d)), None)
        if home is None:
            drafts.append(home := Draft(channel_of(g)))
            active.append(home)
        home.add(g)
    return drafts


def _by_day(drafts: Sequence[Draft]) -> dict[dt.date, list[Draft]]:
    """Drafts under each date of their reports, to find those near a date."""
    index: dict[dt.date, list[Draft]] = {}
    for d in drafts:
        for day in set(d.dates):
            index.setdefault(day, []).append(d)
    return index


def meeting_of(draft: Draft) -> Meeting:
    """The `Meeting` a reader sees: status, dated history, attendees and absentees."""
    steps = draft.steps
    status = steps[-1].status if steps else "proposed"
    lead = _lead(draft, status)
    attendees, absent = attendance(draft)
    articles = {a for g in draft.all_groups for a in g.article_ids}
    sources = {s for g in draft.all_groups for s in g.source_names}
    confidence = [g.confidence for g in draft.groups if g.confidence is not None]
    return Meeting(
        group_id=lead.id,
        status=status,
        date=lead.date,
        place=draft.place or lead.place,
        attendees=attendees,
        absent=absent,
        history=steps,
        contested=tuple(sorted({c for g in draft.groups for c in g.contested})),
        articles=len(articles),
        sources=len(sources),
        summary=lead.summary,
        channel=draft.channel,
        group_ids=tuple(g.id for g in draft.all_groups),
        confidence=max(confidence, default=None),
    )


def is_meeting(draft: Draft) -> bool:
    """Whether a draft is a meeting (it was once scheduled, held or postponed) with a party."""
    if not any(c.status in {"scheduled", "held", "postponed"} for c in draft.steps):
        return False
    attendees, absent = attendance(draft)
    return bool(attendees or absent)


def is_vague(group: EventGroup) -> bool:
    """A report with neither a party nor a place in the text, or (unless it proposes a
    meeting, which is dated by the proposal) with no date of its own."""
    placed = group.place is not None and group.place_source == "text"
    named = any(plausible(a, group.place) for a in (*group.actors, *group.recipients))
    if not (placed or named) or group.date is None:
        return True
    return group.date_source != "text" and MEETING_STATUS.get(group.status) != "proposed"


def _joins(group: EventGroup, draft: Draft) -> bool:
    if channel_of(group) != draft.channel or group.date is None:
        return False
    place = draft.place
    if group.place and place and group.place != place:
        return False
    sides = sides_of(group)
    if (group.place is None or place is None) and sides and draft.sides and not sides & draft.sides:
        return False  # no place to go by: the sides must meet (a mediator may be named alone)
    if any(abs((group.date - d).days) <= 1 for d in draft.dates):
        return True
    gap = (group.date - max(draft.dates)).days if draft.dates else MOVE_DAYS + 1
    return draft.early and group.place == place is not None and 0 < gap <= MOVE_DAYS


def _best(group: EventGroup, near: dict[dt.date, list[Draft]], *, same_place: bool) -> Draft | None:
    """The nearest draft in date that `group` (a vague report or a denial) fits; for a
    denial, one at its place first, then one in its country ("not going to Turkey"); among
    those within a day, the most reported. `near`: drafts by the dates of their reports."""
    if group.date is None:
        return None
    limit = 14 if same_place else VAGUE_DAYS
    days = (group.date + dt.timedelta(days=k) for k in range(-limit, limit + 1))
    candidates = {id(d): d for day in days for d in near.get(day, ())}
    fits = []
    for d in candidates.values():
        if d.channel != channel_of(group) and group.status not in NEGATIVE:
            continue
        other_place = bool(group.place and d.place and group.place != d.place)
        if same_place and other_place and not _same_country(group, d):
            continue
        sides = sides_of(group)
        vague_place = other_place or not d.place or not group.place
        if same_place and vague_place and sides and d.sides and not sides & d.sides:
            continue  # no place to go by: the sides must meet
        gap = min(abs((group.date - day).days) for day in d.dates)
        size = sum(len(g.statuses) for g in d.groups)
        fits.append((other_place, gap > 1, -size, gap, d.dates[0], d))  # within a day: the main
    return min(fits, key=lambda f: f[:5])[5] if fits else None


def _same_country(group: EventGroup, draft: Draft) -> bool:
    countries = {g.place_country for g in draft.groups if g.place_country}
    return group.place_country is not None and group.place_country in countries


def _denial(group: EventGroup) -> bool:
    """A report that someone stays away: "X will not attend", "Y is not going to Turkey"."""
    return group.status in ABSENCE and any(s.actors and stays_away(s) for s in group.statuses)


def _goes_ahead(draft: Draft) -> bool:
    return any(MEETING_STATUS.get(g.status) in {"scheduled", "held"} for g in draft.groups)


def _lead(draft: Draft, status: str) -> EventGroup:
    """The group that dates the meeting: the first held, else the latest reported one with
    the meeting's current status (the date it was last set for)."""
    same = [g for g in draft.groups if MEETING_STATUS.get(g.status) == status]
    pool = same or draft.groups or draft.denials
    if status == "held":
        return min(pool, key=lambda g: (g.date or dt.date.max, g.id))
    return max(pool, key=lambda g: (g.last_seen or dt.date.min, g.date or dt.date.min, g.id))


def _when(group: EventGroup) -> tuple[dt.date, str]:
    return (group.date or group.first_seen or dt.date.max, group.id)
