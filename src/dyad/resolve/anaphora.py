"""Event nouns that refer back: "the talks" after "Putin and Zelenskyy met in Istanbul".

A noun trigger that names no party of its own ("The talks ended without a deal"), is definite
("the", "this", "these"; not "a", "any", "no", nor a possessor) or a bare subject ("Talks
ended"), and is said as actual, takes the actors and recipients of the nearest earlier event
of the same type in its paragraph or the one before, when that event names them and the two
do not conflict: the same status, and no different date or place stated in the text. Each
inherited party keeps a cue of rule `event-anaphora` pointing at the earlier mention's words.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import TYPE_CHECKING

from dyad.doctext import Paragraphs, span_root
from dyad.model import Cue, Event

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["refer_back"]

RULE = "event-anaphora"
_DEFINITE = frozenset({"the", "this", "these"})
_NOUNS = frozenset({"NOUN"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})


def refer_back(doc: Doc, event: Event, earlier: Sequence[Event], paragraphs: Paragraphs) -> Event:
    """`event` with the parties of the earlier event its bare noun trigger refers back to."""
    if event.actors or event.recipients or not _bare_definite_noun(doc, event):
        return event
    start = event.evidence[0].trigger.start
    here = paragraphs.index(start)
    near = [
        b
        for b in earlier
        if b.evidence[0].trigger.start < start
        and paragraphs.index(b.evidence[0].trigger.start) >= here - 1
    ]
    for before in sorted(near, key=lambda b: b.evidence[0].trigger.start, reverse=True):
        if before.type != event.type or not before.actors:
            continue
        if _conflict(event, before):
            return event
        return _inherit(event, before)
    return event


def _bare_definite_noun(doc: Doc, event: Event) -> bool:
    """The trigger heads a noun phrase of its own that is definite ("the talks", "this
    meeting") or a bare subject ("Talks ended"), with no possessor or named modifier."""
    if event.modality != "actual" or any(c.field == "generic" for c in event.cues):
        return False
    trigger = event.evidence[0].trigger
    span = doc.char_span(trigger.start, trigger.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    head: Token = span_root(span)
    if head.pos_ not in _NOUNS or head.dep_ == "compound":
        return False
    before = [t for t in head.subtree if t.i < head.i]
    dets = [t for t in before if t.dep_ in ("det", "predet")]
    if any(t.lower_ not in _DEFINITE for t in dets):
        return False
    if not dets and head.dep_ not in _SUBJECTS:
        return False  # a bare noun elsewhere is mostly generic: "after bombings"
    # "Russia's talks", "the Iran talks": a party of its own that the roles did not read
    return not any(t.dep_ == "poss" or t.ent_type_ or t.pos_ == "PROPN" for t in before)


def _conflict(event: Event, before: Event) -> bool:
    """A different status, date or place: another happening ("potential talks" are not
    "the talks" that broke down)."""
    status = (event.polarity, event.modality, event.historical)
    if status != (before.polarity, before.modality, before.historical):
        return True
    if event.date_source == "text" and before.date_source == "text" and event.date != before.date:
        return True
    if event.place_source == "text" and before.place_source == "text":
        here, there = event.place, before.place
        if here is not None and there is not None and here.geonameid != there.geonameid:
            return True
    return False


def _inherit(event: Event, before: Event) -> Event:
    cues = tuple(Cue("actor", a.span, RULE) for a in before.actors)
    cues += tuple(Cue("recipient", r.span, RULE) for r in before.recipients)
    return dataclasses.replace(
        event, actors=before.actors, recipients=before.recipients, cues=event.cues + cues
    )
