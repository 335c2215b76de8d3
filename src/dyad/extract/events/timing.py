"""When an event's clause is set: the time expressions of the trigger's clause, a time after
the article date (a plan), a time or an era year well before it (a historical event), and
historical spread to the other events of a historical clause and to "these negotiations"
after historical ones."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from dyad.doctext import SCENE_PREPOSITIONS, doc_text, span_root, time_noun, token_span
from dyad.model import Cue, EventMention, Span, TimeExpression
from dyad.overlap import near

_DEMONSTRATIVES = ("these", "this", "those", "that")


def later_time(
    head: Token, times: Sequence[TimeExpression], article_date: dt.date | None
) -> Span | None:
    """A time expression of the trigger's clause that starts after the article date."""
    if article_date is None:
        return None
    for time in clause_times(head, times):
        if time.start is not None and time.start > article_date:
            return time.span
    return None


def find_historical(
    head: Token, times: Sequence[TimeExpression], article_date: dt.date | None, days: int
) -> Cue | None:
    """A time expression in the trigger's clause ending well before the article date."""
    if article_date is None or article_date.toordinal() <= days:
        return None  # nothing on the calendar lies that long before the article
    limit = article_date - dt.timedelta(days=days)
    for time in clause_times(head, times):
        end = time.end or time.start
        if end is not None and end < limit and time.type != "duration":
            return Cue("historical", time.span, f"time-before:{end.isoformat()}")
    year = _era_year(head)
    if year is not None and int(year.text) < limit.year:
        return Cue("historical", token_span(year), f"era:{year.text}")
    return None


_ERA_PREPOSITIONS = ("during", "in", "after", "since")


def _era_year(head: Token) -> Token | None:
    """ "captured from Syria during the 1967 Six-Day War": a year inside the name of a
    happening (an entity, not a date) that a preposition on the trigger places it in."""
    for prep in head.children:
        if prep.dep_ != "prep" or prep.lower_ not in _ERA_PREPOSITIONS:
            continue
        for token in (t for g in prep.children if g.dep_ == "pobj" for t in g.subtree):
            if token.ent_type_ == "EVENT" and token.shape_ == "dddd" and token.like_num:
                return token
    return None


CLAUSE_REACH = 1_000
"""Characters around a trigger where a time of its clause is looked for: more than a real
sentence, and a bound on the work for a sentence that never ends."""


def clause_times(head: Token, times: Sequence[TimeExpression]) -> list[TimeExpression]:
    """Time expressions inside the clause that holds the trigger, on the trigger's line: a
    headline and the deck under it ("China rebuts criticism;\nInvestment helped after the 2008
    crisis") may be parsed as one sentence, but the deck's times are not the headline's."""
    if not times:
        return []
    clause = clause_head(head)
    text = doc_text(head.doc)
    reach = max(0, head.idx - CLAUSE_REACH)  # line breaks looked for nearby: a text may hold none
    line_end = text.find("\n", head.idx, head.idx + CLAUSE_REACH)
    low = max(clause.left_edge.idx, reach, text.rfind("\n", reach, head.idx) + 1)
    high = min(clause.right_edge.idx + len(clause.right_edge), head.idx + CLAUSE_REACH)
    high = high if line_end < 0 else min(high, line_end)
    close = [t for t in near(times, low, high) if low < t.span.end and t.span.start < high]
    if not close:
        return []
    holding = {head.i, *(a.i for a in head.ancestors)}  # nodes whose subtree holds the trigger
    doc = head.doc
    out = []
    for time in close:
        words = doc.char_span(time.span.start, time.span.end, alignment_mode="expand")
        if words is None or not len(words) or _noun_time(words, holding):
            continue
        if any(_in_clause(token, clause, holding) for token in words):
            out.append(time)
    return out


def _noun_time(words: SpacySpan, holding: set[int]) -> bool:
    """The time is a noun's own ("meets Y under the 2019 agreement"), and the noun does not
    hold the trigger."""
    noun = time_noun(span_root(words))
    return noun is not None and noun.i not in holding


def _in_clause(token: Token, clause: Token, holding: set[int]) -> bool:
    """Whether `token` is under `clause` and not under a subordinate clause of it that does not
    hold the trigger."""
    node = token
    while node.i != clause.i:
        if _subordinate(node) and node.i not in holding:
            return False
        if node.head.i == node.i:
            return False  # reached the root without meeting the clause
        node = node.head
    return True


def _subordinate(node: Token) -> bool:
    """A clause of its own below the trigger's: a finite one, or a gerund or participle
    clause ("criticized X for supporting the 1994 bill": 1994 dates the support)."""
    if node.dep_ in ("ccomp", "advcl", "relcl", "csubj"):
        return True
    return node.dep_ in ("pcomp", "acl") and node.pos_ == "VERB"


def clause_head(head: Token) -> Token:
    """The verb of the clause that holds `head` (through infinitives and coordination)."""
    token = head
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head
    while token.dep_ in ("xcomp", "conj") and token.head.i != token.i:
        token = token.head
    return token


def historical_context(heads: Sequence[Token], mentions: list[EventMention]) -> list[EventMention]:
    """Historical spreads to the other events of a historical event's clause (not from a
    noun trigger whose time is its own: "meets Y under the 2019 agreement"), and to "these
    negotiations" right after historical negotiations ("... in February 2022. These
    negotiations broke down amid mutual accusations")."""
    old_clauses = {
        clause_head(h).i
        for h, m in zip(heads, mentions, strict=True)
        if m.historical and not _own_time_noun(h)
    }
    out = list(mentions)
    for n, (head, mention) in enumerate(zip(heads, mentions, strict=True)):
        if mention.historical:
            continue
        cue = None
        if clause_head(head).i in old_clauses:
            cue = Cue("historical", token_span(clause_head(head)), "same-clause")
        elif _points_back(head, mention, heads, mentions):
            cue = Cue("historical", token_span(head), "anaphora")
        if cue is not None:
            out[n] = dataclasses.replace(mention, historical=True, cues=(*mention.cues, cue))
            old_clauses.add(clause_head(head).i)
    return out


def _own_time_noun(head: Token) -> bool:
    """A noun trigger, object of a preposition that sets no scene ("meets Y under the 2019
    agreement"): its time is its own, and says nothing of its clause's other events."""
    if head.pos_ not in ("NOUN", "PROPN") or head.dep_ != "pobj":
        return False
    return head.head.lower_ not in SCENE_PREPOSITIONS


def _points_back(
    head: Token, mention: EventMention, heads: Sequence[Token], mentions: Sequence[EventMention]
) -> bool:
    """A demonstrative event noun whose antecedent, in the previous sentence, is historical."""
    if not any(c.dep_ == "det" and c.lower_ in _DEMONSTRATIVES for c in head.children):
        return False
    start = head.sent.start
    previous = _previous_sentence_start(head.doc, start)
    return any(
        m.historical and m.type == mention.type and previous <= h.i < start
        for h, m in zip(heads, mentions, strict=True)
    )


def _previous_sentence_start(doc: Doc, start: int) -> int:
    """The first token of the sentence before the one starting at `start`."""
    return doc[start - 1].sent.start if start > 0 else start
