"""Toponym detection: which stretches of a parsed article name places.

Sources, in order of trust:
- the article's dateline ("KYIV, May 3 (Reuters) -"), which small models miss in capitals;
- the entity recogniser's GPE and LOC entities, and FAC entities the gazetteer knows (a FAC
  it does not know is a street or a building: an address, not a toponym);
- entities the small model mislabels (ORG "Ohio", PERSON "Alexandria") and untagged proper
  nouns, when the gazetteer knows the name and the syntax says place: a locative preposition
  ("in Fargo"), a "Town, State" pair, or a country or state's own name;
- demonyms ("Sudanese", "the Turkish resort"), as role "demonym": they name a country
  without being a place where something happens.

A candidate is dropped when an actor covers it as a person (a name the model mistook for a
place), unless the name is a lone word no full name of the article holds and the syntax places it,
there or in another mention ("420 Augusta St., Alexandria"). One an actor covers
as an agent is a metonym ("Moscow said" names the Russian government): it is kept with role
"metonym", a toponym that is never an event's place.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dyad.doctext import doc_text, span_root
from dyad.extract.places.gazetteer import Gazetteer
from dyad.extract.places.names import normalise
from dyad.lexicon import words
from dyad.model import ActorMention, Span
from dyad.overlap import MentionIndex, SpanSet

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

__all__ = ["Toponym", "dateline_span", "find_toponyms"]

PLACE_LABELS = frozenset({"GPE", "LOC"})
_MISLABELLED = frozenset({"ORG", "PERSON", "NORP", "FAC"})
_AGENT_DEPS = frozenset({"nsubj", "csubj"})
_LOCATIVE = frozenset(
    {
        "in",
        "at",
        "near",
        "from",
        "to",
        "of",
        "outside",
        "into",
        "across",
        "throughout",
        "around",
        "inside",
        "towards",
        "toward",
        "between",
        "through",
        "within",
    }
)
_PLACE_NOUNS = frozenset(words("places.detect", "place_nouns"))
_STRONG = frozenset({"PCLI", "ADM1", "CONT"})
_INSTITUTIONS = frozenset(words("places.detect", "institution_nouns"))
_LOCAL = frozenset({"ADM2", "ADM3"})  # with populated places: what an institution may be of
_DATELINE = re.compile(
    r"\s*(?P<place>[A-Z][A-Za-z.'\-]+(?: [A-Z][A-Za-z.'\-]+){0,3})"
    r"(?:,\s*[A-Z][A-Za-z.']+(?: [A-Z][A-Za-z.']+){0,2})?"  # ", Ukraine" or ", Texas"
    r"(?:,?\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?"  # ", May 3"
    r"(?:,?\s*\([A-Za-z. ]{2,30}\))?"  # "(Reuters)"
    r"\s*(?:[-—–]{1,2}|:)\s"
)
# A dateline after a headline: "Council adjusts budget. TORRINGTON — The city council..."
_LATE_DATELINE = re.compile(
    r"[.!?]\s+(?P<place>[A-Z][A-Z.'\-]{2,}(?: [A-Z][A-Z.'\-]+){0,3})"
    r"(?:,\s*[A-Z][A-Za-z.']+(?: [A-Z][A-Za-z.']+){0,2})?"
    r"(?:\s*\([A-Za-z. ]{2,30}\))?\s*(?:[-—–]{1,2}|:)\s"  # "(AP) —" or "BEIRUT:"
)
# A legislator's party and home: "Rep. Marty Seifert, R-Marshall", "(D-N.Y.)".
_PARTY_HOME = re.compile(
    r"(?:,\s*|\()(?:D|R|I|DFL)-(?P<place>[A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*){0,2})"
)
_LEADING = re.compile(r"^(?:the|The|THE)\s+")
_TRAILING = re.compile(r"(?:'s|’s|')$")


@dataclass(frozen=True, slots=True)
class Toponym:
    """A stretch of text taken to name a place."""

    span: Span
    role: str | None = None  # "dateline", "demonym", "metonym"


def find_toponyms(
    doc: Doc, gazetteer: Gazetteer, *, actors: Sequence[ActorMention] = ()
) -> list[Toponym]:
    """The toponyms of `doc`, in text order, metonyms and mistaken names left out."""
    found: list[Toponym] = []
    taken = SpanSet()
    dateline = dateline_span(doc_text(doc))
    if dateline is not None and gazetteer.lookup(dateline.text):
        found.append(Toponym(dateline, "dateline"))
        taken.add(dateline)
    for home in _party_homes(doc_text(doc), gazetteer):
        if not taken.overlaps(home):
            found.append(Toponym(home))
            taken.add(home)
    people = _person_names(actors)
    index = MentionIndex(actors)
    for candidate, role in _candidates(doc, gazetteer):
        span = _trimmed(candidate)
        if span is None or taken.overlaps(span):
            continue
        cover = _actor_cover(candidate, span, index, people)
        if cover != "person":
            found.append(Toponym(span, cover or role))
            taken.add(span)
    found += _repeated(doc, found, index, people)
    return sorted(found, key=lambda t: t.span.start)


def _repeated(
    doc: Doc, found: list[Toponym], actors: MentionIndex, people: frozenset[str]
) -> list[Toponym]:
    """Other mentions of a name the article already uses as a place, whatever their label
    and inside organisation names: "Alexandria" tagged PERSON in one sentence, or "the
    Alexandria City Public Schools", is the town another sentence names."""
    names = {normalise(t.span.text) for t in found if t.role != "demonym"}
    firsts = {name.split()[0] for name in names if name}
    out: list[Toponym] = []
    taken = SpanSet(t.span for t in found)
    for candidate in _windows(doc, firsts):
        span = _trimmed(candidate)
        if span is None or normalise(span.text) not in names or candidate.label_ == "NORP":
            continue
        if taken.overlaps(span):
            continue
        cover = _actor_cover(candidate, span, actors, people, placed=True)
        if cover != "person":
            out.append(Toponym(span, cover))
            taken.add(span)
    return out


