"""POST /api/articles: off by default, guarded by the operator's bearer token, and when on it
reads and stores articles with the real pipeline, as one run, like `dyad ingest`."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from dyad.api import create_app
from dyad.store import open_store

TOKEN = "s3cret-token"
TEXT = "Ruritania and Borduria agreed on a ceasefire in Geneva on Monday, officials said."


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    path = tmp_path / "post.db"
    with open_store(path):
        pass
    return path


def client_for(path: Path, token: str | None) -> TestClient:
    return TestClient(create_app(path, ingest_token=token))


def post(client: TestClient, body: dict, token: str | None = TOKEN):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return client.post("/api/articles", json=body, headers=headers)


ONE = {"articles": [{"text": TEXT, "date": "2026-03-09", "source": "Example Wire"}]}


def test_off_unless_a_token_is_set(store_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DYAD_INGEST_TOKEN", raising=False)
    response = post(client_for(store_path, None), ONE)
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "ingest-off"


@pytest.mark.model
def test_the_environment_variable_turns_it_on(
    store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DYAD_INGEST_TOKEN", TOKEN)
    assert post(client_for(store_path, None), ONE).status_code == 200


@pytest.mark.parametrize("header", [None, "Bearer wrong", "Basic s3cret-token", TOKEN])
def test_a_missing_or_wrong_token_is_refused(store_path: Path, header: str | None) -> None:
    client = client_for(store_path, TOKEN)
    headers = {"Authorization": header} if header else {}
    response = client.post("/api/articles", json=ONE, headers=headers)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert client.get("/api/events").json()["total"] == 0


@pytest.mark.model
def test_posted_articles_are_read_stored_and_served(store_path: Path) -> None:
    client = client_for(store_path, TOKEN)
    body = post(client, ONE).json()
    (item,) = body["articles"]
    assert item["status"] == "new"
    assert (
        item["events"]
        == client.get(f"/api/events?article={item['id']}&min_confidence=0").json()["total"]
        >= 1
    )
    assert client.get(f"/api/articles/{item['id']}").json()["article"]["source"] == "Example Wire"
    assert client.get("/api/events?type=AGREE").json()["total"] == 1
    (group,) = client.get("/api/groups?type=AGREE").json()["items"]  # grouped like an ingest
    assert group["article_ids"] == [item["id"]]
    (run,) = [r for r in client.get("/api/runs").json()["items"] if r["id"] == body["run_id"]]
    assert (run["command"], run["articles_new"], run["status"]) == (
        "POST /api/articles",
        1,
        "finished",
    )
    again = post(client, ONE).json()["articles"][0]
    assert (again["status"], again["events"]) == ("known", item["events"])  # stored before


@pytest.mark.model
def test_a_bad_article_is_reported_and_the_others_stored(store_path: Path) -> None:
    client = client_for(store_path, TOKEN)
    articles = [
        {"text": TEXT, "date": "2026-03-09"},
        {"text": "too short"},
        {"text": TEXT, "date": "not a date at all"},
    ]
    report = post(client, {"articles": articles}).json()["articles"]
    assert [a["status"] for a in report] == ["new", "rejected", "rejected"]
    assert all(a["message"] for a in report[1:])
    assert client.get("/api/events?type=AGREE").json()["total"] == 1
    reasons = sorted(r["reason"] for r in client.get("/api/rejected").json()["items"])
    assert reasons == ["bad-input", "bad-input"]


@pytest.mark.parametrize(
    "body", [{}, {"articles": []}, {"articles": [{"date": "2026-01-01"}]}, {"articles": "x"}]
)
def test_malformed_bodies_are_400(store_path: Path, body: dict) -> None:
    response = post(client_for(store_path, TOKEN), body)
    assert response.status_code == 400
    assert response.json()["error"]["fields"][0]["in"] == "body"


@pytest.mark.model
def test_the_real_pipeline_reads_a_posted_article(store_path: Path) -> None:
    app = create_app(store_path, ingest_token=TOKEN)
    client = TestClient(app)
    text = (
        "Ruritania and Borduria signed a ceasefire agreement in Geneva on Monday, the "
        "Ruritanian foreign ministry said in a statement."
    )
    body = post(client, {"articles": [{"text": text, "date": "2026-03-10"}]}).json()
    assert body["articles"][0]["status"] == "new"
    assert client.get("/api/articles").json()["items"][0]["chars"] == len(text)
