"""Countries in the roles of actors: adjectives ("an Australian ultimatum", "German goods")
and a country acting as an agent ("Russia refused": its government).

A country adjective that modifies a noun which is neither a group noun (handled in
`groups`: "Hungarian officials") nor a place ("the Syrian border") names the country whose
act or thing it is: one mention over the adjective, the country as a whole (no sector), so
the event stage can read "Serbia rejected an Australian ultimatum" as SRB -> AUS.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dyad.doctext import span_root
from dyad.extract.actors.context import is_locative
from dyad.extract.actors.reading import Reading
from dyad.extract.actors.scan import Hit
from dyad.model import ActorMention

if TYPE_CHECKING:
    from spacy.tokens import Token

ADJECTIVE_DEPS = frozenset({"amod", "compound", "nmod"})
NOUN_TAGS = frozenset({"NOUN", "PROPN"})
# entity labels under which a country adjective is part of a name, not an actor
NAME_LABELS = frozenset({"ORG", "FAC", "EVENT", "LAW", "WORK_OF_ART", "PRODUCT", "LANGUAGE"})
CONFIDENCE = 0.6
AGENT_DEPS = frozenset({"nsubj", "csubj"})
CLIMB_DEPS = frozenset({"compound", "conj", "appos"})


def acts(r: Reading, start: int, end: int) -> bool:
    """True when the country named by [start, end) is the doer of its clause, which only its
    state can be: the subject of a verb ("Russia refused", "Jordan and Britain agreed",
    "Syria is willing to ...") or the agent of a passive ("attacked by Russia"); not a
    passive subject, not the subject of "is a" ("Chad is a poor country")."""
    if not r.parsed:
        return False
    token = span_root(r.doc[start:end])
    while token.dep_ in CLIMB_DEPS and token.head.i != token.i:
        token = token.head
    if token.dep_ == "pobj" and token.head.dep_ == "agent":
        return True
    verb = token.head
    copular = verb.lemma_ == "be" and any(c.dep_ == "attr" for c in verb.children)
    return token.dep_ in AGENT_DEPS and not copular


def resolve_adjective(r: Reading, hit: Hit, code: str) -> ActorMention | None:
    """The country an adjective before a (non-group, non-place) noun names, if it does."""
    head = _modified_noun(r, hit)
    if head is None or head.lower_ in r.dictionary.place_heads:
        return None
    if r.doc[hit.end - 1].ent_type_ in NAME_LABELS:
        return None  # "Russian Orthodox Church": part of a name
    left = head.left_edge.i if r.parsed else hit.start
    if is_locative(r.doc, min(left, hit.start)) or is_locative(r.doc, hit.start):
        return None  # "in the Russian capital", "on Iraqi soil"
    mention = ActorMention(
        span=r.span(hit.start, hit.end),
        actor_id=r.dictionary.group_id(code, None),
        name=r.dictionary.group_name(code, None),
        country=code,
        sector=None,
        kind="country",
        method="dictionary",
        confidence=CONFIDENCE,
        name_span=r.span(hit.start, hit.end),
        role=r.side(hit.start, hit.end),
    )
    r.add(mention, hit.start, hit.end)
    return mention


def _modified_noun(r: Reading, hit: Hit) -> Token | None:
    """The noun the adjective [start, end) modifies: from the parse ("Hungarian and Romanian
    goods": the conjunct's head), or, without one, a lower-case word right after it."""
    token = r.doc[hit.end - 1]
    if not r.parsed:
        after = r.doc[hit.end] if hit.end < len(r.doc) else None
        ok = after is not None and after.is_alpha and after.is_lower and not after.is_stop
        return after if ok else None
    while token.dep_ == "conj" and token.head.i < token.i:
        token = token.head
    head = token.head if token.dep_ in ADJECTIVE_DEPS else _shared_head(r, token)
    if head is None or head.i <= token.i or head.pos_ not in NOUN_TAGS:
        return None
    if head.pos_ == "PROPN" and head.is_title:
        return None  # "Russian Railways": a name the model did not tag
    return head


def _shared_head(r: Reading, token: Token) -> Token | None:
    """The noun two coordinated country words both modify when the parse took the first
    for a noun of its own: "the Kyrgyz and Tajik border services", "Kyrgyz and Tajik
    border chiefs met" (the first word's conjunct is the noun phrase the second begins)."""
    for conj in token.children:
        if conj.dep_ != "conj" or conj.pos_ not in NOUN_TAGS:
            continue
        first = conj.left_edge
        between = r.doc[token.i + 1 : first.i]
        joined = all(t.dep_ in {"cc", "punct"} for t in between) and len(between) > 0
        if joined and first.i in r.codes and first.dep_ in ADJECTIVE_DEPS:
            return conj
    return None
