"""`dyad eval story`: the tracker on the bundled multi-report stories, read by the real
pipeline, checked against the analysts' gold timelines beside them."""

from __future__ import annotations

import pytest

from dyad.evaluate import run_evaluation
from dyad.evaluate.story_timeline import bundled

pytestmark = [pytest.mark.model, pytest.mark.slow]


@pytest.fixture(scope="module")
def report():
    return run_evaluation("story", "/nonexistent/data/dir")  # bundled: no data folder needed


def test_the_stories_are_bundled_with_their_gold() -> None:
    names = sorted(p.name for p in bundled().iterdir() if (p / "gold.yaml").exists())
    assert names == ["border-ultimatum", "kampala-talks"]


def test_nearly_every_check_passes(report) -> None:
    assert report.items >= 50
    assert report.metrics["checks"] >= 0.95, report.details["failures"]


def test_no_real_meeting_lost_and_few_listed(report) -> None:
    for story in ("kampala-talks", "border-ultimatum"):
        listed = report.metrics[f"{story}_meetings_listed"]
        real = report.metrics[f"{story}_meetings_real"]
        assert real <= listed <= 1.5 * real
    assert not [f for f in report.details["failures"] if "listed" in f]


def test_the_absent_president_and_the_phone_call(report) -> None:
    failures = " ".join(report.details["failures"])
    assert "Khalid Mirghani" not in failures
    assert "phone call" not in failures
    assert "exchange of 120" not in failures
