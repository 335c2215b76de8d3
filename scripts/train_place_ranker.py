"""Fit the place ranker's weights on the development halves of LGL and GeoVirus.

    python scripts/train_place_ranker.py --data-dir ../shared/data [--write]

Every gold toponym of a development article with candidates both within and beyond 161 km of
the gold point is a training case: the near candidates are right, the far ones wrong. The
model is a conditional logit (a softmax over each name's candidates; the probability of the
right ones is maximised) with an L2 penalty, fitted with scipy (installed with the `dev`
extras' scikit-learn), starting from the hand-weighted score. At run time the score of a
candidate is a dot product: nothing here is needed. Only the "dev" half is read; the
weights go to `src/dyad/data/places/ranker.json` with `--write`.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
from scipy.optimize import minimize

from dyad.evaluate.geoparsing import CORPORA, THRESHOLD_KM, distance_km, in_split, read_corpus
from dyad.extract.places import load_gazetteer
from dyad.extract.places.names import normalise
from dyad.extract.places.ranker import FEATURES
from dyad.extract.places.resolve import article_context

OUT = Path(__file__).resolve().parents[1] / "src" / "dyad" / "data" / "places" / "ranker.json"


def cases(data_dir: Path, split: str) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """(candidate features, which candidates are right) of each gold toponym of `split`."""
    gazetteer = load_gazetteer()
    rows: list[np.ndarray] = []
    targets: list[np.ndarray] = []
    for corpus, filename in CORPORA:
        for article in read_corpus(data_dir / "geoparsing" / filename, corpus):
            if not in_split(article.id, split):
                continue
            names = [(t.span.text, t.span.start) for t in article.toponyms]
            context = article_context(names, article.text, gazetteer)
            if context.table is None:
                continue
            where = {k: m for m, k in enumerate(context.found)}
            for gold in article.toponyms:
                m = where.get(normalise(gold.span.text))
                if m is None:
                    continue
                lo, hi = context.table.bounds[m]
                km = [
                    distance_km(c.place.lat, c.place.lon, gold.lat, gold.lon)
                    for c in context.table.options[m]
                ]
                near = np.array(km) <= THRESHOLD_KM
                if near.any() and not near.all():
                    rows.append(context.features[lo:hi])
                    targets.append(near)
    return rows, targets


def fit(rows: list[np.ndarray], targets: list[np.ndarray], penalty: float) -> np.ndarray:
    """Weights maximising the probability of the right candidates, softmax per name."""
    x = np.vstack(rows)
    right = np.concatenate(targets).astype(float)
    sizes = [len(r) for r in rows]
    starts = np.cumsum([0, *sizes[:-1]])
    case = np.repeat(np.arange(len(rows)), sizes)

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        s = x @ w
        e = np.exp(s - np.maximum.reduceat(s, starts)[case])
        total, good = np.add.reduceat(e, starts), np.add.reduceat(e * right, starts)
        p_all, p_right = e / total[case], e * right / good[case]
        value = -(np.log(good) - np.log(total)).sum() + penalty * w @ w
        return value, -((p_right - p_all)[:, None] * x).sum(axis=0) + 2 * penalty * w

    start = np.array([1.0 if f == "hand_score" else 0.0 for f in FEATURES])
    return minimize(loss, start, jac=True, method="L-BFGS-B").x


def accuracy(rows: list[np.ndarray], targets: list[np.ndarray], coef: np.ndarray) -> float:
    hits = [bool(t[int(np.argmax(x @ coef))]) for x, t in zip(rows, targets, strict=True)]
    return sum(hits) / max(1, len(hits))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=Path("../shared/data"))
    parser.add_argument("--penalty", type=float, default=10.0, help="L2 penalty")
    parser.add_argument("--write", action="store_true", help=f"write {OUT.name}")
    args = parser.parse_args()
    rows, targets = cases(args.data_dir, "dev")
    # Two folds of the dev half by case order, to choose the penalty without touching the test half.
    half = len(rows) // 2
    hand = np.array([1.0 if f == "hand_score" else 0.0 for f in FEATURES])
    for penalty in (1.0, 10.0, 30.0, 100.0):
        a = accuracy(rows[half:], targets[half:], fit(rows[:half], targets[:half], penalty))
        b = accuracy(rows[:half], targets[:half], fit(rows[half:], targets[half:], penalty))
        print(f"penalty {penalty}: two-fold accuracy among ambiguous names {(a + b) / 2:.3f}")
    coef = fit(rows, targets, args.penalty)
    print(
        f"{len(rows)} ambiguous dev cases; hand score {accuracy(rows, targets, hand):.3f}, "
        f"fitted {accuracy(rows, targets, coef):.3f} (in sample)"
    )
    weights = {f: round(float(v), 4) for f, v in zip(FEATURES, coef, strict=True)}
    print(json.dumps(weights, indent=1))
    if args.write:
        about = (
            "Fitted by scripts/train_place_ranker.py on the dev halves of LGL and GeoVirus "
            f"({len(rows)} ambiguous toponyms), L2 penalty {args.penalty}"
        )
        OUT.write_text(json.dumps({"about": about, "weights": weights}, indent=2) + "\n")


if __name__ == "__main__":
    main()
