"""Resolving people: dictionary names, titles, appositions, possessives, repeats, pronouns."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from dyad.extract.actors.context import (
    POSSESSIVE_PRONOUNS,
    SUBJECT_PRONOUNS,
    TitleContext,
    title_after,
    title_before,
    title_ends,
    title_words,
)
from dyad.extract.actors.dictionary import Entry
from dyad.extract.actors.reading import SUBJECT_DEPS, Person, Reading, slug
from dyad.model import ActorMention, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

HOLDER_ROLES = frozenset(
    {
        "head_of_state",
        "head_of_government",
        "foreign_minister",
        "defence_minister",
        "vice_president",
    }
)
PLURAL_TAGS = frozenset({"NNS", "NNPS"})
MINISTER_ROLES = frozenset({"foreign_minister", "defence_minister", "minister"})
STATE_SECTORS = frozenset({"government", "military", "police", "legislature", "judiciary"})
CONFIDENCE = {"dictionary": 0.9, "coreference": 0.85, "memory": 0.75, "title": 0.75, "ner": 0.5}
# roles that group many offices: "the governor" is not whoever was a mayor or a chairman
BROAD_ROLES = frozenset({"minister", "legislator", "aide", "envoy", "officer", "judge"})
# offices whose holder belongs to the government of whoever they serve ("his aide")
SERVING_ROLES = frozenset({"aide", "envoy", "spokesperson", "minister"})
# where a person who undergoes an act stands: "X was arrested", "police stopped X"
UNDERGOER_DEPS = frozenset({"nsubjpass", "dobj"})


def person_entry(r: Reading, ids: tuple[str, ...]) -> Entry | None:
    """The person among dictionary entries `ids`, preferring one in office on the date."""
    people = [r.dictionary.entries[i] for i in ids if r.dictionary.entries[i].kind == "person"]
    if len(people) > 1 and r.date is not None:
        serving = [e for e in people if any(role.covers(r.date) for role in e.roles)]
        people = serving or people
    return people[0] if people else None


def find_title(r: Reading, start: int, end: int) -> TitleContext | None:
    """The title before or in apposition after the name at tokens [start, end)."""
    return title_before(r.doc, start, r.codes, r.dictionary) or title_after(
        r.doc, end, r.codes, r.dictionary
    )


def resolve_person(r: Reading, start: int, end: int, entry: Entry | None) -> ActorMention:
    """Resolve and record the person named by tokens [start, end)."""
    name = r.doc[start:end].text
    title = find_title(r, start, end)
    base, method = _identify(r, name, entry)
    person = base
    if title is not None:
        person = _with_title(r, base, title)
        method = "title" if method == "ner" else method
        known = entry or (r.dictionary.entry(base.actor_id) if base.actor_id else None)
        if known is not None:
            person = _honorific(r, known, title, person)
    else:
        inherited = _conjunct(r, start)
        if inherited is not None and base.sector is None:
            person = replace(
                base,
                country=inherited.country,
                sector=inherited.sector,
                title=inherited.title,
                role=inherited.role,
            )
            method = "title" if method == "ner" else method
    first = title.start if title is not None and title.start < start else start
    side = r.side(start, end)
    mention = _mention(
        person, r.span(first, end), method, CONFIDENCE[method], side, name_span=r.span(start, end)
    )
    r.add(mention, first, end)
    r.remember(person, name, end - 1, subject=side == "subject")
    if entry is not None and entry.name != name:
        r.remember(person, entry.name, end - 1, subject=False)
    if title is not None and not title.former:
        r.titled_at[end - 1] = person
    return mention


def _mention(
    person: Person,
    span: Span,
    method: str,
    confidence: float,
    role: str | None,
    *,
    name_span: Span | None = None,
) -> ActorMention:
    """The mention of a resolved person at `span`."""
    return ActorMention(
        span=span,
        actor_id=person.actor_id,
        name=person.name,
        country=person.country,
        sector=person.sector,
        kind="person",
        title=person.title,
        method=method,
        confidence=confidence,
        role=role,
        name_span=name_span,
    )


def _identify(r: Reading, name: str, entry: Entry | None) -> tuple[Person, str]:
    """Who `name` is before looking at titles: dictionary, this article, memory, or nobody."""
    known = r.known_person(name)
    if known is not None and (entry is None or len(name.split()) == 1):
        return known, "coreference"
    if entry is not None:
        return _from_entry(r, entry), "dictionary"
    if known is not None:
        return known, "coreference"
    actor = r.memory.find(name, kind="person") if r.memory is not None else None
    if actor is not None:
        return Person(actor.id, actor.name, actor.country, actor.sector, None, None, None), "memory"
    actor_id = f"PER:{slug(name)}" if len(name.split()) > 1 else None
    return Person(actor_id, name, None, None, None, None, None), "ner"


def _from_entry(r: Reading, entry: Entry) -> Person:
    standing = entry.standing(r.date)
    title = standing.title
    if title and standing.former:
        title = f"former {title}"
    return Person(
        actor_id=entry.id,
        name=entry.name,
        country=standing.country,
        sector=standing.sector,
        title=title,
        role=None if standing.former else standing.role,
        gender=entry.gender,
    )


def _with_title(r: Reading, base: Person, title: TitleContext) -> Person:
    """`base` as the title beside the name says: its office, country, and whether former."""
    owner = _possessor(r, title)
    country = title.country or base.country or (owner.country if owner else None)
    if country is None and title.title.sector in STATE_SECTORS:
        country = next(iter(r.sentence_country(title.end - 1)), None)  # "President Mugabe"
    if title.former:
        return replace(
            base, country=country, sector="elites", title=f"former {title.text}", role=None
        )
    sector = title.title.sector
    if owner is not None and owner.sector and title.title.role in SERVING_ROLES:
        sector = owner.sector
    role = "minister" if title.deputy else title.title.role
    return replace(base, country=country, sector=sector, title=title.text, role=role)


def _honorific(r: Reading, entry: Entry, title: TitleContext, person: Person) -> Person:
    """ "Secretary Clinton" in 2016: a past office used as a form of address stays former."""
    standing = entry.standing(r.date)
    same = title.title.role == standing.role or (
        title.title.role == "minister" and standing.role in MINISTER_ROLES
    )
    if standing.former and not title.former and same:
        return replace(person, sector="elites", title=f"former {standing.title}", role=None)
    return person


def _possessor(r: Reading, title: TitleContext) -> Person | None:
    if title.possessor is None:
        return None
    token = r.doc[title.possessor]
    if token.lower_ in POSSESSIVE_PRONOUNS:
        return r.antecedent(token.i, POSSESSIVE_PRONOUNS[token.lower_])
    return r.person_at.get(title.possessor)


def _conjunct(r: Reading, start: int) -> Person | None:
    """ "Special Representatives Steve Witkoff and Keith Kellogg": Kellogg shares the title."""
    if start >= 2 and r.doc[start - 1].lower_ == "and":
        return r.titled_at.get(start - 2)
    return None


def resolve_pronoun(r: Reading, token: Token) -> ActorMention | None:
    """A subject "he"/"she" resolved to the person it most likely refers to."""
    gender = SUBJECT_PRONOUNS.get(token.lower_)
    if gender is None or (r.parsed and token.dep_ not in SUBJECT_DEPS):
        return None
    person = _undergoer(r, token, gender) or r.antecedent(token.i, gender)
    if person is None:
        return None
    role = "subject" if r.parsed else None
    mention = _mention(person, r.span(token.i, token.i + 1), "coreference", 0.6, role)
    r.add(mention, token.i, token.i + 1)
    r.subjects.append((token.i, person))
    return mention


def _undergoer(r: Reading, token: Token, gender: str) -> Person | None:
    """ "Officer Brekel stopped Dana Lint. She was arrested": the subject of a passive is
    the last person of the same or the previous sentence who also underwent something (an
    object or a passive subject), not the one who did it."""
    if not r.parsed or token.dep_ != "nsubjpass":
        return None
    start = token.sent.start
    floor = r.doc[start - 1].sent.start if start > 0 else 0
    found = [
        p
        for i, p in sorted(r.person_at.items())
        if floor <= i < token.i
        and p.gender in (None, gender)
        and r.phrase_head(r.doc[i]).dep_ in UNDERGOER_DEPS
    ]
    return found[-1] if found else None


def resolve_possessive(r: Reading, token: Token) -> ActorMention | None:
    """ "his endorsement", "her refusal": a possessive "his"/"her" resolved to a person of
    the same or the previous sentence, unless it owns a person or group ("his aide", "her
    supporters"), which the phrase names itself."""
    gender = SUBJECT_PRONOUNS.get({"his": "he", "her": "she"}.get(token.lower_, ""))
    if gender is None or not r.parsed or token.dep_ != "poss":
        return None
    owned = token.head
    if {owned.lower_, owned.lemma_.lower()} & (
        title_words(r.dictionary) | r.dictionary.generic.keys()
    ):
        return None
    person = _clause_subject(r, token, gender) or r.antecedent(token.i, gender, near=True)
    if person is None:
        return None
    mention = _mention(person, r.span(token.i, token.i + 1), "coreference", 0.6, None)
    r.add(mention, token.i, token.i + 1)
    return mention


def _clause_subject(r: Reading, token: Token, gender: str) -> Person | None:
    """ "the governor threw his support behind X": the person who is the subject of the
    clause holding the possessive, when one is (a clause's own subject binds its "his"); for
    an infinitive without one, who controls it: the object of "urge X to", else the subject."""
    verb = token.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS and c.i < token.i]
    if not subjects and verb.dep_ == "xcomp":  # "urge Trump to follow through on his threat"
        governor = verb.head
        subjects = [c for c in governor.children if c.dep_ == "dobj" and c.i < verb.i]
        subjects += [c for c in governor.children if c.dep_ in SUBJECT_DEPS]
    for subject in subjects:
        person = r.person_at.get(subject.i)
        if person is not None and person.gender in (None, gender):
            return person
    return None


