"""Judgements: an event noun saying what something is ("X's decision is a sign of disrespect
to Washington", "called the vote a farce"), coded as the speaker disapproving of the thing
judged.

A codebook trigger marked `judgement: true` is an event only in such a position: the
attribute of "be" (directly or as "a sign / an act of ..."), the predicate of "call/brand X
a ...", or "describe X as a ...". Its actor is the speaker: the subject of a speech verb
above the clause or beside it ("..., he said"), or of a bare attribution right after a quote
("- former minister X wrote on Wednesday."). Its recipient is the thing judged, read as the
actors of its noun phrase ("Putin's decision" stands for Putin).
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from dyad.extract.events.mentions import resolve_tokens
from dyad.extract.events.roles import Roles
from dyad.lexicon import words
from dyad.model import ActorMention, Cue

# Verbs whose object is judged by an "as" phrase: "described the vote as a farce".
_AS_VERBS = words("events.judgement", "as_verbs")
# What a bare attribution sentence must not have: it reports, it does not say anything itself.
_CONTENT = ("ccomp", "xcomp", "dobj", "attr")
_SUBJECTS = ("nsubj", "nsubjpass")
_LOOK_AHEAD = 2  # sentences after a quote searched for its attribution


def judged(token: Token) -> list[Token]:
    """The tokens naming what `token` judges, or [] when it is not in a judging position."""
    node = token
    if node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head.pos_ == "NOUN":
        node = node.head.head  # "a sign of disrespect", "an act of provocation"
    governor = node.head
    if node.dep_ == "attr" and governor.lemma_.lower() == "be":
        return [c for c in governor.children if c.dep_ in _SUBJECTS]
    if node.dep_ == "oprd":
        return [c for c in governor.children if c.dep_ == "dobj"]
    if node.dep_ == "pobj" and governor.lower_ == "as":
        verb = governor.head
        if verb.lemma_.lower() in _AS_VERBS:
            return [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    return []


def judgement_roles(
    head: Token, mentions: Sequence[ActorMention], speech_verbs: Sequence[str]
) -> Roles:
    """The speaker as actor, the thing judged as recipient."""
    speakers = resolve_tokens(speaker(head, speech_verbs), mentions)
    targets = tuple(m for m in resolve_tokens(judged(head), mentions) if m not in speakers)
    cues = tuple(Cue("actor", m.span, "speaker-of-judgement") for m in speakers) + tuple(
        Cue("recipient", m.span, "judged") for m in targets
    )
    return Roles(speakers, targets, cues)


def speaker(head: Token, speech_verbs: Sequence[str]) -> list[Token]:
    """Who judges: the subject of the speech (or "call", "describe") verb reporting the
    judgement, in or after its sentence; [] for the narrator's own words."""
    for node in (head, *head.ancestors):
        for verb in (node, *(c for c in node.children if c.dep_ == "parataxis")):
            lemma = verb.lemma_.lower()
            if (lemma in speech_verbs or lemma in _AS_VERBS) and verb.i != head.i:
                subjects = [c for c in verb.children if c.dep_ in _SUBJECTS]
                if subjects:
                    return subjects
    return _attribution_after(head, speech_verbs)


def _attribution_after(head: Token, speech_verbs: Sequence[str]) -> list[Token]:
    """ "... - former minister X wrote on Wednesday.": a bare speech verb closing a quote."""
    doc = head.doc
    end = head.sent.end
    for _ in range(_LOOK_AHEAD):
        if end >= len(doc):
            return []
        sentence = doc[end].sent
        root = sentence.root
        children = list(root.children)
        if root.lemma_.lower() in speech_verbs and not any(c.dep_ in _CONTENT for c in children):
            return [c for c in children if c.dep_ in _SUBJECTS]
        end = sentence.end
    return []
