"""Subject "it" and "they" and possessive "its" and "their": the groups, countries and
organisations they refer to.

Runs after every named actor of the article is found (he/she are read with the people, in
`persons`). A subject pronoun takes the actor(s) of the subject of the verb that governs it
("Moscow said it would ...", "The rebels said they attacked ..."), else the last subject
actor of its own or the previous sentence that fits it: "it" one organisation, country or
singular group; "they" a plural group, a demonym, or several actors joined by "and". An
expletive "it" ("it is likely that", "it seems") refers to nothing. A possessive takes the
subject of its own clause first ("the FBI nears the end of its investigation"), and is read
only on a noun that names no person or group ("their leaders" are the leaders).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from dyad.extract.actors.context import title_words
from dyad.extract.actors.reading import SUBJECT_DEPS, Reading
from dyad.lexicon import words
from dyad.model import ActorMention
from dyad.overlap import MentionIndex

if TYPE_CHECKING:
    from spacy.tokens import Token

PRONOUNS = frozenset({"it", "they"})
# possessives and the subject pronoun they stand for: "its investigation", "their meeting"
POSSESSIVES = {"its": "it", "their": "they"}
CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "advcl", "conj"})
# verbs and adjectives after which "it" is a placeholder: "it seems", "it is likely that"
EMPTY_VERBS = frozenset(words("actors.pronouns", "empty_verbs"))
EMPTY_ADJECTIVES = frozenset(words("actors.pronouns", "empty_adjectives"))
PLURAL_TAGS = frozenset({"NNS", "NNPS"})
CONFIDENCE = 0.55


def resolve_it_they(r: Reading) -> None:
    """Add a coreference mention for every subject "it"/"they" whose antecedent is found."""
    if not r.parsed:
        return
    index = MentionIndex(r.mentions)  # kept beside `r.mentions`: only this loop adds to it
    for token in r.doc:
        if token.i in r.taken or not (_subject(token) or _possessive(r, token)):
            continue
        if token.lower_ == "it" and _empty(token):
            continue
        found = _antecedents(r, index, token)
        for mention in found:
            span = r.span(token.i, token.i + 1)
            copy = replace(
                mention,
                span=span,
                name_span=span,
                method="coreference",
                confidence=CONFIDENCE,
                role=r.side(token.i, token.i + 1),
            )
            r.add(copy, token.i, token.i + 1)
            index.add(copy)


def _subject(token: Token) -> bool:
    return token.lower_ in PRONOUNS and token.dep_ in SUBJECT_DEPS


def _possessive(r: Reading, token: Token) -> bool:
    """ "its investigation", "their meeting": a possessive on a noun that is no person or
    group ("their leaders" names the leaders)."""
    if token.lower_ not in POSSESSIVES or token.dep_ != "poss":
        return False
    owned = token.head
    group_words = title_words(r.dictionary) | r.dictionary.generic.keys()
    return not {owned.lower_, owned.lemma_.lower()} & group_words


def _empty(token: Token) -> bool:
    verb = token.head
    if verb.lemma_.lower() in EMPTY_VERBS:
        return True
    return verb.lemma_ == "be" and any(
        c.dep_ in ("acomp", "attr") and c.lower_ in EMPTY_ADJECTIVES for c in verb.children
    )


def _antecedents(r: Reading, index: MentionIndex, token: Token) -> list[ActorMention]:
    plural = POSSESSIVES.get(token.lower_, token.lower_) == "they"
    if token.dep_ == "poss":  # "the FBI nears the end of its investigation": its own clause
        own = _clause_subject(token)
        found = _fitting(r, _mentions_under(r, index, own), plural) if own is not None else []
        if found:
            return found
    governing = _governing_subject(token)
    if governing is not None and governing.i < token.i:
        found = _fitting(r, _mentions_under(r, index, governing), plural)
        if found:
            return found
    start = token.sent.start
    floor = r.doc[start - 1].sent.start if start > 0 else 0
    subjects = sorted(
        {t.i: t for t in r.doc[floor : token.i] if t.dep_ in SUBJECT_DEPS}.values(),
        key=lambda t: -t.i,
    )
    for subject in subjects:
        found = _fitting(r, _mentions_under(r, index, subject), plural)
        if found:
            return found
    return []


def _clause_subject(token: Token) -> Token | None:
    """The subject before `token` of the verb whose clause holds it."""
    verb = token.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    return next((c for c in verb.children if c.dep_ in SUBJECT_DEPS and c.i < token.i), None)


def _governing_subject(token: Token) -> Token | None:
    """ "Moscow said it would ...": the subject of the verb whose clause holds `token`."""
    clause = token.head
    while clause.dep_ not in CLAUSE_DEPS and clause.head.i != clause.i:
        clause = clause.head
    if clause.dep_ not in CLAUSE_DEPS:
        return None
    return next((c for c in clause.head.children if c.dep_ in SUBJECT_DEPS), None)


def _mentions_under(r: Reading, index: MentionIndex, subject: Token) -> list[ActorMention]:
    """Mentions on the subject phrase itself (its head, modifiers and "and" conjuncts), not
    inside a clause or prepositional phrase attached to it."""
    tokens = {subject.i} | {c.i for c in subject.conjuncts}
    tokens |= {
        c.i
        for t in list(tokens)
        for c in r.doc[t].children
        if c.dep_ in ("compound", "amod", "poss", "nmod", "det")
    }
    chars = [(r.doc[i].idx, r.doc[i].idx + len(r.doc[i])) for i in tokens]
    return index.overlapping(chars)


def _fitting(r: Reading, mentions: list[ActorMention], plural: bool) -> list[ActorMention]:
    """The mentions a pronoun can stand for: "it" one non-person, "they" a plural group or
    several actors."""
    if not mentions:
        return []
    if plural:
        if len({m.span.start for m in mentions}) > 1 or len(mentions) > 1:
            return mentions
        only = mentions[0]
        return [only] if _plural(r, only) else []
    if len(mentions) == 1 and mentions[0].kind != "person" and not _plural(r, mentions[0]):
        return mentions
    return []


def _plural(r: Reading, mention: ActorMention) -> bool:
    last = r.doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
    if last is None:
        return False
    return last[-1].tag_ in PLURAL_TAGS or (
        mention.kind == "group" and last[-1].lower_.endswith("s")
    )
