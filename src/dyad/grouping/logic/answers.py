"""Who answers whom: the later reports that answer a demand, threat or proposal, and the
sides of a group's parties by country (an international body by itself)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from dyad.grouping.logic.later import Later
from dyad.grouping.logic.values import Answer, EventGroup, GroupActor
from dyad.lexicon import words

PROPOSAL_WORDS = words("grouping.tracker", "proposal_words")


def answers(
    item: EventGroup,
    later: Later,
    types: frozenset[str],
    *,
    until: dt.date | None,
    same_direction: bool = False,
    other: bool = False,
) -> tuple[Answer, ...]:
    """Later groups of `types` that answer `item`: by its target, towards its author."""
    authors, targets = country_side(item.actors), country_side(item.recipients)
    articles = set(item.article_ids)
    start = item.date or item.first_seen
    found = []
    # every answer has a party on one side of `item`, except an answer to an offer to all
    wanted = None if other and not targets else (authors if same_direction else targets)
    for g in later.of(sorted(types), start, sorted(wanted) if wanted is not None else None):
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
            later.parties(g),
            authors,
            targets,
            same_direction=same_direction,
            other=other,
            same_article=shared,
        ):
            found.append(Answer(g.id, g.type, when, g.status, g.summary))
    return tuple(found)


def _answers_sides(
    parties: tuple[set[str], set[str]],
    authors: set[str],
    targets: set[str],
    *,
    same_direction: bool,
    other: bool,
    same_article: bool = False,
) -> bool:
    by, to = parties
    if same_direction:
        return bool(by & authors) and (not to or not targets or bool(to & targets))
    if other and not targets:  # an offer to all: any other side answers it
        return bool(by - authors) and (bool(to & authors) or same_article)
    return bool((by | to) & targets) and (not to or bool((by | to) & authors))


def country_side(actors: Sequence[GroupActor]) -> set[str]:
    return {a.country if a.country and a.country != "IGO" else a.id for a in actors}


def sides(g: EventGroup) -> set[str]:
    return country_side(g.actors) | country_side(g.recipients)


def names(actors: Sequence[GroupActor]) -> tuple[str, ...]:
    return tuple(a.name for a in actors)


def union_names(lists: Iterable[Sequence[GroupActor]]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(a.name for side in lists for a in side))
