"""Normalised keys for place names: one spelling per name, however it is written.

"St. Louis", "Saint Louis" and "ST LOUIS" share a key; so do "Kyiv" and "KYIV", "São Paulo"
and "Sao Paulo". Keys are lower case ASCII words separated by one space.
"""

from __future__ import annotations

import functools
import re
import unicodedata

__all__ = ["name_keys", "name_keys_many", "normalise"]

_DROP = re.compile(r"[.'’`ʻʼ]")
_SPLIT = re.compile(r"[^0-9a-z]+")
_SPLIT_LINES = re.compile(r"[^0-9a-z\n]+")  # _SPLIT over many names, one a line
# Abbreviated first words and their long forms: both spellings get a key.
_PREFIXES = {"st": "saint", "ste": "sainte", "ft": "fort", "mt": "mount", "pt": "port"}
_VARIANTS = {**_PREFIXES, **{long: short for short, long in _PREFIXES.items()}}
_MAX_KEY = 60


def normalise(text: str) -> str:
    """The lookup key of `text`: accents stripped, lower case, punctuation dropped."""
    if not text.isascii():  # ASCII text has no accents to strip
        text = unicodedata.normalize("NFKD", text).translate(_combining_marks())
    lowered = _DROP.sub("", text.casefold().replace("&", " and "))
    words = _SPLIT.sub(" ", lowered).split()
    if words and words[0] == "the" and len(words) > 1:
        words = words[1:]
    return " ".join(words)


def name_keys(name: str) -> list[str]:
    """Every key `name` is found under: its normal key and its abbreviation variants.

    Names that are not written in Latin letters give no key: text is English.
    """
    if not _is_latin(name):
        return []
    key = normalise(name)
    if not key or len(key) > _MAX_KEY or not key.isascii():
        return []
    return _with_variants(key)


def name_keys_many(names: list[str]) -> list[list[str]]:
    """`name_keys` of every name, the same keys, several times faster on a large list.

    The regular expressions and case folding run once over all names joined by newlines
    (no step joins or splits lines), instead of once per name.
    """
    latin = [name.isascii() or _is_latin(name) for name in names]
    todo = [name for name, ok in zip(names, latin, strict=True) if ok]
    blob = "\n".join(todo)
    if blob.count("\n") != max(len(todo) - 1, 0):  # a name holding a newline: one at a time
        return [name_keys(name) for name in names]
    if not blob.isascii():
        blob = unicodedata.normalize("NFKD", blob).translate(_combining_marks())
    blob = _DROP.sub("", blob.casefold().replace("&", " and "))
    lines = iter(_SPLIT_LINES.sub(" ", blob).split("\n"))
    out: list[list[str]] = []
    for ok in latin:
        words = next(lines).split() if ok else []
        if len(words) > 1 and words[0] == "the":
            words = words[1:]
        key = " ".join(words)
        ascii_key = key and len(key) <= _MAX_KEY and key.isascii()
        out.append(_with_variants(key) if ascii_key else [])
    return out


def _with_variants(key: str) -> list[str]:
    """`key`, and its spelling with the abbreviated or the long form of its first word."""
    first, _, rest = key.partition(" ")
    if rest and first in _VARIANTS:
        return [key, f"{_VARIANTS[first]} {rest}"]
    return [key]


def _is_latin(name: str) -> bool:
    """True when every letter of `name` is a Latin letter (accents allowed)."""
    return name.isascii() or all(map(_latin_char, name))


@functools.cache
def _latin_char(c: str) -> bool:
    return not c.isalpha() or "LATIN" in unicodedata.name(c, "")


class _CombiningMarks(dict[int, int | None]):
    """A `str.translate` table deleting every combining mark, filled in as characters are met
    (a table of all of Unicode took a second to build in every process)."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        self[code] = kept
        return kept


@functools.cache
def _combining_marks() -> _CombiningMarks:
    return _CombiningMarks()
