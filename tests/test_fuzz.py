"""Nothing a user feeds Dyad breaks it: generated inputs for the readers, `dyad.process` and
every GET parameter of the HTTP API. A bad input is a rejection or a 4xx in the one error
shape; never an exception, a rejection that asks for a bug report, or a 500.

Examples are few and bounded (`deadline=None`) so the file runs in well under a minute."""

from __future__ import annotations

import csv
import dataclasses
import gzip
import io
import json
import os
import tempfile
import urllib.parse
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import dyad
from dyad.api import create_app
from dyad.errors import DyadError, InputError
from dyad.ingest import make_article, read_articles
from dyad.model import Article, Rejected, Span
from test_api import build_store

FEW = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
REPORT = "please report"  # the words of a rejection that caught a bug instead of a bad input

# --- values a careless or hostile user writes ---------------------------------------------

ODD_DATES = [
    "0001-01-01", "9999-12-31", "0000-01-01", "10000-01-01", "2026-02-29", "2024-02-29",
    "2026-13-01", "2026-00-10", "2026-1-1", "-2026-01-01", "2026-03-05T25:61:00Z",
    "Thu, 05 Mar 2026 10:00:00 +0000", "Mon, 99 Foo 0000 99:99:99", "yesterday", "",
    " ", "9" * 40, "1e309", "NaN", "２０２６-０３-０５", "2026-03-05\x00",
]  # fmt: skip
ODD_URLS = [
    "http://[::1", "https://", "http://exa mple.com/a", "https://xn--.example/", "javascript:x",
    "http://例え.jp/記事", "https://user:pw@host:99999/", "//no-scheme", "http://" + "a." * 200,
    "file:///etc/passwd", "http://[vxyz::1]/", "", "\x00",
]  # fmt: skip
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-be", "latin-1", "cp1252", "koi8-r",
             "shift_jis", "gb18030", "utf-32"]  # fmt: skip

words = st.text(st.characters(blacklist_categories=()), max_size=60)  # lone surrogates too
dates = st.one_of(st.sampled_from(ODD_DATES), words)
urls = st.one_of(st.sampled_from(ODD_URLS), words)
prose = st.lists(
    st.sampled_from(["Ruritania", "accused", "Borduria", "of", "shelling", "Tinbad", "on",
                     "Monday", ".", '"', "said", "the", "minister", "\n", "2026", "March"]),
    min_size=5, max_size=40,
).map(" ".join)  # fmt: skip
texts = st.one_of(prose, words, st.text(max_size=300))
json_values = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), words,
                        st.lists(st.integers(), max_size=2))  # fmt: skip


def _record(draw: st.DrawFn) -> dict[str, Any]:
    record: dict[str, Any] = {"text": draw(st.one_of(texts, json_values))}
    for name, values in (("date", dates), ("url", urls), ("source", words), ("title", words),
                         ("id", words)):  # fmt: skip
        if draw(st.booleans()):
            record[name] = draw(st.one_of(values, json_values))
    return record


@st.composite
def files(draw: st.DrawFn) -> tuple[str, bytes]:
    """A file name and its bytes: each format, sometimes re-encoded, gzipped or broken."""
    kind = draw(st.sampled_from(["text", "jsonl", "csv", "tsv", "html", "bytes"]))
    record = _record(draw)
    if kind == "text":
        name, body = "a.txt", f"date {draw(dates)} {draw(words)}\n{record['text']}"
    elif kind == "jsonl":
        lines = [json.dumps(_record(draw)) for _ in range(draw(st.integers(1, 3)))]
        lines.insert(draw(st.integers(0, len(lines))), draw(words))  # a line that is not JSON
        name, body = "a.jsonl", "\n".join(lines)
    elif kind in ("csv", "tsv"):
        out = io.StringIO()
        writer = csv.writer(out, delimiter="," if kind == "csv" else "\t")
        writer.writerow(list(record))
        writer.writerow([str(v) for v in record.values()])
        name, body = f"a.{kind}", out.getvalue() + draw(words)
    elif kind == "html":
        charset = draw(st.sampled_from([*ENCODINGS, "rot13", "base64", "nonsense", "idna"]))
        name, body = (
            "a.html",
            (
                f'<html><head><meta charset="{charset}"><title>{draw(words)}</title>'
                f'<meta property="article:published_time" content="{draw(dates)}">'
                f'<link rel="canonical" href="{draw(urls)}"></head>'
                f"<body><article><p>{record['text']}</p><p>{draw(words)}</p></article></body>"
            ),
        )
    else:
        return draw(st.sampled_from(["a.txt", "a.jsonl", "a.csv", "a.html", "a"])), draw(
            st.binary(max_size=400)
        )
    data = body.encode(draw(st.sampled_from(ENCODINGS)), errors="replace")
    if draw(st.booleans()):
        data = gzip.compress(data)
        name += ".gz"
        if draw(st.booleans()):
            data = data[: draw(st.integers(0, len(data)))]  # a truncated download
    return name, data


@pytest.mark.parametrize("nested", [False, True])
@FEW
@given(file=files())
def test_every_generated_file_reads_as_articles_or_rejections(file, nested: bool) -> None:
    name, data = file
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        items = list(read_articles([folder if nested else path]))
    for item in items:
        assert isinstance(item, (Article, Rejected)), item
        if isinstance(item, Rejected):
            assert REPORT not in item.message, item.message
            assert item.reason and item.message
        else:
            assert item.text.strip() and item.id


# --- cases the fuzzing found ------------------------------------------------------------


