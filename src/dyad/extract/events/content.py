"""What an event is about: the trigger whose content an event is, and types that the
content decides.

    content_parent(token, heads) -> int | None
    retype_by_content(doc, candidates, parents, codebook) -> list[Candidate]
    answered_requests(doc, candidates, mentions) -> list[EventMention]

"urged Trump to impose sanctions": the SANCTION is the content of the REQUEST. A promise
whose content is conflict is a threat ("vowed to bomb the camps"); a warning whose content
holds no conflict is a reproach ("warned that the deal could fail"), not a threat, unless it
warns someone off ("warned Xi not to move on the shoal").
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from dyad.extract.events.chain import SCENE_PREPS, across_semicolon
from dyad.extract.events.codebook import Codebook
from dyad.extract.events.triggers import Candidate
from dyad.lexicon import words
from dyad.model import Cue, EventMention

# Relations through which an event is the content of the trigger above it.
NESTING = ("xcomp", "ccomp", "dobj", "pobj", "prep", "pcomp", "acl", "attr", "oprd", "acomp")
_WARNINGS = frozenset(words("events.content", "warning_verbs"))
_REPROACH = ("ACCUSE", "disapprove")  # what a warning of no conflict is
# Types of an event that answers a request it takes as object ("rejected the request").
_ANSWERS = frozenset(words("events.content", "answer_types"))
_ANSWERED = ("dobj", "pobj", "nsubjpass")
# Prepositions through which a noun names its topic: what it is about is not its content.
_TOPIC = ("about", "regarding", "concerning")


def content_parent(token: Token, heads: dict[int, int]) -> int | None:
    """The index (in `heads`) of the trigger whose content `token` is; a conjunct without a
    subject of its own shares the governor of its first conjunct ("promised to bomb them
    and deport refugees")."""
    node = token
    while node.head.i != node.i:
        if node.dep_ == "conj" and not _has_subject(node):
            node = node.head
            continue
        if node.dep_ not in NESTING:
            return None
        if node.dep_ == "prep" and node.lower_ in SCENE_PREPS:
            return None
        if node.dep_ == "ccomp" and across_semicolon(node):
            return None
        if node.dep_ == "prep" and node.lower_ in _TOPIC and node.head.pos_ == "NOUN":
            return None  # "called for information about the shooting": asked of, not for
        node = node.head
        if node.i in heads:
            return heads[node.i]
    return None


def _has_subject(token: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children)


def retype_by_content(
    doc: Doc, candidates: Sequence[Candidate], parents: Sequence[int | None], codebook: Codebook
) -> list[Candidate]:
    """`candidates` with promises of conflict made threats ("pledged to ban all Muslims":
    THREATEN, its content threatened) and warnings of no conflict made reproaches."""
    stance = codebook.stance
    promises = {*stance.speech_verbs, *stance.willingness_words}
    out = list(candidates)
    children: dict[int, list[int]] = {}
    for c, p in enumerate(parents):
        if p is not None:
            children.setdefault(p, []).append(c)
    for n, candidate in enumerate(candidates):
        lemma = doc[candidate.head].lemma_.lower()
        quads = [_quad(candidates[c], codebook) for c in children.get(n, ())]
        conflict = [q >= 3 for q in quads]
        new: tuple[str, str | None] | None = None
        if candidate.trigger.type == stance.cooperative and lemma in promises:
            new = (stance.conflictual, None) if conflict and all(conflict) else None
        elif candidate.trigger.type == stance.conflictual and lemma in _WARNINGS:
            new = None if any(conflict) or _warns_off(doc[candidate.head]) else _REPROACH
        if new is not None:
            trigger = dataclasses.replace(candidate.trigger, type=new[0], mode=new[1], coding=None)
            out[n] = dataclasses.replace(candidate, trigger=trigger)
    return out


def _warns_off(head: Token) -> bool:
    """ "warned Xi not to move on the shoal", "warned against an attack": a warning to act
    or not, which is a threat, whatever the content."""
    if any(c.dep_ == "prep" and c.lower_ == "against" for c in head.children):
        return True
    return any(_infinitive(t) and _outside_clauses(t, head) for t in head.subtree if t is not head)


def _infinitive(token: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


def _outside_clauses(token: Token, head: Token) -> bool:
    """No finite clause between `token` and `head` (the parser may hang "not to move" on a
    nearby noun: "warned Xi during their meeting not to move")."""
    node = token
    while node.i != head.i:
        if node.dep_ in ("ccomp", "relcl", "advcl"):
            return False
        node = node.head
    return True


def _quad(candidate: Candidate, codebook: Codebook) -> int:
    coding = candidate.trigger.coding or codebook.type(candidate.trigger.type).coding
    return coding.quad_class


def answered_requests(
    doc: Doc, candidates: Sequence[Candidate], mentions: list[EventMention]
) -> list[EventMention]:
    """A request naming who made it but not to whom, that another event answers, was
    addressed to whoever answers it: "the Supreme Court rejected a request from Democrats",
    "Israel agreed to Egypt's demand". One naming neither ("Eritrea rejected the demand") is
    left to the event it points back to (`resolve.anaphora`)."""
    out = list(mentions)
    for n, mention in enumerate(mentions):
        parent = mention.parent
        if mention.type != "REQUEST" or mention.recipients or not mention.actors:
            continue
        if parent is None:
            continue
        answer = mentions[parent]
        if answer.type not in _ANSWERS or doc[candidates[n].head].dep_ not in _ANSWERED:
            continue
        taken = tuple(a for a in answer.actors if a not in mention.actors)
        if taken:
            cues = tuple(Cue("recipient", a.span, "answered") for a in taken)
            out[n] = dataclasses.replace(mention, recipients=taken, cues=(*mention.cues, *cues))
    return out
