"""Who and whom: source and target actor spans on ConfliBERT's cameo_ner sentences.

Gold: `cameo_ner/train.txt`, CoNLL `token TAG` with B/I-S (source, who), B/I-T (target, whom)
and B/I-R (an actor that is both, "X will meet Y"); R counts as source and as target.

What is scored is what a user gets: each sentence goes through the pipeline as `dyad.process`
reads it (`evaluate.processed`), and the spans of the actors (source, S) and recipients
(target, T) of every event it emits are mapped onto the gold tokens.

Diagnostic (`diag_clause_*`, not gated): an evaluation-only reader that runs `find_actors`
and then one rule picks the source and the target, which the product does not do:
- the main verb is the root of the parse; a mention on the subject side of it (inside the
  subject, or the agent of a passive) is a source candidate, any other mention under the root
  (objects, prepositional objects, clausal complements: "Assad said Turkey must mediate") a
  target candidate; a passive subject is a target;
- of each side the candidate highest in the tree wins (ties: the leftmost), and each further
  conjunct of it ("prisoners and detainees") too;
- the mention is widened to its noun phrase (determiner, modifiers and prepositional
  attachments, not relative clauses or conjuncts), since gold marks whole phrases.

Metrics: token-level precision/recall/F1 of source and target tokens (micro over both), and
span-level exact-match F1 (boundaries and role), plus overlap F1 (a predicted span counts if
it overlaps a gold span of its role). Split: sentences whose text hashes (sha256) to an even
first byte are "dev" (tuning), the others "test" (held out); "all" scores both.
"""

from __future__ import annotations

import hashlib
import itertools
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dyad.errors import EvaluationError
from dyad.evaluate import EvalReport
from dyad.lexicon import words
from dyad.model import ActorMention, Article

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from dyad.evaluate.processed import Processed, Reader

FILE = Path("cameo_ner") / "train.txt"
SUBJECT = frozenset({"nsubj", "csubj", "expl"})
PASSIVE_SUBJECT = frozenset({"nsubjpass", "csubjpass"})
OBJECT_SIDE = frozenset(
    {"dobj", "dative", "iobj", "prep", "pobj", "attr", "oprd", "ccomp", "xcomp", "acomp", "obj"}
)
CUT = frozenset({"relcl", "advcl", "parataxis"})
CLIMB = frozenset(
    {"compound", "amod", "poss", "nmod", "case", "pobj", "prep", "agent", "acl", "appos", "conj"}
)
NOUNISH = frozenset({"NOUN", "PROPN", "PRON", "NUM"})
SYMMETRIC = frozenset(words("evaluate.cameo_ner", "symmetric"))
CLIMB_PREPS = frozenset({"of", "from", "by", "in"})
KEPT_PREPS = frozenset({"of", "in", "from", "to", "near", "at"})
REPORTING = frozenset(words("evaluate.cameo_ner", "reporting"))

Spans = set[tuple[int, int, str]]  # (first token, last token + 1, role "S" or "T")


@dataclass(frozen=True, slots=True)
class Sentence:
    """One gold sentence: its tokens and the gold source/target spans over them."""

    tokens: tuple[str, ...]
    gold: frozenset[tuple[int, int, str]]

    @property
    def text(self) -> str:
        return "".join(
            glue + token for glue, token in zip(_glue(self.tokens), self.tokens, strict=True)
        )

    def offsets(self) -> list[tuple[int, int]]:
        spans, at = [], 0
        for glue, token in zip(_glue(self.tokens), self.tokens, strict=True):
            at += len(glue)
            spans.append((at, at + len(token)))
            at += len(token)
        return spans


NO_SPACE_BEFORE = frozenset({",", ".", ";", ":", "?", "!", ")", "%", "'s", "’s", "n't", "'", "’"})
NO_SPACE_AFTER = frozenset({"(", "$", "“"})


def _glue(tokens: tuple[str, ...]) -> list[str]:
    """The text between tokens, undoing the gold tokenisation: "Arabia ’ s" -> "Arabia’s"."""
    glue = [""]
    for before, token in itertools.pairwise(tokens):
        joined = token in NO_SPACE_BEFORE or before in NO_SPACE_AFTER
        joined = joined or (before in ("'", "’") and token == "s")
        joined = joined or (token == "-" or before == "-")
        glue.append("" if joined else " ")
    return glue


