"""Resolving groups, countries and organisations: "Hungarian officials", "Moscow refused",
"both sides", "NATO", unknown organisations the model found."""

from __future__ import annotations

from dyad.extract.actors.context import POSSESSIVE_S, is_locative
from dyad.extract.actors.dictionary import Entry
from dyad.extract.actors.nationality import acts, resolve_adjective
from dyad.extract.actors.reading import Person, Reading, slug
from dyad.extract.actors.scan import Hit
from dyad.model import ActorMention

MODIFIER_TAGS = frozenset({"ADJ", "NOUN", "PROPN", "NUM", "VERB"})
JOINERS = frozenset({"and", ",", "&", "-", "–"})
PAIR_WORDS = frozenset({"both", "neither", "either", "each", "two"})
THROUGH = frozenset({"of", "in", "from"})
OWNERS = frozenset({"its", "their", "his", "her", "our", "my", "your"})


def resolve_generic(r: Reading, hit: Hit) -> list[ActorMention]:
    """A group noun with the countries its modifiers name: one mention per country."""
    term = r.doc[hit.start : hit.end].text.lower()
    sector, vague = r.dictionary.generic[term]
    first, codes, owner = _modifiers(r, hit.start)
    confidence = 0.8
    if not codes and owner is not None and owner.country:
        codes = [owner.country]
    if not codes:
        codes = _through(r, hit.end)
    if term in ("side", "sides"):
        return _sides(r, hit, first, codes)
    if not codes and _peoples(r, first, hit.start):
        codes, confidence = _people_country(r, hit.start, _peoples(r, first, hit.start)[0]), 0.6
    if not codes:
        codes, confidence = r.sentence_country(hit.start), 0.4
    method = "dictionary"
    if not codes and not _owned(r, hit.start, hit.end):  # the paragraph's or article's
        codes, confidence = r.context_country(hit.start)
        method = "context" if codes else method
    if vague:
        confidence -= 0.2
    found = []
    choices: list[str | None] = list(codes) or [None]
    for code in choices:
        if code == "IGO" and r.igo_named(first, hit.start):
            member = _igo_member(r, first, hit.end, r.igo_named(first, hit.start), sector)
            found.append(member)
            continue
        group = _group(r, first, hit.end, code, sector, confidence, name=term, method=method)
        found.append(group)
    r.taken.update(range(first, hit.end))
    return found


def _owned(r: Reading, start: int, end: int) -> bool:
    """A possessive pronoun owns the group ("its border guards"): its owner, not the
    paragraph, is whose they are."""
    owners = [t for t in r.doc[end - 1].children if t.dep_ == "poss"]
    before = r.doc[start - 1].lower_ if start > 0 else ""
    return any(t.lower_ in OWNERS for t in owners) or before in OWNERS


def _igo_member(r: Reading, start: int, end: int, entry: Entry | None, sector: str) -> ActorMention:
    """ "NATO foreign ministers" are NATO; "UN peacekeepers" are the UN's military."""
    assert entry is not None  # checked by the caller
    mention = ActorMention(
        span=r.span(start, end),
        actor_id=entry.id,
        name=entry.name,
        country="IGO",
        sector=entry.sector if sector == "government" else sector,
        kind="organisation",
        method="dictionary",
        confidence=0.75,
        role=r.side(start, end),
    )
    r.mentions.append(mention)
    return mention


def _group(
    r: Reading,
    start: int,
    end: int,
    code: str | None,
    sector: str | None,
    confidence: float,
    *,
    name: str,
    method: str = "dictionary",
) -> ActorMention:
    mention = ActorMention(
        span=r.span(start, end),
        actor_id=r.dictionary.group_id(code, sector),
        name=r.dictionary.group_name(code, sector) if code else name,
        country=code,
        sector=sector,
        kind="group",
        method=method,
        confidence=round(confidence if code else min(confidence, 0.4), 2),
        role=r.side(start, end),
    )
    r.mentions.append(mention)
    return mention


