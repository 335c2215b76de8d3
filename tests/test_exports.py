"""Exports: round trips of every format (property tests on generated events), the fields each
format promises, and `dyad export` end to end."""

from __future__ import annotations

import datetime as dt
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dyad.exports import (
    COLUMNS,
    EVENT_COLUMNS,
    MENTION_COLUMNS,
    event_from_plover,
    export_lines,
    flat_row,
    plover_record,
    read_csv,
    read_gdelt,
    read_parquet_events,
    read_parquet_rows,
    read_plover,
    write_export,
)  # fmt: skip
from dyad.exports.codes import actor_code, cameo_types
from dyad.exports.gdelt import event_row, global_event_id, mention_rows
from dyad.model import (
    ActorMention,
    Article,
    Cue,
    Event,
    Evidence,
    Place,
    Source,
    Span,
    TimeExpression,
)  # fmt: skip
from test_api import build_store, results

# --- generated events ---------------------------------------------------------------------

words = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)
names = words.filter(lambda w: w.strip() != "")
maybe = st.none() | words
dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))
scores = st.floats(-10, 10, allow_nan=False)


@st.composite
def spans(draw) -> Span:
    start = draw(st.integers(0, 5000))
    return Span(start, start + draw(st.integers(0, 200)), draw(names))


@st.composite
def mentions(draw) -> ActorMention:
    return ActorMention(
        span=draw(spans()), actor_id=draw(st.none() | names), name=draw(names),
        country=draw(st.sampled_from([None, "RUR", "BOR", "IGO", "USA"])),
        sector=draw(st.sampled_from([None, *cameo_types(), "unknown-sector"])),
        kind=draw(st.sampled_from(["person", "country", "organisation"])),
        title=draw(maybe), method=draw(st.sampled_from(["dictionary", "ner"])),
        confidence=draw(st.floats(0, 1)), name_span=draw(st.none() | spans()),
        role=draw(st.sampled_from([None, "subject", "object"])),
    )  # fmt: skip


@st.composite
def places(draw) -> Place:
    return Place(
        geonameid=draw(st.integers(1, 10**8)), name=draw(names),
        country=draw(st.sampled_from([None, "CHE", "USA", "RUR"])), admin1=draw(maybe),
        lat=draw(st.floats(-90, 90)), lon=draw(st.floats(-180, 180)),
        feature=draw(st.sampled_from(["PPLC", "PCLI", "ADM1", "PPL"])),
        population=draw(st.integers(0, 10**9)), admin2=draw(maybe),
    )  # fmt: skip


@st.composite
def events(draw) -> Event:
    evidence = [Evidence(draw(spans()), draw(spans())) for _ in range(draw(st.integers(1, 3)))]
    cues = [Cue(draw(words), draw(spans()), draw(words)) for _ in range(draw(st.integers(0, 2)))]
    expression = st.builds(TimeExpression, span=spans(), type=st.just("date"), value=maybe,
                           start=st.none() | dates)  # fmt: skip
    return Event(
        id="ev_" + draw(st.text("0123456789abcdef", min_size=8, max_size=16)),
        article_id=draw(names), type=draw(st.sampled_from(["CONSULT", "ASSAULT", "REQUEST"])),
        actors=tuple(draw(st.lists(mentions(), max_size=3))),
        recipients=tuple(draw(st.lists(mentions(), max_size=2))),
        evidence=tuple(evidence),
        mode=draw(maybe), cameo=draw(st.sampled_from([None, "04", "042", "1012"])),
        quad_class=draw(st.none() | st.integers(1, 4)), goldstein=draw(st.none() | scores),
        polarity=draw(st.sampled_from(["asserted", "negated"])),
        modality=draw(st.sampled_from(["actual", "planned", "conditional"])),
        historical=draw(st.booleans()),
        cues=tuple(cues),
        date=draw(st.none() | dates), date_end=draw(st.none() | dates),
        date_granularity=draw(st.sampled_from([None, "day", "week", "year", "decade"])),
        date_end_granularity=draw(st.sampled_from([None, "day", "month"])),
        date_source=draw(st.sampled_from(["text", "publication", "none"])),
        date_expression=draw(st.none() | expression),
        place=draw(st.none() | places()), place_source=draw(st.sampled_from(["text", "none"])),
        place_span=draw(st.none() | spans()),
        attribution=tuple(Source(draw(names), draw(st.sampled_from(["actor", "publisher"])))
                          for _ in range(draw(st.integers(0, 3)))),
        quote_id=draw(maybe), parent_id=draw(maybe), rule=draw(words),
        confidence=draw(st.floats(0, 1)),
    )  # fmt: skip


@st.composite
def articles(draw, article_id: str) -> Article:
    return Article(
        id=article_id, text=draw(st.text(max_size=300)), date=draw(st.none() | dates),
        source=draw(maybe), title=draw(maybe), url=draw(maybe), origin="x",
    )  # fmt: skip


