"""What an event mention is coded as: its PLOVER type and mode, its CAMEO coding and its
confidence, from the trigger, the words of its content and the kind of its actors."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from dyad.doctext import token_span
from dyad.extract.events.codebook import Codebook, Coding, EventType
from dyad.extract.events.triggers import Candidate
from dyad.model import ActorMention, Cue

# Sectors whose "attacks" are words; and those that bear arms, whose attacks are not.
_TALKING_SECTORS = ("party", "campaign", "media", "opposition", "legislature", "elites")
_ARMED_SECTORS = ("military", "police", "rebels", "insurgents", "terrorists")
_NOT_CONTENT = ("nsubj", "nsubjpass", "advcl", "relcl", "punct", "cc", "conj", "mark", "aux")


def coded_type(
    head: Token, candidate: Candidate, actors: Sequence[ActorMention], codebook: Codebook
) -> tuple[EventType, str | None, tuple[Cue, ...]]:
    """The trigger's type and mode (its own, else the first its content selects), and no
    cue; or, when its actors bear no arms ("Trump attacked Clinton": words, not arms), its
    spoken type with a cue saying so."""
    spoken = _spoken(candidate, actors, codebook)
    if spoken is not None:
        mode = "disapprove" if spoken.mode("disapprove") else None
        return spoken, mode, (Cue("type", token_span(head), f"spoken:{candidate.trigger.type}"),)
    event_type = codebook.type(candidate.trigger.type)
    return event_type, candidate.trigger.mode or _content_mode(head, event_type), ()


def _spoken(
    candidate: Candidate, actors: Sequence[ActorMention], codebook: Codebook
) -> EventType | None:
    """The trigger's spoken type when every actor is a person or a party who bears no arms
    ("Trump attacked Clinton", "the campaign's attacks on Sanders"); None otherwise."""
    spoken = candidate.trigger.spoken
    if spoken is None or not actors:
        return None
    unarmed = all(
        (a.kind == "person" or a.sector in _TALKING_SECTORS) and a.sector not in _ARMED_SECTORS
        for a in actors
    )
    return codebook.type(spoken) if unarmed else None


def _content_mode(head: Token, event_type: EventType) -> str | None:
    """The first mode whose cue lemma appears in the trigger's content."""
    if not event_type.modes:
        return None
    content = {t.lemma_.lower() for t in _content(head)}
    for mode in event_type.modes:
        if content.intersection(mode.cues):
            return mode.name
    return None


def _content(head: Token) -> list[Token]:
    """The trigger's objects and complements, without subjects and side clauses."""
    out: list[Token] = []
    todo = [c for c in head.children if c.dep_ not in _NOT_CONTENT]
    while todo:
        token = todo.pop()
        out.append(token)
        todo.extend(c for c in token.children if c.dep_ not in _NOT_CONTENT)
    return out


def trigger_coding(candidate: Candidate, event_type: EventType, mode: str | None) -> Coding:
    """The CAMEO coding of the trigger itself, else of its mode, else of its type."""
    if candidate.trigger.coding is not None:
        return candidate.trigger.coding
    chosen = event_type.mode(mode)
    if chosen is not None and chosen.coding is not None:
        return chosen.coding
    return event_type.coding


def trigger_confidence(candidate: Candidate, actors: Sequence[ActorMention]) -> float:
    """The trigger's confidence, raised when the event has an actor and lowered when not."""
    bonus = 0.1 if actors else -0.1
    return round(min(0.99, max(0.05, candidate.trigger.confidence + bonus)), 2)
