"""Ingest: inputs that used to stop a run (overflowing dates, odd URLs and charsets, link loops,
unclosed CSV quotes, any unexpected error) become rejections or articles, and reading goes on."""

from __future__ import annotations

import datetime as dt
import os

import pytest

import dyad.ingest
import dyad.ingest.records
from dyad.ingest import make_article, parse_date
from dyad.model import Article
from test_ingest_bad import GOOD_1, GOOD_2, jsonl_line, read, rejection, shape


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "9999-12-31T23:59:59Z"])
def test_the_calendar_edges_are_dates(day):
    assert parse_date(day) == dt.date.fromisoformat(day[:10])


def test_a_folder_with_an_article_dated_9999_12_31_is_read_whole(tmp_path):
    (tmp_path / "a.txt").write_text(f" date 9999-12-31 {GOOD_1}", encoding="utf-8")
    (tmp_path / "b.txt").write_text(f" date 2026-03-03 {GOOD_2}", encoding="utf-8")
    items = read(tmp_path)
    assert [i.date for i in items if isinstance(i, Article)] == [
        dt.date(9999, 12, 31), dt.date(2026, 3, 3),
    ]  # fmt: skip
    assert make_article(GOOD_1, date="9999-12-31").date == dt.date(9999, 12, 31)


@pytest.mark.parametrize("url", ["http://[::1", "http://[not-an-address]/x"])
def test_a_url_that_cannot_be_split_is_kept_without_a_publisher(tmp_path, url):
    path = tmp_path / "feed.jsonl"
    path.write_text(jsonl_line(GOOD_1, url=url) + jsonl_line(GOOD_2), encoding="utf-8")
    items = read(path)
    assert shape(items) == [f"article:{GOOD_1[:12]}", f"article:{GOOD_2[:12]}"]
    assert items[0].url == url and items[0].source is None


@pytest.mark.parametrize(
    "charset", ["rot13", "base64", "hex", "zlib", "idna", "undefined", "punycode", "bz2"]
)
def test_an_html_page_declaring_a_codec_that_is_no_charset_is_read(tmp_path, charset):
    page = (
        f'<html><head><meta charset="{charset}"><title>Talks</title></head><body><article>'
        f"<p>{GOOD_1} The talks went on into the night.</p><p>{GOOD_2}</p></article></body></html>"
    )
    (tmp_path / "a.html").write_text(page, encoding="utf-8")
    (tmp_path / "b.txt").write_text(f" date 2026-03-03 {GOOD_2}", encoding="utf-8")
    items = read(tmp_path)
    assert [type(i).__name__ for i in items] == ["Article", "Article"]
    assert "Tomas Brell" in items[0].text


def test_a_link_to_itself_in_a_folder_is_rejected_and_the_rest_is_read(tmp_path):
    (tmp_path / "a.txt").write_text(f" date 2026-03-02 {GOOD_1}", encoding="utf-8")
    os.symlink("b.txt", tmp_path / "b.txt")
    (tmp_path / "c.txt").write_text(f" date 2026-03-03 {GOOD_2}", encoding="utf-8")
    items = read(tmp_path)
    assert shape(items) == [
        f"article:{GOOD_1[:12]}",
        f"rejected:unreadable@{tmp_path / 'b.txt'}",
        f"article:{GOOD_2[:12]}",
    ]


CSV_HEADER = "id,date,text\n"


@pytest.mark.parametrize(
    "bad",
    [
        'b1,2026-03-02,"A quote opened and never closed in this row\n',
        'b1,2026-03-02,"A quote opened here" and text after it\n',
    ],
    ids=["never-closed", "text-after-closing-quote"],
)
def test_a_csv_quote_left_open_is_rejected_and_the_rows_after_it_are_read(tmp_path, bad):
    path = tmp_path / "feed.csv"
    rows = [f'g1,2026-03-02,"{GOOD_1}"\n', bad, f'g2,2026-03-03,"{GOOD_2}"\n', f'g3,,"{GOOD_1}!"\n']
    path.write_text(CSV_HEADER + "".join(rows), encoding="utf-8")
    items = read(path)
    assert [getattr(i, "id", None) or i.reason for i in items] == ["g1", "bad-csv", "g2", "g3"]
    message = rejection(items).message
    assert message.startswith(f"{path}:3: ") and "fix the row" in message


def test_a_quoted_paragraph_break_is_still_one_field(tmp_path):
    path = tmp_path / "feed.csv"
    text = f'{GOOD_1}\n\nShe said ""no"".'
    path.write_text(CSV_HEADER + f'g1,2026-03-02,"{text}"\ng2,,"{GOOD_2}"\n', encoding="utf-8")
    items = read(path)
    assert [i.id for i in items] == ["g1", "g2"]
    assert items[0].text.endswith('She said "no".')


# --- anything unexpected: one record or one file is rejected, the rest is read -------------


def _fail_on(marker, real):
    def build(*args, **kwargs):
        if any(marker in str(a) for a in args):
            raise RuntimeError(f"injected failure on {marker}")
        return real(*args, **kwargs)

    return build


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_a_record_that_raises_is_rejected_between_good_ones(tmp_path, monkeypatch, fmt):
    records = dyad.ingest.records
    monkeypatch.setattr(records, "build_article", _fail_on("BOOM", records.build_article))
    path = tmp_path / f"feed.{fmt}"
    bad = f"{GOOD_1} BOOM"
    if fmt == "jsonl":
        path.write_text(jsonl_line(GOOD_1) + jsonl_line(bad) + jsonl_line(GOOD_2))
    else:
        path.write_text(f'text\n"{GOOD_1}"\n"{bad}"\n"{GOOD_2}"\n')
    items = read(path)
    line = 2 if fmt == "jsonl" else 3
    assert shape(items) == [
        f"article:{GOOD_1[:12]}",
        f"rejected:unreadable@{path}:{line}",
        f"article:{GOOD_2[:12]}",
    ]
    assert "RuntimeError: injected failure on BOOM" in rejection(items).message


def test_a_file_whose_reader_raises_is_rejected_between_good_files(tmp_path, monkeypatch):
    readers = dict(dyad.ingest.READERS)
    readers["html"] = lambda *args: (_ for _ in ()).throw(KeyError("weird"))
    monkeypatch.setattr(dyad.ingest, "READERS", readers)
    (tmp_path / "a.txt").write_text(f" date 2026-03-02 {GOOD_1}", encoding="utf-8")
    (tmp_path / "b.html").write_text(f"<html><body><p>{GOOD_1}</p></body></html>")
    (tmp_path / "c.txt").write_text(f" date 2026-03-03 {GOOD_2}", encoding="utf-8")
    items = read(tmp_path)
    assert shape(items) == [
        f"article:{GOOD_1[:12]}",
        f"rejected:unreadable@{tmp_path / 'b.html'}",
        f"article:{GOOD_2[:12]}",
    ]
    assert "KeyError" in rejection(items).message
