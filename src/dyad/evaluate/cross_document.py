"""Cross-document event grouping on ECB+ (topics 1-25): do Dyad's event groups match the
corpus's cross-document event coreference?

Each ECB+ document is read by the real pipeline (no publication date: ECB+ gives none),
written to a temporary store and grouped with `update_groups`, as `dyad ingest` does. Gold
event mentions are the ACTION_* and NEG_ACTION_* markables in the sentences listed in
`ECBplus_coreference_sentences.csv`; their cluster is the CROSS_DOC_COREF instance, else the
INTRA_DOC_COREF chain, else the mention alone. A Dyad mention (an evidence trigger) aligns
with the gold mention it overlaps most (one to one).

Scores, on the aligned mentions: MUC, B-cubed and CEAF-e F1 and their mean, CoNLL F1; the
fraction of gold mentions Dyad found (`mention_recall`); and `subtopics_kept_apart`, the
share of Dyad's cross-document groups within one topic whose documents all come from one of
its two sub-topics (ECB vs ECB+, two similar but different events). `conll_f1_singletons`
in the details is the score of leaving every aligned mention alone, for comparison.

Splits: "train" is topics 1-22 (the usual training topics; grouping was tuned on them),
"dev" topics 23-25 (held out while tuning), "all" both. `limit` caps the documents read,
whole topics at a time.
"""

from __future__ import annotations

import csv
import logging
import tempfile
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dyad.errors import EvaluationError
from dyad.evaluate import EvalReport
from dyad.model import Article, ArticleResult

log = logging.getLogger(__name__)

SPLITS = {"train": range(1, 23), "dev": range(23, 26), "all": range(1, 26)}
EVENT_TAGS = ("ACTION_", "NEG_ACTION_")


@dataclass(frozen=True, slots=True)
class GoldMention:
    start: int
    end: int
    cluster: str


@dataclass(frozen=True, slots=True)
class GoldDoc:
    id: str  # "23_1ecb"
    topic: int
    subtopic: str  # "ecb" or "ecbplus"
    text: str
    mentions: tuple[GoldMention, ...]


def evaluate(gold: Path, *, split: str = "dev", limit: int | None = None) -> EvalReport:
    """Score Dyad's cross-document grouping against ECB+ `split`."""
    if split not in SPLITS:
        raise EvaluationError(f"ecbplus has splits {sorted(SPLITS)}, not {split!r}")
    started = time.perf_counter()
    docs = read_gold(gold, SPLITS[split], limit)
    system, groups = run_dyad(docs)
    gold_of, system_of = align(docs, system)
    metrics = coreference_scores(gold_of, system_of)
    found = len(gold_of) / max(sum(len(d.mentions) for d in docs), 1)
    metrics["mention_recall"] = round(found, 4)
    metrics["subtopics_kept_apart"] = round(kept_apart(docs, groups), 4)
    singletons = coreference_scores(gold_of, {m: str(m) for m in gold_of})
    return EvalReport(
        name="ecbplus",
        split=split,
        items=len(docs),
        metrics=metrics,
        details={
            "gold_mentions": sum(len(d.mentions) for d in docs),
            "aligned": len(gold_of),
            "dyad_mentions": len(system),
            "dyad_groups": len(set(system.values())),
            "topics": sorted({d.topic for d in docs}),
            "conll_f1_singletons": singletons["conll_f1"],
        },
        seconds=time.perf_counter() - started,
    )


def read_gold(gold: Path, topics: range, limit: int | None) -> list[GoldDoc]:
    """The documents of `topics`, whole topics until `limit` documents are read."""
    folder = gold / "ECB+"
    if not folder.is_dir():
        raise EvaluationError(f"no ECB+ folder in {gold}: expected {folder}")
    selected = _selected_sentences(gold / "ECBplus_coreference_sentences.csv")
    docs: list[GoldDoc] = []
    for topic in topics:
        if limit is not None and len(docs) >= limit:
            break
        for path in sorted((folder / str(topic)).glob("*.xml")):
            docs.append(read_document(path, topic, selected))
    return docs


def read_document(path: Path, topic: int, selected: dict[str, set[int]]) -> GoldDoc:
    """One CROMER XML file: its text (a sentence per line) and gold event mentions."""
    root = ET.parse(path).getroot()
    doc_id = path.stem
    subtopic = "ecbplus" if doc_id.endswith("ecbplus") else "ecb"
    offsets, text = _text(root, skip_first=subtopic == "ecbplus")
    sentence_of = {t.get("t_id"): int(t.get("sentence", "0")) for t in root.iter("token")}
    keep = selected.get(doc_id, set())
    clusters = _clusters(root, doc_id)
    mentions = []
    for markable in root.find("Markables") or []:
        anchors = [a.get("t_id") for a in markable.iter("token_anchor")]
        if not markable.tag.startswith(EVENT_TAGS) or not anchors:
            continue
        if sentence_of.get(anchors[0]) not in keep or anchors[0] not in offsets:
            continue
        spans = [offsets[a] for a in anchors if a in offsets]
        m_id = markable.get("m_id", "")
        cluster = clusters.get(m_id, f"{doc_id}:{m_id}")
        mentions.append(GoldMention(spans[0][0], spans[-1][1], cluster))
    return GoldDoc(doc_id, topic, subtopic, text, tuple(mentions))


