"""Resolving people: dictionary names, titles, appositions, possessives, repeats, pronouns."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from dyad.extract.actors.context import (
    POSSESSIVE_PRONOUNS,
    SUBJECT_PRONOUNS,
    TitleContext,
    title_after,
    title_before,
)
from dyad.extract.actors.dictionary import Entry
from dyad.extract.actors.reading import SUBJECT_DEPS, Person, Reading, slug
from dyad.model import ActorMention

if TYPE_CHECKING:
    from spacy.tokens import Token

CONFIDENCE = {"dictionary": 0.9, "coreference": 0.85, "memory": 0.75, "title": 0.75, "ner": 0.5}
# offices whose holder belongs to the government of whoever they serve ("his aide")
SERVING_ROLES = frozenset({"aide", "envoy", "spokesperson", "minister"})


def person_entry(r: Reading, ids: tuple[str, ...]) -> Entry | None:
    """The person among dictionary entries `ids`, preferring one in office on the date."""
    people = [r.dictionary.entries[i] for i in ids if r.dictionary.entries[i].kind == "person"]
    if len(people) > 1 and r.date is not None:
        serving = [e for e in people if any(role.covers(r.date) for role in e.roles)]
        people = serving or people
    return people[0] if people else None


def find_title(r: Reading, start: int, end: int) -> TitleContext | None:
    """The title before or in apposition after the name at tokens [start, end)."""
    return title_before(r.doc, start, r.codes, r.dictionary) or title_after(
        r.doc, end, r.codes, r.dictionary
    )


def resolve_person(r: Reading, start: int, end: int, entry: Entry | None) -> ActorMention:
    """Resolve and record the person named by tokens [start, end)."""
    name = r.doc[start:end].text
    title = find_title(r, start, end)
    base, method = _identify(r, name, entry)
    person = base
    if title is not None:
        person = _with_title(r, base, title)
        method = "title" if method == "ner" else method
    else:
        inherited = _conjunct(r, start)
        if inherited is not None and base.sector is None:
            person = replace(base, country=inherited.country, sector=inherited.sector,
                             title=inherited.title, role=inherited.role)  # fmt: skip
            method = "title" if method == "ner" else method
    first = title.start if title is not None and title.start < start else start
    side = r.side(start, end)
    mention = ActorMention(
        span=r.span(first, end),
        actor_id=person.actor_id,
        name=person.name,
        country=person.country,
        sector=person.sector,
        kind="person",
        title=person.title,
        method=method,
        confidence=CONFIDENCE[method],
        name_span=r.span(start, end),
        role=side,
    )
    r.add(mention, first, end)
    r.remember(person, name, end - 1, subject=side == "subject")
    if entry is not None and entry.name != name:
        r.remember(person, entry.name, end - 1, subject=False)
    if title is not None and not title.former:
        r.titled_at[end - 1] = person
    return mention


def _identify(r: Reading, name: str, entry: Entry | None) -> tuple[Person, str]:
    """Who `name` is before looking at titles: dictionary, this article, memory, or nobody."""
    known = r.known_person(name)
    if known is not None and (entry is None or len(name.split()) == 1):
        return known, "coreference"
    if entry is not None:
        return _from_entry(r, entry), "dictionary"
    if known is not None:
        return known, "coreference"
    actor = r.memory.find(name, kind="person") if r.memory is not None else None
    if actor is not None:
        return Person(actor.id, actor.name, actor.country, actor.sector, None, None, None), "memory"
    actor_id = f"PER:{slug(name)}" if len(name.split()) > 1 else None
    return Person(actor_id, name, None, None, None, None, None), "ner"


def _from_entry(r: Reading, entry: Entry) -> Person:
    standing = entry.standing(r.date)
    title = standing.title
    if title and standing.former:
        title = f"former {title}"
    return Person(
        actor_id=entry.id,
        name=entry.name,
        country=standing.country,
        sector=standing.sector,
        title=title,
        role=None if standing.former else standing.role,
        gender=entry.gender,
    )


def _with_title(r: Reading, base: Person, title: TitleContext) -> Person:
    """`base` as the title beside the name says: its office, country, and whether former."""
    owner = _possessor(r, title)
    country = title.country or base.country or (owner.country if owner else None)
    if title.former:
        return replace(base, country=country, sector="elites", title=f"former {title.text}",
                       role=None)  # fmt: skip
    sector = title.title.sector
    if owner is not None and owner.sector and title.title.role in SERVING_ROLES:
        sector = owner.sector
    role = "minister" if title.deputy else title.title.role
    return replace(base, country=country, sector=sector, title=title.text, role=role)


def _possessor(r: Reading, title: TitleContext) -> Person | None:
    if title.possessor is None:
        return None
    token = r.doc[title.possessor]
    if token.lower_ in POSSESSIVE_PRONOUNS:
        return r.antecedent(token.i, POSSESSIVE_PRONOUNS[token.lower_])
    return r.person_at.get(title.possessor)


def _conjunct(r: Reading, start: int) -> Person | None:
    """ "Special Representatives Steve Witkoff and Keith Kellogg": Kellogg shares the title."""
    if start >= 2 and r.doc[start - 1].lower_ == "and":
        return r.titled_at.get(start - 2)
    return None


def resolve_pronoun(r: Reading, token: Token) -> ActorMention | None:
    """A subject "he"/"she" resolved to the person it most likely refers to."""
    gender = SUBJECT_PRONOUNS.get(token.lower_)
    if gender is None or (r.parsed and token.dep_ not in SUBJECT_DEPS):
        return None
    person = r.antecedent(token.i, gender)
    if person is None:
        return None
    mention = ActorMention(
        span=r.span(token.i, token.i + 1),
        actor_id=person.actor_id,
        name=person.name,
        country=person.country,
        sector=person.sector,
        kind="person",
        title=person.title,
        method="coreference",
        confidence=0.6,
        role="subject" if r.parsed else None,
    )
    r.add(mention, token.i, token.i + 1)
    r.subjects.append((token.i, person))
    return mention
