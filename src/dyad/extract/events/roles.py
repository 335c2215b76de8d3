"""Actor and recipient of an event, read from the dependency parse.

Actor: the subject, the passive agent ("by X"), a noun trigger's possessor or nationality
("the EU's ultimatum", "US sanctions"); for an infinitive with no subject of its own, the
controller ("X urged Y to impose": Y imposes; "X refused to meet": X meets).
Recipient: the object, the dative, and "with", "against", "to", "on", "toward" phrases.
Tokens become actor mentions by character overlap with the actors stage's mentions.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spacy.tokens import Token

from dyad.lexicon import words
from dyad.model import ActorMention, Cue, Span

SUBJECTS = ("nsubj", "csubj")
PASSIVE_SUBJECTS = ("nsubjpass", "csubjpass")
OBJECTS = ("dobj", "dative", "iobj")
RECIPIENT_PREPS = ("with", "against", "to", "on", "upon", "toward", "towards", "at", "from")
NOUN_ACTOR_PREPS = ("by", "of", "between", "among")
NOUN_ACTOR_DEPS = ("poss", "compound", "amod", "nmod")
_NP_PREPS = ("of", "in", "from")  # "the government in Kyiv", "officials from Russia"
# "Kyiv rejected this claim": the claim noun points back to the claim verb and its subject.
CLAIM_NOUNS = words("events.roles", "claim_nouns")
CLAIM_VERBS = words("events.roles", "claim_verbs")
# Governors whose object is the one asked or made to act ("urged Trump to ...").
OBJECT_CONTROL = words("events.roles", "object_control")

# Movement verbs whose "for" phrase names the event the mover takes part in.
TRAVEL_VERBS = words("events.roles", "travel_verbs")


# Nouns through which a verb governs the event noun of their "of" phrase.
AMOUNT_NOUNS = words("events.roles", "amount_nouns")
_RELATIVES = ("WP", "WDT")  # "who", "which", "that" opening a relative clause


@dataclass(frozen=True, slots=True)
class Roles:
    """Who did it to whom, and the words that decided it."""

    actors: tuple[ActorMention, ...]
    recipients: tuple[ActorMention, ...]
    cues: tuple[Cue, ...]


def find_roles(
    head: Token,
    tokens: Sequence[Token],
    mentions: Sequence[ActorMention],
    absorbed: Sequence[Token] = (),
    *,
    content: bool = False,
) -> Roles:
    """Actors and recipients of the event whose trigger head is `head`; `absorbed` are
    triggers restating it ("the ultimatum demanding that Russia ...") whose roles it takes.
    Mentions inside the trigger itself ("sent a delegation") are never roles. `content`: a
    noun trigger is what another event or speech verb is about ("X rejected the demand"),
    so that verb's subject is not its actor."""
    inside = [(t.idx, t.idx + len(t.text)) for t in (*tokens, head)]
    mentions = [
        m for m in mentions if not any(m.span.start < e and s < m.span.end for s, e in inside)
    ]
    actors, recipient_tokens = _roles_of(head, mentions, content=content)
    for token in tokens:
        if token.i != head.i:
            recipient_tokens += _prep_objects(token, RECIPIENT_PREPS)
    for token in absorbed:
        more_actors, more_recipients = _roles_of(token, mentions)
        actors = actors or more_actors
        recipient_tokens += more_recipients
    recipients = tuple(m for m in _resolve(recipient_tokens, mentions) if m not in actors)
    if not recipients:
        claimants = [c for t in recipient_tokens for c in _claimants(t)]
        recipients = tuple(m for m in _resolve(claimants, mentions) if m not in actors)
    cues = tuple(_cue("actor", m.span, "subject") for m in actors) + tuple(
        _cue("recipient", m.span, "object") for m in recipients
    )
    return Roles(actors, recipients, cues)


def _roles_of(
    head: Token, mentions: Sequence[ActorMention], *, content: bool = False
) -> tuple[tuple[ActorMention, ...], list[Token]]:
    if head.pos_ == "NOUN":
        actor_tokens, recipient_tokens = _noun_roles(head)
        travellers = _resolve(_traveller(head), mentions)
        if travellers:  # "Trump is going to Turkey for Ukraine-Russia talks"
            return travellers, actor_tokens + recipient_tokens
        actors = _resolve(actor_tokens, mentions)
        if not actors and not content:
            actors = _resolve(_light_verb_subject(head), mentions)
    else:
        actor_tokens, recipient_tokens = _verb_roles(head)
        actors = _resolve(actor_tokens, mentions) or _resolve(_speaker(head), mentions)
    return actors, recipient_tokens


def _speaker(verb: Token) -> list[Token]:
    """ "Freedonia said it will ...": a pronoun subject of a reported clause is the speaker."""
    subjects = [c for c in verb.children if c.dep_ in SUBJECTS]
    if verb.dep_ != "ccomp" or not subjects or any(s.pos_ != "PRON" for s in subjects):
        return []
    return [c for c in verb.head.children if c.dep_ in SUBJECTS]


def _claimants(noun: Token) -> list[Token]:
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


def _cue(field: str, span: Span, rule: str) -> Cue:
    return Cue(field, span, rule)


