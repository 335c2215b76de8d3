"""What selective parsing changes: the events, quotes and places of the same articles read with
`parse = "full"` and with `parse = "selective"`, side by side (speed: `bench_ingest.py`, which
runs each setting in a fresh process; here the second run would profit from warm caches).

    python bench/parse_diff.py src/dyad/data/examples
    python bench/parse_diff.py --polnear 150          # needs the PolNeAR folder of the gold data

An event is matched across the two runs by its article, type and trigger offsets; a matched
event "changed" when any of its actors, recipients, status, mode, date, place, attribution or
confidence differs. Results go to stdout.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import tempfile
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_ingest import polnear_jsonl  # the benchmark's own corpus builder

from dyad.ingest import IngestOptions, read_articles
from dyad.model import Article, ArticleResult, Event
from dyad.pipeline import Resources, load_resources, process_batch
from dyad.selective import load_cues
from dyad.settings import load_settings


def read_all(articles: Sequence[Article], resources: Resources) -> list[ArticleResult]:
    """Every article's result, in batches as ingest reads them."""
    out: list[ArticleResult] = []
    size = resources.batch_size
    for at in range(0, len(articles), size):
        out.extend(
            r
            for r in process_batch(articles[at : at + size], resources)
            if isinstance(r, ArticleResult)
        )
    return out


def key(event: Event) -> tuple[str, str, int, int]:
    trigger = event.evidence[0].trigger
    return event.article_id, event.type, trigger.start, trigger.end


def signature(event: Event) -> tuple[object, ...]:
    """Every field a reader sees, other than the id and the type and trigger of `key`."""

    def who(mentions: Sequence[object]) -> tuple[object, ...]:
        return tuple((m.actor_id, m.span.start, m.span.end) for m in mentions)  # type: ignore[attr-defined]

    place = event.place.geonameid if event.place else None
    return (
        who(event.actors),
        who(event.recipients),
        event.mode,
        event.polarity,
        event.modality,
        event.historical,
        event.date,
        event.date_end,
        event.date_source,
        place,
        tuple(s.name for s in event.attribution),
        event.quote_id,
        event.confidence,
    )


def compare(full: list[ArticleResult], selective: list[ArticleResult]) -> dict[str, int]:
    """Counts of events in each run and how many appear, disappear or change."""
    a = {key(e): e for r in full for e in r.events}
    b = {key(e): e for r in selective for e in r.events}
    both = a.keys() & b.keys()
    changed = [k for k in both if signature(a[k]) != signature(b[k])]
    fields = Counter(
        i
        for k in changed
        for i, (x, y) in enumerate(zip(signature(a[k]), signature(b[k]), strict=True))
        if x != y
    )
    return {
        "events full": len(a),
        "events selective": len(b),
        "same": len(both) - len(changed),
        "changed": len(changed),
        "appear": len(b.keys() - a.keys()),
        "disappear": len(a.keys() - b.keys()),
        "quotes full": sum(len(r.quotes) for r in full),
        "quotes selective": sum(len(r.quotes) for r in selective),
        "places full": sum(len(r.places) for r in full),
        "places selective": sum(len(r.places) for r in selective),
        **{f"changed field {_FIELDS[i]}": n for i, n in sorted(fields.items())},
    }


_FIELDS = (
    "actors",
    "recipients",
    "mode",
    "polarity",
    "modality",
    "historical",
    "date",
    "date_end",
    "date_source",
    "place",
    "attribution",
    "quote",
    "confidence",
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", help="article files or folders, as `dyad ingest`")
    parser.add_argument("--polnear", type=int, help="this many PolNeAR training articles")
    args = parser.parse_args()
    settings = load_settings(parse="full")
    with tempfile.TemporaryDirectory() as tmp:
        paths = list(args.paths)
        if args.polnear:
            paths.append(str(polnear_jsonl(args.polnear, Path(tmp))))
        options = IngestOptions(max_chars=settings.max_chars, min_chars=settings.min_chars)
        articles = [a for a in read_articles(paths, options=options) if isinstance(a, Article)]
    full_resources = load_resources(settings)
    selective_resources = dataclasses.replace(
        full_resources, cues=load_cues(full_resources.nlp, full_resources.codebook)
    )
    full = read_all(articles, full_resources)
    selective = read_all(articles, selective_resources)
    print(f"{len(articles)} articles")
    for name, value in compare(full, selective).items():
        print(f"{name:>26}: {value}")


if __name__ == "__main__":
    main()
