"""Ingest round trips: any text written in a supported format reads back as the same article."""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import json
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from dyad.ingest import article_id, read_articles
from dyad.ingest.articles import clean_text
from dyad.model import Article

DAY = dt.date(2026, 3, 2)

texts = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs"), whitelist_characters="\n\t\r"),
    min_size=20,
    max_size=400,
).filter(lambda t: len(clean_text(t)) >= 20)


def write_jsonl(path: Path, text: str) -> None:
    path.write_text(json.dumps({"date": DAY.isoformat(), "text": text}) + "\n", encoding="utf-8")


def write_csv(path: Path, text: str) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows([["date", "text"], [DAY.isoformat(), text]])


def write_seed(path: Path, text: str) -> None:
    path.write_bytes(gzip.compress(f" date {DAY.isoformat()} {text}".encode()))


WRITERS = {"a.jsonl": write_jsonl, "a.csv": write_csv, "a.txt.gz": write_seed}


@settings(max_examples=60, deadline=None)
@given(text=texts, name=st.sampled_from(sorted(WRITERS)))
def test_any_text_reads_back_as_written(text, name):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        WRITERS[name](path, text)
        items = list(read_articles([path]))
    assert len(items) == 1
    article = items[0]
    assert isinstance(article, Article), article
    assert article.text == clean_text(text)
    assert article.date == DAY
    assert article.id == article_id(DAY, clean_text(text))