def _verb_roles(verb: Token) -> tuple[list[Token], list[Token]]:
    children = list(verb.children)
    actors = [c for c in children if c.dep_ in SUBJECTS]
    if verb.dep_ == "relcl" and any(a.tag_ in _RELATIVES for a in actors):
        actors = [verb.head]  # "Obama, who met Putin": the noun the clause is about
    recipients = [c for c in children if c.dep_ in OBJECTS + PASSIVE_SUBJECTS]
    actors += [g for c in children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    recipients += _prep_objects(verb, RECIPIENT_PREPS)
    recipients += [s for c in children if c.dep_ == "ccomp" for s in c.children if _is_subj(s)]
    if not actors:
        actors = controller(verb)
    return actors, recipients


def _is_subj(token: Token) -> bool:
    return token.dep_ in SUBJECTS + PASSIVE_SUBJECTS


def controller(verb: Token) -> list[Token]:
    """The understood subject of a verb with none of its own."""
    governor = verb.head
    if verb.dep_ in ("xcomp", "advcl") and governor.i != verb.i:
        if governor.lemma_.lower() in OBJECT_CONTROL:
            asked = [c for c in governor.children if c.dep_ in OBJECTS]
            asked += _prep_objects(governor, ("on", "upon"))
            if asked:
                return asked
        subjects = [c for c in governor.children if _is_subj(c)]
        return subjects or ([] if verb.dep_ == "advcl" else controller(governor))
    if verb.dep_ == "acomp" and governor.i != verb.i:  # "X is unlikely to attend"
        return [c for c in governor.children if _is_subj(c)] or controller(governor)
    if verb.dep_ == "conj" and governor.i != verb.i:
        subjects = [c for c in governor.children if _is_subj(c)]
        return subjects or controller(governor)
    if verb.dep_ in ("acl", "relcl") and governor.i != verb.i:
        owners = [c for c in governor.children if c.dep_ == "poss" and c.pos_ != "PRON"]
        return owners or ([governor] if verb.dep_ == "relcl" else _light_verb_subject(governor))
    return []


def _noun_roles(noun: Token) -> tuple[list[Token], list[Token]]:
    children = list(noun.children)
    actors = [c for c in children if c.dep_ in NOUN_ACTOR_DEPS]
    actors += _prep_objects(noun, NOUN_ACTOR_PREPS)
    return actors, _prep_objects(noun, RECIPIENT_PREPS)


def _traveller(noun: Token) -> list[Token]:
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
    return [c for c in verb.children if c.dep_ in SUBJECTS] or controller(verb)


def _light_verb_subject(noun: Token) -> list[Token]:
    """The subject of the verb a noun trigger is the object of ("Trump made threats")."""
    verb = governing_verb(noun)
    if verb is None:
        return []
    subjects = [c for c in verb.children if c.dep_ in SUBJECTS]
    return subjects or controller(verb)


def governing_verb(noun: Token) -> Token | None:
    """The verb a noun is the object of, directly or through a preposition ("rejected the
    demand", "agreed on the plan"); None if it is not one."""
    verb = noun.head
    if noun.dep_ == "pobj" and verb.dep_ == "prep":
        verb = verb.head
    if verb.pos_ == "NOUN" and noun.head.lower_ == "of" and _is_amount(verb):
        return governing_verb(verb)  # "carried out a series of airstrikes"
    if noun.dep_ in ("dobj", "pobj", "attr") and verb.pos_ in ("VERB", "AUX"):
        return verb
    return None


def _is_amount(noun: Token) -> bool:
    """A noun that counts or groups what follows its "of": "a series of", "a wave of"."""
    return noun.lemma_.lower() in AMOUNT_NOUNS and noun.dep_ in ("dobj", "pobj", "attr")


def _prep_objects(token: Token, preps: Iterable[str]) -> list[Token]:
    wanted = set(preps)
    return [
        g
        for c in token.children
        if c.dep_ in ("prep", "agent") and c.lower_ in wanted
        for g in c.children
        if g.dep_ == "pobj"
    ]


def resolve_tokens(
    tokens: Sequence[Token], mentions: Sequence[ActorMention]
) -> tuple[ActorMention, ...]:
    """The actor mentions that `tokens` (and their conjuncts) stand for."""
    return _resolve(tokens, mentions)


def _resolve(tokens: Sequence[Token], mentions: Sequence[ActorMention]) -> tuple[ActorMention, ...]:
    found: list[ActorMention] = []
    for token in _with_conjuncts(tokens):
        for mention in _mentions_of(token, mentions):
            if mention not in found:
                found.append(mention)
    return tuple(found)


def _with_conjuncts(tokens: Sequence[Token]) -> list[Token]:
    out: list[Token] = []
    for token in tokens:
        out.append(token)
        out.extend(c for c in token.conjuncts if c.i > token.i)
    return out


def _mentions_of(token: Token, mentions: Sequence[ActorMention]) -> list[ActorMention]:
    """Mentions covering the token itself, else those inside its noun phrase."""
    start, end = token.idx, token.idx + len(token.text)
    own = [m for m in mentions if m.span.start < end and start < m.span.end]
    if own:
        return own
    named = [  # "his Tajik counterpart Rustam Safarov": the person the noun names
        m for c in token.children if c.dep_ == "appos" for m in mentions if _overlaps(m.span, c)
    ]
    if named:
        return named
    region = _phrase_tokens(token)
    return [m for m in mentions if any(_overlaps(m.span, t) for t in region)]


def _overlaps(span: Span, token: Token) -> bool:
    return span.start < token.idx + len(token.text) and token.idx < span.end


def _phrase_tokens(token: Token) -> list[Token]:
    """The noun phrase of `token` without clauses, keeping "of"/"in"/"from" phrases."""
    keep: list[Token] = []
    for child in token.children:
        if child.dep_ in ("relcl", "acl", "advcl", "punct", "cc", "conj", "appos"):
            continue
        if child.dep_ == "prep" and child.lower_ not in _NP_PREPS:
            continue
        keep.extend(child.subtree)
    return keep
