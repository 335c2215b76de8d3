"""Find trigger words and expressions of the codebook in a parsed Doc.

Single lemmas are looked up in a dictionary; multi-word expressions go through spaCy's
`DependencyMatcher`, so "impose sanctions" also matches "sanctions were imposed on" and
"imposed tough new sanctions". Overlaps keep the longest, then the most confident match.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from spacy.matcher import DependencyMatcher
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from dyad.extract.events.codebook import Codebook, Trigger

# Relations through which a trigger's second word may hang one step further down
# ("take to the streets": take > to > street).
_BRIDGES = ["prep", "prt", "agent", "dobj", "pobj", "compound", "amod"]
_PARTICLES = ("in", "up", "down", "out", "off", "back", "over", "away", "through")
_MODIFIERS = ["compound", "amod", "nmod", "npadvmod"]  # "hunger strike", "car bomb"
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
        triggers = index.get(lemma) or _by_form(index, token.lower_)
        for trigger in triggers:
            if _pos_fits(token, trigger.pos) and _has_needs(token, trigger):
                yield Candidate(trigger, token.i, (token.i,))


def _by_form(index: dict[str, tuple[Trigger, ...]], form: str) -> tuple[Trigger, ...]:
    """Triggers for a word the lemmatizer got wrong ("staged" as "stag")."""
    for lemma in base_forms(form):
        if lemma in index:
            return index[lemma]
    return ()


def base_forms(form: str) -> list[str]:
    """Candidate dictionary forms of an inflected English word, most likely first."""
    out = [form]
    for ending, replacement in (
        ("ies", "y"),
        ("ied", "y"),
        ("ing", "e"),
        ("ing", ""),
        ("ed", "e"),
        ("ed", ""),
        ("es", ""),
        ("s", ""),
        ("d", ""),
    ):
        if form.endswith(ending) and len(form) > len(ending) + 2:
            out.append(form[: -len(ending)] + replacement)
    return out


def inflections(word: str) -> list[str]:
    """The word and its regular inflections ("talks" also as "talk"; "stage" as "staged")."""
    stems = {word, *base_forms(word)}
    forms = set(stems)
    for stem in stems:
        forms.update({stem + "s", stem + "es", stem + "ed", stem + "d", stem + "ing"})
        if stem.endswith("e"):
            forms.add(stem[:-1] + "ing")
        if stem.endswith("y"):
            forms.update({stem[:-1] + "ies", stem[:-1] + "ied"})
    return sorted(forms)


def _has_needs(token: Token, trigger: Trigger) -> bool:
    return not trigger.needs or any(c.dep_ in trigger.needs for c in token.children)


def _pos_fits(token: Token, pos: str | None) -> bool:
    if token.dep_ == "amod" and token.pos_ in _VERB_TAGS:
        return False  # a participle modifying a noun: "the proposed ceasefire"
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
    matcher, phrases = _phrase_matcher(codebook, doc.vocab)
    if not phrases:
        return
    for match_id, token_ids in matcher(doc):
        trigger = phrases[doc.vocab.strings[match_id]]
        forms = {form for word in trigger.words for form in inflections(word)}
        tokens = tuple(
            sorted(i for i in token_ids if doc[i].lemma_.lower() in forms or doc[i].lower_ in forms)
        )
        yield Candidate(trigger, _syntactic_head(doc, tokens), tokens)


def _syntactic_head(doc: Doc, tokens: tuple[int, ...]) -> int:
    """The token of the set whose head lies outside it (the highest in the tree)."""
    inside = set(tokens)
    for i in tokens:
        if doc[i].head.i not in inside or doc[i].head.i == i:
            return i
    return tokens[0]


@lru_cache(maxsize=8)
def _phrase_matcher(
    codebook: Codebook, vocab: Vocab
) -> tuple[DependencyMatcher, dict[str, Trigger]]:
    matcher = DependencyMatcher(vocab)
    phrases: dict[str, Trigger] = {}
    for trigger in codebook.triggers:
        if len(trigger.words) < 2:
            continue
        key = f"{trigger.type}:{trigger.key}:{trigger.line}"
        phrases[key] = trigger
        matcher.add(key, _patterns(trigger.words))
    return matcher, phrases


def _attrs(word: str, by: str) -> dict[str, object]:
    if by == "LEMMA":
        return {"LEMMA": {"IN": [word, word.capitalize(), word.upper()]}}
    return {"LOWER": {"IN": inflections(word)}}


def _patterns(words: tuple[str, ...]) -> list[list[dict[str, object]]]:
    """Ways the words can hang together: all below the first, in a chain, the last
    as head of the others (noun compounds: "hunger strike"), or through a bridge word;
    each by lemma and by regular inflection (the lemmatizer is sometimes wrong)."""
    patterns = []
    for by in ("LEMMA", "LOWER"):
        first = {"RIGHT_ID": "w0", "RIGHT_ATTRS": _attrs(words[0], by)}
        star = [first] + [_edge("w0", f"w{i}", w, by) for i, w in enumerate(words[1:], 1)]
        chain = [first] + [_edge(f"w{i - 1}", f"w{i}", w, by) for i, w in enumerate(words[1:], 1)]
        last = len(words) - 1
        head_last = [{"RIGHT_ID": f"w{last}", "RIGHT_ATTRS": _attrs(words[-1], by)}] + [
            _edge(f"w{last}", f"w{i}", w, by, _MODIFIERS) for i, w in enumerate(words[:-1])
        ]
        patterns += [star, head_last] + ([chain] if len(words) > 2 else [])
        if len(words) == 2 and words[1] in _PARTICLES:
            patterns[-2] = [first, _edge("w0", "w1", words[1], by, ["prt"])]  # "give in"
        elif len(words) == 2:
            bridge = {
                "LEFT_ID": "w0",
                "REL_OP": ">",
                "RIGHT_ID": "bridge",
                "RIGHT_ATTRS": {"DEP": {"IN": _BRIDGES}},
            }
            patterns.append([first, bridge, _edge("bridge", "w1", words[1], by)])
    return patterns


def _edge(
    left: str, right: str, word: str, by: str, deps: list[str] | None = None
) -> dict[str, object]:
    attrs = _attrs(word, by)
    if deps:
        attrs = {**attrs, "DEP": {"IN": deps}}
    return {"LEFT_ID": left, "REL_OP": ">", "RIGHT_ID": right, "RIGHT_ATTRS": attrs}


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
