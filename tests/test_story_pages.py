"""Stories and trackers read in bounded time: a page of a story's newest groups, every group
counted; the tracker built from the newest groups of the types it reads, saying what it left
out. Hand-built events: one story between Ruritania and Sylvania of many happenings."""

from __future__ import annotations

import datetime as dt
import importlib
import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

import dyad.grouping.stored.views as views
from dyad.api import create_app
from dyad.cli import app
from dyad.grouping.logic import EventGroup
from dyad.grouping.logic.stories import build_story
from dyad.grouping.logic.tracker import TRACKED_TYPES
from dyad.grouping.stored import stories, story, tracker
from dyad.grouping.stored.whole import whole_groups
from dyad.store import Store
from test_tracking import article, ev, fill

stories_module = importlib.import_module("dyad.grouping.stored.stories")  # not the function
D = dt.date
# One happening a day, each of its own type or a week from the last of its type: each its
# own group. Every third is doubtful (confidence 0.2).
TYPES = ["CONSULT", "ACCUSE", "REQUEST", "SUPPORT", "AID", "REJECT", "PROTEST", "AGREE"]
DAYS = 16


def _articles() -> list:
    out = []
    for i in range(DAYS):
        day = D(2031, 3, 1) + dt.timedelta(days=i)
        kind = TYPES[i % len(TYPES)]
        text = f"Ruritania and Sylvania, day {i}: {kind.lower()} number {i}"
        event = ev(f"d{i:02}", 1, kind, "RUR", "SYL", day, text, confidence=0.2 if i % 3 else 0.9)
        out.append(article(f"d{i:02}", day, "Wire", event))
    return out


@pytest.fixture
def store(tmp_path: Path):
    with fill(tmp_path / "p.db", [[a] for a in _articles()]) as db:
        yield db


def _every_group(store: Store) -> list[EventGroup]:
    return whole_groups(store, store.group_records(limit=10_000))


def _newest(groups: list[EventGroup]) -> list[EventGroup]:
    return sorted(groups, key=lambda g: (-g.last_seen.toordinal(), g.id))  # type: ignore[union-attr]


def test_a_listed_story_holds_its_newest_groups_and_counts_them_all(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(stories_module, "LISTED", 5)
    every = _every_group(store)
    assert len(every) == DAYS
    (listed,) = stories(store)
    assert (listed.groups, listed.articles, listed.hidden) == (DAYS, DAYS, 0)
    newest = _newest(every)[:5]
    assert listed.group_ids == tuple(sorted(g.id for g in newest))
    assert listed.article_ids == tuple(f"d{i:02}" for i in range(DAYS - 5, DAYS))
    assert {t.group_id for t in listed.timeline} == set(listed.group_ids)
    assert listed.first_seen == D(2031, 3, 1) and listed.last_seen == D(2031, 3, 16)


def test_pages_of_one_story_cover_every_group_once(store: Store) -> None:
    every = _every_group(store)
    (listed,) = stories(store)
    whole = story(store, listed.id, limit=1000)
    pages = [story(store, listed.id, limit=6, offset=o) for o in (0, 6, 12)]
    assert whole is not None and all(p is not None for p in pages)
    ids = [i for p in pages if p for i in p.group_ids]
    assert sorted(ids) == sorted(g.id for g in every) and len(set(ids)) == DAYS
    timeline = sorted(
        (t for p in pages if p for t in p.timeline),
        key=lambda t: (t.date or dt.date.max, t.article_id, t.group_id),
    )
    assert tuple(timeline) == whole.timeline
    assert all(p.groups == DAYS and p.title == whole.title for p in pages if p)
    assert [len(p.article_ids) for p in pages if p] == [6, 6, 4]


def test_the_whole_story_read_at_once_is_what_building_it_from_every_group_gives(
    store: Store,
) -> None:
    from dyad.grouping.logic.stories import ArticleProfile

    (listed,) = stories(store)
    articles = [
        ArticleProfile.of(aid, D.fromisoformat(day) if day else None, json.loads(countries))
        for aid, day, countries in store.story_profiles(listed.id)
    ]
    for threshold in (None, 0.5):
        built = build_story(articles, _every_group(store), min_confidence=threshold)
        read = story(store, listed.id, min_confidence=threshold, limit=1000)
        assert read == built
    assert built.hidden == sum(1 for i in range(DAYS) if i % 3) and built.groups == 6


def test_doubtful_groups_are_counted_though_the_page_leaves_them_out(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(stories_module, "LISTED", 3)
    (listed,) = stories(store, min_confidence=0.5)
    confident = [g for g in _newest(_every_group(store)) if (g.confidence or 0) >= 0.5]
    assert listed.hidden == DAYS - len(confident) and listed.groups == len(confident)
    assert listed.group_ids == tuple(sorted(g.id for g in confident[:3]))


def test_the_tracker_reads_the_newest_groups_of_its_types_and_says_what_it_left_out(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    tracked = [g for g in _newest(_every_group(store)) if g.type in TRACKED_TYPES]
    whole = tracker(store, doubtful=True)
    assert (whole.groups, whole.truncated, whole.since) == (len(tracked), False, None)
    monkeypatch.setattr(views, "TRACKER_LIMIT", 4)
    cut = tracker(store, doubtful=True)
    assert (cut.groups, cut.truncated, cut.since) == (4, True, tracked[3].last_seen)
    (listed,) = stories(store)
    one = tracker(store, story_id=listed.id, doubtful=True)
    assert (one.story_id, one.groups, one.truncated) == (listed.id, 4, True)
    read = {m.group_id for m in cut.meetings} | {a.group_id for a in cut.agreements}
    assert read <= {g.id for g in tracked[:4]}


def test_the_api_pages_a_story_and_its_groups(store: Store) -> None:
    client = TestClient(create_app(str(store.path)))
    (listed,) = client.get("/api/stories?doubtful=true").json()["items"]
    assert (listed["groups"], listed["articles"]) == (DAYS, DAYS)
    page = client.get(f"/api/stories/{listed['id']}?limit=2&offset=2").json()
    groups = client.get(f"/api/groups?story={listed['id']}&limit=2&offset=2").json()["items"]
    assert sorted(page["group_ids"]) == sorted(g["id"] for g in groups) and len(groups) == 2
    assert (page["groups"], page["hidden"]) == (6, DAYS - 6)
    assert client.get(f"/api/stories/{listed['id']}?limit=1001").status_code == 400
    view = client.get("/api/tracker").json()
    assert view["truncated"] is False and view["groups"] > 0


def test_the_cli_says_when_a_story_shows_part_of_its_groups(store: Store) -> None:
    (listed,) = stories(store)
    done = CliRunner().invoke(
        app, ["story", listed.id, "--store", str(store.path), "--limit", "3", "--offset", "2"]
    )
    assert done.exit_code == 0, done.output
    assert "16 articles, 6 groups" in done.stdout
    assert "the timeline of 3 groups of 6, newest first" in done.stderr
