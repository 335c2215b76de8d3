"""`dyad eval --limit N` reads N gold inputs, and says what it counted in them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.model]

TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>{name}</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2026-03-01" temporalFunction="false"
functionInDocument="CREATION_TIME">2026-03-01</TIMEX3></DCT>
<TEXT>
The talks in Zenda ended on <TIMEX3 tid="t1" type="DATE" value="2026-02-27">Friday</TIMEX3>
and will resume on <TIMEX3 tid="t2" type="DATE" value="2026-03-02">Monday</TIMEX3>.
</TEXT>
</TimeML>
"""


def dyad(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dyad.cli", *args], capture_output=True, text=True, timeout=600
    )


def test_limit_counts_documents_and_the_report_says_so(tmp_path: Path) -> None:
    gold = tmp_path / "tempeval3" / "TBAQ-cleaned" / "TimeBank"
    gold.mkdir(parents=True)
    for name in ("a", "b", "c"):
        (gold / f"{name}.tml").write_text(TML.format(name=name), encoding="utf-8")
    done = dyad("eval", "tempeval3", "--data-dir", str(tmp_path), "--split", "all",
                "--limit", "1", "--format", "json")  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "1 input read, 2 items scored" in done.stderr  # one document, its two expressions
    assert "3 inputs" in dyad("eval", "tempeval3", "--data-dir", str(tmp_path), "--split",
                              "all").stderr  # fmt: skip


def test_limit_zero_reads_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "event-location"
    folder.mkdir()
    text = "Troops clashed with rebels in Zenda on Monday."
    items = [
        {"_id": f"s{i}", "text": text, "answer": "accept", "spans": [
            {"label": "VERB", "start": 7, "end": 14},
            {"label": "LOCATION", "start": 30, "end": 35},
        ]}
        for i in range(3)
    ]  # fmt: skip
    (folder / "labeled_text.jsonl").write_text(json.dumps(items), encoding="utf-8")
    one = dyad("eval", "event_location", "--data-dir", str(tmp_path), "--split", "all",
               "--limit", "1")  # fmt: skip
    assert one.returncode == 0, one.stderr
    assert one.stderr.startswith("1 item in")
    none = dyad("eval", "event_location", "--data-dir", str(tmp_path), "--split", "all",
                "--limit", "0")  # fmt: skip
    assert none.stderr.startswith("0 items in"), none.stderr
