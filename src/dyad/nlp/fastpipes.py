"""Array-based stand-ins for two of spaCy's per-token Python components, same output.

    ruler = FastAttributeRuler(nlp.get_pipe("attribute_ruler"))
    lemmatizer = FastLemmatizer(nlp.get_pipe("lemmatizer"))

spaCy's attribute ruler runs a Matcher whose tag-map patterns match every token, then sets
POS and morphology token by token; its rule lemmatizer sets each token's lemma in a Python
loop. Together they cost about a fifth of the small English pipeline's time. Here the
leading tag-map patterns (a single token with only a TAG, as the English pipelines ship
them) become one table lookup over the Doc's arrays, the remaining patterns run in a
smaller attribute ruler in their original order (so they still take precedence), matched
over the Doc's arrays too (`dyad.nlp.tokenrules`) where their kinds allow, and the
lemmatizer runs once per distinct (form, POS, morphology), which is all it reads of a
token, remembered across Docs. `tests/test_selective.py` checks that the output equals
spaCy's.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from dyad.nlp.tokenrules import TokenRules

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


class FastAttributeRuler:
    """spaCy's `attribute_ruler` with its one-token TAG/LOWER patterns applied as a table."""

    def __init__(self, ruler: Any) -> None:
        from spacy.pipeline import AttributeRuler

        self.vocab = ruler.vocab
        self.simple = [_condition(p) for p in ruler.patterns if _simple(p)]
        self.rest = AttributeRuler(ruler.vocab)
        rest = [p for p in ruler.patterns if not _simple(p)]
        self.rest.add_patterns(rest)
        self.rest_rules = TokenRules.compile(rest, ruler.vocab) if rest else None
        self.cache: dict[tuple[int, ...], tuple[int, int, int]] = {}

    def __call__(self, doc: Doc) -> Doc:
        from spacy.attrs import LEMMA, LOWER, MORPH, POS, TAG

        if len(doc):
            values: Any = doc.to_array([TAG, LOWER, POS, MORPH, LEMMA])
            keys, inverse = np.unique(values, axis=0, return_inverse=True)
            cache, result = self.cache, self._result
            rows = [cache.get(k) or result(k) for k in map(tuple, keys.tolist())]
            table: Any = np.asarray(rows, dtype="uint64")
            doc.from_array([POS, MORPH, LEMMA], table[inverse.reshape(-1)])
        if self.rest_rules is not None:
            self.rest.set_annotations(doc, self.rest_rules.matches(doc))
            return doc
        return self.rest(doc) if self.rest.patterns else doc

    def _result(self, key: tuple[int, ...]) -> tuple[int, int, int]:
        """(POS, MORPH, LEMMA) after every simple pattern matching, in pattern order."""
        if key not in self.cache:
            tag, lower, pos, morph, lemma = key
            self.cache[key] = _apply(self.vocab, (pos, morph, lemma), [
                attrs for tags, lowers, attrs in self.simple
                if (tags is None or tag in tags) and (lowers is None or lower in lowers)
            ])  # fmt: skip
        return self.cache[key]

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


class FastLemmatizer:
    """spaCy's rule `lemmatizer`, called once per distinct (form, POS, morphology): all it
    reads of a token (its text, `pos_` and `morph`), with its tables fixed once loaded.

    spaCy's own cache keeps only the forms its rules change; this memo keeps every lemma
    (base forms, proper nouns, punctuation) across Docs, as the lemma's string id.
    """

    def __init__(self, lemmatizer: Any) -> None:
        self.lemmatizer = lemmatizer
        self.memo: dict[tuple[int, int, int], int] = {}
        self.indexed = False

    def __call__(self, doc: Doc) -> Doc:
        from spacy.attrs import LEMMA, MORPH, ORTH, POS

        if not len(doc):
            return doc
        lemmatizer = self.lemmatizer
        if not lemmatizer._validated:  # as spaCy's own `__call__` does first
            lemmatizer._validate_tables()
        if not self.indexed:
            _index_as_sets(lemmatizer)
            self.indexed = True
        values: Any = doc.to_array([ORTH, POS, MORPH, LEMMA])
        todo = np.arange(len(doc)) if lemmatizer.overwrite else np.nonzero(values[:, 3] == 0)[0]
        if len(todo):
            keys, first, inverse = np.unique(
                values[todo, :3], axis=0, return_index=True, return_inverse=True
            )
            memo = self.memo
            lemmas = [
                memo.get(key) or self._lemma(doc, int(todo[i]), key)
                for key, i in zip(map(tuple, keys.tolist()), first.tolist(), strict=True)
            ]
            values[todo, 3] = np.asarray(lemmas, dtype="uint64")[inverse.reshape(-1)]
            doc.from_array([LEMMA], values[:, 3:])
        return doc

    def _lemma(self, doc: Doc, i: int, key: tuple[int, int, int]) -> int:
        """The lemma's string id of token `i`, whose (ORTH, POS, MORPH) is `key`, memoised."""
        lemma = doc.vocab.strings.add(self.lemmatizer.lemmatize(doc[i])[0])
        self.memo[key] = lemma
        return lemma

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


