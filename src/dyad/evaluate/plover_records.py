"""PLOVER event type and roles on the PLOVER Gold Standard Records (322 coded sentences).

Gold: `PLOVER_GSR_CAMEO.json` (PLOVER 0.5b1 names, mapped as the data README says:
DEMAND to REQUEST, DISAPPROVE to ACCUSE, INVESTIGATE to ACCUSE, FIGHT to ASSAULT). Each record
is one sentence with one event type, source and target actors (text, country code, sector).

Dyad reads each sentence as a one-sentence article through the pipeline (actors from the
actors stage), codes its events, and the sentence's event is the main one: the top-level
mention nearest the root of the parse. Metrics: accuracy and macro F1 of the sentence's type
(over the types present in the split), per-type precision/recall/F1 in `details`; actor and
recipient country F1 and sector accuracy of the main event against the gold source and target;
actor text F1 (gold actor text overlapping a Dyad actor span) which does not depend on actor
resolution. Split: records whose id hashes (sha256) to an even first byte are "dev", the rest
"test"; "all" scores both.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dyad.errors import EvaluationError
from dyad.evaluate import EvalReport
from dyad.evaluate.event_reading import EventReader, Reading, main_event

FILE = "PLOVER_GSR_CAMEO.json"
OLD_NAMES = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}
# CAMEO-era country codes in the gold that differ from ISO 3166 alpha-3.
OLD_CODES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
# Gold sector codes (first three letters) to Dyad's sector names.
SECTORS = {
    "GOV": "government",
    "MIL": "military",
    "REB": "rebels",
    "OPP": "opposition",
    "CVL": "civilians",
    "CIV": "civilians",
    "COP": "police",
    "MED": "media",
    "JRN": "media",
    "BUS": "business",
    "LEG": "legislature",
    "JUD": "judiciary",
    "REF": "refugees",
    "EDU": "education",
    "LAB": "labour",
    "CRM": "criminals",
    "PTY": "party",
    "ELI": "elites",
    "SPY": "intelligence",
    "AGR": "agriculture",
    "REL": "religion",
    "UAF": "armed group",
}
NO_EVENT = "NONE"


@dataclass(frozen=True, slots=True)
class GoldActor:
    text: str
    code: str | None
    sector: str | None


@dataclass(frozen=True, slots=True)
class Record:
    id: str
    text: str
    type: str
    mode: str | None
    sources: tuple[GoldActor, ...]
    targets: tuple[GoldActor, ...]


def split_of(record_id: str) -> str:
    """ "dev" or "test", fixed by a hash of the record id."""
    return "dev" if hashlib.sha256(record_id.encode()).digest()[0] % 2 == 0 else "test"


def read_gold(gold: Path, split: str, limit: int | None = None) -> list[Record]:
    """The records of `split` ("dev", "test" or "all"), in file order."""
    path = gold / FILE
    if split not in ("dev", "test", "all"):
        raise EvaluationError(f"plover-gsr split {split!r} unknown: use dev, test or all")
    if not path.is_file():
        raise EvaluationError(f"{path} not found: the plover-gsr gold file is missing")
    records = [_record(raw) for raw in json.loads(path.read_text(encoding="utf-8"))]
    chosen = [r for r in records if r is not None and split in ("all", split_of(r.id))]
    return chosen[:limit] if limit is not None else chosen


def _record(raw: dict[str, Any]) -> Record | None:
    event = raw.get("event")
    if not isinstance(event, str) or not raw.get("text"):
        return None  # the DOCUMENT header
    return Record(
        id=raw["id"],
        text=raw["text"],
        type=OLD_NAMES.get(event, event),
        mode=raw.get("mode") or ("investigate" if event == "INVESTIGATE" else None),
        sources=_actors(raw.get("source")),
        targets=_actors(raw.get("target")),
    )


def _actors(value: Any) -> tuple[GoldActor, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(
        GoldActor(a.get("actorText", ""), _code(a.get("code")), _sector(a.get("sector")))
        for a in value
        if isinstance(a, dict)
    )


def _code(code: Any) -> str | None:
    return OLD_CODES.get(code, code) if isinstance(code, str) and code else None


def _sector(sector: Any) -> str | None:
    return SECTORS.get(sector[:3].upper()) if isinstance(sector, str) else None


def evaluate(gold: Path, *, split: str = "dev", limit: int | None = None) -> EvalReport:
    """Score Dyad's event type and roles on plover-gsr `split`."""
    started = time.perf_counter()
    records = read_gold(gold, split, limit)
    reader = EventReader()
    readings = list(reader.read([r.text for r in records]))
    metrics, details = score(records, readings)
    details["reader"] = reader.kind
    details["pipeline_failures"] = reader.failures
    return EvalReport(
        name="plover_gsr",
        split=split,
        items=len(records),
        metrics=metrics,
        details=details,
        seconds=time.perf_counter() - started,
    )


