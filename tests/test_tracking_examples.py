"""The tracker on the bundled examples and their follow-ups, read by the real pipeline: the
planned Nairobi talks became held, the March 3 ultimatum expired, the EU sanctions threat is
open, and the prisoner exchange reported by three publishers is one event."""

from __future__ import annotations

import datetime as dt
from importlib import resources
from pathlib import Path

import pytest

from dyad.grouping.logic import Story, Tracker
from dyad.grouping.stored import event_groups, regroup_all, stories, tracker
from dyad.store import Store, open_store

pytestmark = [pytest.mark.model, pytest.mark.slow]
EXAMPLES = Path(str(resources.files("dyad") / "data" / "examples"))


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory):
    from dyad.pipeline import run_ingest
    from dyad.settings import load_settings

    path = tmp_path_factory.mktemp("examples") / "examples.db"
    with open_store(path) as db:
        run_ingest([EXAMPLES], db, load_settings(store=str(path)))
        regroup_all(db)  # a no-op once the pipeline groups every batch
        yield db


def horn_story(store: Store) -> Story:
    return next(s for s in stories(store) if {"ERI", "ETH"} <= set(s.countries[:3]))


@pytest.fixture(scope="module")
def horn(store: Store) -> Tracker:
    return tracker(store, story_id=horn_story(store).id, doubtful=True)


def test_the_horn_story_gathers_the_border_crisis_articles(store: Store) -> None:
    story = horn_story(store)
    assert len(story.article_ids) >= 7
    assert story.first_seen == dt.date(2026, 2, 24)


def test_the_planned_talks_became_held(horn: Tracker) -> None:
    talks = [
        m for m in horn.meetings
        if m.place == "Nairobi" and m.date == dt.date(2026, 3, 6) and m.status == "held"
    ]  # fmt: skip
    assert talks, [(m.date, m.place, m.status) for m in horn.meetings]
    assert [c.status for c in talks[0].history[:2]] == ["scheduled", "held"]
    assert talks[0].articles >= 3


def test_the_talks_list_who_came_and_who_stayed_away(horn: Tracker) -> None:
    (talks,) = [m for m in horn.meetings if m.date == dt.date(2026, 3, 6)]
    attendees = {a.name for a in talks.attendees}
    assert {"Ethiopia (government)", "Eritrea (government)", "Senait Berhe"} <= attendees
    assert [a.name for a in talks.absent] == ["Osman Tekle"]  # "declined to attend"
    assert "Yonas Habte" not in attendees  # "we will not negotiate": a stand, not an absence
    assert talks.absent[0].evidence and talks.absent[0].article_id


def test_few_meetings_are_listed(horn: Tracker) -> None:
    # the Nairobi talks, the working group, the round set for "next month" (14 before)
    assert len(horn.meetings) <= 4, [(m.date, m.status, m.summary) for m in horn.meetings]


def test_the_march_3_ultimatum_expired(horn: Tracker) -> None:
    ultimatum = [d for d in horn.demands if d.deadline == dt.date(2026, 3, 3)]
    assert ultimatum, horn.demands
    assert ultimatum[0].status == "expired"
    assert "Eritrea" in " ".join(ultimatum[0].of)


def test_the_sanctions_threat_is_open(horn: Tracker) -> None:
    sanctions = [t for t in horn.threats if t.what == "sanctions"]
    assert sanctions, horn.threats
    assert all(t.status == "open" for t in sanctions)
    assert any("Eritrea" in " ".join(t.against) for t in sanctions)


def test_the_prisoner_exchange_is_one_event_of_many_reports(store: Store) -> None:
    agreed = [
        g for g in event_groups(store, limit=1000)
        if g.type == "AGREE" and g.date == dt.date(2026, 3, 11)
    ]  # fmt: skip
    assert agreed
    best = max(agreed, key=lambda g: g.articles)
    assert best.articles >= 3 and best.sources >= 3


def test_the_tracker_reads_nothing_of_the_types_it_leaves_unread(store: Store) -> None:
    from dyad.grouping.logic.tracker import TRACKED_TYPES
    from dyad.grouping.logic.tracker import tracker as build_tracker

    every = event_groups(store, limit=10_000)
    assert {g.type for g in every} - TRACKED_TYPES  # the examples have groups left unread
    day = store.latest_article_date()
    for story_id in [None, *(s.id for s in stories(store))]:
        mine = [g for g in every if story_id is None or g.story_id == story_id]
        tracked = [g for g in mine if g.type in TRACKED_TYPES]
        assert build_tracker(tracked, as_of=day) == build_tracker(mine, as_of=day)