def run_dyad(
    docs: Sequence[GoldDoc],
) -> tuple[dict[tuple[str, int, int], str], dict[str, set[str]]]:
    """Read, store and group `docs`: each trigger's group, and each group's documents."""
    from dyad.grouping.stored import event_groups, update_groups
    from dyad.pipeline import load_resources, process_batch
    from dyad.store import open_store

    resources = load_resources()
    articles = [Article(d.id, d.text, None, source=f"ECB+ {d.id}", origin=d.id) for d in docs]
    results = [
        r
        for i in range(0, len(articles), 16)
        for r in process_batch(articles[i : i + 16], resources)
        if isinstance(r, ArticleResult)
    ]
    with tempfile.TemporaryDirectory() as folder, open_store(Path(folder) / "e.db") as store:
        run = store.start_run("eval ecbplus", pipeline_version="eval", model_version=None)
        store.add_batch(results, run_id=run, pipeline_version="eval", model_version=None)
        update_groups(store, [a.id for a in articles])
        group_of = {e: g.id for g in event_groups(store, limit=10**6) for e in g.event_ids}
        docs_of = {g.id: set(g.article_ids) for g in event_groups(store, limit=10**6)}
    system: dict[tuple[str, int, int], str] = {}
    for result in results:
        for event in result.events:
            for evidence in event.evidence:
                key = (event.article_id, evidence.trigger.start, evidence.trigger.end)
                system[key] = group_of[event.id]
    return system, docs_of


def align(
    docs: Sequence[GoldDoc], system: dict[tuple[str, int, int], str]
) -> tuple[dict[tuple[str, int], str], dict[tuple[str, int], str]]:
    """Gold and Dyad clusters of the gold mentions a Dyad trigger overlaps (one to one)."""
    by_doc: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for (doc_id, start, end), group in system.items():
        by_doc[doc_id].append((start, end, group))
    gold_of: dict[tuple[str, int], str] = {}
    system_of: dict[tuple[str, int], str] = {}
    for doc in docs:
        pairs = []
        for i, m in enumerate(doc.mentions):
            for j, (start, end, _) in enumerate(by_doc.get(doc.id, [])):
                overlap = min(end, m.end) - max(start, m.start)
                if overlap > 0:
                    pairs.append((-overlap, i, j))
        used_gold: set[int] = set()
        used_system: set[int] = set()
        for _, i, j in sorted(pairs):
            if i in used_gold or j in used_system:
                continue
            used_gold.add(i)
            used_system.add(j)
            gold_of[(doc.id, i)] = doc.mentions[i].cluster
            system_of[(doc.id, i)] = by_doc[doc.id][j][2]
    return gold_of, system_of


def kept_apart(docs: Sequence[GoldDoc], groups: dict[str, set[str]]) -> float:
    """Share of cross-document groups within one topic that stay in one sub-topic."""
    info = {d.id: (d.topic, d.subtopic) for d in docs}
    crossing = [
        {info[a] for a in articles}
        for articles in groups.values()
        if len(articles) > 1 and len({info[a][0] for a in articles}) == 1
    ]
    if not crossing:
        return 1.0
    return sum(len(subtopics) == 1 for subtopics in crossing) / len(crossing)


def coreference_scores(gold: dict[Any, str], system: dict[Any, str]) -> dict[str, float]:
    """MUC, B-cubed, CEAF-e F1 and CoNLL F1 of `system` clusters against `gold` ones."""
    key = _clusters_of(gold)
    response = _clusters_of(system)
    muc = _f1(_muc(response, gold), _muc(key, system))
    b3 = _b_cubed(gold, system)
    ceaf = _ceaf_e(key, response)
    return {
        "muc_f1": round(muc, 4),
        "b3_precision": round(b3[0], 4),
        "b3_recall": round(b3[1], 4),
        "b3_f1": round(b3[2], 4),
        "ceafe_f1": round(ceaf, 4),
        "conll_f1": round((muc + b3[2] + ceaf) / 3, 4),
    }


def _clusters_of(labels: dict[Any, str]) -> list[set[Any]]:
    out: dict[str, set[Any]] = defaultdict(set)
    for mention, label in labels.items():
        out[label].add(mention)
    return list(out.values())


def _muc(clusters: list[set[Any]], other: dict[Any, str]) -> float:
    """MUC recall of `clusters` against the partition `other` (precision with roles swapped)."""
    num = den = 0
    for cluster in clusters:
        parts = {other.get(m, ("alone", m)) for m in cluster}
        num += len(cluster) - len(parts)
        den += len(cluster) - 1
    return num / den if den else 0.0


def _b_cubed(gold: dict[Any, str], system: dict[Any, str]) -> tuple[float, float, float]:
    gold_clusters = {label: c for c in _clusters_of(gold) for label in [gold[next(iter(c))]]}
    system_clusters = {label: c for c in _clusters_of(system) for label in [system[next(iter(c))]]}
    precision = recall = 0.0
    for m in gold:
        shared = len(gold_clusters[gold[m]] & system_clusters[system[m]])
        precision += shared / len(system_clusters[system[m]])
        recall += shared / len(gold_clusters[gold[m]])
    n = max(len(gold), 1)
    return precision / n, recall / n, _f1(precision / n, recall / n)


