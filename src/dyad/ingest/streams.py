"""Bytes in: opening files and standard input, gzip, binary checks, decoding, bounded lines.

Nothing here reads more than one file, and line readers never hold more than one line.
"""

from __future__ import annotations

import codecs
import gzip
import io
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from dyad.model import Rejected

HEAD_BYTES = 8192
GZIP_MAGIC = b"\x1f\x8b"
READ_ERRORS = (OSError, EOFError, zlib.error)  # gzip.BadGzipFile is an OSError

_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


class Replay(io.RawIOBase):
    """A stream that first gives back bytes already read (`head`), then the rest of `rest`."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        super().__init__()
        self._head = head
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]  # typeshed's Buffer
        if self._head:
            size = min(len(buffer), len(self._head))
            buffer[:size] = self._head[:size]
            self._head = self._head[size:]
            return size
        data = self._rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


@dataclass(frozen=True, slots=True)
class Opened:
    """An input stream, its first bytes (still to be read from `stream`), and whether gzipped."""

    stream: BinaryIO
    head: bytes
    gzipped: bool


def open_input(raw: BinaryIO) -> Opened:
    """Peek at `raw`, unwrap gzip when the bytes say so, and peek again.

    Raises the stream's own errors (OSError, EOFError, zlib.error); callers turn them into
    rejections.
    """
    head = raw.read(HEAD_BYTES)
    stream: BinaryIO = io.BufferedReader(Replay(head, raw))
    if not head.startswith(GZIP_MAGIC):
        return Opened(stream, head, gzipped=False)
    inner = gzip.GzipFile(fileobj=stream, mode="rb")
    inner_head = inner.read(HEAD_BYTES)
    return Opened(io.BufferedReader(Replay(inner_head, inner)), inner_head, gzipped=True)  # type: ignore[arg-type]  # GzipFile is a binary stream


MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "a ZIP archive: unzip it and read the folder"),
    (b"BZh", "bzip2-compressed: decompress it (bunzip2), or recompress it with gzip"),
    (b"\xfd7zXZ\x00", "xz-compressed: decompress it (unxz), or recompress it with gzip"),
    (b"%PDF-", "a PDF: extract its text first (for example with pdftotext)"),
    (b"\x89PNG", "an image"),
    (b"GIF8", "an image"),
    (b"\xff\xd8\xff", "an image"),
    (b"SQLite format 3\x00", "a database"),
)
"""Leading bytes of common non-text files, and what to tell the user about each."""


def looks_binary(head: bytes) -> bool:
    """True for bytes that are not text: a known binary format, NUL bytes, many control bytes."""
    if head.startswith(_BOMS):
        return False
    if b"\x00" in head or _magic(head) is not None:
        return True
    return len(_CONTROL.findall(head)) > max(8, len(head) // 100)


def _magic(head: bytes) -> str | None:
    return next((what for prefix, what in MAGIC if head.startswith(prefix)), None)


def binary(origin: str, opened: Opened) -> Rejected:
    """The rejection for a binary input."""
    what = "the decompressed content" if opened.gzipped else "the file"
    kind = _magic(opened.head) or "binary, not text (it holds NUL or control bytes)"
    return Rejected(
        origin,
        "binary",
        f"{origin}: {what} is {kind}; Dyad reads plain text, JSON Lines, CSV or HTML, "
        "optionally gzipped",
    )


class Transcoded(io.RawIOBase):
    """UTF-16 bytes (after their byte-order mark) given out as UTF-8 bytes, a chunk at a time."""

    def __init__(self, stream: BinaryIO) -> None:
        super().__init__()
        # errors="replace": a broken surrogate becomes U+FFFD rather than an exception mid-read
        self._text = io.TextIOWrapper(stream, encoding="utf-16", errors="replace")
        self._pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]  # typeshed's Buffer
        while not self._pending:
            chunk = self._text.read(HEAD_BYTES)
            if not chunk:
                return 0
            self._pending = chunk.encode("utf-8")
        size = min(len(buffer), len(self._pending))
        buffer[:size] = self._pending[:size]
        self._pending = self._pending[size:]
        return size


def as_utf8(opened: Opened) -> Opened:
    """`opened` unchanged, or its UTF-16 content (marked by a byte-order mark) as UTF-8."""
    if not opened.head.startswith(_BOMS):
        return opened
    stream = io.BufferedReader(Transcoded(opened.stream))
    return Opened(stream, stream.peek(HEAD_BYTES)[:HEAD_BYTES], opened.gzipped)


@dataclass(frozen=True, slots=True)
class Decoded:
    """Text decoded from bytes, with a note when it was not clean UTF-8."""

    text: str
    note: str | None = None


def decode(data: bytes, origin: str, *, declared: str | None = None) -> Decoded | Rejected:
    """Decode a whole file: in its `declared` charset (an HTML page's), else as UTF-8 (with or
    without BOM), else as Windows-1252.

    Windows-1252 is tried only when the bytes hold no UTF-8 multi-byte sequence at all and read
    as mostly ASCII letters (a Western European legacy file, not Cyrillic or Greek in another
    code page); a UTF-8 file with a few broken bytes keeps its text with U+FFFD in their place.
    """
    if declared is not None:
        return _decode_declared(data, origin, declared)
    text = data.decode("utf-8-sig", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    if bad == 0:
        return Decoded(text)
    if _has_utf8_sequences(data) and bad * 100 <= max(len(data), 1):
        return Decoded(text, f"{bad} byte(s) not valid UTF-8 were replaced with U+FFFD")
    legacy = data.decode("cp1252", errors="replace")
    if "\ufffd" not in legacy and not _has_utf8_sequences(data) and _mostly_ascii(legacy):
        return Decoded(legacy, "not UTF-8: read as Windows-1252 (Latin-1)")
    return undecodable(origin, _first_bad_byte(data))


def _decode_declared(data: bytes, origin: str, declared: str) -> Decoded | Rejected:
    try:
        text = data.decode(declared, errors="replace")
        bad = text.count("\ufffd") - data.count("\ufffd".encode(declared, errors="ignore"))
    except (UnicodeError, LookupError):  # a codec that fails even with errors="replace"
        return undecodable(origin, None, declared=declared)
    if bad * 100 > max(len(data), 1):
        return undecodable(origin, None, declared=declared)
    return Decoded(text)


def known_charset(name: str) -> str | None:
    """The codec name for a declared charset, or None when unknown or a UTF-16/32 one (those
    are transcoded from their byte-order mark before decoding)."""
    try:
        info = codecs.lookup(name.strip().lower())
    except LookupError:  # an unknown name in a page's meta tag: fall back to detection
        return None
    # rot13, base64, zlib and friends are codecs but not text encodings; idna and "undefined"
    # refuse errors="replace". A page declaring one of them is read as if it declared nothing.
    if not getattr(info, "_is_text_encoding", True) or info.name in _NOT_CHARSETS:
        return None
    return None if info.name.startswith(("utf-16", "utf-32")) else info.name


_NOT_CHARSETS = frozenset({"idna", "undefined", "punycode", "unicode-escape", "raw-unicode-escape"})


def _mostly_ascii(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return sum(not c.isascii() for c in letters) * 5 <= len(letters)


_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]+")


def _has_utf8_sequences(data: bytes) -> bool:
    return any(_valid_utf8(m.group()) for m in _UTF8_SEQUENCE.finditer(data))


def _valid_utf8(chunk: bytes) -> bool:
    return chunk.decode("utf-8", errors="replace").count("\ufffd") == 0


def _first_bad_byte(data: bytes) -> tuple[int, int]:
    """(line, byte offset) of the first byte that is not UTF-8."""
    decoded = data.decode("utf-8", errors="replace")
    index = decoded.find("\ufffd")
    offset = len(decoded[:index].encode("utf-8")) if index >= 0 else 0
    return data.count(b"\n", 0, offset) + 1, offset


def undecodable(
    origin: str, where: tuple[int, int] | None, *, declared: str | None = None
) -> Rejected:
    """The rejection for text that cannot be decoded."""
    at = f" (first bad byte on line {where[0]}, offset {where[1]})" if where else ""
    what = (
        f"not valid {declared}, the charset it declares"
        if declared
        else f"not valid UTF-8{at} and not a recognisable legacy encoding"
    )
    return Rejected(
        origin,
        "undecodable",
        f"{origin}: the text is {what}; convert it to UTF-8 "
        "(for example `iconv -f WINDOWS-1251 -t UTF-8`) and read it again",
    )


def read_capped(stream: BinaryIO, limit: int) -> tuple[bytes, bool]:
    """Up to `limit` bytes of `stream`, and whether more remained (then the rest is not read)."""
    data = stream.read(limit + 1)
    return data[:limit], len(data) > limit


@dataclass(frozen=True, slots=True)
class Line:
    """One physical line: its number from 1, and its bytes (None when longer than the limit)."""

    number: int
    data: bytes | None


def lines(stream: BinaryIO, limit: int) -> Iterator[Line]:
    """The lines of `stream`, never holding more than `limit` bytes of one line."""
    number = 0
    while True:
        chunk = stream.readline(limit + 1)
        if not chunk:
            return
        number += 1
        if len(chunk) <= limit or chunk.endswith(b"\n"):
            yield Line(number, chunk)
            continue
        while chunk and not chunk.endswith(b"\n"):
            chunk = stream.readline(limit)
        yield Line(number, None)
