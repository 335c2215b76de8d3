"""Agreements of a story: one agreement across its reports, where it was reached, and what
came of it.

- An agreement is an AGREE group that happened, told with a word of agreement (agreed,
  signed, deal, accord...); acceptances of a proposal ("accepted the offer"), pledges ("will
  lead the delegation") and agreements to meet again (the meeting they schedule) are not.
- Reports of one agreement are gathered: sides that agree and dates within a day, or the
  same figure named ("120 soldiers"); a passing mention ("the Kampala agreement") joins the
  nearest earlier agreement of its story, else it is not listed.
- It was reached at the meeting held within a day of it, at its place or without one.
- It is carried out when a later report (at least `LATER_DAYS` after) of the same sides shows
  the act (a release, a withdrawal, a concession), naming the same figure when the agreement
  names one; broken when a later report speaks of a violation by one of its sides.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from dyad.grouping.logic.members import OUTCOME
from dyad.grouping.logic.values import Agreement, Answer, EventGroup, Meeting
from dyad.lexicon import words

LATER_DAYS = 2
MENTION_DAYS = 30
NOUNS = words("grouping.agreements", "nouns")
ACCEPTS = ("accept",)
AGREEMENT_WORDS = words("grouping.agreements", "agreement_words")
MEETS = re.compile(r"\bagree\w*\s+(?:on\s+|to\s+)?(?:meet|hold\s+talks|resume\s+talks)", re.I)
CARRIED = frozenset({"RETREAT", "CONCEDE", "COOPERATE", "AID"})
BROKEN = re.compile(r"\b(violat\w*|breach\w*|broke|broken|collaps\w*)\b", re.I)
FIGURE = re.compile(r"\b\d[\d,]*\d\b")


def agreements(groups: Sequence[EventGroup], meetings: Sequence[Meeting]) -> list[Agreement]:
    """Every agreement of `groups`, its meeting and what came of it."""
    found: list[list[EventGroup]] = []
    mentions = []
    for g in sorted(_candidates(groups), key=_when):
        if _is_mention(g):
            mentions.append(g)
            continue
        home = next((a for a in found if _same(g, a)), None)
        if home is None:
            found.append([g])
        else:
            home.append(g)
    for g in mentions:
        home = _nearest_before(g, found)
        if home is not None:
            home.append(g)
    return [_agreement(reports, groups, meetings) for reports in found]


def _candidates(groups: Sequence[EventGroup]) -> list[EventGroup]:
    out = []
    for g in groups:
        if g.type != "AGREE" or g.status not in OUTCOME - {"historical"}:
            continue
        if any(t.startswith(ACCEPTS) for t in g.triggers) or MEETS.search(g.summary):
            continue
        if not any(t.startswith(AGREEMENT_WORDS) for t in g.triggers):
            continue  # an offer is a proposal, "will lead the delegation" a pledge
        out.append(g)
    return out


def _is_mention(group: EventGroup) -> bool:
    return all(t in NOUNS for t in group.triggers)


def _same(group: EventGroup, reports: Sequence[EventGroup]) -> bool:
    if not _sides_agree(group, reports):
        return False
    if _figures(group) & {f for r in reports for f in _figures(r)}:
        return True
    return any(group.date and r.date and abs((group.date - r.date).days) <= 1 for r in reports)


def _nearest_before(
    group: EventGroup, found: Sequence[list[EventGroup]]
) -> list[EventGroup] | None:
    when = group.last_seen or group.date
    fits = []
    for reports in found:
        start = _when(reports[0])[0]
        if when is None or start > when or (when - start).days > MENTION_DAYS:
            continue
        if _figures(group) & {f for r in reports for f in _figures(r)} or _sides_agree(
            group, reports
        ):
            fits.append(((when - start).days, reports))
    return min(fits, key=lambda f: f[0])[1] if fits else None


def _agreement(
    reports: Sequence[EventGroup], groups: Sequence[EventGroup], meetings: Sequence[Meeting]
) -> Agreement:
    told = [r for r in reports if not _is_mention(r)] or list(reports)
    lead = min(told, key=lambda r: (r.first_seen or dt.date.max, r.id))  # first reported
    done, broken = _outcomes(lead, reports, groups)
    status = "broken" if broken else "carried out" if done else "reached"
    confidence = [r.confidence for r in reports if r.confidence is not None]
    return Agreement(
        group_id=lead.id,
        parties=_names(reports),
        date=lead.date,
        place=lead.place,
        status=status,
        meeting_id=_meeting(lead, meetings),
        carried_out=done,
        broken=broken,
        summary=lead.summary,
        group_ids=tuple(r.id for r in reports),
        articles=len({a for r in reports for a in r.article_ids}),
        confidence=max(confidence, default=None),
    )


def _outcomes(
    lead: EventGroup, reports: Sequence[EventGroup], groups: Sequence[EventGroup]
) -> tuple[tuple[Answer, ...], tuple[Answer, ...]]:
    ids = {r.id for r in reports}
    figures = {f for r in reports for f in _figures(r)}
    sides = _country_sides(reports)
    start = lead.date or lead.first_seen
    done, broken = [], []
    for g in groups:
        when = g.date or g.first_seen
        if g.id in ids or when is None or start is None:
            continue
        if (when - start).days < LATER_DAYS or g.status not in OUTCOME - {"historical"}:
            continue
        if not _country_sides([g]) & sides:
            continue
        answer = Answer(g.id, g.type, when, g.status, g.summary)
        if BROKEN.search(g.summary) and g.type in {"ACCUSE", "ASSAULT", "COERCE"}:
            broken.append(answer)
        elif g.type in CARRIED and (not figures or figures & _figures(g)):
            done.append(answer)
    return tuple(done), tuple(broken)


def _meeting(agreement: EventGroup, meetings: Sequence[Meeting]) -> str | None:
    """The held meeting where the agreement was reached: within a day, at its place."""
    for m in meetings:
        if m.status != "held" or m.date is None or agreement.date is None:
            continue
        if agreement.place and m.place and agreement.place != m.place:
            continue
        if abs((agreement.date - m.date).days) <= 1:
            return m.group_id
    return None


def _sides_agree(group: EventGroup, reports: Sequence[EventGroup]) -> bool:
    a, b = _country_sides([group]), _country_sides(reports)
    return not a or not b or bool(a & b)


def _country_sides(groups: Sequence[EventGroup]) -> set[str]:
    return {
        a.country if a.country and a.country != "IGO" else a.id
        for g in groups
        for a in (*g.actors, *g.recipients)
        if not a.id.startswith("TXT:")
    }


def _figures(group: EventGroup) -> set[str]:
    return {f.replace(",", "") for f in FIGURE.findall(group.summary) if not _year(f)}


def _year(figure: str) -> bool:
    return len(figure) == 4 and figure.startswith(("19", "20"))


def _names(reports: Sequence[EventGroup]) -> tuple[str, ...]:
    return tuple(
        dict.fromkeys(
            a.name
            for r in reports
            for a in (*r.actors, *r.recipients)
            if not a.id.startswith("TXT:")
        )
    )


def _when(group: EventGroup) -> tuple[dt.date, str]:
    return (group.date or group.first_seen or dt.date.max, group.id)
