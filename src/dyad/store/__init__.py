"""The store: one local SQLite database file in WAL mode.

One writer at a time (an ingest), any number of readers in other processes (a server) that
never block it. Every batch of articles is one transaction: a run killed half-way keeps every
committed batch, and rerunning it skips the articles already stored. See docs/store.md.
"""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import uuid
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from dyad.errors import StoreError
from dyad.model import ArticleResult, Rejected
from dyad.query.filter import EventFilter
from dyad.store.charts import Charts
from dyad.store.chunks import rows_in
from dyad.store.dyad_rows import Dyads
from dyad.store.listings import Listings
from dyad.store.migrations import MIGRATIONS
from dyad.store.reads import Reads
from dyad.store.records import PlaceTable
from dyad.store.squeeze import expand
from dyad.store.stories import Stories
from dyad.store.tallies import add_tallies
from dyad.store.writes import now, write_rejected, write_results

__all__ = ["BatchStats", "EventFilter", "Store", "open_store", "process_gone"]


@dataclass(frozen=True, slots=True)
class BatchStats:
    """What one committed batch added."""

    articles_new: int
    articles_known: int
    events: int
    rejected: int


class Store(Stories, Dyads, Reads, Listings, Charts):
    """An open event database. Use as a context manager, or call `close()`."""

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path = path
        self.conn = conn
        self.place_table = PlaceTable(conn)

    @property
    def schema_version(self) -> int:
        """The number of the last migration applied."""
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    @contextmanager
    def snapshot(self) -> Iterator[Store]:
        """Every read inside sees one state of the database: one read transaction, so that a
        request made of several queries never sees a write land between two of them."""
        self.conn.execute("BEGIN")
        try:
            yield self
        finally:
            self.conn.execute("COMMIT")

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic write: everything inside commits together or not at all."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def start_run(self, command: str, *, pipeline_version: str, model_version: str | None) -> str:
        """Record a new run and return its id."""
        run_id = f"run_{now().replace(':', '').replace('-', '')[:15]}_{uuid.uuid4().hex[:6]}"
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO runs (id, started_at, command, pipeline_version, model_version,"
                " pid, host) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    run_id,
                    now(),
                    command,
                    pipeline_version,
                    model_version,
                    os.getpid(),
                    socket.gethostname(),
                ),
            )
        return run_id

    def mark_interrupted(self) -> list[str]:
        """Mark `interrupted` every `running` run whose process on this host is gone.

        A run killed outright (SIGKILL, power loss) never reaches `finish_run`. Runs started
        on another host, or before runs recorded their process, are left as they are: this
        host cannot tell whether they still run. Returns the ids marked.
        """
        with self.transaction() as conn:
            rows = conn.execute(
                "SELECT id, pid, host FROM runs WHERE status = 'running' AND host = ?",
                (socket.gethostname(),),
            ).fetchall()
            gone = [r["id"] for r in rows if process_gone(r["pid"], r["host"])]
            for run_id in gone:
                conn.execute(
                    "UPDATE runs SET status = 'interrupted', finished_at = ? WHERE id = ?",
                    (now(), run_id),
                )
        return gone

    def finish_run(
        self,
        run_id: str,
        *,
        status: str = "finished",
        read: int | None = None,
        known: int | None = None,
    ) -> None:
        """Mark a run finished (or failed), with the final counts of inputs read and skipped."""
        with self.transaction() as conn:
            conn.execute(
                "UPDATE runs SET finished_at = ?, status = ?,"
                " articles_read = coalesce(?, articles_read),"
                " articles_known = coalesce(?, articles_known) WHERE id = ?",
                (now(), status, read, known, run_id),
            )

    def ids_with_prefix(self, table: str, prefix: str, *, limit: int = 6) -> list[str]:
        """Up to `limit` ids in `table` (articles, event_groups, stories) starting `prefix`."""
        if table not in ("articles", "event_groups", "stories"):
            raise ValueError(f"no ids to match in table {table!r}")
        rows = self.conn.execute(
            f"SELECT id FROM {table} WHERE id >= ? AND id < ? ORDER BY id LIMIT ?",
            (prefix, prefix + "\uffff", limit),
        )
        return [r[0] for r in rows]

    def known_articles(self, ids: Iterable[str]) -> set[str]:
        """The ids among `ids` already stored."""
        found: set[str] = set()
        for rows in rows_in(self.conn, "SELECT id FROM articles WHERE id IN ({})", list(ids)):
            found.update(r[0] for r in rows)
        return found

    def add_batch(
        self,
        results: Sequence[ArticleResult],
        rejected: Sequence[Rejected] = (),
        *,
        run_id: str,
        pipeline_version: str,
        model_version: str | None,
    ) -> BatchStats:
        """Store a batch in one transaction; articles already stored are skipped."""
        with self.transaction() as conn:
            known = self.known_articles(r.article.id for r in results)
            new = [r for r in results if r.article.id not in known]
            write_results(conn, new, run_id, pipeline_version, model_version)
            write_rejected(conn, rejected, run_id, pipeline_version)
            stats = BatchStats(
                articles_new=len(new),
                articles_known=len(results) - len(new),
                events=sum(len(r.events) for r in new),
                rejected=len(rejected),
            )
            _count_batch(conn, run_id, len(results) + len(rejected), stats)
        return stats

    def merge_actors(self, keep: str, drop: str) -> None:
        """Merge actor `drop` into `keep`: its mentions and aliases now count for `keep`."""
        with self.transaction() as conn:
            rows = {
                r[0]: r
                for r in conn.execute("SELECT * FROM actors WHERE id IN (?, ?)", (keep, drop))
            }
            missing = [a for a in (keep, drop) if a not in rows]
            if missing or keep == drop:
                raise StoreError(f"cannot merge {drop!r} into {keep!r}: unknown actor {missing}")
            aliases = sorted(
                set(json.loads(rows[keep]["aliases"])) | set(json.loads(rows[drop]["aliases"]))
            )
            conn.execute(
                "UPDATE actors SET aliases = ?, mentions = mentions + ? WHERE id = ?",
                (json.dumps(aliases), rows[drop]["mentions"], keep),
            )
            conn.execute("UPDATE actors SET merged_into = ? WHERE id = ?", (keep, drop))
            moved = [
                r[0]
                for r in conn.execute(
                    "SELECT DISTINCT e.id FROM event_actors x JOIN events e ON e.key = x.event"
                    " WHERE x.actor_id = ?",
                    (drop,),
                )
            ]
            add_tallies(conn, moved, sign=-1)  # counted under `drop`: count them again
            conn.execute("UPDATE event_actors SET actor_id = ? WHERE actor_id = ?", (keep, drop))
            add_tallies(conn, moved)
            conn.execute(
                "INSERT INTO article_actors SELECT article, ?, mentions FROM article_actors"
                " WHERE actor_id = ? ON CONFLICT DO UPDATE SET mentions = mentions"
                " + excluded.mentions",
                (keep, drop),
            )
            conn.execute("DELETE FROM article_actors WHERE actor_id = ?", (drop,))


