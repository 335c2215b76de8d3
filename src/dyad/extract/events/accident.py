"""Whether harm was caused by a thing rather than by someone: an accident, a fire, a disease.

"a car crash killed three people", "Zimbabwe's cholera outbreak has killed 292", "the plane
crashed, killing all 50", "Historic warehouse burns", "a fire destroyed the warehouse": the
cause of a killing (or of an act of force told without an object, or of a destruction) is a
common noun that is no weapon, names no actor, no entity and no event, and no people by what
they do. Whose thing it is does not make it an agent: a country's outbreak or a firm's
warehouse is still a thing; a person's is not read ("the president's guard"). Such a cause is
kept as a cue of field "sense" (rule "accident"), and the event is hidden
(`resolve.confidence`). So is violence whose sentence names no one of public standing and no
weapon of war, when its doers are private (`private_sentence`).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from spacy.tokens import Token

from dyad.extract.events.mentions import covering
from dyad.lexicon import words
from dyad.model import ActorMention
from dyad.overlap import near

__all__ = ["accident_cause", "private_sentence"]

# Things that harm in an attack: a killing they cause is no accident ("a bomb killed").
_WEAPONS = frozenset(words("events.sense", "weapons"))
# Endings of nouns that name people by what they do ("rioters", "gunmen", "extremists"):
# such a subject may be an attacker the actor dictionary does not know, never an accident.
_DOER_ENDINGS = tuple(words("events.sense", "doer_endings"))
# Weapons of war and terror, not of a private quarrel: a bomb or a missile makes it political.
_WAR_WEAPONS = frozenset(words("events.sense", "war_weapons"))
_PERSONS = ("PERSON", "NORP")
_PRIVATE = frozenset(words("events.sense", "private_sectors"))
_PERSONAL = ("his", "her", "their", "my", "our", "your")


def accident_cause(
    head: Token,
    event_type: str,
    actors: Sequence[ActorMention],
    trigger_heads: Collection[int],
    *,
    mode: str | None = None,
) -> Token | None:
    """What caused the ASSAULT (or the COERCE with no object, or the destruction of mode
    `destroy`: "a fire destroyed the warehouse") at `head` when it is a thing
    that is no weapon and no attacker: the subject, the subject of the clause a participle
    with an object hangs from ("the plane crashed, killing all 50"), or of a "when" clause of
    a killing with no agent ("were killed when a bus collided", "when she was struck by a
    car"). The killing's own passive agent is left out: a person named by a common noun looks
    like a thing ("shot by an off-duty deputy")."""
    transitive = any(c.dep_ == "dobj" for c in head.children)
    if event_type != "ASSAULT" and (event_type != "COERCE" or (transitive and mode != "destroy")):
        return None
    causers = [c for c in head.children if c.dep_ == "nsubj"]
    if head.dep_ == "advcl" and head.tag_ == "VBG" and transitive:
        causers += [c for c in head.head.children if c.dep_ == "nsubj"]
    passive = any(c.dep_ == "nsubjpass" for c in head.children)
    if not causers and passive and not any(c.dep_ == "agent" for c in head.children):
        causers += _when_causes(head)
    causers = [
        c
        for c in causers
        if c.lemma_.lower() not in _WEAPONS
        and not c.lower_.endswith(_DOER_ENDINGS)
        and not any(n.like_num for n in c.children)
    ]  # a counted subject is a measure or a misparse ("20 mins later shooting began")
    if any(c.ent_type_ or covering(c, actors) for c in causers):
        return None  # "Pirates on a dhow and a smaller boat attacked": someone did it
    return next((c for c in causers if _cause_thing(c, actors, trigger_heads)), None)


def _when_causes(head: Token) -> list[Token]:
    """The doers of the clauses that tell how an agentless killing came about: an adverbial
    clause of the trigger, or a "when" clause anywhere below it ("Ten were killed and 50
    injured when an earthquake razed villages"); in a passive one, its agent ("was killed
    when she was struck by a car")."""
    clauses = [c for c in head.children if c.dep_ == "advcl"]
    clauses += [
        t
        for t in head.subtree
        if t.dep_ == "advcl" and t not in clauses and any(c.lower_ == "when" for c in t.children)
    ]
    found = [g for c in clauses for g in c.children if g.dep_ == "nsubj"]
    agents = [g for c in clauses for g in c.children if g.dep_ == "agent"]
    return found + [p for a in agents for p in a.children if p.dep_ == "pobj"]


def _cause_thing(
    token: Token, actors: Sequence[ActorMention], trigger_heads: Collection[int]
) -> bool:
    """A common noun that is no event, names no actor and no entity, and is no person's."""
    if token.pos_ != "NOUN" or token.i in trigger_heads or token.ent_type_:
        return False
    if covering(token, actors):
        return False
    owners = [c for c in token.children if c.dep_ == "poss"]
    return not any(o.ent_type_ in _PERSONS or o.lower_ in _PERSONAL for o in owners)


def private_sentence(head: Token, event_type: str, actors: Sequence[ActorMention]) -> bool:
    """An ASSAULT whose sentence names no actor of public standing: every actor mention in it
    is of no sector or of a private one (a firm, workers, civilians), none is a country, and
    no weapon of war is named ("Sacked worker shoots ex-colleagues", not "The officer who
    fired the shot killed the boy" nor "A fire-bomb attack on a bank"). Whether the event's
    own parties are private too is read on the event (`resolve.confidence`)."""
    if event_type != "ASSAULT":
        return False
    sentence = head.sent
    start, end = sentence.start_char, sentence.end_char
    inside = [
        a for a in near(actors, start - 1, end + 1) if start <= a.span.start and a.span.end <= end
    ]
    if any(a.kind == "country" or (a.sector and a.sector not in _PRIVATE) for a in inside):
        return False
    return not any(t.lemma_.lower() in _WAR_WEAPONS for t in sentence)