def _modifiers(r: Reading, head: int) -> tuple[int, list[str], Person | None]:
    """Leftmost token, country codes and possessor of the modifiers before a group noun."""
    codes: list[str] = []
    first, i, owner = head, head - 1, None
    while i >= 0 and head - i <= 8:
        token = r.doc[i]
        if i in r.taken:
            if token.dep_ not in ("compound", "poss", "amod", "nmod", ""):
                break
            owner = r.person_at.get(i, owner)  # "the Bush administration"
        elif i in r.codes:
            hit_start = r.index[i].start if i in r.index else i
            codes.insert(0, r.codes[i])
            first = i = hit_start
        elif token.lower_ in JOINERS and i - 1 in r.codes and codes:
            pass
        elif i in r.index and _peoples(r, i, i + 1):
            first = i = r.index[i].start  # "Hausa politicians", read after the loop
        elif token.lower_ in POSSESSIVE_S and i - 1 in r.person_at:
            owner = r.person_at[i - 1]
            break
        elif token.lower_ in POSSESSIVE_S and i - 1 in r.codes:  # "India's navy": the
            codes.insert(0, r.codes[i - 1])  # possessor stays a mention of its own, but
            if codes[0] == "IGO":  # "the EU's envoy" is the EU
                first = r.index[i - 1].start if i - 1 in r.index else i - 1
            break
        elif not _modifier(token):
            break
        i -= 1
    return first, list(dict.fromkeys(codes)), owner


def _modifier(token: object) -> bool:
    pos = token.pos_  # type: ignore[attr-defined]  # a spaCy Token
    if pos:
        return pos in MODIFIER_TAGS and token.dep_ in ("amod", "compound", "nmod", "nummod", "")  # type: ignore[attr-defined]
    return token.is_alpha and token.is_lower  # type: ignore[attr-defined]


def _through(r: Reading, end: int) -> list[str]:
    """ "the government of Sudan", "rebels in the Ivory Coast": the country after the noun."""
    if end + 1 >= len(r.doc) or r.doc[end].lower_ not in THROUGH:
        return []
    k = end + 2 if r.doc[end + 1].lower_ == "the" else end + 1
    return [r.codes[k]] if k in r.codes else []


def _sides(r: Reading, hit: Hit, first: int, codes: list[str]) -> list[ActorMention]:
    if codes:
        r.taken.update(range(first, hit.end))
        return [_group(r, first, hit.end, c, "government", 0.75, name="side") for c in codes]
    det = r.doc[hit.start - 1].lower_ if hit.start else ""
    if det not in PAIR_WORDS:
        return []
    pair = _pair(r, hit.start, _subject_countries(r, hit.start))
    found = [
        _group(r, hit.start - 1, hit.end, c, None, 0.55, name="side", method="coreference")
        for c in pair
    ]
    r.taken.update(range(hit.start - 1, hit.end))
    return found


def _subject_countries(r: Reading, token: int) -> set[str]:
    """Countries of the actors already found in the sentence of `token` as subjects."""
    if not r.doc.has_annotation("SENT_START"):
        return set()
    sent = r.doc[token].sent
    return {
        m.country
        for m in r.mentions
        if m.country and m.role == "subject" and sent.start_char <= m.span.start < sent.end_char
    }


def _pair(r: Reading, before: int, exclude: set[str]) -> list[str]:
    """The two parties the article speaks of: the last "between X and Y" or "X-Y" before
    `before` that leaves out the speaker's side (`exclude`: "Trump called on both sides")."""
    pairs: list[tuple[int, list[str]]] = []
    for token in (r.doc[i] for i in r.pair_marks()):
        if token.lower_ == "between":
            codes = _codes_after(r, token.i + 1, 12)
        elif token.text in ("-", "–") and token.i - 1 in r.codes and token.i + 1 in r.codes:
            codes = [r.codes[token.i - 1], r.codes[token.i + 1]]
        else:
            continue
        if len(set(codes)) == 2 and not exclude & set(codes):
            pairs.append((token.i, list(dict.fromkeys(codes))))
    earlier = [p for i, p in pairs if i < before]
    return earlier[-1] if earlier else (pairs[0][1] if pairs else [])


def _codes_after(r: Reading, start: int, width: int) -> list[str]:
    codes: list[str] = []
    for i in range(start, min(len(r.doc), start + width)):
        code = r.codes.get(i) or (r.person_at[i].country if i in r.person_at else None)
        if code and code not in codes:
            codes.append(code)
        if len(codes) == 2 or r.doc[i].text in (".", ";"):
            break
    return codes


def resolve_name(r: Reading, hit: Hit) -> ActorMention | None:
    """A dictionary name that is not a person: country, seat of government, IGO, outlet."""
    entry = next((r.dictionary.entries[i] for i in hit.entry_ids()), None)
    if entry is None:
        return _demonym(r, hit)
    if entry.place and is_locative(r.doc, hit.start, country=entry.kind == "country"):
        return None
    if entry.kind == "country" and not entry.region and acts(r, hit.start, hit.end):
        entry = r.dictionary.entry(f"GOV:{entry.country}") or _government(r, entry)
    standing = entry.standing(r.date)
    kind = "organisation" if entry.kind == "person" else entry.kind
    confidence = 0.8 if entry.place and entry.kind != "country" else 0.85
    mention = _entry_mention(r, hit, entry, standing.country, standing.sector, kind, confidence)
    r.add(mention, hit.start, hit.end)
    return mention


