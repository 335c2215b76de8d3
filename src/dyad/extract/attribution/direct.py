"""Direct quotes: text between quotation marks, with the speaker and cue found around it.

Straight and curly marks; a quote may span sentences, be interrupted by "he said", or be left
unclosed until a dash and its attribution ("... there. - Kozyrev wrote on X"). Quoted text
without any speaker or cue nearby (scare quotes, titles) is not a quote.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace
from typing import TYPE_CHECKING

from dyad.deadline import check
from dyad.doctext import Paragraphs, doc_text
from dyad.extract.attribution.lexicon import Lexicon
from dyad.extract.attribution.syntax import (
    CLOSING,
    OPENING,
    Found,
    cue_span,
    is_speech_verb,
    make_span,
    speaker_phrase,
    speaker_token,
)
from dyad.model import Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

STRAIGHT = '"'
DOUBLED = ("''", "``")  # two apostrophes or backticks for a quotation mark (older wire text)
MARKUP = re.compile(r"<[^<>\n]*>")  # embedded HTML (tweets): its attribute quotes are no quotes
DASH_TAIL = re.compile(r"\s[-–—]+\s+(?=\S)")
MAX_GAP_WORDS = 8  # words between two quoted pieces that still make one quote
MAX_ATTRIBUTION_WORDS = 25  # a whole sentence of attribution between two pieces ("said X, a ...")
MIN_PARTIAL_WORDS = 5  # a shorter quote inside a sentence is a fragment of indirect speech


def quote_pieces(text: str, bounds: tuple[int, int]) -> list[tuple[int, int]]:
    """(start, end) of each quoted piece in one paragraph, quotation marks included."""
    pieces: list[tuple[int, int]] = []
    opened: int | None = None
    markup = [m.span() for m in MARKUP.finditer(text, bounds[0], bounds[1])]
    for i in range(bounds[0], bounds[1]):
        char = '"' if text[i : i + 2] in DOUBLED else text[i]
        if i > bounds[0] and text[i - 1 : i + 1] in DOUBLED:
            continue  # the second half of a doubled mark
        if char == STRAIGHT and any(s <= i < e for s, e in markup):
            continue
        if opened is None and (char in OPENING or char == STRAIGHT):
            opened = i
        elif opened is not None and (char in CLOSING or char == STRAIGHT):
            pieces.append((opened, i + (2 if text[i : i + 2] in DOUBLED else 1)))
            opened = None
    if opened is not None:
        tail = DASH_TAIL.search(text, opened, bounds[1])
        pieces.append((opened, tail.start() if tail else bounds[1]))
    return [p for p in pieces if any(c.isalpha() for c in text[p[0] : p[1]])]


def _groups(doc: Doc, pieces: list[tuple[int, int]], lex: Lexicon) -> list[list[tuple[int, int]]]:
    """Pieces separated only by a short cue ("," he said, ") form one quote."""
    groups: list[list[tuple[int, int]]] = []
    for piece in pieces:
        if groups:
            gap = doc.char_span(groups[-1][-1][1], piece[0], alignment_mode="expand")
            words = [t for t in gap or () if not t.is_punct and not t.is_space]
            verbs = sum(is_speech_verb(t, lex) for t in words)
            ends = doc_text(doc)[groups[-1][-1][1] : piece[0]].rstrip()
            joined = not words or (
                verbs == 1
                and len(words) <= (MAX_ATTRIBUTION_WORDS if ends.endswith(".") else MAX_GAP_WORDS)
                and not ends.endswith(":")
            )
            if joined:
                groups[-1].append(piece)
                continue
        groups.append([piece])
    return groups


def find_direct(doc: Doc, lex: Lexicon, paragraphs: Paragraphs) -> list[Found]:
    """Every direct quote whose speaker or cue can be found."""
    found: list[Found] = []
    for number, bounds in enumerate(paragraphs.bounds):
        before = paragraphs.bounds[number - 1] if number else None
        for group in _groups(doc, quote_pieces(doc_text(doc), bounds), lex):
            check("attribution")
            item = (
                None
                if _fragment(doc_text(doc), group, bounds)
                else _quote(doc, group, lex, bounds, before)
            )
            if item is None and found and group[0][0] == bounds[0]:
                merged = _continuation(doc, group, found[-1], paragraphs, number)
                if merged is not None:
                    found[-1] = merged
                continue
            if item is not None:
                found.append(item)
    return found


def _fragment(text: str, group: list[tuple[int, int]], bounds: tuple[int, int]) -> bool:
    """A short quote in the middle of a sentence ("called it “a disgrace”"): not a quote alone."""
    words = sum(len(text[s:e].split()) for s, e in group)
    before = text[bounds[0] : group[0][0]].rstrip()
    return words < MIN_PARTIAL_WORDS and bool(before) and before[-1].isalnum()


def _quote(
    doc: Doc,
    group: list[tuple[int, int]],
    lex: Lexicon,
    bounds: tuple[int, int],
    before: tuple[int, int] | None,
) -> Found | None:
    named = _colon_quote(doc, group, bounds)
    verb = _cue_verb(doc, group, lex, bounds, before) if named is None else None
    if verb is None:
        return named
    head = speaker_token(verb)
    quoted = [t.i for s, e in group for t in _tokens_from(doc, s, e)]
    start = _content_start(doc, group[0][0], verb, lex)
    content = make_span(doc_text(doc), start, group[-1][1], strip=" \t\r\n,;:-–—")
    if content is None:
        return None
    parts = tuple(p for p in (make_span(doc_text(doc), s, e) for s, e in group) if p)
    return Found(
        content=content,
        kind="claim" if verb.lemma_.lower() in lex.claim_verbs else "direct",
        cue=cue_span(doc, verb, lex),
        speaker=speaker_phrase(doc, head, verb, bounds, quoted) if head is not None else None,
        speaker_head=head.i if head is not None else None,
        parts=parts if len(parts) > 1 else (),
    )


def _colon_quote(doc: Doc, group: list[tuple[int, int]], bounds: tuple[int, int]) -> Found | None:
    """ "Mark Blum and Jon Cole: “...”": a name, a colon and the quote, with no verb."""
    before = doc_text(doc)[bounds[0] : group[0][0]].rstrip()
    colon_at = bounds[0] + len(before) - 1
    if not before.endswith(":"):
        return None
    stretch = doc.char_span(bounds[0], colon_at, alignment_mode="contract")
    name = list(stretch) if stretch is not None else []
    first = len(name)
    while first > 0 and (name[first - 1].pos_ == "PROPN" or name[first - 1].lower_ in ("and", ",")):
        first -= 1
    words = name[first:]
    while words and words[0].pos_ != "PROPN":
        words = words[1:]
    if not words:
        return None
    speaker = make_span(doc_text(doc), words[0].idx, words[-1].idx + len(words[-1].text))
    content = make_span(doc_text(doc), group[0][0], group[-1][1])
    if speaker is None or content is None:
        return None
    cue = Span(colon_at, colon_at + 1, ":")
    return Found(content, "direct", cue, speaker, words[-1].i)


def _tokens_from(doc: Doc, start: int, end: int) -> list[Token]:
    """The tokens that begin at an offset in `start..end`."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return [t for t in span if t.idx >= start] if span is not None else []


CUE_REACH = 2_000
"""Characters before and after a quote where its cue verb is looked for (a sentence with no
end would otherwise make every quote read the whole article)."""


def _window(doc: Doc, group: list[tuple[int, int]], bounds: tuple[int, int]) -> list[Token]:
    """Tokens of the sentences a quote touches, plus the next sentence, in its paragraph."""
    first = doc.char_span(group[0][0], group[0][0] + 1, alignment_mode="expand")
    last = doc.char_span(group[-1][1] - 1, group[-1][1], alignment_mode="expand")
    if first is None or last is None:
        return []
    start, end = first.sent.start, last.sent.end
    if end < len(doc):
        end = doc[end].sent.end
    low = max(bounds[0], group[0][0] - CUE_REACH)
    high = min(bounds[1], group[-1][1] + CUE_REACH)
    near = doc.char_span(low, high, alignment_mode="expand")
    if near is not None:
        start, end = max(start, near.start), min(end, near.end)
    return [t for t in doc[start:end] if low <= t.idx < high]


def _cue_verb(
    doc: Doc,
    group: list[tuple[int, int]],
    lex: Lexicon,
    bounds: tuple[int, int],
    previous: tuple[int, int] | None,
) -> Token | None:
    """The speech verb outside the quoted text nearest to it, or before a colon that opens it."""
    starts = [s for s, _ in group]
    outside = [
        t
        for t in _window(doc, group, bounds)
        if is_speech_verb(t, lex) and not _inside(t.idx, group, starts)
    ]
    if outside:
        return min(outside, key=lambda t: _distance(t.idx, group))
    before = doc_text(doc)[bounds[0] : group[0][0]].rstrip()
    if not before and previous is not None:
        bounds, before = previous, doc_text(doc)[previous[0] : previous[1]].rstrip()
    if before.endswith(":"):
        colon = doc.char_span(bounds[0] + len(before) - 1, bounds[0] + len(before), "expand")
        verbs = [t for t in colon.sent if is_speech_verb(t, lex)] if colon is not None else []
        return verbs[-1] if verbs else None
    return None


def _inside(offset: int, group: list[tuple[int, int]], starts: list[int]) -> bool:
    """Whether `offset` falls in one of the (sorted) pieces of `group`."""
    index = bisect.bisect_right(starts, offset) - 1
    return index >= 0 and offset < group[index][1]


def _distance(offset: int, group: list[tuple[int, int]]) -> int:
    if offset < group[0][0]:
        return group[0][0] - offset
    return max(offset - group[-1][1], 0)


def _content_start(doc: Doc, opened: int, verb: Token, lex: Lexicon) -> int:
    """A quote that completes its sentence's subject starts at the sentence (mixed quote)."""
    if verb.idx < opened:
        return opened
    mark = doc.char_span(opened, opened + 1, alignment_mode="expand")
    if mark is None:
        return opened
    sentence = mark.sent
    prefix = [t for t in sentence if t.idx < opened]
    if prefix and not any(is_speech_verb(t, lex) or t.is_quote for t in prefix):
        return sentence.start_char
    return opened


def _continuation(
    doc: Doc, group: list[tuple[int, int]], previous: Found, paragraphs: Paragraphs, number: int
) -> Found | None:
    """A paragraph opening with a quote continues the direct quote of the paragraph before.

    The continuation joins that quote as one more part: one statement with its speaker and
    cue, however many paragraphs it runs over.
    """
    if previous.kind != "direct" or paragraphs.index(previous.content.end - 1) != number - 1:
        return None
    content = make_span(doc_text(doc), group[0][0], group[-1][1], strip=" \t\r\n,;:")
    if content is None:
        return None
    whole = make_span(doc_text(doc), previous.content.start, content.end)
    if whole is None:
        return None
    parts = (*(previous.parts or (previous.content,)), content)
    return replace(previous, content=whole, parts=parts)
