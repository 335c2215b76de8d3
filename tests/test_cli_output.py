"""What `dyad` prints: data never read as markup, tables that fit the terminal, counts."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from dyad.cli.articles import quoted
from dyad.cli.output import fit_columns, plural

LONG = (
    "Negotiators from Freedonia and Sylvania met for a third day in Geneva on Tuesday, and"
    " the mediators said the two delegations had agreed on a timetable for the withdrawal of"
    " troops from the border villages, the exchange of prisoners and the reopening of the"
    " crossings, though neither side would confirm it before the ministers meet in Zenda"
    " lastwordofparagraph."
)
ARTICLES = [
    {"id": "brk-0001", "date": "2026-03-02", "source": "Zenda Herald [en]",
     "title": "Ultimatum [update]",
     "text": 'The foreign minister of Freedonia said: "We will not allow [the rebels] to take the'
             ' city." Freedonia demanded that Sylvania withdraw its troops by March 3.\n\n'
             + LONG},
    {"id": "brk-0002", "date": "2026-03-03", "source": "Zenda Herald [en]",
     "text": "Sylvania rejected the demand and accused Freedonia of provocations on Monday."},
    {"id": "other-01", "date": "2026-03-04", "source": "Wire",
     "text": "Protesters gathered outside the parliament in Zenda on Tuesday, police said."},
]  # fmt: skip


def dyad(*args: str, columns: int | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": str(columns)} if columns else dict(os.environ)
    env.pop("COLUMNS", None) if columns is None else None
    return subprocess.run(
        [sys.executable, "-m", "dyad.cli", *args], capture_output=True, text=True, env=env,
        timeout=600,
    )  # fmt: skip


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("brackets")
    corpus = folder / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    path = folder / "s.db"
    done = dyad("ingest", str(corpus), "--store", str(path))
    assert done.returncode == 0, done.stderr
    return path


@pytest.mark.model
def test_square_brackets_print_as_written(store: Path) -> None:
    events = dyad("events", "--store", str(store), "--wide", columns=250)  # no cell wraps
    assert events.returncode == 0, events.stderr
    assert "Zenda Herald [en]" in events.stdout
    shown = dyad("show", "brk-0001", "--store", str(store), columns=200)
    assert "[the rebels]" in shown.stdout
    assert "Ultimatum [update]" in shown.stdout
    settings = dyad("settings")
    assert "([dyad] table)" in settings.stdout


@pytest.mark.model
def test_show_wraps_paragraphs_and_quotes_once(store: Path) -> None:
    shown = dyad("show", "brk-0001", "--store", str(store), columns=80)
    assert shown.returncode == 0, shown.stderr
    assert max(len(line) for line in shown.stdout.splitlines()) <= 80
    assert "lastwordofparagraph" in shown.stdout  # the end of a long paragraph, not cropped
    assert '“"' not in shown.stdout and '"”' not in shown.stdout


@pytest.mark.model
@pytest.mark.parametrize("width", [80, 120])
def test_tables_fit_the_terminal_and_never_break_ids_or_dates(store: Path, width: int) -> None:
    found = json.loads(dyad("events", "--store", str(store), "--format", "json").stdout)
    assert found
    done = dyad("events", "--store", str(store), columns=width)
    lines = done.stdout.splitlines()
    assert max(len(line) for line in lines) <= width
    assert {e["date"] for e in found if e["date"]} <= set(
        re.findall(r"\d{4}-\d\d-\d\d", done.stdout)
    )
    wide = dyad("events", "--store", str(store), "--wide", columns=width)
    assert all(e["id"] in wide.stdout for e in found)  # every column, ids whole
    if "ev_" in done.stdout:
        assert all(e["id"] in done.stdout for e in found)


@pytest.mark.model
def test_counts_say_how_many_match_and_use_plurals(store: Path) -> None:
    every = ("--store", str(store), "--min-confidence", "0")  # doubtful ones too
    total = len(json.loads(dyad("events", *every, "--format", "json").stdout))
    assert total > 1
    done = dyad("events", *every, "--limit", "1")
    assert f"showing 1 of {total} events" in done.stderr
    one = dyad("events", *every, "--type", "PROTEST")
    assert one.stderr.strip().endswith("1 event"), one.stderr


@pytest.mark.model
def test_an_ambiguous_prefix_lists_its_matches(store: Path) -> None:
    done = dyad("show", "brk", "--store", str(store))
    assert done.returncode == 1
    assert "ambiguous" in done.stderr
    assert "brk-0001" in done.stderr and "brk-0002" in done.stderr
    assert dyad("show", "oth", "--store", str(store)).returncode == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("events", "--type", "FOO"), "AGREE, CONSULT"),
        (("events", "--country", "XYZ"), "ISO 3166 alpha-3"),
        (("groups", "--country", "Freedonia"), "ISO 3166 alpha-3"),
        (("export", "--format", "xml", "--out", "x"), "plover, gdelt-events"),
    ],
)
def test_unknown_values_are_errors_that_list_the_allowed_ones(args: tuple[str, ...],
                                                              message: str) -> None:  # fmt: skip
    done = dyad(*args)
    assert done.returncode == 1
    assert message in done.stderr


def test_an_unknown_format_lists_the_formats() -> None:
    done = dyad("events", "--format", "xml")
    assert done.returncode == 2
    assert "table" in done.stderr and "jsonl" in done.stderr


def test_version() -> None:
    from dyad import __version__

    done = dyad("--version")
    assert done.returncode == 0
    assert done.stdout.strip() == f"dyad {__version__}"


def test_the_least_useful_columns_go_first() -> None:
    need = {"date": 10, "type": 9, "actors": 14, "pipeline_version": 12, "id": 19, "trigger": 14}
    cols = ["date", "type", "actors", "trigger", "pipeline_version", "id"]
    assert fit_columns(cols, need, 200) == cols
    assert fit_columns(cols, need, 80) == ["date", "type", "actors", "trigger"]
    assert fit_columns(cols, need, 50) == ["date", "type", "actors"]


def test_plurals_and_quotes() -> None:
    assert (plural(1, "event"), plural(2, "event"), plural(0, "group")) == (
        "1 event", "2 events", "0 groups",
    )  # fmt: skip
    assert quoted('"We share a sea,"') == '"We share a sea,"'
    assert quoted("they would stay") == "“they would stay”"
