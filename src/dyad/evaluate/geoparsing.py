"""Toponym resolution on LGL and GeoVirus: does each place name land on the right place?

Two measurements per corpus:
- diagnostic (`diag_` metrics, not gated: no user hands Dyad gold spans): resolution, given
  the gold toponym spans (no detection involved): accuracy within 161 km
  (100 miles), mean and median error in km, GeoNames id match (LGL only), and the share the
  gazetteer resolves at all. A gold toponym left unresolved counts as 20,039 km off (half the
  Earth's circumference), so mean and median do not flatter a system that abstains.
- the product: the places of the `ArticleResult` that `dyad.process` emits for the text
  (`evaluate.processed`): recall and precision of gold spans (any overlap counts), and
  end-to-end accuracy (a gold toponym found and resolved within 161 km).

Splits are deterministic halves by a hash of the article id (GeoVirus: of its source page, so
paragraphs of one page stay together): "dev" is the tuning half, "test" the held-out half,
"all" both. `limit` caps the articles read per corpus; `inputs` counts both corpora.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import math
import statistics
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from dyad.errors import EvaluationError
from dyad.evaluate import EvalReport
from dyad.extract.places import Gazetteer, resolve_toponyms
from dyad.model import PlaceMention, Span

if TYPE_CHECKING:
    from dyad.evaluate.processed import Processed, Reader

log = logging.getLogger(__name__)

THRESHOLD_KM = 161.0
UNRESOLVED_KM = 20_039.0
CORPORA = (("lgl", "lgl.xml"), ("geovirus", "GeoVirus.xml"))
DETECTION_ARTICLES = 60  # articles per corpus parsed with spaCy for the detection scores


@dataclass(frozen=True, slots=True)
class GoldToponym:
    span: Span
    lat: float
    lon: float
    geonameid: int | None


@dataclass(frozen=True, slots=True)
class GoldArticle:
    id: str
    text: str
    toponyms: tuple[GoldToponym, ...]


def evaluate(gold: Path, *, split: str = "dev", limit: int | None = None) -> EvalReport:
    """Score toponym resolution (gold spans) and detection (spaCy) on LGL and GeoVirus."""
    if split not in ("dev", "test", "all"):
        raise EvaluationError(f"unknown split {split!r}: use dev, test or all")
    from dyad.evaluate.processed import Reader

    started = time.perf_counter()
    reader = Reader()
    gazetteer = reader.resources.gazetteer
    metrics: dict[str, float] = {}
    details: dict[str, object] = {}
    items = read = 0
    for corpus, filename in CORPORA:
        articles = [a for a in read_corpus(gold / filename, corpus) if in_split(a.id, split)]
        articles = articles[:limit] if limit is not None else articles
        read += len(articles)
        scores, errors = score_resolution(articles, gazetteer)
        metrics.update({f"diag_{corpus}_{k}": v for k, v in scores.items()})
        details[f"{corpus}_errors"] = errors[:25]
        n_detect = min(len(articles), DETECTION_ARTICLES)
        detection = score_detection(articles[:n_detect], reader)
        metrics.update({f"{corpus}_{k}": v for k, v in detection.items()})
        items += int(scores["toponyms"])
    metrics["diag_acc161"] = _pooled(metrics, "acc161")
    seconds = time.perf_counter() - started
    return EvalReport("geoparsing", split, items, metrics, details, seconds, inputs=read)


def in_split(article_id: str, split: str) -> bool:
    """Deterministic halves: the first byte of the id's SHA-1, even for dev, odd for test."""
    if split == "all":
        return True
    odd = hashlib.sha1(article_id.encode()).digest()[0] % 2 == 1
    return odd if split == "test" else not odd


def read_corpus(path: Path, corpus: str) -> Iterator[GoldArticle]:
    """Articles of LGL (`lgl`) or GeoVirus (`geovirus`) with their gold toponyms."""
    if not path.is_file():
        raise EvaluationError(f"{path} not found: the geoparsing gold data is missing")
    root = ET.parse(path).getroot()
    for n, article in enumerate(root.iter("article")):
        text = article.findtext("text") or ""
        if corpus == "lgl":
            yield GoldArticle(
                article.get("docid", str(n)), text, tuple(_lgl_toponyms(article, text))
            )
        else:
            source = article.findtext("source") or str(n)
            yield GoldArticle(f"{source}#{n}", text, tuple(_geovirus_toponyms(article, text)))


def _lgl_toponyms(article: ET.Element, text: str) -> Iterator[GoldToponym]:
    for t in article.iter("toponym"):
        tag = t.find("gaztag")
        if tag is None or tag.findtext("lat") is None:
            continue
        start, end = int(t.findtext("start") or 0), int(t.findtext("end") or 0)
        gid = tag.get("geonameid")
        yield GoldToponym(
            Span(start, end, text[start:end]),
            float(tag.findtext("lat") or 0),
            float(tag.findtext("lon") or 0),
            int(gid) if gid else None,
        )


