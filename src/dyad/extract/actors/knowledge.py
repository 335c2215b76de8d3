"""The bundled non-actor tables the actor dictionary is built with: sectors, titles, generic
agents, regions and countries."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from dyad.errors import KnowledgeError
from dyad.extract.actors.dictionary import ActorDictionary, Entry, NameHit, Title
from dyad.extract.actors.records import LINE, Checker, read_yaml


class Knowledge:
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
            regions=frozenset(r["code"] for r in self.regions),
            capitals=frozenset(self.capitals),
            sources=sources,
            _holders={k: tuple(v) for k, v in holders.items()},
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
