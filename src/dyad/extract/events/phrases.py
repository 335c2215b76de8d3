"""Multi-word triggers matched on the dependency tree.

A phrase's first word is its head and the others hang below it ("impose sanction" matches
"imposed tough new sanctions" and "sanctions were imposed"), or are the noun its clause
describes ("the sanctions imposed on Iran", "a deal that he struck"), in a chain ("go on strike"),
through one bridge word ("take to the streets"), or, for noun compounds, below the last word
("hunger strike", "car bomb"). A word matches by lemma or by a regular inflection, since the
lemmatizer is sometimes wrong ("staged" as "stag").

spaCy's `DependencyMatcher` expresses the same shapes, but with some three thousand patterns
it took 1.7 s per 800-token article, seven times the parse; this index lookup takes a few ms.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from dyad.extract.events.codebook import Codebook, Trigger

# Relations through which a second word may hang one step further down.
BRIDGES = ("prep", "prt", "agent", "dobj", "pobj", "compound", "amod")
# Relations of the other words of a noun compound below its last word.
MODIFIERS = ("compound", "amod", "nmod", "npadvmod")
# Second words that are verb particles: "give in" needs a particle, not "in a bid".
PARTICLES = ("in", "up", "down", "out", "off", "back", "over", "away", "through")
# Subjects of an active verb: a happening there undergoes the verb ("the talks ended" ends
# no talks), while people do it ("protesters gathered").
ACTIVE_SUBJECTS = ("nsubj", "csubj")
# Relative pronouns standing for the noun their clause describes.
RELATIVES = ("WDT", "WP")
_VERBS = ("VERB", "AUX")
# A verb's own markers, never a word of a phrase: "to commit blunders" is no "commit to".
_MARKERS = ("aux", "auxpass", "mark")

Forms = frozenset[str]
# Regular English endings and what they replace, most likely first ("staged" -> "stage").
_ENDINGS = (
    ("ies", "y"),
    ("ied", "y"),
    ("ing", "e"),
    ("ing", ""),
    ("ed", "e"),
    ("ed", ""),
    ("es", ""),
    ("s", ""),
    ("d", ""),
)


@dataclass(frozen=True, slots=True)
class Phrase:
    trigger: Trigger
    words: tuple[Forms, ...]  # accepted forms of each word, head first


@dataclass(frozen=True, slots=True)
class PhraseIndex:
    by_first: dict[str, tuple[Phrase, ...]]
    by_last: dict[str, tuple[Phrase, ...]]
    happenings: frozenset[str]  # nouns that are triggers on their own ("talk", "aid")


@lru_cache(maxsize=1 << 16)  # asked once per word of every article: a news vocabulary fits
def base_forms(form: str) -> tuple[str, ...]:
    """Candidate dictionary forms of an inflected English word, most likely first."""
    out = [form]
    for ending, replacement in _ENDINGS:
        if form.endswith(ending) and len(form) > len(ending) + 2:
            out.append(form[: -len(ending)] + replacement)
    return tuple(out)


def inflections(word: str) -> Forms:
    """The word and its regular inflections ("talks" also as "talk"; "stage" as "staged")."""
    stems = {word, *base_forms(word)}
    forms = set(stems)
    for stem in stems:
        forms.update({stem + "s", stem + "es", stem + "ed", stem + "d", stem + "ing"})
        if stem.endswith("e"):
            forms.add(stem[:-1] + "ing")
        if stem.endswith("y"):
            forms.update({stem[:-1] + "ies", stem[:-1] + "ied"})
    return frozenset(forms)


@lru_cache(maxsize=8)
def phrase_index(codebook: Codebook) -> PhraseIndex:
    """Phrases of the codebook by every form of their first and of their last word."""
    first: dict[str, list[Phrase]] = {}
    last: dict[str, list[Phrase]] = {}
    for trigger in codebook.triggers:
        if len(trigger.words) < 2:
            continue
        phrase = Phrase(trigger, tuple(inflections(w) for w in trigger.words))
        for form in phrase.words[0]:
            first.setdefault(form, []).append(phrase)
        for form in phrase.words[-1]:
            last.setdefault(form, []).append(phrase)
    happenings = frozenset(
        t.words[0] for t in codebook.triggers if len(t.words) == 1 and t.pos in ("NOUN", None)
    )
    return PhraseIndex(
        {k: tuple(v) for k, v in first.items()},
        {k: tuple(v) for k, v in last.items()},
        happenings,
    )


def phrase_matches(doc: Doc, codebook: Codebook) -> Iterator[tuple[Trigger, tuple[int, ...]]]:
    """Each phrase found in `doc`, with the indices of its words."""
    index = phrase_index(codebook)
    for token in doc:
        for phrase in _lookup(index.by_first, token):
            found = _below(token, phrase, index.happenings) or _chain(token, phrase.words[1:])
            if found is None and len(phrase.words) == 2 and not _particle(phrase):
                found = _bridged(token, phrase.words[1]) or _clause_mark(token, phrase.words[1])
            if found is not None:
                yield phrase.trigger, (token.i, *found)
        for phrase in _lookup(index.by_last, token):
            found = _children(token, phrase.words[:-1], MODIFIERS)
            if found is not None:
                yield phrase.trigger, (*found, token.i)


def _lookup(table: dict[str, tuple[Phrase, ...]], token: Token) -> list[Phrase]:
    lemma, lower = token.lemma_.lower(), token.lower_
    found = list(table.get(lemma, ()))
    if lower != lemma:
        found += [p for p in table.get(lower, ()) if p not in found]
    return found


def _fits(token: Token, forms: Forms) -> bool:
    return (token.lemma_.lower() in forms or token.lower_ in forms) and not _when(token)


def _when(token: Token) -> bool:
    """A preposition telling when ("fired its chief executive on Monday"), not at or on whom
    ("fired on protesters"): its object is a date or a time."""
    return token.dep_ == "prep" and any(
        g.dep_ == "pobj" and g.ent_type_ in ("DATE", "TIME") for g in token.children
    )


def _particle(phrase: Phrase) -> bool:
    return len(phrase.words) == 2 and any(p in phrase.words[1] for p in PARTICLES)


def _below(head: Token, phrase: Phrase, happenings: frozenset[str]) -> list[int] | None:
    if not _particle(phrase):
        below = [
            c
            for c in head.children
            if c.dep_ not in _MARKERS and not _undergoes(head, c, happenings)
        ]
        return _children(head, phrase.words[1:], None, below + _described(head))
    found = _children(head, phrase.words[1:], ("prt",))
    if found is None:  # "forced the agency out of the country": "out" parsed as a preposition
        found = [c.i for c in head.children if _out_of(c) and _fits(c, phrase.words[1])][:1]
    return found or None


def _out_of(token: Token) -> bool:
    """ "out" heading an "of" phrase: a particle, whatever the parser says."""
    return token.lower_ == "out" and any(c.lower_ == "of" for c in token.children)


def _children(
    head: Token,
    words: Sequence[Forms],
    deps: Sequence[str] | None,
    below: Sequence[Token] | None = None,
) -> list[int] | None:
    """One distinct word for each of `words`, in any order, among `below` (default: the
    children of `head`, through `deps` if given)."""
    if below is None:
        below = [c for c in head.children if deps is None or c.dep_ in deps]
    used: list[int] = []
    for forms in words:
        match = next((c.i for c in below if c.i not in used and _fits(c, forms)), None)
        if match is None:
            return None
        used.append(match)
    return used


def _undergoes(verb: Token, child: Token, happenings: frozenset[str]) -> bool:
    """A happening noun as the active subject of a verb undergoes it: "the talks ended",
    "the aid stopped" (no one ended them); "sanctions were imposed" is imposed."""
    if verb.pos_ not in _VERBS or child.dep_ not in ACTIVE_SUBJECTS:
        return False
    return child.lemma_.lower() in happenings or child.lower_ in happenings


def _described(verb: Token) -> list[Token]:
    """The noun a verb's clause describes when that noun is the verb's object: "the
    sanctions imposed on Iran" (a passive participle), "a deal that he struck", "the deal
    he struck" (a relative clause whose pronoun is the object, or with no pronoun and a
    subject of its own); not "the talks that ended" (the pronoun is the subject)."""
    if verb.pos_ not in _VERBS or verb.dep_ not in ("acl", "relcl"):
        return []
    if verb.dep_ == "acl":
        return [verb.head] if verb.tag_ == "VBN" else []
    deps = {c.dep_: c for c in verb.children}
    relative = [c for c in verb.children if c.tag_ in RELATIVES]
    if relative:
        return [verb.head] if relative[0].dep_ in ("dobj", "nsubjpass") else []
    return [verb.head] if "nsubj" in deps and "dobj" not in deps else []


def _chain(head: Token, words: Sequence[Forms]) -> list[int] | None:
    """Each word below the previous one ("go on strike")."""
    if len(words) < 2:
        return None
    found: list[int] = []
    node: Token | None = head
    for forms in words:
        assert node is not None  # set on the previous round
        node = next((c for c in node.children if _fits(c, forms)), None)
        if node is None:
            return None
        found.append(node.i)
    return found


def _bridged(head: Token, forms: Forms) -> list[int] | None:
    """The word one step below a bridge child ("take to the streets")."""
    for child in head.children:
        if child.dep_ in BRIDGES:
            match = next((g.i for g in child.children if _fits(g, forms)), None)
            if match is not None:
                return [match]
    return None


def _clause_mark(head: Token, forms: Forms) -> list[int] | None:
    """ "called for the strongholds to be hit", "pressed for the United States to act": the
    preposition read as the mark of an infinitive clause below the head, after it."""
    for clause in head.children:
        if clause.dep_ not in ("ccomp", "advcl", "xcomp") or clause.i < head.i:
            continue
        if not any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children):
            continue
        marks = [c.i for c in clause.children if c.dep_ == "mark" and _fits(c, forms)]
        if marks and marks[0] > head.i:
            return marks[:1]
    return None
