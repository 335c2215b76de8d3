"""Selective parsing: sentences and entities everywhere, the full parse only where it can matter.

    cues = load_cues(nlp, codebook)
    docs = parse_selective(nlp, texts, cues, batch_size=32)

A cheap first pass (tokenizer, sentence recogniser, entity recogniser and entity ruler) reads
every sentence. The full pass (tagger, parser, attribute ruler, lemmatizer) then reads only
the sentences holding a word that can start something: a trigger of the codebook (by lemma,
regular inflection or irregular form), an attribution cue of `attribution.yaml`, a quotation
mark, or a time expression. Each such sentence is parsed as its own Doc built from the cheap
pass's tokens (the attribute ruler and lemmatizer as `dyad.fastpipes` stand-ins giving the
same output), and its tags, lemmas and tree are written back into the article's Doc, so
character offsets index the article text exactly and entities are those of the whole text.
Unparsed sentences keep their sentence bounds and entities and have no tags, lemmas or
dependencies: every token there is its own head with an empty `dep_`.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING, Any

import numpy as np

from dyad.doctext import doc_text
from dyad.extract.attribution.lexicon import load_lexicon
from dyad.extract.events.phrases import base_forms
from dyad.extract.times import doc_matches
from dyad.nlp.fastpipes import fast_pipe, run_pipes

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from dyad.extract.events.codebook import Codebook
    from dyad.settings import Settings

_PARSE_PIPES: weakref.WeakKeyDictionary[Language, list[Any]] = weakref.WeakKeyDictionary()
PARSE_PIPES = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")
FIRST_PIPES = ("senter", "ner", "entity_ruler")
_QUOTES = re.compile(r"[\"“”«»„]|(?:^|\s)[‘'](?=\w)|\w[’'](?=\s|$|[,.;:!?])")
_ATTRIBUTION_LISTS = (
    "speech_verbs",
    "object_speech_verbs",
    "request_verbs",
    "claim_verbs",
    "claim_nouns",
    "denial_verbs",
    "publisher_verbs",
)


@dataclass(frozen=True, slots=True)
class Cues:
    """Words whose sentence gets the full parse: `lemmas` by any regular inflection, `forms`
    (irregular forms and the lemmas themselves) as written, lower case."""

    lemmas: frozenset[str]
    forms: frozenset[str]

    def parse(self, nlp: Language, texts: list[str]) -> Iterator[Doc]:
        """`texts` parsed selectively: the full parse only where a cue is."""
        return parse_selective(nlp, texts, self, batch_size=len(texts))

    def wanted(self, lower: str) -> bool:
        """Whether a token written `lower` (lower case) can start something."""
        if lower in self.forms:
            return True
        return any(form in self.lemmas for form in base_forms(lower))


def load_cues(nlp: Language, codebook: Codebook) -> Cues:
    """Cue words of the codebook's triggers (head words) and of the attribution lexicon."""
    lexicon = load_lexicon()
    lemmas = {t.words[0].lower() for t in codebook.triggers}
    lemmas.update(codebook.stance.speech_verbs)
    for name in _ATTRIBUTION_LISTS:
        lemmas.update(w for w in getattr(lexicon, name) if " " not in w)
    forms = set(lemmas) | _irregular_forms(nlp, lemmas)
    return Cues(lemmas=frozenset(lemmas), forms=frozenset(forms))


def cues_for(nlp: Language, settings: Settings) -> Cues | None:
    """The cues of the codebook of `settings` when its `parse` is "selective", else None."""
    from dyad.extract.events.codebook import load_codebook

    if settings.parse != "selective":
        return None
    return load_cues(nlp, load_codebook(settings.codebook))


def _irregular_forms(nlp: Language, lemmas: set[str]) -> set[str]:
    """Forms the lemmatizer's exception tables map to one of `lemmas` ("met" -> "meet")."""
    if "lemmatizer" not in nlp.component_names:
        return set()
    lookups = nlp.get_pipe("lemmatizer").lookups  # type: ignore[attr-defined]
    if not lookups.has_table("lemma_exc"):
        return set()
    out: set[str] = set()
    for table in lookups.get_table("lemma_exc").values():
        for form, bases in table.items():
            if any(base in lemmas for base in bases):
                out.add(form)
    return out


