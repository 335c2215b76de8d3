"""Learn the event confidence model from the tuning part of the real-news event set.

    python scripts/train_confidence.py --data-dir ../shared/data [--write]

Every article of the set's tuning split is read as `dyad.process` reads it, but with the raw
confidence of the coder (no calibration); each emitted event is labelled right when it
matches a gold mention of a real (not generic) event of its type. A logistic regression over
`dyad.resolve.confidence.FEATURES` is fitted on those labels, its regularisation chosen by the
least out-of-fold log loss (five folds of the tuning split, by article). The threshold is the
one that maximises F0.5 of the shown events (precision counts twice as much as recall) on the
out-of-fold probabilities, among those that keep at least `--min-kept` of the right events
shown, the highest of those within 0.01 of the best. The held-out split is scored, never
fitted: its calibration and the precision of the shown events are printed beside the tuning
split's. `--write` writes the bundled `dyad/data/confidence.yaml`.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import sys
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss
from sklearn.model_selection import GroupKFold

from dyad.evaluate.processed import Reader
from dyad.evaluate.realnews import gold_file
from dyad.evaluate.realnews_gold import GoldArticle, hits_of, is_real, read_gold
from dyad.evaluate.realnews_texts import read_texts
from dyad.pipeline import load_resources
from dyad.resolve.confidence import FEATURES, event_features

TIE = 0.01  # F-beta scores this close to the best count as tied
FOLDS = 5  # folds of the tuning split, by article, for choosing C and the threshold
STRENGTHS = (0.03, 0.1, 0.3, 1.0, 3.0)  # inverse regularisation strengths tried
OUT = Path(__file__).resolve().parents[1] / "src/dyad/data/confidence.yaml"


def labelled(articles: list[GoldArticle], data_dir: Path, reader: Reader):
    """Feature rows, labels and article numbers of every event the product emits on
    `articles`."""
    found = read_texts(data_dir, [a.id for a in articles])
    texts = [found[a.id] for a in articles]
    read = reader.read(
        texts, dates=[a.date for a in articles], sources=[a.publisher for a in articles]
    )
    rows, labels, groups = [], [], []
    for number, (article, processed) in enumerate(zip(articles, read, strict=True)):
        if processed.result is None:
            continue
        for event in processed.result.events:
            features = event_features(event, processed.result.article.text)
            rows.append([features[name] for name in FEATURES])
            labels.append(is_real(hits_of(event, article, processed.to_raw)))
            groups.append(number)
    return np.array(rows), np.array(labels, dtype=int), np.array(groups)


def out_of_fold(x: np.ndarray, y: np.ndarray, groups: np.ndarray, c: float) -> np.ndarray:
    """Each tuning event's probability from a model fitted without its article's events."""
    result = np.zeros(len(y))
    for fit, held in GroupKFold(n_splits=FOLDS).split(x, y, groups):
        model = LogisticRegression(C=c, max_iter=2000).fit(x[fit], y[fit])
        result[held] = model.predict_proba(x[held])[:, 1]
    return result


def choose_c(x: np.ndarray, y: np.ndarray, groups: np.ndarray) -> tuple[float, np.ndarray]:
    """The regularisation of least out-of-fold log loss on the tuning split, with the
    out-of-fold probabilities it gives."""
    scored = []
    for c in STRENGTHS:
        probabilities = out_of_fold(x, y, groups, c)
        scored.append((log_loss(y, probabilities), c, probabilities))
        print(f"  C {c:<5} out-of-fold log loss {scored[-1][0]:.4f}", file=sys.stderr)
    _, c, probabilities = min(scored, key=lambda item: item[0])
    return c, probabilities


def best_threshold(
    probabilities: np.ndarray, labels: np.ndarray, beta: float = 0.5, min_kept: float = 0.0
) -> float:
    """The threshold of best F-beta among those keeping at least `min_kept` of the right
    events shown; F-beta is flat near its best, so the highest threshold within `TIE` of
    it is taken (precision breaks near-ties)."""
    scores: list[tuple[float, float]] = []
    total = labels.sum()
    for threshold in np.arange(0.2, 0.81, 0.01):
        shown = probabilities >= threshold
        if not shown.any():
            continue
        precision = labels[shown].mean()
        recall = labels[shown].sum() / max(total, 1)
        if recall < min_kept:
            continue
        score = (1 + beta**2) * precision * recall / max(beta**2 * precision + recall, 1e-9)
        scores.append((float(round(threshold, 2)), float(score)))
    if not scores:
        return 0.5
    best = max(score for _, score in scores)
    return max(threshold for threshold, score in scores if score >= best - TIE)


def report(name: str, probabilities: np.ndarray, labels: np.ndarray, threshold: float) -> None:
    shown = probabilities >= threshold
    print(
        f"{name}: {len(labels)} events, {labels.mean():.3f} right; shown {shown.mean():.3f}, "
        f"precision shown {labels[shown].mean():.3f}, right events kept "
        f"{labels[shown].sum() / max(labels.sum(), 1):.3f}; Brier "
        f"{np.mean((probabilities - labels) ** 2):.3f}",
        file=sys.stderr,
    )
    for low in np.arange(0.0, 1.0, 0.2):
        inside = (probabilities >= low) & (probabilities < low + 0.2)
        if inside.any():
            print(
                f"  p in [{low:.1f},{low + 0.2:.1f}): {inside.sum():4d} events, "
                f"mean p {probabilities[inside].mean():.2f}, right {labels[inside].mean():.2f}",
                file=sys.stderr,
            )


def write(model: LogisticRegression, threshold: float, n: int, positives: int) -> None:
    weights = {name: round(float(w), 3) for name, w in zip(FEATURES, model.coef_[0], strict=True)}
    lines = [
        "# Event confidence: probability = sigmoid(bias + sum of weight * feature), features in",
        "# dyad/resolve/confidence.py. Written by scripts/train_confidence.py; do not edit by",
        "# hand except to change the threshold.",
        f'source: "realnews tuning split: {n} events ({positives} right), '
        f'{dt.date.today().isoformat()}"',
        f"threshold: {threshold}",
        f"bias: {round(float(model.intercept_[0]), 3)}",
        "weights:",
        *(f"  {name}: {value}" for name, value in weights.items()),
    ]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {OUT}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=Path("../shared/data"))
    parser.add_argument("--write", action="store_true", help="write dyad/data/confidence.yaml")
    parser.add_argument(
        "--min-kept",
        type=float,
        default=0.63,
        help="least share of the right tuning events the threshold may keep shown (default "
        "0.63: hiding doubtful events costs at most about a third of the right ones)",
    )
    args = parser.parse_args(argv)
    articles = read_gold(gold_file())
    reader = Reader(dataclasses.replace(load_resources(), calibration=None))
    x_dev, y_dev, g_dev = labelled([a for a in articles if a.split == "dev"], args.data_dir, reader)
    x_test, y_test, _ = labelled([a for a in articles if a.split == "test"], args.data_dir, reader)
    c, p_folds = choose_c(x_dev, y_dev, g_dev)
    model = LogisticRegression(C=c, max_iter=2000).fit(x_dev, y_dev)
    p_dev, p_test = model.predict_proba(x_dev)[:, 1], model.predict_proba(x_test)[:, 1]
    threshold = best_threshold(p_folds, y_dev, min_kept=args.min_kept)
    print(
        f"C {c}; threshold {threshold} (F0.5 of the tuning split's out-of-fold probabilities,"
        f" keeping at least {args.min_kept:.2f} of its right events)",
        file=sys.stderr,
    )
    report("tuning, out of fold", p_folds, y_dev, threshold)
    report("tuning", p_dev, y_dev, threshold)
    report("held-out", p_test, y_test, threshold)
    for name, weight in sorted(zip(FEATURES, model.coef_[0], strict=True), key=lambda p: p[1]):
        print(f"  {name:16} {weight:+.3f}", file=sys.stderr)
    if args.write:
        write(model, threshold, len(y_dev), int(y_dev.sum()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
