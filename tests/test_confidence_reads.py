"""Doubtful events (under the confidence threshold) are hidden by default, never deleted:
listings in the HTTP API and `dyad events` leave them out and say how many, and
`min_confidence` (0 shows all) overrides the default."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from dyad.api import create_app
from test_api import build_store

DYAD = [sys.executable, "-m", "dyad.cli"]
# build_store's events: one AGREE of confidence 0.9, three of the model's default 0.5.


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("doubt") / "d.db")


def test_the_api_hides_events_under_the_servers_threshold(store_path: Path) -> None:
    client = TestClient(create_app(store_path, min_confidence=0.8))
    shown = client.get("/api/events").json()
    assert [e["type"] for e in shown["items"]] == ["AGREE"]
    assert client.get("/api/events?min_confidence=0").json()["total"] == 4
    assert client.get("/api/events?min_confidence=0.4").json()["total"] == 4


def test_a_threshold_outside_0_to_1_is_a_400_naming_it(store_path: Path) -> None:
    response = TestClient(create_app(store_path)).get("/api/events?min_confidence=2")
    assert response.status_code == 400
    assert "min_confidence" in response.json()["error"]["message"]


def test_dyad_events_says_how_many_doubtful_events_it_hides(store_path: Path) -> None:
    env = {"DYAD_MIN_CONFIDENCE": "0.8", "PATH": "/usr/bin:/bin"}
    hidden = subprocess.run([*DYAD, "events", "--store", str(store_path), "-f", "jsonl"],
                            capture_output=True, text=True, env=env, check=True)  # fmt: skip
    assert len(hidden.stdout.splitlines()) == 1
    assert "3 doubtful events hidden" in hidden.stderr
    every = subprocess.run([*DYAD, "events", "--store", str(store_path), "-f", "jsonl",
                            "--min-confidence", "0"],
                           capture_output=True, text=True, env=env, check=True)  # fmt: skip
    assert len(every.stdout.splitlines()) == 4
    assert "hidden" not in every.stderr


def test_series_leave_out_doubtful_events(store_path: Path) -> None:
    client = TestClient(create_app(store_path, min_confidence=0.8))

    def total(query: str) -> int:
        items = client.get(f"/api/series?a=BOR&b=RUR&freq=week{query}").json()["items"]
        return sum(p["total"] for p in items)

    assert total("&min_confidence=0") >= 2  # the accusation and the shelling (0.5 each)
    assert total("") == 0
    assert total("&count=mentions") == 0
