"""Time expressions against TempEval-3 training gold (TimeBank and AQUAINT, TimeML TIMEX3).

Each document's TEXT is read as `dyad.process` reads an article dated its creation time (DCT),
and the times of the emitted `ArticleResult` are scored as TempEval-3 did (UzZaman et al. 2013):
- detection precision, recall and F1, strict (same span) and relaxed (spans overlap);
- type and value accuracy over the relaxed matches, and attribute F1 (precision and recall
  counting only matches whose attribute is right): `value_f1` is the headline number
  (HeidelTime reached 0.78 on the TempEval-3 test set);
- the value F1 per TimeML type and the value recall per hard class (`timex_classes`):
  durations, weeks and quarters, last/next, tense-placed days, ranges, anaphora.

Splits, by an MD5 hash of the file name: "dev" (two thirds, used for tuning), "test" (one
third, held out) and "all"; error lines are kept for the tuning split only. Our types map to
TimeML's: date -> DATE, time -> TIME, duration -> DURATION, set -> SET, range -> DATE.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import html
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from dyad.errors import EvaluationError
from dyad.evaluate import EvalReport
from dyad.evaluate.timex_classes import Breakdown, gold_classes
from dyad.model import Span, TimeExpression

if TYPE_CHECKING:
    from dyad.evaluate.processed import Processed

SPLITS = ("dev", "test", "all")
TYPES = {"date": "DATE", "time": "TIME", "duration": "DURATION", "set": "SET", "range": "DATE"}
_TAG = re.compile(r"<(/?)([A-Za-z0-9]+)([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_WEEK = re.compile(r"W0(\d)")
_DCT = re.compile(r"<DCT>\s*<TIMEX3[^>]*value=\"(\d{4}-\d{2}-\d{2})", re.S)


@dataclass(frozen=True, slots=True)
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass(frozen=True, slots=True)
class GoldDocument:
    name: str
    text: str
    dct: dt.date
    timexes: tuple[GoldTimex, ...]


def in_split(name: str, split: str) -> bool:
    """Whether document `name` belongs to `split` (a third of the files are held out)."""
    if split not in SPLITS:
        raise EvaluationError(f"unknown split {split!r} for tempeval3; use one of {SPLITS}")
    held_out = int(hashlib.md5(name.encode()).hexdigest(), 16) % 3 == 0
    return split == "all" or held_out == (split == "test")


def read_documents(gold: Path, split: str) -> list[GoldDocument]:
    """The TimeML documents of `split` under `gold`, sorted by name."""
    files = sorted(gold.rglob("*.tml"), key=lambda p: p.name)
    if not files:
        raise EvaluationError(f"no .tml files under {gold}; expected TBAQ-cleaned/*/*.tml")
    return [read_document(p) for p in files if in_split(p.name, split)]


def read_document(path: Path) -> GoldDocument:
    """One TimeML file: its TEXT as plain text, its DCT and its TIMEX3 spans."""
    raw = path.read_text(encoding="utf-8")
    dct = _DCT.search(raw)
    start, end = raw.find("<TEXT>"), raw.find("</TEXT>")
    if dct is None or start < 0 or end < 0:
        raise EvaluationError(f"{path}: no DCT or no TEXT element; is this a TimeML file?")
    text, timexes = _strip_tags(raw[start + len("<TEXT>") : end])
    return GoldDocument(path.name, text, dt.date.fromisoformat(dct.group(1)), timexes)


def _strip_tags(body: str) -> tuple[str, tuple[GoldTimex, ...]]:
    pieces: list[str] = []
    length = 0
    opened: tuple[int, dict[str, str]] | None = None
    timexes: list[GoldTimex] = []
    position = 0
    for tag in _TAG.finditer(body):
        chunk = html.unescape(body[position : tag.start()])
        pieces.append(chunk)
        length += len(chunk)
        position = tag.end()
        if tag.group(2) != "TIMEX3":
            continue
        if not tag.group(1):
            opened = (length, dict(_ATTR.findall(tag.group(3))))
        elif opened is not None:
            begin, attrs = opened
            said = "".join(pieces)[begin:length]
            timexes.append(GoldTimex(begin, length, said, attrs["type"], attrs.get("value", "")))
            opened = None
    pieces.append(html.unescape(body[position:]))
    return "".join(pieces), tuple(timexes)


@dataclass(slots=True)
class Tally:
    """Counts for TempEval-3 scores."""

    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    type_right: int = 0
    value_right: int = 0
    breakdown: Breakdown = field(default_factory=Breakdown)  # per type and hard class

    def add(
        self,
        gold: tuple[GoldTimex, ...],
        found: tuple[TimeExpression, ...],
        classes: list[frozenset[str]] | None = None,
    ) -> list[str]:
        """Count one document; return a line for each wrong value or missed expression.
        `classes`: the hard classes of each gold expression (`gold_classes`)."""
        self.gold += len(gold)
        self.system += len(found)
        errors: list[str] = []
        matches: dict[int, bool] = {}  # system index -> value right
        for i, g in enumerate(gold):
            match = _best_match(g, found, set(matches))
            right = match is not None and same_value(found[match].value, g.value)
            self.breakdown.add_gold(
                g, classes[i] if classes else frozenset(), match is not None, right
            )
            if match is None:
                errors.append(f"missed {g.text!r} {g.type} {g.value}")
                continue
            matches[match] = right
            sys = found[match]
            self.relaxed += 1
            self.strict += (sys.span.start, sys.span.end) == (g.start, g.end)
            self.type_right += TYPES.get(sys.type) == g.type
            self.value_right += right
            if not right:
                errors.append(
                    f"value {g.text!r} gold {g.value} got {sys.value} ({sys.span.text!r})"
                )
        for i, f in enumerate(found):
            self.breakdown.add_system(f, TYPES.get(f.type), matches.get(i, False))
        errors += [
            f"spurious {f.span.text!r} {f.value}" for i, f in enumerate(found) if i not in matches
        ]
        return errors

    def metrics(self) -> dict[str, float]:
        """TempEval-3 scores from the counts."""
        out: dict[str, float] = {}
        for name, hits in (("strict", self.strict), ("relaxed", self.relaxed)):
            out |= _prf(name, hits, hits, self.system, self.gold)
        for name, right in (("type", self.type_right), ("value", self.value_right)):
            out[f"{name}_accuracy"] = right / self.relaxed if self.relaxed else 0.0
            out[f"{name}_f1"] = _prf(name, right, right, self.system, self.gold)[f"{name}_f1"]
        return out | self.breakdown.metrics()


def same_value(system: str | None, gold: str) -> bool:
    """Equal TIMEX3 values; week numbers compare as numbers (gold writes "2000-W7")."""
    return _WEEK.sub(r"W\1", system or "") == _WEEK.sub(r"W\1", gold)


def _prf(name: str, hits_p: int, hits_r: int, system: int, gold: int) -> dict[str, float]:
    p = hits_p / system if system else 0.0
    r = hits_r / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {f"{name}_precision": p, f"{name}_recall": r, f"{name}_f1": f}


def _best_match(g: GoldTimex, found: tuple[TimeExpression, ...], used: set[int]) -> int | None:
    """The unused system expression with the same span, else the one overlapping most."""
    best, best_overlap = None, 0
    for i, sys in enumerate(found):
        if i in used:
            continue
        overlap = min(sys.span.end, g.end) - max(sys.span.start, g.start)
        if (sys.span.start, sys.span.end) == (g.start, g.end):
            return i
        if overlap > best_overlap:
            best, best_overlap = i, overlap
    return best


def timeml_expressions(found: tuple[TimeExpression, ...]) -> tuple[TimeExpression, ...]:
    """Our expressions as TimeML annotates them: a range is its two ends."""
    return tuple(part for expr in found for part in (expr.parts or (expr,)))


def evaluate(gold: Path, *, split: str = "dev", limit: int | None = None) -> EvalReport:
    """Score the times `dyad.process` emits on TimeBank and AQUAINT documents of `split`."""
    from dyad.evaluate.processed import Reader

    began = time.perf_counter()
    documents = read_documents(gold, split)[:limit]
    reader = Reader()
    texts, dates = [d.text for d in documents], [d.dct for d in documents]
    tally, errors, seconds = Tally(), Counter[str](), 0.0
    for document, processed in zip(documents, reader.read(texts, dates=dates), strict=True):
        result = processed.result
        seconds += result.timings.get("times", 0.0) if result is not None else 0.0
        found = emitted_times(processed)
        classes = gold_classes(document.text, document.timexes)
        wrong = tally.add(document.timexes, found, classes)
        if split == "dev":  # errors of the held-out third are not looked at
            errors.update(wrong)
    metrics = tally.metrics()
    metrics["find_times_ms_per_document"] = 1000 * seconds / max(len(documents), 1)
    details = {
        "documents": len(documents),
        "reader": reader.kind,
        "rejected": reader.rejected,
        "errors": errors.most_common(60),
        "breakdown": tally.breakdown.details(),
    }
    return EvalReport(
        "tempeval3",
        split,
        tally.gold,
        metrics,
        details,
        time.perf_counter() - began,
        inputs=len(documents),
    )


def emitted_times(processed: Processed) -> tuple[TimeExpression, ...]:
    """The times of a result as TimeML annotates them, with offsets into the gold text."""
    if processed.result is None:
        return ()
    raw = processed.to_raw
    return tuple(
        dataclasses.replace(t, span=Span(raw(t.span.start), raw(t.span.end), t.span.text))
        for t in timeml_expressions(processed.result.times)
    )
