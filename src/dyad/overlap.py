"""Which actor mentions overlap a set of character ranges: a test against the ranges' hull
first spares most mentions, which lie far from them. `MentionIndex` finds the mentions near
a range by position, so that a long article's stages need not scan all of its mentions for
each trigger or place name (a scan per item made them quadratic in the article's length)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TypeVar, overload

from dyad.model import ActorMention, Span

T = TypeVar("T")


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


class _Ranges:
    """(start, end) ranges kept in order of start, with the length of the longest: those that
    reach into [start, end) lie between two bisections, so finding them takes logarithmic
    time plus the number found, not a scan of all."""

    __slots__ = ("_ends", "_longest", "_starts")

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._longest = 0

    def _insert(self, start: int, end: int) -> int:
        """Add the range [start, end) after those of the same start; its place in the order."""
        k = bisect_right(self._starts, start)
        self._starts.insert(k, start)
        self._ends.insert(k, end)
        self._longest = max(self._longest, end - start)
        return k

    def _reaching(self, start: int, end: int) -> list[int]:
        """The places, in order of start, of the ranges that reach into [start, end)."""
        lo = bisect_left(self._starts, start - self._longest)
        hi = bisect_left(self._starts, end)
        ends = self._ends
        return [k for k in range(lo, hi) if ends[k] > start]


class SpanIndex(_Ranges, Sequence[T]):
    """Items with a place in the text (mentions, quotes, places), in their order of addition,
    and found by position: `near(start, end)` gives, in that order, every item whose `reach`
    (start, end) overlaps the range (and possibly a few more), in logarithmic time plus the
    number found. Callers apply their own exact test to those. As a sequence it is the items
    in order, so code that reads them all reads them as before."""

    __slots__ = ("_items", "_order", "_reach")

    def __init__(self, items: Iterable[T], reach: Callable[[T], tuple[int, int]]) -> None:
        super().__init__()
        self._reach = reach
        self._items: list[T] = []
        self._order: list[int] = []
        for item in items:
            self.add(item)

    def add(self, item: T) -> None:
        """Add `item` after those already added."""
        self._order.insert(self._insert(*self._reach(item)), len(self._items))
        self._items.append(item)

    def near(self, start: int, end: int) -> list[T]:
        """The items, in their order of addition, that reach into [start, end)."""
        order, items = self._order, self._items
        return [items[i] for i in sorted([order[k] for k in self._reaching(start, end)])]

    @overload
    def __getitem__(self, i: int) -> T: ...
    @overload
    def __getitem__(self, i: slice) -> list[T]: ...
    def __getitem__(self, i: int | slice) -> T | list[T]:
        return self._items[i]

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[T]:
        return iter(self._items)


def near(items: Sequence[T], start: int, end: int) -> Sequence[T]:
    """Those of `items` that may reach into [start, end): found by position when `items` is
    a `SpanIndex`, else all of them (the caller's exact test decides either way)."""
    return items.near(start, end) if isinstance(items, SpanIndex) else items


class MentionIndex(SpanIndex[ActorMention]):
    """Actor mentions by position; a mention reaches over its span and its name span."""

    __slots__ = ()

    def __init__(self, mentions: Iterable[ActorMention] = ()) -> None:
        super().__init__(mentions, _reach)

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


class SpanSet(_Ranges):
    """Spans added one by one, and whether a span overlaps one of them, found by position
    rather than by a scan of all."""

    __slots__ = ()

    def __init__(self, spans: Iterable[Span] = ()) -> None:
        super().__init__()
        for span in spans:
            self.add(span)

    def add(self, span: Span) -> None:
        """Add `span`."""
        self._insert(span.start, span.end)

    def overlaps(self, span: Span) -> bool:
        """`span` overlaps one of the spans added."""
        return bool(self._reaching(span.start, span.end))