def _government(r: Reading, country: Entry) -> Entry:
    """The government of a country without a seat in countries.csv."""
    code = country.country
    return Entry(
        id=f"GOV:{code}",
        name=r.dictionary.group_name(code, "government"),
        kind="organisation",
        country=code,
        sector="government",
        place=True,
        origin=country.origin,
    )


def _entry_mention(
    r: Reading,
    hit: Hit,
    entry: Entry,
    country: str | None,
    sector: str | None,
    kind: str,
    confidence: float,
) -> ActorMention:
    return ActorMention(
        span=r.span(hit.start, hit.end),
        actor_id=entry.id,
        name=entry.name,
        country=country,
        sector=sector,
        kind=kind,
        method="dictionary",
        confidence=confidence,
        name_span=r.span(hit.start, hit.end),
        role=r.side(hit.start, hit.end),
    )


def _peoples(r: Reading, start: int, end: int) -> list[str]:
    """The ethnic or religious words among tokens [start, end) ("Hausa", "Kurdish")."""
    hits = {id(r.index[i]): r.index[i] for i in range(start, end) if i in r.index}
    return [t for h in hits.values() for kind, t in h.names if kind == "people"]


def _people_country(r: Reading, token: int, word: str) -> list[str]:
    """The country of an ethnic or religious group: the one it is at home in ("Hausa":
    Nigeria), else the one its sentence names ("Kurds", "Muslims" live in several)."""
    home = r.dictionary.peoples[word][0]
    return [home] if home else r.sentence_country(token)


def _people(r: Reading, hit: Hit, word: str) -> ActorMention | None:
    """ "Kurds", "Shiites": the group, in the country of `_people_country`."""
    _, sector, plural = r.dictionary.peoples[word]
    if not plural:
        return None
    codes = _people_country(r, hit.start, word)
    mention = _group(r, hit.start, hit.end, codes[0] if codes else None, sector, 0.6, name=word)
    r.taken.update(range(hit.start, hit.end))
    return mention


def _demonym(r: Reading, hit: Hit) -> ActorMention | None:
    """ "Palestinians", "the Europeans"; or an adjective heading "Arab states"."""
    people = [t for kind, t in hit.names if kind == "people"]
    if people and not hit.code():
        return _people(r, hit, people[0])
    code = hit.code()
    kinds = {kind for kind, _ in hit.names}
    end = hit.end
    if "demonym" not in kinds:
        if end >= len(r.doc) or r.doc[end].lower_ not in r.dictionary.state_heads:
            return resolve_adjective(r, hit, code) if code else None
        end += 1
    mention = _group(r, hit.start, end, code, None, 0.7, name=r.doc[hit.start : end].text)
    r.taken.update(range(hit.start, end))
    return mention


def resolve_entity(r: Reading, hit: Hit) -> ActorMention | None:
    """An organisation or group the model found and the dictionary does not know."""
    if hit.label not in ("ORG", "NORP"):
        return None
    doc = r.doc
    start = hit.start + 1 if doc[hit.start].lower_ == "the" else hit.start
    if start >= hit.end or (hit.label == "NORP" and doc[hit.end - 1].pos_ == "ADJ"):
        return None
    name = doc[start : hit.end].text
    codes = [r.codes[i] for i in range(start, hit.end) if i in r.codes]
    if hit.label == "NORP" or name.islower():
        return None  # "Kurds", "Republican": no country, no sector, nothing to code
    actor = r.memory.find(name, kind=None) if r.memory is not None else None
    mention = ActorMention(
        span=r.span(start, hit.end),
        actor_id=actor.id if actor else f"ORG:{slug(name)}",
        name=actor.name if actor else name,
        country=actor.country if actor else (codes[0] if codes else None),
        sector=actor.sector if actor else _org_sector(r, name),
        kind="organisation",
        method="memory" if actor else "ner",
        confidence=0.7 if actor else 0.5,
        name_span=r.span(start, hit.end),
        role=r.side(start, hit.end),
    )
    r.add(mention, start, hit.end)
    return mention


def _org_sector(r: Reading, name: str) -> str | None:
    for head, sector in r.dictionary.org_heads:
        if name == head or name.endswith(" " + head):
            return sector
    return None
