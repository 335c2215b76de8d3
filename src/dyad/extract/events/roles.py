"""Actor and recipient of an event, read from the dependency parse.

Actor: the subject, the passive agent ("by X", also shared by a coordinated participle:
"was shot and killed by X"), a noun trigger's possessor, nationality, "by", "from" or
"held by" phrase ("the EU's ultimatum", "US sanctions", "a request from X", "the meetings
held by X"); for a noun in a verb's "for" phrase, whom the verb holds to account ("punished X
for the attacks"), who claims responsibility for it or is behind it ("X was behind the
attack"); for a verb with no subject of its own, its controller (`control`); for an
agentless passive, the authority reporting it ("X was arrested, police said", "according
to X") or the armed forces it moves ("troops were deployed").
Recipient: the object, the dative (a relative pronoun standing for the noun its clause hangs
on: "Y, who was shot by X"), the person or group a past participle hangs on ("a
policeman charged with murder"), the subject a conjoined passive shares ("X was arrested
and charged"), failing those whom an infinitive it governs is aimed at ("X pledged to
reinstate Y"), and "with", "against", "to", "on", "toward" phrases, the object of a phrase's
own preposition ("threw his support behind X") and, for a noun with none, of its light verb's
"to", "behind" or "against" phrase ("gave his support to X"); a noun's "of" phrase
when the noun is something done to someone ("the shooting of X") or already names its doer
("X's endorsement of Y"); the subject of a verb of receiving a noun ("X drew criticism",
"X came under attack"), which then has no light-verb actor.
Tokens become actor mentions by character overlap with the actors stage's mentions; each
role keeps a cue naming the rule that found it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Token

from dyad.doctext import doc_text, token_span
from dyad.extract.events.control import (
    RELATIVE_TAGS,
    Candidates,
    antecedent,
    controllers,
    is_subject,
    light_verb_subjects,
    misread_verb,
    moved,
    owners,
    reduced_passive,
    reporters,
    shared_patients,
)
from dyad.extract.events.governors import (
    OBJECTS,
    PASSIVE_SUBJECTS,
    SUBJECTS,
    aimed_through_verb,
    cause_objects,
    governing_verb,
    own_objects,
    passive_agents,
    prep_objects,
    receivers,
    sought,
)
from dyad.extract.events.mentions import resolve_tokens
from dyad.extract.events.noun_roles import (
    MOVEMENT_TYPES,
    RECIPIENT_PREPS,
    claimants,
    noun_roles,
    traveller,
)
from dyad.lexicon import words
from dyad.model import ActorMention, Cue
from dyad.overlap import apart

__all__ = ["Roles", "find_roles", "governing_verb", "roles_reach"]

# Reported agentless passives of these types are done by a reporting authority of these sectors.
AUTHORITY_TYPES = frozenset(words("events.roles", "authority_types"))
AUTHORITY_SECTORS = frozenset(words("events.roles", "authority_sectors"))
# Forces of these sectors moved by an agentless passive verb stand for who moved them.
ARMED_SECTORS = frozenset(words("events.roles", "armed_sectors"))
# Types whose noun has parties, not a doer and an undergoer ("X secured an agreement").
PARTY_TYPES = frozenset(words("events.roles", "party_types"))
_FIRST_PERSON = ("i", "we")
_BRACKETS = ("(", ")", "[", "]")


@dataclass(frozen=True, slots=True)
class Roles:
    """Who did it to whom, and the words that decided it."""

    actors: tuple[ActorMention, ...]
    recipients: tuple[ActorMention, ...]
    cues: tuple[Cue, ...]


@dataclass(frozen=True, slots=True)
class _Actors:
    """Actor mentions with the rule that found each, or the words that name an actor the
    actors stage did not resolve (a first-person subject: "we will meet them")."""

    found: tuple[tuple[ActorMention, str], ...] = ()
    unresolved: tuple[Token, ...] = ()

    @property
    def mentions(self) -> tuple[ActorMention, ...]:
        return tuple(m for m, _ in self.found)


def find_roles(
    head: Token,
    tokens: Sequence[Token],
    mentions: Sequence[ActorMention],
    absorbed: Sequence[Token] = (),
    *,
    content: bool = False,
    event_type: str | None = None,
) -> Roles:
    """Actors and recipients of the event whose trigger head is `head`; `absorbed` are
    triggers restating it ("the ultimatum demanding that Russia ...") whose roles it takes.
    Mentions inside the trigger itself ("sent a delegation") are never roles. `content`: a
    noun trigger is what another event or speech verb is about ("X rejected the demand"),
    so that verb's subject is not its actor. `event_type` decides a noun's "of" and "from"
    phrases."""
    inside = [(t.idx, t.idx + len(t.text)) for t in (*tokens, head)]
    mentions = [m for m in apart(mentions, inside) if not _dateline(m, head)]
    actors, recipient_tokens = _roles_of(head, mentions, content=content, event_type=event_type)
    for token in tokens:
        if token.i != head.i:
            recipient_tokens += prep_objects(token, RECIPIENT_PREPS) + own_objects(token)
    for token in absorbed:
        more_actors, more_recipients = _roles_of(token, mentions, event_type=event_type)
        actors = actors if actors.found else more_actors
        recipient_tokens += more_recipients
    chosen = actors.mentions
    recipients = tuple(m for m in resolve_tokens(recipient_tokens, mentions) if m not in chosen)
    if not recipients:
        claimed = [c for t in recipient_tokens for c in claimants(t)]
        recipients = tuple(m for m in resolve_tokens(claimed, mentions) if m not in chosen)
    cues = tuple(Cue("actor", m.span, rule) for m, rule in actors.found)
    cues += tuple(Cue("actor", token_span(t), "first-person") for t in actors.unresolved)
    cues += tuple(Cue("recipient", m.span, "object") for m in recipients)
    return Roles(chosen, recipients, cues)


def roles_reach(head: Token, tokens: Sequence[Token], absorbed: Sequence[Token]) -> tuple[int, int]:
    """The text `find_roles` can take actors from: the sentences of the trigger and of the
    triggers it absorbed, and the sentence before each (`noun_roles.claimants`); the roles are found
    along the parse, which stays inside a sentence. The doc must have sentences."""
    doc = head.doc
    sents = [t.sent for t in (head, *tokens, *absorbed)]
    first = min(s.start for s in sents)
    start = doc[first - 1].sent.start_char if first > 0 else 0
    return start, max(s.end_char for s in sents)


def _dateline(mention: ActorMention, head: Token) -> bool:
    """ "WASHINGTON (AP) -": the agency of a dateline, in brackets, acts in no event."""
    if mention.sector != "media":
        return False
    text = doc_text(head.doc)
    before = _next_visible(text, mention.span.start - 1, -1)
    after = _next_visible(text, mention.span.end, 1)
    return before in _BRACKETS and after in _BRACKETS


def _next_visible(text: str, i: int, step: int) -> str:
    """The first character from `i` on (going by `step`) that is not white space, or ""."""
    while 0 <= i < len(text) and text[i].isspace():
        i += step
    return text[i] if 0 <= i < len(text) else ""


def _roles_of(
    head: Token,
    mentions: Sequence[ActorMention],
    *,
    content: bool = False,
    event_type: str | None = None,
) -> tuple[_Actors, list[Token]]:
    if head.pos_ == "NOUN" and not misread_verb(head):
        return _noun_actors(head, mentions, content=content, event_type=event_type)
    slots, recipient_tokens = _verb_roles(head)
    if reduced_passive(head) and _party(head.head, mentions):
        recipient_tokens.append(head.head)  # "a policeman charged with murder": charged
    actors = _first(slots, mentions)
    if not actors.found:
        actors = _first([("speaker", _speaker(head))], mentions)
    if not actors.found and event_type in AUTHORITY_TYPES:  # "X was arrested, police said"
        actors = _of_sectors("reporter", reporters(head), mentions, AUTHORITY_SECTORS)
    if not actors.found and event_type in MOVEMENT_TYPES:  # "Libyan troops were deployed"
        actors = _of_sectors("moved-forces", moved(head), mentions, ARMED_SECTORS)
    if not actors.found and slots:  # "we will meet them", "I want to commend X"
        first = tuple(t for t in slots[0][1] if t.lower_ in _FIRST_PERSON)
        actors = _Actors(unresolved=first)
    return actors, recipient_tokens


def _party(noun: Token, mentions: Sequence[ActorMention]) -> bool:
    """The noun itself names a person or a group ("a policeman", "eight supporters"), not
    a thing whose phrase holds one ("a poll from X", "the school attended by Y")."""
    end = noun.idx + len(noun.text)
    return any(
        m.span.start < end and noun.idx < m.span.end and m.kind in ("person", "group")
        for m in mentions
    )


def _noun_actors(
    noun: Token, mentions: Sequence[ActorMention], *, content: bool, event_type: str | None
) -> tuple[_Actors, list[Token]]:
    slots, recipient_tokens = noun_roles(noun, event_type)
    undergoers = receivers(noun) if event_type not in PARTY_TYPES else []
    recipient_tokens += undergoers  # "X drew criticism", "X came under attack"
    travellers = _first([("traveller", traveller(noun))], mentions)
    if travellers.found:  # "Trump is going to Turkey for Ukraine-Russia talks"
        return travellers, [t for _, group in slots for t in group] + recipient_tokens
    actors = _union(slots, mentions)
    if not actors.found and not undergoers:  # "punished Y for the attacks": Y attacked
        actors = _first([("cause-object", cause_objects(noun))], mentions)
    if not actors.found and not undergoers:  # "X claimed responsibility for the attack"
        actors = _first(_labelled("owner", owners(noun)), mentions)
    named = any(  # "Ethiopia's demand", "the demand by X": no one else made it
        t.pos_ != "PRON" for rule, group in slots if rule in ("possessor", "by") for t in group
    )
    # "X sought an inquiry", "X needs aid": someone else is to do it; but X takes part in
    # what has parties or a partner ("X sought talks", "X wants a ceasefire with Y")
    partner = event_type in PARTY_TYPES or bool(prep_objects(noun, ("with",)))
    asked = sought(noun) and not partner
    if not actors.found and not content and not named and not undergoers and not asked:
        actors = _first(_labelled("light-verb", light_verb_subjects(noun)), mentions)
    if not recipient_tokens and not content:
        recipient_tokens = aimed_through_verb(noun)
    return actors, recipient_tokens


def _first(slots: list[tuple[str, list[Token]]], mentions: Sequence[ActorMention]) -> _Actors:
    """The mentions of the first slot that has any, each with the slot's rule."""
    for rule, tokens in slots:
        found = resolve_tokens(tokens, mentions)
        if found:
            return _Actors(tuple((m, rule) for m in found))
    return _Actors()


