"""Who did what to whom, on real news: Dyad's events against the real-news event set.

Each annotated article (PolNeAR, ECB+, MEANTIME, LGL, GeoVirus; its text read from the data
folder by id, `evaluate.realnews_texts`) is read as `dyad.process` reads it (its text,
publication date and publisher as source, through `evaluate.processed`), and every event it
emits is scored against the careful reading of `docs/annotating.md` (gold records:
`evaluate.realnews_gold`). Every figure is reported overall and per corpus
(`<corpus>_<metric>`, e.g. `lgl_precision`), and for the articles outside PolNeAR together
(`others_<metric>`).

- precision: share of emitted events whose evidence trigger overlaps, in its sentence, a gold
  mention of the same type (or an alternative type) of a non-generic gold event;
- recall: share of non-generic gold events (mentions linked by `same_as` count once) that some
  emitted event matches; `actor_recall`: found with the actor right;
- on each found event (paired with its best-matching emitted event): actor, recipient, status
  (polarity, modality, historical), date (where the text decides it) and place accuracy;
- `no_actor_share`: emitted events that name no actor.

"Emitted" means shown by default: events at or above the confidence threshold
(`dyad.query.shown_confidence`), as the dashboard and `dyad events` list them;
`shown_share` is their share of everything emitted, `diag_all_precision` the precision of all.
An event the product marks generic (cue field "generic"), or as no happening between actors
(a thing as partner, a yes-no question, an accident, trade between firms: cues of field
"sense", see docs/codebook.md), is hidden by its confidence
(`resolve.confidence.GENERIC_CEILING`), so it does not count in `precision`; in
`diag_all_precision` it counts like any other event.

The gold file is package data (`dyad/data/eval/realnews.jsonl`); `DYAD_REALNEWS_GOLD` or the
`gold_path` parameter points elsewhere. Errors are listed for the dev split only.
"""

from __future__ import annotations

import importlib.resources
import os
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dyad.errors import EvaluationError
from dyad.evaluate import EvalReport
from dyad.evaluate.processed import Processed, Reader
from dyad.evaluate.realnews_gold import (
    GoldArticle,
    GoldMention,
    date_right,
    hits_of,
    is_real,
    matches,
    place_right,
    read_gold,
    roles_right,
    status_right,
)
from dyad.evaluate.realnews_texts import CORPORA, read_texts
from dyad.model import Event
from dyad.query import shown_confidence
from dyad.settings import load_settings

GOLD_ENV = "DYAD_REALNEWS_GOLD"
MAX_ERRORS = 30
PAIR_FIELDS = ("actor", "recipient", "status", "date", "place")
GROUP_METRICS = (
    "precision",
    "recall",
    "actor_recall",
    "no_actor_share",
    *(f"{name}_accuracy" for name in PAIR_FIELDS),
)
OTHERS = "others"  # the articles outside PolNeAR, together


def gold_file() -> Path:
    """The gold file: `DYAD_REALNEWS_GOLD` if set, else the one in the package."""
    if os.environ.get(GOLD_ENV):
        return Path(os.environ[GOLD_ENV])
    return Path(str(importlib.resources.files("dyad") / "data" / "eval" / "realnews.jsonl"))


@dataclass(slots=True)
class Tally:
    """Counts over the articles scored so far."""

    counts: Counter[str] = field(default_factory=Counter)
    per_type: dict[str, Counter[str]] = field(default_factory=dict)
    errors: list[dict[str, Any]] | None = None  # None: errors are not kept (held-out split)

    def type_count(self, type_: str, key: str, value: int = 1) -> None:
        self.per_type.setdefault(type_, Counter())[key] += value

    def error(self, kind: str, article: str, text: str, **fields: Any) -> None:
        if self.errors is not None and len(self.errors) < MAX_ERRORS:
            self.errors.append({"kind": kind, "article": article, "text": text, **fields})


