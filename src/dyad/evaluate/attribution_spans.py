"""Attribution on PolNeAR: source, cue and content spans of quotes and claims in political news.

Gold: BRAT standoff (`{split}/attributions/*.ann`) over `{split}/text/*.txt`; an article with
several annotators is scored against the first annotation file in name order. Dyad's side:
the quotes of the `ArticleResult` that `dyad.process` emits for the article's text (actors,
entity patterns and all, as a user runs it; `evaluate.processed`).

Per part (source, cue, content), precision, recall and F1 under two matchings, one-to-one:
- exact: same offsets after trimming spaces and ,.;: at both ends;
- overlap: the spans share at least one character.
A discontinuous gold span is scored as its envelope (first start to last end); Dyad's content
is its envelope too. `relation_overlap_f1` counts an attribution found when its content and
cue both overlap the gold ones. Splits are the corpus authors' (train and dev, by time).

PolNeAR marks no attribution inside another one's content (none of the 491 of the first 30
train articles), while Dyad keeps such nested quotes as links of a chain ("X said Y believes
Z"). A quote whose cue lies inside another emitted quote's content is therefore left out of
the scoring and counted in `details["nested"]`; the rest is scored as emitted.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from dyad.errors import EvaluationError
from dyad.evaluate import EvalReport
from dyad.model import Quote
from dyad.model import Span as ModelSpan

log = logging.getLogger(__name__)

PARTS = ("source", "cue", "content")
TRIM = " \t\r\n,.;:"
GOLD_TYPES = ("Attribution", "Attribution-no-source")

Offsets = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Attribution:
    """One attribution relation as offsets per part (a part may be absent)."""

    source: Offsets | None
    cue: Offsets | None
    content: Offsets | None


@dataclass(frozen=True, slots=True)
class GoldArticle:
    id: str
    text: str
    attributions: tuple[Attribution, ...]


def evaluate(gold: Path, *, split: str = "dev", limit: int | None = None) -> EvalReport:
    """Score `find_quotes` against PolNeAR `split` ("train" or "dev")."""
    started = time.perf_counter()
    articles = read_gold(gold, split, limit)
    predicted = predict(articles)
    metrics, details = score(articles, predicted)
    return EvalReport(
        name="polnear",
        split=split,
        items=sum(len(a.attributions) for a in articles),
        metrics=metrics,
        details={"articles": len(articles), **details},
        seconds=time.perf_counter() - started,
        inputs=len(articles),
    )


def read_gold(gold: Path, split: str, limit: int | None) -> list[GoldArticle]:
    """The articles of `split`, each with its first annotator's attributions."""
    texts = gold / split / "text"
    if split not in ("train", "dev") or not texts.is_dir():
        raise EvaluationError(f"PolNeAR split {split!r} not found under {gold}: use train or dev")
    annotations: dict[str, Path] = {}
    for path in sorted((gold / split / "attributions").glob("*.ann")):
        annotations.setdefault(path.stem.rsplit("_", 1)[0], path)
    articles = []
    for path in sorted(texts.glob("*.txt")):
        if path.stem in annotations:
            text = path.read_text(encoding="utf-8")
            articles.append(GoldArticle(path.stem, text, read_ann(annotations[path.stem])))
        if limit is not None and len(articles) >= limit:
            break
    return articles


def read_ann(path: Path) -> tuple[Attribution, ...]:
    """The attribution relations of one BRAT file."""
    spans: dict[str, Offsets] = {}
    relations: list[dict[str, str]] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        fields = line.split("\t")
        if line.startswith("T") and len(fields) >= 2:
            offsets = fields[1].split(" ", 1)[1].replace(";", " ").split()
            if not all(o.isdigit() for o in offsets):
                raise EvaluationError(f"{path}:{number}: bad offsets {fields[1]!r}")
            spans[fields[0]] = (int(offsets[0]), int(offsets[-1]))
        elif line.startswith("E") and len(fields) >= 2:
            args = dict(a.split(":", 1) for a in fields[1].split())
            if args.keys() & set(GOLD_TYPES):
                relations.append(args)
    return tuple(
        Attribution(*(spans.get(r.get(part.capitalize(), "")) for part in PARTS)) for r in relations
    )


def predict(articles: Sequence[GoldArticle]) -> list[tuple[Attribution, ...]]:
    """Dyad's attributions for each article: the quotes `dyad.process` emits."""
    from dyad.evaluate.processed import Reader

    reader = Reader()
    result = []
    for processed in reader.read([a.text for a in articles]):
        quotes = processed.result.quotes if processed.result is not None else ()
        result.append(tuple(as_attribution(q, processed.to_raw) for q in quotes))
    return result


