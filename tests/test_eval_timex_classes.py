"""The TempEval-3 breakdown: per TimeML type and per hard class of expression."""

from __future__ import annotations

import pytest

from dyad.evaluate.timex import GoldTimex, Tally
from dyad.evaluate.timex_classes import gold_classes
from dyad.model import Span, TimeExpression


def _gold(text: str, said: str, type_: str, value: str, after: int = 0) -> GoldTimex:
    start = text.index(said, after)
    return GoldTimex(start, start + len(said), said, type_, value)


@pytest.mark.parametrize(
    ("said", "type_", "value", "expected"),
    [
        ("three weeks", "DURATION", "P3W", {"duration"}),
        ("last week", "DATE", "2025-W19", {"week_quarter", "last_next"}),
        ("the third quarter", "DATE", "2025-Q3", {"week_quarter"}),
        ("Friday", "DATE", "2025-05-16", {"tense"}),
        ("Oct. 31", "DATE", "2024-10-31", {"tense"}),
        ("next year", "DATE", "2026", {"last_next"}),
        ("a year earlier", "DATE", "2024", {"anaphoric"}),
        ("the following month", "DATE", "2025-06", {"anaphoric"}),
        ("1998", "DATE", "1998", set()),
    ],
)
def test_hard_classes_come_from_the_gold_text(
    said: str, type_: str, value: str, expected: set[str]
) -> None:
    text = f"Vesk officials said {said} that the talks went on."
    (classes,) = gold_classes(text, [_gold(text, said, type_, value)])
    assert classes == expected


def test_the_two_ends_of_a_range_are_in_the_range_class() -> None:
    text = "Tolmar governed Vesk from 1995 to 1997 and again in 2003."
    gold = [_gold(text, y, "DATE", y) for y in ("1995", "1997", "2003")]
    assert [("range" in c) for c in gold_classes(text, gold)] == [True, True, False]


def _found(text: str, said: str, type_: str, value: str) -> TimeExpression:
    start = text.index(said)
    return TimeExpression(Span(start, start + len(said), said), type_, value)


def test_the_breakdown_scores_each_type_and_class() -> None:
    text = "Vesk closed the border on Friday for three weeks, and talks resume next year."
    gold = (
        _gold(text, "Friday", "DATE", "2025-05-16"),
        _gold(text, "three weeks", "DURATION", "P3W"),
        _gold(text, "next year", "DATE", "2026"),
    )
    found = (
        _found(text, "Friday", "date", "2025-05-09"),  # the wrong Friday
        _found(text, "three weeks", "duration", "P3W"),
        _found(text, "next year", "date", "2026"),
    )
    tally = Tally()
    tally.add(gold, found, gold_classes(text, gold))
    metrics = tally.metrics()
    assert metrics["duration_value_f1"] == 1.0
    assert metrics["date_value_f1"] == pytest.approx(0.5)
    assert metrics["hard_tense_value_recall"] == 0.0
    assert metrics["hard_last_next_value_recall"] == 1.0
    assert tally.breakdown.details()["DATE"] == {"gold": 2, "found": 2, "value_right": 1}
