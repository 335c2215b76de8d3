"""Turn working annotation files (spans as copied text) into the real-news event set (offsets).

    python scripts/realnews_annotations.py WORK_DIR --data-dir ../shared/data [--out FILE]
    python scripts/realnews_annotations.py WORK_DIR --data-dir ../shared/data --check

WORK_DIR holds one `NAME.jsonl` per PolNeAR article (NAME as in `polnear/*/text/NAME.txt`),
written as `docs/annotating.md` says. Every span must be found: the sentence exactly once in
the article, the trigger inside it, an actor in the sentence or else the nearest occurrence
before it. Errors name the file and line. The output keeps ids, offsets and labels only.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import re
import sys
from pathlib import Path
from typing import Any

from dyad.model import MODALITIES, PLOVER_TYPES, POLARITIES

DEFAULT_OUT = Path(__file__).resolve().parents[1] / "src/dyad/data/eval/realnews.jsonl"


class AnnotationError(Exception):
    pass


def split_of(article_id: str) -> str:
    """The fixed split: a third held out by a hash of the id."""
    return "test" if int(hashlib.sha1(article_id.encode()).hexdigest(), 16) % 3 == 0 else "dev"


def find_text(polnear: Path, name: str) -> tuple[str, Path]:
    for compartment in ("train", "dev"):
        path = polnear / compartment / "text" / f"{name}.txt"
        if path.exists():
            return compartment, path
    raise AnnotationError(f"{name}: no polnear/*/text/{name}.txt")


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


def sentence_span(text: str, sentence: str, where: str) -> tuple[int, int]:
    first = text.find(sentence)
    if first < 0:
        raise AnnotationError(f"{where}: sentence not found: {sentence[:60]!r}")
    if text.find(sentence, first + 1) >= 0:
        raise AnnotationError(f"{where}: sentence occurs twice; copy more of it")
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
    sent = sentence_span(text, item["sentence"], where)
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


def convert_file(path: Path, polnear: Path, meta: dict[str, dict[str, str]]) -> dict[str, Any]:
    name = path.stem
    compartment, text_path = find_text(polnear, name)
    text = text_path.read_text(encoding="utf-8")
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
    article_id = f"polnear/{compartment}/{name}"
    row = meta.get(name, {})
    return {
        "article": article_id,
        "split": split_of(article_id),
        "date": row.get("publication_date"),
        "publisher": row.get("publisher"),
        "events": events,
    }


def read_meta(polnear: Path) -> dict[str, dict[str, str]]:
    with (polnear / "metadata.tsv").open(encoding="utf-8") as handle:
        return {r["filename"]: r for r in csv.DictReader(handle, delimiter="\t")}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("work_dir", type=Path)
    parser.add_argument("--data-dir", type=Path, default=Path("../shared/data"))
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--check", action="store_true", help="check only, write nothing")
    args = parser.parse_args(argv)
    polnear = args.data_dir / "polnear"
    meta = read_meta(polnear)
    records, errors = [], 0
    for path in sorted(args.work_dir.glob("*.jsonl")):
        try:
            records.append(convert_file(path, polnear, meta))
        except AnnotationError as exc:
            print(f"error: {exc}", file=sys.stderr)
            errors += 1
    n_events = sum(len(r["events"]) for r in records)
    print(
        f"{len(records)} articles, {n_events} event mentions, {errors} files with errors",
        file=sys.stderr,
    )
    if not args.check and not errors:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        with args.out.open("w", encoding="utf-8") as handle:
            for record in sorted(records, key=lambda r: r["article"]):
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
