"""The actor dictionary: who can be named in an article, and how to code them.

Built by `loading.load_actor_dictionary` from the data files in `dyad/data/actors/` (and user
files). Everything here is a frozen value; lookups are plain dict reads.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

# spaCy entity label each kind of entry gets in the entity ruler
RULER_LABELS: dict[str, str] = {"person": "PERSON", "organisation": "ORG", "country": "GPE"}
# what a name in the scan map points to
NameHit = tuple[
    str, str
]  # ("entry", id) | ("adjective", code) | ("demonym", code) | ("people", word)


@dataclass(frozen=True, slots=True)
class Role:
    """One dated office of a dictionary actor ("Secretary of State", 2025-01-21 to open)."""

    title: str
    role: str | None  # key from titles.yaml: head_of_state, foreign_minister, ...
    country: str | None
    sector: str | None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None

    def covers(self, date: dt.date) -> bool:
        """True when the office was held on `date` (start inclusive, end exclusive)."""
        after_start = self.valid_from is None or self.valid_from <= date
        before_end = self.valid_to is None or date < self.valid_to
        return after_start and before_end


@dataclass(frozen=True, slots=True)
class Standing:
    """What a dictionary actor is on one date: country, sector, title, and whether former."""

    country: str | None
    sector: str | None
    title: str | None = None
    role: str | None = None
    former: bool = False


@dataclass(frozen=True, slots=True)
class Entry:
    """One actor of the dictionary, with the names it is written as."""

    id: str
    name: str
    kind: str  # person, organisation, country, group
    country: str | None
    sector: str | None
    aliases: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    gender: str | None = None  # "m", "f" or None; used for he/she
    place: bool = False  # the name is also a place (country, capital, seat of government)
    origin: str = ""  # file:line it was read from
    region: bool = False  # a region or bloc ("Europe", "the West"): no state, no government

    def names(self) -> tuple[str, ...]:
        """The name and every alias, without duplicates, in order."""
        return tuple(dict.fromkeys((self.name, *self.aliases)))

    def standing(self, date: dt.date | None) -> Standing:
        """Country, sector and title of this actor on `date` (None: its latest role)."""
        if not self.roles:
            return Standing(self.country, self.sector)
        if date is None:
            return _role_standing(self.roles[-1], self)
        for role in reversed(self.roles):
            if role.covers(date):
                return _role_standing(role, self)
        past = [r for r in self.roles if r.valid_to is not None and r.valid_to <= date]
        if past:
            last = past[-1]
            return Standing(last.country or self.country, "elites", last.title, last.role, True)
        return Standing(self.country, self.sector)


def _holds(entry: Entry, role: str, country: str, date: dt.date) -> bool:
    return any(
        r.role == role and r.covers(date) and (r.country or entry.country) == country
        for r in entry.roles
    )


def _role_standing(role: Role, entry: Entry) -> Standing:
    return Standing(
        role.country or entry.country,
        role.sector or entry.sector or "government",
        role.title,
        role.role,
    )


@dataclass(frozen=True, slots=True)
class Title:
    """An office named in text: its role group and the sector of a current holder."""

    term: str
    role: str
    sector: str


@dataclass(frozen=True, slots=True)
class ActorDictionary:
    """Everything the actor stage knows before reading an article."""

    entries: Mapping[str, Entry]
    names: Mapping[str, tuple[NameHit, ...]]  # text as written -> what it names
    prefixes: frozenset[str]  # every prefix of a key of `names`, for the longest-match scan
    generic: Mapping[str, tuple[str, bool]]  # lower-case term -> (sector, vague)
    titles: Mapping[str, Title]  # lower-case term -> title
    former: frozenset[str]
    org_heads: tuple[tuple[str, str], ...]  # (head words, sector), longest first
    state_heads: frozenset[str]
    sectors: Mapping[str, str]  # sector name -> CAMEO code
    country_names: Mapping[str, str]  # ISO alpha-3 or region code -> display name
    capitals: frozenset[str] = frozenset()  # capital names: left to the statistical model
    regions: frozenset[str] = frozenset()  # region and bloc codes ("EUR"): many states
    sources: tuple[str, ...] = ()  # files read, in order
    place_heads: frozenset[str] = frozenset()  # nouns making a country adjective a place
    # ethnic and religious words -> (home country or None, sector of the bare plural, plural)
    peoples: Mapping[str, tuple[str | None, str | None, bool]] = field(default_factory=dict)
    _holders: dict[tuple[str, str], tuple[Entry, ...]] = field(default_factory=dict)

    def lookup(self, text: str) -> tuple[NameHit, ...]:
        """What `text` (exactly as written) names, if anything."""
        return self.names.get(text, ())

    def entry(self, actor_id: str) -> Entry | None:
        """The entry with id `actor_id`, if any."""
        return self.entries.get(actor_id)

    def holders(self, role: str, country: str, date: dt.date | None) -> tuple[Entry, ...]:
        """People who held office `role` for `country` on `date` ("the US president")."""
        found = self._holders.get((role, country), ())
        if date is None:
            return tuple(e for e in found if e.roles[-1].valid_to is None)
        return tuple(e for e in found if _holds(e, role, country, date))

    def sector_code(self, sector: str | None) -> str | None:
        """The CAMEO code of a sector name ("government" -> "GOV")."""
        return None if sector is None else self.sectors.get(sector)

    def group_id(self, country: str | None, sector: str | None) -> str | None:
        """Canonical id of a country's sector ("GOV:RUS"), or of a country ("CTY:RUS")."""
        if country is None:
            return None
        if sector is None:
            return f"CTY:{country}"
        return f"{self.sectors.get(sector, sector.upper())}:{country}"

    def group_name(self, country: str | None, sector: str | None) -> str:
        """Display name of a country's sector: "Russia (government)"; a region's governments
        are many: "Europe (governments)", the CAMEO region code with GOV ("European leaders")."""
        place = self.country_names.get(country or "", country or "unknown country")
        if sector == "government" and country in self.regions:
            return f"{place} (governments)"
        return place if sector is None else f"{place} ({sector})"

    def entity_patterns(self) -> list[dict[str, Any]]:
        """spaCy EntityRuler patterns for the names the small model gets wrong.

        People, organisations and seats of government, plus country names and demonyms;
        capitals are left to the statistical model (many are also people's names).
        """
        patterns: list[dict[str, Any]] = []
        seen: set[tuple[str, str]] = set()
        for entry in self.entries.values():
            label = _ruler_label(entry)
            if label is None:
                continue
            for name in entry.names():
                if name in self.capitals or not _ruler_safe(name):
                    continue
                if (label, name) not in seen:
                    seen.add((label, name))
                    patterns.append({"label": label, "pattern": name, "id": entry.id})
        for text, hits in self.names.items():
            kinds = {kind for kind, _ in hits}
            if kinds <= {"adjective", "demonym"} and _ruler_safe(text):
                patterns.append({"label": "NORP", "pattern": text})
        return patterns


def _ruler_label(entry: Entry) -> str | None:
    if entry.place and entry.kind != "country":
        return "ORG"  # seats of government: "Kremlin", "White House", "Pentagon"
    return RULER_LABELS.get(entry.kind)


# Country names that are also common first names or words: left to the statistical model.
_RULER_SKIP = frozenset({"Chad", "Jordan"})


def _ruler_safe(name: str) -> bool:
    # Two-letter all-caps names ("US", "UN") and names starting lower-case are left to context.
    return len(name) > 2 and name[0].isupper() and name not in _RULER_SKIP
