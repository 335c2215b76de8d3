"""Whom a phrase's own preposition or a light verb's phrase aims the act at: "threw his
support behind X", "gave his support to X", "will vote for X". Real parses; the recipients
are countries, which the actors stage knows."""

from __future__ import annotations

import datetime as dt

import pytest

import dyad
from dyad.model import Event

pytestmark = pytest.mark.model

DAY = dt.date(2026, 3, 5)


def support(text: str) -> Event:
    found = [e for e in dyad.process(text, date=DAY).events if e.type == "SUPPORT"]
    assert len(found) == 1, [(e.type, e.evidence[0].trigger.text) for e in found]
    return found[0]


@pytest.mark.parametrize(
    "text",
    [
        "The governor of Ohio threw his support behind Moldova on Monday.",
        "The governor of Ohio gave his support to Moldova on Monday.",
        "Support was thrown behind Moldova by the governor of Ohio on Monday.",
    ],
)
def test_the_support_goes_to_the_object_of_behind_or_to(text: str) -> None:
    event = support(text)
    assert [r.country for r in event.recipients] == ["MDA"]
    assert [c.rule for c in event.cues if c.field == "recipient"] == ["object"]


def test_a_thing_after_to_is_no_recipient() -> None:
    event = support("Romania gave its support to the plan on Monday.")
    assert event.recipients == ()
