"""Proposals of a story: offers, proposed meetings and calls to meet, and their answers.

A proposal is accepted or rejected by the other side's later AGREE or REJECT, or by the fate
of the meeting it proposed; a meeting only ever proposed is listed here, not as a meeting.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

from dyad.grouping.logic.answers import PROPOSAL_WORDS, answers, names
from dyad.grouping.logic.draft import Draft
from dyad.grouping.logic.later import Later
from dyad.grouping.logic.meetings import is_meeting, meeting_of
from dyad.grouping.logic.values import EventGroup, Proposal


def proposals(
    groups: Sequence[EventGroup], drafts: Sequence[Draft] = (), later: Later | None = None
) -> tuple[Proposal, ...]:
    """Every proposal and its answers: accepted, rejected, or still open.

    Of the meetings gathered (`drafts`), one only ever proposed is a proposal, rejected when
    a report says it was refused or cancelled. An offer stated in the sentence of a meeting
    listed is that meeting's first step, not a proposal of its own.
    """
    proposed = [d for d in drafts if d.groups and not is_meeting(d)]
    told = {g.summary for d in drafts if is_meeting(d) for g in d.groups}
    demanded = {g.summary for g in groups if g.type == "REQUEST" and not is_proposal(g)}
    later = later or Later(groups)
    out = [_proposal(g, later) for g in groups if is_proposal(g) and g.summary not in told]
    for d in proposed:
        said = {g.summary for g in d.groups}
        if not said & ({p.summary for p in out} | demanded):
            out.append(_proposed_meeting(d, later))
        else:
            out = [_refused(p, d) if p.summary in said else p for p in out]
    return tuple(sorted(out, key=lambda p: (p.date or dt.date.max, p.group_id)))


def _proposal(g: EventGroup, later: Later) -> Proposal:
    accepted = answers(g, later, frozenset({"AGREE", "CONCEDE"}), until=None, other=True)
    rejected = answers(g, later, frozenset({"REJECT"}), until=None, other=True)
    status = "rejected" if rejected else "accepted" if accepted else "open"
    return Proposal(
        group_id=g.id,
        by=names(g.actors),
        to=names(g.recipients),
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


def is_proposal(g: EventGroup) -> bool:
    if g.type == "REQUEST" and g.mode == "meet":
        return True
    if g.type == "CONSULT":
        return False
    return any(t.startswith(PROPOSAL_WORDS) for t in g.triggers)
