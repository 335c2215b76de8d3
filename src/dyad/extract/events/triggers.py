"""Find trigger words and expressions of the codebook in a parsed Doc.

Single lemmas are looked up in a dictionary (with regular inflections when the lemmatizer
is wrong); multi-word expressions are matched on the dependency tree (`phrases`), so
"impose sanctions" also matches "sanctions were imposed on". Overlaps keep the longest,
then the most confident match.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from dyad.extract.events.codebook import Codebook, Trigger
from dyad.extract.events.control import misread_verb
from dyad.extract.events.judgement import judged, speaker
from dyad.extract.events.phrases import base_forms, phrase_matches

_CLAUSES = ("advcl", "relcl", "ccomp", "conj", "parataxis")
_VERB_TAGS = ("VERB",)
_NOUN_TAGS = ("NOUN",)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A trigger matched in the doc: its syntactic head and every token it covers."""

    trigger: Trigger
    head: int
    tokens: tuple[int, ...]


def find_candidates(doc: Doc, codebook: Codebook) -> list[Candidate]:
    """Every trigger match in `doc`, overlaps resolved, in text order."""
    found = list(_single_matches(doc, codebook)) + list(_phrase_matches(doc, codebook))
    found = [c for c in found if not _cancelled(doc[c.head], c.trigger)]
    found = [c for c in found if not c.trigger.judgement or _judging(doc[c.head], codebook)]
    found.sort(key=lambda c: (-len(c.tokens), -c.trigger.confidence, c.trigger.line))
    taken: set[int] = set()
    kept: list[Candidate] = []
    for candidate in found:
        if taken.isdisjoint(candidate.tokens):
            kept.append(candidate)
            taken.update(candidate.tokens)
    return sorted(kept, key=lambda c: c.head)


def _single_matches(doc: Doc, codebook: Codebook) -> Iterator[Candidate]:
    index = _lemma_index(codebook)
    for token in doc:
        lemma = token.lemma_.lower()
        triggers = index.get(lemma) or (
            () if _plural_of(lemma, token) else _by_form(index, token.lower_)
        )
        for trigger in triggers:
            if _pos_fits(token, trigger.pos) and _has_needs(token, trigger):
                yield Candidate(trigger, token.i, (token.i,))


def _plural_of(lemma: str, token: Token) -> bool:
    """The lemmatizer read a regular plural ("aides" as "aide"): trust it, guess no other
    base form ("aid")."""
    return token.tag_ == "NNS" and token.lower_ in (lemma + "s", lemma + "es")


def _by_form(index: dict[str, tuple[Trigger, ...]], form: str) -> tuple[Trigger, ...]:
    """Triggers for a word the lemmatizer got wrong ("staged" as "stag")."""
    for lemma in base_forms(form):
        if lemma in index:
            return index[lemma]
    return ()


def _has_needs(token: Token, trigger: Trigger) -> bool:
    return not trigger.needs or any(c.dep_ in trigger.needs for c in token.children)


def _pos_fits(token: Token, pos: str | None) -> bool:
    if token.dep_ == "amod" and token.pos_ in _VERB_TAGS:
        return False  # a participle modifying a noun: "the proposed ceasefire"
    if misread_verb(token):  # "Super PAC blasts Trump": a headline's verb read as a noun
        return pos != "NOUN"
    if pos == "VERB":
        return token.pos_ in _VERB_TAGS
    if pos == "NOUN":
        return token.pos_ in _NOUN_TAGS
    return token.pos_ in _VERB_TAGS + _NOUN_TAGS


@lru_cache(maxsize=8)
def _lemma_index(codebook: Codebook) -> dict[str, tuple[Trigger, ...]]:
    index: dict[str, list[Trigger]] = {}
    for trigger in codebook.triggers:
        if len(trigger.words) == 1:
            index.setdefault(trigger.words[0], []).append(trigger)
    return {lemma: tuple(triggers) for lemma, triggers in index.items()}


def _phrase_matches(doc: Doc, codebook: Codebook) -> Iterator[Candidate]:
    """Phrases whose first word has the part of speech the codebook asks for, if any ("fire
    at" is a verb: "a fire at the factory" shoots at no one)."""
    for trigger, indices in phrase_matches(doc, codebook):
        if trigger.pos is not None and doc[indices[0]].pos_ != trigger.pos:
            continue
        tokens = tuple(sorted(indices))
        yield Candidate(trigger, _syntactic_head(doc, tokens), tokens)


def _syntactic_head(doc: Doc, tokens: tuple[int, ...]) -> int:
    """The token of the set whose head lies outside it (the highest in the tree); the verb
    of a relative clause on a noun of the set heads it, since its subject is the doer ("a
    deal that he struck"); a participle's doer hangs below it either way ("the treaty signed
    by Freedonia")."""
    inside = set(tokens)
    for i in tokens:
        if doc[i].dep_ == "relcl" and doc[i].head.i in inside:
            return i
    for i in tokens:
        if doc[i].head.i not in inside or doc[i].head.i == i:
            return i
    return tokens[0]


def _judging(head: Token, codebook: Codebook) -> bool:
    """A judgement trigger counts when it says what something is, in someone's words."""
    return bool(judged(head)) and bool(speaker(head, codebook.stance.speech_verbs))


def _cancelled(head: Token, trigger: Trigger) -> bool:
    """True when a word below the head is one of the trigger's `unless` lemmas."""
    if not trigger.unless:
        return False
    near: list[Token] = []
    level = [c for c in head.children if c.dep_ not in _CLAUSES]
    for _ in range(3):
        near += level
        level = [g for c in level for g in c.children if g.dep_ not in _CLAUSES]
    return any(t.lemma_.lower() in trigger.unless or t.lower_ in trigger.unless for t in near)
