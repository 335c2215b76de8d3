"""One JSON error shape for every endpoint: each endpoint's error cases, a check that no
endpoint is missing from the table, unknown paths and methods, and a missing store."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from dyad.api import create_app
from test_api import build_store

# Every endpoint of the OpenAPI document, with requests that must fail and their status.
CASES: dict[tuple[str, str], list[tuple[str, int]]] = {
    ("get", "/api"): [("/api?x=1", 400)],  # an unknown parameter is refused, not ignored
    ("get", "/api/events"): [
        ("/api/events?type=WAGE_WAR", 400),
        ("/api/events?polarity=maybe", 400),
        ("/api/events?modality=surely", 400),
        ("/api/events?date_from=yesterday", 400),
        ("/api/events?date_from=2026-03-09&date_to=2026-03-01", 400),
        ("/api/events?bbox=1,2,3", 400),
        ("/api/events?bbox=0,95,10,99", 400),
        ("/api/events?limit=0", 400),
        ("/api/events?limit=5000", 400),
        ("/api/events?offset=-1", 400),
        ("/api/events?sort=random", 400),
        ("/api/events?view=xml", 400),
        ("/api/events?historical=perhaps", 400),
    ],
    ("get", "/api/events/{event_id}"): [("/api/events/ev_nope", 404)],
    ("get", "/api/export"): [
        ("/api/export?format=xlsx", 400),
        ("/api/export?format=csv&type=NOPE", 400),
    ],
    ("get", "/api/articles"): [("/api/articles?limit=-3", 400), ("/api/articles?offset=x", 400)],
    ("get", "/api/articles/{article_id}"): [("/api/articles/zzz", 404), ("/api/articles/b", 404)],
    ("post", "/api/articles"): [("/api/articles", 403)],
    ("get", "/api/actors"): [("/api/actors?limit=0", 400)],
    ("get", "/api/actors/{actor_id}"): [("/api/actors/GOV:NOWHERE", 404)],
    ("get", "/api/runs"): [("/api/runs?limit=many", 400)],
    ("get", "/api/runs/{run_id}"): [("/api/runs/run_nope", 404)],
    ("get", "/api/rejected"): [("/api/rejected?run=run_nope", 200)],  # an empty list
    ("get", "/api/basemap"): [("/api/basemap?x=1", 400)],
    ("get", "/api/timeline"): [("/api/timeline?interval=hour", 400)],
    ("get", "/api/summary"): [("/api/summary?interval=week&type=X", 400)],
    ("get", "/api/network"): [("/api/network?limit=0", 400)],
    ("get", "/api/places"): [("/api/places?bbox=a,b,c,d", 400)],
    ("get", "/api/groups"): [("/api/groups?limit=0", 400)],
    ("get", "/api/groups/{group_id}"): [("/api/groups/grp_nope", 404)],
    ("get", "/api/stories"): [("/api/stories?offset=-2", 400)],
    ("get", "/api/stories/{story_id}"): [("/api/stories/sto_nope", 404)],
    ("get", "/api/series"): [
        ("/api/series?a=RUR", 400),
        ("/api/series?a=RUR&b=BOR&freq=year", 400),
        ("/api/series?a=RUR&b=BOR&count=words", 400),
    ],
    ("get", "/api/tracker"): [("/api/tracker?story=sto_nope", 404)],
}


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    path = build_store(tmp_path_factory.mktemp("errors") / "e.db")
    return TestClient(create_app(path), raise_server_exceptions=False)


def assert_error_shape(response, status: int) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    error = response.json()["error"]
    assert set(error) == {"status", "code", "message", "fields"}
    assert error["status"] == status
    assert isinstance(error["code"], str) and error["code"]
    assert isinstance(error["message"], str) and len(error["message"]) > 10


def test_every_endpoint_has_error_cases(client: TestClient) -> None:
    paths = client.get("/api/openapi.json").json()["paths"]
    endpoints = {(method, path) for path, ops in paths.items() for method in ops}
    assert endpoints == set(CASES), endpoints ^ set(CASES)


def test_the_openapi_document_shows_the_error_shape(client: TestClient) -> None:
    schema = client.get("/api/openapi.json").json()
    assert set(schema["components"]["schemas"]["ErrorBody"]["properties"]) == {"error"}
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            assert "422" not in responses, (method, path)
            assert responses["400"]["content"]["application/json"]["schema"] == {
                "$ref": "#/components/schemas/ErrorBody"
            }


@pytest.mark.parametrize(
    ("method", "url", "status"),
    [(m, url, status) for (m, _), cases in CASES.items() for url, status in cases],
)
def test_error_cases(client: TestClient, method: str, url: str, status: int) -> None:
    response = client.request(method, url, json={"articles": [{"text": "x" * 40}]})
    if status == 200:
        assert response.status_code == 200
        return
    assert_error_shape(response, status)


def test_bad_parameters_name_the_field(client: TestClient) -> None:
    error = client.get("/api/events?limit=0&sort=random").json()["error"]
    assert {f["name"] for f in error["fields"]} == {"limit", "sort"}
    assert all(f["in"] == "query" for f in error["fields"])


@pytest.mark.parametrize(
    ("method", "url", "status"),
    [
        ("get", "/api/nowhere", 404),
        ("get", "/nowhere", 404),
        ("delete", "/api/events", 405),
        ("put", "/api/articles", 405),
        ("post", "/api/events", 405),
    ],
)
def test_unknown_paths_and_methods(client: TestClient, method: str, url: str, status: int) -> None:
    assert_error_shape(client.request(method, url), status)


@pytest.mark.parametrize(
    "url",
    ["/api", "/api/events", "/api/events/x", "/api/articles", "/api/actors", "/api/runs",
     "/api/rejected", "/api/timeline", "/api/places", "/api/groups", "/api/tracker"],
)  # fmt: skip
def test_a_missing_store_answers_503(tmp_path: Path, url: str) -> None:
    client = TestClient(create_app(tmp_path / "absent.db"))
    response = client.get(url)
    assert_error_shape(response, 503)
    assert "dyad ingest" in response.json()["error"]["message"]


def test_an_unexpected_failure_is_a_500_in_the_same_shape(tmp_path: Path) -> None:
    path = tmp_path / "broken.db"
    build_store(path)
    import sqlite3

    conn = sqlite3.connect(path)
    conn.execute("UPDATE events SET body = 'not json' WHERE id = 'ev_b1'")
    conn.commit()
    conn.close()
    client = TestClient(create_app(path), raise_server_exceptions=False)
    response = client.get("/api/events/ev_b1")
    assert_error_shape(response, 500)
    assert "JSONDecodeError" in response.json()["error"]["message"]
