"""A noun trigger's own phrases: who owns, does or undergoes it ("X's arrest", "the
shooting of X", "a request from X", "an anti-X protest"), who travels for it ("X flew to Y
for talks") and who made "this claim". Part of `roles`."""

from __future__ import annotations

from spacy.tokens import Token

from dyad.extract.events.control import controllers
from dyad.extract.events.governors import SUBJECTS, passive_agents, prep_objects
from dyad.lexicon import words

RECIPIENT_PREPS = ("with", "against", "to", "on", "upon", "toward", "towards", "at", "from")
NOUN_ACTOR_PREPS = ("by", "between", "among")
NOUN_ACTOR_DEPS = ("poss", "compound", "amod", "nmod")
# "Kyiv rejected this claim": the claim noun points back to the claim verb and its subject.
CLAIM_NOUNS = words("events.roles", "claim_nouns")
CLAIM_VERBS = words("events.roles", "claim_verbs")
# Movement verbs whose "for" phrase names the event the mover takes part in.
TRAVEL_VERBS = words("events.roles", "travel_verbs")
# Types whose noun's "of" phrase is who it is done to ("the shooting of X", "criticism of Y").
UNDERGOER_TYPES = frozenset(words("events.roles", "undergoer_types"))
# Event nouns whose possessor suffers them ("Kennedy's assassination", "X's arrest").
UNDERGOER_NOUNS = frozenset(words("events.roles", "undergoer_nouns"))
# Types whose noun's "from" phrase is a place or side left ("withdrawal from X"), not a source.
MOVEMENT_TYPES = frozenset(words("events.roles", "movement_types"))
_HYPHENS = ("-", "–")
_STANCE_PREFIXES = ("anti", "pro")


def noun_roles(
    noun: Token, event_type: str | None
) -> tuple[list[tuple[str, list[Token]]], list[Token]]:
    """A noun trigger's actor slots (all of them count) and its recipient tokens."""
    children = list(noun.children)
    owners = [c for c in children if c.dep_ == "poss"]
    recipients: list[Token] = []
    if noun.lemma_.lower() in UNDERGOER_NOUNS and not prep_objects(noun, ("of",)):
        recipients, owners = owners, []  # "X's arrest" (but "X's arrest of Y" is X's act)
    by = prep_objects(noun, ("by",)) + [
        a for c in children if c.dep_ == "acl" and c.tag_ == "VBN" for a in passive_agents(c)
    ]
    recipient_preps: tuple[str, ...] = RECIPIENT_PREPS
    sources: list[Token] = []
    if event_type not in MOVEMENT_TYPES:  # "a request from X": X asks
        sources = prep_objects(noun, ("from",))
        recipient_preps = tuple(p for p in RECIPIENT_PREPS if p != "from")
    recipients += prep_objects(noun, (*recipient_preps, "into"))  # "an inquiry into X"
    of = prep_objects(noun, ("of",))
    if of and (owners or by or event_type in UNDERGOER_TYPES or _in_support_of(noun)):
        recipients += of  # "the shooting of X", "X's endorsement of Y", "in support of Y"
        of = []
    modifiers = [c for c in children if c.dep_ in NOUN_ACTOR_DEPS and c.dep_ != "poss"]
    stances = [m for m in modifiers if _stance(m)]
    recipients += stances  # "an anti-Trump protest", "a pro-Kurdish rally"
    slots = [
        ("possessor", owners),
        ("by", by),
        ("modifier", [m for m in modifiers if m not in stances]),
        ("of", of + prep_objects(noun, NOUN_ACTOR_PREPS[1:])),
        ("from", sources),
    ]
    return slots, recipients


def _stance(token: Token) -> bool:
    """The X of "anti-X" or "pro-X": whom the event is for or against, not who holds it."""
    doc, i = token.doc, token.i
    return i >= 2 and doc[i - 1].text in _HYPHENS and doc[i - 2].lower_ in _STANCE_PREFIXES


def _in_support_of(noun: Token) -> bool:
    """ "in support of X", "in favour of X": a fixed phrase whose "of" names who is helped."""
    return noun.dep_ == "pobj" and noun.head.lower_ == "in" and not noun.n_lefts


def traveller(noun: Token) -> list[Token]:
    """Who goes somewhere for the event noun ("X flew to Y for talks"): the subject of the
    movement verb its "for" phrase hangs on."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "for" or prep.dep_ != "prep":
        return []
    verb = prep.head
    if verb.dep_ == "pobj" and verb.head.dep_ == "prep":  # "for" misattached to the place
        verb = verb.head.head
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in TRAVEL_VERBS:
        return []
    subjects = [c for c in verb.children if c.dep_ in SUBJECTS]
    if subjects:
        return subjects
    groups = controllers(verb)
    return groups[0] if groups else []


def claimants(noun: Token) -> list[Token]:
    """Who made "this claim": the subject of the last claim verb before it, in the same or
    the previous sentence ("... which Putin later claimed. Kyiv rejected this claim.")."""
    if noun.lemma_.lower() not in CLAIM_NOUNS:
        return []
    if not any(
        c.dep_ == "det" and c.lower_ in ("this", "that", "these", "those", "the")
        for c in noun.children
    ):
        return []
    start = noun.sent.start
    previous = noun.doc[start - 1].sent.start if start > 0 else start
    for token in reversed(noun.doc[previous : noun.i]):
        if token.pos_ == "VERB" and token.lemma_.lower() in CLAIM_VERBS:
            subjects = [c for c in token.children if c.dep_ in SUBJECTS]
            if subjects:
                return subjects
    return []