def score(records: Sequence[Record], readings: Sequence[Reading]) -> tuple[dict, dict]:
    """Type accuracy and macro F1, role scores, and per-type tables."""
    gold_types = [r.type for r in records]
    mains = [main_event(reading) for reading in readings]
    predicted = [m.type if m is not None else NO_EVENT for m in mains]
    per_type = type_table(gold_types, predicted)
    macro = sum(row["f1"] for row in per_type.values()) / max(len(per_type), 1)
    right = sum(g == p for g, p in zip(gold_types, predicted, strict=True))
    accuracy = right / max(len(records), 1)
    roles = role_scores(records, mains)
    metrics = {"type_accuracy": round(accuracy, 4), "type_macro_f1": round(macro, 4), **roles}
    errors = [
        {"id": r.id, "gold": r.type, "dyad": p, "text": r.text[:160]}
        for r, p in zip(records, predicted, strict=True)
        if r.type != p
    ]
    details: dict[str, Any] = {
        "per_type": per_type,
        "confusions": _confusions(gold_types, predicted),
        "errors": errors[:40],
    }
    return metrics, details


def type_table(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, dict[str, float]]:
    """Precision, recall, F1 and support per gold type."""
    table = {}
    for name in sorted(set(gold)):
        tp = sum(g == p == name for g, p in zip(gold, predicted, strict=True))
        fp = sum(p == name != g for g, p in zip(gold, predicted, strict=True))
        fn = sum(g == name != p for g, p in zip(gold, predicted, strict=True))
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        table[name] = {
            "precision": round(precision, 3),
            "recall": round(recall, 3),
            "f1": round(f1, 3),
            "support": tp + fn,
        }
    return table


def _confusions(gold: Sequence[str], predicted: Sequence[str]) -> list[tuple[str, str, int]]:
    pairs = Counter((g, p) for g, p in zip(gold, predicted, strict=True) if g != p)
    return [(g, p, n) for (g, p), n in pairs.most_common(25)]


def role_scores(records: Sequence[Record], mains: Sequence[Any]) -> dict[str, float]:
    """Country F1, sector accuracy and text F1 of actors (source) and recipients (target)."""
    out: dict[str, float] = {}
    for role, gold_of, dyad_of in (
        ("actor", lambda r: r.sources, lambda m: m.actors if m else ()),
        ("recipient", lambda r: r.targets, lambda m: m.recipients if m else ()),
    ):
        pairs = [(gold_of(r), dyad_of(m)) for r, m in zip(records, mains, strict=True)]
        out[f"{role}_country_f1"] = _set_f1(
            [({a.code for a in g if a.code}, {d.country for d in p if d.country}) for g, p in pairs]
        )
        out[f"{role}_text_f1"] = _text_f1(pairs)
        out[f"{role}_sector_accuracy"] = _sector_accuracy(pairs)
    return out


def _set_f1(pairs: Sequence[tuple[set[str], set[str]]]) -> float:
    tp = sum(len(g & p) for g, p in pairs)
    fp = sum(len(p - g) for g, p in pairs)
    fn = sum(len(g - p) for g, p in pairs)
    return round(2 * tp / (2 * tp + fp + fn), 4) if tp else 0.0


def _text_f1(pairs: Sequence[tuple[Sequence[GoldActor], Sequence[Any]]]) -> float:
    tp = fp = fn = 0
    for gold, dyad in pairs:
        texts = [d.span.text.lower() for d in dyad]
        hit = [any(_same_text(g.text, t) for t in texts) for g in gold]
        used = [any(_same_text(g.text, t) for g in gold) for t in texts]
        tp += sum(hit)
        fn += len(hit) - sum(hit)
        fp += len(used) - sum(used)
    return round(2 * tp / (2 * tp + fp + fn), 4) if tp else 0.0


def _same_text(gold: str, dyad: str) -> bool:
    gold = gold.lower().strip()
    return bool(gold) and (gold in dyad or dyad in gold)


def _sector_accuracy(pairs: Sequence[tuple[Sequence[GoldActor], Sequence[Any]]]) -> float:
    scored = right = 0
    for gold, dyad in pairs:
        for actor in gold:
            if actor.sector is None:
                continue
            scored += 1
            right += any(d.sector == actor.sector for d in dyad)
    return round(right / scored, 4) if scored else 0.0


def iter_split(gold: Path, split: str) -> Iterator[Record]:
    """The records of a split, for inspection while tuning (use "dev" only)."""
    yield from read_gold(gold, split)