class _WordList(list[str]):
    """A list of words whose membership test is a set lookup."""

    def __init__(self, words: Iterable[str]) -> None:
        super().__init__(words)
        self.members = frozenset(self)

    def __contains__(self, word: object) -> bool:
        return word in self.members


def _index_as_sets(lemmatizer: Any) -> None:
    """Let the rule lemmatizer's word index answer `form in index` by a set lookup: it asks
    for every suffix rule that fits a word, and each answer was a scan of a list of up to
    57,528 nouns. Same lists, same order, same answers (they hold strings only)."""
    table = lemmatizer.lookups.get_table("lemma_index", {})
    for pos, words in list(table.items()):
        if isinstance(words, list) and not isinstance(words, _WordList):
            table[pos] = _WordList(words)


def fast_pipe(name: str, pipe: Any) -> Any:
    """The array-based stand-in for component `name` when there is one, else `pipe`."""
    if name == "attribute_ruler" and type(pipe).__name__ == "AttributeRuler":
        return FastAttributeRuler(pipe)
    if name == "lemmatizer" and getattr(pipe, "mode", None) == "rule":
        return FastLemmatizer(pipe)
    return pipe


def _simple(pattern: dict[str, Any]) -> bool:
    """One token, conditions on TAG and LOWER only, setting POS, MORPH and LEMMA only."""
    tokens = pattern["patterns"]
    return (
        len(tokens) == 1
        and len(tokens[0]) == 1
        and set(tokens[0][0]) <= {"TAG", "LOWER"}
        and all(isinstance(v, str) or set(v) == {"IN"} for v in tokens[0][0].values())
        and pattern.get("index", 0) == 0
        and set(pattern["attrs"]) <= {"POS", "MORPH", "LEMMA"}
    )


def _condition(pattern: dict[str, Any]) -> tuple[set[int] | None, set[int] | None, dict]:
    """(TAG ids, LOWER ids, attrs) of a simple pattern; None: any value."""
    from spacy.strings import StringStore

    spec = pattern["patterns"][0][0]

    def ids(key: str) -> set[int] | None:
        if key not in spec:
            return None
        value = spec[key]
        values = value["IN"] if isinstance(value, dict) else [value]
        return {StringStore().add(v) for v in values}

    return ids("TAG"), ids("LOWER"), pattern["attrs"]


def _apply(
    vocab: Any, start: tuple[int, int, int], changes: list[dict[str, str]]
) -> tuple[int, int, int]:
    """(POS, MORPH, LEMMA) of a token that had `start`, after `changes` in order (set the way
    the attribute ruler sets them, on a scratch token)."""
    from spacy.attrs import LEMMA, MORPH, POS
    from spacy.tokens import Doc

    scratch = Doc(vocab, words=["x"])
    row: Any = np.array([start], dtype="uint64")
    scratch.from_array([POS, MORPH, LEMMA], row)
    token = scratch[0]
    for attrs in changes:
        if "POS" in attrs:
            token.pos_ = attrs["POS"]
        if "MORPH" in attrs:
            token.set_morph(attrs["MORPH"])  # type: ignore[attr-defined]  # stub lags
        if "LEMMA" in attrs:
            token.lemma_ = attrs["LEMMA"]
    out = scratch.to_array([POS, MORPH, LEMMA])[0]
    return int(out[0]), int(out[1]), int(out[2])


_ALL_PIPES: weakref.WeakKeyDictionary[Language, list[Any]] = weakref.WeakKeyDictionary()


def parse_all(nlp: Language, texts: Iterable[str], *, batch_size: int = 32) -> Iterator[Doc]:
    """`nlp.pipe` with the same output, using the array-based stand-ins above."""
    if nlp not in _ALL_PIPES:
        _ALL_PIPES[nlp] = [fast_pipe(name, pipe) for name, pipe in nlp.pipeline]
    return run_pipes(_ALL_PIPES[nlp], (nlp.make_doc(t) for t in texts), batch_size)


def run_pipes(pipes: Sequence[Any], docs: Iterable[Doc], batch_size: int) -> Iterator[Doc]:
    """Run `pipes` over `docs` in batches, as `Language.pipe` does."""
    for pipe in pipes:
        docs = pipe.pipe(docs, batch_size=batch_size) if hasattr(pipe, "pipe") else map(pipe, docs)
    return iter(docs)
