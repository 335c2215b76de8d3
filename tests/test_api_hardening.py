"""The HTTP API and CLI hold against hostile or careless requests: bounded series, the token
before the body, a capped body, one snapshot per request, 400s instead of 500s, exports that
fail before they stream, Host names, security headers, offline docs, and unknown parameters.
Every error keeps the one JSON shape."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import sqlite3
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from dyad.api import create_app
from dyad.errors import FilterError
from dyad.grouping.stored import stories
from dyad.store import open_store
from test_api import build_store, results
from test_api_errors import assert_error_shape
from test_browser import free_port, wait_for

DYAD = [sys.executable, "-m", "dyad.cli"]
TOKEN = "s3cret-token"


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("hardening") / "h.db")


@pytest.fixture(scope="module")
def client(store_path: Path) -> TestClient:
    return TestClient(create_app(store_path), raise_server_exceptions=False)


def dyad(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*DYAD, *args], capture_output=True, text=True, timeout=120)


# --- series: a bounded number of points ------------------------------------------------


def test_a_series_over_millennia_is_refused_naming_the_limit(client: TestClient) -> None:
    response = client.get("/api/series?a=RUR&b=BOR&date_from=0001-01-01&date_to=9999-12-31")
    assert_error_shape(response, 400)
    message = response.json()["error"]["message"]
    assert "5,000" in message and "freq=week" in message


def test_a_series_up_to_the_last_day_of_9999_is_served(client: TestClient) -> None:
    response = client.get("/api/series?a=RUR&b=BOR&date_from=9999-12-01&date_to=9999-12-31")
    assert response.status_code == 200, response.text
    assert len(response.json()["items"]) == 31


def test_the_command_line_shares_the_bound(store_path: Path) -> None:
    done = dyad("dyad", "RUR", "BOR", "--since", "0001-01-01", "--until", "9999-12-31",
                "--store", str(store_path))  # fmt: skip
    assert done.returncode == 1 and "5,000" in done.stderr and "Traceback" not in done.stderr


# --- POST: the token before the body, and a cap on the body ----------------------------


def test_the_token_is_checked_before_the_body_is_read(store_path: Path) -> None:
    client = TestClient(create_app(store_path, ingest_token=TOKEN))
    response = client.post("/api/articles", content=b"{not json", headers={
        "Authorization": "Bearer wrong", "Content-Type": "application/json"})  # fmt: skip
    assert_error_shape(response, 401)


@pytest.mark.parametrize("streamed", [False, True])
def test_a_body_over_the_cap_is_refused(store_path: Path, streamed: bool) -> None:
    client = TestClient(create_app(store_path, ingest_token=TOKEN, max_body_bytes=1000))
    body = b'{"articles": [{"text": "' + b"x" * 5000 + b'"}]}'
    content = iter([body[:3000], body[3000:]]) if streamed else body  # chunked: no length
    response = client.post("/api/articles", content=content, headers={
        "Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"})  # fmt: skip
    assert_error_shape(response, 413)
    assert "max_body_bytes" in response.json()["error"]["message"]


def test_a_non_ascii_token_is_compared_as_bytes(store_path: Path) -> None:
    client = TestClient(create_app(store_path, ingest_token="ключ"), raise_server_exceptions=False)
    wrong = client.post(
        "/api/articles", json={}, headers={"Authorization": "Bearer ключ2".encode()}
    )
    assert_error_shape(wrong, 401)
    right = client.post("/api/articles", json={}, headers={"Authorization": "Bearer ключ".encode()})
    assert_error_shape(right, 400)  # past the token: the empty body is what is wrong


# --- one snapshot per request ----------------------------------------------------------


def test_a_snapshot_does_not_see_a_write_land(tmp_path: Path) -> None:
    path = build_store(tmp_path / "s.db")
    extra = results()[0]
    with open_store(path, read_only=True) as reader, open_store(path) as writer:
        with reader.snapshot():
            before = reader.counts()["articles"]
            renamed = dataclasses.replace(
                extra, article=dataclasses.replace(extra.article, id="b9")
            )
            run = writer.start_run("t", pipeline_version="t", model_version=None)
            writer.add_batch([renamed], run_id=run, pipeline_version="t", model_version=None)
            assert reader.counts()["articles"] == before
        assert reader.counts()["articles"] == before + 1


def test_a_story_merged_away_between_two_reads_is_left_out(tmp_path: Path) -> None:
    path = build_store(tmp_path / "m.db")
    with open_store(path) as store:
        listed = stories(store)
        conn = sqlite3.connect(path)
        conn.execute("DELETE FROM story_articles WHERE story_id = ?", (listed[0].id,))
        conn.commit()
        conn.close()
        assert [s.id for s in stories(store)] == [s.id for s in listed[1:]]


# --- 400, not 500 ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        ("/api/events?offset=9223372036854775808", "offset"),
        ("/api/articles?offset=9223372036854775808", "offset"),
        ("/api/stories?offset=99999999999999999999", "offset"),
        ("/api/groups?offset=9223372036854775808", "offset"),
        ("/api/events?place=%C2%B2", "place"),
        ("/api/events?bbox=%C2%B2,0,1,1", "bbox"),
        ("/api/places?bbox=nan,0,1,1", "bbox"),
    ],
)
def test_bad_numbers_are_a_400_naming_the_parameter(
    client: TestClient, url: str, parameter: str
) -> None:
    response = client.get(url)
    assert_error_shape(response, 400)
    assert [f["name"] for f in response.json()["error"]["fields"]] == [parameter]


@pytest.mark.parametrize("command", ["events", "articles", "groups", "story", "actors"])
def test_a_huge_limit_is_a_clear_error_on_the_command_line(store_path: Path, command: str) -> None:
    done = dyad(command, "--limit", "99999999999999999999", "--store", str(store_path))
    assert done.returncode == 1, done.stderr
    assert "--limit" in done.stderr and "Traceback" not in done.stderr


# --- exports fail before they stream ---------------------------------------------------


def test_an_export_with_a_bad_filter_is_a_400_not_an_empty_csv(client: TestClient) -> None:
    response = client.get("/api/export?format=csv&place=%C2%B2")
    assert_error_shape(response, 400)


# --- Host names and security headers ---------------------------------------------------


@pytest.mark.parametrize(
    ("base", "status"),
    [("http://evil.example", 400), ("http://localhost:8765", 200),
     ("http://127.0.0.1", 200), ("http://[::1]:8765", 200), ("http://dyad.lan", 200)],
)  # fmt: skip
def test_only_the_served_host_names_are_answered(store_path: Path, base: str, status: int) -> None:
    client = TestClient(create_app(store_path, host="dyad.lan"), base_url=base)
    response = client.get("/api")
    assert response.status_code == status, response.text
    if status == 400:
        assert_error_shape(response, 400)


def test_dyad_serve_refuses_a_rebound_host_name(store_path: Path) -> None:
    port = free_port()
    server = subprocess.Popen([*DYAD, "serve", "--store", str(store_path), "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)  # fmt: skip
    try:
        wait_for(f"http://127.0.0.1:{port}/api")
        request = urllib.request.Request(f"http://127.0.0.1:{port}/api",
                                         headers={"Host": "evil.example"})  # fmt: skip
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=10)
        assert refused.value.code == 400
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.mark.parametrize("url", ["/", "/api", "/api/events?limit=0", "/static/app.js", "/api/docs"])
def test_every_response_says_nosniff(client: TestClient, url: str) -> None:
    assert client.get(url).headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("url", ["/", "/api/docs"])
def test_pages_carry_a_content_security_policy_of_their_own_origin(
    client: TestClient, url: str
) -> None:
    policy = client.get(url).headers["content-security-policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy
    assert "http" not in policy


# --- offline docs ------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/", "/api/docs"])
def test_no_page_loads_a_script_or_style_from_elsewhere(client: TestClient, url: str) -> None:
    page = client.get(url)
    assert page.status_code == 200
    linked = re.findall(r'<(?:script|link)[^>]*(?:src|href)="([^"]+)"', page.text)
    assert linked and all(not re.match(r"(https?:)?//", u) for u in linked), linked
    for target in linked:
        if target.endswith((".js", ".css")):
            assert client.get(target).status_code == 200, target


# --- unknown parameters ----------------------------------------------------------------


def test_an_unknown_parameter_is_refused_naming_the_right_one(client: TestClient) -> None:
    response = client.get("/api/events?date_fro=2026-03-09")
    assert_error_shape(response, 400)
    error = response.json()["error"]
    assert error["fields"][0]["name"] == "date_fro" and "date_from" in error["message"]


def test_the_cli_names_since_and_until_are_aliases(client: TestClient) -> None:
    assert_error_shape(client.get("/api/events?since=bad"), 400)
    by_alias = client.get("/api/events?since=2026-03-06&until=2026-03-08").json()
    by_name = client.get("/api/events?date_from=2026-03-06&date_to=2026-03-08").json()
    assert by_alias["total"] == by_name["total"] == 2


def test_an_open_series_keeps_its_latest_periods_past_old_history() -> None:
    from dyad.grouping.logic.series import series_of_rows

    rows = [
        ("1990-05-01", "g1", "ASSAULT", 4, -10.0, 1),
        ("2025-03-02", "g2", "CONSULT", 1, 1.0, 1),
        ("2025-03-04", "g3", "CONSULT", 1, 1.0, 2),
    ]
    points = series_of_rows(rows, freq="day", most=5000)
    assert len(points) == 5000
    assert points[-1].period == dt.date(2025, 3, 4) and points[-1].total == 2
    assert points[0].period == dt.date(2025, 3, 4) - dt.timedelta(days=4999)
    with pytest.raises(FilterError, match="5,000"):
        series_of_rows(rows, start=dt.date(1990, 5, 1), freq="day", most=5000)
