"""An unnamed official of an international organisation speaks for it: "an EU official" is
the European Union, as "EU foreign ministers" are (real parses)."""

from __future__ import annotations

import pytest

import dyad
from dyad.model import ActorMention

pytestmark = pytest.mark.model


def _mention(text: str, written: str) -> ActorMention:
    result = dyad.process(text, date="2026-03-02")
    return next(m for m in result.actors if m.span.text == written)


def test_an_eu_official_is_the_european_union() -> None:
    official = _mention("An EU official said the bloc would keep its sanctions.", "EU official")
    assert (official.actor_id, official.name, official.country) == (
        "IGO:EU",
        "European Union",
        "IGO",
    )


def test_a_un_official_is_the_united_nations() -> None:
    official = _mention("A UN official said the council would meet on Monday.", "UN official")
    assert official.actor_id == "IGO:UN"


def test_a_national_official_keeps_the_country() -> None:
    official = _mention("A Russian official said the talks would go on.", "Russian official")
    assert official.actor_id == "GOV:RUS"
