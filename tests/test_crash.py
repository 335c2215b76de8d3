"""A run killed with SIGKILL keeps every committed batch; rerunning finishes without duplicates."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = [pytest.mark.model, pytest.mark.slow]

SENTENCES = [
    "The foreign minister of Ruritania will not attend the talks in Geneva on Friday.",
    "Protesters gathered outside the parliament in Zenda on Tuesday, police said.",
    "The government of Freedonia demanded that Sylvania withdraw its troops by March 3.",
    "Sylvania rejected the demand and accused Freedonia of provocations.",
]


def _corpus(path: Path, n: int) -> Path:
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            text = " ".join(SENTENCES[(i + k) % 4] for k in range(4)) + f" Report number {i}."
            f.write(json.dumps({"id": f"art-{i:03d}", "date": "2026-03-01",
                                "source": "Example Wire", "text": text}) + "\n")  # fmt: skip
    return path


def _ingest(corpus: Path, store: Path) -> subprocess.Popen[bytes]:
    cmd = [sys.executable, "-m", "dyad.cli", "ingest", str(corpus), "--store", str(store),
           "--batch-size", "3"]  # fmt: skip
    return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _count(store: Path, table: str) -> int:
    if not store.exists():
        return 0
    conn = sqlite3.connect(f"file:{store}?mode=ro", uri=True, timeout=30)
    try:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    except sqlite3.OperationalError:  # the schema is not created yet
        return 0
    finally:
        conn.close()


def _events(store: Path) -> list[tuple[str, ...]]:
    """Event identity and status (a rerun reads each article as the first run did)."""
    conn = sqlite3.connect(store)
    rows = conn.execute(
        "SELECT e.id, a.id, e.type, e.polarity, e.modality, e.date FROM events e"
        " JOIN articles a ON a.key = e.article ORDER BY e.id"
    ).fetchall()
    conn.close()
    return rows


def test_sigkill_then_rerun_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus.jsonl", 60)
    killed = tmp_path / "killed.db"
    proc = _ingest(corpus, killed)
    deadline = time.monotonic() + 240
    while _count(killed, "articles") < 6 and time.monotonic() < deadline:
        assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
        time.sleep(0.2)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    kept = _count(killed, "articles")
    assert 6 <= kept < 60, "the kill must land mid-run"
    assert kept % 3 == 0, "only whole batches are committed"

    rerun = _ingest(corpus, killed)
    assert rerun.wait(timeout=300) == 0
    clean = tmp_path / "clean.db"
    assert _ingest(corpus, clean).wait(timeout=300) == 0
    assert _count(killed, "articles") == 60
    assert _events(killed) == _events(clean)
    assert _count(killed, "event_mentions") == _count(clean, "event_mentions")


def _runs(store: Path) -> dict[str, str]:
    conn = sqlite3.connect(store)
    rows = dict(conn.execute("SELECT id, status FROM runs").fetchall())
    conn.close()
    return rows


def test_a_killed_run_is_marked_interrupted_by_the_next_run(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus.jsonl", 30)
    store = tmp_path / "killed.db"
    proc = _ingest(corpus, store)
    deadline = time.monotonic() + 240
    while _count(store, "articles") < 3 and time.monotonic() < deadline:
        assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
        time.sleep(0.2)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    (killed,) = _runs(store)
    assert _runs(store)[killed] == "running"  # nothing could write its end

    listed = subprocess.run(
        [sys.executable, "-m", "dyad.cli", "runs", "--store", str(store), "--format", "json"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert [r["status"] for r in json.loads(listed.stdout)] == ["interrupted"]

    rerun = _ingest(corpus, store)
    assert rerun.wait(timeout=300) == 0, rerun.stderr.read().decode() if rerun.stderr else ""
    statuses = _runs(store)
    assert statuses.pop(killed) == "interrupted"
    assert list(statuses.values()) == ["finished"]
