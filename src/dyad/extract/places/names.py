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
_THE = re.compile(r"^the (?=.)", re.MULTILINE)


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

    Each step runs once over all names joined by newlines (no step joins or splits lines)
    instead of once per name; accents are stripped from the non-ASCII names only.
    """
    if any("\n" in name for name in names):  # a name holding a newline: one at a time
        return [name_keys(name) for name in names]
    if not names:
        return []
    lines = _key_lines(names)
    return [_with_variants(key) if key else [] for key in lines]


def _key_lines(names: list[str]) -> list[str]:
    """`normalise` of every name, or "" for a name that gives no key."""
    plain = [name.isascii() for name in names]
    other = [name for name, ok in zip(names, plain, strict=True) if not ok]
    stripped = iter(_strip_accents(other))
    blob = "\n".join(name if ok else next(stripped) for name, ok in zip(names, plain, strict=True))
    blob = _DROP.sub("", blob.casefold().replace("&", " and "))
    # Runs of other characters are now one space each: a line's ends hold one space at most.
    blob = _SPLIT_LINES.sub(" ", blob).replace(" \n", "\n").replace("\n ", "\n").strip(" ")
    blob = _THE.sub("", blob)
    return [key if len(key) <= _MAX_KEY else "" for key in blob.split("\n")]


def _strip_accents(names: list[str]) -> list[str]:
    """Names decomposed with their combining marks dropped; "" for a name not in Latin letters."""
    chars = "".join(set("".join(names)))
    foreign = [c for c in chars if not _latin_char(c)]
    if foreign:
        pattern = re.compile(f"[{re.escape(''.join(foreign))}]")
        latin = [pattern.search(name) is None for name in names]
    else:
        latin = [True] * len(names)
    todo = [name for name, ok in zip(names, latin, strict=True) if ok]
    blob = unicodedata.normalize("NFKD", "\n".join(todo))
    # The marks a decomposition can hold are those of the names' distinct characters.
    marks = [c for c in set(unicodedata.normalize("NFKD", chars)) if unicodedata.combining(c)]
    if marks:
        blob = re.sub(f"[{re.escape(''.join(marks))}]+", "", blob)
    done = iter(blob.split("\n") if todo else ())
    return [next(done) if ok else "" for ok in latin]


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