def _geovirus_toponyms(article: ET.Element, text: str) -> Iterator[GoldToponym]:
    for loc in article.iter("location"):
        # GeoVirus counts offsets from 1: the name is at start-1..end-1 (checked, else searched)
        start, end = int(loc.findtext("start") or 0) - 1, int(loc.findtext("end") or 0) - 1
        name = loc.findtext("name") or ""
        if text[start:end] != name and name in text:
            start = text.find(name, max(0, start - 5))
            start = start if start >= 0 else text.find(name)
            end = start + len(name)
        yield GoldToponym(
            Span(start, end, text[start:end]),
            float(loc.findtext("lat") or 0),
            float(loc.findtext("lon") or 0),
            None,
        )


def score_resolution(
    articles: list[GoldArticle], gazetteer: Gazetteer
) -> tuple[dict[str, float], list[dict[str, object]]]:
    """Resolution scores given the gold spans, and the largest errors for reading."""
    km: list[float] = []
    ids: list[bool] = []
    errors: list[dict[str, object]] = []
    started = time.perf_counter()
    for article in articles:
        spans = [t.span for t in article.toponyms]
        mentions = resolve_toponyms(article.text, spans, gazetteer)
        for gold, mention in zip(article.toponyms, mentions, strict=True):
            place = mention.place
            d = (
                UNRESOLVED_KM
                if place is None
                else distance_km(place.lat, place.lon, gold.lat, gold.lon)
            )
            km.append(d)
            if gold.geonameid is not None:
                ids.append(place is not None and place.geonameid == gold.geonameid)
            if d > THRESHOLD_KM:
                errors.append(_error(article, gold, place, d))
    seconds = time.perf_counter() - started
    errors.sort(key=lambda e: -float(e["km"]))  # type: ignore[arg-type]  # always a float
    return _summary(km, ids, len(articles), seconds), errors


def _summary(km: list[float], ids: list[bool], n_articles: int, seconds: float) -> dict[str, float]:
    if not km:
        return {"toponyms": 0.0}
    out = {
        "toponyms": float(len(km)),
        "acc161": sum(d <= THRESHOLD_KM for d in km) / len(km),
        "mean_km": statistics.fmean(km),
        "median_km": statistics.median(km),
        "resolved": sum(d < UNRESOLVED_KM for d in km) / len(km),
        "ms_per_article": 1000 * seconds / max(1, n_articles),
    }
    if ids:
        out["geonameid_match"] = sum(ids) / len(ids)
    return out


def _error(article: GoldArticle, gold: GoldToponym, place: object, d: float) -> dict[str, object]:
    got = None if place is None else f"{place.name} ({place.country}, {place.feature})"  # type: ignore[attr-defined]
    return {"article": article.id, "name": gold.span.text, "got": got, "km": round(d)}


def score_detection(articles: list[GoldArticle], reader: Reader) -> dict[str, float]:
    """Recall and precision of the toponym spans `dyad.process` emits, and end-to-end accuracy."""
    if not articles:
        return {}
    found = true_found = gold_n = matched = correct = 0
    started = time.perf_counter()
    for article, processed in zip(articles, reader.read([a.text for a in articles]), strict=True):
        mentions = emitted_places(processed)
        found += len(mentions)
        true_found += sum(any(_overlap(m.span, g.span) for g in article.toponyms) for m in mentions)
        gold_n += len(article.toponyms)
        for gold in article.toponyms:
            hit = [m for m in mentions if _overlap(m.span, gold.span)]
            matched += bool(hit)
            place = hit[0].place if hit else None
            if place and distance_km(place.lat, place.lon, gold.lat, gold.lon) <= THRESHOLD_KM:
                correct += 1
    return {
        "detect_recall": matched / max(1, gold_n),
        "detect_precision": true_found / max(1, found),
        "end_to_end_acc161": correct / max(1, gold_n),
        "ms_per_article_with_parse": 1000 * (time.perf_counter() - started) / len(articles),
    }


def emitted_places(processed: Processed) -> list[PlaceMention]:
    """The place mentions of a result, with spans as offsets into the gold text."""
    if processed.result is None:
        return []
    raw = processed.to_raw
    return [
        dataclasses.replace(m, span=Span(raw(m.span.start), raw(m.span.end), m.span.text))
        for m in processed.result.places
    ]


def _overlap(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, a)))


def _pooled(metrics: dict[str, float], name: str) -> float:
    """`name` over both corpora, weighted by their gold toponyms (of the gold-span diagnostic)."""
    sizes = {c: metrics.get(f"diag_{c}_toponyms", 0.0) for c, _ in CORPORA}
    total = sum(sizes.values())
    if not total:
        return 0.0
    return sum(metrics.get(f"diag_{c}_{name}", 0.0) * n for c, n in sizes.items()) / total