def evaluate(
    gold: Path,
    *,
    split: str = "dev",
    limit: int | None = None,
    gold_path: Path | None = None,
    reader: Reader | None = None,
) -> EvalReport:
    """Score the events `dyad.process` emits on the annotated articles of `split`."""
    if split not in ("dev", "test", "all"):
        raise EvaluationError(f"realnews split {split!r} unknown: use dev, test or all")
    started = time.perf_counter()
    articles = [a for a in read_gold(gold_path or gold_file()) if split in ("all", a.split)]
    articles = articles[:limit] if limit is not None else articles
    found = read_texts(gold, [a.id for a in articles])
    texts = [found[a.id] for a in articles]
    reader = reader or Reader()
    read = reader.read(
        texts, dates=[a.date for a in articles], sources=[a.publisher for a in articles]
    )
    tally = Tally(errors=[] if split == "dev" else None)
    groups: dict[str, Tally] = {}
    shown = shown_confidence(load_settings())
    for article, text, processed in zip(articles, texts, read, strict=True):
        for name in (article.corpus, *((OTHERS,) if article.corpus != "polnear" else ())):
            score_article(article, text, processed, groups.setdefault(name, Tally()), shown=shown)
        score_article(article, text, processed, tally, shown=shown)
    return EvalReport(
        "realnews",
        split,
        len(articles),
        {**metrics(tally), **group_metrics(groups)},
        _details(reader, articles, tally, groups),
        time.perf_counter() - started,
    )


def _details(
    reader: Reader, articles: Sequence[GoldArticle], tally: Tally, groups: dict[str, Tally]
) -> dict[str, Any]:
    """The report's details: counts overall, per type and per corpus, and the errors kept."""
    details: dict[str, Any] = {
        "reader": reader.kind,
        "rejected": reader.rejected,
        "counts": dict(tally.counts),
        "per_type": per_type(tally),
        "articles_per_corpus": dict(Counter(a.corpus for a in articles)),
        "counts_per_corpus": {name: dict(t.counts) for name, t in groups.items()},
    }
    if tally.errors is not None:
        details["errors"] = tally.errors
    return details


def group_metrics(groups: dict[str, Tally]) -> dict[str, float]:
    """The main figures of each corpus (in `CORPORA` order) and of the others together; a
    figure with nothing to count (no date the text decides, say) is left out, not 0."""
    out = {}
    for name in (*CORPORA, OTHERS):
        if name in groups:
            counts, scores = groups[name].counts, metrics(groups[name])
            out.update({f"{name}_{m}": scores[m] for m in GROUP_METRICS if counts[_denominator(m)]})
    return out


def _denominator(metric: str) -> str:
    """The count a metric divides by."""
    if metric.endswith("_accuracy"):
        return metric.replace("_accuracy", "_scored")
    return "emitted" if metric in ("precision", "no_actor_share") else "gold"


def score_article(
    article: GoldArticle, text: str, processed: Processed, tally: Tally, *, shown: float = 0.0
) -> None:
    """Add one article's emitted and gold events to `tally`: the events a user sees by
    default (confidence at least `shown`); every emitted event counts in `all_*`."""
    emitted = processed.result.events if processed.result is not None else ()
    hits = [hits_of(e, article, processed.to_raw) for e in emitted]
    tally.counts["all_emitted"] += len(emitted)
    tally.counts["all_correct"] += sum(is_real(h) for h in hits)
    shown_hits = [(e, h) for e, h in zip(emitted, hits, strict=True) if e.confidence >= shown]
    events = tuple(e for e, _ in shown_hits)
    for event, found in shown_hits:
        correct = is_real(found)
        tally.counts["emitted"] += 1
        tally.counts["correct"] += correct
        tally.counts["no_actor"] += not event.actors
        tally.type_count(event.type, "emitted")
        tally.type_count(event.type, "correct", correct)
        if not correct:
            ev = event.evidence[0]
            tally.error(
                "spurious" if not found else "generic",
                article.id,
                _sentence(text, processed, ev.sentence),
                type=event.type,
                trigger=ev.trigger.text,
                actors=[a.name for a in event.actors],
            )
    for mentions in article.events:
        if not mentions[0].generic:
            _score_gold_event(article.id, text, mentions, events, processed, tally)


