"""The evaluations score what `dyad.process` emits: tiny gold files in tmp_path, the real
pipeline, and the product's own output as the expected answer."""

from __future__ import annotations

from pathlib import Path

import pytest

import dyad
from dyad.evaluate.processed import Reader

pytestmark = pytest.mark.model

SENTENCE = "French police arrested protesters in Paris on Tuesday ."
TAGS = ["B-S", "I-S", "O", "B-T", "O", "O", "O", "O", "O"]


@pytest.fixture(scope="module")
def reader() -> Reader:
    return Reader()


def test_cameo_ner_scores_the_roles_of_emitted_events(tmp_path: Path) -> None:
    from dyad.evaluate.cameo_ner import evaluate

    (tmp_path / "cameo_ner").mkdir()
    rows = "".join(f"{t} {tag}\n" for t, tag in zip(SENTENCE.split(), TAGS, strict=True))
    (tmp_path / "cameo_ner" / "train.txt").write_text(rows + "\n", encoding="utf-8")
    report = evaluate(tmp_path, split="all")
    # the arrest event: actor "French police" (S), recipient "protesters" (T)
    assert report.metrics["span_f1"] == 1.0
    assert report.metrics["token_f1"] == 1.0
    assert "diag_clause_span_f1" in report.metrics  # the evaluation-only reader, kept apart
    assert report.details["reader"] == "pipeline"


def test_emitted_roles_are_offsets_into_the_gold_text(reader: Reader) -> None:
    from dyad.evaluate.cameo_ner import emitted_roles

    raw = "\n  French police arrested protesters in Paris on Tuesday."
    (processed,) = reader.read([raw])
    spans = {raw[a:b] + ":" + role for a, b, role in emitted_roles(processed)}
    assert spans == {"French police:S", "protesters:T"}


def test_polnear_predictions_are_the_quotes_dyad_process_emits(reader: Reader) -> None:
    from dyad.evaluate.attribution_spans import GoldArticle, as_attribution, predict

    raw = '\n\n"We will not retreat from Vesk," Ana Varga said on Monday.\n'
    (found,) = predict([GoldArticle("a1", raw, ())])
    quotes = dyad.process(raw).quotes
    assert quotes, "the product should find the quote"
    assert found == tuple(as_attribution(q, lambda i: i) for q in quotes)  # raw offsets
    content = found[0].content
    assert "We will not retreat" in raw[content[0] : content[1]]


TIMEML = (
    '<?xml version="1.0" ?>\n<TimeML>\n<DOCID>x</DOCID>\n<DCT><TIMEX3 tid="t0" type="DATE" '
    'value="2025-05-14" functionInDocument="CREATION_TIME">May 14, 2025</TIMEX3></DCT>\n'
    "<TEXT>\n\nFrench police arrested protesters in Paris on "
    '<TIMEX3 tid="t1" type="DATE" value="2025-05-13">Tuesday</TIMEX3>.\n</TEXT>\n</TimeML>\n'
)


def test_tempeval3_scores_the_times_of_the_result(tmp_path: Path) -> None:
    from dyad.evaluate.timex import evaluate

    (tmp_path / "doc.tml").write_text(TIMEML, encoding="utf-8")
    report = evaluate(tmp_path, split="all")
    assert report.details["reader"] == "pipeline"
    assert report.metrics["strict_f1"] == 1.0  # offsets mapped back past the leading newlines
    assert report.metrics["value_f1"] == 1.0


def test_event_reader_gives_the_events_dyad_process_emits() -> None:
    """plover_gsr, cameo_class and meantime_status pick among the emitted (resolved) events."""
    import datetime as dt

    from dyad.evaluate.event_reading import EventReader, main_event

    text = "\n French police arrested protesters in Paris on Tuesday."
    (reading,) = EventReader().read([text], dates=[dt.date(2025, 5, 14)])
    emitted = dyad.process(text, date="2025-05-14").events
    assert [(e.type, e.evidence, e.date) for e in reading.events] == [
        (e.type, e.evidence, e.date) for e in emitted
    ]
    main = main_event(reading)
    assert main is not None and main.type == "COERCE"
    trigger = main.evidence[0].trigger
    assert text[reading.to_raw(trigger.start) : reading.to_raw(trigger.end)] == "arrested"


def test_event_location_takes_the_place_of_the_emitted_event(tmp_path: Path) -> None:
    import json

    from dyad.evaluate.event_location import evaluate

    text = "French police arrested protesters in Paris on Tuesday."
    spans = [
        {"start": 14, "end": 22, "label": "VERB"},
        {"start": 37, "end": 42, "label": "LOCATION"},
    ]
    item = {"text": text, "spans": spans, "_id": "x", "answer": "accept"}
    (tmp_path / "labeled_text.jsonl").write_text(json.dumps([item]), encoding="utf-8")
    report = evaluate(tmp_path, split="all")
    assert report.metrics["event_at_verb"] == 1.0  # the arrest is emitted at the gold verb
    assert report.metrics["accuracy"] == 1.0  # and its place is Paris
    assert "diag_forced_accuracy" in report.metrics


def test_geoparsing_detection_reads_the_places_of_the_result(reader: Reader) -> None:
    from dyad.evaluate.geoparsing import GoldArticle, GoldToponym, score_detection
    from dyad.model import Span

    text = "\n French police arrested protesters in Paris on Tuesday."
    start = text.index("Paris")
    paris = GoldToponym(Span(start, start + 5, "Paris"), 48.85, 2.35, 2988507)
    scores = score_detection([GoldArticle("a1", text, (paris,))], reader)
    assert scores["detect_recall"] == 1.0
    assert scores["end_to_end_acc161"] == 1.0


def test_geoparsing_pools_the_gold_span_diagnostic() -> None:
    from dyad.evaluate.geoparsing import _pooled

    metrics = {"diag_lgl_toponyms": 3.0, "diag_lgl_acc161": 1.0,
               "diag_geovirus_toponyms": 1.0, "diag_geovirus_acc161": 0.0}  # fmt: skip
    assert _pooled(metrics, "acc161") == 0.75
