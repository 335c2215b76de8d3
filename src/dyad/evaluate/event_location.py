"""Event location: of the places in a sentence, which one is where the event happened?

Gold: Halterman's event-location set (`labeled_text.jsonl`: one JSON array of sentences, each
with one VERB span, the event, and the LOCATION span(s) where it happened, or none). Each
sentence is read as `dyad.process` reads it; the predicted place is the place (`place_span`)
of the emitted event whose trigger is the gold verb, none when no event is emitted there.
Scores, per sentence:

- recall: sentences with a gold location whose predicted place overlaps one of them
- precision: predicted places that overlap a gold location
- choice_accuracy: of sentences with a gold location where a place is predicted, the share
  where it is the right one (which place, leaving aside whether to name one)
- none_accuracy: sentences without a gold location for which no place is predicted
- accuracy: all sentences right (overlapping place, or none for none)
- found_*: the same over the sentences where the product emits an event at the verb
  (`event_at_verb`: their share);
- diag_forced_* (a diagnostic, not gated): `event_place` asked for an event forced onto the
  gold verb, whether or not the product finds one there (the old reading of this set);
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
from typing import TYPE_CHECKING, Any

from dyad.errors import EvaluationError
from dyad.evaluate import EvalReport
from dyad.extract.places import Gazetteer, find_places
from dyad.model import Article, Event, EventMention, PlaceMention, Span
from dyad.resolve.places import event_place

if TYPE_CHECKING:
    from dyad.evaluate.processed import Processed

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
    """Score the place of the event `dyad.process` emits at each sentence's gold verb."""
    from dyad.evaluate.processed import Reader

    if split not in SPLITS:
        raise EvaluationError(f"unknown split {split!r}: use one of {SPLITS}")
    items = [i for i in read_items(gold / FILE) if in_split(i, split)]
    items = items[:limit] if limit is not None else items
    started = time.perf_counter()
    reader = Reader()
    tallies = {name: _Tally() for name in ("dyad", "found", "diag_forced", "baseline")}
    read = reader.read([i.text for i in items])
    docs = reader.resources.nlp.pipe(i.text for i in items)
    for item, processed, doc in zip(items, read, docs, strict=True):
        event = _event_at_verb(item, processed)
        chosen = _place_span(event, processed)
        tallies["dyad"].add(item, chosen)
        if event is not None:
            tallies["found"].add(item, chosen)
        forced, first = _predict(item, doc, reader.resources.gazetteer)
        tallies["diag_forced"].add(item, forced)
        tallies["baseline"].add(item, first)
    seconds = time.perf_counter() - started
    metrics = tallies["dyad"].metrics()
    for name in ("found", "diag_forced", "baseline"):
        metrics.update({f"{name}_{k}": v for k, v in tallies[name].metrics().items()})
    found = tallies["found"]
    metrics["event_at_verb"] = (found.located + found.unlocated) / max(1, len(items))
    metrics["ms_per_sentence"] = 1000 * seconds / max(1, len(items))
    details = {"reader": reader.kind, "rejected": reader.rejected}
    return EvalReport("event_location", split, len(items), metrics, details, seconds)


def _event_at_verb(item: Item, processed: Processed) -> Event | None:
    """The first emitted event with an evidence trigger on the gold verb."""
    events = processed.result.events if processed.result is not None else ()
    raw = processed.to_raw
    for event in events:
        for ev in event.evidence:
            if _overlap(Span(raw(ev.trigger.start), raw(ev.trigger.end), ""), item.verb):
                return event
    return None


def _place_span(event: Event | None, processed: Processed) -> Span | None:
    if event is None or event.place_span is None:
        return None
    span = event.place_span
    return Span(processed.to_raw(span.start), processed.to_raw(span.end), span.text)


def _predict(item: Item, doc: Any, gazetteer: Gazetteer) -> tuple[Span | None, Span | None]:
    """The diagnostic: `event_place` asked for a mention forced onto the gold verb (whether or
    not the product finds an event there), and the first resolved place as a baseline."""
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
