"""The `dyad` command line end to end, on the bundled examples and on bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.model]
EXAMPLES = Path(__file__).resolve().parents[1] / "src" / "dyad" / "data" / "examples"


def dyad(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dyad.cli", *args], capture_output=True, text=True, input=stdin,
        timeout=600,
    )  # fmt: skip


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "examples.db"
    done = dyad("ingest", str(EXAMPLES), "--store", str(path))
    assert done.returncode == 0, done.stderr
    return path


def test_ingest_reports_and_reingest_adds_nothing(store: Path) -> None:
    again = dyad("ingest", str(EXAMPLES), "--store", str(store))
    assert again.returncode == 0, again.stderr
    assert " 0 new" in again.stderr
    assert " 0 events" in again.stderr


def test_events_as_json_are_full_records(store: Path) -> None:
    done = dyad("events", "--store", str(store), "--format", "json", "--limit", "500")
    events = json.loads(done.stdout)
    assert len(events) >= 10
    assert {"id", "type", "polarity", "modality", "date", "evidence", "attribution"} <= set(
        events[0]
    )
    assert any(e["polarity"] == "negated" for e in events)
    assert any(e["modality"] == "planned" for e in events)


@pytest.mark.parametrize("fmt", ["table", "jsonl", "csv"])
def test_event_filters_and_formats(store: Path, fmt: str) -> None:
    done = dyad("events", "--store", str(store), "--type", "REQUEST", "--format", fmt)
    assert done.returncode == 0, done.stderr
    if fmt == "jsonl":
        assert all(json.loads(line)["type"] == "REQUEST" for line in done.stdout.splitlines())
    if fmt == "csv":
        assert done.stdout.splitlines()[0].startswith("date_label,type,status")
    assert "REQUEST" in done.stdout


def test_show_marks_the_article(store: Path) -> None:
    listed = dyad("articles", "--store", str(store), "--format", "json")
    first = json.loads(listed.stdout)[0]["id"]
    done = dyad("show", first, "--store", str(store))
    assert done.returncode == 0, done.stderr
    assert "events" in done.stdout


def test_bad_input_is_reported_and_good_articles_around_it_are_kept(tmp_path: Path) -> None:
    corpus = tmp_path / "mixed.jsonl"
    good = {
        "date": "2026-03-01",
        "source": "Wire",
        "text": "Freedonia and Sylvania agreed to hold talks in Geneva.",
    }
    corpus.write_text(
        json.dumps({**good, "id": "good-1"})
        + "\n{not json\n"
        + json.dumps({**good, "id": "good-2"})
        + "\n",
        encoding="utf-8",
    )
    db = tmp_path / "s.db"
    done = dyad("ingest", str(corpus), "--store", str(db))
    assert done.returncode == 0, done.stderr
    assert "mixed.jsonl:2" in done.stderr
    listed = json.loads(dyad("articles", "--store", str(db), "--format", "json").stdout)
    assert sorted(a["id"] for a in listed) == ["good-1", "good-2"]
    rejected = json.loads(dyad("rejected", "--store", str(db), "--format", "json").stdout)
    assert [r["origin"] for r in rejected] == [f"{corpus}:2"]


def test_stdin(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    done = dyad(
        "ingest",
        "-",
        "--store",
        str(db),
        stdin=" date 2026-03-02 Sylvania threatened sanctions against Freedonia.\n",
    )
    assert done.returncode == 0, done.stderr
    assert "1 new" in done.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("events", "--store", "/nonexistent/x.db"), "no store at"),
        (("events", "--since", "yesterday"), "not a date"),
        (("eval", "no-such-evaluation"), "unknown evaluation"),
        (("show", "zzzz", "--store", "__STORE__"), "no article"),
    ],
)
def test_user_errors_exit_1_with_a_message(
    store: Path, args: tuple[str, ...], message: str
) -> None:
    done = dyad(*(str(store) if a == "__STORE__" else a for a in args))
    assert done.returncode == 1
    assert message in done.stderr
    assert "Traceback" not in done.stderr


def test_settings_show_sources(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "dyad.cli", "settings", "--format", "json"],
        capture_output=True, text=True, env={"DYAD_WORKERS": "3", "PATH": ""}, cwd=tmp_path,
    )  # fmt: skip
    rows = {r["setting"]: r for r in json.loads(done.stdout)}
    assert rows["workers"]["value"] == "3"
    assert rows["workers"]["source"] == "DYAD_WORKERS"
    assert rows["store"]["source"] == "default"


def test_actors_list_show_and_merge(store: Path, tmp_path: Path) -> None:
    import shutil

    db = tmp_path / "copy.db"
    shutil.copy(store, db)
    listed = json.loads(dyad("actors", "--store", str(db), "--format", "json").stdout)
    assert listed[0]["mentions"] >= listed[-1]["mentions"]
    keep, drop = listed[0]["id"], listed[1]["id"]
    shown = json.loads(dyad("actors", "show", keep, "--store", str(db), "--format", "json").stdout)
    assert shown[0]["id"] == keep and shown[0]["as_actor"] + shown[0]["as_recipient"]
    assert dyad("actors", "merge", keep, drop, "--store", str(db)).returncode == 0
    after = {
        a["id"] for a in json.loads(dyad("actors", "--store", str(db), "--format", "json").stdout)
    }
    assert keep in after and drop not in after
    missing = dyad("actors", "show", "PER:nobody", "--store", str(db))
    assert missing.returncode == 1 and "no actor" in missing.stderr


def test_a_user_actor_file_is_used_by_the_next_ingest(tmp_path: Path) -> None:
    mine = tmp_path / "mine.csv"
    mine.write_text(
        "id,name,kind,country,sector,aliases,title,valid_from,valid_to\n"
        "PER:ilka_voss,Ilka Voss,person,MDA,,Voss,Foreign Minister,2020-01-01,\n",
        encoding="utf-8",
    )
    article = tmp_path / "a.txt"
    article.write_text(" date 2026-03-02 Ilka Voss accused Romania of stalling the talks.\n")
    db = tmp_path / "s.db"
    done = dyad("ingest", str(article), "--store", str(db), "--actors", str(mine))
    assert done.returncode == 0, done.stderr
    rows = json.loads(dyad("actors", "--store", str(db), "--format", "json").stdout)
    voss = next(r for r in rows if r["id"] == "PER:ilka_voss")
    assert (voss["country"], voss["sector"]) == ("MDA", "government")
    events = json.loads(
        dyad("events", "--store", str(db), "--actor", "PER:ilka_voss", "--format", "json").stdout
    )
    assert [e["type"] for e in events] == ["ACCUSE"]
