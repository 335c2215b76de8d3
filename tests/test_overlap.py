"""Finding mentions and spans by position gives what a scan of all of them gives, in order."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from dyad.model import ActorMention, Span
from dyad.overlap import MentionIndex, SpanIndex, SpanSet, near, overlapping

_ranges = st.tuples(st.integers(0, 300), st.integers(0, 40)).map(lambda p: (p[0], p[0] + p[1]))


def _span(start: int, end: int) -> Span:
    return Span(start, end, "x" * (end - start))


def _mention(n: int, span: tuple[int, int], name: tuple[int, int] | None) -> ActorMention:
    return ActorMention(
        span=_span(*span),
        actor_id=f"GOV:X{n}",
        name=f"Freedonia {n}",
        country="FRE",
        sector="government",
        kind="person" if name else "organisation",
        name_span=_span(*name) if name else None,
    )


_mentions = st.lists(st.tuples(_ranges, st.none() | _ranges), max_size=40).map(
    lambda items: [_mention(n, s, name) for n, (s, name) in enumerate(items)]
)


@given(_mentions, st.lists(_ranges, max_size=5))
def test_mention_index_overlapping_is_the_scan(
    mentions: list[ActorMention], chars: list[tuple[int, int]]
) -> None:
    assert MentionIndex(mentions).overlapping(chars) == overlapping(mentions, chars)


@given(_mentions, _ranges)
def test_near_holds_every_overlap_in_order(
    mentions: list[ActorMention], where: tuple[int, int]
) -> None:
    start, end = where
    found = MentionIndex(mentions).near(start, end)
    assert found == [m for m in mentions if m in found]  # the original order
    names = [m.name_span or m.span for m in mentions]
    for mention, name in zip(mentions, names, strict=True):
        reaches = any(s.start < end and start < s.end for s in (mention.span, name))
        assert mention in found or not reaches


def test_a_mention_index_grows_in_order() -> None:
    index = MentionIndex([_mention(1, (50, 60), None)])
    index.add(_mention(2, (10, 20), None))
    index.add(_mention(3, (55, 58), None))
    assert [m.actor_id for m in index.near(0, 100)] == ["GOV:X1", "GOV:X2", "GOV:X3"]
    assert [m.actor_id for m in index.near(56, 57)] == ["GOV:X1", "GOV:X3"]
    assert list(index) == index[:] and len(index) == 3


def test_near_on_a_plain_sequence_gives_it_all() -> None:
    spans = [_span(0, 5), _span(100, 110)]
    assert near(spans, 0, 1) is spans
    located = SpanIndex(spans, lambda s: (s.start, s.end))
    assert near(located, 0, 1) == [spans[0]]


@given(st.lists(_ranges, max_size=40), _ranges)
def test_span_set_overlaps_as_any_does(
    added: list[tuple[int, int]], probe: tuple[int, int]
) -> None:
    spans = [_span(*r) for r in added]
    taken = SpanSet(spans)
    span = _span(*probe)
    assert taken.overlaps(span) == any(span.start < s.end and s.start < span.end for s in spans)
