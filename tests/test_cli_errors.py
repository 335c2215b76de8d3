"""User errors at the command line: a message naming what is wrong, exit code 1, no traceback;
a run that stored nothing says so and exits 3."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from dyad.store import open_store


def dyad(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dyad.cli", *args], capture_output=True, text=True, cwd=cwd,
        timeout=600,
    )  # fmt: skip


def _user_error(done: subprocess.CompletedProcess[str], *words: str) -> None:
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    for word in words:
        assert word in done.stderr


def test_a_missing_input_path_is_a_user_error(tmp_path: Path) -> None:
    missing = tmp_path / "no" / "such.jsonl"
    done = dyad("ingest", str(missing), "--store", str(tmp_path / "s.db"))
    _user_error(done, str(missing))
    assert not (tmp_path / "s.db").exists()


def test_a_file_that_is_not_a_store(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text("# Not a database\n\nJust text.\n" * 50, encoding="utf-8")
    for args in (("events",), ("runs",), ("regroup",)):
        _user_error(dyad(*args, "--store", str(readme)), str(readme), "not a Dyad store")


def test_a_database_that_is_not_a_store(tmp_path: Path) -> None:
    import sqlite3

    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.commit()
    _user_error(dyad("events", "--store", str(other)), "not a Dyad store")


def test_a_folder_given_as_store_is_named_a_folder(tmp_path: Path) -> None:
    _user_error(dyad("events", "--store", str(tmp_path)), "is a folder")
    _user_error(dyad("regroup", "--store", str(tmp_path)), "is a folder")


def test_export_to_a_missing_folder(tmp_path: Path) -> None:
    with open_store(tmp_path / "s.db"):
        pass
    target = tmp_path / "no" / "such" / "x.csv"
    done = dyad(
        "export", "--format", "csv", "--out", str(target), "--store", str(tmp_path / "s.db")
    )
    _user_error(done, str(target.parent), "does not exist")
    store = str(tmp_path / "s.db")
    _user_error(
        dyad("export", "-f", "csv", "--out", str(tmp_path), "--store", store), "is a folder"
    )


@pytest.mark.model
def test_a_run_that_rejects_every_input_exits_3(tmp_path: Path) -> None:
    corpus = tmp_path / "bad.jsonl"
    corpus.write_text('{not json\n{"id": "x", "text": ""}\n', encoding="utf-8")
    db = tmp_path / "s.db"
    done = dyad("ingest", str(corpus), "--store", str(db))
    assert done.returncode == 3, done.stderr
    assert "nothing stored" in done.stderr and "every input was rejected" in done.stderr
    rejected = json.loads(dyad("rejected", "--store", str(db), "--format", "json").stdout)
    assert len(rejected) == 2
