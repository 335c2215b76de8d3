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


def looks_binary(head: bytes) -> bool:
    """True for bytes that are not text: NUL bytes (outside UTF-16) or many control bytes."""
    if head.startswith(_BOMS):
        return False
    if b"\x00" in head:
        return True
    return len(_CONTROL.findall(head)) > max(8, len(head) // 100)


def binary(origin: str, gzipped: bool) -> Rejected:
    """The rejection for a binary file."""
    what = "the decompressed content" if gzipped else "the file"
    return Rejected(
        origin,
        "binary",
        f"{origin}: {what} is binary, not text (it holds NUL or control bytes); "
        "give plain text, JSON Lines, CSV or HTML, optionally gzipped",
    )


@dataclass(frozen=True, slots=True)
class Decoded:
    """Text decoded from bytes, with a note when it was not clean UTF-8."""

    text: str
    note: str | None = None


def decode(data: bytes, origin: str) -> Decoded | Rejected:
    """Decode a whole file: UTF-8 (with or without BOM), UTF-16 with a BOM, else Windows-1252.

    Windows-1252 is tried only when the bytes hold no UTF-8 multi-byte sequence at all (a legacy
    8-bit file); a UTF-8 file with a few broken bytes keeps its text with U+FFFD in their place.
    """
    if data.startswith(_BOMS):
        return _decode_utf16(data, origin)
    text = data.decode("utf-8-sig", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    if bad == 0:
        return Decoded(text)
    if _has_utf8_sequences(data) and bad * 100 <= max(len(data), 1):
        return Decoded(text, f"{bad} byte(s) not valid UTF-8 were replaced with U+FFFD")
    legacy = data.decode("cp1252", errors="replace")
    if "\ufffd" not in legacy and not _has_utf8_sequences(data):
        return Decoded(legacy, "not UTF-8: read as Windows-1252 (Latin-1)")
    return undecodable(origin, _first_bad_byte(data))


def _decode_utf16(data: bytes, origin: str) -> Decoded | Rejected:
    text = data.decode("utf-16", errors="replace")
    if "\ufffd" in text:
        return undecodable(origin, None)
    return Decoded(text)


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


def undecodable(origin: str, where: tuple[int, int] | None) -> Rejected:
    """The rejection for text that cannot be decoded."""
    at = f" (first bad byte on line {where[0]}, offset {where[1]})" if where else ""
    return Rejected(
        origin,
        "undecodable",
        f"{origin}: the text is not valid UTF-8{at} and not a recognisable legacy encoding; "
        "convert it to UTF-8 (for example `iconv -f WINDOWS-1252 -t UTF-8`) and read it again",
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
