"""The tracker on real parses: who attends when two country words share a noun, an undated
report that goes on telling of a dated meeting, a meeting only planned though its article
names it with bare nouns, a denial aimed at another meeting's side, and stories that hide
doubtful event groups as every listing does."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

import dyad
from dyad.evaluate.story_timeline import bundled
from dyad.grouping.logic import build_group, member_of
from dyad.grouping.logic.tracker import tracker as build_tracker
from dyad.grouping.stored import stories, story, tracker
from dyad.model import Place
from dyad.pipeline import run_ingest
from dyad.query import shown_confidence
from dyad.settings import load_settings
from dyad.store import open_store

pytestmark = pytest.mark.model

TBILISI = """ date 2026-09-10 Hopes for a settlement between Armenia and Azerbaijan dimmed \
after Azerbaijani President Ilham Aliyev sent a lower-level delegation to Tbilisi and will be \
absent himself, the Caucasus Ledger writes.

Aliyev announced yesterday evening that he would send only a delegation headed by his adviser \
Hikmet Hajiyev to Tbilisi for negotiations with Armenia on September 10.

EU envoy Toivo Klaar is scheduled to join the talks in Tbilisi on Friday.

Meanwhile, French and German diplomats met in Brussels on Wednesday to discuss the region.
"""


def countries(text: str, date: dt.date) -> list[set[str]]:
    found = dyad.process(text, date=date)
    return [{a.country for a in e.actors} for e in found.events if e.type == "CONSULT"]


@pytest.mark.parametrize(
    "text",
    [
        "The heads of the Kyrgyz and Tajik border services met in Batken on Tuesday.",
        "Kyrgyz and Tajik border chiefs met in Batken on Tuesday.",
    ],
)
def test_two_country_words_before_one_noun_both_name_their_country(text: str) -> None:
    assert {"KGZ", "TJK"} in countries(text, dt.date(2026, 7, 15))


def test_a_country_word_standing_alone_is_not_taken_for_a_modifier() -> None:
    text = "Officials of the Kyrgyz and of Tajikistan met in Batken on Tuesday."
    assert all(c <= {"KGZ", "TJK", None} for c in countries(text, dt.date(2026, 7, 15)))


def ingest(folder: Path, path: Path) -> None:
    with open_store(path) as db:
        run_ingest([folder], db, load_settings(store=str(path)))


@pytest.fixture(scope="module")
def border(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("border") / "story.db"
    ingest(bundled() / "border-ultimatum", path)
    return path


def test_the_chiefs_who_discussed_after_the_dated_meeting_attend_it(border: Path) -> None:
    with open_store(border, read_only=True) as db:
        (meeting,) = tracker(db, doubtful=True).meetings
    names = {a.name for a in meeting.attendees}
    assert {"Kubanych Sadykov", "Rustam Safarov"} <= names
    assert {"Kyrgyzstan", "Tajikistan"} <= names
    assert meeting.status == "held" and meeting.place == "Batken"


def test_stories_hide_doubtful_groups_and_count_them(border: Path) -> None:
    threshold = shown_confidence(load_settings())
    with open_store(border, read_only=True) as db:
        every = stories(db)
        shown = stories(db, min_confidence=threshold)
        one = story(db, shown[0].id, min_confidence=threshold)
        groups = {g.id: g for g in build_tracker_groups(db)}
    assert [s.id for s in every] == [s.id for s in shown]
    for full, kept in zip(every, shown, strict=True):  # a listed story holds its newest 20
        mine = {i for i, g in groups.items() if g.story_id == full.id}
        doubtful = {i for i in mine if (groups[i].confidence or 1) < threshold}
        assert kept.hidden == len(doubtful) and full.hidden == 0
        assert (kept.groups, full.groups) == (len(mine - doubtful), len(mine))
        assert set(kept.group_ids) <= mine - doubtful
        assert len(kept.group_ids) == min(20, kept.groups)
        assert {t.group_id for t in kept.timeline} <= set(kept.group_ids)
    assert sum(s.hidden for s in shown) > 0  # the border chiefs' "discussed" is doubtful
    assert one is not None and one.hidden == shown[0].hidden


def build_tracker_groups(db):
    from dyad.grouping.stored.whole import whole_groups

    return whole_groups(db, db.group_records(limit=10_000))


def test_the_story_listing_of_the_cli_and_api_count_the_hidden(border: Path) -> None:
    from fastapi.testclient import TestClient
    from typer.testing import CliRunner

    from dyad.api import create_app
    from dyad.cli import app

    result = CliRunner().invoke(app, ["story", "--store", str(border), "--format", "json"])
    rows = json.loads(result.stdout)
    assert result.exit_code == 0 and sum(r["hidden"] for r in rows) > 0
    assert "doubtful event group" in result.stderr
    client = TestClient(create_app(str(border)))
    items = client.get("/api/stories").json()["items"]
    assert [r["hidden"] for r in items] == [r["hidden"] for r in rows]
    every = client.get("/api/stories?doubtful=true").json()["items"]
    assert all(r["hidden"] == 0 for r in every)
    one = client.get(f"/api/stories/{items[0]['id']}").json()
    assert one["hidden"] == items[0]["hidden"]


def test_a_meeting_an_article_plans_is_scheduled_not_held(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "tbilisi.txt").write_text(TBILISI, encoding="utf-8")
    ingest(folder, tmp_path / "s.db")
    with open_store(tmp_path / "s.db", read_only=True) as db:
        view = tracker(db, doubtful=True)
    by_place = {m.place: m for m in view.meetings}
    talks = by_place["Tbilisi"]
    assert talks.status == "scheduled" and [c.status for c in talks.history] == ["scheduled"]
    assert "Ilham Aliyev" in {a.name for a in talks.absent}
    assert "Toivo Klaar" in {a.name for a in talks.attendees}
    assert by_place["Brussels"].status == "held"  # "met ... on Wednesday": a verb that tells


@pytest.fixture(scope="module")
def seed(tmp_path_factory: pytest.TempPathFactory, seed_text: str) -> Path:
    folder = tmp_path_factory.mktemp("seed")
    (folder / "in").mkdir()
    (folder / "in" / "seed.txt").write_text(seed_text, encoding="utf-8")
    ingest(folder / "in", folder / "s.db")
    return folder / "s.db"


def test_the_seed_istanbul_talks_are_planned_without_putin_or_trump(seed: Path) -> None:
    with open_store(seed, read_only=True) as db:
        view = tracker(db, doubtful=True)
    by_place = {m.place: m for m in view.meetings}
    istanbul, antalya = by_place["Istanbul"], by_place["Antalya"]
    assert istanbul.status == "scheduled"
    assert {"Vladimir Putin", "Donald Trump"} <= {a.name for a in istanbul.absent}
    assert {"Vladimir Medinsky", "Marco Rubio"} <= {a.name for a in istanbul.attendees}
    assert antalya.status == "held" and not antalya.absent  # the NATO ministers met


def test_a_denial_aimed_at_a_side_absent_from_its_meeting_moves_to_the_meeting_of_that_side():
    """ "Otto Brand is not going to Porto Lindo for the talks with Borduria", told inside the
    report of the Geneva meeting (Sylvania and Freedonia): he is absent from the Porto Lindo
    talks, which Borduria attends, not from Geneva."""
    from test_tracker_meetings import FRE, IDA, OTTO, PORTO, SYL, event

    june15, geneva = dt.date(2031, 6, 15), Place(2, "Geneva", "CHE", None, 0.0, 0.0, "PPLA")
    bor = ("GOV:BOR", "Borduria (government)", "BOR", None)
    met = event(
        "g1_1",
        "CONSULT",
        "Sylvania and Freedonia met in Geneva on Monday",
        "met",
        actors=(SYL,),
        recipients=(FRE,),
        place=geneva,
    )
    denial = event(
        "g1_2",
        "CONSULT",
        "Otto Brand is not going to Porto Lindo for the talks with Borduria",
        "going",
        actors=(OTTO,),
        recipients=(bor,),
        place=geneva,
        polarity="negated",
    )
    talks = event(
        "p1_1",
        "CONSULT",
        "Ida Voss will meet Borduria in Porto Lindo on Monday",
        "meet",
        actors=(IDA,),
        recipients=(bor,),
        place=PORTO,
        modality="planned",
    )
    groups = [
        build_group("geneva", [member_of(e, article_date=june15, publisher="Wire")
                               for e in (met, denial)]),
        build_group("porto", [member_of(talks, article_date=june15, publisher="Wire")]),
    ]  # fmt: skip
    view = build_tracker(groups, as_of=june15)
    by_place = {m.place: m for m in view.meetings}
    assert not by_place["Geneva"].absent
    assert [a.name for a in by_place["Porto Lindo"].absent] == ["Otto Brand"]
    assert {"Sylvania (government)", "Freedonia (government)"} <= {
        a.name for a in by_place["Geneva"].attendees
    }


def test_the_seed_demand_accepted_only_by_a_denied_claim_is_not_met(seed: Path) -> None:
    with open_store(seed, read_only=True) as db:
        view = tracker(db, doubtful=True)
    putin = [d for d in view.demands if "Vladimir Putin" in d.by]
    assert putin and all(d.status != "met" for d in putin)
    assert any(a.type == "REJECT" for d in putin for a in d.answers)  # "Kyiv has rejected"


def test_a_demand_whose_target_denies_the_acceptance_claimed_is_not_met() -> None:
    from test_tracker_meetings import SUD, SYL, event, group

    day = dt.date(2031, 5, 2)
    groups = [
        group("ask", event("d1_1", "REQUEST", "Ruritania demanded that Sylvania cede the pass",
                           "demanded", actors=(SUD,), recipients=(SYL,), date=day), day),
        group("yes", event("d1_2", "AGREE", "Ruritania claimed Sylvania accepted the demands",
                           "accepted", actors=(SYL,), recipients=(SUD,), date=day), day),
        group("no", event("d1_3", "REJECT", "Sylvania rejected this claim", "rejected",
                          actors=(SYL,), recipients=(SUD,), date=day), day),
    ]  # fmt: skip
    (demand,) = build_tracker(groups, as_of=day).demands
    assert demand.status == "open" and {a.type for a in demand.answers} == {"AGREE", "REJECT"}
    (kept,) = build_tracker(groups[:2], as_of=day).demands
    assert kept.status == "met"  # accepted and not denied
