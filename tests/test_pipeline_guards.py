"""The pipeline on inputs that used to stop it or slow it to a crawl, with the real model:
calendar edges, odd time phrases, a time budget, nested speech, caller offsets, and results
that do not depend on how the input was cut into runs."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3
import time
from pathlib import Path

import pytest

import dyad
from dyad.extract.times import find_times
from dyad.ingest import make_article
from dyad.model import ArticleResult, Rejected
from dyad.pipeline import load_resources, process_batch, run_ingest
from dyad.settings import load_settings
from dyad.store import open_store

pytestmark = [pytest.mark.model]

TEXT = (
    "Ruritania's foreign minister said on Monday that his government would meet Freedonian "
    "envoys next week, a year after talks collapsed. Two days later, the army attacked rebels "
    "near Graz. Protesters rallied over the last weekend. The ceasefire ends next month; in two "
    "years, elections. Last year the two sides signed a deal. The talks ended three weeks ago, "
    "and the next decade will tell. On January 1, 10 days earlier, they met."
)


@pytest.fixture(scope="module")
def resources():
    return load_resources()


def test_the_last_weekend_is_a_weekend_not_a_crash(nlp) -> None:
    text = "Police arrested 30 protesters over the last weekend in the capital, officials said."
    for day in (None, dt.date(2026, 3, 4)):  # a Wednesday: the weekend of Feb 28 - Mar 1
        (found,) = [t for t in find_times(nlp(text), day) if "weekend" in t.span.text]
        assert found.type == "date"
        if day is not None:
            assert (found.start, found.end) == (dt.date(2026, 2, 28), dt.date(2026, 3, 1))


@pytest.mark.parametrize("day", ["0001-01-01", "0001-01-02", "9999-11-30", "9999-12-31"])
def test_articles_dated_at_the_calendar_edges_are_read(day) -> None:
    result = dyad.process(TEXT, date=day)
    assert result.events
    outside = [t for t in result.times if t.reason and "outside the calendar" in t.reason]
    assert outside and all(t.status == "unresolved" and t.start is None for t in outside)


def test_a_folder_with_a_9999_12_31_article_is_stored_whole(tmp_path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(f" date 9999-12-31 {TEXT}", encoding="utf-8")
    (folder / "b.txt").write_text(f" date 2026-03-02 {TEXT} More.", encoding="utf-8")
    path = tmp_path / "d.db"
    with open_store(path) as store:
        report = run_ingest([folder], store, load_settings(env={}, store=str(path)))
    assert (report.articles_new, report.rejected) == (2, [])


def test_offsets_index_the_text_the_caller_passed() -> None:
    text = "\n\n   \n  Freedonia will not attend the talks in Geneva on Friday, its ministry said."
    text += "\n"
    result = dyad.process(text, date="2026-03-05")
    assert result.article.text == text
    assert result.events
    for event in result.events:
        for mention in event.evidence:
            assert text[mention.trigger.start : mention.trigger.end] == mention.trigger.text
    for actor in result.actors:
        assert text[actor.span.start : actor.span.end] == actor.span.text


def test_max_chars_past_spacy_s_limit_raises_the_model_s(tmp_path) -> None:
    loaded = load_resources(load_settings(env={}, max_chars=1_500_000))
    assert loaded.nlp.max_length > 1_500_000


def test_an_article_over_its_time_budget_is_rejected_and_the_batch_goes_on(resources) -> None:
    slow = make_article(TEXT, date="2026-03-02")
    tight = dataclasses.replace(resources, max_seconds=1e-9)
    (rejected,) = process_batch([slow], tight)
    assert isinstance(rejected, Rejected) and rejected.reason == "too-slow"
    assert slow.id in rejected.message and "max_seconds" in rejected.message
    (read,) = process_batch([slow], resources)
    assert isinstance(read, ArticleResult)


def test_the_time_budget_holds_in_the_process_pool(tmp_path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(2):
        (folder / f"{n}.txt").write_text(f" date 2026-03-0{n + 1} {TEXT}", encoding="utf-8")
    path = tmp_path / "d.db"
    settings = load_settings(env={}, store=str(path), workers=2, max_seconds=1e-9)
    with open_store(path) as store:
        report = run_ingest([folder], store, settings)
    assert [r.reason for r in report.rejected] == ["too-slow", "too-slow"]


@pytest.mark.parametrize(
    "unit",
    ['"Putin said ', "Putin said that ", "the envoy met Ivo Kest in Graz and talked and "],
    ids=["nested-quotes", "nested-reported", "no-full-stop"],
)
def test_pathological_text_reads_in_near_linear_time(resources, unit) -> None:
    text = (unit * 3000)[:20_000]
    article = make_article(text, date="2026-03-02")
    started = time.process_time()  # CPU time: the machine's other work does not count
    (result,) = process_batch([article], resources)
    assert isinstance(result, ArticleResult)
    assert time.process_time() - started < 20  # minutes before: quartic in nesting depth


def test_accented_names_keep_their_letters_in_actor_ids() -> None:
    result = dyad.process(
        "Peruvian President Hernán Vilca met Chilean delegations in Lima on Monday.",
        date="2026-03-02",
    )
    assert "PER:hernan_vilca" in {a.actor_id for a in result.actors}


FIRST = (
    "US envoy Dara Quillon met Freedonian officials in Graz on Monday, the ministry said. "
    "He said the delegations agreed to meet again."
)
SECOND = "Quillon criticised Freedonia on Tuesday and demanded that it withdraw its troops."


def _events(path: Path) -> list[tuple[str, ...]]:
    with sqlite3.connect(path) as conn:
        return conn.execute(
            "SELECT e.id, e.type, a.role, a.position, coalesce(a.actor_id, ''), a.text "
            "FROM events e LEFT JOIN event_actors a ON a.event = e.key ORDER BY 1, 3, 4"
        ).fetchall()


def test_results_do_not_depend_on_where_runs_were_cut(tmp_path) -> None:
    files = []
    for n, (day, text) in enumerate([("2026-03-02", FIRST), ("2026-03-03", SECOND)]):
        files.append(tmp_path / f"{n}.txt")
        files[-1].write_text(f" date {day} {text}", encoding="utf-8")
    settings = load_settings(env={}, store=str(tmp_path / "x.db"))
    with open_store(tmp_path / "one.db") as store:
        run_ingest(files, store, settings)
    with open_store(tmp_path / "two.db") as store:
        run_ingest(files[:1], store, settings)
        run_ingest(files[1:], store, settings)
        aliases = {alias.lower() for actor in store.actors() for alias in actor.aliases}
    one = _events(tmp_path / "one.db")
    assert one and one == _events(tmp_path / "two.db")
    assert not aliases & {"he", "delegations", "the delegations"}
    assert "dara quillon" in aliases
