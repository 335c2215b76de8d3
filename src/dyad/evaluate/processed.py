"""Read gold texts exactly as `dyad.process` and `dyad ingest` do, for the evaluations.

Each text becomes an article through `ingest.make_article` (with its date and publisher, as a
user passes them), and batches go through `pipeline.process_batch` with the resources of
`pipeline.load_resources()`: the same model, entity patterns, actor dictionary, codebook and
gazetteer as a run with default settings. What an evaluation scores is the `ArticleResult`.

Ingest trims a text's outer whitespace and turns "\\r\\n" into "\\n", so offsets in a result
are offsets into the cleaned text; `raw_offsets` maps them back onto the gold file's text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from dyad.errors import InputError
from dyad.ingest import make_article
from dyad.model import Article, ArticleResult, Rejected
from dyad.pipeline import Resources, load_resources, process_batch

__all__ = ["Processed", "Reader", "offsets_into", "raw_offsets"]


@dataclass(frozen=True, slots=True)
class Processed:
    """One gold text as the product read it: its result (None if ingest rejected the text)
    and a map from result offsets to offsets into the gold text."""

    result: ArticleResult | None
    offsets: tuple[int, ...]
    reason: str | None = None  # why there is no result

    def to_raw(self, offset: int) -> int:
        """The gold-text offset of a result offset."""
        return self.offsets[min(offset, len(self.offsets) - 1)]


class Reader:
    """Loads the pipeline's resources once; reads texts through `process_batch`."""

    kind = "pipeline"  # reported in each evaluation's details

    def __init__(self, resources: Resources | None = None) -> None:
        self.resources = resources or load_resources()
        self.rejected = 0  # texts ingest or the pipeline turned down

    def read(
        self,
        texts: Sequence[str],
        *,
        dates: Sequence[dt.date | str | None] | None = None,
        sources: Sequence[str | None] | None = None,
    ) -> Iterator[Processed]:
        """One `Processed` per text, in order."""
        days = list(dates) if dates is not None else [None] * len(texts)
        publishers = list(sources) if sources is not None else [None] * len(texts)
        size = self.resources.batch_size
        for at in range(0, len(texts), size):
            batch = range(at, min(at + size, len(texts)))
            yield from self._batch(
                [texts[i] for i in batch], [days[i] for i in batch], [publishers[i] for i in batch]
            )

    def _batch(
        self, texts: list[str], days: list[dt.date | str | None], sources: list[str | None]
    ) -> Iterator[Processed]:
        articles: list[Article] = []
        slots: list[str | None] = []  # why each text was turned down, None if it was not
        for text, day, source in zip(texts, days, sources, strict=True):
            try:
                articles.append(make_article(text, date=day, source=source, origin="<gold>"))
                slots.append(None)
            except InputError as exc:  # too short or too long: the product reads nothing
                slots.append(str(exc))
        results = iter(process_batch(articles, self.resources) if articles else [])
        for text, reason in zip(texts, slots, strict=True):
            result = next(results) if reason is None else None
            if isinstance(result, Rejected):
                reason, result = result.message, None
            if result is None:
                self.rejected += 1
            read = result.article.text if result is not None else None
            yield Processed(result, offsets_into(text, read), reason)


def offsets_into(raw: str, read: str | None) -> tuple[int, ...]:
    """Offsets of the text Dyad read (`read`) into `raw`: the same when the article kept the
    text whole, as `make_article` does; else those of the trimmed text."""
    return tuple(range(len(raw) + 1)) if read == raw else raw_offsets(raw)


def raw_offsets(raw: str) -> tuple[int, ...]:
    """For each offset into the text ingest keeps of `raw` (and its end), the offset in `raw`."""
    at = len(raw) - len(raw.lstrip())
    end = len(raw.rstrip())
    out = []
    while at < end:
        out.append(at)
        at += 2 if raw.startswith("\r\n", at) else 1
    out.append(at)
    return tuple(out)
