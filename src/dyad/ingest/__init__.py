"""Ingest: files, folders and standard input in, `Article`s (or `Rejected` inputs) out.

    read_articles(paths) ─▶ folders walked in sorted order ─▶ one file at a time
        ─▶ gzip unwrapped ─▶ binary check ─▶ format (by name, else by content)
        ─▶ read_text · read_html · read_jsonl · read_csv ─▶ build_article

`make_article` builds one article from a string (the Python API behind `dyad.process`).

Bad input never raises out of `read_articles`: it becomes a `Rejected` naming the file (and
line) and what to do, and reading goes on with the next record or file.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gzip
import io
import logging
import os
import stat
import sys
import zlib
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import BinaryIO

from dyad.errors import InputError
from dyad.ingest.articles import (
    NOTE_NO_DATE,
    NOTE_NO_SOURCE,
    Fields,
    IngestOptions,
    article_id,
    build_article,
    parse_date,
)
from dyad.ingest.pages import DATE_LINE, read_html, read_text
from dyad.ingest.records import read_csv, read_jsonl
from dyad.ingest.streams import READ_ERRORS, as_utf8, binary, looks_binary, open_input
from dyad.model import Article, Rejected

__all__ = [
    "FORMATS",
    "NOTE_NO_DATE",
    "NOTE_NO_SOURCE",
    "IngestOptions",
    "article_id",
    "format_for_name",
    "make_article",
    "parse_date",
    "read_articles",
    "read_stream",
]

logger = logging.getLogger(__name__)

DEFAULT_OPTIONS = IngestOptions()
STDIN = "-"
STDIN_ORIGIN = "<stdin>"

Reader = Callable[[BinaryIO, str, IngestOptions], Iterator[Article | Rejected]]

READERS: dict[str, Reader] = {
    "text": read_text,
    "jsonl": read_jsonl,
    "csv": read_csv,
    "tsv": partial(read_csv, delimiter="\t"),
    "html": read_html,
}

FORMATS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".csv": "csv",
    ".tsv": "tsv",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
}
"""File name endings (before an optional .gz) and the format each is read as."""


def read_articles(
    paths: Sequence[str | Path], *, options: IngestOptions = DEFAULT_OPTIONS
) -> Iterator[Article | Rejected]:
    """Every article in `paths` (files, folders, or "-" for standard input), lazily, in order.

    Folders are walked recursively in sorted order, reading only files whose names have a
    known ending (see `FORMATS`, optionally followed by .gz) and skipping hidden ones.
    """
    for path in paths:
        if str(path) == STDIN:
            yield from _read_stdin(options)
        elif str(path).strip():
            yield from _read_path(Path(path), options)
        else:  # Path("") would silently mean the current folder
            yield Rejected("", "not-found", "an empty path was given; name a file or folder")


def make_article(
    text: str,
    *,
    date: dt.date | str | None = None,
    source: str | None = None,
    title: str | None = None,
    url: str | None = None,
    id: str | None = None,
    origin: str = "<text>",
    options: IngestOptions = DEFAULT_OPTIONS,
) -> Article:
    """One article from a string, checked like any input. Raises `InputError` when rejected.

    The article keeps `text` exactly as given (outer whitespace and all), so that every offset
    found in it indexes the caller's string; its id is that of the trimmed text, as a file's is.
    """
    day = date.isoformat() if isinstance(date, dt.date) else date
    fields = Fields(text=text, date=day, id=id, source=source, title=title, url=url)
    article = build_article(fields, origin, options)
    if isinstance(article, Rejected):
        raise InputError(article.message)
    return dataclasses.replace(article, text=text)


def format_for_name(name: str) -> str | None:
    """The format a file name announces ("notes.txt.gz" -> "text"), or None."""
    lowered = name.lower().removesuffix(".gz")
    return FORMATS.get(os.path.splitext(lowered)[1])


def shown_path(path: str | Path) -> str:
    """`path` as text that can be printed and stored: bytes of a file name that are not UTF-8
    (which Python keeps as lone surrogates) are written as \\xNN escapes."""
    return os.fsencode(path).decode("utf-8", errors="backslashreplace")


def _read_path(path: Path, options: IngestOptions) -> Iterator[Article | Rejected]:
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        shown = shown_path(path)
        yield Rejected(shown, "not-found", f"{shown}: no such file or folder; check the path")
        return
    except OSError as error:  # a name too long, a loop of links, no permission on a parent
        yield _unreadable(shown_path(path), error)
        return
    if not stat.S_ISDIR(mode):
        yield from _read_file(path, options)
        return
    for item in _walk(path):
        if isinstance(item, Rejected):
            yield item
        else:
            yield from _read_file(item, options)


def _walk(folder: Path, seen: frozenset[str] = frozenset()) -> Iterator[Path | Rejected]:
    """Files to read under `folder`, depth first in name order; a symlink loop is not followed."""
    real = os.path.realpath(folder)
    if real in seen:
        logger.warning("skipped %s: a link back to a folder being read", folder)
        return
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as error:
        yield _unreadable(shown_path(folder), error)
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            is_dir = entry.is_dir()
            is_file = not is_dir and entry.is_file()
        except OSError as error:  # a link to itself (ELOOP), a name gone since the listing
            yield _unreadable(shown_path(entry.path), error)
            continue
        if is_dir:
            yield from _walk(Path(entry.path), seen | {real})
        elif is_file and format_for_name(entry.name):
            yield Path(entry.path)
        else:
            logger.debug("skipped %s: not a known article format", entry.path)


def _read_file(path: Path, options: IngestOptions) -> Iterator[Article | Rejected]:
    origin = shown_path(path)
    try:
        raw = path.open("rb")
    except OSError as error:
        yield _unreadable(origin, error)
        return
    with raw:
        yield from read_stream(raw, origin, name=path.name, options=options)


def _read_stdin(options: IngestOptions) -> Iterator[Article | Rejected]:
    stream = sys.stdin
    if stream is None or stream.closed:
        yield Rejected(
            STDIN_ORIGIN,
            "unreadable",
            f"{STDIN_ORIGIN}: standard input is closed or absent; pipe the articles in, "
            "or name files instead of -",
        )
        return
    raw = getattr(stream, "buffer", None)
    if raw is None:  # an in-memory text stream (tests, notebooks): it is already in memory
        raw = io.BytesIO(stream.read().encode("utf-8"))
    yield from read_stream(raw, STDIN_ORIGIN, options=options)


def read_stream(
    raw: BinaryIO, origin: str, *, name: str | None = None, options: IngestOptions = DEFAULT_OPTIONS
) -> Iterator[Article | Rejected]:
    """Articles of one byte stream (a file's bytes from anywhere: Spark, a socket); `name`
    picks the format by its extension, else the content does. Never raises on bad input."""
    fmt = format_for_name(name) if name else None
    yield from _guarded(_read_bytes(raw, origin, fmt, options), origin)


def _read_bytes(
    raw: BinaryIO, origin: str, fmt: str | None, options: IngestOptions
) -> Iterator[Article | Rejected]:
    opened = open_input(raw)
    if not opened.head.strip():
        yield Rejected(
            origin, "empty", f"{origin}: the input is empty; give it article text or remove it"
        )
        return
    if looks_binary(opened.head):
        yield binary(origin, opened)
        return
    opened = as_utf8(opened)
    fmt = fmt or sniff(opened.head, options)
    logger.debug("reading %s as %s", origin, fmt)
    yield from READERS[fmt](opened.stream, origin, options)


def sniff(head: bytes, options: IngestOptions) -> str:
    """The format of an input from its first bytes: jsonl, html, csv, tsv, else text."""
    text = head.decode("utf-8", errors="replace").lstrip("\ufeff")
    start = text.lstrip()
    if start.startswith("{"):
        return "jsonl"
    if start.startswith("<"):
        return "html"
    if DATE_LINE.match(text):
        return "text"
    first = text.split("\n", 1)[0].strip().lower()
    column = options.name_of("text").lower()
    for fmt, delimiter in (("tsv", "\t"), ("csv", ",")):
        names = [name.strip().strip('"') for name in first.split(delimiter)]
        if len(names) > 1 and column in names:
            return fmt
    return "text"


def _guarded(items: Iterator[Article | Rejected], origin: str) -> Iterator[Article | Rejected]:
    """`items`, ending with a rejection instead of an exception when the stream breaks."""
    count = 0
    try:
        for item in items:
            count += 1
            yield item
    except READ_ERRORS as error:
        corrupt = isinstance(error, (EOFError, zlib.error, gzip.BadGzipFile))
        yield Rejected(
            origin,
            "corrupt" if corrupt else "unreadable",
            f"{origin}: reading stopped after {count} record(s): {error}. The records before "
            "this point were read; check the file (a truncated download or a broken gzip?) "
            "and read it again",
        )
    except Exception as error:  # an input must never stop a run: whatever broke, say so, go on
        logger.exception("reading %s failed after %d record(s)", origin, count)
        yield Rejected(
            origin,
            "unreadable",
            f"{origin}: reading stopped after {count} record(s) ({type(error).__name__}: "
            f"{error}). The records before this point were read; the run went on. Check the "
            "file, and please report this error with it",
        )


def _unreadable(origin: str, error: OSError) -> Rejected:
    return Rejected(
        origin,
        "unreadable",
        f"{origin}: cannot be read ({error.strerror or error}); check that it exists and "
        "that you may read it",
    )