def _windows(doc: Doc, firsts: set[str]) -> Iterator[SpacySpan]:
    """Entities, proper-noun runs, and the runs of up to three words inside entities, that
    start (after a "the") with a word in `firsts`: a cheap filter before normalising."""
    for span in (*doc.ents, *_proper_runs(doc)):
        if any(_first_word(t) in firsts for t in span[:2]):
            yield span
    for ent in doc.ents:
        for i in range(ent.start, ent.end):
            if _first_word(doc[i]) in firsts and (doc[i].is_title or doc[i].is_upper):
                yield from (doc[i:j] for j in range(min(ent.end, i + 3), i, -1))


def _first_word(token: Token) -> str:
    return token.lower_.rstrip(".'’")


def dateline_span(text: str) -> Span | None:
    """The place of a dateline opening `text` ("KYIV, May 3 (Reuters) -"), if any."""
    match = _DATELINE.match(text[:200])
    if match is None:
        late = _LATE_DATELINE.search(text[:300])
        return None if late is None else Span(*late.span("place"), late.group("place"))
    start, end = match.span("place")
    name = text[start:end]
    if not name.isupper() and "," not in text[end : match.end()] and "(" not in match.group(0):
        return None  # a headline word followed by a dash, not a dateline
    return Span(start, end, name)


def _party_homes(text: str, gazetteer: Gazetteer) -> Iterator[Span]:
    """The places of legislators' party-and-home tags the gazetteer knows ("D-Calif.")."""
    for match in _PARTY_HOME.finditer(text):
        start = match.start("place")
        words = match.group("place").split(" ")
        names = (" ".join(words[:n]) for n in range(len(words), 0, -1))
        known = (n for whole in names for n in (whole, whole.rstrip(".")) if gazetteer.lookup(n))
        name = next(known, None)
        if name is not None:
            yield Span(start, start + len(name), name)


