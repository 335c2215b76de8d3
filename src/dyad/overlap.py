"""Which actor mentions overlap a set of character ranges: a test against the ranges' hull
first spares most mentions, which lie far from them."""

from __future__ import annotations

from collections.abc import Sequence

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
