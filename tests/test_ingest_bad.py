"""Ingest: bad input becomes a `Rejected` naming file and line, and the good around it stays."""

from __future__ import annotations

import gzip
import io
import json
import sys
from pathlib import Path

import pytest

from dyad.ingest import IngestOptions, read_articles
from dyad.model import Article, Rejected

GOOD_1 = "Ruritania's envoy, Tomas Brell, met Freedonian officials in Graz on Monday."
GOOD_2 = "Freedonia's defence minister, Ilse Marn, demanded that Ruritania withdraw by March 3."


def read(*paths: Path | str, **options: object) -> list[Article | Rejected]:
    return list(read_articles(list(paths), options=IngestOptions(**options)))  # type: ignore[arg-type]


def shape(items: list[Article | Rejected]) -> list[str]:
    """Each item as 'article:TEXT-START' or 'rejected:REASON@ORIGIN'."""
    return [
        f"article:{i.text[:12]}" if isinstance(i, Article) else f"rejected:{i.reason}@{i.origin}"
        for i in items
    ]


def jsonl_line(text: str, **fields: str) -> str:
    return json.dumps({"text": text, **fields}) + "\n"


def rejection(items: list[Article | Rejected]) -> Rejected:
    found = [i for i in items if isinstance(i, Rejected)]
    assert len(found) == 1, items
    return found[0]


# --- bad records inside a file: the lines before and after are read -------------------------


@pytest.mark.parametrize(
    ("bad_line", "reason", "words"),
    [
        ('{"text": "unterminated\n', "bad-json", ["not valid JSON", "one JSON object per line"]),
        ('[{"text": "an array"}]\n', "bad-record", ["JSON array", "jq"]),
        ('"just a string"\n', "bad-record", ["expected a JSON object"]),
        ('{"text": ["a", "list"]}\n', "bad-record", ["'text'", "expected a string"]),
        ('{"title": "no text"}\n', "missing-text", ["has no text", "'text' field"]),
        ('{"text": ""}\n', "empty", ["0 characters", "min_chars=20"]),
        ('{"text": "   too short  "}\n', "empty", ["9 characters", "min_chars=20"]),
        (jsonl_line(GOOD_1, date="2025-13-45"), "bad-date", ["'2025-13-45'", "no month 13"]),
        (jsonl_line(GOOD_1, date="2026-02-30"), "bad-date", ["no day 30", "YYYY-MM-DD"]),
        (jsonl_line(GOOD_1 * 5), "too-long", ["375 characters", "max_chars=300"]),
    ],
    ids=lambda v: v if isinstance(v, str) and len(v) < 15 else None,
)
def test_bad_jsonl_line_is_rejected_between_good_ones(tmp_path, bad_line, reason, words):
    path = tmp_path / "feed.jsonl"
    path.write_text(jsonl_line(GOOD_1) + bad_line + jsonl_line(GOOD_2), encoding="utf-8")
    items = read(path, max_chars=300)
    assert shape(items) == [
        f"article:{GOOD_1[:12]}",
        f"rejected:{reason}@{path}:2",
        f"article:{GOOD_2[:12]}",
    ]
    assert items[2].origin == f"{path}:3"
    message = rejection(items).message
    assert message.startswith(f"{path}:2: ")
    for word in words:
        assert word in message


def test_undecodable_jsonl_line_is_rejected_alone(tmp_path):
    path = tmp_path / "feed.jsonl"
    bad = b'{"text": "Caf\xe9 talks in Graz went on until late at night."}\n'
    path.write_bytes((jsonl_line(GOOD_1)).encode() + bad + jsonl_line(GOOD_2).encode())
    items = read(path)
    assert shape(items) == [
        f"article:{GOOD_1[:12]}",
        f"rejected:undecodable@{path}:2",
        f"article:{GOOD_2[:12]}",
    ]
    assert "not valid UTF-8" in rejection(items).message
    assert "iconv" in rejection(items).message


