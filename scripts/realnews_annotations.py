"""Turn working annotation files (spans as copied text) into the real-news event set (offsets).

    python scripts/realnews_annotations.py WORK_DIR --data-dir ../shared/data [--out FILE]
    python scripts/realnews_annotations.py WORK_DIR --data-dir ../shared/data --check

WORK_DIR holds one `NAME.jsonl` per article, written as `docs/annotating.md` says: NAME is a
PolNeAR name (as in `polnear/*/text/NAME.txt`), or the article id of another corpus with `__`
for each `/` (`lgl__40617483.jsonl` for `lgl/40617483`). Every span must be found: the
sentence exactly once in the article (or its `sentence_n`-th occurrence, where a text repeats
a sentence), the trigger inside it, an actor in the sentence or else the nearest occurrence
before it. Errors name the file and line. The output keeps ids, offsets and labels only;
articles already in the output file that WORK_DIR does not hold are kept.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from dyad.errors import EvaluationError
from dyad.evaluate.realnews_texts import corpus_of, read_texts, split_of, text_path
from dyad.model import MODALITIES, PLOVER_TYPES, POLARITIES

DEFAULT_OUT = Path(__file__).resolve().parents[1] / "src/dyad/data/eval/realnews.jsonl"


class AnnotationError(Exception):
    pass


def article_id_of(data_dir: Path, stem: str) -> str:
    """The article id a working file is named after (a bare name is a PolNeAR article)."""
    if "__" in stem:
        return stem.replace("__", "/")
    for compartment in ("train", "dev"):
        if (data_dir / "polnear" / compartment / "text" / f"{stem}.txt").exists():
            return f"polnear/{compartment}/{stem}"
    raise AnnotationError(f"{stem}: no polnear/*/text/{stem}.txt")


def article_meta(data_dir: Path, article_id: str, polnear: dict[str, dict[str, str]]) -> dict:
    """Publication date and publisher, as far as the corpus records them."""
    corpus, _, rest = article_id.partition("/")
    if corpus == "polnear":
        row = polnear.get(rest.partition("/")[2], {})
        return {"date": row.get("publication_date"), "publisher": row.get("publisher")}
    if corpus == "meantime":
        from dyad.evaluate.event_status import read_article

        date = read_article(text_path(data_dir, article_id)).date
        return {"date": date.isoformat() if date else None, "publisher": "wikinews"}
    if corpus == "lgl":
        for article in ET.parse(text_path(data_dir, article_id)).getroot().iter("article"):
            if article.get("docid") == rest:
                when = (article.findtext("dltime") or "")[:10] or None
                return {"date": when, "publisher": article.findtext("domain")}
    if corpus == "geovirus":
        return {"date": None, "publisher": "wikinews"}
    return {"date": None, "publisher": None}


def locate(
    text: str, needle: str, where: str, *, start: int = 0, end: int | None = None, nth: int = 1
) -> tuple[int, int]:
    end = len(text) if end is None else end
    at = start - 1
    for _ in range(nth):
        at = text.find(needle, at + 1, end)
        if at < 0:
            raise AnnotationError(f"{where}: {needle!r} not found")
    return at, at + len(needle)


def sentence_span(text: str, sentence: str, where: str, nth: int | None = None) -> tuple[int, int]:
    """The sentence's only occurrence, or its `nth` when a text repeats a sentence verbatim."""
    first = text.find(sentence)
    if first < 0:
        raise AnnotationError(f"{where}: sentence not found: {sentence[:60]!r}")
    if nth is not None:
        return locate(text, sentence, where, nth=nth)
    if text.find(sentence, first + 1) >= 0:
        raise AnnotationError(
            f"{where}: sentence occurs twice; copy more of it, or give sentence_n"
        )
    return first, first + len(sentence)


def role_span(text: str, mention: str, sent: tuple[int, int], where: str) -> tuple[int, int]:
    """Whole words only: "he" is never found inside "the", nor "Russia" in "Russian"."""
    pattern = re.compile(
        (r"\b" if mention[:1].isalnum() else "")
        + re.escape(mention)
        + (r"\b" if mention[-1:].isalnum() else "")
    )
    inside = pattern.search(text, sent[0], sent[1])
    if inside:
        return inside.span()
    before = [m.span() for m in pattern.finditer(text, 0, sent[0])]
    if not before:
        raise AnnotationError(f"{where}: actor {mention!r} not in or before the sentence")
    return before[-1]


