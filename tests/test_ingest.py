"""Ingest: every input format, folders, gzip, standard input, ids and field names."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import sys
from pathlib import Path

import pytest

from dyad.errors import InputError, SettingsError
from dyad.ingest import (
    NOTE_NO_DATE,
    NOTE_NO_SOURCE,
    IngestOptions,
    article_id,
    make_article,
    parse_date,
    read_articles,
)
from dyad.model import Article, Rejected

BODY_1 = "The foreign minister of Ruritania, Ana Velko, will not attend the summit in Vienna."
BODY_2 = (
    "Officials in Freedonia said on Tuesday that talks with Ruritania are scheduled for Friday."
)


def read(*paths: Path | str, **options: object) -> list[Article | Rejected]:
    return list(read_articles(list(paths), options=IngestOptions(**options)))  # type: ignore[arg-type]


def only_article(items: list[Article | Rejected]) -> Article:
    assert len(items) == 1, items
    assert isinstance(items[0], Article), items[0]
    return items[0]


def jsonl(*records: dict[str, object]) -> str:
    return "".join(json.dumps(r) + "\n" for r in records)


# --- the seed's plain-text format -----------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "body"),
    [
        (f" date 2026-03-02 {BODY_1}\n\n{BODY_2}\n", f"{BODY_1}\n\n{BODY_2}"),
        (f"date 2026-03-02 {BODY_1}\n\n{BODY_2}", f"{BODY_1}\n\n{BODY_2}"),
        (f" date 2026-03-02 \n{BODY_1}\n\n{BODY_2}\n", f"{BODY_1}\n\n{BODY_2}"),
        (f" date 2026-03-02\r\n\r\n{BODY_1}\r\n\r\n{BODY_2}\r\n", f"{BODY_1}\n\n{BODY_2}"),
        (f"\ufeff date 2026-03-02 {BODY_1}", BODY_1),
    ],
    ids=["leading-space", "no-space", "date-line-alone", "crlf", "bom"],
)
def test_seed_format_gives_the_body_with_its_paragraphs(tmp_path, content, body):
    path = tmp_path / "a.txt"
    path.write_text(content, encoding="utf-8", newline="")
    article = only_article(read(path))
    assert article.text == body
    assert article.date == dt.date(2026, 3, 2)
    assert article.origin == str(path)
    assert NOTE_NO_DATE not in article.notes


def test_the_seed_article_reads_with_its_date_and_paragraphs(tmp_path, seed_text):
    path = tmp_path / "seed.txt"
    path.write_text(seed_text, encoding="utf-8")
    article = only_article(read(path))
    first_line, rest = seed_text.split("\n", 1)
    assert article.date == dt.date.fromisoformat(first_line.split()[1])
    assert article.text == (first_line.split(None, 2)[2] + "\n" + rest).strip()
    assert article.text.count("\n\n") >= 5


def test_plain_text_without_date_line_is_kept_with_a_note(tmp_path):
    path = tmp_path / "plain.txt"
    path.write_text(f"{BODY_1}\n\n{BODY_2}\n", encoding="utf-8")
    article = only_article(read(path))
    assert article.date is None
    assert article.text == f"{BODY_1}\n\n{BODY_2}"
    assert NOTE_NO_DATE in article.notes
    assert NOTE_NO_SOURCE in article.notes


def test_default_source_names_the_publisher_of_plain_text(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(f" date 2026-03-02 {BODY_1}", encoding="utf-8")
    article = only_article(read(path, default_source="Ruritania Daily"))
    assert article.source == "Ruritania Daily"
    assert article.notes == ()


def test_latin1_text_is_decoded_with_a_note(tmp_path):
    path = tmp_path / "old.txt"
    path.write_bytes(f" date 2026-03-02 {BODY_1} Café Müller.".encode("cp1252"))
    article = only_article(read(path))
    assert article.text.endswith("Café Müller.")
    assert any("Windows-1252" in note for note in article.notes)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("a.txt", f" date 2026-03-02 {BODY_1} Café.\n\n{BODY_2}\n"),
        ("a.jsonl", jsonl({"date": "2026-03-02", "text": f"{BODY_1} Café.\n\n{BODY_2}"})),
        ("a.tsv", f'date\ttext\n2026-03-02\t"{BODY_1} Café.\n\n{BODY_2}"\n'),
    ],
)
def test_utf16_with_a_byte_order_mark_is_read_in_every_format(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content.encode("utf-16"))  # Python writes a BOM, as Excel and Notepad do
    article = only_article(read(path))
    assert article.text == f"{BODY_1} Café.\n\n{BODY_2}"
    assert article.date == dt.date(2026, 3, 2)


# --- JSON Lines and CSV ---------------------------------------------------------------------


def test_jsonl_reads_every_field(tmp_path):
    path = tmp_path / "a.jsonl"
    record = {
        "id": "rur-001",
        "date": "2026-03-02",
        "source": "Freedonia Post",
        "title": "Minister stays home",
        "url": "https://post.example/rur-001",
        "text": BODY_1,
        "lang": "en",
    }
    path.write_text(jsonl(record, {"text": BODY_2, "date": "2026-03-03T08:00:00Z"}))
    first, second = read(path)
    assert first == Article(
        id="rur-001",
        text=BODY_1,
        date=dt.date(2026, 3, 2),
        source="Freedonia Post",
        title="Minister stays home",
        url="https://post.example/rur-001",
        origin=f"{path}:1",
    )
    assert isinstance(second, Article)
    assert second.date == dt.date(2026, 3, 3)
    assert second.origin == f"{path}:2"
    assert second.id == article_id(dt.date(2026, 3, 3), BODY_2)


def test_jsonl_skips_blank_lines_and_counts_them(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text("\n" + jsonl({"text": BODY_1}) + "   \n" + jsonl({"text": BODY_2}))
    assert [a.origin for a in read(path)] == [f"{path}:2", f"{path}:4"]


def test_csv_reads_quoted_paragraphs_and_numbers_lines(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text(
        "id,date,source,title,url,text\n"
        f'c1,2026-03-02,Ruritania Daily,,,"{BODY_1}\n\n{BODY_2}"\n'
        f"c2,2026-03-04,Ruritania Daily,Talks,,{BODY_2}\n",
        encoding="utf-8",
    )
    first, second = read(path)
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.text == f"{BODY_1}\n\n{BODY_2}"
    assert (first.id, first.title, first.origin) == ("c1", None, f"{path}:2")
    assert (second.id, second.title, second.origin) == ("c2", "Talks", f"{path}:5")


def test_tsv_is_read_with_tabs(tmp_path):
    path = tmp_path / "a.tsv"
    path.write_text(f"date\tsource\ttext\n2026-03-02\tFreedonia Post\t{BODY_1}\n")
    article = only_article(read(path))
    assert (article.source, article.text) == ("Freedonia Post", BODY_1)


def test_url_host_stands_in_for_a_missing_publisher(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(
        jsonl({"date": "2026-03-02", "url": "https://www.post.example/x", "text": BODY_1})
    )
    article = only_article(read(path))
    assert article.source == "post.example"
    assert any("URL host" in note for note in article.notes)


# --- field_map ------------------------------------------------------------------------------


def test_field_map_renames_jsonl_fields(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(jsonl({"uid": 7, "published": "2026-03-05", "outlet": "Post", "body": BODY_1}))
    mapping = {"id": "uid", "date": "published", "source": "outlet", "text": "body"}
    article = only_article(read(path, field_map=mapping))
    assert (article.id, article.date, article.source, article.text) == (
        "7",
        dt.date(2026, 3, 5),
        "Post",
        BODY_1,
    )


def test_field_map_renames_csv_columns_whatever_their_case(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text(f"Published,Body\n2026-03-05,{BODY_2}\n")
    article = only_article(read(path, field_map={"date": "published", "text": "BODY"}))
    assert (article.date, article.text) == (dt.date(2026, 3, 5), BODY_2)


def test_field_map_with_an_unknown_field_is_refused():
    with pytest.raises(SettingsError, match="headline"):
        IngestOptions(field_map={"headline": "title"})


# --- HTML -----------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html><head>
<title>Ruritania skips the summit | Freedonia Post</title>
<meta property="og:title" content="Ruritania skips the summit">
<meta property="og:site_name" content="Freedonia Post">
<meta property="article:published_time" content="2026-03-02T09:30:00+00:00">
<link rel="canonical" href="https://post.example/2026/03/02/summit">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article>
<h1>Ruritania skips the summit</h1>
<p>{one}</p>
<p>{two}</p>
</article>
<footer>Copyright Freedonia Post. All rights reserved.</footer>
</body></html>
""".format(one=BODY_1 + " " + BODY_1.replace("Vienna", "Graz"), two=BODY_2 + " " + BODY_2)


