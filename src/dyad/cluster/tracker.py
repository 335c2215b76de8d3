"""The negotiation tracker: meetings, demands and ultimatums, threats, proposals and answers,
read from the event groups of a story (or of the whole store).

- Meetings are CONSULT groups; a denial naming other actors ("X will not attend") is its own
  group and is shown as those actors' absence from the meeting it matches.
- A demand (REQUEST) is met when the party it was made of later agrees, concedes or retreats
  (AGREE, CONCEDE, RETREAT that happened) before its deadline; expired when its deadline is
  before `as_of` (the latest article date) and it was not met; open otherwise.
- A threat (THREATEN, or a sanction, assault or coercion threatened or conditional) is carried
  out when a matching act by the same side against the same target happened after it.
- A proposal (an offer, a proposed meeting, a call to meet) is accepted or rejected by the
  other side's later AGREE or REJECT.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from dyad.cluster.members import NEGATIVE, OUTCOME
from dyad.cluster.values import (
    Answer,
    Attendee,
    Demand,
    EventGroup,
    GroupActor,
    Meeting,
    Proposal,
    Threat,
    Tracker,
)

MEETING_STATUS = {"held": "held", "historical": "held", "planned": "planned",
                  "proposed": "proposed", "requested": "proposed", "possible": "proposed",
                  "hypothetical": "proposed", "conditional": "proposed", "cancelled": "cancelled",
                  "postponed": "cancelled", "not held": "cancelled", "refused": "refused",
                  "negated": "cancelled"}  # fmt: skip
ACCEPTS = frozenset({"AGREE", "CONCEDE", "RETREAT"})
THREAT_ACTS = {"restrict": ("SANCTION",), "ban": ("SANCTION",), "relations": ("SANCTION",),
               "violence": ("ASSAULT", "COERCE"), "expel": ("COERCE", "SANCTION"),
               None: ("SANCTION", "ASSAULT", "COERCE")}  # fmt: skip
THREATENED_TYPES = frozenset({"SANCTION", "ASSAULT", "COERCE", "MOBILIZE"})
ABSENCE_DAYS = 14
THREAT_KINDS = {"restrict": "sanctions", "ban": "sanctions", "relations": "sanctions",
                "SANCTION": "sanctions", "violence": "force", "ASSAULT": "force",
                "COERCE": "force", "MOBILIZE": "force", "expel": "expulsion"}  # fmt: skip
PROPOSAL_WORDS = ("offer", "propos", "suggest", "invit")
HEAD = "head of state or government"
LEVELS = (("deputy", "deputy"), ("vice", "deputy"), ("president", HEAD),
          ("prime minister", HEAD), ("king", HEAD), ("chancellor", HEAD), ("envoy", "envoy"),
          ("representative", "envoy"), ("negotiator", "envoy"), ("minister", "minister"),
          ("secretary", "minister"), ("ambassador", "ambassador"), ("aide", "aide"),
          ("delegation", "delegation"))  # fmt: skip


def tracker(
    groups: Sequence[EventGroup], *, as_of: dt.date | None, story_id: str | None = None
) -> Tracker:
    """The tracker of `groups`, judged on `as_of` (the latest article date)."""
    ordered = sorted(groups, key=_when_key)
    return Tracker(
        story_id=story_id, as_of=as_of, meetings=meetings(ordered),
        demands=demands(ordered, as_of), threats=threats(ordered),
        proposals=proposals(ordered),
    )  # fmt: skip


def meetings(groups: Sequence[EventGroup]) -> tuple[Meeting, ...]:
    """Every meeting with its status, who attends at what level, and who stays away."""
    consults = [g for g in groups if g.type == "CONSULT"]
    denials = [g for g in consults if g.status in NEGATIVE and _absence_of(g, consults)]
    out = []
    for g in consults:
        if g in denials:
            continue
        absent = [a for d in denials if _absence_of(d, [g]) for a in _attendees(d)]
        out.append(Meeting(
            group_id=g.id, status=MEETING_STATUS.get(g.status, g.status), date=g.date,
            place=g.place, attendees=_attendees(g), absent=tuple(absent),
            history=tuple(c.status for c in g.history), contested=g.contested,
            articles=g.articles, sources=g.sources, summary=g.summary,
        ))  # fmt: skip
    return tuple(out)


def demands(groups: Sequence[EventGroup], as_of: dt.date | None) -> tuple[Demand, ...]:
    """Every demand: by whom, of whom, deadline, and whether met, open or expired."""
    out = []
    for g in groups:
        if g.type != "REQUEST" or _is_proposal(g) or g.status in NEGATIVE:
            continue
        met = _answers(g, groups, ACCEPTS, until=g.deadline)
        rejected = _answers(g, groups, frozenset({"REJECT"}), until=None)
        if met:
            status = "met"
        elif g.deadline is not None and as_of is not None and g.deadline < as_of:
            status = "expired"
        else:
            status = "open"
        out.append(Demand(
            group_id=g.id, by=_names(g.actors), of=_names(g.recipients), mode=g.mode,
            date=g.date, deadline=g.deadline, status=status,
            ultimatum=g.deadline is not None or g.quad_class == 3,
            answers=(*met, *rejected), summary=g.summary,
        ))  # fmt: skip
    return tuple(out)


def threats(groups: Sequence[EventGroup]) -> tuple[Threat, ...]:
    """Every threat (its restatements in later articles merged), and what carried it out."""
    threat_groups = [g for g in groups if _is_threat(g)]
    kept = [
        g
        for g in threat_groups
        if g.type == "THREATEN" or not any(_restates(t, g) for t in threat_groups if t is not g)
    ]  # "threatened sanctions": the SANCTION inside a THREATEN is the same threat
    merged: list[list[EventGroup]] = []
    for g in kept:
        home = next((m for m in merged if all(_same_threat(g, x) for x in m)), None)
        if home is None:
            merged.append([g])
        else:
            home.append(g)
    return tuple(_threat(m, groups) for m in merged)


def _threat(reports: Sequence[EventGroup], groups: Sequence[EventGroup]) -> Threat:
    first = reports[0]
    done: dict[str, Answer] = {}
    for g in reports:
        acts = THREAT_ACTS.get(g.mode, THREAT_ACTS[None]) if g.type == "THREATEN" else (g.type,)
        for answer in _answers(g, groups, frozenset(acts), until=None, same_direction=True):
            done.setdefault(answer.group_id, answer)
    return Threat(
        group_id=first.id, by=_union_names(g.actors for g in reports),
        against=_union_names(g.recipients for g in reports),
        what=next((w for g in reports if (w := threat_kind(g))), None),
        date=first.date or first.first_seen,
        conditional=any(g.status == "conditional" for g in reports),
        status="carried out" if done else "open", carried_out=tuple(done.values()),
        summary=first.summary, group_ids=tuple(g.id for g in reports),
        last_reported=max((g.last_seen for g in reports if g.last_seen), default=None),
    )  # fmt: skip


def threat_kind(group: EventGroup) -> str | None:
    """What is threatened, in a word: "sanctions", "force", "expulsion", or None."""
    key = group.mode if group.type == "THREATEN" else group.type
    return THREAT_KINDS.get(key or "")


def _same_threat(a: EventGroup, b: EventGroup) -> bool:
    kind_a, kind_b = threat_kind(a), threat_kind(b)
    if kind_a and kind_b and kind_a != kind_b:
        return False
    for side_a, side_b in ((a.actors, b.actors), (a.recipients, b.recipients)):
        x, y = _country_side(side_a), _country_side(side_b)
        if x and y and not x & y:
            return False
    return bool(kind_a or kind_b) or bool(_sides(a) & _sides(b))


def proposals(groups: Sequence[EventGroup]) -> tuple[Proposal, ...]:
    """Every proposal and its answers: accepted, rejected, or still open."""
    out = []
    for g in groups:
        if not _is_proposal(g):
            continue
        accepted = _answers(g, groups, frozenset({"AGREE", "CONCEDE"}), until=None, other=True)
        rejected = _answers(g, groups, frozenset({"REJECT"}), until=None, other=True)
        status = "rejected" if rejected else "accepted" if accepted else "open"
        out.append(Proposal(
            group_id=g.id, by=_names(g.actors), to=_names(g.recipients), type=g.type,
            mode=g.mode, date=g.date or g.first_seen, status=status,
            answers=(*accepted, *rejected), summary=g.summary,
        ))  # fmt: skip
    return tuple(out)


def level_of(actor: GroupActor) -> str:
    """The level an attendee comes at: head of state or government, minister, envoy..."""
    text = f"{actor.title or ''} {actor.name}".lower()
    for word, level in LEVELS:
        if word in text:
            return level
    return actor.sector or "unknown"


def _attendees(group: EventGroup) -> tuple[Attendee, ...]:
    seen: dict[str, Attendee] = {}
    for a in (*group.actors, *group.recipients):
        seen.setdefault(a.id, Attendee(a.id, a.name, a.country, level_of(a), a.title))
    return tuple(seen.values())


def _absence_of(denial: EventGroup, consults: Sequence[EventGroup]) -> bool:
    """Whether `denial` says someone stays away from one of `consults` that goes ahead."""
    for g in consults:
        if g is denial or g.status in NEGATIVE:
            continue
        same_place = denial.place is None or g.place is None or denial.place == g.place
        if same_place and _before(denial.date, g.date) and _sides(denial) & _sides(g):
            return True
    return False


def _answers(
    item: EventGroup, groups: Sequence[EventGroup], types: frozenset[str], *,
    until: dt.date | None, same_direction: bool = False, other: bool = False,
) -> tuple[Answer, ...]:  # fmt: skip
    """Later groups of `types` that answer `item`: by its target, towards its author."""
    authors, targets = _country_side(item.actors), _country_side(item.recipients)
    start = item.date or item.first_seen
    found = []
    for g in groups:
        if g is item or g.type not in types or g.status not in OUTCOME - {"historical"}:
            continue
        when = g.date or g.first_seen
        if start is not None and (when is None or when < start):
            continue
        if until is not None and when is not None and when > until + dt.timedelta(days=1):
            continue
        if _answers_sides(g, authors, targets, same_direction=same_direction, other=other):
            found.append(Answer(g.id, g.type, when, g.status, g.summary))
    return tuple(found)


def _answers_sides(
    g: EventGroup, authors: set[str], targets: set[str], *, same_direction: bool, other: bool
) -> bool:
    by, to = _country_side(g.actors), _country_side(g.recipients)
    if same_direction:
        return bool(by & authors) and (not to or not targets or bool(to & targets))
    if other and not targets:
        return bool(by - authors) and bool(to & authors)
    return bool((by | to) & targets) and (not to or bool((by | to) & authors))


def _is_threat(g: EventGroup) -> bool:
    if g.status in NEGATIVE:
        return False
    if g.type == "THREATEN":
        return True
    return g.type in THREATENED_TYPES and g.status in {"threatened", "conditional"}


def _restates(threat: EventGroup, inner: EventGroup) -> bool:
    if threat.type != "THREATEN" or not set(threat.article_ids) & set(inner.article_ids):
        return False
    a, b = _country_side(threat.actors), _country_side(inner.actors)
    return bool(a & b) or threat.summary == inner.summary


def _is_proposal(g: EventGroup) -> bool:
    if g.type == "REQUEST" and g.mode == "meet":
        return True
    if g.type == "CONSULT":
        return False
    return any(t.startswith(PROPOSAL_WORDS) for t in g.triggers)


def _country_side(actors: Sequence[GroupActor]) -> set[str]:
    return {a.country if a.country and a.country != "IGO" else a.id for a in actors}


def _sides(g: EventGroup) -> set[str]:
    return _country_side(g.actors) | _country_side(g.recipients)


def _names(actors: Sequence[GroupActor]) -> tuple[str, ...]:
    return tuple(a.name for a in actors)


def _union_names(sides: Iterable[Sequence[GroupActor]]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(a.name for side in sides for a in side))


def _before(denial: dt.date | None, meeting: dt.date | None) -> bool:
    """A denial reported up to `ABSENCE_DAYS` before the meeting, or the day after it."""
    if denial is None or meeting is None:
        return True
    return -ABSENCE_DAYS <= (denial - meeting).days <= 1


def _when_key(g: EventGroup) -> tuple[dt.date, str]:
    return (g.date or g.first_seen or dt.date.max, g.id)
