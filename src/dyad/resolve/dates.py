"""The date of an event: the time expression that belongs to it in the parse, else the
publication date (source "publication"), else nothing (source "none").

An actual event the parse leaves undated takes the story's day when the text gives one
(source "context"): a day within a week before the article date, said last before the event's
sentence ("On Sunday afternoon, the streets were quiet. ... Protesters continued to call for
..."), or, for an event told before any such day (a headline, the lead), the first said soon
after it. News tells the day of its story once and reports the rest as happening then; the
publication date is the day after, or later.

An expression belongs to an event when it sits in the event's own clause: the clause of a
verb, climbing through controlled infinitives ("is scheduled to join ... on Friday") but not
into or out of another clause (a complement, adverbial, relative or coordinated clause). A
relative clause on the trigger noun counts as the trigger's ("the meeting, which started on
Wednesday evening"). Of several, the nearest in the tree wins. Durations and sets give no date.

A deadline ("by May 12", role "deadline") in the event's clause, or anywhere in the content
of a demand or threat, becomes `date_end`, with `deadline` set: the event must happen (or the
demand be met) by then.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dyad.doctext import span_root, time_noun
from dyad.model import Article, EventMention, Span, TimeExpression
from dyad.overlap import near

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["DateAssignment", "event_date"]

STORY_DAYS = 7  # a day this close before the article date can be the day of its story
LEAD_REACH = 1_000  # characters after an event told before any day where its day is looked for
HISTORICAL_DAYS = 183  # an event ending more than ~6 months before the article is historical
CLAUSE_DEPS = frozenset({"ccomp", "advcl", "relcl", "acl", "parataxis", "csubj", "pcomp"})
DEMAND_TYPES = frozenset({"REQUEST", "THREATEN", "COERCE"})
DATING_TYPES = frozenset({"date", "time", "range"})
_CLIMB_LIMIT = 40
# Clauses below an event that tell what it is about, not how it happened ("for supporting").
_CONTENT_DEPS = frozenset({"pcomp", "ccomp", "xcomp", "relcl"})


@dataclass(frozen=True, slots=True)
class DateAssignment:
    """When an event happened (or is to happen), and where that came from."""

    date: dt.date | None
    date_end: dt.date | None = None  # last day of a period or range, or the deadline
    granularity: str | None = None  # "day", "week", "month", "quarter", "year", ...
    source: str = "none"  # "text", "context", "publication", "none"
    expression: TimeExpression | None = None
    historical: bool = False
    deadline: bool = False  # date_end is a deadline ("by May 12")
    end_granularity: str | None = None  # of date_end, when it has one


def event_date(
    doc: Doc, mention: EventMention, times: Sequence[TimeExpression], article: Article
) -> DateAssignment:
    """The date of `mention`: its own time expression, else the publication date."""
    trigger = _token(doc, mention.trigger)
    reference = article.date or _dateline(times)
    line = _line_of(article.text, mention)
    in_sentence = [t for t in near(times, line.start - 1, line.end + 1) if _inside(t.span, line)]
    deadline = _deadline(doc, trigger, mention.type, in_sentence) if trigger else None
    own = _own_expression(doc, trigger, in_sentence) if trigger else None
    if own is None and trigger is not None and deadline is None:
        own = _sentence_expression(trigger, mention, in_sentence, reference)
    if own is not None:
        return _from_text(own, deadline, reference)
    if deadline is not None and deadline.start is not None:
        published = article.date
        start = published if published is not None and published <= deadline.start else None
        return DateAssignment(
            start,
            deadline.start,
            "day" if start is not None else None,
            "text",
            deadline,
            _historical(deadline.start, published),
            deadline=True,
            end_granularity=deadline.granularity,
        )
    if article.date is None:
        return DateAssignment(None)
    story = _story_expression(doc, mention, line, times, article.date)
    if story is not None and story.start is not None:
        return DateAssignment(story.start, None, "day", "context", story)
    return DateAssignment(article.date, None, "day", "publication")


def _story_expression(
    doc: Doc,
    mention: EventMention,
    line: Span,
    times: Sequence[TimeExpression],
    published: dt.date,
) -> TimeExpression | None:
    """The day of the story an actual event is told in, from outside its own sentence `line`
    (whose times the parse has judged). The time a main clause that reports no other said
    last before it, when that is a recent day: a story that has moved to another time dates
    nothing, a time in a subordinate clause is background ("the crisis that began in 2008"),
    and the time of an announcement dates the announcing. For an event told
    before any time (a headline, the lead): the first recent day said soon after it, past the
    background a deck may give ("helped after the 2008 crisis")."""
    if mention.modality != "actual" or mention.historical:
        return None
    said = [t for t in times if _dating(t) and not _inside(t.span, line)]
    before = [t for t in said if t.span.end <= mention.trigger.start]
    before.sort(key=lambda t: t.span.start, reverse=True)  # the last said first
    last = next((t for t in before if _main(doc, t)), None)  # parse read only until found
    if last is not None:
        return last if _story_day(last, published) else None
    reach = mention.trigger.end + LEAD_REACH
    after = [
        t for t in said if mention.trigger.end <= t.span.start < reach and _story_day(t, published)
    ]
    return min(after, key=lambda t: t.span.start) if after else None


def _dating(expr: TimeExpression) -> bool:
    """An expression that places a happening in time: a date, time or range, not a deadline."""
    return expr.type in DATING_TYPES and expr.start is not None and expr.role != "deadline"


def _main(doc: Doc, expr: TimeExpression) -> bool:
    """The expression sits in its sentence's main clause, and that clause does not report
    another ("Putin announced yesterday evening that ..." dates the announcing only)."""
    root = _token(doc, expr.span)
    if root is None:
        return False
    head = _clause_path(root)[-1]
    return head.dep_ == "ROOT" and not any(c.dep_ == "ccomp" for c in head.children)


def _story_day(expr: TimeExpression, published: dt.date) -> bool:
    """A day, said as one, in the week up to the article date."""
    if expr.granularity != "day" or expr.start is None or expr.role is not None:
        return False
    return 0 <= (published - expr.start).days <= STORY_DAYS


def _dateline(times: Sequence[TimeExpression]) -> dt.date | None:
    """The date an undated text gives itself at its top (`find_times` marks it)."""
    return next((t.start for t in times if t.role == "dateline"), None)


def _from_text(
    expr: TimeExpression, deadline: TimeExpression | None, published: dt.date | None
) -> DateAssignment:
    end = expr.end if expr.end != expr.start else None
    end_granularity = expr.granularity if end is not None else None
    if deadline is not None and deadline is not expr and deadline.start is not None:
        end, end_granularity = deadline.start, deadline.granularity
    last = end or expr.start
    return DateAssignment(
        expr.start,
        end,
        expr.granularity,
        "text",
        expr,
        _historical(last, published),
        deadline=deadline is not None and deadline is not expr,
        end_granularity=end_granularity,
    )


def _historical(last: dt.date | None, published: dt.date | None) -> bool:
    if last is None or published is None:
        return False
    return (published - last).days > HISTORICAL_DAYS


def _own_expression(
    doc: Doc, trigger: Token, times: Sequence[TimeExpression]
) -> TimeExpression | None:
    scored: list[tuple[int, int, TimeExpression]] = []
    for expr in times:
        if expr.type not in DATING_TYPES or expr.start is None or expr.role == "deadline":
            continue
        root = _token(doc, expr.span)
        if root is None:
            continue
        distance = clause_distance(root, trigger)
        if distance is not None and not _on_noun(root, trigger):
            scored.append((distance, abs(root.i - trigger.i), expr))
    return min(scored, key=lambda s: (s[0], s[1]))[2] if scored else None


def _sentence_expression(
    trigger: Token,
    mention: EventMention,
    times: Sequence[TimeExpression],
    published: dt.date | None,
) -> TimeExpression | None:
    """A date the sentence states outside the event's clause, when it fits the event's tense:
    in "In 2013, hackers backing Assad hijacked the account, reporting explosions that had
    injured Obama", the injuring is dated 2013 too. A past date dates an actual event, a
    future one a planned event; the nearest in the text wins; the time of a saying does not
    date what was said, nor a time in what the event is about (`_below`)."""
    if published is None or mention.modality not in ("actual", "planned"):
        return None
    future = mention.modality == "planned"
    fitting = [
        t
        for t in times
        if t.type in DATING_TYPES
        and t.start is not None
        and t.role != "deadline"
        and (t.start > published if future else (t.end or t.start) < published)
    ]
    fitting = [
        t
        for t in fitting
        if not _reports(trigger.doc, t, trigger) and not _below(trigger.doc, t, trigger)
    ]
    if not fitting:
        return None
    return min(fitting, key=lambda t: abs(t.span.start - trigger.idx))


def _reports(doc: Doc, expr: TimeExpression, trigger: Token) -> bool:
    """The expression dates a verb whose clausal complement holds the event ("officials
    said on Monday that Vostria rejected ..."): the time of the saying, not of the event."""
    root = _token(doc, expr.span)
    if root is None:
        return True
    head = _clause_path(root)[-1]
    return any(c.dep_ == "ccomp" and _dominates(c, trigger) for c in head.children)


def _below(doc: Doc, expr: TimeExpression, trigger: Token) -> bool:
    """The expression sits in a clause below the trigger's ("criticized X for supporting the
    1994 bill", "accused Y of an attack in August 2015"): it dates that, not the event."""
    root = _token(doc, expr.span)
    if root is None or not _dominates(trigger, root):
        return False
    path = [root, *(a for a in root.ancestors if trigger in a.ancestors or a.i == trigger.i)]
    return any(t.dep_ in _CONTENT_DEPS for t in path[:-1]) or _on_noun(root, trigger)


def _on_noun(root: Token, trigger: Token) -> bool:
    """The expression is the own time of a noun other than the trigger that is no scene of
    the clause ("meets Y under the 2019 agreement"): it dates that noun."""
    noun = time_noun(root)
    return noun is not None and noun.i != trigger.i


def _deadline(
    doc: Doc, trigger: Token, event_type: str, times: Sequence[TimeExpression]
) -> TimeExpression | None:
    for expr in times:
        if expr.role != "deadline" or expr.start is None:
            continue
        root = _token(doc, expr.span)
        if root is None:
            continue
        if clause_distance(root, trigger) is not None:
            return expr
        if event_type in DEMAND_TYPES and _dominates(trigger, root):
            return expr
    return None


def clause_distance(time_root: Token, trigger: Token) -> int | None:
    """Steps in the tree from the expression to the trigger when both are in one clause."""
    time_path = _clause_path(time_root)
    if trigger in time_path:
        return time_path.index(trigger)
    trigger_path = _clause_path(trigger)
    if time_path[-1].i == trigger_path[-1].i:
        return len(time_path) + len(trigger_path)
    head = time_path[-1]
    if head.dep_ in ("relcl", "acl") and trigger.pos_ in ("NOUN", "PROPN"):
        noun_path = _clause_path(head.head)  # the parser may hang it on "ministers", not "meeting"
        if trigger in noun_path:
            return len(time_path) + noun_path.index(trigger)
    return None


def _clause_path(token: Token) -> list[Token]:
    """`token` and its ancestors up to the head of its clause (through xcomp, not ccomp)."""
    path = [token]
    current = token
    for _ in range(_CLIMB_LIMIT):
        if current.head.i == current.i:
            break
        is_verb = current.pos_ in ("VERB", "AUX")
        if current.dep_ in CLAUSE_DEPS or (current.dep_ == "conj" and is_verb):
            break
        current = current.head
        path.append(current)
    return path


def _dominates(ancestor: Token, token: Token) -> bool:
    return ancestor.i == token.i or ancestor in token.ancestors


def _token(doc: Doc, span: Span) -> Token | None:
    found = doc.char_span(span.start, span.end, alignment_mode="expand")
    return span_root(found) if found is not None and len(found) else None


def _line_of(text: str, mention: EventMention) -> Span:
    """The event's sentence, cut at line breaks: a headline and the deck under it ("China
    rebuts criticism;\nInvestment ... helped after 2008 crisis") may come as one sentence."""
    sentence, trigger = mention.sentence, mention.trigger
    start = max(sentence.start, text.rfind("\n", sentence.start, trigger.start) + 1)
    after = text.find("\n", trigger.end, sentence.end)
    end = sentence.end if after < 0 else after
    return Span(start, end, text[start:end])


def _inside(inner: Span, outer: Span) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end
