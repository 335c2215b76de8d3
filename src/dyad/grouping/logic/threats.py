"""Threats of a story and what came of them.

A threat (THREATEN, or a sanction, assault or coercion threatened or conditional) is carried
out when a matching act by the same side against the same target happened after it; a
threat naming no target takes the target of the demand it backs, in the same article.
Restatements in later articles are merged into one threat.
"""

from __future__ import annotations

from collections.abc import Sequence

from dyad.grouping.logic.answers import answers, country_side, names, sides, union_names
from dyad.grouping.logic.later import Later
from dyad.grouping.logic.members import NEGATIVE
from dyad.grouping.logic.values import Answer, EventGroup, Threat

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


def threats(groups: Sequence[EventGroup], later: Later | None = None) -> tuple[Threat, ...]:
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
    later = later or Later(groups)
    return tuple(_threat(m, groups, later) for m in merged)


def _threat(reports: Sequence[EventGroup], groups: Sequence[EventGroup], later: Later) -> Threat:
    first = reports[0]
    against = union_names(g.recipients for g in reports) or _backed_demand(reports, groups)
    done: dict[str, Answer] = {}
    for g in reports:
        acts = THREAT_ACTS.get(g.mode, THREAT_ACTS[None]) if g.type == "THREATEN" else (g.type,)
        for answer in answers(g, later, frozenset(acts), until=None, same_direction=True):
            done.setdefault(answer.group_id, answer)
    return Threat(
        group_id=first.id,
        by=union_names(g.actors for g in reports),
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
    authors = {s for g in reports for s in country_side(g.actors)}
    for g in groups:
        same_article = set(g.article_ids) & articles
        if (
            g.type == "REQUEST"
            and g.recipients
            and same_article
            and country_side(g.actors) & authors
        ):
            return names(g.recipients)
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
        x, y = country_side(side_a), country_side(side_b)
        if x and y and not x & y:
            return False
    return bool(kind_a or kind_b) or bool(sides(a) & sides(b))


def _is_threat(g: EventGroup) -> bool:
    if g.status in NEGATIVE:
        return False
    if g.type == "THREATEN":
        return True
    return g.type in THREATENED_TYPES and g.status in {"threatened", "conditional"}


def _restates(threat: EventGroup, inner: EventGroup) -> bool:
    if threat.type != "THREATEN" or not set(threat.article_ids) & set(inner.article_ids):
        return False
    a, b = country_side(threat.actors), country_side(inner.actors)
    return bool(a & b) or threat.summary == inner.summary
