"""Loading the actor dictionary: bundled data files, the country list, user files."""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from dyad.errors import KnowledgeError
from dyad.extract.actors.countries import read_countries, read_peoples
from dyad.extract.actors.dictionary import ActorDictionary, Entry
from dyad.extract.actors.knowledge import Knowledge
from dyad.extract.actors.records import LINE, Checker, csv_entries, yaml_entries

log = logging.getLogger(__name__)

DATA = Path(__file__).resolve().parents[2] / "data" / "actors"
ACTOR_FILES = ("igos.yaml", "organisations.yaml", "people.yaml")


@functools.lru_cache(maxsize=8)
def _cached(extra: tuple[tuple[str, float], ...]) -> ActorDictionary:
    base = _read_knowledge(DATA)
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


def _read_knowledge(root: Path) -> Knowledge:

    knowledge = Knowledge(root)
    read_countries(root / "countries.csv", knowledge)
    knowledge.peoples = read_peoples(root / "peoples.csv", knowledge)
    for region in knowledge.regions:
        _region(knowledge, region, root / "regions.yaml")
        for adjective in region.get("adjectives") or ():
            knowledge.adjectives.setdefault(adjective, region["code"])
        for demonym in region.get("demonyms") or ():
            knowledge.demonyms.setdefault(demonym, region["code"])
    return knowledge


def _region(knowledge: Knowledge, region: dict[str, Any], path: Path) -> None:
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
            region=True,
        )