@st.composite
def items(draw) -> list[tuple[Event, Article | None]]:
    out = []
    for event in draw(st.lists(events(), min_size=1, max_size=4)):
        article = draw(st.none() | articles(event.article_id))
        out.append((event, article))
    return out


PROPERTY = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip


# --- round trips ----------------------------------------------------------------------------


@PROPERTY
@given(events())
def test_plover_round_trips_every_field(event: Event) -> None:
    line = json.dumps(plover_record(event), ensure_ascii=False)
    assert event_from_plover(json.loads(line)) == event


@PROPERTY
@given(items())
def test_plover_lines_round_trip(pairs) -> None:
    text = "".join(export_lines("plover", pairs))
    assert list(read_plover(io.StringIO(text))) == [e for e, _ in pairs]


@PROPERTY
@given(items())
def test_csv_round_trips_the_flat_rows(pairs) -> None:
    text = "".join(export_lines("csv", pairs))
    rows = list(read_csv(io.StringIO(text, newline="")))
    assert rows == [flat_row(e, a) for e, a in pairs]


@PROPERTY
@given(items())
def test_parquet_round_trips_rows_and_records(pairs) -> None:
    buffer = io.BytesIO()
    assert write_export("parquet", pairs, buffer) == len(pairs)
    assert read_parquet_events(io.BytesIO(buffer.getvalue())) == [e for e, _ in pairs]
    assert read_parquet_rows(io.BytesIO(buffer.getvalue())) == [flat_row(e, a) for e, a in pairs]


def _as_written(row: dict) -> dict:
    """What a GDELT cell keeps of a value: whitespace collapsed, empty strings gone."""
    out = {}
    for key, value in row.items():
        if isinstance(value, str):
            value = " ".join(value.split()) or None
        out[key] = value
    return out


@PROPERTY
@given(items(), st.sampled_from(["events", "mentions"]))
def test_gdelt_tables_round_trip(pairs, table: str) -> None:
    text = "".join(export_lines(f"gdelt-{table}", pairs, all_statuses=True))
    back = list(read_gdelt(io.StringIO(text), table=table))
    if table == "events":
        expected = [_as_written(event_row(e, a)) for e, a in pairs]
    else:
        expected = [_as_written(r) for e, a in pairs for r in mention_rows(e, a)]
    assert back == expected
    width = len(EVENT_COLUMNS if table == "events" else MENTION_COLUMNS)
    assert all(line.count("\t") == width - 1 for line in text.splitlines())


# --- what each format says ----------------------------------------------------------------


def test_gdelt_event_table_has_61_columns_and_the_event_in_them() -> None:
    assert len(EVENT_COLUMNS) == 61 and len(MENTION_COLUMNS) == 16
    event = results()[2].events[0]  # Syldavia signed with Borduria in Klow
    article = results()[2].article
    row = event_row(event, article)
    assert row["GLOBALEVENTID"] == global_event_id(event.id) < 2**63
    assert (row["Day"], row["MonthYear"], row["Year"]) == (20260310, 202603, 2026)
    assert (row["Actor1Code"], row["Actor1CountryCode"], row["Actor1Type1Code"]) == (
        "SYLGOV", "SYL", "GOV",
    )  # fmt: skip
    assert (row["Actor2Code"], row["EventCode"], row["EventBaseCode"], row["EventRootCode"]) == (
        "BORGOV", "057", "057", "05",
    )  # fmt: skip
    assert (row["QuadClass"], row["GoldsteinScale"], row["NumMentions"]) == (1, 8.0, 1)
    assert (row["ActionGeo_Type"], row["ActionGeo_FeatureID"]) == (4, "900002")
    assert (row["ActionGeo_Lat"], row["ActionGeo_Long"]) == (50.0, 30.0)
    assert row["SOURCEURL"] == "https://wire.example/b3"
    assert row["DATEADDED"] == 20260310000000 and row["IsRootEvent"] == 1


def test_gdelt_geography_uses_fips_codes() -> None:
    event = results()[0].events[0]  # Geneva, Switzerland: FIPS "SZ"
    row = event_row(event, results()[0].article)
    assert (row["ActionGeo_CountryCode"], row["ActionGeo_ADM1Code"]) == ("SZ", "SZGE")
    assert row["ActionGeo_FullName"] == "Geneva, GE, CHE"


def test_gdelt_mentions_point_into_the_article() -> None:
    result = results()[1]
    (row,) = mention_rows(result.events[0], result.article)
    text = result.article.text
    assert text[row["ActionCharOffset"] :].startswith("accused")
    assert text[row["Actor1CharOffset"] :].startswith("Borduria")
    assert text[row["Actor2CharOffset"] :].startswith("Ruritania")
    assert (row["SentenceID"], row["MentionDocLen"], row["Confidence"]) == (1, len(text), 50)
    assert row["MentionIdentifier"] == "b2"  # no URL: the article id


