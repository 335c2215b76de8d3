"""Who a speaker phrase is: an actor from the actor stage, a news outlet, or nobody named."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import TYPE_CHECKING

from dyad.extract.attribution.lexicon import Lexicon
from dyad.extract.attribution.syntax import PRONOUNS, Found
from dyad.model import ActorMention, Source, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc

PRONOUN_REACH = 1500  # characters back where "he" may find the person it stands for
PERSONAL = frozenset({"he", "she", "him", "her", "his"})
NAMED = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"})


MAX_NAME_CHARS = 500  # longer than any actor mention: bounds the search for one by offset


class ActorsByOffset:
    """The actor mentions of an article in text order, to find those near a phrase quickly."""

    def __init__(self, actors: Sequence[ActorMention]) -> None:
        self.actors = sorted(actors, key=lambda a: a.span.start)
        self.starts = [a.span.start for a in self.actors]

    def near(self, found: Found) -> Sequence[ActorMention]:
        """Every mention that may cover `found`'s speaker or be the person a pronoun names."""
        if found.speaker is None:
            return ()
        low = found.speaker.start - PRONOUN_REACH - MAX_NAME_CHARS
        first = bisect.bisect_left(self.starts, low)
        return self.actors[first : bisect.bisect_left(self.starts, found.speaker.end)]


def resolve_speaker(doc: Doc, found: Found, actors: Sequence[ActorMention]) -> ActorMention | None:
    """The actor mention covering the speaker phrase; for "he"/"she", the last person before."""
    if found.speaker is None or found.outlet:
        return None
    phrase = found.speaker
    head_at = doc[found.speaker_head].idx if found.speaker_head is not None else phrase.start
    covering = [a for a in actors if a.span.start < phrase.end and phrase.start < a.span.end]
    if covering:
        holding = [a for a in covering if a.span.start <= head_at < a.span.end]
        pool = holding or covering
        return max(pool, key=lambda a: (a.span.end - a.span.start, -a.span.start))
    if phrase.text.lower() in PERSONAL:
        before = [
            a
            for a in actors
            if a.kind == "person" and phrase.start - PRONOUN_REACH <= a.span.end <= phrase.start
        ]
        return max(before, key=lambda a: a.span.end) if before else None
    return None


def source_of(doc: Doc, found: Found, actor: ActorMention | None, lex: Lexicon) -> Source | None:
    """The chain link for a candidate's speaker, or None when nobody is named."""
    phrase = found.speaker
    if phrase is None:
        return None
    if found.outlet or _is_outlet(phrase.text, actor, lex):
        name = phrase.text[4:] if phrase.text.lower().startswith("the ") else phrase.text
        actor_id = actor.actor_id if actor is not None else None
        return Source(name, "outlet", phrase, actor_id, method="cue")
    if actor is not None:
        return Source(actor.name, "actor", phrase, actor.actor_id, method="cue")
    if _unnamed(doc, found, lex):
        return Source(phrase.text, "unnamed", phrase, method="cue")
    return Source(phrase.text, "actor", phrase, method="cue")


def cited_source(phrase: Span, lex: Lexicon) -> Source:
    """A source the speaker cites: an outlet, "two sources", or somebody named."""
    if lex.is_outlet(phrase.text):
        return Source(phrase.text, "outlet", phrase, method="cue")
    words = phrase.text.replace("-", " ").split()
    lowered = {w.lower().rstrip("s") for w in words}
    if lowered & lex.unnamed_heads and not any(w[0].isupper() for w in words[1:]):
        return Source(phrase.text, "unnamed", phrase, method="cue")
    return Source(phrase.text, "actor", phrase, method="cue")


def unnamed(found: Found) -> Source:
    """The link for a statement nobody is named for ("It was reported that ...")."""
    return Source("unnamed", "unnamed", method="cue")


def _is_outlet(text: str, actor: ActorMention | None, lex: Lexicon) -> bool:
    if actor is not None and actor.sector == "media":
        return True
    words = text.split()
    return lex.is_outlet(text) or (len(words) > 1 and lex.is_outlet(" ".join(words[-2:])))


def _unnamed(doc: Doc, found: Found, lex: Lexicon) -> bool:
    """ "officials", "two sources", "media reports": a phrase with no name in it."""
    if found.speaker_head is None or found.speaker is None:
        return False
    head = doc[found.speaker_head]
    if head.lower_ in PRONOUNS:
        return False
    named = any(t.pos_ == "PROPN" or t.ent_type_ in NAMED for t in head.subtree)
    return head.lemma_.lower() in lex.unnamed_heads and not named