def convert_role(text: str, role: dict[str, Any], sent: tuple[int, int], where: str) -> dict:
    for key in ("text", "who", "country", "sector"):
        if key not in role:
            raise AnnotationError(f"{where}: actor without {key!r}")
    span = role_span(text, role["text"], sent, where)
    return {
        "span": list(span),
        "who": role["who"],
        "country": role["country"],
        "sector": role["sector"],
    }


def convert_event(text: str, item: dict[str, Any], where: str) -> dict[str, Any]:
    if item.get("type") not in PLOVER_TYPES:
        raise AnnotationError(f"{where}: type {item.get('type')!r} is not a PLOVER type")
    for alt in item.get("alt_types", []):
        if alt not in PLOVER_TYPES:
            raise AnnotationError(f"{where}: alt type {alt!r} is not a PLOVER type")
    if item.get("polarity") not in POLARITIES:
        raise AnnotationError(f"{where}: polarity must be asserted or negated")
    if item.get("modality") not in MODALITIES:
        raise AnnotationError(f"{where}: modality {item.get('modality')!r} unknown")
    nth = item.get("sentence_n")
    sent = sentence_span(text, item["sentence"], where, int(nth) if nth is not None else None)
    trigger = locate(
        text, item["trigger"], where, start=sent[0], end=sent[1], nth=int(item.get("trigger_n", 1))
    )
    place = item.get("place")
    if place:
        span = role_span(text, place["text"], sent, where) if place.get("text") else None
        place = {
            "span": list(span) if span else None,
            "name": place.get("name"),
            "country": place.get("country"),
        }
    return {
        "sentence": list(sent),
        "trigger": list(trigger),
        "type": item["type"],
        "alt_types": list(item.get("alt_types", [])),
        "mode": item.get("mode"),
        "actors": [convert_role(text, r, sent, where) for r in item.get("actors", [])],
        "recipients": [convert_role(text, r, sent, where) for r in item.get("recipients", [])],
        "polarity": item["polarity"],
        "modality": item["modality"],
        "historical": bool(item.get("historical", False)),
        "generic": bool(item.get("generic", False)),
        "date": item.get("date"),
        "date_granularity": item.get("date_granularity"),
        "date_from_text": bool(item.get("date_from_text", False)),
        "place": place,
        "same_as": item.get("same_as"),
    }


def convert_file(path: Path, data_dir: Path, meta: dict[str, dict[str, str]]) -> dict[str, Any]:
    article_id = article_id_of(data_dir, path.stem)
    try:
        corpus_of(article_id)
        text = read_texts(data_dir, [article_id])[article_id]
    except (ValueError, EvaluationError) as exc:
        raise AnnotationError(f"{path}: {exc}") from exc
    events = []
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines()]
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise AnnotationError(f"{where}: not JSON ({exc})") from exc
        events.append(convert_event(text, item, where))
    for index, event in enumerate(events):
        same = event["same_as"]
        if same is not None and not (isinstance(same, int) and 0 <= same < index):
            raise AnnotationError(f"{path}: event {index}: same_as must be an earlier line")
    return {
        "article": article_id,
        "split": split_of(article_id),
        **article_meta(data_dir, article_id, meta),
        "events": events,
    }


def read_meta(polnear: Path) -> dict[str, dict[str, str]]:
    with (polnear / "metadata.tsv").open(encoding="utf-8") as handle:
        return {r["filename"]: r for r in csv.DictReader(handle, delimiter="\t")}


def kept_records(out: Path, converted: set[str]) -> list[dict[str, Any]]:
    """The records of `out` for articles WORK_DIR does not hold: converting adds, never drops."""
    if not out.is_file():
        return []
    lines = out.read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines if line.strip()]
    return [r for r in records if r["article"] not in converted]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("work_dir", type=Path)
    parser.add_argument("--data-dir", type=Path, default=Path("../shared/data"))
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--check", action="store_true", help="check only, write nothing")
    args = parser.parse_args(argv)
    meta = read_meta(args.data_dir / "polnear")
    records, errors = [], 0
    for path in sorted(args.work_dir.glob("*.jsonl")):
        try:
            records.append(convert_file(path, args.data_dir, meta))
        except AnnotationError as exc:
            print(f"error: {exc}", file=sys.stderr)
            errors += 1
    n_events = sum(len(r["events"]) for r in records)
    print(
        f"{len(records)} articles, {n_events} event mentions, {errors} files with errors",
        file=sys.stderr,
    )
    if not args.check and not errors:
        records += kept_records(args.out, {r["article"] for r in records})
        args.out.parent.mkdir(parents=True, exist_ok=True)
        with args.out.open("w", encoding="utf-8") as handle:
            for record in sorted(records, key=lambda r: r["article"]):
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
