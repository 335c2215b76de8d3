"""Event status (polarity, future, certainty) on MEANTIME English (120 Wikinews articles).

Gold: CAT XML per article under `intra_cross-doc_annotation/corpus_*/`: tokens, and
EVENT_MENTION markables anchored on tokens with `polarity` (POS, NEG), `time` (FUTURE,
NON_FUTURE) and `certainty` (CERTAIN, PROBABLE, POSSIBLE); values left UNDERSPECIFIED or
empty are not scored. The article date is the CREATION_TIME TIMEX3. Each article is rebuilt
as text (tokens joined by spaces, one sentence per line) and read through the pipeline.

Two measurements:
- found: gold events whose trigger overlaps an evidence trigger of an event `dyad.process`
  emits (MEANTIME is business news, so few of its events are political ones);
  polarity accuracy and future-vs-not accuracy of those events (`status_accuracy` is the
  mean of the two).
- diag_all (a diagnostic, not gated: no user sees it): the status `event_status` gives every
  gold event's trigger word, whether or not it is a PLOVER event: the same rules over many
  more predicates.
Dyad's "future" is modality planned, requested or threatened; its "uncertain" is possible,
conditional or hypothetical. Split: articles whose id hashes (sha256) to an even first byte
are "dev", the rest "test"; "all" scores both.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import time
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Token

from dyad.errors import EvaluationError
from dyad.evaluate import EvalReport
from dyad.evaluate.event_reading import EventReader, Reading
from dyad.extract.events import event_status

FOLDER = "intra_cross-doc_annotation"
FUTURE_MODALITIES = ("planned", "requested", "threatened")
UNCERTAIN_MODALITIES = ("possible", "conditional", "hypothetical")
POLARITY = {"POS": "asserted", "NEG": "negated"}
FUTURE = {"FUTURE": True, "NON_FUTURE": False}
CERTAIN = {"CERTAIN": True, "PROBABLE": False, "POSSIBLE": False}
# The rare value of each field, scored on its own (accuracy alone rewards "always asserted").
RARE = {"polarity": "negated", "future": True, "certainty": False}
RARE_NAME = {"polarity": "negated", "future": "future", "certainty": "uncertain"}


@dataclass(frozen=True, slots=True)
class GoldEvent:
    start: int  # character offsets of the trigger in the rebuilt text
    end: int
    polarity: str | None  # "asserted", "negated" or None when unscored
    future: bool | None
    certain: bool | None


@dataclass(frozen=True, slots=True)
class GoldArticle:
    id: str
    text: str
    date: dt.date | None
    events: tuple[GoldEvent, ...]


def split_of(article_id: str) -> str:
    """ "dev" or "test", fixed by a hash of the article id."""
    return "dev" if hashlib.sha256(article_id.encode()).digest()[0] % 2 == 0 else "test"


def read_gold(gold: Path, split: str, limit: int | None = None) -> list[GoldArticle]:
    """The articles of `split` ("dev", "test" or "all"), in path order."""
    if split not in ("dev", "test", "all"):
        raise EvaluationError(f"meantime split {split!r} unknown: use dev, test or all")
    paths = sorted((gold / FOLDER).glob("corpus_*/*.xml"))
    if not paths:
        raise EvaluationError(f"no MEANTIME XML under {gold / FOLDER}")
    articles = [read_article(p) for p in paths]
    chosen = [a for a in articles if split in ("all", split_of(a.id))]
    return chosen[:limit] if limit is not None else chosen


def read_article(path: Path) -> GoldArticle:
    """One CAT XML file as text, date and gold events."""
    root = ET.parse(path).getroot()
    offsets: dict[str, tuple[int, int]] = {}
    parts: list[str] = []
    length, sentence = 0, None
    for token in root.iter("token"):
        if sentence is not None and token.get("sentence") != sentence:
            parts.append("\n")
            length += 1
        elif parts:
            parts.append(" ")
            length += 1
        sentence = token.get("sentence")
        word = token.text or ""
        offsets[token.get("t_id", "")] = (length, length + len(word))
        parts.append(word)
        length += len(word)
    events = tuple(_event(m, offsets) for m in root.iter("EVENT_MENTION"))
    return GoldArticle(
        id=root.get("doc_id") or path.stem,
        text="".join(parts),
        date=_creation_date(root),
        events=tuple(e for e in events if e is not None),
    )


def _event(markable: ET.Element, offsets: dict[str, tuple[int, int]]) -> GoldEvent | None:
    spans = [offsets[a.get("t_id", "")] for a in markable.iter("token_anchor")]
    spans = [s for s in spans if s]
    if not spans:
        return None
    return GoldEvent(
        start=min(s for s, _ in spans),
        end=max(e for _, e in spans),
        polarity=POLARITY.get(markable.get("polarity", "")),
        future=FUTURE.get(markable.get("time", "")),
        certain=CERTAIN.get(markable.get("certainty", "")),
    )


def _creation_date(root: ET.Element) -> dt.date | None:
    """The CREATION_TIME value, as YYYY-MM-DD (or the DD-MM-YYYY a few files use)."""
    for timex in root.iter("TIMEX3"):
        value = timex.get("value", "")
        if timex.get("functionInDocument") != "CREATION_TIME":
            continue
        match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2}).*", value)
        if match:
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        match = re.fullmatch(r"(\d{2})-(\d{2})-(\d{4}).*", value)
        if match:
            return dt.date(int(match[3]), int(match[2]), int(match[1]))
    return None


def evaluate(gold: Path, *, split: str = "dev", limit: int | None = None) -> EvalReport:
    """Score Dyad's status of MEANTIME events, on found events and on every gold trigger."""
    started = time.perf_counter()
    articles = read_gold(gold, split, limit)
    reader = EventReader()
    readings = list(reader.read([a.text for a in articles], dates=[a.date for a in articles]))
    found = Tally()
    every = Tally()
    for article, reading in zip(articles, readings, strict=True):
        for event in article.events:
            every.add(event, *_status_of_word(reading, event, reader, article.date))
            coded = _coded_status(reading, event)
            if coded is not None:
                found.add(event, *coded)
    metrics = {**found.metrics("found"), **every.metrics("diag_all")}
    metrics["status_accuracy"] = round(
        (metrics["found_polarity_accuracy"] + metrics["found_future_accuracy"]) / 2, 4
    )
    gold_events = [e for a in articles for e in a.events]
    details = {
        "reader": reader.kind,
        "pipeline_failures": reader.failures,
        "found_events": found.events,
        "gold_events": every.events,
        "majority_baseline": {
            "polarity": majority([e.polarity for e in gold_events]),
            "future": majority([e.future for e in gold_events]),
            "certainty": majority([e.certain for e in gold_events]),
        },
        "found_errors": found.errors.most_common(12),
        "all_errors": every.errors.most_common(12),
    }
    return EvalReport(
        "meantime_status", split, found.events, metrics, details, time.perf_counter() - started
    )


