"""Event confidence: the calibration file is checked on load, and applied as a logistic model."""

from __future__ import annotations

import dataclasses

import pytest

from dyad.errors import KnowledgeError
from dyad.model import ActorMention, Event, Evidence, Span
from dyad.resolve.confidence import (
    FEATURES,
    Calibration,
    calibrate,
    event_features,
    load_calibration,
)

TEXT = "Freedonia's army shelled Sylvania on Monday. TALKS COLLAPSE"


def _event(**changes: object) -> Event:
    actor = ActorMention(
        span=Span(0, 9, "Freedonia"),
        actor_id="GOV:FRE",
        name="Freedonia",
        country="FRE",
        sector="military",
        kind="organisation",
        method="dictionary",
    )
    base = Event(
        id="e1",
        article_id="a1",
        type="ASSAULT",
        actors=(actor,),
        recipients=(),
        evidence=(Evidence(trigger=Span(18, 25, "shelled"), sentence=Span(0, 44, TEXT[:44])),),
        quad_class=4,
        confidence=0.8,
    )
    return dataclasses.replace(base, **changes)


def test_bundled_calibration_loads_and_names_only_known_features() -> None:
    calibration = load_calibration()
    assert set(calibration.weights) <= set(FEATURES)
    assert 0.0 <= calibration.threshold <= 1.0


def test_features_read_the_event_and_its_sentence() -> None:
    features = event_features(_event(), TEXT)
    assert set(features) == set(FEATURES)
    assert features["has_actor"] == 1.0 and features["actor_state"] == 1.0
    assert features["actor_known"] == 1.0 and features["has_recipient"] == 0.0
    assert features["material"] == 1.0 and features["conflict"] == 1.0
    assert features["headline"] == 0.0
    headline = _event(
        evidence=(Evidence(trigger=Span(45, 50, "TALKS"), sentence=Span(45, 59, "")),)
    )
    assert event_features(headline, TEXT)["headline"] == 1.0


def test_calibrate_replaces_confidence_with_the_models_probability() -> None:
    model = Calibration(bias=-1.0, weights={"has_actor": 3.0}, threshold=0.5)
    named, unnamed = calibrate([_event(), _event(actors=())], TEXT, model)
    assert named.confidence == pytest.approx(0.881, abs=0.001)  # sigmoid(2)
    assert unnamed.confidence == pytest.approx(0.269, abs=0.001)  # sigmoid(-1)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("bias: 0\nthreshold: 0.5\nweights: {colour: 1}\n", "unknown features"),
        ("bias: x\nthreshold: 0.5\n", "bias must be a number"),
        ("bias: 0\nthreshold: 2\n", "threshold must be between 0 and 1"),
        ("- a list\n", "expected a mapping"),
    ],
)
def test_a_bad_calibration_file_names_the_file_and_the_fault(
    tmp_path, content: str, message: str
) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(KnowledgeError, match=message) as caught:
        load_calibration(path)
    assert str(path) in str(caught.value)
