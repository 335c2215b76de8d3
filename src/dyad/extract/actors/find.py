"""`find_actors`: every actor mention of an article, resolved.

Order of work: people first, left to right (so repeats and pronouns can look back), then
group nouns with their countries, then the remaining dictionary names (countries, seats of
government, IGOs, media), then organisations only the statistical model found, then the
subject pronouns "it" and "they" that refer to any of these.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dyad.deadline import check
from dyad.extract.actors.context import POSSESSIVE_PRONOUNS, SUBJECT_PRONOUNS, title_words
from dyad.extract.actors.dictionary import ActorDictionary, Entry
from dyad.extract.actors.groups import resolve_entity, resolve_generic, resolve_name
from dyad.extract.actors.persons import (
    find_title,
    person_entry,
    resolve_person,
    resolve_possessive,
    resolve_pronoun,
    resolve_title_only,
)
from dyad.extract.actors.pronouns import resolve_it_they
from dyad.extract.actors.reading import Reading
from dyad.extract.actors.scan import Hit, dictionary_hits, entity_hits, generic_hits
from dyad.model import ActorMention, Article

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from dyad.extract.actors.memory import ActorMemory

# entity labels the small model gives to people it does not recognise as people
MISLABELS = frozenset({"ORG", "GPE", "LOC", "FAC", "NORP"})


def find_actors(
    doc: Doc,
    article: Article,
    dictionary: ActorDictionary,
    *,
    memory: ActorMemory | None = None,
) -> tuple[ActorMention, ...]:
    """Every actor mention in `article` (`doc` is its parse), resolved and coded, in text order."""
    hits = dictionary_hits(doc, dictionary)
    r = Reading(doc, dictionary, article.date, memory, hits)
    ents = entity_hits(doc, hits)
    _read_people(r, hits, ents)
    names_taken = {i for h in hits if h.entry_ids() for i in range(h.start, h.end)}
    for hit in generic_hits(doc, dictionary, r.taken | names_taken | _named_orgs(r, ents)):
        resolve_generic(r, hit)
    for hit in hits:
        if not _overlaps(r, hit):
            resolve_name(r, hit)
    for hit in ents:
        if not _overlaps(r, hit):
            resolve_entity(r, hit)
    resolve_it_they(r)
    return tuple(sorted(r.mentions, key=lambda m: (m.span.start, m.span.end)))


def _named_orgs(r: Reading, ents: list[Hit]) -> set[int]:
    """Tokens of organisations the model found whose name is more than a country and a group
    noun: "Monitor" in "Christian Science Monitor" is no monitor; "Iraqi Air Force" stays."""
    tokens: set[int] = set()
    for hit in ents:
        if hit.label != "ORG":
            continue
        words = [t for t in r.doc[hit.start : hit.end] if t.i not in r.codes]
        if any(
            t.is_title and t.lower_ not in r.dictionary.generic and t.lower_ != "the"
            for t in words[:-1]
        ):
            tokens.update(range(hit.start, hit.end))
    return tokens


def _overlaps(r: Reading, hit: Hit) -> bool:
    return any(i in r.taken for i in range(hit.start, hit.end))


def _read_people(r: Reading, hits: list[Hit], ents: list[Hit]) -> None:
    """Resolve people and he/she subjects left to right."""
    people = _person_candidates(r, hits, ents)
    others = {h.start: h for h in ents if h.label in MISLABELS}
    starts = set(people)
    i = 0
    while i < len(r.doc):
        if i % 256 == 0:
            check("actors")
        if i in r.taken:
            i += 1
            continue
        if i in people:
            end, entry = people[i]
            resolve_person(r, i, end, entry)
            i = end
            continue
        repeat_end = _repeat(r, i, others.get(i))
        if repeat_end is not None:
            resolve_person(r, i, repeat_end, None)
            i = repeat_end
            continue
        office_end = resolve_title_only(r, i, starts)
        if office_end is not None:
            i = office_end
            continue
        if r.doc[i].lower_ in SUBJECT_PRONOUNS:
            resolve_pronoun(r, r.doc[i])
        elif r.doc[i].lower_ in POSSESSIVE_PRONOUNS:
            resolve_possessive(r, r.doc[i])
        i += 1


def _person_candidates(
    r: Reading, hits: list[Hit], ents: list[Hit]
) -> dict[int, tuple[int, Entry | None]]:
    """Start token -> (end, dictionary entry) of every name that is a person."""
    found: dict[int, tuple[int, Entry | None]] = {}
    for hit in hits:
        entry = person_entry(r, hit.entry_ids())
        if entry is not None:
            found[hit.start] = (hit.end, entry)
    for hit in ents:
        if hit.label == "PERSON" or (_looks_named(r, hit) and find_title(r, hit.start, hit.end)):
            found.setdefault(hit.start, (hit.end, None))
    return found


def _looks_named(r: Reading, hit: Hit) -> bool:
    """A mislabelled entity that can be a person's name: capitalised, not a title word."""
    words = title_words(r.dictionary)
    tokens = r.doc[hit.start : hit.end]
    return hit.label in MISLABELS and all(t.is_title and t.lower_ not in words for t in tokens)


def _repeat(r: Reading, i: int, ent: Hit | None) -> int | None:
    """End of a name at token `i` that repeats a person of this article ("Rubio"), if any."""
    if ent is not None and r.known_person(r.doc[ent.start : ent.end].text):
        return ent.end
    token = r.doc[i]
    if token.is_title and i not in r.index and r.known_person(token.text):
        return i + 1
    return None
