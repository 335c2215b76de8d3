"""The bundled example corpus: every file reads cleanly and it holds the cases it promises."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pytest

from dyad.ingest import NOTE_NO_DATE, format_for_name, read_articles
from dyad.model import Article, Rejected

EXAMPLES = Path(str(resources.files("dyad") / "data" / "examples"))


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    items = list(read_articles([EXAMPLES]))
    rejected = [i for i in items if isinstance(i, Rejected)]
    assert rejected == []
    return [i for i in items if isinstance(i, Article)]


def corpus_text(articles: list[Article]) -> str:
    return "\n".join(a.text for a in articles)


def test_the_corpus_has_about_forty_articles_with_unique_ids(articles):
    # twenty-four examples and follow-ups, and seventeen in the two stories of `stories/`
    assert 36 <= len(articles) <= 45
    assert len({a.id for a in articles}) == len(articles)


def test_every_input_format_is_represented():
    names = [p.name for p in EXAMPLES.iterdir() if format_for_name(p.name)]
    kinds = {format_for_name(n) for n in names}
    assert kinds >= {"text", "jsonl", "csv", "html"}
    assert any(n.endswith(".txt.gz") for n in names)
    assert sum(n.endswith(".txt") for n in names) >= 3


def test_every_file_is_listed_in_the_readme():
    readme = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    for path in EXAMPLES.iterdir():
        if format_for_name(path.name):
            assert f"`{path.name}`" in readme, path.name


def test_only_the_undated_analysis_lacks_a_date(articles):
    undated = [a.origin for a in articles if a.date is None]
    assert len(undated) == 1 and undated[0].endswith("analysis.txt")
    assert all(a.date.year == 2026 for a in articles if a.date)
    assert all(NOTE_NO_DATE in a.notes for a in articles if a.date is None)


@pytest.mark.parametrize(
    "pattern",
    [
        r"will not attend",  # negation
        r"is scheduled to (meet|open|travel)",  # plans
        r"demanded .{0,60}withdraw .{0,60}by March 3",  # demand with a deadline
        r"deadline .{0,60}expired",  # the deadline passed
        r"sanctions .{0,60}\bif\b",  # conditional threat of sanctions
        r"rejected the (claim|accusation|demand)",  # a claim and its rejection
        r"in March 2019",  # historical mention
        r"yesterday evening|earlier this week|[Ee]arlier this week|next month|on Wednesday",
        r"writes [A-Z][a-z]+",  # attribution chain to a publisher
        r" - (Reuters|AFP)\n",  # headline line credited to an agency
        r"to protest",  # protest
        r"attacked a military convoy",  # assault
        r"emergency aid",  # aid
        r"signed an agreement",  # agreement
        r"agreed on Wednesday to exchange",  # prisoner exchange
        r"\"[A-Z][^\"]+,\" [A-Z][a-z]+ (said|told)",  # direct quote with speaker and cue
    ],
)
def test_the_hard_cases_of_reading_are_in_the_corpus(articles, pattern):
    assert re.search(pattern, corpus_text(articles)), pattern


def test_one_happening_is_reported_twice_by_different_publishers(articles):
    swap = [
        a for a in articles if "240" in a.text and a.date and a.date.isoformat() == "2026-03-12"
    ]
    assert len(swap) == 2
    assert len({a.origin.split(":")[0] for a in swap}) == 2


def test_no_sentence_of_the_seed_article_is_reused(articles, seed_text):
    words = re.findall(r"\w+", seed_text.lower())
    shingles = {" ".join(words[i : i + 8]) for i in range(len(words) - 7)}
    ours = re.findall(r"\w+", corpus_text(articles).lower())
    reused = [" ".join(ours[i : i + 8]) for i in range(len(ours) - 7)]
    assert not shingles.intersection(reused)
