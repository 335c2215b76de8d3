"""The time direction of the clause that governs a time expression: past, future or present.

Rule (documented in docs/dates.md): from the expression's root token, climb the parse to the
first verb. Then
- a future marker decides "future": a modal (will, 'll, shall, would, could, may, might),
  "going to", or a governing verb of planning or expectation ("is scheduled to join",
  "is expected to urge", "plans to", "set for", "due on");
- otherwise a past form decides "past": a past-tense verb (VBD), a perfect ("has met",
  "had met"), a passive or progressive with a past auxiliary ("was cancelled", "were meeting"),
  "did";
- a present progressive ("is meeting on Friday") is "future", as news English uses it;
- otherwise "present" (the caller takes the nearest candidate date), or "none" when no verb
  governs the expression (a headline fragment).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dyad.doctext import span_root
from dyad.lexicon import words

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# "could" is left out: "could not be reached Wednesday" is past far more often than not.
FUTURE_MODALS = frozenset({"will", "'ll", "wo", "shall", "would", "may", "might"})
# Verbs whose infinitive complement is still to come: "is scheduled to join", "is to resume".
PLANNING_LEMMAS = frozenset(words("times.tense", "planning"))
# Verbs whose object or prepositional phrase names a planned time: "planned a rally on
# Saturday", "scheduled the vote for Friday", "postponed the talks until Monday".
SCHEDULING_LEMMAS = frozenset(words("times.tense", "scheduling"))
PAST_AUX = frozenset({"was", "were", "had", "did", "'d"})
_CLIMB_LIMIT = 12


def direction_at(doc: Doc, start: int, end: int) -> str:
    """The direction ("past", "future", "present", "none") governing characters [start, end)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return "none"
    root = span_root(span)
    verb = governing_verb(root)
    return "none" if verb is None else verb_direction(verb, at=root)


def governing_verb(token: Token) -> Token | None:
    """The first verb (or auxiliary root) above `token`, the token itself included."""
    current = token
    for _ in range(_CLIMB_LIMIT):
        if current.pos_ in ("VERB", "AUX") and current.dep_ not in ("aux", "auxpass"):
            return current
        if current.head.i == current.i:
            return None
        current = current.head
    return None


def verb_direction(verb: Token, depth: int = 0, *, at: Token | None = None) -> str:
    """Past, future or present from the verb's auxiliaries, tag and controlling verb; `at`
    is the expression's root, when the direction is asked for one."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & FUTURE_MODALS or _is_going_to(verb):
        return "future"
    if "to" in words and verb.head.i != verb.i and depth < 3:
        return _infinitive_direction(verb.head, depth)
    if verb.lemma_.lower() in SCHEDULING_LEMMAS and verb.lemma_.lower() != "call":
        return "past" if "had" in words else "future"
    if verb.lemma_.lower() == "call" and _dates_what_is_called_for(verb, at):
        return "future"  # "called for a vote on Friday"
    if _past_form(verb, words):
        return "past"
    if verb.tag_ == "VBG" and words & {"is", "are", "'s", "'re", "am"}:
        return "future"
    return "present"


def _infinitive_direction(controller: Token, depth: int) -> str:
    """ "is scheduled to join": future; "had been due to expire": past; "asked him to testify"
    says nothing about when he testifies: present (unless the asking is in the future)."""
    holder = (
        controller.head if controller.dep_ in ("acomp", "attr") else controller
    )  # "had been due"
    controller_auxes = {c.lower_ for c in holder.children if c.dep_ in ("aux", "auxpass")}
    if controller.lemma_.lower() in PLANNING_LEMMAS:
        if "had" in controller_auxes:
            return "past"
        return "past" if _past_scene(holder, controller_auxes) else "future"
    found = verb_direction(controller, depth + 1)
    return "future" if found == "future" else "present"


def _past_form(verb: Token, auxes: set[str]) -> bool:
    if auxes & PAST_AUX:
        return True
    if verb.tag_ == "VBD":
        return True
    if verb.tag_ == "VBN" and not auxes:
        return True  # a participle on its own: "the year ended March 31", "a record set Aug. 6"
    return verb.tag_ == "VBN" and bool(auxes & {"has", "have", "'ve"})


SCENE_MARKS = frozenset({"as", "while", "when"})


def _past_scene(verb: Token, auxes: set[str]) -> bool:
    """A past clause of time setting a scene ("As Trump prepared to speak on Tuesday, ..."):
    what was being prepared is told as happening then, not still to come."""
    marked = any(c.dep_ == "mark" and c.lower_ in SCENE_MARKS for c in verb.children)
    return marked and verb.dep_ == "advcl" and _past_form(verb, auxes)


def _is_going_to(verb: Token) -> bool:
    head = verb.head
    return (
        head.i != verb.i and head.lower_ == "going" and any(c.lower_ == "to" for c in verb.children)
    )


def _dates_what_is_called_for(verb: Token, at: Token | None) -> bool:
    """ "called for a vote on Friday": the time right after the thing called for dates it.
    A time before the verb ("In July, the NAACP called for ..."), or after another phrase
    ("called for investment in a statement on Thursday"), dates the calling."""
    wanted = [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "for"]
    if not wanted:
        return False
    if at is None:
        return True
    thing = wanted[0]
    if at.i < verb.i:
        return False
    if thing.i < at.i and thing in at.ancestors:
        return True  # inside the phrase of what is called for
    others = [c for c in verb.children if c.dep_ in ("prep", "npadvmod", "advmod")]
    return not any(thing.i < c.i and c.right_edge.i < at.i for c in others)
