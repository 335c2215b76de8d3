"""CAMEO five-class accuracy on ConfliBERT's cameo_class sentences (training portion, 1,349).

Gold: `cameo_class/train.tsv`, `sentence<TAB>label` with labels 0-4, the CAMEO "PentaClass"
grouping of the data README: 0 neutral statement or appeal (CAMEO 01-02), 1 verbal
cooperation (03-05), 2 material cooperation (06-08), 3 verbal conflict (09-13), 4 material
conflict (14-20).

Dyad's class of a sentence is the CAMEO root code of its main event (`EventMention.cameo`,
which the codebook sets per type, mode and trigger: "urge" is 02, "demand" is 10) put in its
group; a sentence with no event is class 0 (a statement). The README's grouping is inferred
(0: 01-02, 1: 03-05, 2: 06-08, 3: 09-13, 4: 14-20); the labels themselves follow the Phoenix
"PentaClass", which puts 16 (reduce relations: sanctions, aid cuts, expulsions) with verbal
conflict and 14-15 (protest, force posture) with material conflict: 27 of 33 dev sentences
Dyad codes 16 are labelled 3, and "remained on alert", "went on strike" are labelled 4.
Split: sentences whose text hashes (sha256) to an even first byte are "dev", the rest "test";
"all" scores both.
"""

from __future__ import annotations

import csv
import hashlib
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from dyad.errors import EvaluationError
from dyad.evaluate import EvalReport
from dyad.evaluate.event_reading import EventReader, main_event
from dyad.evaluate.plover_records import type_table

FILE = Path("cameo_class") / "train.tsv"
# CAMEO root code -> class (Phoenix PentaClass).
PENTA_CLASS = {
    1: 0,
    2: 0,
    3: 1,
    4: 1,
    5: 1,
    6: 2,
    7: 2,
    8: 2,
    9: 3,
    10: 3,
    11: 3,
    12: 3,
    13: 3,
    16: 3,
    14: 4,
    15: 4,
    17: 4,
    18: 4,
    19: 4,
    20: 4,
}
CLASSES = (
    "statement",
    "verbal-cooperation",
    "material-cooperation",
    "verbal-conflict",
    "material-conflict",
)


def cameo_group(cameo: str | None) -> int:
    """The five-class group of a CAMEO code ("02" -> 0, "163" -> 3, "14" -> 4); none -> 0."""
    if not cameo:
        return 0
    return PENTA_CLASS.get(int(cameo[:2]), 0)


def split_of(text: str) -> str:
    """ "dev" or "test", fixed by a hash of the sentence."""
    return "dev" if hashlib.sha256(text.encode()).digest()[0] % 2 == 0 else "test"


def read_gold(gold: Path, split: str, limit: int | None = None) -> list[tuple[str, int]]:
    """(sentence, class) pairs of `split` ("dev", "test" or "all"), in file order."""
    path = gold / FILE
    if split not in ("dev", "test", "all"):
        raise EvaluationError(f"cameo_class split {split!r} unknown: use dev, test or all")
    if not path.is_file():
        raise EvaluationError(f"{path} not found: the conflibert-cameo gold file is missing")
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [row for row in csv.reader(handle, delimiter="\t") if len(row) == 2]
    pairs = [(text, int(label)) for text, label in rows if label.strip().isdigit()]
    chosen = [(t, c) for t, c in pairs if split in ("all", split_of(t))]
    return chosen[:limit] if limit is not None else chosen


def evaluate(gold: Path, *, split: str = "dev", limit: int | None = None) -> EvalReport:
    """Score the CAMEO group of each sentence's main event."""
    started = time.perf_counter()
    pairs = read_gold(gold, split, limit)
    reader = EventReader()
    predicted = []
    for reading in reader.read([text for text, _ in pairs]):
        event = main_event(reading)
        predicted.append(cameo_group(event.cameo if event is not None else None))
    gold_classes = [c for _, c in pairs]
    metrics, details = score(gold_classes, predicted)
    details["reader"] = reader.kind
    details["pipeline_failures"] = reader.failures
    details["errors"] = [
        {"gold": CLASSES[g], "dyad": CLASSES[p], "text": t[:160]}
        for (t, g), p in zip(pairs, predicted, strict=True)
        if g != p
    ][:40]
    return EvalReport(
        "cameo_class", split, len(pairs), metrics, details, time.perf_counter() - started
    )


def score(gold: Sequence[int], predicted: Sequence[int]) -> tuple[dict, dict]:
    """Accuracy and macro F1 over the five classes, with per-class tables."""
    names_gold = [CLASSES[g] for g in gold]
    names_predicted = [CLASSES[p] for p in predicted]
    table = type_table(names_gold, names_predicted)
    right = sum(g == p for g, p in zip(gold, predicted, strict=True))
    metrics = {
        "accuracy": round(right / max(len(gold), 1), 4),
        "macro_f1": round(sum(r["f1"] for r in table.values()) / max(len(table), 1), 4),
    }
    pairs = Counter((g, p) for g, p in zip(names_gold, names_predicted, strict=True) if g != p)
    return metrics, {"per_class": table, "confusions": pairs.most_common(12)}
