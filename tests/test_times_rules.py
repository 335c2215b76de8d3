"""find_times: rules added after the TempEval-3 dev error review, by capability.

The article date is Thursday 2025-05-15 unless a case says otherwise. Tense-dependent
cases use the real pipeline (marked `model`).
"""

from __future__ import annotations

import datetime as dt

import pytest

from dyad.extract.times import find_times
from dyad.model import TimeExpression

ARTICLE = dt.date(2025, 5, 15)  # a Thursday


def only(nlp, text: str, said: str, article: dt.date = ARTICLE) -> TimeExpression:
    """The one expression whose text is `said`."""
    found = [t for t in find_times(nlp(text), article) if t.span.text == said]
    assert len(found) == 1, [(t.span.text, t.value) for t in find_times(nlp(text), article)]
    return found[0]


QUARTERS_BY_TENSE = [
    # a quarter not yet begun cannot be reported in the past tense
    ("Profit at Tarn Mills rose in the third quarter.", "the third quarter", "2024-Q3"),
    ("Tarn Mills earned a record in the fiscal first quarter.", "first quarter", "2025-Q1"),
    ("Tarn Mills expects profit to rise in the third quarter.", "the third quarter", "2025-Q3"),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "said", "value"), QUARTERS_BY_TENSE)
def test_quarter_without_year_follows_the_tense(nlp, text, said, value):
    assert only(nlp, text, said).value == value
