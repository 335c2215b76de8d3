"""Normalised keys for place names: one spelling per name, however it is written.

"St. Louis", "Saint Louis" and "ST LOUIS" share a key; so do "Kyiv" and "KYIV", "São Paulo"
and "Sao Paulo". Keys are lower case ASCII words separated by one space.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["name_keys", "normalise"]

_DROP = re.compile(r"[.'’`ʻʼ]")
_SPLIT = re.compile(r"[^0-9a-z]+")
# Abbreviated first words and their long forms: both spellings get a key.
_PREFIXES = {"st": "saint", "ste": "sainte", "ft": "fort", "mt": "mount", "pt": "port"}
_MAX_KEY = 60


def normalise(text: str) -> str:
    """The lookup key of `text`: accents stripped, lower case, punctuation dropped."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    lowered = _DROP.sub("", stripped.casefold().replace("&", " and "))
    words = _SPLIT.sub(" ", lowered).split()
    if words and words[0] == "the" and len(words) > 1:
        words = words[1:]
    return " ".join(words)


def name_keys(name: str) -> list[str]:
    """Every key `name` is found under: its normal key and its abbreviation variants.

    Names that are not written in Latin letters give no key: text is English.
    """
    key = normalise(name)
    if not key or len(key) > _MAX_KEY or not key.isascii() or not _is_latin(name):
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
    return all(not c.isalpha() or "LATIN" in unicodedata.name(c, "") for c in name)