@pytest.mark.parametrize(
    ("polarity", "modality", "historical", "written"),
    [("asserted", "actual", False, 1), ("negated", "actual", False, 0),
     ("asserted", "planned", False, 0), ("asserted", "actual", True, 0)],
)  # fmt: skip
def test_gdelt_leaves_out_what_it_cannot_mark(polarity, modality, historical, written) -> None:
    base = results()[2].events[0]
    event = Event(**{**{f: getattr(base, f) for f in base.__slots__}, "polarity": polarity,
                     "modality": modality, "historical": historical})  # fmt: skip
    lines = list(export_lines("gdelt-events", [(event, None)]))
    assert len(lines) == written
    assert len(list(export_lines("gdelt-events", [(event, None)], all_statuses=True))) == 1


@pytest.mark.parametrize(
    ("country", "sector", "code"),
    [("RUS", "government", "RUSGOV"), ("RUS", "military", "RUSMIL"), ("IGO", "IGO", "IGO"),
     (None, "rebels", "REB"), ("UKR", "party", "UKR"), (None, None, "")],
)  # fmt: skip
def test_actor_codes(country, sector, code) -> None:
    assert actor_code(country, sector) == code


def test_csv_header_is_the_documented_columns() -> None:
    header = next(iter(export_lines("csv", [])))
    assert header.strip().split(",") == [c.name for c in COLUMNS]


def test_plover_record_uses_plover_field_names() -> None:
    record = plover_record(results()[1].events[0], results()[1].article)
    assert record["event"] == ["ACCUSE"] and record["quad_code"] == 3
    assert record["source"][0]["code"] == "BOR" and record["recipient"][0]["code"] == "RUR"
    assert record["cite_info"]["publication"] == "Borduria Post"
    assert record["polarity"] == "asserted" and record["date"] == "2026-03-08"


def test_unknown_formats_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown export format"):
        write_export("xlsx", [], io.BytesIO())
    with pytest.raises(ValueError, match="not a text export format"):
        export_lines("parquet", [])
    with pytest.raises(ValueError, match="61"):
        list(read_gdelt(["1\t2\n"], table="events"))
    with pytest.raises(ValueError, match="not a Dyad CSV export"):
        list(read_csv(["a,b\n"]))


# --- dyad export ----------------------------------------------------------------------------


def dyad(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "dyad.cli", *args], capture_output=True,
                          text=True, timeout=120)  # fmt: skip


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("export") / "x.db")


@pytest.mark.parametrize("fmt", ["plover", "gdelt-events", "gdelt-mentions", "csv", "parquet"])
def test_cli_export_writes_each_format(store: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"out.{fmt}"
    done = dyad("export", "--format", fmt, "--out", str(out), "--store", str(store),
                "--all-statuses")  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert f"written to {out}" in done.stderr
    if fmt == "parquet":
        assert len(read_parquet_events(out)) == 4
    elif fmt == "plover":
        assert {e.id for e in read_plover(out.open(encoding="utf-8"))} == {
            "ev_b1", "ev_b2", "ev_b2x", "ev_b3",
        }  # fmt: skip
    elif fmt == "csv":
        assert len(list(read_csv(out.open(encoding="utf-8", newline="")))) == 4
    else:
        assert len(list(read_gdelt(out.open(encoding="utf-8"), table=fmt[6:]))) == 4


@pytest.mark.parametrize(
    ("args", "ids"),
    [(["--type", "AGREE"], ["ev_b3"]), (["--place", "Geneva"], ["ev_b1"]),
     (["--bbox", "19,44,31,51"], ["ev_b2x", "ev_b3"]), (["--country", "RUR", "--since",
     "2026-03-07"], ["ev_b2"])],
)  # fmt: skip
def test_cli_export_filters_and_stdout(store: Path, args: list[str], ids: list[str]) -> None:
    done = dyad("export", "-f", "plover", "-o", "-", "--store", str(store), *args)
    assert done.returncode == 0, done.stderr
    assert [json.loads(line)["id"] for line in done.stdout.splitlines()] == ids


@pytest.mark.parametrize(
    ("args", "message"),
    [(["-f", "xlsx", "-o", "x"], "is not one of"), (["-f", "parquet", "-o", "-"], "stdout"),
     (["-f", "csv", "-o", "-", "--since", "March"], "is not a date"),
     (["-f", "csv", "-o", "-", "--bbox", "1,2"], "--bbox '1,2' must be four numbers")],
)  # fmt: skip
def test_cli_export_errors(store: Path, args: list[str], message: str) -> None:
    done = dyad("export", *args, "--store", str(store))
    assert done.returncode == 1 and message in done.stderr
