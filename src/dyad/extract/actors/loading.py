"""Loading the actor dictionary: bundled data files, the country list, user files."""

from __future__ import annotations

import csv
import functools
import logging
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from dyad.errors import KnowledgeError
from dyad.extract.actors.dictionary import ActorDictionary, Entry, NameHit, Title
from dyad.extract.actors.records import LINE, Checker, csv_entries, read_yaml, yaml_entries

log = logging.getLogger(__name__)

DATA = Path(__file__).resolve().parents[2] / "data" / "actors"
ACTOR_FILES = ("igos.yaml", "organisations.yaml", "people.yaml")


@functools.lru_cache(maxsize=8)
def _cached(extra: tuple[tuple[str, float], ...]) -> ActorDictionary:
    base = _Knowledge.read(DATA)
    entries = dict(base.countries)
    sources = [str(DATA / "countries.csv")]
    for name in ACTOR_FILES:
        _add(entries, yaml_entries(DATA / name, base.checker), override=False)
        sources.append(str(DATA / name))
    for path_text, _mtime in extra:
        path = Path(path_text)
        _add(entries, _user_entries(path, base.checker), override=True)
        sources.append(path_text)
    return base.build(entries, tuple(sources))


def load_actor_dictionary(extra_files: Sequence[str | Path] = ()) -> ActorDictionary:
    """The bundled actor dictionary plus `extra_files` (YAML or CSV) that add to or override it.

    An entry of a user file replaces the bundled entry with the same `id`. Files are checked
    on load; a problem raises `KnowledgeError` naming the file and line. Results are cached
    per process (keyed by the files and their modification times).
    """
    extra = []
    for item in extra_files:
        path = Path(item)
        if not path.is_file():
            raise KnowledgeError(f"{path}: actor file not found; check the --actors path")
        extra.append((str(path.resolve()), path.stat().st_mtime))
    return _cached(tuple(extra))


def _user_entries(path: Path, checker: Checker) -> Iterable[Entry]:
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        return list(yaml_entries(path, checker))
    if suffix == ".csv":
        return list(csv_entries(path, checker))
    raise KnowledgeError(f"{path}: unknown actor file type {suffix!r}; use .yaml, .yml or .csv")


def _add(entries: dict[str, Entry], new: Iterable[Entry], *, override: bool) -> None:
    for entry in new:
        if entry.id in entries and not override:
            raise KnowledgeError(
                f"{entry.origin}: duplicate actor id {entry.id!r} (first at "
                f"{entries[entry.id].origin}); give each actor its own id"
            )
        entries[entry.id] = entry


