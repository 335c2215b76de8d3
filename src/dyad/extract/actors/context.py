"""The words around a name: titles, "former", possessives, appositions, locative prepositions.

Token-based, so they work on a Doc with or without a dependency parse; where a parse exists
the motion check reads the head of the preposition too.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dyad.extract.actors.dictionary import ActorDictionary, Title
from dyad.lexicon import words

if TYPE_CHECKING:
    from spacy.tokens import Doc

LOCATIVE = frozenset(
    {
        "in",
        "at",
        "near",
        "inside",
        "outside",
        "within",
        "across",
        "throughout",
        "around",
        "into",
        "onto",
        "toward",
        "towards",
        "via",
        "beyond",
        "through",
        "outskirts",
    }
)
DIRECTIONAL = frozenset({"to", "from"})
MOTION = frozenset(words("actors.context", "motion"))
DEPUTY = frozenset(words("actors.context", "deputy"))
POSSESSIVE_PRONOUNS: Mapping[str, str | None] = {"his": "m", "her": "f", "their": None}
SUBJECT_PRONOUNS: Mapping[str, str] = {"he": "m", "she": "f"}
APPOSITION_STOP = frozenset({",", ".", ";", ":", ")", "(", "—", "–", "for", "at", "in", "who"})
POSSESSIVE_S = frozenset({"'s", "’s", "'", "’"})
_FILLER = frozenset({"of", "-", "the"})
_LEADING = frozenset({"of", "-", "the", "for", "to", "and", "on", "in"})


@dataclass(frozen=True, slots=True)
class TitleContext:
    """A title found beside a name: what office, whether former, whose, of which country."""

    start: int  # first token of the title phrase (the mention starts here)
    end: int  # one past its last token
    title: Title
    text: str  # the title as written: "Secretary of State", "Deputy Minister of Defense"
    former: bool = False
    deputy: bool = False
    country: str | None = None
    possessor: int | None = None  # token index of "his"/"her" or of the possessor's last token


def _words(dictionary: ActorDictionary) -> frozenset[str]:
    words = {w for term in dictionary.titles for w in term.split()}
    former = {w.rstrip("-") for w in dictionary.former if not w.endswith("-") or w == "ex-"}
    return frozenset(words | former | _FILLER)


_WORDS: dict[int, frozenset[str]] = {}


def title_words(dictionary: ActorDictionary) -> frozenset[str]:
    """Every word that can be part of a title phrase (cached per dictionary)."""
    key = id(dictionary.titles)
    if key not in _WORDS:
        _WORDS[key] = _words(dictionary)
    return _WORDS[key]


_ENDS: dict[int, frozenset[str]] = {}


def title_ends(dictionary: ActorDictionary) -> frozenset[str]:
    """The last word of every title ("president", "minister", "affairs"), cached."""
    key = id(dictionary.titles)
    if key not in _ENDS:
        _ENDS[key] = frozenset(term.split()[-1] for term in dictionary.titles)
    return _ENDS[key]


def title_before(
    doc: Doc, start: int, codes: Mapping[int, str], dictionary: ActorDictionary
) -> TitleContext | None:
    """The title right before the name starting at token `start` ("US Secretary of State")."""
    words = title_words(dictionary)
    if start == 0:
        return None
    floor = doc[start - 1].sent.start if doc.has_annotation("SENT_START") else 0
    i = start - 1
    possessor = None
    while i >= max(floor, start - 12):
        low = doc[i].lower_
        if low in POSSESSIVE_S and i - 1 >= floor and doc[i - 1].lower_ not in words:
            possessor = i - 1 if i - 1 not in codes else None
            if possessor is None:
                i -= 1  # "Russia's" is the country of the title
                continue
            break
        if low in POSSESSIVE_PRONOUNS:
            possessor = i
            break
        if not (low in words or low in POSSESSIVE_S or i in codes):
            break
        i -= 1
    return _title_in(doc, i + 1, start, codes, dictionary, possessor)


def title_after(
    doc: Doc, end: int, codes: Mapping[int, str], dictionary: ActorDictionary
) -> TitleContext | None:
    """A title in apposition after the name: "Andrei Kozyrev, a former foreign minister,"."""
    if end + 1 >= len(doc) or doc[end].text != ",":
        return None
    words = title_words(dictionary)
    j = end + 1
    if doc[j].lower_ in ("a", "an", "the"):
        j += 1
    first, possessor = j, None
    while j < len(doc) and j - first < 10 and doc[j].lower_ not in APPOSITION_STOP:
        token = doc[j]
        if token.lower_ in POSSESSIVE_S and j > first:
            possessor = j - 1 if (j - 1) not in codes else possessor
        elif not (token.lower_ in words or j in codes or token.lower_ in POSSESSIVE_PRONOUNS):
            if token.is_title and j + 1 < len(doc) and doc[j + 1].lower_ in POSSESSIVE_S:
                j += 1
                continue
            return None
        elif token.lower_ in POSSESSIVE_PRONOUNS:
            possessor = j
        j += 1
    found = _title_in(doc, first, j, codes, dictionary, possessor)
    return found


def _title_in(
    doc: Doc,
    start: int,
    end: int,
    codes: Mapping[int, str],
    dictionary: ActorDictionary,
    possessor: int | None,
) -> TitleContext | None:
    while start < end and doc[start].lower_ in _LEADING | POSSESSIVE_S:
        start += 1
    if start >= end:
        return None
    match = _best_title(doc, start, end, codes, dictionary)
    if match is None:
        return None
    first, last, title = match
    country = next((codes[k] for k in range(last - 1, start - 1, -1) if k in codes), None)
    former = any(_former(doc, k, dictionary) for k in range(start, first))
    deputy = first > start and doc[first - 1].lower_ in DEPUTY
    text_start = first - 1 if deputy else first
    return TitleContext(
        start=start,
        end=end,
        title=title,
        text=doc[text_start:last].text,
        former=former,
        deputy=deputy,
        country=country,
        possessor=possessor,
    )


def _former(doc: Doc, k: int, dictionary: ActorDictionary) -> bool:
    token = doc[k]
    hyphen = k + 1 < len(doc) and doc[k + 1].text == "-"
    return token.lower_ in dictionary.former or (hyphen and f"{token.lower_}-" in dictionary.former)


def _best_title(
    doc: Doc, start: int, end: int, codes: Mapping[int, str], dictionary: ActorDictionary
) -> tuple[int, int, Title] | None:
    """The title term ending nearest the name, longest first: (first, last + 1, title)."""
    for last in range(end, start, -1):
        if (last - 1) in codes or doc[last - 1].lower_ in POSSESSIVE_S:
            continue
        for first in range(start, last):
            if any(k in codes or doc[k].lower_ in POSSESSIVE_S for k in range(first, last)):
                continue
            title = dictionary.titles.get(doc[first:last].text.lower())
            if title is not None:
                return first, last, title
    return None


def is_locative(doc: Doc, start: int, *, country: bool = False) -> bool:
    """True when the name at `start` is a place: "in Moscow", "sent a delegation to Turkey".
    A `country` after "at" is a target, not a place ("lashed out at Turkey")."""
    i = start - 1
    while i >= 0 and doc[i].lower_ in (
        "the",
        "central",
        "eastern",
        "western",
        "northern",
        "southern",
        "downtown",
    ):
        i -= 1
    if i < 0:
        return False
    prep = doc[i]
    if prep.lower_ in LOCATIVE:
        return not (country and prep.lower_ == "at")
    if prep.lower_ not in DIRECTIONAL:
        return False
    if doc.has_annotation("DEP") and prep.head.i != prep.i:
        return prep.head.lower_ in MOTION or prep.head.lemma_.lower() in MOTION
    return any(doc[k].lower_ in MOTION for k in range(max(0, i - 5), i))