def _ceaf_e(key: list[set[Any]], response: list[set[Any]]) -> float:
    """Entity-based CEAF: the best one-to-one alignment of clusters by phi4 similarity."""
    if not key or not response:
        return 0.0
    weights = [[2 * len(k & r) / (len(k) + len(r)) for r in response] for k in key]
    total = _best_assignment(weights)
    return _f1(total / len(response), total / len(key))


def _best_assignment(weights: list[list[float]]) -> float:
    """Maximum total weight of a one-to-one matching of rows to columns (Hungarian method),
    solved per connected block of non-zero weights."""
    rows_of: dict[int, list[int]] = defaultdict(list)
    for i, row in enumerate(weights):
        for j, w in enumerate(row):
            if w > 0:
                rows_of[j].append(i)
    seen_rows: set[int] = set()
    total = 0.0
    for start in range(len(weights)):
        if start in seen_rows or not any(weights[start]):
            continue
        rows, cols = _block(start, weights, rows_of)
        seen_rows |= rows
        block = [[weights[i][j] for j in sorted(cols)] for i in sorted(rows)]
        total += _hungarian(block)
    return total


def _block(
    start: int, weights: list[list[float]], rows_of: dict[int, list[int]]
) -> tuple[set[int], set[int]]:
    rows, cols, todo = {start}, set(), [start]
    while todo:
        i = todo.pop()
        for j, w in enumerate(weights[i]):
            if w > 0 and j not in cols:
                cols.add(j)
                for k in rows_of[j]:
                    if k not in rows:
                        rows.add(k)
                        todo.append(k)
    return rows, cols


def _hungarian(weights: list[list[float]]) -> float:
    """Maximum weight assignment of a small dense matrix (rows may differ from columns)."""
    n, m = len(weights), len(weights[0])
    size = max(n, m)
    cost = [
        [-(weights[i][j] if i < n and j < m else 0.0) for j in range(size)] for i in range(size)
    ]
    u, v, match, way = [0.0] * (size + 1), [0.0] * (size + 1), [0] * (size + 1), [0] * (size + 1)
    for i in range(1, size + 1):
        match[0], j0 = i, 0
        low, used = [float("inf")] * (size + 1), [False] * (size + 1)
        while match[j0]:
            used[j0], i0, delta, j1 = True, match[j0], float("inf"), 0
            for j in range(1, size + 1):
                if not used[j]:
                    cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < low[j]:
                        low[j], way[j] = cur, j0
                    if low[j] < delta:
                        delta, j1 = low[j], j
            for j in range(size + 1):
                if used[j]:
                    u[match[j]] += delta
                    v[j] -= delta
                else:
                    low[j] -= delta
            j0 = j1
        while j0:
            j1 = way[j0]
            match[j0] = match[j1]
            j0 = j1
    return sum(-cost[match[j] - 1][j - 1] for j in range(1, size + 1) if match[j])


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def document_text(path: Path) -> str:
    """The text of one ECB+ document as `read_document` reads it (a sentence per line)."""
    root = ET.parse(path).getroot()
    return _text(root, skip_first=path.stem.endswith("ecbplus"))[1]


def _text(root: ET.Element, *, skip_first: bool) -> tuple[dict[str | None, tuple[int, int]], str]:
    """The document text, a sentence per line, and each token's character offsets."""
    offsets: dict[str | None, tuple[int, int]] = {}
    parts: list[str] = []
    length, sentence = 0, None
    for token in root.iter("token"):
        number = int(token.get("sentence", "0"))
        if skip_first and number == 0:
            continue  # ECB+ documents open with their web address as sentence 0
        word = token.text or ""
        sep = "" if not parts else ("\n" if number != sentence else " ")
        parts.append(sep + word)
        length += len(sep)
        offsets[token.get("t_id")] = (length, length + len(word))
        length += len(word)
        sentence = number
    return offsets, "".join(parts)


def _clusters(root: ET.Element, doc_id: str) -> dict[str, str]:
    """Gold cluster of each mention id: its cross-document instance, else its chain."""
    out: dict[str, str] = {}
    relations = root.find("Relations")
    for relation in relations if relations is not None else []:
        if relation.tag == "CROSS_DOC_COREF":
            label = relation.get("note", "")
        elif relation.tag == "INTRA_DOC_COREF":
            label = f"{doc_id}:chain:{relation.get('r_id')}"
        else:
            continue
        for source in relation.iter("source"):
            out.setdefault(source.get("m_id", ""), label)
    return out


def _selected_sentences(path: Path) -> dict[str, set[int]]:
    if not path.is_file():
        raise EvaluationError(f"{path} not found: it lists the sentences ECB+ scores")
    out: dict[str, set[int]] = defaultdict(set)
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            out[f"{row['Topic']}_{row['File']}"].add(int(row["Sentence Number"]))
    return out
