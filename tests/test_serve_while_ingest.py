"""`dyad serve` keeps answering while `dyad ingest` writes to the same store in another
process, and shows the new events within seconds: two real processes, polled over HTTP."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from dyad.store import open_store
from test_browser import EXAMPLES, free_port, wait_for

pytestmark = [pytest.mark.model, pytest.mark.slow]
DYAD = [sys.executable, "-m", "dyad.cli"]


def get(url: str) -> tuple[dict, float]:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=10) as response:
        body = json.load(response)
    return body, time.perf_counter() - started


def test_reads_never_block_and_new_events_show_up(tmp_path: Path) -> None:
    store = tmp_path / "live.db"
    with open_store(store):  # an empty store, as a fresh deployment has
        pass
    port = free_port()
    server = subprocess.Popen([*DYAD, "serve", "--store", str(store), "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)  # fmt: skip
    url = f"http://127.0.0.1:{port}/api/events?limit=5&view=row&min_confidence=0"  # all events
    try:
        wait_for(url)
        assert get(url)[0]["total"] == 0
        ingest = subprocess.Popen(
            [*DYAD, "ingest", str(EXAMPLES), "--store", str(store), "--batch-size", "2"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        seen: list[tuple[int, bool]] = []  # (events served, ingest still running)
        slowest = 0.0
        while ingest.poll() is None:
            body, seconds = get(url)
            seen.append((body["total"], ingest.poll() is None))
            slowest = max(slowest, seconds)
            time.sleep(0.1)
        assert ingest.returncode == 0, ingest.stderr.read() if ingest.stderr else ""
        with open_store(store, read_only=True) as db:
            final = db.count_events()
        deadline = time.monotonic() + 5
        while get(url)[0]["total"] != final and time.monotonic() < deadline:
            time.sleep(0.1)
        assert get(url)[0]["total"] == final > 0
    finally:
        server.terminate()
        server.wait(timeout=10)
    during = [total for total, running in seen if running]
    assert any(0 < total < final for total in during), "no partial result seen during ingest"
    assert during == sorted(during)  # committed events never disappear
    assert slowest < 2.0, f"a read took {slowest:.2f} s while ingest was writing"