def split_of(text: str) -> str:
    """ "dev" or "test", fixed by a hash of the sentence."""
    return "dev" if hashlib.sha256(text.encode()).digest()[0] % 2 == 0 else "test"


def read_gold(gold: Path, split: str, limit: int | None = None) -> list[Sentence]:
    """The gold sentences of `split` ("dev", "test" or "all"), in file order."""
    if split not in ("dev", "test", "all"):
        raise EvaluationError(f"cameo_ner split {split!r} unknown: use dev, test or all")
    path = gold / FILE
    if not path.is_file():
        raise EvaluationError(f"{path} not found: the conflibert-cameo gold file is missing")
    sentences = [s for s in _sentences(path) if split in ("all", split_of(s.text))]
    return sentences[:limit] if limit is not None else sentences


def _sentences(path: Path) -> Iterator[Sentence]:
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        rows = [line.rsplit(" ", 1) for line in block.splitlines() if line.strip()]
        if rows:
            tokens = tuple(r[0] for r in rows)
            yield Sentence(tokens, frozenset(_bio_spans([r[-1] for r in rows])))


def _bio_spans(tags: list[str]) -> Iterator[tuple[int, int, str]]:
    start, role = None, None
    for i, tag in enumerate([*tags, "O"]):
        if start is not None and not (tag.startswith("I-") and tag[2:] == role):
            roles = ("S", "T") if role == "R" else (role,)
            yield from ((start, i, r) for r in roles if r)
            start = None
        if tag.startswith("B-") or (tag.startswith("I-") and start is None):
            start, role = i, tag[2:]


def evaluate(gold: Path, *, split: str = "dev", limit: int | None = None) -> EvalReport:
    """Score the actors and recipients of the events Dyad emits; `diag_` the clause reader."""
    from dyad.evaluate.processed import Reader

    started = time.perf_counter()
    sentences = read_gold(gold, split, limit)
    reader = Reader()
    texts = [s.text for s in sentences]
    predicted = [
        _to_gold_tokens(s, emitted_roles(p))
        for s, p in zip(sentences, reader.read(texts), strict=True)
    ]
    metrics = score([s.gold for s in sentences], predicted)
    clauses = _clause_reading(sentences, reader)
    diagnostic = score([s.gold for s in sentences], clauses)
    metrics.update({f"diag_clause_{k}": v for k, v in diagnostic.items()})
    details = {
        "reader": reader.kind,
        "rejected": reader.rejected,
        "errors": _errors(sentences, predicted),
    }
    return EvalReport(
        "cameo_ner", split, len(sentences), metrics, details, time.perf_counter() - started
    )


def emitted_roles(processed: Processed) -> list[tuple[int, int, str]]:
    """(first char, end char, "S"/"T") of every actor and recipient of the emitted events."""
    if processed.result is None:
        return []
    raw = processed.to_raw
    return sorted(
        {
            (raw(m.span.start), raw(m.span.end), role)
            for event in processed.result.events
            for role, mentions in (("S", event.actors), ("T", event.recipients))
            for m in mentions
        }
    )


def _clause_reading(sentences: list[Sentence], reader: Reader) -> list[Spans]:
    """The diagnostic reader: actor mentions placed by `choose_roles` on the root clause."""
    from dyad.extract.actors import find_actors

    nlp, dictionary = reader.resources.nlp, reader.resources.actors
    out: list[Spans] = []
    for sentence, doc in zip(sentences, nlp.pipe(s.text for s in sentences), strict=True):
        article = Article(id="cameo", text=sentence.text, date=None)
        mentions = find_actors(doc, article, dictionary)
        out.append(_to_gold_tokens(sentence, choose_roles(doc, mentions)))
    return out


