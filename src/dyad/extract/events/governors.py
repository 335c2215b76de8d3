"""The verb that governs a noun trigger, and whom the phrases of a verb or noun name: the
light verb a noun is the object of ("made threats", "carried out a series of airstrikes"),
whether that verb only sets the scene or characterises the event, who a verb of asking,
receiving or holding to account points at, and a passive verb's agents. Leaf helpers of
`control` and `roles`: nothing here climbs to a controller."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from dyad.extract.events.chain import SCENE_PREPS
from dyad.lexicon import words

SUBJECTS = ("nsubj", "csubj")
PASSIVE_SUBJECTS = ("nsubjpass", "csubjpass")
OBJECTS = ("dobj", "dative", "iobj")
# Nouns through which a verb governs the event noun of their "of" phrase.
AMOUNT_NOUNS = words("events.roles", "amount_nouns")
# Verbs whose subject undergoes the event noun they take as object ("X drew criticism").
RECEIVING_VERBS = words("events.roles", "receiving_verbs")
# Verbs whose subject asks for the event noun they take as object ("X sought an inquiry").
SEEKING_VERBS = words("events.roles", "seeking_verbs")
# Prepositions that aim an act at someone: a phrase's own ("threw support behind X") or its
# noun's light verb's ("gave support to X").
LIGHT_VERB_PREPS = ("to", "behind", "against", "toward", "towards")
_PREP_DEPS = ("prep", "dative")
# Prepositions through which a verb only sets the scene of a noun trigger: "X spoke after the
# attack" is no attack by X: a clause's scene prepositions but "in", and "over", "about",
# "behind", "without".
_SCENE = (*(p for p in SCENE_PREPS if p != "in"), "over", "about", "behind", "without")


def governing_verb(noun: Token) -> Token | None:
    """The verb a noun is the object of, directly or through a preposition ("rejected the
    demand", "agreed on the plan"); None if it is not one."""
    verb = noun.head
    if noun.dep_ == "pobj" and verb.dep_ == "prep":
        verb = verb.head
    if verb.pos_ == "NOUN" and noun.head.lower_ == "of" and is_amount(verb):
        return governing_verb(verb)  # "carried out a series of airstrikes"
    if noun.dep_ in ("dobj", "pobj", "attr") and verb.pos_ in ("VERB", "AUX"):
        return verb
    return None


def is_amount(noun: Token) -> bool:
    """A noun that counts or groups what follows its "of": "a series of", "a wave of"."""
    return noun.lemma_.lower() in AMOUNT_NOUNS and noun.dep_ in ("dobj", "pobj", "attr")


def scene(noun: Token) -> bool:
    """The noun hangs on its verb through a preposition of time or setting."""
    node = noun
    while node.dep_ == "pobj" and node.head.dep_ == "prep":
        if node.head.lower_ in _SCENE:
            return True
        node = node.head.head
        if node.pos_ != "NOUN" or node.lower_ not in AMOUNT_NOUNS:
            return False
    return False


def characterises(verb: Token, noun: Token) -> bool:
    """ "called the attack an act of terror", "described the protest as peaceful": the verb
    gives its object a predicate, so its subject judges the event rather than does it."""
    if noun.dep_ != "dobj":
        return False
    if any(c.dep_ == "prep" and c.lower_ == "as" for c in noun.children):
        return True  # "as" attached to the object
    return any(
        c.dep_ in ("oprd", "ccomp") or (c.dep_ == "prep" and c.lower_ == "as")
        for c in verb.children
    )


def sought(noun: Token) -> bool:
    """The noun is what its verb's subject asks for or awaits ("X sought an investigation",
    "X demanded an apology"): someone else is to do it."""
    verb = governing_verb(noun)
    return verb is not None and noun.dep_ == "dobj" and verb.lemma_.lower() in SEEKING_VERBS


def cause_objects(noun: Token) -> list[Token]:
    """Whom a verb holds to account for an event noun in its "for" phrase: "punished Y for
    the attacks", "retaliate against Y for interference" (its objects, else the objects of
    its "at", "on" or "against" phrases); they did it, not the verb's subject."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ != "for":
        return []
    verb = prep.head
    if verb.pos_ != "VERB":
        return []
    objects = [c for c in verb.children if c.dep_ in OBJECTS and c.i < prep.i]
    return objects or prep_objects(verb, ("at", "on", "against"))


def receivers(noun: Token) -> list[Token]:
    """Who undergoes an event noun: the subject of a verb of receiving it is the object of
    ("X drew criticism", "X received the endorsement of Y"), or of any verb it follows
    "under" ("X came under attack")."""
    verb = governing_verb(noun)
    if verb is None:
        return []
    under = noun.dep_ == "pobj" and noun.head.lower_ == "under"
    if not under and (noun.dep_ != "dobj" or verb.lemma_.lower() not in RECEIVING_VERBS):
        return []
    return [c for c in verb.children if c.dep_ in SUBJECTS]


def own_objects(word: Token) -> list[Token]:
    """The objects of a phrase's own preposition when it aims the act at someone: "threw his
    support behind X" (not "for": "call for X", "press for X" name what is asked for)."""
    if word.dep_ not in _PREP_DEPS or word.lower_ not in LIGHT_VERB_PREPS:
        return []
    return [g for g in word.children if g.dep_ == "pobj"]


def aimed_through_verb(noun: Token) -> list[Token]:
    """Whom a noun's act is aimed at when the light verb it is the object of carries the
    phrase: "gave his support to X", "brought charges against X", "threw support behind X"."""
    verb = noun.head
    if noun.dep_ != "dobj" or verb.pos_ != "VERB":
        return []
    preps = [c for c in verb.children if c.dep_ in _PREP_DEPS and c.i > noun.i]
    return [g for c in preps for g in own_objects(c)]


def passive_agents(verb: Token) -> list[Token]:
    """The objects of a passive verb's "by" phrase ("was hit by France")."""
    return [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]


def prep_objects(token: Token, preps: Iterable[str]) -> list[Token]:
    """The objects of the token's phrases headed by one of `preps` ("by" also as a passive's
    agent phrase)."""
    wanted = set(preps)
    return [
        g
        for c in token.children
        if c.dep_ in ("prep", "agent") and c.lower_ in wanted
        for g in c.children
        if g.dep_ == "pobj"
    ]
