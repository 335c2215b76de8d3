"""Grouping in the store: incremental, idempotent, deterministic; stories, series, tracker and
the CLI commands, on hand-built events written with `Store.add_batch`."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dyad.cli import app
from dyad.errors import DyadError
from dyad.grouping.stored import (
    dyad_series,
    event_group,
    event_groups,
    regroup_all,
    stories,
    story,
    tracker,
    update_groups,
)
from dyad.model import ActorMention, Article, ArticleResult, Event, Evidence, Place, Source, Span
from dyad.store import EventFilter, Store, open_store

D = dt.date
SIDES = {
    "RUR": ActorMention(Span(0, 9, "Ruritania"), "GOV:RUR", "Ruritania", "RUR", "government"),
    "SYL": ActorMention(Span(0, 8, "Sylvania"), "GOV:SYL", "Sylvania", "SYL", "government"),
    "OST": ActorMention(Span(0, 7, "Osteria"), "GOV:OST", "Osteria", "OST", "government"),
    "ZEM": ActorMention(Span(0, 6, "Zembla"), "GOV:ZEM", "Zembla", "ZEM", "government"),
}
PORTO = Place(1, "Porto Lindo", "SYL", None, 0.0, 0.0, "PPLA")


def ev(article: str, n: int, kind: str, a: str, b: str, date: dt.date, text: str, **kw) -> Event:
    sentence = Span(0, len(text), text)
    return Event(
        id=f"ev_{article}_{n}", article_id=article, type=kind, actors=(SIDES[a],),
        recipients=(SIDES[b],), evidence=(Evidence(Span(0, 4, text[:4]), sentence),), date=date,
        date_source="text", date_granularity="day", quad_class=kw.pop("quad", 1),
        goldstein=kw.pop("score", 1.0), **kw,
    )  # fmt: skip


def article(aid: str, date: dt.date, source: str, *events: Event) -> ArticleResult:
    actors = tuple(m for e in events for m in (*e.actors, *e.recipients))
    return ArticleResult(Article(aid, "x" * 40, date, source=source), events=events, actors=actors)


TALKS = "Ruritanian and Sylvanian envoys {} in Porto Lindo for border talks"
ARTICLES = [
    article("a1", D(2031, 5, 2), "Wire",
            ev("a1", 1, "CONSULT", "RUR", "SYL", D(2031, 5, 6), TALKS.format("will meet"),
               modality="planned", place=PORTO, place_source="text")),
    article("a2", D(2031, 5, 6), "Post",
            ev("a2", 1, "CONSULT", "SYL", "RUR", D(2031, 5, 6), TALKS.format("met"),
               place=PORTO, place_source="text", attribution=(Source("Agency", "outlet"),))),
    article("a3", D(2031, 5, 7), "Times",
            ev("a3", 1, "CONSULT", "RUR", "SYL", D(2031, 5, 6), TALKS.format("held talks"),
               place=PORTO, place_source="text"),
            ev("a3", 2, "ACCUSE", "RUR", "SYL", D(2031, 5, 7),
               "Ruritania accused Sylvania of shelling", quad=3, score=-2.0)),
    article("b1", D(2031, 5, 3), "Zembla Today",
            ev("b1", 1, "AID", "OST", "ZEM", D(2031, 5, 3), "Osteria sent grain to Zembla",
               quad=2, score=7.0)),
]  # fmt: skip


def fill(path: Path, batches: list[list[ArticleResult]]) -> Store:
    store = open_store(path)
    run = store.start_run("test", pipeline_version="t", model_version=None)
    for batch in batches:
        store.add_batch(batch, run_id=run, pipeline_version="t", model_version=None)
        update_groups(store, [r.article.id for r in batch])
    return store


@pytest.fixture
def store(tmp_path: Path):
    with fill(tmp_path / "s.db", [[a] for a in ARTICLES]) as db:
        yield db


def test_reports_of_one_happening_become_one_group_with_counts(store: Store) -> None:
    talks = event_groups(store, EventFilter(type="CONSULT"))
    assert len(talks) == 1
    (g,) = talks
    assert (g.mentions, g.articles) == (3, 3)
    assert set(g.source_names) == {"Wire", "Post", "Agency", "Times"} and g.sources == 4
    assert (g.first_seen, g.last_seen) == (D(2031, 5, 2), D(2031, 5, 7))
    assert [(c.status, c.article_id) for c in g.history] == [("planned", "a1"), ("held", "a2")]
    assert g.status == "held" and len(g.statuses) == 3
    assert event_group(store, g.id[:10]) == g
    assert store.group_of_event("ev_a2_1") == g.id


def test_grouping_is_incremental_and_idempotent(store: Store) -> None:
    before = store.count_groups()
    assert update_groups(store, ["a1", "a2", "a3", "b1"]) == 0
    assert regroup_all(store) == 0
    assert store.count_groups() == before == 3


def test_same_input_same_groups_and_ids(tmp_path: Path) -> None:
    with fill(tmp_path / "one.db", [ARTICLES]) as one, fill(tmp_path / "two.db", [
        [a] for a in ARTICLES
    ]) as two:  # fmt: skip
        ids_one = sorted((g.id, g.event_ids) for g in event_groups(one))
        ids_two = sorted((g.id, g.event_ids) for g in event_groups(two))
    assert ids_one == ids_two
    assert len(ids_one) == 3


def test_regroup_all_groups_a_store_ingested_before_grouping(tmp_path: Path) -> None:
    with open_store(tmp_path / "late.db") as db:
        run = db.start_run("test", pipeline_version="t", model_version=None)
        db.add_batch(ARTICLES, run_id=run, pipeline_version="t", model_version=None)
        assert db.count_groups() == 0
        assert regroup_all(db) == 3
        assert len(event_groups(db, EventFilter(country="SYL"))) == 2


def test_stories_gather_the_articles_of_one_story(store: Store) -> None:
    found = {tuple(s.article_ids): s for s in stories(store)}
    assert set(found) == {("a1", "a2", "a3"), ("b1",)}
    rur = found[("a1", "a2", "a3")]
    assert rur.title.startswith(("RUR – SYL", "SYL – RUR"))
    assert [t.status for t in rur.timeline][:2] == ["planned", "held"]
    assert story(store, rur.id[:8]) == rur
    assert {g.story_id for g in event_groups(store, EventFilter(country="RUR"))} == {rur.id}


def test_a_story_keeps_its_id_when_articles_join(tmp_path: Path) -> None:
    with fill(tmp_path / "grow.db", [[a] for a in ARTICLES[:1]]) as db:
        (first,) = stories(db)
        run = db.start_run("more", pipeline_version="t", model_version=None)
        db.add_batch(ARTICLES[1:3], run_id=run, pipeline_version="t", model_version=None)
        update_groups(db, ["a2", "a3"])
        (grown,) = [s for s in stories(db) if "a1" in s.article_ids]
    assert grown.id == first.id and len(grown.article_ids) == 3


def test_articles_reporting_one_happening_share_a_story_whatever_countries_they_name(
    tmp_path: Path,
) -> None:
    talks = ev("c1", 1, "CONSULT", "RUR", "SYL", D(2031, 5, 6), TALKS.format("met"),
               place=PORTO, place_source="text")  # fmt: skip
    other = article("c1", D(2031, 5, 8), "Gazette", talks)
    elsewhere = (  # its main countries are not the talks'
        ActorMention(Span(0, 8, "Latveria"), "GOV:LAT", "Latveria", "LAT", "government"),
        ActorMention(Span(0, 7, "Fenwick"), "GOV:GFW", "Fenwick", "GFW", "government"),
    ) * 4
    other = ArticleResult(other.article, events=other.events, actors=other.actors + elsewhere)
    with fill(tmp_path / "c.db", [[a] for a in ARTICLES] + [[other]]) as db:
        shared = db.shared_articles(["c1"])
        found = [s.article_ids for s in stories(db) if "c1" in s.article_ids]
    assert shared == [{"a1", "a2", "a3", "c1"}]
    assert found == [("a1", "a2", "a3", "c1")]


@pytest.mark.parametrize(
    ("count", "freq", "expected"),
    [("groups", "day", {D(2031, 5, 6): 1, D(2031, 5, 7): 1}),
     ("mentions", "day", {D(2031, 5, 6): 3, D(2031, 5, 7): 1}),
     ("groups", "week", {D(2031, 5, 5): 2})],
)  # fmt: skip
def test_dyad_series_counts_groups_or_mentions(store: Store, count, freq, expected) -> None:
    points = dyad_series(store, "syl", "GOV:RUR", freq=freq, count=count)
    assert {p.period: p.total for p in points if p.total} == expected


def test_dyad_series_scores_and_classes(store: Store) -> None:
    (week,) = dyad_series(store, "RUR", "SYL", freq="week")
    assert week.types == {"ACCUSE": 1, "CONSULT": 1}
    assert week.quad_classes == {1: 1, 3: 1}
    assert week.goldstein == pytest.approx(-0.5)
    with pytest.raises(DyadError):
        dyad_series(store, "RUR", "SYL", count="articles")


def test_tracker_of_a_story(store: Store) -> None:
    rur = next(s for s in stories(store) if "a1" in s.article_ids)
    view = tracker(store, story_id=rur.id)
    assert view.as_of == D(2031, 5, 7)
    (meeting,) = view.meetings
    assert meeting.status == "held" and [c.status for c in meeting.history] == ["scheduled", "held"]
    with pytest.raises(DyadError):
        tracker(store, story_id="sto_nothing")


def test_cli_commands(store: Store) -> None:
    runner = CliRunner()
    path = str(store.path)
    done = runner.invoke(app, ["groups", "--store", path, "--format", "json"])
    assert done.exit_code == 0, done.output
    assert {g["type"] for g in json.loads(done.stdout)} == {"CONSULT", "ACCUSE", "AID"}
    done = runner.invoke(app, ["dyad", "RUR", "SYL", "--store", path, "--freq", "week"])
    assert done.exit_code == 0 and "CONSULT: 1" in done.stdout
    done = runner.invoke(app, ["tracker", "--store", path, "--format", "json"])
    assert json.loads(done.stdout)[0]["meetings"][0]["status"] == "held"
    done = runner.invoke(app, ["tracker", "--store", path])
    assert done.exit_code == 0 and "Meetings and calls (1)" in done.stdout
    assert all(len(line) <= 100 for line in done.stdout.splitlines())
    done = runner.invoke(app, ["story", "--store", path])
    assert done.exit_code == 0 and "RUR" in done.stdout


def test_undated_articles_with_unresolved_actors_are_grouped(tmp_path: Path) -> None:
    loose = ActorMention(Span(0, 6, "gunmen"), None, "gunmen", None, None)
    text = "gunmen attacked a convoy"
    bare = Event(
        id="ev_u1", article_id="u1", type="ASSAULT", actors=(loose,), recipients=(),
        evidence=(Evidence(Span(0, 6, "gunmen"), Span(0, len(text), text)),),
    )  # fmt: skip
    with fill(
        tmp_path / "u.db", [[ArticleResult(Article("u1", text * 2, None), events=(bare,))]]
    ) as db:
        (group,) = event_groups(db)
        assert group.actors[0].id == "TXT:gunmen" and group.date is None
        (alone,) = stories(db)
        assert alone.article_ids == ("u1",) and alone.first_seen is None
