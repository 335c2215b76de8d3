"""The PolNeAR scorer on a fictional BRAT file: reading, exact and overlap matching, scores."""

from __future__ import annotations

from pathlib import Path

import pytest

from dyad.errors import EvaluationError
from dyad.evaluate.attribution_spans import (
    Attribution,
    GoldArticle,
    match,
    read_ann,
    read_gold,
    score,
)

TEXT = "Varga said that the border stays closed. Brel agreed."
# offsets:  Varga 0-5, said 6-10, content 11-39
ANN = (
    "T1\tSource 0 5\tVarga\n"
    "T2\tCue 6 10\tsaid\n"
    "T3\tContent 11 20;21 39\tthat the border stays closed\n"
    "T4\tAttribution 6 10\tsaid\n"
    "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
    "T5\tCue 46 52\tagreed\n"
    "T6\tDiscuss 41 45\tBrel\n"
    "E2\tDiscuss:T6\n"
)


def write_corpus(root: Path) -> None:
    (root / "dev" / "text").mkdir(parents=True)
    (root / "dev" / "attributions").mkdir(parents=True)
    (root / "dev" / "text" / "norland_1.txt").write_text(TEXT, encoding="utf-8")
    (root / "dev" / "attributions" / "norland_1_ab12.ann").write_text(ANN, encoding="utf-8")
    (root / "dev" / "attributions" / "norland_1_cd34.ann").write_text("", encoding="utf-8")


def test_read_ann_keeps_attributions_and_envelopes(tmp_path: Path) -> None:
    write_corpus(tmp_path)
    found = read_ann(tmp_path / "dev" / "attributions" / "norland_1_ab12.ann")
    assert found == (Attribution((0, 5), (6, 10), (11, 39)),)


def test_read_gold_takes_the_first_annotator(tmp_path: Path) -> None:
    write_corpus(tmp_path)
    articles = read_gold(tmp_path, "dev", None)
    assert [(a.id, len(a.attributions)) for a in articles] == [("norland_1", 1)]


def test_unknown_split_is_an_evaluation_error(tmp_path: Path) -> None:
    write_corpus(tmp_path)
    with pytest.raises(EvaluationError, match="train or dev"):
        read_gold(tmp_path, "test", None)


@pytest.mark.parametrize(
    ("gold", "pred", "exact", "overlap"),
    [
        ([(11, 39)], [(11, 40)], 1, 1),  # the final period is trimmed
        ([(11, 39)], [(16, 39)], 0, 1),  # overlap only
        ([(11, 39)], [(0, 5)], 0, 0),
        ([(11, 39)], [(11, 39), (11, 39)], 1, 1),  # one to one
        ([(0, 5), (11, 39)], [(0, 39)], 0, 1),
        ([(10, 11)], [(10, 11)], 1, 1),  # a span of trimmed characters only stays itself
        ([(0, 10), (6, 10)], [(6, 10), (0, 5)], 1, 2),  # identical pairs are matched first
    ],
)
def test_match(gold, pred, exact: int, overlap: int) -> None:
    assert match(TEXT, gold, pred, exact=True) == exact
    assert match(TEXT, gold, pred, exact=False) == overlap


def test_score_per_part() -> None:
    article = GoldArticle("a", TEXT, (Attribution((0, 5), (6, 10), (11, 39)),))
    predicted = [(Attribution((0, 5), (6, 10), (16, 39)), Attribution(None, (46, 52), (41, 45)))]
    metrics, _ = score([article], predicted)
    assert metrics["source_exact_f1"] == 1.0
    assert metrics["cue_exact_p"] == 0.5 and metrics["cue_exact_r"] == 1.0
    assert metrics["content_exact_f1"] == 0.0 and metrics["content_overlap_r"] == 1.0
    assert metrics["relation_overlap_p"] == 0.5 and metrics["relation_overlap_r"] == 1.0


def test_quotes_nested_in_another_quote_are_left_out_and_counted() -> None:
    text = 'Varga said: "Brel believes the border stays closed." Later news.'
    gold = GoldArticle("n", text, (Attribution((0, 5), (6, 10), (12, 52)),))
    outer = Attribution((0, 5), (6, 10), (12, 52))
    inner = Attribution((13, 17), (18, 26), (27, 50))
    stray = Attribution(None, (54, 59), (60, 64))
    metrics, details = score([gold], [(outer, inner, stray)])
    assert details["nested"] == 1
    assert details["counts"]["relation_overlap"] == [1, 2, 1]
    assert metrics["relation_overlap_p"] == 0.5
