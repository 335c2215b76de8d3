"""Whose word the text rests on: the publisher, the outlets it relays, headline lines.

The publisher is `Article.source`, or found in the text ("writes UNN", "(Reuters) -").
A relay ("This was reported by Bloomberg, writes UNN") covers the article from the statement
it points back to until another source takes over: a new relay, or a heading after which the
publisher speaks in its own voice ("Recall"). A line ending "- Reuters" is Reuters' alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dyad.doctext import Paragraphs, doc_text
from dyad.extract.attribution.lexicon import Lexicon
from dyad.extract.attribution.reported import is_publisher_signature
from dyad.extract.attribution.syntax import Found, make_span
from dyad.model import Article, Source, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc

HEADLINE = re.compile(
    r"^(?P<content>.+?\S)\s+(?P<dash>[-–—]+)\s+"
    r"(?P<outlet>[A-Z][\w.&'/-]*(?:\s+[A-Z][\w.&'/-]*){0,3})\s*$"
)
COLON_HEADLINE = re.compile(
    r"^(?P<source>[A-Z][\w.'’&-]*(?:\s+[A-Z][\w.'’&-]*){0,4})(?P<colon>:)\s+(?P<content>\S.*\S)\s*$"
)
DATELINE = re.compile(r"\((?P<outlet>[A-Z][\w.&' /-]{1,30})\)\s*[-–—]")
DATELINE_REACH = 400  # characters from the start where a dateline may sit


@dataclass(frozen=True, slots=True)
class Frame:
    """A stretch of the article and the outer chain its statements rest on."""

    start: int
    end: int
    chain: tuple[Source, ...]


def find_publisher(doc: Doc, article: Article, lex: Lexicon) -> Source | None:
    """The article's publisher: `Article.source`, else as the text names it."""
    if article.source:
        return Source(article.source, "publisher", method="article")
    for token in doc:
        if is_publisher_signature(token, lex):
            subject = next(c for c in token.children if c.dep_ == "nsubj" and c.i > token.i)
            words = list(subject.subtree)
            span = make_span(doc_text(doc), words[0].idx, words[-1].idx + len(words[-1].text))
            if span is not None:
                return Source(span.text, "publisher", span, method="text")
    match = DATELINE.search(doc_text(doc), 0, DATELINE_REACH)
    if match and lex.is_outlet(match["outlet"]):
        start, end = match.span("outlet")
        return Source(
            match["outlet"], "publisher", Span(start, end, match["outlet"]), method="text"
        )
    return None


def headline_lines(text: str, paragraphs: Paragraphs, lex: Lexicon) -> list[Found]:
    """Lines like "Trump is not going to Turkey - Reuters": the outlet's statement."""
    found = []
    for start, match in _whole_lines(text, paragraphs, HEADLINE):
        name = match["outlet"]
        if not (lex.is_outlet(name) or (name.isupper() and " " not in name)):
            continue
        content = make_span(text, start, start + match.end("content"))
        if content is not None:
            dash, speaker = _part(match, start, "dash"), _part(match, start, "outlet")
            found.append(Found(content, "indirect", dash, speaker, None, outlet=True))
    return found


def colon_lines(text: str, paragraphs: Paragraphs, lex: Lexicon) -> list[Found]:
    """Lines like "Lynch: No outside influence on the inquiry": the named one's statement."""
    found = []
    for start, match in _whole_lines(text, paragraphs, COLON_HEADLINE):
        name = match["source"]
        if name in lex.line_labels or any(name.startswith(p) for p in lex.link_prefixes):
            continue
        content = make_span(text, start + match.start("content"), start + match.end("content"))
        if content is not None:
            colon, speaker = _part(match, start, "colon"), _part(match, start, "source")
            found.append(Found(content, "direct", colon, speaker, None, outlet=lex.is_outlet(name)))
    return found


def _whole_lines(
    text: str, paragraphs: Paragraphs, pattern: re.Pattern[str]
) -> Iterator[tuple[int, re.Match[str]]]:
    """Each paragraph `pattern` matches whose content has three words or more, with its start."""
    for start, end in paragraphs.bounds:
        match = pattern.match(text[start:end])
        if match and len(match["content"].split()) >= 3:
            yield start, match


def _part(match: re.Match[str], start: int, group: str) -> Span:
    """The span of `group` of a match in the line at `start`."""
    return Span(start + match.start(group), start + match.end(group), match[group])


def link_lines(text: str, paragraphs: Paragraphs, lex: Lexicon) -> list[tuple[int, int]]:
    """Lines linking to other articles ("Read also: ..."): not statements of this one."""
    return [
        (start, end)
        for start, end in paragraphs.bounds
        if any(text[start:end].lstrip().startswith(p + ":") for p in lex.link_prefixes)
    ]


def _resets(text: str, paragraphs: Paragraphs, lex: Lexicon) -> list[int]:
    return [
        start
        for start, end in paragraphs.bounds
        if text[start:end].strip().rstrip(":").strip() in lex.section_resets
    ]


def frames(
    text: str,
    paragraphs: Paragraphs,
    relays: list[tuple[Found, Source]],
    publisher: Source | None,
    lex: Lexicon,
) -> list[Frame]:
    """Consecutive frames covering the text: each relay's chain until the next takes over."""
    base = (publisher,) if publisher is not None else ()
    first_paragraph = paragraphs.bounds[0][1] if paragraphs.bounds else 0
    changes: list[tuple[int, tuple[Source, ...]]] = [(0, base)]
    for found, source in relays:
        start = 0 if found.content.start < first_paragraph else found.content.start
        changes.append((start, (source, *base)))
    changes += [(start, base) for start in _resets(text, paragraphs, lex)]
    changes.sort(key=lambda change: change[0])
    result = []
    for (start, chain), (end, _) in zip(changes, [*changes[1:], (len(text), ())], strict=True):
        if end > start:
            result.append(Frame(start, end, chain))
    return result


def frame_at(frame_list: list[Frame], offset: int) -> tuple[Source, ...]:
    """The outer chain at `offset`."""
    for frame in frame_list:
        if frame.start <= offset < frame.end:
            return frame.chain
    return frame_list[-1].chain if frame_list else ()
