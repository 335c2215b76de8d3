"""Normalised keys for place names: one spelling per name, however it is written.

"St. Louis", "Saint Louis" and "ST LOUIS" share a key; so do "Kyiv" and "KYIV", "São Paulo"
and "Sao Paulo". Keys are lower case ASCII words separated by one space.
"""

from __future__ import annotations

import functools
import re
import sys
import unicodedata

__all__ = ["name_keys", "normalise"]

_DROP = re.compile(r"[.'’`ʻʼ]")
_SPLIT = re.compile(r"[^0-9a-z]+")
# Abbreviated first words and their long forms: both spellings get a key.
_PREFIXES = {"st": "saint", "ste": "sainte", "ft": "fort", "mt": "mount", "pt": "port"}
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
    keys = [key]
    first, _, rest = key.partition(" ")
    if rest:
        if first in _PREFIXES:
            keys.append(f"{_PREFIXES[first]} {rest}")
        for short, long in _PREFIXES.items():
            if first == long:
                keys.append(f"{short} {rest}")
    return keys


def _is_latin(name: str) -> bool:
    """True when every letter of `name` is a Latin letter (accents allowed)."""
    return name.isascii() or all(map(_latin_char, name))


@functools.cache
def _latin_char(c: str) -> bool:
    return not c.isalpha() or "LATIN" in unicodedata.name(c, "")


@functools.cache
def _combining_marks() -> dict[int, None]:
    """A `str.translate` table deleting every combining mark."""
    return {i: None for i in range(sys.maxunicode + 1) if unicodedata.combining(chr(i))}