def _union(slots: list[tuple[str, list[Token]]], mentions: Sequence[ActorMention]) -> _Actors:
    """The mentions of every slot, each once, with the rule of the first slot naming it."""
    found: list[tuple[ActorMention, str]] = []
    for rule, tokens in slots:
        for mention in resolve_tokens(tokens, mentions):
            if all(mention != m for m, _ in found):
                found.append((mention, rule))
    return _Actors(tuple(found))


def _labelled(rule: str, groups: Candidates) -> list[tuple[str, list[Token]]]:
    return [(rule, group) for group in groups]


def _speaker(verb: Token) -> list[Token]:
    """ "Freedonia said it will ...": a pronoun subject of a reported clause is the speaker."""
    subjects = [c for c in verb.children if c.dep_ in SUBJECTS]
    if verb.dep_ != "ccomp" or not subjects or any(s.pos_ != "PRON" for s in subjects):
        return []
    speakers = [c for c in verb.head.children if c.dep_ in SUBJECTS]
    # two subjects of one verb: a misparse ("'... Sen. McCain,' Trump said"); conjoined
    # speakers hang on the first of them, so the nearer one speaks
    return [min(speakers, key=lambda c: abs(c.i - verb.head.i))] if speakers else []


def _of_sectors(
    rule: str, tokens: list[Token], mentions: Sequence[ActorMention], sectors: frozenset[str]
) -> _Actors:
    """The mentions `tokens` stand for, if every one is of one of `sectors`."""
    found = _first([(rule, tokens)], mentions)
    return found if all(m.sector in sectors for m in found.mentions) else _Actors()


