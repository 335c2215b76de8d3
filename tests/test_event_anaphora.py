"""An event noun with no party of its own ("the meeting") takes the parties of the earlier
event of its type it refers back to, read as `dyad.process` reads an article. People are
fictional; countries and cities are real."""

from __future__ import annotations

import pytest

import dyad
from dyad.model import Event

pytestmark = pytest.mark.model

MET = "Moldovan President Ilan Varesk and Georgian Prime Minister Tamar Loridze met in Istanbul.\n"


def meeting(text: str) -> Event:
    result = dyad.process(text, date="2025-05-15")
    found = [e for e in result.events if any(x.trigger.text == "meeting" for x in e.evidence)]
    assert len(found) == 1, [(e.type, e.evidence[0].trigger.text) for e in result.events]
    return found[0]


def test_the_meeting_takes_the_parties_of_the_meeting_just_reported():
    event = meeting(MET + "The meeting lasted two hours, officials said.")
    assert event.type == "CONSULT"
    assert [a.name for a in event.actors] == ["Ilan Varesk", "Tamar Loridze"]
    assert [c.rule for c in event.cues if c.field == "actor"] == ["event-anaphora"] * 2


@pytest.mark.parametrize(
    "later",
    [
        "A meeting lasted two hours, officials said.",  # indefinite: another meeting
        "The meeting in Paris lasted two hours, officials said.",  # another place stated
        "Prices rose.\nWheat fell.\nThe meeting lasted two hours, officials said.",  # too far
    ],
)
def test_no_parties_from_a_meeting_it_may_not_refer_to(later: str):
    event = meeting(MET + later)
    assert event.actors == ()
    assert not [c for c in event.cues if c.rule == "event-anaphora"]