def parse_selective(
    nlp: Language, texts: Iterable[str], cues: Cues, *, batch_size: int = 32
) -> Iterator[Doc]:
    """Parse `texts` selectively, `batch_size` texts at a time; one Doc per text, in order."""
    docs = run_pipes(_first_pipes(nlp), (nlp.make_doc(t) for t in texts), batch_size)
    while batch := list(islice(docs, batch_size)):
        picked = [selected_sentences(doc, cues) for doc in batch]
        pieces = [_piece(doc, s, e) for doc, spans in zip(batch, picked) for s, e in spans]  # noqa: B905
        parsed = run_pipes(_parse_pipes(nlp), pieces, batch_size * 8)
        for doc, spans in zip(batch, picked, strict=True):
            _write_back(doc, spans, [next(parsed) for _ in spans])
            yield doc


def selected_sentences(doc: Doc, cues: Cues) -> list[tuple[int, int]]:
    """(start, end) token bounds of the runs of consecutive sentences of `doc` that need the
    full parse; the parser sees a run whole, so it draws its sentence bounds as in `full`."""
    text = doc_text(doc)
    timed = [m.start for m in doc_matches(doc, text)]
    out: list[tuple[int, int]] = []
    for sent in doc.sents:
        start, end = sent.start_char, sent.end_char
        if (
            any(cues.wanted(t.lower_) for t in sent)
            or any(start <= at < end for at in timed)
            or _QUOTES.search(text, start, end)
        ):
            if out and out[-1][1] == sent.start:  # a run of sentences is parsed as one text
                out[-1] = (out[-1][0], sent.end)
            else:
                out.append((sent.start, sent.end))
    return out


def _first_pipes(nlp: Language) -> list[Any]:
    names = [n for n in FIRST_PIPES if n in nlp.component_names]
    pipes = [nlp.get_pipe(n) for n in names]
    if "senter" not in names:  # no trained sentence recogniser: split on punctuation
        from spacy.pipeline import Sentencizer

        pipes.insert(0, Sentencizer())
    return pipes


def _parse_pipes(nlp: Language) -> list[Any]:
    """The full-parse components, with array-based stand-ins for the per-token ones."""
    if nlp not in _PARSE_PIPES:
        names = [n for n in PARSE_PIPES if n in nlp.component_names]
        _PARSE_PIPES[nlp] = [fast_pipe(n, nlp.get_pipe(n)) for n in names]
    return _PARSE_PIPES[nlp]


def _piece(doc: Doc, start: int, end: int) -> Doc:
    """Tokens `start:end` of `doc` as a Doc of their own (same tokens, same whitespace, same
    norms: the tokenizer's exceptions give "n’t" the norm "not", which the models read)."""
    from spacy.attrs import NORM
    from spacy.tokens import Doc

    tokens = doc[start:end]
    piece = Doc(
        doc.vocab, words=[t.text for t in tokens], spaces=[bool(t.whitespace_) for t in tokens]
    )
    norms: Any = doc.to_array([NORM])
    piece.from_array([NORM], norms[start:end])
    return piece


def _write_back(doc: Doc, spans: Sequence[tuple[int, int]], pieces: Sequence[Doc]) -> None:
    """Copy tags, lemmas and trees of the parsed `pieces` into `doc`, keep the other bounds."""
    from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, SENT_START, TAG

    if not spans:
        return
    attrs = [TAG, POS, MORPH, LEMMA, HEAD, DEP]
    starts = doc.to_array([SENT_START])
    values: Any = np.zeros((len(doc), len(attrs)), dtype="uint64")
    parsed = np.zeros(len(doc), dtype=bool)
    for (start, end), piece in zip(spans, pieces, strict=True):
        values[start:end] = piece.to_array(attrs)
        parsed[start:end] = True
    doc.from_array(attrs, values)
    after: Any = doc.to_array([SENT_START])  # the parser's bounds where parsed, none elsewhere
    after[~parsed] = starts[~parsed]
    doc.from_array([SENT_START], after)