def _verb_roles(verb: Token) -> tuple[list[tuple[str, list[Token]]], list[Token]]:
    """The verb's actor slots in order of preference, and its recipient tokens."""
    children = list(verb.children)
    subjects = [c for c in children if c.dep_ in SUBJECTS]
    # "Y, who was shot by X", "Y, whom X arrested": the relative pronoun stands for Y
    recipients = [antecedent(c) for c in children if c.dep_ in OBJECTS + PASSIVE_SUBJECTS]
    recipients += prep_objects(verb, RECIPIENT_PREPS)
    recipients += [s for c in children if c.dep_ == "ccomp" for s in c.children if is_subject(s)]
    recipients += shared_patients(verb)  # "X was arrested and charged": X, for "charged"
    if not recipients:  # "X pledged to reinstate Y": whom the promised act is aimed at
        recipients = [o for c in children if _infinitive_content(c) for o in _aimed_at(c)]
    agents = passive_agents(verb)
    if verb.dep_ == "relcl" and any(a.tag_ in RELATIVE_TAGS for a in subjects):
        return [("relative", [verb.head])], recipients  # "Obama, who met Putin"
    if subjects or agents:
        return [("subject", subjects + agents)] if subjects else [("agent", agents)], recipients
    participles = [c for c in children if c.dep_ == "conj" and c.tag_ == "VBN"]
    shared = [a for c in participles for a in passive_agents(c)]
    if shared and any(c.dep_ in PASSIVE_SUBJECTS for c in children):
        return [("agent", shared)], recipients  # "was shot and killed by X"
    if shared_patients(verb):  # "X was arrested and charged": X is charged, charges no one
        return [], recipients
    return _labelled("controller", controllers(verb)), recipients


def _infinitive_content(verb: Token) -> bool:
    return verb.dep_ == "xcomp" and any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children)


def _aimed_at(verb: Token) -> list[Token]:
    """Whom a verb is aimed at: its objects (its phrases are left to the event it may be:
    "refused to negotiate with Y", `from-content`; "agreed to lease aircraft from Y")."""
    return [c for c in verb.children if c.dep_ in OBJECTS]