def _score_gold_event(
    article_id: str,
    text: str,
    mentions: tuple[GoldMention, ...],
    events: tuple[Event, ...],
    processed: Processed,
    tally: Tally,
) -> None:
    head = mentions[0]
    tally.counts["gold"] += 1
    tally.type_count(head.type, "gold")
    pairs = [(e, m) for m in mentions for e in events if matches(e, m, processed.to_raw)]
    if not pairs:
        tally.error(
            "missed",
            article_id,
            text[head.sentence[0] : head.sentence[1]],
            type=head.type,
            trigger=text[head.trigger[0] : head.trigger[1]],
        )
        return
    tally.counts["found"] += 1
    tally.type_count(head.type, "found")
    scored = [(e, _verdicts(e, m, processed)) for e, m in pairs]
    event, verdicts = max(scored, key=lambda pair: _rank(pair[1]))
    _count_verdicts(tally, verdicts)
    wrong = [name for name, right in verdicts.items() if right is False]
    if wrong:
        tally.error(
            "fields",
            article_id,
            text[head.sentence[0] : head.sentence[1]],
            type=head.type,
            wrong=wrong,
            found=_shown(event),
            gold_actors=[r.who for r in head.actors],
            gold_recipients=[r.who for r in head.recipients],
        )


def _count_verdicts(tally: Tally, verdicts: dict[str, bool | None]) -> None:
    """Add a found event's verdicts to the tally: per field, scored and right."""
    tally.counts["found_actor"] += verdicts["actor"] is True
    for name, right in verdicts.items():
        if right is not None:
            tally.counts[f"{name}_scored"] += 1
            tally.counts[f"{name}_right"] += right


def _verdicts(event: Event, mention: GoldMention, processed: Processed) -> dict[str, bool | None]:
    to_raw = processed.to_raw
    return {
        "actor": roles_right(event.actors, mention.actors, to_raw),
        "recipient": roles_right(event.recipients, mention.recipients, to_raw),
        "status": status_right(event, mention),
        "date": date_right(event, mention) if mention.date_from_text else None,
        "place": place_right(event, mention, to_raw),
    }


def _rank(verdicts: dict[str, bool | None]) -> tuple[bool, bool, int]:
    """The pairing of a found event: actor right first, then recipient, then the rest."""
    return (
        verdicts["actor"] is True,
        verdicts["recipient"] is True,
        sum(v is True for v in verdicts.values()),
    )


def _shown(event: Event) -> dict[str, Any]:
    return {
        "type": event.type,
        "actors": [a.name for a in event.actors],
        "recipients": [a.name for a in event.recipients],
        "status": [event.polarity, event.modality, event.historical],
        "date": event.date.isoformat() if event.date else None,
        "place": event.place.name if event.place else None,
    }


def _sentence(text: str, processed: Processed, span: Any) -> str:
    return text[processed.to_raw(span.start) : processed.to_raw(span.end)]


def metrics(tally: Tally) -> dict[str, float]:
    """The scores of `tally`, rounded to four places."""
    c = tally.counts
    precision, recall = _ratio(c["correct"], c["emitted"]), _ratio(c["found"], c["gold"])
    out = {
        "precision": precision,
        "recall": recall,
        "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
        "actor_recall": _ratio(c["found_actor"], c["gold"]),
    }
    for name in PAIR_FIELDS:
        out[f"{name}_accuracy"] = _ratio(c[f"{name}_right"], c[f"{name}_scored"])
    out["no_actor_share"] = _ratio(c["no_actor"], c["emitted"])
    out["shown_share"] = _ratio(c["emitted"], c["all_emitted"])
    out["diag_all_precision"] = _ratio(c["all_correct"], c["all_emitted"])
    return {k: round(v, 4) for k, v in out.items()}


def per_type(tally: Tally) -> dict[str, dict[str, float]]:
    """Precision and recall per PLOVER type, with the counts behind them."""
    return {
        t: {
            "precision": round(_ratio(c["correct"], c["emitted"]), 4),
            "recall": round(_ratio(c["found"], c["gold"]), 4),
            "emitted": c["emitted"],
            "gold": c["gold"],
        }
        for t, c in sorted(tally.per_type.items())
    }


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0