def outermost(found: Sequence[Attribution]) -> tuple[Attribution, ...]:
    """The attributions whose cue lies inside no other attribution's content."""
    return tuple(a for a in found if not any(_nested(a, other) for other in found))


def _nested(inner: Attribution, outer: Attribution) -> bool:
    if inner is outer or inner.cue is None or outer.content is None:
        return False
    return outer.content[0] <= inner.cue[0] and inner.cue[1] <= outer.content[1]


def as_attribution(quote: Quote, to_raw: Callable[[int], int] = int) -> Attribution:
    """A quote's spans in PolNeAR's terms (`to_raw` maps offsets onto the gold text)."""

    def offsets(span: ModelSpan | None) -> tuple[int, int] | None:
        return (to_raw(span.start), to_raw(span.end)) if span is not None else None

    return Attribution(offsets(quote.speaker_span), offsets(quote.cue), offsets(quote.content))


def score(
    articles: Sequence[GoldArticle], predicted: Sequence[tuple[Attribution, ...]]
) -> tuple[dict[str, float], dict[str, object]]:
    """Metrics per part and matching, summed over articles, and the counts behind them."""
    counts: dict[str, list[int]] = {}
    nested = 0
    for article, emitted in zip(articles, predicted, strict=True):
        found = outermost(emitted)
        nested += len(emitted) - len(found)
        for part in PARTS:
            gold = [s for a in article.attributions if (s := getattr(a, part)) is not None]
            pred = [s for a in found if (s := getattr(a, part)) is not None]
            for matching in ("exact", "overlap"):
                hits = match(article.text, gold, pred, exact=matching == "exact")
                _add(counts, f"{part}_{matching}", hits, len(pred), len(gold))
        hits = len(_relations(article.attributions, found))
        _add(counts, "relation_overlap", hits, len(found), len(article.attributions))
    metrics: dict[str, float] = {}
    for key, (hits, n_pred, n_gold) in counts.items():
        precision = hits / n_pred if n_pred else 0.0
        recall = hits / n_gold if n_gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        metrics |= {f"{key}_p": precision, f"{key}_r": recall, f"{key}_f1": f1}
    return {k: round(v, 4) for k, v in sorted(metrics.items())}, {
        "counts": counts,
        "nested": nested,
    }


def _add(counts: dict[str, list[int]], key: str, hits: int, n_pred: int, n_gold: int) -> None:
    row = counts.setdefault(key, [0, 0, 0])
    row[0] += hits
    row[1] += n_pred
    row[2] += n_gold


def _trim(text: str, span: Offsets) -> Offsets:
    """`span` without spaces and ,.;: at its ends (a cue that is only ":" stays as it is)."""
    start, end = span
    while start < end and text[start] in TRIM:
        start += 1
    while end > start and text[end - 1] in TRIM:
        end -= 1
    return (start, end) if end > start else span


def _overlap(a: Offsets, b: Offsets) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def match(text: str, gold: Iterable[Offsets], pred: Iterable[Offsets], *, exact: bool) -> int:
    """One-to-one matches between gold and predicted spans, largest overlaps first."""
    gold_list = [_trim(text, g) for g in gold]
    pred_list = [_trim(text, p) for p in pred]
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    for j, p in enumerate(pred_list):  # identical spans first, so overlap never scores lower
        i = next((i for i, g in enumerate(gold_list) if g == p and i not in used_gold), None)
        if i is not None:
            used_gold.add(i)
            used_pred.add(j)
    if exact:
        return len(used_gold)
    pairs = sorted(
        ((_overlap(g, p), i, j) for i, g in enumerate(gold_list) for j, p in enumerate(pred_list)),
        reverse=True,
    )
    for size, i, j in pairs:
        if size > 0 and i not in used_gold and j not in used_pred:
            used_gold.add(i)
            used_pred.add(j)
    return len(used_gold)


def _relations(gold: Sequence[Attribution], found: Sequence[Attribution]) -> set[int]:
    """Gold attributions whose content and cue both overlap one predicted attribution's."""
    hits: set[int] = set()
    used: set[int] = set()
    for i, g in enumerate(gold):
        for j, p in enumerate(found):
            if j in used or not _both(g.content, p.content) or not _both(g.cue, p.cue):
                continue
            hits.add(i)
            used.add(j)
            break
    return hits


def _both(a: Offsets | None, b: Offsets | None) -> bool:
    return a is not None and b is not None and _overlap(a, b) > 0
