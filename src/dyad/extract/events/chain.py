"""The chain of words that govern an event's trigger, up to its clause's edge: what the
status of the event is read from (`status`), and where the content of a verb of saying or
asking stops (`content`)."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

# Relations walked upward from a trigger to the verbs that govern its status.
_UP = ("xcomp", "dobj", "pobj", "prep", "pcomp", "acl", "attr", "oprd", "acomp", "nsubjpass")
PAST_TAGS = ("VBD", "VBN")
# Prepositions that set the scene of a clause rather than carry its content.
SCENE_PREPS = (
    "after",
    "before",
    "during",
    "since",
    "until",
    "amid",
    "amidst",
    "in",
    "at",
    "despite",
    "following",
    "near",
    "ahead",
    "throughout",
    "within",
    "as",
    "like",
    "than",
)


def governors(head: Token, stop: set[int] | None = None) -> Iterator[tuple[Token, str]]:
    """The trigger, then each governing token up to a clause boundary, with the relation
    by which it was reached ("" for the trigger itself). Stops after a `ccomp` governor and
    after any index in `stop` (an embedding event's trigger: beyond it, status is its own)."""
    token, via = head, ""
    seen: set[int] = set()
    while token.i not in seen:
        seen.add(token.i)
        yield token, via
        if token.dep_ == "conj" and not has_subject(token):
            nxt, rel = token.head, "conj"
        elif token.dep_ == "prep" and token.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return  # "the start of the invasion": a noun's modifier, not its content
        elif token.dep_ == "prep" and token.lower_ in SCENE_PREPS:
            return  # "during the talks, X did not ...": the scene, not the content
        elif token.dep_ == "pcomp" and has_subject(token):
            return  # "not reported due to what makers call interference": a clause of its own
        elif token.dep_ in _UP or token.dep_ == "ccomp" or _noun_subject(token, head):
            nxt, rel = token.head, token.dep_
        else:
            return
        if nxt.i == token.i or (rel == "ccomp" and across_semicolon(token)):
            return
        if rel == "ccomp" or (stop and nxt.i in stop):
            yield nxt, rel
            return
        token, via = nxt, rel


def across_semicolon(clause: Token) -> bool:
    """A clause the parser hung on the verb of the next one across a semicolon ("X may
    attack Y; Z signed a deal": the attack is no content of the signing): a clause of its own."""
    head = clause.head
    low, high = sorted((clause.i, head.i))
    return any(c.dep_ == "punct" and c.text == ";" and low < c.i < high for c in head.children)


def status_chain(head: Token, stop: set[int] | None = None) -> list[tuple[Token, str]]:
    """The governors that decide the status of the event at `head`; only the trigger itself
    when it is a noun its own past clause tells of ("scrap the agreement reached last year",
    "turn back on a pledge he made": the agreement was reached, the pledge made)."""
    if head.pos_ == "NOUN" and any(_told_done(c) for c in head.children):
        return [(head, "")]
    return list(governors(head, stop))


def _told_done(clause: Token) -> bool:
    """A relative clause in the past ("a pledge he made"), or a participle that says when or
    by whom ("reached last year", "signed by both sides"), not one of a state ("accords based
    on concessions")."""
    if any(c.dep_ == "aux" and c.tag_ == "MD" for c in clause.children):
        return False
    if any(t.dep_ == "xcomp" for t in clause.subtree):  # "talks that were due to open"
        return False  # tells of a plan, which what governs the noun may still call off
    if clause.dep_ == "relcl":
        return clause.tag_ in PAST_TAGS
    if clause.dep_ != "acl" or clause.tag_ != "VBN":
        return False
    return any(c.dep_ == "agent" or c.ent_type_ == "DATE" for c in clause.subtree)


def _noun_subject(token: Token, head: Token) -> bool:
    """A noun trigger as subject takes its verb's status ("talks will take place")."""
    return token.i == head.i and token.pos_ == "NOUN" and token.dep_ in ("nsubj", "nsubjpass")


def has_subject(token: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children)