def test_enormous_jsonl_line_is_skipped_without_reading_it_whole(tmp_path):
    path = tmp_path / "feed.jsonl"
    huge = jsonl_line("Ruritania " * 60_000)  # 600,000 characters on one line
    path.write_text(jsonl_line(GOOD_1) + huge + jsonl_line(GOOD_2))
    items = read(path, max_chars=1_000)
    assert shape(items) == [
        f"article:{GOOD_1[:12]}",
        f"rejected:too-long@{path}:2",
        f"article:{GOOD_2[:12]}",
    ]
    assert "longer than" in rejection(items).message


CSV_HEADER = "id,date,source,text\n"
CSV_GOOD_1 = f'g1,2026-03-02,Ruritania Daily,"{GOOD_1}"\n'
CSV_GOOD_2 = f'g2,2026-03-03,Ruritania Daily,"{GOOD_2}"\n'


@pytest.mark.parametrize(
    ("bad_row", "reason", "words"),
    [
        ("b1,2026-03-02,Ruritania Daily\n", "missing-text", ["has no text"]),
        ("b1,2026-03-02,Ruritania Daily,\n", "missing-text", ["has no text"]),
        ("b1,2026-03-02,Daily,Envoys met, and left,again\n", "bad-record", ["6 fields", "quote"]),
        (f'b1,2025-13-45,Ruritania Daily,"{GOOD_1}"\n', "bad-date", ["'2025-13-45'"]),
        ('b1,2026-03-02,Ruritania Daily,"short"\n', "empty", ["5 characters"]),
    ],
    ids=["short-row", "empty-text", "extra-fields", "bad-date", "empty"],
)
def test_bad_csv_row_is_rejected_between_good_ones(tmp_path, bad_row, reason, words):
    path = tmp_path / "feed.csv"
    path.write_text(CSV_HEADER + CSV_GOOD_1 + bad_row + CSV_GOOD_2, encoding="utf-8")
    items = read(path)
    assert shape(items) == [
        f"article:{GOOD_1[:12]}",
        f"rejected:{reason}@{path}:3",
        f"article:{GOOD_2[:12]}",
    ]
    assert [i.id for i in items if isinstance(i, Article)] == ["g1", "g2"]
    message = rejection(items).message
    assert message.startswith(f"{path}:3: ")
    for word in words:
        assert word in message


def test_undecodable_csv_line_inside_a_quoted_field_rejects_its_row(tmp_path):
    path = tmp_path / "feed.csv"
    bad = b'b1,2026-03-02,Daily,"First paragraph of the text.\n\nCaf\xe9 talks went on late."\n'
    path.write_bytes((CSV_HEADER + CSV_GOOD_1).encode() + bad + CSV_GOOD_2.encode())
    items = read(path)
    assert shape(items) == [
        f"article:{GOOD_1[:12]}",
        f"rejected:undecodable@{path}:5",
        f"article:{GOOD_2[:12]}",
    ]
    assert items[2].origin == f"{path}:6"


def test_csv_without_a_text_column_is_rejected_once(tmp_path):
    path = tmp_path / "feed.csv"
    path.write_text(f'id,date,body\nb1,2026-03-02,"{GOOD_1}"\n')
    other = tmp_path / "good.csv"
    other.write_text(CSV_HEADER + CSV_GOOD_2)
    items = read(path, other)
    assert shape(items) == [f"rejected:missing-column@{path}:1", f"article:{GOOD_2[:12]}"]
    assert "field_map" in rejection(items).message


def test_csv_unterminated_quote_is_rejected_and_reading_goes_on(tmp_path):
    path = tmp_path / "feed.csv"
    path.write_text(CSV_HEADER + CSV_GOOD_1 + 'b1,2026-03-02,Daily,"never closed\n')
    other = tmp_path / "good.jsonl"
    other.write_text(jsonl_line(GOOD_2))
    items = read(path, other)
    assert shape(items)[0] == f"article:{GOOD_1[:12]}"
    assert shape(items)[-1] == f"article:{GOOD_2[:12]}"
    assert rejection(items).origin.startswith(f"{path}:3")


# --- bad files inside a folder: the files before and after are read -------------------------