class _Knowledge:
    """The bundled non-actor tables: sectors, titles, generic agents, regions, countries."""

    def __init__(self, root: Path) -> None:
        self.root = root
        sectors = read_yaml(root / "sectors.yaml")["sectors"]
        self.sectors = {s["name"]: s["cameo"] for s in sectors}
        self.titles, self.former = _titles(read_yaml(root / "titles.yaml"))
        generic = read_yaml(root / "generic.yaml")
        self.generic = _generic(generic, root / "generic.yaml", self.sectors)
        self.org_heads = _org_heads(generic.get("org_heads") or {})
        self.state_heads = frozenset(generic.get("state_heads") or ())
        self.place_heads = frozenset(generic.get("place_heads") or ())
        self.regions = read_yaml(root / "regions.yaml")["regions"]
        self.country_names: dict[str, str] = {
            r["code"]: r["names"][0] for r in self.regions if r["names"]
        }
        self.country_names["IGO"] = "international organisation"
        self.countries: dict[str, Entry] = {}
        self.adjectives: dict[str, str] = {}
        self.demonyms: dict[str, str] = {}
        self.capitals: set[str] = set()
        self.peoples: dict[str, tuple[str | None, str | None, bool]] = {}

    @classmethod
    def read(cls, root: Path) -> _Knowledge:
        from dyad.extract.actors.countries import read_countries, read_peoples

        knowledge = cls(root)
        read_countries(root / "countries.csv", knowledge)
        knowledge.peoples = read_peoples(root / "peoples.csv", knowledge)
        for region in knowledge.regions:
            _region(knowledge, region, root / "regions.yaml")
            for adjective in region.get("adjectives") or ():
                knowledge.adjectives.setdefault(adjective, region["code"])
            for demonym in region.get("demonyms") or ():
                knowledge.demonyms.setdefault(demonym, region["code"])
        return knowledge

    @property
    def checker(self) -> Checker:
        codes = frozenset(self.country_names)
        return Checker(frozenset(self.sectors), codes, self.titles)

    def build(self, entries: Mapping[str, Entry], sources: tuple[str, ...]) -> ActorDictionary:
        names: dict[str, list[NameHit]] = {}
        for entry in entries.values():
            for name in entry.names():
                names.setdefault(name, []).append(("entry", entry.id))
        for text, code in self.adjectives.items():
            names.setdefault(text, []).append(("adjective", code))
        for text, code in self.demonyms.items():
            names.setdefault(text, []).append(("demonym", code))
        for text in self.peoples:
            names.setdefault(text, []).append(("people", text))
        holders: dict[tuple[str, str], list[Entry]] = {}
        for entry in entries.values():
            for role in entry.roles:
                country = role.country or entry.country
                if role.role and country and entry not in holders.get((role.role, country), []):
                    holders.setdefault((role.role, country), []).append(entry)
        return ActorDictionary(
            entries=dict(entries),
            names={k: tuple(v) for k, v in names.items()},
            prefixes=frozenset(k[:i] for k in names for i in range(1, len(k) + 1)),
            generic=self.generic,
            titles=self.titles,
            former=self.former,
            org_heads=self.org_heads,
            state_heads=self.state_heads,
            place_heads=self.place_heads,
            peoples=dict(self.peoples),
            sectors=self.sectors,
            country_names=self.country_names,
            capitals=frozenset(self.capitals),
            sources=sources,
            _holders={k: tuple(v) for k, v in holders.items()},
        )


def _region(knowledge: _Knowledge, region: dict[str, Any], path: Path) -> None:
    names = [str(n) for n in region.get("names") or ()]
    if names:
        code = region["code"]
        knowledge.countries[f"CTY:{code}"] = Entry(
            id=f"CTY:{code}",
            name=names[0],
            kind="country",
            country=code,
            sector=None,
            aliases=tuple(names[1:]),
            place=True,
            origin=f"{path}:{region.get(LINE, '?')}",
        )


def _titles(data: dict[str, Any]) -> tuple[dict[str, Title], frozenset[str]]:
    titles: dict[str, Title] = {}
    for group in data["titles"]:
        for term in group["terms"]:
            titles.setdefault(term.lower(), Title(term.lower(), group["role"], group["sector"]))
    hyphenated = [f"{w}-" for w in data.get("former_hyphenated") or ()]
    return titles, frozenset(w.lower() for w in [*(data.get("former") or ()), *hyphenated])


def _generic(data: dict[str, Any], path: Path, sectors: Mapping[str, str]) -> dict[str, Any]:
    generic: dict[str, tuple[str, bool]] = {}
    for group in data.get("agents") or ():
        if group.get("sector") not in sectors:
            raise KnowledgeError(
                f"{path}:{group.get(LINE, '?')}: unknown sector {group.get('sector')!r}; "
                "use a sector from sectors.yaml"
            )
        for term in group["terms"]:
            generic.setdefault(str(term).lower(), (group["sector"], bool(group.get("vague"))))
    return generic


def _org_heads(data: Mapping[str, Any]) -> tuple[tuple[str, str], ...]:
    heads = [(str(h), sector) for sector, words in data.items() if sector != LINE for h in words]
    return tuple(sorted(heads, key=lambda pair: -len(pair[0])))


def read_csv_rows(path: Path) -> Iterable[tuple[int, dict[str, str]]]:
    """Rows of a bundled CSV file with their line numbers."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        for row in reader:
            yield reader.line_num, {k: (v or "").strip() for k, v in row.items() if k}
