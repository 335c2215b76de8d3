"""Every date carries its granularity wherever it is shown: a year-only date is never shown as
2019-01-01 without saying so (event record, rows of the CLI and the HTTP API, exports)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json

import pytest

from dyad.exports import export_lines, plover_record, read_csv
from dyad.model import Event, Evidence, Span, date_label
from dyad.query import event_row

DAY = dt.date(2019, 1, 1)


@pytest.mark.parametrize(
    ("day", "granularity", "label"),
    [
        (dt.date(2019, 5, 16), "day", "2019-05-16"),
        (dt.date(2019, 5, 16), None, "2019-05-16"),
        (dt.date(2019, 5, 13), "week", "2019-W20"),
        (dt.date(2019, 5, 1), "month", "2019-05"),
        (dt.date(2019, 4, 1), "quarter", "2019-Q2"),
        (dt.date(2019, 7, 1), "half", "2019-H2"),
        (dt.date(2019, 6, 1), "season", "2019-SU"),
        (dt.date(2018, 12, 1), "season", "2019-WI"),  # winter is named by the year it ends in
        (DAY, "year", "2019"),
        (dt.date(2010, 1, 1), "decade", "2010s"),
        (dt.date(2000, 1, 1), "century", "21st century"),
        (dt.date(1900, 1, 1), "century", "20th century"),
        (None, "year", None),
    ],
)
def test_a_date_is_written_as_precisely_as_it_was_said(
    day: dt.date | None, granularity: str | None, label: str | None
) -> None:
    assert date_label(day, granularity) == label


def _event(**dates: object) -> Event:
    span = Span(0, 8, "met")
    return Event("ev_1", "a1", "CONSULT", (), (), (Evidence(span, span),), **dates)  # type: ignore[arg-type]


def test_a_year_only_event_shows_its_year_and_keeps_its_iso_date() -> None:
    event = _event(date=DAY, date_end=dt.date(2019, 12, 31), date_granularity="year")
    assert event.date_label() == "2019"
    row = event_row(event)
    assert (row["date"], row["date_granularity"], row["date_label"]) == (
        "2019-01-01",
        "year",
        "2019",
    )


def test_a_range_and_a_deadline_show_both_ends_each_at_its_own_granularity() -> None:
    months = _event(
        date=dt.date(2019, 3, 1), date_end=dt.date(2019, 5, 31), date_granularity="month"
    )
    assert months.date_label() == "2019-03/2019-05"
    by_year_end = _event(
        date=dt.date(2019, 5, 14),
        date_end=dt.date(2020, 1, 1),
        date_granularity="day",
        date_end_granularity="year",
    )
    assert by_year_end.date_label() == "2019-05-14/2020"
    assert _event().date_label() is None


def test_csv_and_plover_exports_carry_the_granularities() -> None:
    event = _event(
        date=DAY, date_end=dt.date(2020, 1, 1), date_granularity="year", date_end_granularity="year"
    )
    rows = list(read_csv(io.StringIO("".join(export_lines("csv", [(event, None)])), newline="")))
    assert (rows[0]["date"], rows[0]["date_granularity"], rows[0]["date_label"]) == (
        DAY,
        "year",
        "2019/2020",
    )
    assert rows[0]["date_end_granularity"] == "year"
    record = json.loads(json.dumps(plover_record(event)))
    assert (record["date"], record["date_granularity"], record["date_end_granularity"]) == (
        "2019-01-01",
        "year",
        "year",
    )


def test_a_group_dated_only_by_month_shows_its_month() -> None:
    from dyad.grouping.logic import build_group, member_of
    from dyad.model import to_dict
    from dyad.query import group_date_label

    july = dt.date(2031, 7, 1)
    events = [
        _event(date=july, date_end=dt.date(2031, 7, 31), date_granularity="month"),
        _event(date=july, date_granularity="day"),  # "on July 1": the day beats the month
    ]
    members = [member_of(e, article_date=dt.date(2031, 8, 2), publisher="Wire") for e in events]
    by_month = build_group("g1", members[:1])
    assert (by_month.date_granularity, group_date_label(to_dict(by_month))) == (
        "month",
        "2031-07",
    )
    by_day = build_group("g2", members)
    assert by_day.date_granularity == "day"
    assert group_date_label(to_dict(by_day)) == "2031-07-01/2031-07-31"


def _year_store(path):
    from dyad.grouping.stored import regroup_all
    from dyad.model import Article, ArticleResult
    from dyad.store import open_store

    text = "Vesk and Tolmar met in 2019, officials said."
    event = _event(date=DAY, date_end=dt.date(2019, 12, 31), date_granularity="year")
    event = dataclasses.replace(event, article_id="y1", date_source="text")
    result = ArticleResult(Article("y1", text, dt.date(2020, 3, 5), "Wire"), events=(event,))
    with open_store(path) as store:
        run = store.start_run("test", pipeline_version="t", model_version=None)
        store.add_batch([result], [], run_id=run, pipeline_version="t", model_version=None)
        store.finish_run(run)
        regroup_all(store)
    return path


def test_the_http_api_and_the_cli_show_a_year_as_a_year(tmp_path) -> None:
    import subprocess
    import sys

    from fastapi.testclient import TestClient

    from dyad.api import create_app

    path = _year_store(tmp_path / "years.db")
    client = TestClient(create_app(path, min_confidence=0.0))
    (row,) = client.get("/api/events?view=row").json()["items"]
    assert (row["date"], row["date_granularity"], row["date_label"]) == (
        "2019-01-01",
        "year",
        "2019",
    )
    (group,) = client.get("/api/groups").json()["items"]
    assert (group["date_granularity"], group["date_label"]) == ("year", "2019")
    assert client.get(f"/api/groups/{group['id']}").json()["group"]["date_label"] == "2019"
    done = subprocess.run(
        [sys.executable, "-m", "dyad.cli", "events", "--store", str(path), "--format", "csv"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    header, line = done.stdout.splitlines()[:2]
    assert header.split(",")[0] == "date_label" and line.startswith("2019,")