def folder_around(tmp_path: Path, name: str, content: bytes) -> Path:
    """A folder holding a good file, `name` with `content`, and another good file, in order."""
    (tmp_path / "a_good.txt").write_text(f" date 2026-03-02 {GOOD_1}", encoding="utf-8")
    (tmp_path / name).write_bytes(content)
    (tmp_path / "c_good.txt").write_text(f" date 2026-03-03 {GOOD_2}", encoding="utf-8")
    return tmp_path / name


@pytest.mark.parametrize(
    ("name", "content", "reason", "words"),
    [
        ("b.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary", ["an image"]),
        ("b.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary", ["PDF", "pdftotext"]),
        ("b.csv", b"PK\x03\x04\x14\x00\x00\x00\x08\x00", "binary", ["ZIP", "unzip"]),
        ("b.jsonl", bytes(range(256)) * 4, "binary", ["binary", "plain text"]),
        ("b.txt", "Kávé".encode() + b" \xff\xfe\xfa" * 40, "undecodable", ["UTF-8", "iconv"]),
        ("b.txt", b"", "empty", ["empty"]),
        ("b.txt", b"  \n\n ", "empty", ["empty"]),
        ("b.txt", b" date 2026-03-02 Too short.", "empty", ["10 characters"]),
        ("b.txt", f" date 2025-13-45 {GOOD_1}".encode(), "bad-date", ["no month 13"]),
        ("b.txt", f" date 2026-03-02 {GOOD_1 * 3000}".encode(), "too-long", ["max_chars"]),
        ("b.html", b"<html><body><script>x()</script></body></html>", "no-text", ["HTML"]),
        ("b.txt.gz", gzip.compress(b"\x00\x01\x02" * 50), "binary", ["decompressed"]),
        ("b.txt.gz", gzip.compress(f" date 2026-03-02 {GOOD_1}".encode())[:25], "corrupt", []),
    ],
    ids=[
        "png",
        "pdf",
        "zip",
        "random-bytes",
        "bad-utf8",
        "empty-file",
        "blank-file",
        "short-text",
        "bad-date",
        "enormous-text",
        "html-without-text",
        "gzipped-binary",
        "truncated-gzip",
    ],
)
def test_bad_file_in_a_folder_is_rejected_between_good_ones(tmp_path, name, content, reason, words):
    bad = folder_around(tmp_path, name, content)
    items = read(tmp_path)
    origin = f"{bad}:1" if reason == "bad-date" else str(bad)
    assert shape(items) == [
        f"article:{GOOD_1[:12]}",
        f"rejected:{reason}@{origin}",
        f"article:{GOOD_2[:12]}",
    ]
    message = rejection(items).message
    assert message.startswith(f"{origin}: ")
    for word in words:
        assert word in message


def test_enormous_file_is_not_read_whole(tmp_path):
    big = tmp_path / "big.txt"
    with big.open("w") as out:
        for _ in range(2_000):
            out.write(GOOD_1 * 50 + "\n\n")  # about 7.5 MB
    items = read(big, max_chars=10_000)
    assert shape(items) == [f"rejected:too-long@{big}"]
    assert "was not read" in rejection(items).message


def test_truncated_gzip_keeps_the_records_read_before_the_break(tmp_path):
    lines = "".join(jsonl_line(f"{GOOD_1} Record {n}.") for n in range(2_000))
    data = gzip.compress(lines.encode())
    path = tmp_path / "feed.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    after = tmp_path / "z.jsonl"
    after.write_text(jsonl_line(GOOD_2))
    items = read(path, after)
    articles = [i for i in items[:-1] if isinstance(i, Article)]
    assert len(articles) > 100
    assert [a.origin for a in articles[:2]] == [f"{path}:1", f"{path}:2"]
    broken = rejection(items)
    assert (broken.reason, broken.origin) == ("corrupt", str(path))
    assert f"after {len(articles)} record(s)" in broken.message
    assert shape(items)[-1] == f"article:{GOOD_2[:12]}"