def test_html_page_gives_main_text_and_metadata(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    article = only_article(read(path))
    assert article.title == "Ruritania skips the summit"
    assert article.source == "Freedonia Post"
    assert article.date == dt.date(2026, 3, 2)
    assert article.url == "https://post.example/2026/03/02/summit"
    assert article.text.startswith(BODY_1)
    assert "\n\n" + BODY_2 in article.text
    assert "Home" not in article.text and "Copyright" not in article.text


# --- gzip, folders, standard input ----------------------------------------------------------


def test_gzip_files_are_read_by_name_or_by_magic(tmp_path):
    (tmp_path / "a.txt.gz").write_bytes(gzip.compress(f" date 2026-03-02 {BODY_1}".encode()))
    (tmp_path / "b.jsonl.gz").write_bytes(gzip.compress(jsonl({"text": BODY_2}).encode()))
    renamed = tmp_path / "c.data"
    renamed.write_bytes(gzip.compress(jsonl({"text": BODY_1, "id": "c"}).encode()))
    items = read(tmp_path / "a.txt.gz", tmp_path / "b.jsonl.gz", renamed)
    assert [type(i) for i in items] == [Article, Article, Article]
    assert [i.origin for i in items] == [
        str(tmp_path / "a.txt.gz"),
        f"{tmp_path / 'b.jsonl.gz'}:1",
        f"{renamed}:1",
    ]
    assert items[0].date == dt.date(2026, 3, 2)
    assert items[0].text == BODY_1


def test_folders_are_walked_recursively_in_sorted_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text(f" date 2026-03-02 {BODY_1}")
    (tmp_path / "b" / "a.jsonl").write_text(jsonl({"text": BODY_2, "id": "ba"}))
    (tmp_path / "a.txt").write_text(f" date 2026-03-01 {BODY_2}")
    (tmp_path / "c.csv").write_text(f'id,text\ncc,"{BODY_1}"\n')
    (tmp_path / "README.md").write_text("# not an article, skipped in folders")
    (tmp_path / ".hidden.txt").write_text(f"{BODY_1} hidden")
    items = read(tmp_path)
    assert [i.origin for i in items] == [
        str(tmp_path / "a.txt"),
        f"{tmp_path / 'b' / 'a.jsonl'}:1",
        str(tmp_path / "b" / "z.txt"),
        f"{tmp_path / 'c.csv'}:2",
    ]
    assert all(isinstance(i, Article) for i in items)


def test_reading_is_lazy_one_file_at_a_time(tmp_path):
    (tmp_path / "a.txt").write_text(f" date 2026-03-02 {BODY_1}")
    (tmp_path / "b.txt").write_text(f" date 2026-03-02 {BODY_2}")
    items = read_articles([tmp_path])
    first = next(items)
    (tmp_path / "b.txt").write_text(f" date 2026-03-09 {BODY_2}")  # changed after the first
    second = next(items)
    assert isinstance(first, Article) and isinstance(second, Article)
    assert second.date == dt.date(2026, 3, 9)


def text_stream(content: str) -> io.TextIOWrapper:
    return io.TextIOWrapper(io.BytesIO(content.encode("utf-8")), encoding="utf-8")


@pytest.mark.parametrize(
    ("content", "origins", "dates"),
    [
        (f" date 2026-03-02 {BODY_1}\n\n{BODY_2}\n", ["<stdin>"], [dt.date(2026, 3, 2)]),
        (
            jsonl({"text": BODY_1, "date": "2026-03-02"}, {"text": BODY_2}),
            ["<stdin>:1", "<stdin>:2"],
            [dt.date(2026, 3, 2), None],
        ),
        (f'date,text\n2026-03-04,"{BODY_1}"\n', ["<stdin>:2"], [dt.date(2026, 3, 4)]),
        (PAGE, ["<stdin>"], [dt.date(2026, 3, 2)]),
        (f"{BODY_1}\n\n{BODY_2}", ["<stdin>"], [None]),
    ],
    ids=["seed-text", "jsonl", "csv", "html", "plain-text"],
)
def test_stdin_format_is_detected_from_content(monkeypatch, content, origins, dates):
    monkeypatch.setattr(sys, "stdin", text_stream(content))
    items = read("-")
    assert [i.origin for i in items] == origins
    assert [getattr(i, "date", "rejected") for i in items] == dates


def test_stdin_as_an_in_memory_string_stream(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(jsonl({"text": BODY_1, "id": "s1"})))
    assert only_article(read("-")).id == "s1"


# --- ids and dates --------------------------------------------------------------------------


def test_ids_are_stable_content_hashes_across_runs_and_formats(tmp_path):
    (tmp_path / "a.txt").write_text(f" date 2026-03-02 {BODY_1}\n")
    (tmp_path / "b.jsonl").write_text(jsonl({"date": "2026-03-02", "text": BODY_1}))
    (tmp_path / "c.jsonl").write_text(jsonl({"date": "2026-03-03", "text": BODY_1}))
    first = [a.id for a in read(tmp_path)]
    again = [a.id for a in read(tmp_path)]
    assert first == again
    assert first[0] == first[1] == article_id(dt.date(2026, 3, 2), BODY_1)
    assert first[2] != first[0]
    assert len(first[0]) == 16 and int(first[0], 16) >= 0


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-03-02", dt.date(2026, 3, 2)),
        ("2026-3-2", dt.date(2026, 3, 2)),
        ("2026-03-02T23:15:00Z", dt.date(2026, 3, 2)),
        ("2026-03-02 10:00", dt.date(2026, 3, 2)),
        ("Mon, 02 Mar 2026 10:15:00 GMT", dt.date(2026, 3, 2)),
        ("2024-02-29", dt.date(2024, 2, 29)),
    ],
)
def test_publication_dates_in_common_forms(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("2025-13-45", "no month 13"),
        ("2026-02-29", "no day 29"),
        ("2026-04-31", "no day 31"),
        ("yesterday", "YYYY-MM-DD"),
    ],
)
def test_bad_publication_dates_say_why(value, why):
    parsed = parse_date(value)
    assert not isinstance(parsed, dt.date)
    assert why in parsed.why


def test_make_article_builds_one_article_from_a_string():
    article = make_article(BODY_1, date="2026-03-02", source="Freedonia Post")
    assert article.id == article_id(dt.date(2026, 3, 2), BODY_1)
    assert (article.source, article.origin, article.notes) == ("Freedonia Post", "<text>", ())
    assert make_article(BODY_1, date=dt.date(2026, 3, 2)).id == article.id


def test_make_article_raises_on_bad_input():
    with pytest.raises(InputError, match="no month 13"):
        make_article(BODY_1, date="2025-13-45")
    with pytest.raises(InputError, match="min_chars"):
        make_article("short")