def _candidates(doc: Doc, gazetteer: Gazetteer) -> Iterator[tuple[SpacySpan, str | None]]:
    """Entities and proper-noun runs that name places, with their role."""
    for ent in doc.ents:
        if ent.label_ in PLACE_LABELS:
            yield _widened(ent, gazetteer), None
        elif ent.label_ in _MISLABELLED:
            role = _judge(ent, gazetteer)
            if role != "no":
                yield ent, role
            elif ent.label_ == "ORG":
                yield from ((inner, None) for inner in _inner_places(ent, gazetteer))
    for run in _proper_runs(doc):
        if _judge(run, gazetteer) is None:
            yield run, None


def _widened(ent: SpacySpan, gazetteer: Gazetteer) -> SpacySpan:
    """The entity with a capitalised word left outside it when the longer name is the
    gazetteer's: "North [America]", "[Guernsey] County", "South [Charleston]"."""
    doc = ent.doc
    before = ent.start > 0 and _loose_word(doc[ent.start - 1])
    after = ent.end < len(doc) and _loose_word(doc[ent.end])
    for start, end in ((ent.start - before, ent.end + after), (ent.start - before, ent.end)):
        if (start, end) != (ent.start, ent.end) and _known(doc[start:end].text, gazetteer):
            return doc[start:end]
    if after and _known(doc[ent.start : ent.end + 1].text, gazetteer):
        return doc[ent.start : ent.end + 1]
    return ent


def _loose_word(token: Token) -> bool:
    return token.is_title and not token.ent_type_ and token.pos_ in ("PROPN", "NOUN", "ADJ")


def _known(name: str, gazetteer: Gazetteer) -> bool:
    return any(not c.alternate for c in gazetteer.lookup(name))


def _judge(span: SpacySpan, gazetteer: Gazetteer) -> str | None:
    """None for a toponym, "demonym" for a demonym, "no" for neither."""
    key = normalise(_TRAILING.sub("", span.text))
    demonyms = gazetteer.knowledge.demonyms
    is_demonym = key in demonyms or (key.endswith("s") and key[:-1] in demonyms)
    if is_demonym and span.label_ in ("NORP", ""):
        return "demonym"
    found = gazetteer.lookup(key) if key else ()
    if not found:
        return None if span.label_ != "FAC" and _named_by_place_noun(span) else "no"
    if span.label_ == "FAC":
        return None
    if span.label_ == "ORG" and any(c.place.feature in _STRONG for c in found):
        return None
    if key.endswith((" county", " parish")):  # "Madison County" tagged ORG or PERSON
        return None
    return None if _placed_by_syntax(span) else "no"


def _inner_places(ent: SpacySpan, gazetteer: Gazetteer) -> Iterator[SpacySpan]:
    """Places named inside an organisation: countries and states anywhere ("the Ohio
    Department of Health"), and towns and counties opening the name of one of their
    institutions ("Gainesville Police", "the Madison County Health Department")."""
    i = ent.start
    while i < ent.end:
        for j in range(min(ent.end, i + 3), i, -1):
            inner = ent.doc[i:j]
            if (inner[0].is_title or inner[0].is_upper) and _names_inner_place(
                inner, ent, gazetteer
            ):
                yield inner
                i = j - 1
                break
        i += 1


def _names_inner_place(inner: SpacySpan, ent: SpacySpan, gazetteer: Gazetteer) -> bool:
    found = gazetteer.lookup(inner.text)
    if any(c.place.feature in _STRONG and not c.alternate for c in found):
        return True
    opens = inner.start == ent.start or (inner.start == ent.start + 1 and ent[0].lower_ == "the")
    if not opens or inner.end == ent.end:
        return False
    if any(c.place.feature == "PCLI" for c in found):  # "US Centers for Disease Control"
        return True
    rest = {t.lower_ for t in ent.doc[inner.end - 1 : ent.end]}  # "Madison County" ends one
    local = any(
        not c.alternate and (c.place.feature.startswith("PPL") or c.place.feature in _LOCAL)
        for c in found
    )
    return local and not rest.isdisjoint(_INSTITUTIONS)