def _coded_status(reading: Reading, gold: GoldEvent) -> tuple[str, str] | None:
    for event in reading.events:
        for ev in event.evidence:
            start, end = reading.to_raw(ev.trigger.start), reading.to_raw(ev.trigger.end)
            if start < gold.end and gold.start < end:
                return event.polarity, event.modality
    return None


def _status_of_word(
    reading: Reading, gold: GoldEvent, reader: EventReader, date: dt.date | None
) -> tuple[str, str]:
    token = _token(reading, gold)
    status = event_status(token, reader.codebook, times=reading.times, article_date=date)
    return status.polarity, status.modality


def _token(reading: Reading, gold: GoldEvent) -> Token:
    start, end = reading.from_raw(gold.start), reading.from_raw(gold.end)
    span = reading.doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None else reading.doc[0]


class Tally:
    """Right and scored counts per status field."""

    def __init__(self) -> None:
        self.right: Counter[str] = Counter()
        self.scored: Counter[str] = Counter()
        self.errors: Counter[tuple[str, str, str]] = Counter()
        self.rare: Counter[tuple[str, str]] = Counter()  # tp/fp/fn of the rare value
        self.events = 0

    def add(self, gold: GoldEvent, polarity: str, modality: str) -> None:
        self.events += 1
        future = modality in FUTURE_MODALITIES
        certain = modality not in UNCERTAIN_MODALITIES
        for field, want, got in (
            ("polarity", gold.polarity, polarity),
            ("future", gold.future, future),
            ("certainty", gold.certain, certain),
        ):
            if want is None:
                continue
            self.scored[field] += 1
            self.right[field] += want == got
            if want != got:
                self.errors[(field, str(want), str(got))] += 1
            rare = RARE[field]
            self.rare[(field, "tp")] += want == rare and got == rare
            self.rare[(field, "fp")] += want != rare and got == rare
            self.rare[(field, "fn")] += want == rare and got != rare

    def metrics(self, prefix: str) -> dict[str, float]:
        out = {}
        for field in ("polarity", "future", "certainty"):
            scored = self.scored[field]
            share = self.right[field] / scored if scored else 0.0
            out[f"{prefix}_{field}_accuracy"] = round(share, 4)
            tp, fp, fn = (self.rare[(field, k)] for k in ("tp", "fp", "fn"))
            out[f"{prefix}_{RARE_NAME[field]}_f1"] = (
                round(2 * tp / (2 * tp + fp + fn), 4) if tp else 0.0
            )
        return out


def majority(values: Sequence[bool | str | None]) -> float:
    """Accuracy of always answering the most common gold value (a baseline for the report)."""
    known = [v for v in values if v is not None]
    return round(Counter(known).most_common(1)[0][1] / len(known), 4) if known else 0.0