def test_missing_path_is_rejected_and_the_next_path_is_read(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(f" date 2026-03-02 {GOOD_1}")
    missing = tmp_path / "nope.txt"
    items = read(missing, good)
    assert shape(items) == [f"rejected:not-found@{missing}", f"article:{GOOD_1[:12]}"]
    assert "no such file" in items[0].message  # type: ignore[union-attr]


def test_an_empty_path_is_rejected_not_read_as_the_current_folder(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(f" date 2026-03-02 {GOOD_1}")
    monkeypatch.chdir(tmp_path)
    assert shape(read("", "a.txt")) == ["rejected:not-found@", f"article:{GOOD_1[:12]}"]


def test_unreadable_file_is_rejected_and_the_next_is_read(tmp_path, monkeypatch):
    locked = folder_around(tmp_path, "b.txt", f" date 2026-03-02 {GOOD_2}".encode())
    real_open = Path.open

    def refuse(self: Path, *args: object, **kwargs: object) -> object:
        if self == locked:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", refuse)
    items = read(tmp_path)
    assert shape(items) == [
        f"article:{GOOD_1[:12]}",
        f"rejected:unreadable@{locked}",
        f"article:{GOOD_2[:12]}",
    ]
    assert "Permission denied" in rejection(items).message


def test_rejection_keeps_the_record_id(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text(jsonl_line(GOOD_1, id="r-17", date="2026-13-01") + jsonl_line("short"))
    first, second = read(path)
    assert isinstance(first, Rejected) and isinstance(second, Rejected)
    assert (first.reason, first.article_id) == ("bad-date", "r-17")
    assert (second.reason, second.article_id) == ("empty", None)


def test_a_link_back_to_a_parent_folder_is_not_followed(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(f" date 2026-03-02 {GOOD_1}")
    (tmp_path / "sub" / "loop").symlink_to(tmp_path, target_is_directory=True)
    items = read(tmp_path)
    assert shape(items) == [f"article:{GOOD_1[:12]}"]


def test_a_path_that_cannot_be_checked_is_rejected(tmp_path):
    long_name = tmp_path / ("x" * 5_000)
    good = tmp_path / "good.txt"
    good.write_text(f" date 2026-03-02 {GOOD_1}")
    items = read(long_name, good)
    assert shape(items) == [f"rejected:unreadable@{long_name}", f"article:{GOOD_1[:12]}"]
    assert "too long" in rejection(items).message


CYRILLIC = "Министр иностранных дел заявил, что переговоры пройдут в пятницу."


def test_text_in_another_code_page_is_rejected_not_misread(tmp_path):
    bad = folder_around(tmp_path, "b.txt", f" date 2026-03-02 {CYRILLIC}".encode("cp1251"))
    items = read(tmp_path)
    assert shape(items)[1] == f"rejected:undecodable@{bad}"
    assert len(items) == 3


def test_html_is_decoded_in_the_charset_it_declares(tmp_path):
    page = (
        '<html><head><meta charset="windows-1251"><title>Переговоры</title></head>'
        f"<body><article><p>{CYRILLIC} {CYRILLIC}</p><p>{CYRILLIC}</p></article></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("cp1251"))
    items = read(path)
    assert isinstance(items[0], Article), items
    assert CYRILLIC in items[0].text


def test_html_of_random_bytes_is_rejected(tmp_path):
    noise = bytes((n * 7919) % 128 + 128 for n in range(3_000))
    bad = folder_around(tmp_path, "b.html", b"<html><body><p>" + noise + b"</p></body></html>")
    items = read(tmp_path)
    assert shape(items)[1] == f"rejected:undecodable@{bad}"


def test_absent_standard_input_is_rejected(tmp_path, monkeypatch):
    good = tmp_path / "good.txt"
    good.write_text(f" date 2026-03-02 {GOOD_1}")
    monkeypatch.setattr(sys, "stdin", None)
    assert shape(read("-", good)) == ["rejected:unreadable@<stdin>", f"article:{GOOD_1[:12]}"]


def test_undecodable_stdin_is_rejected(monkeypatch):
    stream = io.TextIOWrapper(io.BytesIO(b" date 2026-03-02 " + "Мир".encode("cp1251") * 30))
    monkeypatch.setattr(sys, "stdin", stream)
    assert shape(read("-")) == ["rejected:undecodable@<stdin>"]
