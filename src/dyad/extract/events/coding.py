"""What an event mention is coded as: its PLOVER type and mode, its CAMEO coding and its
confidence, from the trigger, the words of its content and who takes part."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from dyad.doctext import token_span
from dyad.extract.events.codebook import Codebook, Coding, EventType
from dyad.extract.events.retyping import retype
from dyad.extract.events.roles import Roles
from dyad.extract.events.triggers import Candidate
from dyad.model import ActorMention, Cue

_NOT_CONTENT = ("nsubj", "nsubjpass", "advcl", "relcl", "punct", "cc", "conj", "mark", "aux")


def coded_type(
    head: Token, candidate: Candidate, roles: Roles, codebook: Codebook
) -> tuple[EventType, str | None, tuple[Cue, ...]]:
    """The trigger's type and mode (its own, else the first its content selects), and no
    cue; or the type its actors and recipients give it (`retyping`: "Trump attacked
    Clinton": words, not arms; "besiege ISIS": force), with a cue saying why."""
    retyped = retype(candidate.trigger, roles.actors, roles.recipients, codebook)
    if retyped is not None:
        event_type, why = retyped
        mode = "disapprove" if event_type.mode("disapprove") else None
        return event_type, mode, (Cue("type", token_span(head), f"{why}:{candidate.trigger.type}"),)
    event_type = codebook.type(candidate.trigger.type)
    return event_type, candidate.trigger.mode or _content_mode(head, event_type), ()


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
