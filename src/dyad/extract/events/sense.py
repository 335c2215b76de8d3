"""Whether a trigger's arguments fit an event between political actors.

A trigger word has an everyday sense beside its political one: "profits declining",
"prices that charge", "Clinton would beat Trump 46 to 40 percent", "Meet the robots". These
checks read the trigger's arguments and mark, as cues of field "sense", what does not fit:
a subject that is a thing (a common noun that is no actor, no name and no event), a thing as
the partner of a meeting or of a verb whose object is the one it is done to ("recognize the
folly", "released some of the footage"), a number as argument (a score, a poll), an
imperative heading, an adjective spelt like the verb ("open borders"), a question that asks
whether something happened, a killing caused by a thing that is no weapon (an accident: "a
car crash killed three people", `accident`), a thing that threatens (a danger: "the crisis
threatens the government", `danger`), a plea in court told with a verb of asking ("pleaded
not guilty"), an opinion shared with a thing or a view ("agreed with the choice"), a refusal
to say words ("refused to comment", `happening`), votes cast or counted (an election:
"voters backed X", a candidate beating another, `happening`). The cues
travel with the event; the confidence model weighs them, and a thing as partner or a yes-no
question hides the event (`resolve.confidence`).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from spacy.tokens import Token

from dyad.doctext import token_span
from dyad.extract.events.accident import accident_cause, private_sentence
from dyad.extract.events.danger import danger_source
from dyad.extract.events.generic import generic_cue
from dyad.extract.events.happening import (
    adjective_word,
    electoral_contest,
    electorate,
    permitted_act,
    refused_words,
    shared_opinion,
    slogan,
)
from dyad.extract.events.mentions import covering
from dyad.lexicon import words
from dyad.model import ActorMention, Cue

_SUBJECTS = ("nsubj",)
# Types whose object, when a verb has one, is the partner: "meet limits" is no meeting.
_PARTNER_TYPES = ("CONSULT",)
_PARTNER_CODINGS = (("RETREAT", "release"),)  # "released the video" frees nobody
# Verbs whose object is the one the act is done to, whatever the type: "blamed the tumble in
# oil prices", "offer some relief" accuse and offer no one.
_PARTNER_VERBS = frozenset(words("events.sense", "partner_object_verbs"))
# Verbs whose object, in their political sense, is people: "released the prisoners", not
# "released iPhone SDK"; "killed two soldiers", not "killed the deal".
_PEOPLE_VERBS = frozenset(words("events.sense", "people_object_verbs"))
# Verbs of taking part: their object is a happening, not a place ("attend church").
_TAKING_PART = frozenset(words("events", "taking_part"))
_PEOPLE_ENTITIES = ("PERSON", "NORP", "GPE")
_PEOPLE_KINDS = ("person", "group", "country")
# Words of buying and selling: a deal, an offer or talks about them between firms is trade.
_COMMERCE = frozenset(words("events.sense", "commerce_words"))
_OTHER_CLAUSES = ("ccomp", "advcl", "relcl", "parataxis", "conj", "csubj")
# Consultation verbs whose object is what is talked about, not who with.
_TOPIC_VERBS = frozenset(words("events.sense", "topic_object_verbs"))
# Words that stand for part of a noun phrase after "of": "one of his proposals".
_PARTITIVES = frozenset(words("events.sense", "partitives"))
_OWNERS = ("poss", "compound", "amod")
_NUMBER_DEPS = ("dobj", "npadvmod", "pobj", "quantmod", "nummod")
_NUMBER_WORDS = words("events.sense", "number_words")
_PARTNER_PREPOSITIONS = ("with", "to", "between", "among", "amongst", "alongside")
_PLURAL_PRONOUNS = ("they", "we", "both", "all")
_STANCE_NOUN_TYPES = frozenset(words("events.sense", "stance_noun_types"))
_OWNED_BY = ("poss", "acl", "relcl", "appos")  # whose a stance noun is, or what it would do
_GIVEN_BY = ("by", "from", "of", "between", "among", "against", "with")


def sense_cues(
    head: Token,
    coding: tuple[str, str | None],
    actors: Sequence[ActorMention],
    trigger_heads: Collection[int],
    tokens: Collection[int] = (),
) -> tuple[Cue, ...]:
    """Cues of field "sense" for the trigger of `coding` (type, mode) whose head is `head`
    (and whose words are at `tokens`), and of field "generic"."""
    kind, mode = coding
    question = _question(head)
    events = {*trigger_heads, *tokens}
    lone = head.pos_ == "VERB" and kind in _PARTNER_TYPES and _lone_party(head, events)
    found: list[tuple[str, Token | None]] = [
        ("thing-subject", _thing_subject(head, actors, trigger_heads, tokens)),
        ("thing-object", _partner_thing(head, coding, actors, trigger_heads)),
        ("accident", accident_cause(head, kind, actors, trigger_heads, mode=mode)),
        ("danger", danger_source(head, kind, actors, trigger_heads)),
        ("private-parties", head if private_sentence(head, kind, actors) else None),
        ("admission", _admitted_into(head, kind, actors, trigger_heads)),
        ("opinion", shared_opinion(head, kind, actors, trigger_heads)),
        ("plea", _plea(head, kind)),
        ("refused-words", refused_words(head) if kind == "REJECT" else None),
        ("election", electoral_contest(head, kind, actors) or electorate(head, kind, actors)),
        ("slogan", head if slogan(head) is not None else None),
        ("permission", permitted_act(head, kind)),
        ("commerce", _trade(head, trigger_heads)),
        ("no-partner", head if lone else None),
        ("number-argument", _number_argument(head)),
        ("imperative", head if _imperative(head) else None),
        ("adjective", adjective_word(head, tokens)),
        ("question", head if question else None),
        ("yes-no-question", _asks_whether(head) if question else None),
    ]
    cues = [Cue("sense", token_span(t), rule) for rule, t in found if t is not None]
    generic = generic_cue(head, actors, tokens, kind)
    if generic is not None:
        cues.append(Cue("generic", token_span(generic), "many-happenings"))
    return tuple(cues)


def _thing_subject(
    head: Token,
    actors: Sequence[ActorMention],
    trigger_heads: Collection[int],
    tokens: Collection[int],
) -> Token | None:
    """A thing as the subject of a verb trigger ("prices charge"), or the noun a participle
    with no subject of its own modifies ("profits declining"; "sanctions imposed" is one
    trigger)."""
    if head.pos_ != "VERB":
        return None
    subjects = [c for c in head.children if c.dep_ in _SUBJECTS]
    if _noun_acts(head, subjects) and head.head.i not in tokens:
        subjects.append(head.head)
    return _thing(subjects, actors, trigger_heads)


def stance_noun(head: Token, event_type: str, pos: str | None) -> Cue | None:
    """A cue "stance-noun" on support or a threat that a noun trigger of the codebook (`pos`
    "NOUN") names with nothing below it telling whose it is or what it would do (no owner,
    no clause, no "by", "from" or "of" phrase: "Sylvania's threat to invade", "the threat
    from Elbonia" keep theirs): with no party found either, it is a topic, hidden
    (`resolve.confidence`)."""
    if pos != "NOUN" or head.pos_ != "NOUN" or event_type not in _STANCE_NOUN_TYPES:
        return None
    for child in head.children:
        if child.dep_ in _OWNED_BY or (child.dep_ == "prep" and child.lower_ in _GIVEN_BY):
            return None
    return Cue("sense", token_span(head), "stance-noun")


def _noun_acts(head: Token, subjects: Sequence[Token]) -> bool:
    """A participle modifying a noun, with no subject of its own: the noun is who acts
    ("profits declining", "fees charged by the bank"). A clause with its own subject ("the
    claim that he opposed the war") or an infinitive ("its resolve not to endorse", "a plan
    to bail out the firms") says what the noun is about, and the noun does not act."""
    if head.dep_ != "acl" or subjects:
        return False
    return not any(c.dep_ == "aux" and c.lower_ == "to" for c in head.children)


def _partner_thing(
    head: Token,
    coding: tuple[str, str | None],
    actors: Sequence[ActorMention],
    trigger_heads: Collection[int],
) -> Token | None:
    """The object standing where the trigger's partner should be when it is a thing: a
    common noun naming no actor ("meet the limits"), or, for a verb done to people, anything
    that names no people ("released iPhone SDK", "the deal had been killed")."""
    if head.pos_ == "VERB" and head.lemma_.lower() in _TAKING_PART:
        institution = next((t for t in _objects(head) if _bare(t, trigger_heads)), None)
        if institution is not None:  # "attend church", "attend school": no meeting
            return institution
    if head.pos_ == "VERB" and head.lemma_.lower() in _PEOPLE_VERBS:
        return next((t for t in _objects(head) if _no_people(t, actors, trigger_heads)), None)
    if _partner_is_object(head, coding):
        return _thing(_objects(head), actors, trigger_heads)
    return None


def _bare(token: Token, trigger_heads: Collection[int]) -> bool:
    """A singular common noun with no determiner, owner or number and no event of its own:
    an institution named by what happens there ("attend church", "attend school")."""
    if token.pos_ != "NOUN" or token.tag_ != "NN" or token.i in trigger_heads:
        return False
    return not any(c.dep_ in ("det", "poss", "nummod") for c in token.children)


def _no_people(
    token: Token, actors: Sequence[ActorMention], trigger_heads: Collection[int]
) -> bool:
    """An object that names no people: a happening ("the deal"), a common noun naming no
    actor ("the footage"), or a name that is no person's, people's or country's ("iPhone
    SDK"). A common noun owned by a name may be a person ("the Green Party nominee")."""
    if token.i in trigger_heads:
        return True
    if token.pos_ == "NOUN" and not token.ent_type_:
        return _thing([token], actors, trigger_heads) is not None
    return not _names_people(token, actors)


def _names_people(token: Token, actors: Sequence[ActorMention]) -> bool:
    """A pronoun, a people's or a person's name, or an actor that is a person, a group or a
    country."""
    if token.pos_ == "PRON" or token.ent_type_ in _PEOPLE_ENTITIES:
        return True
    return any(a.kind in _PEOPLE_KINDS for a in covering(token, actors))


def _partner_is_object(head: Token, coding: tuple[str, str | None]) -> bool:
    """The trigger is a verb whose object (or passive subject) is its partner: a meeting's,
    or one of the verbs whose object the act is done to, when nothing else is named as the
    one it is given or said to ("offered the rebels weapons", "offered aid to Ukraine")."""
    if head.pos_ != "VERB":
        return False
    if coding[0] in _PARTNER_TYPES or coding in _PARTNER_CODINGS:
        return True
    if head.lemma_.lower() not in _PARTNER_VERBS:
        return False
    return not any(
        c.dep_ == "dative" or (c.dep_ == "prep" and c.lower_ in _PARTNER_PREPOSITIONS)
        for c in head.children
    )


def _trade(head: Token, trigger_heads: Collection[int]) -> Token | None:
    """A sum of money or a word of buying and selling among the trigger's own words (not in
    a clause of its own): "agreed to lease 100 tankers", "negotiates purchase of 22 aircraft",
    "offers US$78 million for a plant"; a sum given for another event ("$78 million in
    aid") is that event's. Whether it makes the event trade rather than politics depends on
    who takes part (`resolve.confidence`)."""
    own = _own_words(head)
    if any(t.i in trigger_heads and t.i != head.i for t in own):
        return None
    for token in own:
        if token.ent_type_ == "MONEY" or token.lemma_.lower() in _COMMERCE:
            return token
    return None


def _own_words(head: Token) -> list[Token]:
    out, level = [], [head]
    while level:
        out += level
        level = [c for t in level for c in t.children if c.dep_ not in _OTHER_CLAUSES]
    return out


def _admitted_into(
    head: Token, event_type: str, actors: Sequence[ActorMention], trigger_heads: Collection[int]
) -> Token | None:
    """ "was welcomed into the prestigious club": support whose end is a place among things,
    entering a thing that is no actor, is an admission, not an endorsement; "welcomed into
    the European Union" names an actor and stays."""
    if event_type != "SUPPORT" or head.pos_ != "VERB":
        return None
    into = [g for c in head.children if c.dep_ == "prep" and c.lower_ == "into" for g in c.children]
    return _thing([g for g in into if g.dep_ == "pobj"], actors, trigger_heads)


def _plea(head: Token, event_type: str) -> Token | None:
    """ "pleaded not guilty to the charges", "pleads innocent": a verb of asking whose
    complement is an adjective states a plea in court, not a request to anyone; one spoken
    to or for someone ("pleaded with the minister", "pleaded for help") stays a request."""
    if event_type != "REQUEST" or head.pos_ != "VERB":
        return None
    for child in head.children:
        if child.dep_ == "dative" or (child.dep_ == "prep" and child.lower_ in ("with", "for")):
            return None
    return next((c for c in head.children if c.dep_ in ("acomp", "oprd") and c.pos_ == "ADJ"), None)


def _objects(head: Token) -> list[Token]:
    """The trigger's direct objects, else its passive subjects ("a clip that is never
    discussed": the clip), each read through a partitive ("some of the footage")."""
    found = [c for c in head.children if c.dep_ == "dobj"]
    if not found:
        found = [c for c in head.children if c.dep_ == "nsubjpass"]
        relative = head.dep_ == "relcl"
        found = [head.head if relative and c.tag_ in ("WP", "WDT") else c for c in found]
    return [_through_partitive(t) for t in found]


def _through_partitive(token: Token) -> Token:
    if token.lower_ not in _PARTITIVES and not token.like_num:
        return token
    of = [c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"]
    nouns = [g for p in of for g in p.children if g.dep_ == "pobj"]
    return nouns[0] if nouns else token


def _asks_whether(head: Token) -> Token | None:
    """ "Does the FSA have no choice but to agree?", "Do we throw them out?": the auxiliary
    of a question that asks whether something is so (it comes before its subject, and no
    question word before it), which tells of no happening. A question word ("Why do you
    refuse to meet them?") takes the happening as given."""
    for verb in (head, *head.ancestors):
        auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "expl")]
        if not auxiliaries or not subjects:
            continue
        first = auxiliaries[0]
        if first.i > subjects[0].i:
            return None
        asked = [t for t in head.sent if t.i < first.i and t.tag_ in ("WDT", "WP", "WP$", "WRB")]
        return None if asked else first
    return None


def _lone_party(head: Token, events: Collection[int]) -> bool:
    """ "the board meets June 16", "he was invited to attend", "talking proudly of his
    daughters", "Trump discussed one of his proposals": a consultation verb with no partner
    (no object but a topic, no agent, nothing met with, spoken to or between, no meeting
    taken part in) and one party at most as its subject ("Obama and Putin met", "the leaders
    met", "called on both sides to meet" are two)."""
    topic = head.lemma_.lower() in _TOPIC_VERBS  # "discussed his proposals": no one met
    for child in head.children:
        if child.dep_ in ("dative", "agent") or (child.dep_ == "dobj" and not topic):
            return False
        if child.dep_ == "prep" and child.lower_ in _PARTNER_PREPOSITIONS:
            return False
        if topic and child.dep_ == "dobj" and _partner_phrase(child):
            return False  # "discussed the border with Chicolini", the "with" read on the topic
        if child.dep_ == "prep" and any(g.i in events for g in child.children):
            return False  # "participate in the talks", "meet for talks"
    return not any(_several(s) for s in _subjects(head))


def _partner_phrase(token: Token) -> bool:
    return any(c.dep_ == "prep" and c.lower_ in _PARTNER_PREPOSITIONS for c in token.children)


def _subjects(head: Token) -> list[Token]:
    """The trigger's subjects; for a verb with none, its controller (the object of "called
    on both sides to meet", else the governing verb's subject); a relative pronoun stands
    for the noun it modifies."""
    subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects and head.dep_ in ("xcomp", "advcl", "conj"):
        above = list(head.head.children)
        objects = [c for c in above if c.dep_ == "dobj"]
        objects += [g for c in above if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
        subjects = objects if head.dep_ == "xcomp" else []
        subjects = subjects or [c for c in above if c.dep_ in ("nsubj", "nsubjpass")]
    return [head.head if s.tag_ in ("WP", "WDT") and head.dep_ == "relcl" else s for s in subjects]


def _several(token: Token) -> bool:
    """A subject naming more than one party: plural, coordinated, or a plural pronoun."""
    if token.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in token.children):
        return True
    return token.lower_ in _PLURAL_PRONOUNS


def _question(head: Token) -> bool:
    """The trigger's sentence asks rather than tells: "Why do you refuse to meet them?"."""
    last = [t for t in head.sent if not t.is_space and t.text not in ('"', "”", "'", "’")]
    return bool(last) and last[-1].text == "?"


def _thing(
    tokens: Sequence[Token], actors: Sequence[ActorMention], trigger_heads: Collection[int]
) -> Token | None:
    """The first of `tokens` that is a common noun naming no actor, no entity, no event."""
    for token in tokens:
        if token.pos_ != "NOUN":
            continue
        if token.i in trigger_heads:
            return None
        owners = [c for c in token.children if c.dep_ in _OWNERS]  # "Freedonia's president"
        if any(t.ent_type_ or covering(t, actors) for t in (token, *owners)):
            return None
        return token
    return None


def _number_argument(head: Token) -> Token | None:
    """A number or a percentage among the trigger's arguments: "beat Trump 46 to 40"."""
    near = list(head.children)
    near += [g for c in near if c.dep_ == "prep" for g in c.children]
    for token in near:
        if token.dep_ not in _NUMBER_DEPS:
            continue
        if token.like_num or token.lemma_.lower() in _NUMBER_WORDS:
            return token
    return None


def _imperative(head: Token) -> bool:
    """A bare verb opening its sentence with no subject: a heading, not a report."""
    if head.pos_ != "VERB" or head.tag_ != "VB" or head.dep_ != "ROOT":
        return False
    first = next((t for t in head.sent if not t.is_punct and not t.is_space), None)
    return (
        first is not None
        and first.i == head.i
        and not any(c.dep_ in ("nsubj", "nsubjpass", "aux") for c in head.children)
    )
