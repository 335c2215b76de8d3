"""Which actor mentions overlap a set of character ranges: a test against the ranges' hull
first spares most mentions, which lie far from them. `MentionIndex` finds the mentions near
a range by position, so that a long article's stages need not scan all of its mentions for
each trigger or place name (a scan per item made them quadratic in the article's length)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence

from dyad.model import ActorMention, Span


def overlapping(
    mentions: Sequence[ActorMention], chars: Sequence[tuple[int, int]]
) -> list[ActorMention]:
    """The mentions, in order, whose span overlaps one of the (start, end) ranges `chars`."""
    hull = _hull(chars)
    return [m for m in mentions if _overlaps_any(m.span, chars, hull)]


def apart(mentions: Sequence[ActorMention], chars: Sequence[tuple[int, int]]) -> list[ActorMention]:
    """The mentions, in order, whose span overlaps none of the ranges `chars`."""
    hull = _hull(chars)
    return [m for m in mentions if not _overlaps_any(m.span, chars, hull)]


def _hull(chars: Sequence[tuple[int, int]]) -> tuple[int, int]:
    """The range from the first start to the last end of `chars` (empty: none at all)."""
    if not chars:
        return (0, 0)
    return min(s for s, _ in chars), max(e for _, e in chars)


def _overlaps_any(span: Span, chars: Sequence[tuple[int, int]], hull: tuple[int, int]) -> bool:
    """`span` overlaps one of `chars`; the test against their hull first spares most spans,
    which lie far from them."""
    if not (span.start < hull[1] and hull[0] < span.end):
        return False
    return any(span.start < e and s < span.end for s, e in chars)


class MentionIndex:
    """Actor mentions by position. `near(start, end)` gives, in their order of addition,
    every mention whose span or name span overlaps the range (and possibly a few more), in
    logarithmic time plus the number found; callers apply their own exact test to those."""

    __slots__ = ("_ends", "_longest", "_mentions", "_order", "_starts")

    def __init__(self, mentions: Iterable[ActorMention] = ()) -> None:
        self._mentions: list[ActorMention] = []
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._order: list[int] = []
        self._longest = 0
        for mention in mentions:
            self.add(mention)

    def add(self, mention: ActorMention) -> None:
        """Add `mention` after those already added."""
        start, end = _reach(mention)
        k = bisect_right(self._starts, start)
        self._starts.insert(k, start)
        self._ends.insert(k, end)
        self._order.insert(k, len(self._mentions))
        self._mentions.append(mention)
        self._longest = max(self._longest, end - start)

    def near(self, start: int, end: int) -> list[ActorMention]:
        """The mentions, in their order of addition, that reach into [start, end)."""
        lo = bisect_left(self._starts, start - self._longest)
        hi = bisect_left(self._starts, end)
        ends = self._ends
        hits = sorted(self._order[k] for k in range(lo, hi) if ends[k] > start)
        return [self._mentions[i] for i in hits]

    def overlapping(self, chars: Sequence[tuple[int, int]]) -> list[ActorMention]:
        """`overlapping` of the mentions added: the same mentions, in the same order."""
        if not chars:
            return []
        hull = _hull(chars)
        return [m for m in self.near(*hull) if _overlaps_any(m.span, chars, hull)]


def _reach(mention: ActorMention) -> tuple[int, int]:
    """From the first to the last character of the mention's span and its name span."""
    name = mention.name_span or mention.span
    return min(mention.span.start, name.start), max(mention.span.end, name.end)


class SpanSet:
    """Spans added one by one, and whether a span overlaps one of them, found by position
    rather than by a scan of all."""

    __slots__ = ("_ends", "_longest", "_starts")

    def __init__(self, spans: Iterable[Span] = ()) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._longest = 0
        for span in spans:
            self.add(span)

    def add(self, span: Span) -> None:
        """Add `span`."""
        k = bisect_right(self._starts, span.start)
        self._starts.insert(k, span.start)
        self._ends.insert(k, span.end)
        self._longest = max(self._longest, span.end - span.start)

    def overlaps(self, span: Span) -> bool:
        """`span` overlaps one of the spans added."""
        lo = bisect_left(self._starts, span.start - self._longest)
        hi = bisect_left(self._starts, span.end)
        ends = self._ends
        return any(ends[k] > span.start for k in range(lo, hi))