def choose_roles(doc: Doc, mentions: tuple[ActorMention, ...]) -> list[tuple[int, int, str]]:
    """(first char, end char, "S"/"T") of the source and target phrases of a sentence."""
    main = main_verb(doc)
    sides: dict[str, list[tuple[int, int, Token, ActorMention]]] = {"S": [], "T": []}
    for mention in mentions:
        span = doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
        if span is None:
            continue
        side, depth = _side(span.root, main)
        if side:
            sides[side].append((depth, span.root.i, span.root, mention))
    chosen = []
    source_id = None
    for role in ("S", "T"):
        found = [
            c for c in sides[role] if role == "S" or not source_id or c[3].actor_id != source_id
        ]
        if not found:
            continue
        _, _, token, mention = min(found, key=lambda c: (c[0], c[1]))
        source_id = mention.actor_id if role == "S" else source_id
        first, last = _phrase(_top_noun(token, main))
        if first < main.i < last:
            last = main.left_edge.i  # a noun root whose verb is the main event
        chosen.append((doc[first].idx, doc[last - 1].idx + len(doc[last - 1]), role))
    return _symmetric(doc, main, chosen)


def _symmetric(
    doc: Doc, main: Token, chosen: list[tuple[int, int, str]]
) -> list[tuple[int, int, str]]:
    """ "Trump and King Abdullah will gather": a joint subject of a meeting is both roles."""
    sources = [c for c in chosen if c[2] == "S"]
    if main.lemma_.lower() not in SYMMETRIC or len(sources) != 1:
        return chosen
    span = doc.char_span(sources[0][0], sources[0][1], alignment_mode="expand")
    if span is None or not any(t.dep_ == "conj" for t in span):
        return chosen
    return [sources[0], (sources[0][0], sources[0][1], "T")]


def main_verb(doc: Doc) -> Token:
    """The verb of the sentence's main event.

    The root; but for "X will meet Y, officials said" the verb of what was said; for a root
    passive without agent ("two people were killed when ISIL attacked...") the verb of the
    clause that names the attacker; for a noun root with a verb attached (a misparse of "The
    Iraqi air force carried out...") that verb."""
    root = next(iter(doc.sents)).root
    children = {c.dep_: c for c in reversed(list(root.children))}
    if root.pos_ in ("NOUN", "PROPN") and "acl" in children:
        return children["acl"]
    if root.lemma_.lower() in REPORTING:
        said = children.get("ccomp") or children.get("parataxis")
        speaker = next((c for c in root.children if c.dep_ in SUBJECT), None)
        if said is not None and speaker is not None and said.i < speaker.i:
            return said
    clause = children.get("advcl")
    passive = "nsubjpass" in children and "agent" not in children
    if passive and clause is not None and any(c.dep_ in SUBJECT for c in clause.children):
        return clause
    return root


def _side(token: Token, main: Token) -> tuple[str | None, int]:
    """Which side of the main verb `token` hangs from, and how deep."""
    path = [token]
    while path[-1].head.i != main.i:
        if path[-1].head.i == path[-1].i:
            return _noun_root_side(path, main)
        path.append(path[-1].head)
    if token.i == main.i:
        return None, 0
    link = path[-1]
    if link.dep_ in ("aux", "auxpass") and len(path) > 1:
        link = path[-2]  # "Kingdom" <-nsubj- "have" <-aux- "opposed": a misparse
    if link.dep_ in SUBJECT or link.dep_ == "agent":
        return "S", len(path) - 1
    if link.dep_ in PASSIVE_SUBJECT or link.dep_ in OBJECT_SIDE:
        return "T", len(path) - 1
    return None, len(path) - 1


def _noun_root_side(path: list[Token], main: Token) -> tuple[str | None, int]:
    """The subject side of a noun root that `main` hangs from as acl ("The air force carried")."""
    if main.dep_ == "acl" and path[-1].i == main.head.i:
        return "S", len(path) - 1
    return None, len(path) - 1


def _top_noun(token: Token, main: Token) -> Token:
    """The widest noun phrase around a mention below the main verb: "an arms depot of the
    Syrian army", "the missiles fired by the Israeli military"."""
    node = best = token
    while node.dep_ in CLIMB and node.head.i != node.i and node.head.i != main.i:
        node = node.head
        if node.pos_ in NOUNISH:
            best = node
        elif node.dep_ == "prep" and node.lower_ not in CLIMB_PREPS:
            break  # "attacks on the Syrian army": the army is the target, not the attacks
        elif node.dep_ not in ("prep", "agent", "acl") or node.tag_ == "VB":
            break
    return best