def resolve_title_only(r: Reading, i: int, starts: set[int]) -> int | None:
    """An office named without a name ("the US president", "Guinean President said"):
    the office holder on the article date, an earlier person of the article with that office,
    or an unnamed official of the country. Returns the end token, or None."""
    doc = r.doc
    token = doc[i]
    ends = title_ends(r.dictionary)
    if token.lower_ not in ends or (token.tag_ in PLURAL_TAGS and token.lower_[:-1] in ends):
        return None
    if i + 1 in starts or (i + 1 < len(doc) and doc[i + 1].is_title and doc[i + 1].pos_ == "PROPN"):
        return None
    if _title_goes_on(r, i + 1):
        return None
    title = title_before(doc, i + 1, r.codes, r.dictionary)
    if title is None or not title.text.lower().endswith(token.lower_):
        return None
    end, country = i + 1, title.country or _country_after(r, i + 1)
    determined = title.start > 0 and doc[title.start - 1].lower_ in ("the", "his", "her")
    role = "minister" if title.deputy else title.title.role
    if country is None and not (determined and role in HOLDER_ROLES):
        # "the senator", "the Wisconsin governor": a person this article named with that title
        known = _determined(doc, title.start)
        person, method = (_titled_before(r, i, role) if known else None), "coreference"
    else:
        person, method = _office_holder(r, role, country, title)
    if person is None:
        return None
    confidence = 0.7 if method == "title" else 0.6
    mention = _mention(
        person, r.span(title.start, end), method, confidence, r.side(title.start, end)
    )
    r.add(mention, title.start, end)
    r.person_at[i] = person
    if mention.role == "subject":
        r.subjects.append((i, person))
    return end


