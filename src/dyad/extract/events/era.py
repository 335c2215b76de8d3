"""Historical from the sentence before: an era a story has moved back to.

"In 2013, a Republican-controlled legislature repealed the law. While a federal judge found
that action unconstitutional, his decision was overturned by an appeals court." The second
sentence gives no time of its own; told in the past tense right after a main clause dated
years before the article, it stays in that era.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from dyad.extract.events.status import clause_head, clause_times
from dyad.model import Cue, TimeExpression


def earlier_era(
    head: Token, times: Sequence[TimeExpression], article_date: dt.date | None, days: int
) -> Cue | None:
    """A time, well before the article date, of the previous sentence's main clause, when
    the trigger's sentence has no time of its own and both main clauses are in the past."""
    sentence = head.sent
    if article_date is None or sentence.start == 0 or article_date.toordinal() <= days:
        return None
    if any(_inside(time, sentence) for time in times):
        return None  # the sentence dates itself
    if not (_past(clause_head(head)) and _past(sentence.root)):
        return None
    previous = head.doc[sentence.start - 1].sent
    if not _past(previous.root):
        return None
    limit = article_date - dt.timedelta(days=days)
    for time in clause_times(previous.root, times):
        end = time.end or time.start
        if end is not None and end < limit and time.type != "duration":
            return Cue("historical", time.span, f"earlier-sentence:{end.isoformat()}")
    return None


def _inside(time: TimeExpression, sentence: SpacySpan) -> bool:
    return sentence.start_char <= time.span.start < sentence.end_char


def _past(verb: Token) -> bool:
    """A verb in the past tense, simple or through its auxiliary ("was overturned", "had
    added")."""
    if verb.tag_ == "VBD":
        return True
    return any(c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in verb.children)