def test_a_json_lone_surrogate_is_a_rejection_naming_the_field(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text('{"text": "Ruritania accused Borduria \\ud800 of shelling Tinbad."}\n')
    (item,) = read_articles([path])
    assert isinstance(item, Rejected) and item.reason == "undecodable", item
    assert "'text'" in item.message and "character 27" in item.message
    assert REPORT not in item.message


@pytest.mark.parametrize("field", ["source", "title", "url", "id", "date"])
def test_a_lone_surrogate_in_any_field_is_refused(field: str) -> None:
    with pytest.raises(InputError, match=f"field '{field}' holds a lone surrogate"):
        make_article("Ruritania accused Borduria of shelling Tinbad.", **{field: "x\udc80"})


def test_a_file_name_that_is_not_utf8_is_read_with_a_printable_origin(tmp_path: Path) -> None:
    folder = os.fsencode(tmp_path)
    with open(folder + b"/\xff-news.txt", "wb") as out:
        out.write(b"date 2026-03-01\nRuritania accused Borduria of shelling Tinbad on Monday.")
    with open(folder + b"/\xfe-empty.txt", "wb"):
        pass
    items = list(read_articles([tmp_path]))
    assert sorted(type(i).__name__ for i in items) == ["Article", "Rejected"]
    for item in items:
        item.origin.encode("utf-8")  # storable and printable: the store writes it as UTF-8
        assert item.origin.endswith(("\\xfe-empty.txt", "\\xff-news.txt")), item.origin


# --- dyad.process ------------------------------------------------------------------------


def _spans(value: object) -> list[Span]:
    """Every `Span` reachable from `value` (dataclasses and tuples)."""
    if isinstance(value, Span):
        return [value]
    if isinstance(value, (tuple, list)):
        return [s for item in value for s in _spans(item)]
    if dataclasses.is_dataclass(value) and not isinstance(value, (type, Article)):
        return [s for f in dataclasses.fields(value) for s in _spans(getattr(value, f.name))]
    return []


def assert_processes_or_refuses(text: str, date: str | None, **fields: str | None) -> None:
    try:
        result = dyad.process(text, date=date, **fields)
    except DyadError as refused:
        assert REPORT not in str(refused), str(refused)
        return
    assert result.article.text == text
    for span in _spans(result):
        assert text[span.start : span.end] == span.text, span


@pytest.mark.model
@settings(max_examples=30, deadline=None)
@given(
    text=st.one_of(
        prose,
        st.text(st.characters(blacklist_categories=()), min_size=15, max_size=300),
        prose.map(lambda t: f"  \r\n{t}\t"),
    ),
    date=st.one_of(st.none(), st.sampled_from(["0001-01-01", "9999-12-31", *ODD_DATES])),
    url=st.one_of(st.none(), urls),
    source=st.one_of(st.none(), words),
    title=st.one_of(st.none(), words),
)
def test_process_returns_a_result_or_a_dyad_error(text, date, url, source, title) -> None:
    assert_processes_or_refuses(text, date, url=url, source=source, title=title)


# --- HTTP parameters -----------------------------------------------------------------------

ODD_VALUES = [
    "", "0", "-1", "1", "5000", "9223372036854775808", "1e309", "nan", "inf", "-0", "true",
    "perhaps", "²", "0,0,1,1", "180,-90,-180,90", "nan,0,1,1", "a,b,c,d", "1,2,3",
    "GOV:RUR", "RUR", "%", "'; DROP TABLE events; --", "\\", "*", "_%_", "ev_b1", "b1",
    "-date", "row", "full", "week", "day", "month", "year", "mentions", "groups", "csv",
    "jsonl", "gdelt", "plover", "parquet", *ODD_DATES,
]  # fmt: skip
param_values = st.one_of(st.sampled_from(ODD_VALUES), words)


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    path = build_store(tmp_path_factory.mktemp("fuzz") / "fuzz.db")
    return TestClient(create_app(path), raise_server_exceptions=False)


@pytest.fixture(scope="module")
def endpoints(client: TestClient) -> list[tuple[str, list[dict[str, Any]]]]:
    """Every GET endpoint of the OpenAPI document with its parameters."""
    paths = client.get("/api/openapi.json").json()["paths"]
    return [(path, ops["get"].get("parameters", [])) for path, ops in paths.items() if "get" in ops]


@st.composite
def requests(draw: st.DrawFn, endpoints: list[tuple[str, list[dict[str, Any]]]]) -> str:
    path, parameters = draw(st.sampled_from(endpoints))
    query = []
    for parameter in parameters:
        # a lone surrogate goes out as bytes that are not UTF-8 (%ED%A0%80)
        value = urllib.parse.quote_from_bytes(draw(param_values).encode("utf-8", "surrogatepass"))
        if parameter["in"] == "path":
            path = path.replace("{" + parameter["name"] + "}", value.replace("/", "%2F"))
        elif draw(st.booleans()):
            query.append(f"{parameter['name']}={value}")
    return path + ("?" + "&".join(query) if query else "")


def assert_answered(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code < 500, (url, response.text)
    if response.status_code >= 400:
        assert response.headers["content-type"].startswith("application/json"), url
        error = response.json()["error"]
        assert set(error) == {"status", "code", "message", "fields"}, url
        assert error["status"] == response.status_code and error["message"], url


def test_every_get_endpoint_takes_random_parameters(client: TestClient, endpoints) -> None:
    @settings(max_examples=250, deadline=None)
    @given(url=requests(endpoints))
    def check(url: str) -> None:
        assert_answered(client, url)

    check()


def test_the_generator_reaches_every_get_endpoint(endpoints) -> None:
    assert len(endpoints) >= 20 and {p for p, _ in endpoints} >= {"/api/events", "/api/series"}