def _phrase(head: Token) -> tuple[int, int]:
    """Token range of the noun phrase of `head`: modifiers, conjuncts, appositions and
    "of/in/from" attachments; not relative clauses, infinitives, nor dates ("on Sunday")."""
    first, last = head.i, head.i + 1
    for child in head.children:
        if _cut(child, head):
            continue
        a, b = _phrase(child)
        first, last = min(first, a), max(last, b)
    doc = head.doc
    if last < len(doc) and doc[last].text == ")" and "(" in {t.text for t in doc[first:last]}:
        last += 1
    while last - 1 > first and doc[last - 1].is_punct and doc[last - 1].text != ")":
        last -= 1
    return first, last


def _cut(child: Token, head: Token) -> bool:
    if child.dep_ in CUT or (child.dep_ == "acl" and child.tag_ == "VB"):
        return True
    if all(t.ent_type_ in ("DATE", "TIME") for t in child.subtree):
        return True
    if child.dep_ != "prep":
        return False
    person = head.ent_type_ == "PERSON" and child.lower_ in ("in", "at", "near")
    return person or not _kept_prep(child)


def _kept_prep(prep: Token) -> bool:
    timed = any(t.ent_type_ in ("DATE", "TIME") for t in prep.subtree)
    return prep.lower_ in KEPT_PREPS and not timed


def _to_gold_tokens(sentence: Sentence, chosen: list[tuple[int, int, str]]) -> Spans:
    offsets = sentence.offsets()
    spans = set()
    for start, end, role in chosen:
        inside = [i for i, (a, b) in enumerate(offsets) if a < end and b > start]
        if inside:
            spans.add((inside[0], inside[-1] + 1, role))
    return spans


def score(gold: list[frozenset[tuple[int, int, str]]], predicted: list[Spans]) -> dict[str, float]:
    """Token-level F1 per role and overall, span exact-match and span overlap F1."""
    # per measure: [true positives among predicted, predicted, true positives among gold, gold]
    counts = {
        key: [0, 0, 0, 0] for key in ("source_token", "target_token", "token", "span", "overlap")
    }
    for g, p in zip(gold, predicted, strict=True):
        for role, key in (("S", "source_token"), ("T", "target_token")):
            gt = {i for a, b, r in g if r == role for i in range(a, b)}
            pt = {i for a, b, r in p if r == role for i in range(a, b)}
            for name in (key, "token"):
                _add(counts[name], len(gt & pt), len(pt), len(gt & pt), len(gt))
        _add(counts["span"], len(g & p), len(p), len(g & p), len(g))
        hit_p = sum(1 for s in p if any(_overlap(s, t) for t in g))
        hit_g = sum(1 for t in g if any(_overlap(s, t) for s in p))
        _add(counts["overlap"], hit_p, len(p), hit_g, len(g))
    metrics: dict[str, float] = {}
    for key, (tp_p, n_p, tp_g, n_g) in counts.items():
        precision, recall = tp_p / n_p if n_p else 0.0, tp_g / n_g if n_g else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        metrics[f"{key}_f1"] = round(f1, 4)
        if key in ("token", "span"):
            metrics[f"{key}_precision"] = round(precision, 4)
            metrics[f"{key}_recall"] = round(recall, 4)
    return metrics


def _add(cell: list[int], *values: int) -> None:
    for k, value in enumerate(values):
        cell[k] += value


def _overlap(a: tuple[int, int, str], b: tuple[int, int, str]) -> bool:
    return a[2] == b[2] and a[0] < b[1] and b[0] < a[1]


def _errors(sentences: list[Sentence], predicted: list[Spans]) -> list[dict[str, Any]]:
    def show(tokens: tuple[str, ...], spans: Spans | frozenset[tuple[int, int, str]]) -> list[str]:
        return [f"{r}:{' '.join(tokens[a:b])}" for a, b, r in sorted(spans)]

    return [
        {"text": s.text[:160], "gold": show(s.tokens, s.gold), "dyad": show(s.tokens, p)}
        for s, p in zip(sentences, predicted, strict=True)
        if set(s.gold) != p
    ][:40]
