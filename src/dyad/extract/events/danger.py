"""Whether a threat is a danger: "threaten" said of a thing tells that something is at risk,
not that someone made a threat.

"Rufus Firefly's xenophobia threatens national security", "a debate that threatened to make
or break their campaigns", "threatened species": the one who threatens is a thing or an
abstraction (a common noun that names no actor, no entity and no people by what they do),
or no one at all (a participle on the noun at risk, with no agent). Whose the thing is does
not make it someone ("Firefly's xenophobia" is still a thing). "The rebels threatened the
capital", "the pirates who threatened a vessel", "villages threatened by the rebels" and
"Firefly threatened to impose sanctions" name someone and stay threats; "the threatened
sanctions" is a threat of an event, and stays too. A danger is kept as a cue of field
"sense" (rule "danger"), and the event is hidden (`resolve.confidence`).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from spacy.tokens import Token

from dyad.extract.events.mentions import covering
from dyad.lexicon import words
from dyad.model import ActorMention

__all__ = ["danger_source"]

# Endings of nouns that name people by what they do ("rioters", "gunmen"): someone, not a thing.
_DOER_ENDINGS = tuple(words("events.sense", "doer_endings"))
_RELATIVES = ("WDT", "WP")  # "that", "which", "who": the noun the clause hangs from
_ON_A_NOUN = ("amod", "acl")  # "threatened species", "species threatened by drought"


def danger_source(
    head: Token, event_type: str, actors: Sequence[ActorMention], trigger_heads: Collection[int]
) -> Token | None:
    """The thing that threatens at the THREATEN verb `head` (or the noun at risk, when a
    participle on it names no one who threatens), or None when someone threatens."""
    if event_type != "THREATEN" or head.pos_ != "VERB":
        return None
    subjects = [c for c in head.children if c.dep_ == "nsubj"]
    if head.dep_ == "relcl":
        subjects = [head.head if s.tag_ in _RELATIVES else s for s in subjects]
    if not subjects and head.dep_ in _ON_A_NOUN and head.tag_ == "VBN":
        agents = [g for c in head.children if c.dep_ == "agent" for g in c.children]
        if not agents:
            return None if head.head.i in trigger_heads else head.head  # "threatened sanctions"
        subjects = [g for g in agents if g.dep_ == "pobj"]
    if not subjects or any(not _thing(s, actors) for s in _with_conjuncts(subjects)):
        return None
    return subjects[0]


def _with_conjuncts(tokens: Sequence[Token]) -> list[Token]:
    return [c for t in tokens for c in (t, *t.conjuncts)]


def _thing(token: Token, actors: Sequence[ActorMention]) -> bool:
    """A common noun that names no actor, is no entity and names no people by what they do;
    an event noun is a thing too ("the crisis threatens")."""
    if token.pos_ != "NOUN" or token.ent_type_ or token.lower_.endswith(_DOER_ENDINGS):
        return False
    return not covering(token, actors)
