"""Recognition: where the actor names, group nouns and entities of a Doc are.

The dictionary scan does not depend on the statistical NER: it finds every dictionary name
(longest match, case-sensitive, on token boundaries). Entities the model found and the
dictionary does not know are kept beside it, so unknown people and organisations still count.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dyad.doctext import doc_text
from dyad.extract.actors.dictionary import ActorDictionary, NameHit

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

MAX_NAME_TOKENS = 12
MAX_GENERIC_TOKENS = 3
ENT_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE", "FAC", "LOC"})
NOUN_TAGS = frozenset({"NOUN", "PROPN"})


@dataclass(frozen=True, slots=True)
class Hit:
    """A stretch of tokens [start, end) and what it is."""

    start: int
    end: int
    names: tuple[NameHit, ...] = ()  # dictionary names
    label: str | None = None  # spaCy entity label, for entities the dictionary does not know

    def entry_ids(self) -> tuple[str, ...]:
        return tuple(target for kind, target in self.names if kind == "entry")

    def code(self) -> str | None:
        """The country or region code of an adjective or demonym hit."""
        for kind, target in self.names:
            if kind in ("adjective", "demonym"):
                return target
        return None


def dictionary_hits(doc: Doc, dictionary: ActorDictionary) -> list[Hit]:
    """Every dictionary name in `doc`, longest first, not overlapping."""
    text = doc_text(doc)
    return _left_to_right(len(doc), lambda i: _longest(doc, text, i, dictionary))


def _left_to_right(size: int, hit_at: Callable[[int], Hit | None]) -> list[Hit]:
    """The hits `hit_at` finds from each token on, going on after each hit's end."""
    hits: list[Hit] = []
    i = 0
    while i < size:
        hit = hit_at(i)
        if hit is None:
            i += 1
            continue
        hits.append(hit)
        i = hit.end
    return hits


def _longest(doc: Doc, text: str, i: int, dictionary: ActorDictionary) -> Hit | None:
    start = doc[i].idx
    best = None
    for j in range(i, min(len(doc), i + MAX_NAME_TOKENS)):
        piece = text[start : doc[j].idx + len(doc[j])]
        if piece not in dictionary.prefixes:
            break
        names = dictionary.names.get(piece)
        if names:
            best = Hit(i, j + 1, names)
    return best


def entity_hits(doc: Doc, taken: list[Hit]) -> list[Hit]:
    """Entities of the model that no dictionary name covers; a longer PERSON beats a place."""
    covered = {i: hit for hit in taken for i in range(hit.start, hit.end)}
    found = []
    for ent in doc.ents:
        if ent.label_ not in ENT_LABELS:
            continue
        inside = {id(covered[i]): covered[i] for i in range(ent.start, ent.end) if i in covered}
        if not inside:
            found.append(Hit(ent.start, ent.end, (), ent.label_))
        elif ent.label_ == "PERSON" and _person_beats(ent.start, ent.end, list(inside.values())):
            found.append(Hit(ent.start, ent.end, (), "PERSON"))
    return found


def _person_beats(start: int, end: int, hits: list[Hit]) -> bool:
    longer = all(h.end - h.start < end - start for h in hits)
    people = any(k == "entry" and t.startswith("PER:") for h in hits for k, t in h.names)
    return longer and not people


def generic_hits(doc: Doc, dictionary: ActorDictionary, taken: set[int]) -> list[Hit]:
    """Group nouns of the generic-agent lexicon ("officials", "riot police"), as heads."""

    def hit_at(i: int) -> Hit | None:
        end = _generic_end(doc, i, dictionary, taken)
        return None if end is None else Hit(i, end, (), "GENERIC")

    return _left_to_right(len(doc), hit_at)


_FIRST_WORDS: dict[int, frozenset[str]] = {}


def _first_words(dictionary: ActorDictionary) -> frozenset[str]:
    key = id(dictionary.generic)
    if key not in _FIRST_WORDS:
        _FIRST_WORDS[key] = frozenset(term.split()[0] for term in dictionary.generic)
    return _FIRST_WORDS[key]


def _generic_end(doc: Doc, i: int, dictionary: ActorDictionary, taken: set[int]) -> int | None:
    if doc[i].lower_ not in _first_words(dictionary):
        return None
    for size in range(MAX_GENERIC_TOKENS, 0, -1):
        end = i + size
        if end > len(doc) or any(k in taken for k in range(i, end)):
            continue
        term = " ".join(t.lower_ for t in doc[i:end])
        if term in dictionary.generic and _is_head(doc[end - 1], dictionary):
            return end
    return None


def _is_head(token: Token, dictionary: ActorDictionary) -> bool:
    """A noun naming the group itself: "officials" in "US officials", "army" in "an army base";
    not "government" in "government forces" (the forces are the group), not "rebel-held"."""
    if token.pos_ and token.pos_ not in NOUN_TAGS:
        return False
    if token.i + 1 < len(token.doc) and token.doc[token.i + 1].text in ("-", "–"):
        return False
    if token.dep_ in ("compound", "amod") and token.head.i > token.i:
        return token.head.lower_ not in dictionary.generic and token.head.pos_ in NOUN_TAGS
    return True


def hit_index(hits: list[Hit]) -> dict[int, Hit]:
    """Token index -> the hit covering it."""
    return {i: hit for hit in hits for i in range(hit.start, hit.end)}