def open_store(path: str | Path | None = None, *, read_only: bool = False) -> Store:
    """Open the store at `path` (created and migrated unless `read_only`).

    Opening for writing marks runs whose process died as `interrupted` (see docs/store.md).
    """
    if path is None:
        from dyad.settings import load_settings

        path = load_settings().store
    path = Path(path)
    if path.is_dir():
        raise StoreError(
            f"{path} is a folder, not a store: pass a file, e.g. --store {path}/dyad.db"
        )
    if read_only and not path.is_file():
        raise StoreError(f"no store at {path}: run `dyad ingest PATH --store {path}` first")
    if not read_only and not path.parent.exists():
        raise StoreError(f"cannot create store {path}: folder {path.parent} does not exist")
    uri = f"file:{path.resolve()}?mode=ro" if read_only else str(path)
    try:
        conn = sqlite3.connect(uri, uri=read_only, isolation_level=None, check_same_thread=False)
        conn.row_factory = sqlite3.Row
        conn.create_function("expand", 1, expand, deterministic=True)
        conn.execute("PRAGMA busy_timeout = 30000")
        if not read_only:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            _migrate(conn, path)
        _check_tables(conn, path)
        if read_only:
            _check_version(conn, path)
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path} is not a Dyad store ({exc}); pass another --store path") from exc
    store = Store(path, conn)
    if not read_only:
        store.mark_interrupted()
    return store


def _check_tables(conn: sqlite3.Connection, path: Path) -> None:
    """Refuse a file that is not a database, or a database that is not a Dyad store."""
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not {"runs", "articles", "events"} <= names:
        raise StoreError(
            f"{path} is an SQLite database but not a Dyad store (no runs, articles and events"
            " tables); pass another --store path"
        )


def _check_version(conn: sqlite3.Connection, path: Path) -> None:
    """Refuse to read a store of another schema: its rows are not those this Dyad reads."""
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if version > MIGRATIONS[-1][0]:
        raise StoreError(
            f"{path} has schema {version}, newer than this Dyad ({MIGRATIONS[-1][0]}): upgrade dyad"
        )
    if version < MIGRATIONS[-1][0]:
        raise StoreError(
            f"{path} has schema {version}, older than this Dyad ({MIGRATIONS[-1][0]}): open it"
            f" once for writing to move it, e.g. `dyad regroup --store {path}` or `dyad serve`"
        )


def _migrate(conn: sqlite3.Connection, path: Path) -> None:
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    latest = MIGRATIONS[-1][0]
    if version > latest:
        raise StoreError(
            f"{path} has schema {version}, newer than this Dyad ({latest}): upgrade dyad"
        )
    for number, _, step in MIGRATIONS:
        if number <= version:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            if callable(step):
                step(conn)
            else:
                for statement in step.split(";"):
                    if statement.strip():
                        conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number}")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")


def process_gone(pid: int | None, host: str | None) -> bool:
    """Whether a run's process (`pid` on `host`) is known to be gone: on this host, and dead."""
    return pid is not None and host == socket.gethostname() and not _alive(pid)


def _alive(pid: int) -> bool:
    """Whether process `pid` exists on this host (signal 0 checks without sending one)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # it exists, owned by another user
        return True
    return True


def _count_batch(conn: sqlite3.Connection, run_id: str, read: int, stats: BatchStats) -> None:
    """Add a batch's counts to its run's row."""
    conn.execute(
        "UPDATE runs SET articles_read = articles_read + ?,"
        " articles_new = articles_new + ?,"
        " articles_known = articles_known + ?, rejected = rejected + ?,"
        " events = events + ? WHERE id = ?",
        (read, stats.articles_new, stats.articles_known, stats.rejected, stats.events, run_id),
    )