def _named_by_place_noun(span: SpacySpan) -> bool:
    """ "the village of Sharifah", "the town of Kiklah": a place the gazetteer may lack."""
    root = span_root(span)
    if not (root.dep_ == "pobj" and root.head.lower_ == "of"):
        return False
    return root.head.head.lemma_.lower() in _PLACE_NOUNS


def _placed_by_syntax(span: SpacySpan) -> bool:
    """A locative preposition governs it, or it is half of a "Town, State" pair."""
    root = span_root(span)
    if root.dep_ == "pobj" and root.head.lower_ in _LOCATIVE:
        return True
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and after.text == "," and span.end + 1 < len(doc):
        return _is_place_word(doc[span.end + 1])
    return (
        before is not None
        and before.text == ","
        and span.start > 1
        and _is_place_word(doc[span.start - 2])
    )


def _is_place_word(token: Token) -> bool:
    return token.ent_type_ in PLACE_LABELS or (token.is_title and token.pos_ == "PROPN")


def _proper_runs(doc: Doc) -> Iterator[SpacySpan]:
    """Runs of capitalised proper nouns outside any entity."""
    i = 0
    while i < len(doc):
        token = doc[i]
        if token.pos_ != "PROPN" or token.ent_type_ or not token.text[:1].isupper():
            i += 1
            continue
        j = i
        while j + 1 < len(doc) and doc[j + 1].pos_ == "PROPN" and not doc[j + 1].ent_type_:
            j += 1
        yield doc[i : j + 1]
        i = j + 1


def _trimmed(ent: SpacySpan) -> Span | None:
    """The entity without a leading article or a trailing possessive."""
    text = ent.text
    start = ent.start_char
    lead = _LEADING.match(text)
    if lead:
        text, start = text[lead.end() :], start + lead.end()
    text = _TRAILING.sub("", text).rstrip()
    if not any(c.isupper() for c in text[:1]) or len(text) < 2:
        return None
    return Span(start, start + len(text), text)


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def _person_names(actors: Sequence[ActorMention]) -> frozenset[str]:
    """The words of the article's people named in full ("Cindy Davidson"): a lone "Davidson"
    is then her, while a lone "Gainesville" that no full name holds may be the town."""
    out: set[str] = set()
    for actor in actors:
        words = actor.span.text.split()
        if actor.kind == "person" and len(words) > 1 and words[0][:1].isupper():
            out.update(normalise(w) for w in words)
    return frozenset(out)


def _actor_cover(
    ent: SpacySpan,
    span: Span,
    actors: MentionIndex,
    people: frozenset[str],
    *,
    placed: bool = False,
) -> str | None:
    """How the actors cover a candidate toponym: "person" when it is a person's name,
    "metonym" when it is the agent of a verb ("Egypt proposed a conference": the toponym names
    the government, and is never an event's place), None when no actor covers it.

    A one-word person mention is the place after all when the name is no part of a full
    name in the article and the syntax places it ("420 Augusta St., Alexandria"), or the
    article already uses it as a place (`placed`).
    """
    near = actors.near(span.start, span.end)
    kinds = {a.kind for a in near if a.kind != "place" and _covers(a, span)}
    if not kinds:
        return None
    if "person" in kinds and not _person_is_place(ent, span, people, placed=placed):
        return "person"
    root = span_root(ent)
    if root.dep_ in _AGENT_DEPS or (root.dep_ == "pobj" and root.head.dep_ == "agent"):
        return "metonym"
    return None


def _covers(actor: ActorMention, span: Span) -> bool:
    """The actor's mention holds the toponym; for a person, within the name rather than the
    title: "US" in "US Secretary of State Condoleezza Rice" is a country, not her."""
    if actor.kind == "person" and actor.name_span is not None:
        return _overlaps(actor.name_span, span)
    return _overlaps(actor.span, span)


def _person_is_place(ent: SpacySpan, span: Span, people: frozenset[str], *, placed: bool) -> bool:
    if " " in span.text or normalise(span.text) in people:
        return False
    return placed or _placed_by_syntax(ent)
