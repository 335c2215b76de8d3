"""The pipeline: one article that fails is recorded and the batch goes on; the Python API."""

from __future__ import annotations

import dataclasses

import pytest

import dyad
from dyad.errors import InputError
from dyad.ingest import make_article
from dyad.model import ArticleResult, Rejected
from dyad.pipeline import load_resources, process_batch

pytestmark = [pytest.mark.model]


@pytest.fixture(scope="module")
def resources():
    return load_resources()


def test_an_article_that_fails_is_rejected_and_the_batch_goes_on(resources) -> None:
    # A caller that builds an Article with a string date: only an article with a relative
    # date ("on Monday") needs date arithmetic, so only that one fails inside a stage.
    relative = make_article("Freedonia and Sylvania held talks on Monday.", date="2026-03-02")
    relative = dataclasses.replace(relative, date="2026-03-02")
    plain = make_article("The minister resigned after the vote, officials said.", date="2026-03-02")
    first, second = process_batch([relative, plain], resources)
    assert isinstance(first, Rejected), first
    assert first.reason == "processing-error"
    assert relative.id in first.message and first.article_id == relative.id
    assert isinstance(second, ArticleResult), second


def test_process_returns_typed_results() -> None:
    result = dyad.process(
        "Freedonia will not attend the talks in Geneva on Friday, its foreign ministry said.",
        date="2026-03-05", source="Example Wire",
    )  # fmt: skip
    (consult,) = [e for e in result.events if e.type == "CONSULT"]
    assert consult.polarity == "negated"
    assert consult.place is not None and consult.place.country == "CHE"
    assert result.article.source == "Example Wire"


def test_process_refuses_bad_input_with_a_project_error() -> None:
    with pytest.raises(InputError):
        dyad.process("", date="2026-03-05")


def test_event_ids_are_unique_and_stable(resources) -> None:
    from pathlib import Path

    from dyad.ingest import read_articles

    examples = Path(__file__).resolve().parents[1] / "src" / "dyad" / "data" / "examples"
    articles = [a for a in read_articles([examples]) if not isinstance(a, Rejected)]
    first = process_batch(articles, resources)
    again = process_batch(articles, resources)
    ids = [e.id for r in first for e in r.events]
    assert len(ids) == len(set(ids)) > 50
    assert ids == [e.id for r in again for e in r.events]
