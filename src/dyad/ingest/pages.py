"""Whole-file formats: the seed's plain text (` date YYYY-MM-DD` first line) and HTML pages."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from typing import Any, BinaryIO

from dyad.ingest.articles import BadDate, Fields, IngestOptions, bad_date, build_article, parse_date
from dyad.ingest.streams import Decoded, decode, known_charset, read_capped
from dyad.model import Article, Rejected

logger = logging.getLogger(__name__)

DATE_LINE = re.compile(r"[ \t]?date[ \t]+(\d[\d-]*\d)(?=\s|$)[ \t]*([^\n]*)(?:\n|$)")
"""The seed format's first line: ` date 2025-05-15` and, optionally, the first body text."""

HTML_BYTES_PER_CHAR = 25  # markup, scripts and styles around the text of a news page


def read_text(
    stream: BinaryIO, origin: str, options: IngestOptions
) -> Iterator[Article | Rejected]:
    """One article from a plain-text file, with or without the ` date YYYY-MM-DD` first line."""
    data, more = read_capped(stream, options.max_chars * 4 + 4096)
    if more:
        yield _file_too_long(origin, options)
        return
    decoded = decode(data, origin)
    if isinstance(decoded, Rejected):
        yield decoded
        return
    yield text_article(decoded, origin, options)


def text_article(decoded: Decoded, origin: str, options: IngestOptions) -> Article | Rejected:
    """The article in one decoded plain-text file."""
    notes = (decoded.note,) if decoded.note else ()
    text = decoded.text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    match = DATE_LINE.match(text)
    if match is None:
        return build_article(Fields(text=text, notes=notes), origin, options)
    date = parse_date(match.group(1))
    if isinstance(date, BadDate):
        return bad_date(f"{origin}:1", date)
    body = match.group(2) + "\n" + text[match.end() :]
    return build_article(Fields(text=body, notes=notes), origin, options, date=date)


def read_html(
    stream: BinaryIO, origin: str, options: IngestOptions
) -> Iterator[Article | Rejected]:
    """One article from an HTML page: main text and metadata found by trafilatura."""
    data, more = read_capped(stream, options.max_chars * HTML_BYTES_PER_CHAR)
    if more:
        yield _file_too_long(origin, options)
        return
    decoded = decode(data, origin, declared=declared_charset(data))
    if isinstance(decoded, Rejected):
        yield decoded
        return
    document = _extract(decoded.text)
    if document is None or not (document.text or "").strip():
        yield Rejected(
            origin,
            "no-text",
            f"{origin}: no main text found in the HTML page; check that it is a full article "
            "page (not a script-rendered shell or an index), or give its text as plain text",
        )
        return
    fields = Fields(
        text=_paragraphs(document.text, document.title),
        date=document.date,
        source=document.sitename or None,
        title=document.title or None,
        url=document.url or None,
    )
    yield build_article(fields, origin, options)


_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_:.-]+)""")


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in its first 4 KiB (meta tag or XML declaration)."""
    head = data[:4096]
    match = _CHARSET.search(head) or _XML_ENCODING.search(head)
    return known_charset(match.group(1).decode("ascii")) if match else None


def _extract(data: str) -> Any:
    import trafilatura  # heavy (lxml, htmldate): loaded only when a page is read

    return trafilatura.bare_extraction(
        data,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )


def _paragraphs(text: str, title: str | None) -> str:
    """Trafilatura's lines as blank-line separated paragraphs, without a leading title line."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if lines and title and lines[0] == title.strip():
        lines = lines[1:]
    return "\n\n".join(lines)


def _file_too_long(origin: str, options: IngestOptions) -> Rejected:
    return Rejected(
        origin,
        "too-long",
        f"{origin}: the file is far larger than max_chars={options.max_chars:,} characters "
        "allows, and was not read; split it into articles, or raise max_chars",
    )
