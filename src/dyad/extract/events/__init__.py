"""Event coding: PLOVER type and mode, roles, status and CAMEO mapping of each event mention.

    load_codebook(path=None) -> Codebook
    find_events(doc, codebook, *, actors, times, article_date=None) -> tuple[EventMention, ...]

Triggers come from the codebook (`triggers`), roles from the dependency parse (`roles`),
polarity, modality and historical status from the words governing the trigger (`status`).
An event whose trigger sits inside another event's content ("urged Trump to impose
sanctions") points to it with `parent` and takes its content modality (requested).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from dyad.deadline import check
from dyad.doctext import token_span
from dyad.extract.events.codebook import Codebook, EventType, load_codebook
from dyad.extract.events.coding import coded_type, trigger_coding, trigger_confidence
from dyad.extract.events.content import answered_requests, content_parent, retype_by_content
from dyad.extract.events.control import reduced_passive
from dyad.extract.events.governors import PASSIVE_SUBJECTS, governing_verb
from dyad.extract.events.happening import campaign_gathering, in_title, topic_only
from dyad.extract.events.judgement import judgement_roles
from dyad.extract.events.roles import Roles, find_roles, roles_reach
from dyad.extract.events.sense import sense_cues, stance_noun
from dyad.extract.events.stance import add_stances
from dyad.extract.events.status import Status, decide_status
from dyad.extract.events.timing import historical_context
from dyad.extract.events.triggers import Candidate, find_candidates
from dyad.lexicon import words
from dyad.model import ActorMention, Cue, EventMention, Span, TimeExpression
from dyad.overlap import MentionIndex, SpanIndex

__all__ = ["Codebook", "Status", "event_status", "find_events", "load_codebook"]

logger = logging.getLogger(__name__)

# Nouns that make a preceding event noun an undertaking ("a mediation mission").
_UNDERTAKINGS = words("events", "undertakings")
# Verbs of taking part: what is taken part in gives the type ("attended a protest").
_TAKING_PART = frozenset(words("events", "taking_part"))
_OBJECTS = ("dobj", "nsubjpass", "attr", "pobj")
_ARGUMENT = ("dobj", "pobj", "prep", "nsubjpass", "attr", "compound", "acl", "xcomp", "appos")


def find_events(
    doc: Doc,
    codebook: Codebook,
    *,
    actors: Sequence[ActorMention],
    times: Sequence[TimeExpression],
    article_date: dt.date | None = None,
) -> tuple[EventMention, ...]:
    """Every event mention in `doc`, in text order; `parent` indexes into the result."""
    candidates, absorbed = _merge_repeats(doc, find_candidates(doc, codebook))
    candidates = [
        c
        for c in candidates
        if not in_title(doc[c.head])
        and not (
            codebook.type(c.trigger.type).name == "PROTEST"
            and campaign_gathering([doc[i] for i in c.tokens], actors, codebook.stance.speech_verbs)
        )
    ]
    heads = {c.head: n for n, c in enumerate(candidates)}
    parents = [content_parent(doc[c.head], heads) for c in candidates]
    candidates = retype_by_content(doc, candidates, parents, codebook)
    index = _index(doc, actors)
    located = SpanIndex(times, lambda t: (t.span.start, t.span.end))
    context = _Context(codebook, index or actors, located, article_date, frozenset(heads), index)
    mentions = []
    for n, candidate in enumerate(candidates):
        check("events")
        parent = parents[n]
        parent_type = codebook.type(candidates[parent].trigger.type) if parent is not None else None
        extra = [doc[i] for i in absorbed.get(candidate.head, ())]
        mentions.append(_mention(doc, candidate, extra, parent, parent_type, context))
    mentions = _recipients_from_content(doc, candidates, mentions)
    mentions = answered_requests(doc, candidates, mentions)
    mentions = historical_context([doc[c.head] for c in candidates], mentions)
    return add_stances(doc, mentions, codebook, actors)


def _recipients_from_content(
    doc: Doc, candidates: Sequence[Candidate], mentions: list[EventMention]
) -> list[EventMention]:
    """An event with no recipient of its own takes one from the event it embeds: the actor
    of an event it has as object ("rejected calls by Annan"), the recipient of an event it
    has as content ("threatened to break relations with Russia")."""
    out = list(mentions)
    for child, mention in enumerate(mentions):
        parent = mention.parent
        if parent is None or out[parent].recipients or _undergone(doc[candidates[parent].head]):
            continue
        relation = doc[candidates[child].head].dep_
        taken = mention.actors if relation in _OBJECTS else mention.recipients
        taken = tuple(a for a in taken if a not in out[parent].actors)
        if taken:
            cue = tuple(Cue("recipient", a.span, f"from-content:{relation}") for a in taken)
            out[parent] = dataclasses.replace(
                out[parent], recipients=taken, cues=(*out[parent].cues, *cue)
            )
    return out


def _undergone(verb: Token) -> bool:
    """A passive verb ("X was accused of killing Y", "a man charged with ..."): its subject,
    named or not, is who undergoes it, never who the embedded act is done to."""
    return reduced_passive(verb) or any(c.dep_ in PASSIVE_SUBJECTS for c in verb.children)


def event_status(
    token: Token,
    codebook: Codebook,
    *,
    times: Sequence[TimeExpression] = (),
    article_date: dt.date | None = None,
) -> Status:
    """Polarity, modality and historical status of any predicate `token`, event or not
    (the status `find_events` gives a top-level event triggered there)."""
    return decide_status(token, codebook.status, stop=set(), times=times, article_date=article_date)


@dataclass(frozen=True, slots=True)
class _Context:
    codebook: Codebook
    actors: Sequence[ActorMention]
    times: Sequence[TimeExpression]
    article_date: dt.date | None
    trigger_heads: frozenset[int] = frozenset()
    index: MentionIndex | None = None  # the actors by position; None: the doc has no sentences


def _index(doc: Doc, actors: Sequence[ActorMention]) -> MentionIndex | None:
    """The actors by position, for finding roles near each trigger; roles reach across
    sentences only as far as `roles_reach` says, so without sentences there is no index."""
    return MentionIndex(actors) if doc.has_annotation("SENT_START") else None


def _merge_repeats(
    doc: Doc, candidates: list[Candidate]
) -> tuple[list[Candidate], dict[int, list[int]]]:
    """Fold a trigger into the trigger of the same type it depends on ("attend the talks",
    "the ultimatum demanding that ..."): one event, roles from both. Drop noun triggers
    that only modify a non-event noun ("the ceasefire date") or only name a topic
    ("questions about the nuclear deal")."""
    by_head = {c.head: c for c in candidates}
    absorbed: dict[int, list[int]] = {}
    kept = []
    for candidate in candidates:
        token = doc[candidate.head]
        attended = _attended(token, candidate, by_head)
        if attended is not None:  # "attended a protest": the protest, with who attended
            absorbed.setdefault(attended.head, []).append(candidate.head)
            continue
        above = _governing_trigger(token, by_head)
        if above is not None and above.trigger.type == candidate.trigger.type:
            absorbed.setdefault(above.head, []).append(candidate.head)
            continue
        if not candidate.trigger.judgement and (
            _modifies_plain_noun(token, by_head) or topic_only(token)
        ):
            continue
        kept.append(candidate)
    return kept, absorbed


def _modifies_plain_noun(token: Token, by_head: dict[int, Candidate]) -> bool:
    """ "the ceasefire date": a noun trigger modifying a noun that is not an event itself;
    "climate change is a threat": a noun trigger saying what something is."""
    if token.pos_ != "NOUN" or token.head.i in by_head:
        return False
    if token.dep_ == "attr" and token.head.lemma_ == "be":
        return True
    return token.dep_ == "compound" and token.head.lemma_.lower() not in _UNDERTAKINGS


def _attended(
    token: Token, candidate: Candidate, by_head: dict[int, Candidate]
) -> Candidate | None:
    """ "attended a protest", "participated in the strike", "joined the march": a verb of
    taking part, coded as a consultation, whose object is an event of another type takes
    that event's type; the event noun keeps the verb's words and roles."""
    if candidate.trigger.type != "CONSULT" or token.lemma_.lower() not in _TAKING_PART:
        return None
    objects = [c for c in token.children if c.dep_ == "dobj"]
    objects += [
        g for c in token.children if c.dep_ == "prep" and c.lower_ == "in" for g in c.children
    ]
    found = [by_head[o.i] for o in objects if o.i in by_head]
    return next((c for c in found if c.trigger.type != "CONSULT"), None)


def _governing_trigger(token: Token, by_head: dict[int, Candidate]) -> Candidate | None:
    """The trigger that `token` is a direct argument of, through at most a preposition."""
    node = token
    for _ in range(3):
        if node.dep_ not in _ARGUMENT or node.head.i == node.i:
            return None
        node = node.head
        if node.i in by_head:
            return by_head[node.i]
    return None


def _mention(
    doc: Doc,
    candidate: Candidate,
    absorbed: Sequence[Token],
    parent: int | None,
    parent_type: EventType | None,
    context: _Context,
) -> EventMention:
    head = doc[candidate.head]
    tokens = [doc[i] for i in candidate.tokens]
    codebook = context.codebook
    listed = codebook.type(candidate.trigger.type)
    roles = _roles(head, tokens, candidate, absorbed, listed, context)
    event_type, mode, retyped = coded_type(head, candidate, roles, codebook)
    status = _status(head, tokens, parent, context)
    modality, modality_cues = _modality(head, status, parent_type, context)
    coding = trigger_coding(candidate, event_type, mode)
    other_cues = [c for c in status.cues if c.field != "modality"]
    other_cues += _sense(head, candidate, absorbed, (event_type.name, mode), context)
    return EventMention(
        type=event_type.name,
        trigger=_span(doc, candidate.tokens),
        sentence=_sentence_span(head),
        actors=roles.actors,
        recipients=roles.recipients,
        mode=mode,
        polarity=status.polarity,
        modality=modality,
        historical=status.historical,
        cues=(*other_cues, *retyped, *modality_cues, *roles.cues),
        rule=f"{codebook.path}:{candidate.trigger.line}:{candidate.trigger.key}",
        confidence=trigger_confidence(candidate, roles.actors),
        parent=parent,
        cameo=coding.cameo,
        quad_class=coding.quad_class,
        goldstein=coding.goldstein,
    )


def _sense(
    head: Token,
    candidate: Candidate,
    absorbed: Sequence[Token],
    coded: tuple[str, str | None],
    context: _Context,
) -> list[Cue]:
    """The sense cues of the trigger with the words it absorbed ("attend the talks")."""
    words_of = (*candidate.tokens, *(t.i for t in absorbed))
    heads = context.trigger_heads | {t.i for t in absorbed}  # "attend the summit": an event
    cues = list(sense_cues(head, coded, context.actors, heads, words_of))
    stance = stance_noun(head, coded[0], candidate.trigger.pos)
    return cues if stance is None else [*cues, stance]


def _roles(
    head: Token,
    tokens: Sequence[Token],
    candidate: Candidate,
    absorbed: Sequence[Token],
    event_type: EventType,
    context: _Context,
) -> Roles:
    """Who acts and who undergoes: a judgement's speaker and what is judged, else the roles
    the parse gives the trigger."""
    if candidate.trigger.judgement:
        return judgement_roles(head, context.actors, context.codebook.stance.speech_verbs)
    content = _is_content_noun(head, context)
    index = context.index
    near = index.near(*roles_reach(head, tokens, absorbed)) if index else context.actors
    return find_roles(head, tokens, near, absorbed, content=content, event_type=event_type.name)


def _status(head: Token, tokens: Sequence[Token], parent: int | None, context: _Context) -> Status:
    """The trigger's status from the words governing it (up to its parent event's verb)."""
    return decide_status(
        head,
        context.codebook.status,
        others=[t for t in tokens if t.i != head.i],
        stop={head.head.i} if parent is not None else set(),
        times=context.times,
        article_date=context.article_date,
    )


def _modality(
    head: Token, status: Status, parent_type: EventType | None, context: _Context
) -> tuple[str, list[Cue]]:
    """The modality the status gives, unless the event is the content of a parent whose type
    fixes it ("threatened to strike": the strike is threatened); the content of an order
    ("instructed Kerry to continue negotiating", the trigger nearest above) is planned."""
    if parent_type is not None and parent_type.content_modality is not None:
        governor = next((a for a in head.ancestors if a.i in context.trigger_heads), None)
        if parent_type.content_modality == "requested" and governor is not None:
            lemma = governor.lemma_.lower()
            if lemma in context.codebook.status.order_verbs:
                return "planned", [Cue("modality", token_span(governor), f"ordered:{lemma}")]
        cue = Cue("modality", token_span(head.head), f"content-of:{parent_type.name}")
        return parent_type.content_modality, [cue]
    return status.modality, [c for c in status.cues if c.field == "modality"]


def _is_content_noun(head: Token, context: _Context) -> bool:
    """A noun trigger that is the object of another event's verb ("X rejected the demand",
    "welcomed the agreement"): what that verb is about, not something its subject did.
    Speech verbs are left out: "X announced sanctions" are X's sanctions."""
    if head.pos_ != "NOUN":
        return False
    verb = governing_verb(head)
    return verb is not None and verb.i in context.trigger_heads


def _span(doc: Doc, indices: Sequence[int]) -> Span:
    words = doc[min(indices) : max(indices) + 1]
    return Span(words.start_char, words.end_char, words.text)


MAX_SENTENCE_CHARS = 2_000
"""Longest sentence kept whole as an event's sentence; of a longer one (a text with no full
stop) the stretch around the trigger is kept, so that events do not each copy the article."""


def _sentence_span(token: Token) -> Span:
    sent = token.sent
    if sent.end_char - sent.start_char <= MAX_SENTENCE_CHARS:
        return Span(sent.start_char, sent.end_char, sent.text)
    half = MAX_SENTENCE_CHARS // 2
    low, high = max(sent.start_char, token.idx - half), min(sent.end_char, token.idx + half)
    words = (
        token.doc.char_span(low, high, alignment_mode="contract")
        or sent[token.i - sent.start :][:1]
    )
    return Span(words.start_char, words.end_char, words.text)
