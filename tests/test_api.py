"""The HTTP API on a store of hand-built, fictional events: filters, paging, one event with its
evidence, articles, actors, runs, charts, exports, tracking, and the guarded POST."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from dyad.api import create_app
from dyad.exports import read_csv, read_gdelt, read_parquet_events, read_plover
from dyad.grouping.stored import regroup_all
from dyad.grouping.stored.groups import group_members
from dyad.model import (
    ActorMention,
    Article,
    ArticleResult,
    Event,
    Evidence,
    Place,
    Quote,
    Rejected,
    Source,
    Span,
    to_dict,
)
from dyad.query import EventFilter, event_row
from dyad.query import reads as queries
from dyad.store import open_store

GENEVA = Place(2660646, "Geneva", "CHE", "GE", 46.2, 6.14, "PPLA", 183981)
TINBAD = Place(900001, "Tinbad", "BOR", None, 45.0, 20.0, "PPL", 1000)
KLOW = Place(900002, "Klow", "SYL", None, 50.0, 30.0, "PPLC", 90000)
TEXTS = {
    "b1": "Ruritania will not attend the talks in Geneva on Friday, officials in Zenda said.",
    "b2": "Borduria accused Ruritania of shelling the border town of Tinbad on Monday.",
    "b3": "Syldavia signed a trade agreement with Borduria in Klow, the minister said.",
}


def span(article_id: str, needle: str) -> Span:
    text = TEXTS[article_id]
    start = text.index(needle)
    return Span(start, start + len(needle), needle)


def mention(article_id: str, needle: str, code: str, sector: str = "government") -> ActorMention:
    return ActorMention(
        span=span(article_id, needle), actor_id=f"GOV:{code}", name=needle, country=code,
        sector=sector, kind="country", method="dictionary", confidence=0.9,
    )  # fmt: skip


def event(article_id: str, suffix: str, trigger: str, **fields) -> Event:
    sentence = Span(0, len(TEXTS[article_id]), TEXTS[article_id])
    return Event(
        id=f"ev_{article_id}{suffix}", article_id=article_id,
        evidence=(Evidence(span(article_id, trigger), sentence),), **fields,
    )  # fmt: skip


def results() -> list[ArticleResult]:
    rur1, rur2 = mention("b1", "Ruritania", "RUR"), mention("b2", "Ruritania", "RUR")
    bor2, bor3 = mention("b2", "Borduria", "BOR"), mention("b3", "Borduria", "BOR")
    syl = mention("b3", "Syldavia", "SYL")
    consult = event(
        "b1", "", "attend", type="CONSULT", actors=(rur1,), recipients=(), polarity="negated",
        modality="planned", date=dt.date(2026, 3, 6), date_source="text", place=GENEVA,
        place_source="text", attribution=(Source("officials in Zenda", "actor"),
                                          Source("Example Wire", "publisher")),
        cameo="04", quad_class=1, goldstein=1.0, quote_id="q_b1",
    )  # fmt: skip
    accuse = event(
        "b2", "", "accused", type="ACCUSE", actors=(bor2,), recipients=(rur2,),
        date=dt.date(2026, 3, 8), date_source="publication", cameo="11", quad_class=3,
        goldstein=-2.0, attribution=(Source("Borduria Post", "publisher"),),
    )  # fmt: skip
    assault = event(
        "b2", "x", "shelling", type="ASSAULT", actors=(rur2,), recipients=(bor2,),
        date=dt.date(2026, 3, 2), date_source="text", place=TINBAD, place_source="text",
        cameo="19", quad_class=4, goldstein=-10.0, parent_id="ev_b2", historical=True,
    )  # fmt: skip
    agree = event(
        "b3", "", "signed", type="AGREE", actors=(syl,), recipients=(bor3,),
        date=dt.date(2026, 3, 10), date_source="publication", place=KLOW, place_source="text",
        cameo="057", quad_class=1, goldstein=8.0, confidence=0.9,
    )  # fmt: skip
    content = span("b1", "Ruritania will not attend the talks in Geneva")
    quote = Quote(id="q_b1", content=content, kind="indirect", speaker_text="officials in Zenda",
                  cue=span("b1", "said"))  # fmt: skip
    return [
        ArticleResult(
            article=Article("b1", TEXTS["b1"], dt.date(2026, 3, 5), "Example Wire",
                            "Talks off", "https://wire.example/b1", "b1.txt"),
            events=(consult,), actors=(rur1,), quotes=(quote,),
        ),
        ArticleResult(
            article=Article("b2", TEXTS["b2"], dt.date(2026, 3, 8), "Borduria Post",
                            None, None, "b2.txt"),
            events=(accuse, assault), actors=(bor2, rur2),
        ),
        ArticleResult(
            article=Article("b3", TEXTS["b3"], dt.date(2026, 3, 10), "Example Wire",
                            "Trade deal", "https://wire.example/b3", "b3.txt"),
            events=(agree,), actors=(syl, bor3),
        ),
    ]  # fmt: skip


BAD_INPUT = Rejected(origin="feed.jsonl:3", reason="bad-date", message="line 3: bad date")


def build_store(path: Path) -> Path:
    """A store holding `results()` and one rejected input, in one run, grouped."""
    with open_store(path) as store:
        run = store.start_run("test", pipeline_version="t", model_version=None)
        store.add_batch(results(), [BAD_INPUT], run_id=run, pipeline_version="t",
                        model_version=None)  # fmt: skip
        store.finish_run(run)
        regroup_all(store)
    return path


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("api") / "api.db")


@pytest.fixture(scope="module")
def client(store_path: Path) -> TestClient:
    return TestClient(create_app(store_path, min_confidence=0.0))  # every event listed


def ids(response) -> set[str]:
    assert response.status_code == 200, response.text
    return {item["id"] for item in response.json()["items"]}


# --- events: filters --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"ev_b1", "ev_b2", "ev_b2x", "ev_b3"}),
        ("actor=GOV:RUR", {"ev_b1", "ev_b2x"}),
        ("actor=Syldavia", {"ev_b3"}),
        ("recipient=GOV:RUR", {"ev_b2"}),
        ("recipient=bord", {"ev_b2x", "ev_b3"}),
        ("country=syl", {"ev_b3"}),
        ("type=consult", {"ev_b1"}),
        ("polarity=negated", {"ev_b1"}),
        ("modality=planned", {"ev_b1"}),
        ("historical=true", {"ev_b2x"}),
        ("historical=false&type=ASSAULT", set()),
        ("date_from=2026-03-06&date_to=2026-03-08", {"ev_b1", "ev_b2"}),
        ("place=Geneva", {"ev_b1"}),
        ("place=900002", {"ev_b3"}),
        ("place=bor", {"ev_b2x"}),
        ("bbox=0,40,25,48", {"ev_b1", "ev_b2x"}),
        ("bbox=170,-10,-170,10", set()),
        ("source=Example Wire", {"ev_b1", "ev_b3"}),
        ("source=officials in Zenda", {"ev_b1"}),
        ("text=trade agreement", {"ev_b3"}),
        ("article=b2", {"ev_b2", "ev_b2x"}),
        ("actor=GOV:RUR&type=ASSAULT&bbox=19,44,21,46", {"ev_b2x"}),
    ],
)
def test_event_filters(client: TestClient, query: str, expected: set[str]) -> None:
    response = client.get(f"/api/events?{query}")
    assert ids(response) == expected
    assert response.json()["total"] == len(expected)


def test_paging_and_sorting(client: TestClient) -> None:
    newest = client.get("/api/events?sort=-date&limit=2").json()
    assert [e["id"] for e in newest["items"]] == ["ev_b3", "ev_b2"]
    assert newest["total"] == 4
    rest = client.get("/api/events?sort=-date&limit=2&offset=2").json()
    assert [e["id"] for e in rest["items"]] == ["ev_b1", "ev_b2x"]
    by_confidence = client.get("/api/events?sort=confidence&limit=1").json()
    assert by_confidence["items"][0]["id"] == "ev_b3"
    uncounted = client.get("/api/events?count=false&limit=1").json()
    assert uncounted["total"] is None and len(uncounted["items"]) == 1


def test_rows_and_full_records(client: TestClient) -> None:
    row = client.get("/api/events?view=row&type=CONSULT").json()["items"][0]
    assert row["status"] == "negated planned"
    assert row["place"] == "Geneva, CHE"
    full = client.get("/api/events?type=CONSULT").json()["items"][0]
    assert full["evidence"][0]["trigger"]["text"] == "attend"
    assert full["summary"]["status"] == "negated planned"


@pytest.mark.parametrize("probe", [True, False])
@pytest.mark.parametrize(
    ("where", "expected"),
    [
        (EventFilter(country="BOR"), {"ev_b2", "ev_b2x", "ev_b3"}),
        (EventFilter(actor="GOV:RUR"), {"ev_b1", "ev_b2x"}),
        (EventFilter(recipient="GOV:BOR", date_from=dt.date(2026, 3, 5)), {"ev_b3"}),
        (EventFilter(country="RUR", actor="GOV:BOR"), {"ev_b2"}),
    ],
)
def test_party_filters_listed_or_probed_agree(store_path: Path, where, expected, probe) -> None:
    with open_store(store_path, read_only=True) as store:
        planned = dataclasses.replace(queries.plan(store, where), probe=probe)
        assert planned.parties and planned.where.country is None
        assert {e.id for e in queries.list_events(store, planned, sort="-date")} == expected
        assert queries.count_events(store, planned) == len(expected)


def test_a_count_that_takes_too_long_is_left_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    base = results()[2]
    many = [dataclasses.replace(base.events[0], id=f"ev_{i}") for i in range(400)]
    path = tmp_path / "many.db"
    with open_store(path) as store:
        run = store.start_run("test", pipeline_version="t", model_version=None)
        store.add_batch([dataclasses.replace(base, events=tuple(many))], run_id=run,
                        pipeline_version="t", model_version=None)  # fmt: skip
    client = TestClient(create_app(path))
    assert client.get("/api/events?limit=1").json()["total"] == 400
    monkeypatch.setattr(queries, "COUNT_SECONDS", -1.0)
    body = client.get("/api/events?limit=1&text=agreement").json()  # the tallies hold no text
    assert body["total"] is None and len(body["items"]) == 1
    counted = client.get("/api/events?limit=1&country=SYL").json()  # summed from the tallies
    assert counted["total"] == 400 and len(counted["items"]) == 1


# --- one event --------------------------------------------------------------------------


def test_one_event_with_mentions_quote_and_article(client: TestClient) -> None:
    body = client.get("/api/events/ev_b1").json()
    assert body["event"]["polarity"] == "negated"
    assert body["article"]["title"] == "Talks off" and body["article"]["events"] == 1
    (first,) = body["mentions"]
    assert TEXTS["b1"][first["trigger"]["start"] : first["trigger"]["end"]] == "attend"
    assert body["quote"]["speaker_text"] == "officials in Zenda"
    assert body["parent"] is None and body["children"] == []
    group = body["group"]
    assert group["type"] == "CONSULT" and group["articles"] == 1
    assert [m["event_id"] for m in group["members"]] == ["ev_b1"]


def test_embedded_events_link_both_ways(client: TestClient) -> None:
    parent = client.get("/api/events/ev_b2").json()
    assert [c["id"] for c in parent["children"]] == ["ev_b2x"]
    child = client.get("/api/events/ev_b2x").json()
    assert child["parent"]["id"] == "ev_b2"


def test_a_group_lists_its_members_as_grouping_rebuilds_them(client, store_path) -> None:
    keep = ("event_id", "article_id", "article_date", "publisher", "status", "sentence")
    with open_store(store_path, read_only=True) as store:
        for event_id in ("ev_b1", "ev_b2", "ev_b2x", "ev_b3"):
            group_id = store.group_of_event(event_id)
            (members,) = group_members(store, [group_id]).values()
            expected = [{k: v for k, v in to_dict(m).items() if k in keep} for m in members]
            listed = client.get(f"/api/events/{event_id}").json()["group"]["members"]
            assert json.dumps(listed) == json.dumps(expected)


# --- articles, actors, runs ---------------------------------------------------------------


def test_articles_list_and_one_article_with_annotations(client: TestClient) -> None:
    listing = client.get("/api/articles").json()["items"]
    assert [a["id"] for a in listing] == ["b3", "b2", "b1"]
    assert {a["id"]: a["events"] for a in listing} == {"b1": 1, "b2": 2, "b3": 1}
    assert "text" not in listing[0]
    only = client.get("/api/articles?source=Borduria Post").json()["items"]
    assert [a["id"] for a in only] == ["b2"]
    body = client.get("/api/articles/b2").json()
    assert body["article"]["text"] == TEXTS["b2"]
    assert {a["span"]["text"] for a in body["actors"]} == {"Borduria", "Ruritania"}
    assert {e["id"] for e in body["events"]} == {"ev_b2", "ev_b2x"}
    assert {r["type"] for r in body["rows"]} == {"ACCUSE", "ASSAULT"}


def test_one_article_is_its_result_as_written_with_a_row_per_event(client: TestClient) -> None:
    for result in results():
        answer = client.get(f"/api/articles/{result.article.id}")
        expected = {**to_dict(result), "rows": [event_row(e) for e in result.events]}
        assert json.dumps(answer.json()) == json.dumps(expected)  # key order and types too


def test_actors(client: TestClient) -> None:
    listing = client.get("/api/actors").json()["items"]
    assert {a["id"] for a in listing} == {"GOV:RUR", "GOV:BOR", "GOV:SYL"}
    found = client.get("/api/actors?search=Syld").json()["items"]
    assert [a["id"] for a in found] == ["GOV:SYL"]
    one = client.get("/api/actors/GOV:BOR").json()
    assert one["events"] == {"actor": 1, "recipient": 2}
    assert one["aliases"] == ["Borduria"]


def test_runs_and_rejected_inputs(client: TestClient) -> None:
    (run,) = client.get("/api/runs").json()["items"]
    assert (run["articles_new"], run["events"], run["rejected"]) == (3, 4, 1)
    report = client.get(f"/api/runs/{run['id']}").json()
    assert report["run"]["status"] == "finished"
    assert [r["origin"] for r in report["rejected"]] == ["feed.jsonl:3"]
    assert client.get("/api/rejected?reason=bad-date").json()["items"][0]["message"]
    assert client.get("/api/rejected?reason=empty").json()["items"] == []


def test_index_and_openapi(client: TestClient) -> None:
    index = client.get("/api").json()
    assert index["counts"]["events"] == 4 and index["ingest"] is False
    assert "/api/events/{event_id}" in index["endpoints"]
    schema = client.get("/api/openapi.json").json()
    assert {"/api/events", "/api/export", "/api/articles", "/api/tracker"} <= set(schema["paths"])
    assert "post" in schema["paths"]["/api/articles"]


# --- charts -------------------------------------------------------------------------------


def test_timeline_and_summary(client: TestClient) -> None:
    items = client.get("/api/timeline?interval=month").json()["items"]
    assert {(i["period"], i["type"]): i["events"] for i in items}[("2026-03", "ASSAULT")] == 1
    summary = client.get("/api/summary?actor=GOV:BOR").json()
    assert {t["type"]: t["events"] for t in summary["by_type"]} == {"ACCUSE": 1}
    line = client.get("/api/summary").json()["line"]
    by_day = {p["period"]: p for p in line}
    assert "2026-03-06" not in by_day  # negated events do not count on the line
    assert by_day["2026-03-10"]["cooperation"] == 1 and by_day["2026-03-08"]["conflict"] == 1


def test_network_and_places(client: TestClient) -> None:
    net = client.get("/api/network").json()
    edges = {(e["source"], e["target"]): e["events"] for e in net["edges"]}
    assert edges == {
        ("GOV:BOR", "GOV:RUR"): 1,
        ("GOV:RUR", "GOV:BOR"): 1,
        ("GOV:SYL", "GOV:BOR"): 1,
    }
    assert {n["id"]: n["name"] for n in net["nodes"]}["GOV:SYL"] == "Syldavia"
    places = client.get("/api/places").json()["items"]
    assert {p["name"]: p["events"] for p in places} == {"Geneva": 1, "Tinbad": 1, "Klow": 1}


def test_basemap_has_country_outlines(client: TestClient) -> None:
    features = client.get("/api/basemap").json()["features"]
    assert len(features) > 150
    france = next(f for f in features if f["id"] == "FRA")
    assert france["geometry"]["type"] in ("Polygon", "MultiPolygon")


# --- exports over HTTP --------------------------------------------------------------------


def test_export_plover_round_trips(client: TestClient) -> None:
    response = client.get("/api/export?format=plover&type=ASSAULT")
    assert response.headers["content-type"].startswith("application/x-ndjson")
    assert "attachment" in response.headers["content-disposition"]
    (back,) = read_plover(response.text.splitlines())
    assert back == results()[1].events[1]


def test_export_gdelt_keeps_only_what_gdelt_can_say(client: TestClient) -> None:
    default = list(read_gdelt(client.get("/api/export?format=gdelt-events").text.splitlines(),
                              table="events"))  # fmt: skip
    assert {r["EventCode"] for r in default} == {"11", "057"}  # not negated, not historical
    every = client.get("/api/export?format=gdelt-mentions&all_statuses=true").text
    assert len(list(read_gdelt(every.splitlines(), table="mentions"))) == 4


def test_export_csv_and_parquet(client: TestClient) -> None:
    rows = list(read_csv(io.StringIO(client.get("/api/export?format=csv").text, newline="")))
    assert {r["id"] for r in rows} == {"ev_b1", "ev_b2", "ev_b2x", "ev_b3"}
    parquet = client.get("/api/export?format=parquet&country=SYL")
    assert parquet.headers["content-type"] == "application/vnd.apache.parquet"
    assert read_parquet_events(io.BytesIO(parquet.content)) == [results()[2].events[0]]


# --- tracking ------------------------------------------------------------------------------


def test_groups_and_one_group(client: TestClient) -> None:
    groups = client.get("/api/groups?country=BOR").json()["items"]
    assert {g["type"] for g in groups} == {"ACCUSE", "ASSAULT", "AGREE"}
    one = client.get(f"/api/groups/{groups[0]['id']}").json()
    assert one["group"]["id"] == groups[0]["id"]
    assert [m["event_id"] for m in one["members"]] == list(one["group"]["event_ids"])


def test_stories_series_and_tracker(client: TestClient) -> None:
    stories = client.get("/api/stories").json()["items"]
    assert stories and all(s["article_ids"] for s in stories)
    story = client.get(f"/api/stories/{stories[0]['id']}").json()
    assert story["id"] == stories[0]["id"] and story["timeline"]
    series = client.get("/api/series?a=BOR&b=SYL").json()["items"]
    assert [(p["period"], p["types"]) for p in series] == [("2026-03-10", {"AGREE": 1})]
    tracker = client.get("/api/tracker").json()
    assert {"meetings", "demands", "threats", "proposals"} <= set(tracker)
    assert [m["place"] for m in tracker["meetings"]] == ["Geneva"]
    by_story = client.get(f"/api/tracker?story={stories[0]['id']}").json()
    assert by_story["story_id"] == stories[0]["id"]


# --- the dashboard ------------------------------------------------------------------------


def test_dashboard_is_served_offline(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and "<html" in page.text.lower()
    assert "http://" not in page.text and "https://" not in page.text  # nothing from outside
    assert client.get("/static/app.js").status_code == 200


# --- reads see new commits ----------------------------------------------------------------


def test_a_running_app_sees_events_committed_after_it_started(tmp_path: Path) -> None:
    path = tmp_path / "live.db"
    with open_store(path):
        pass
    client = TestClient(create_app(path))
    assert client.get("/api/events").json()["total"] == 0
    build_store(path)
    assert client.get("/api/events").json()["total"] == 4