def _determined(doc: Doc, start: int) -> bool:
    """ "the senator", "the Wisconsin governor": a title after "the" (and at most one
    capitalised word) speaks of someone already known."""
    k = start - 1
    if k >= 1 and doc[k].is_title and doc[k].lower_ not in ("the", "his", "her"):
        k -= 1
    return k >= 0 and doc[k].lower_ == "the"


def _titled_before(r: Reading, i: int, role: str) -> Person | None:
    """The last person named before token `i` with the title word at `i` ("Sen. Ted Cruz"
    for "the senator"), or of the same office when the office is a single one."""
    word = r.doc[i].lower_
    people = [p for k, p in sorted(r.person_at.items(), reverse=True) if k < i]
    named = [p for p in people if (p.actor_id or "").startswith("PER:")]
    for person in named:
        for written in (person.title or "").lower().split():
            stem = written.rstrip(".")
            if stem and (word == stem or (written.endswith(".") and word.startswith(stem))):
                return person
    if role in BROAD_ROLES:
        return None
    return next((p for p in named if p.role == role), None)


def _title_goes_on(r: Reading, k: int) -> bool:
    """True when the title continues after token k - 1 ("Minister" in "Minister of Defense")."""
    if k >= len(r.doc) or r.doc[k].lower_ not in title_words(r.dictionary):
        return False
    if r.doc[k].lower_ in ("the", "-"):
        return False
    after = k + 2 if k + 1 < len(r.doc) and r.doc[k + 1].lower_ == "the" else k + 1
    return not (r.doc[k].lower_ == "of" and after in r.codes)


def _office_holder(
    r: Reading, role: str, country: str | None, title: TitleContext
) -> tuple[Person | None, str]:
    if title.former:
        actor_id = r.dictionary.group_id(country, "elites")
        name = r.dictionary.group_name(country, "elites")
        return Person(
            actor_id, name, country, "elites", f"former {title.text}", None, None
        ), "title"
    if role in HOLDER_ROLES and country and r.date is not None:
        holders = r.dictionary.holders(role, country, r.date)
        if len(holders) == 1:
            return replace(_from_entry(r, holders[0]), title=title.text), "title"
    for _, person in sorted(r.person_at.items(), reverse=True):
        named = (person.actor_id or "").startswith("PER:")
        if named and person.role == role and country in (None, person.country):
            return person, "coreference"
    if country is None:
        return None, "title"
    sector = title.title.sector
    igo = r.igo_named(title.start, title.end) if country == "IGO" else None
    if igo is not None:  # "an EU official" speaks for the EU, as "EU foreign ministers" do
        own = igo.sector if sector == "government" else sector
        return Person(igo.id, igo.name, "IGO", own, title.text, role, None), "title"
    name = r.dictionary.group_name(country, sector)
    actor_id = r.dictionary.group_id(country, sector)
    return Person(actor_id, name, country, sector, title.text, role, None), "title"


def _country_after(r: Reading, start: int) -> str | None:
    """ "the Deputy Minister of Defense of Russia": a country named just after the office."""
    words = title_words(r.dictionary)
    for k in range(start, min(len(r.doc), start + 10)):
        if k in r.codes:
            return r.codes[k] if r.doc[k - 1].lower_ in ("of", "the") else None
        if r.doc[k].lower_ not in words and r.doc[k].lower_ not in ("and", ","):
            return None
    return None
