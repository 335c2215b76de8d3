"""The negotiation tracker: meetings, demands and ultimatums, threats, proposals and
agreements, read from the event groups of a story (or of the whole store).

- Meetings gather the reports of one meeting or call, with who attends and who stays away
  (`dyad.grouping.logic.meetings`); a meeting only ever proposed is listed among the proposals.
- A demand (REQUEST) is met when the party it was made of later agrees, concedes or retreats
  (AGREE, CONCEDE, RETREAT that happened) before its deadline; expired when its deadline is
  before `as_of` (the latest article date) and it was not met; open otherwise. Restatements
  of one demand in later reports are merged; a demand naming nobody who makes it is not listed.
- A threat (THREATEN, or a sanction, assault or coercion threatened or conditional) is carried
  out when a matching act by the same side against the same target happened after it; a
  threat naming no target takes the target of the demand it backs, in the same article.
- A proposal (an offer, a proposed meeting, a call to meet) is accepted or rejected by the
  other side's later AGREE or REJECT, or by the fate of the meeting it proposed.
- Agreements, the meeting where each was reached and what came of it
  (`dyad.grouping.logic.agreements`).
- Items whose confidence is under `min_confidence` are hidden and counted.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TypeVar

from dyad.grouping.logic.agreements import agreements as find_agreements
from dyad.grouping.logic.attendees import level_of as level_of
from dyad.grouping.logic.later import Later
from dyad.grouping.logic.meetings import Draft, gather, is_meeting, meeting_of
from dyad.grouping.logic.members import NEGATIVE, content_tokens
from dyad.grouping.logic.values import (
    Agreement,
    Answer,
    Demand,
    EventGroup,
    GroupActor,
    Meeting,
    Proposal,
    Threat,
    Tracker,
)
from dyad.lexicon import words

ACCEPTS = frozenset({"AGREE", "CONCEDE", "RETREAT"})
THREAT_ACTS = {
    "restrict": ("SANCTION",),
    "ban": ("SANCTION",),
    "relations": ("SANCTION",),
    "violence": ("ASSAULT", "COERCE"),
    "expel": ("COERCE", "SANCTION"),
    None: ("SANCTION", "ASSAULT", "COERCE"),
}
THREATENED_TYPES = frozenset({"SANCTION", "ASSAULT", "COERCE", "MOBILIZE"})
THREAT_KINDS = {
    "restrict": "sanctions",
    "ban": "sanctions",
    "relations": "sanctions",
    "SANCTION": "sanctions",
    "violence": "force",
    "ASSAULT": "force",
    "COERCE": "force",
    "MOBILIZE": "force",
    "expel": "expulsion",
}
PROPOSAL_WORDS = words("grouping.tracker", "proposal_words")
RESTATED_DAYS = 14  # a demand restated within this many days (or before its deadline)
SAME_WORDS = 3  # content words two statements of one demand share, at least
Item = TypeVar("Item", Meeting, Demand, Threat, Proposal, Agreement)


def tracker(
    groups: Sequence[EventGroup],
    *,
    as_of: dt.date | None,
    story_id: str | None = None,
    min_confidence: float | None = None,
) -> Tracker:
    """The tracker of `groups`, judged on `as_of`; items under `min_confidence` hidden."""
    ordered = sorted(groups, key=_when_key)
    drafts = gather(ordered)
    found_meetings = tuple(meeting_of(d) for d in drafts if is_meeting(d))
    found_demands, found_threats = demands(ordered, as_of), threats(ordered)
    found_proposals = proposals(ordered, drafts)
    found_agreements = tuple(find_agreements(ordered, found_meetings))
    kept = Tracker(
        story_id=story_id,
        as_of=as_of,
        min_confidence=min_confidence,
        meetings=_confident(found_meetings, min_confidence),
        demands=_confident(found_demands, min_confidence),
        threats=_confident(found_threats, min_confidence),
        proposals=_confident(found_proposals, min_confidence),
        agreements=_confident(found_agreements, min_confidence),
    )
    every = (found_meetings, found_demands, found_threats, found_proposals, found_agreements)
    shown = (kept.meetings, kept.demands, kept.threats, kept.proposals, kept.agreements)
    hidden = sum(len(a) - len(b) for a, b in zip(every, shown, strict=True))
    return dataclasses.replace(kept, hidden=hidden)


def meetings(groups: Sequence[EventGroup]) -> tuple[Meeting, ...]:
    """Every meeting with its dated status history, who attends, and who stays away."""
    return tuple(meeting_of(d) for d in gather(groups) if is_meeting(d))


def _confident(items: Sequence[Item], threshold: float | None) -> tuple[Item, ...]:
    if threshold is None:
        return tuple(items)
    return tuple(i for i in items if i.confidence is None or i.confidence >= threshold)


def demands(groups: Sequence[EventGroup], as_of: dt.date | None) -> tuple[Demand, ...]:
    """Every demand (restatements merged): by whom, of whom, deadline, met, open or expired."""
    merged: list[list[EventGroup]] = []
    standing: list[list[EventGroup]] = []  # demands a later report may still restate
    words: dict[str, set[str]] = {}
    for g in groups:  # in date order
        if g.type != "REQUEST" or _is_proposal(g) or g.status in NEGATIVE or not g.actors:
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
    later = Later(groups)
    return tuple(_demand(m, later, as_of) for m in merged)


def _demand(reports: Sequence[EventGroup], later: Later, as_of: dt.date | None) -> Demand:
    first = reports[0]
    deadline = min((g.deadline for g in reports if g.deadline), default=None)
    met = tuple(a for g in reports for a in _answers(g, later, ACCEPTS, until=deadline))
    rejected = _answers(first, later, frozenset({"REJECT"}), until=None)
    if met:
        status = "met"
    elif deadline is not None and as_of is not None and deadline < as_of:
        status = "expired"
    else:
        status = "open"
    confidence = [g.confidence for g in reports if g.confidence is not None]
    return Demand(
        group_id=first.id,
        by=_union_names(g.actors for g in reports),
        of=_union_names(g.recipients for g in reports),
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


def _restated(later: EventGroup, first: EventGroup, words: dict[str, set[str]]) -> bool:
    """Whether `later` restates the demand `first`: same mode, same side, while it stands."""
    start, when = first.date or first.first_seen, later.date or later.first_seen
    if start is None or when is None or when + dt.timedelta(days=1) < start:
        return False
    if when > _until(first) or (later.mode and first.mode and later.mode != first.mode):
        return False
    if not _country_side(later.actors) & _country_side(first.actors):
        return False
    to_a, to_b = _country_side(later.recipients), _country_side(first.recipients)
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
    later = Later(groups)
    return tuple(_threat(m, groups, later) for m in merged)


def _threat(reports: Sequence[EventGroup], groups: Sequence[EventGroup], later: Later) -> Threat:
    first = reports[0]
    against = _union_names(g.recipients for g in reports) or _backed_demand(reports, groups)
    done: dict[str, Answer] = {}
    for g in reports:
        acts = THREAT_ACTS.get(g.mode, THREAT_ACTS[None]) if g.type == "THREATEN" else (g.type,)
        for answer in _answers(g, later, frozenset(acts), until=None, same_direction=True):
            done.setdefault(answer.group_id, answer)
    return Threat(
        group_id=first.id,
        by=_union_names(g.actors for g in reports),
        against=against,
        what=next((w for g in reports if (w := threat_kind(g))), None),
        date=first.date or first.first_seen,
        conditional=any(g.status == "conditional" for g in reports),
        status="carried out" if done else "open",
        carried_out=tuple(done.values()),
        summary=first.summary,
        group_ids=tuple(g.id for g in reports),
        last_reported=max((g.last_seen for g in reports if g.last_seen), default=None),
        confidence=max((g.confidence for g in reports if g.confidence is not None), default=None),
    )


def _backed_demand(reports: Sequence[EventGroup], groups: Sequence[EventGroup]) -> tuple[str, ...]:
    """The target of the demand a threat backs: made by the same side in the same article."""
    articles = {a for g in reports for a in g.article_ids}
    authors = {s for g in reports for s in _country_side(g.actors)}
    for g in groups:
        same_article = set(g.article_ids) & articles
        if (
            g.type == "REQUEST"
            and g.recipients
            and same_article
            and _country_side(g.actors) & authors
        ):
            return _names(g.recipients)
    return ()


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


def proposals(groups: Sequence[EventGroup], drafts: Sequence[Draft] = ()) -> tuple[Proposal, ...]:
    """Every proposal and its answers: accepted, rejected, or still open.

    Of the meetings gathered (`drafts`), one only ever proposed is a proposal, rejected when
    a report says it was refused or cancelled. An offer stated in the sentence of a meeting
    listed is that meeting's first step, not a proposal of its own.
    """
    proposed = [d for d in drafts if d.groups and not is_meeting(d)]
    told = {g.summary for d in drafts if is_meeting(d) for g in d.groups}
    demanded = {g.summary for g in groups if g.type == "REQUEST" and not _is_proposal(g)}
    later = Later(groups)
    out = [_proposal(g, later) for g in groups if _is_proposal(g) and g.summary not in told]
    for d in proposed:
        said = {g.summary for g in d.groups}
        if not said & ({p.summary for p in out} | demanded):
            out.append(_proposed_meeting(d, later))
        else:
            out = [_refused(p, d) if p.summary in said else p for p in out]
    return tuple(sorted(out, key=lambda p: (p.date or dt.date.max, p.group_id)))


def _proposal(g: EventGroup, later: Later) -> Proposal:
    accepted = _answers(g, later, frozenset({"AGREE", "CONCEDE"}), until=None, other=True)
    rejected = _answers(g, later, frozenset({"REJECT"}), until=None, other=True)
    status = "rejected" if rejected else "accepted" if accepted else "open"
    return Proposal(
        group_id=g.id,
        by=_names(g.actors),
        to=_names(g.recipients),
        type=g.type,
        mode=g.mode,
        date=g.date or g.first_seen,
        status=status,
        answers=(*accepted, *rejected),
        summary=g.summary,
        group_ids=(g.id,),
        confidence=g.confidence,
    )


def _proposed_meeting(draft: Draft, later: Later) -> Proposal:
    meeting = meeting_of(draft)
    proposal = _proposal(draft.groups[0], later)
    fate = _fate(meeting.status)
    return dataclasses.replace(
        proposal,
        type="CONSULT",
        group_ids=meeting.group_ids,
        status="rejected" if fate == "rejected" else proposal.status,
    )


def _refused(proposal: Proposal, draft: Draft) -> Proposal:
    """A proposal whose meeting was refused or cancelled is rejected."""
    fate = _fate(meeting_of(draft).status)
    if fate != "rejected" or proposal.status == "rejected":
        return proposal
    return dataclasses.replace(proposal, status=fate)


def _fate(meeting_status: str) -> str:
    return "rejected" if meeting_status in {"cancelled", "refused"} else "open"


def _answers(
    item: EventGroup,
    later: Later,
    types: frozenset[str],
    *,
    until: dt.date | None,
    same_direction: bool = False,
    other: bool = False,
) -> tuple[Answer, ...]:
    """Later groups of `types` that answer `item`: by its target, towards its author."""
    authors, targets = _country_side(item.actors), _country_side(item.recipients)
    articles = set(item.article_ids)
    start = item.date or item.first_seen
    found = []
    for g in later.of(sorted(types), start):
        if g is item:
            continue
        when = g.date or g.first_seen
        if until is not None and when is not None and when > until + dt.timedelta(days=1):
            continue
        shared = (
            other
            and not targets
            and not articles.isdisjoint(g.article_ids)
            and any(w in g.summary.lower() for w in PROPOSAL_WORDS)
        )  # "declined the invitation", in the article that tells of the offer
        if _answers_sides(
            g, authors, targets, same_direction=same_direction, other=other, same_article=shared
        ):
            found.append(Answer(g.id, g.type, when, g.status, g.summary))
    return tuple(found)


def _answers_sides(
    g: EventGroup,
    authors: set[str],
    targets: set[str],
    *,
    same_direction: bool,
    other: bool,
    same_article: bool = False,
) -> bool:
    by, to = _country_side(g.actors), _country_side(g.recipients)
    if same_direction:
        return bool(by & authors) and (not to or not targets or bool(to & targets))
    if other and not targets:  # an offer to all: any other side answers it
        return bool(by - authors) and (bool(to & authors) or same_article)
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


def _when_key(g: EventGroup) -> tuple[dt.date, str]:
    return (g.date or g.first_seen or dt.date.max, g.id)
