"""Token patterns matched over a Doc's arrays: what spaCy's Matcher finds for the attribute
ruler's remaining patterns, without walking the Doc token by token.

    rules = TokenRules.compile(patterns, vocab)   # None when a pattern needs the Matcher
    matches = rules.matches(doc)                  # as `AttributeRuler.match` returns them

The English pipelines' remaining attribute-ruler patterns are short sequences of tokens, each
token a conjunction of tests on TAG, LOWER, DEP or IS_SPACE: a value, `IN`, `NOT_IN` or
`REGEX`. Each test is one comparison over a column of `Doc.to_array` (a regular expression
runs once per distinct string), so a pattern costs a few array operations per Doc. Any other
kind of pattern (operators, other attributes, other predicates) makes `compile` answer None,
and the ruler keeps spaCy's Matcher. The matches are all of them, with their keys, sorted as
the attribute ruler sorts them, so its own `set_annotations` applies them as before.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from spacy.tokens import Doc

_ATTRS = ("TAG", "LOWER", "DEP", "IS_SPACE")
_OPS = frozenset({"IN", "NOT_IN", "REGEX"})

Test = tuple[str, str, Any]  # (attribute, operator "=", "IN", "NOT_IN" or "REGEX", value)


@dataclass(frozen=True, slots=True)
class TokenRules:
    """Patterns in ruler order: (attribute-ruler key, match id, alternatives), each
    alternative a sequence of tokens, each token a list of tests."""

    rules: tuple[tuple[int, int, tuple[tuple[list[Test], ...], ...]], ...]
    vocab: Any

    @classmethod
    def compile(cls, patterns: Sequence[dict[str, Any]], vocab: Any) -> TokenRules | None:
        """The attribute ruler's `patterns` (in the order they were added) as array tests."""
        rules = []
        for key, pattern in enumerate(patterns):
            alternatives = []
            for tokens in pattern["patterns"]:
                compiled = [tests for spec in tokens if (tests := _tests(spec, vocab)) is not None]
                if not tokens or len(compiled) < len(tokens):
                    return None
                alternatives.append(tuple(compiled))
            match_id: int = vocab.strings.add(str(key))
            rules.append((key, match_id, tuple(alternatives)))
        return cls(tuple(rules), vocab)

    def matches(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """(key, match id, start, end) of every match in `doc`, sorted."""
        from spacy.attrs import DEP, IS_SPACE, LOWER, TAG

        values: Any = doc.to_array([TAG, LOWER, DEP, IS_SPACE]).astype("uint64")
        columns = dict(zip(_ATTRS, values.T, strict=True))
        found: set[tuple[int, int, int, int]] = set()
        for key, match_id, alternatives in self.rules:
            for tokens in alternatives:
                for start in _starts(tokens, columns, self.vocab.strings, len(doc)):
                    found.add((key, match_id, start, start + len(tokens)))
        return sorted(found)


def _tests(spec: dict[str, Any], vocab: Any) -> list[Test] | None:
    """One pattern token's tests, values as string ids; None if it is not of the kinds here."""
    tests: list[Test] = []
    for attr, value in spec.items():
        if attr not in _ATTRS:
            return None
        if attr == "IS_SPACE":
            if not isinstance(value, bool):
                return None
            tests.append((attr, "=", int(value)))
        elif isinstance(value, str):
            tests.append((attr, "=", vocab.strings.add(value)))
        elif isinstance(value, dict) and len(value) == 1 and set(value) <= _OPS:
            op, arg = next(iter(value.items()))
            if op == "REGEX":
                tests.append((attr, op, re.compile(arg)))
            else:
                tests.append((attr, op, np.asarray([vocab.strings.add(v) for v in arg], "uint64")))
        else:
            return None
    return tests


def _starts(tokens: tuple[list[Test], ...], columns: dict[str, Any], strings: Any, n: int) -> Any:
    """Positions where the sequence `tokens` matches, token i at position start + i."""
    width = n - len(tokens) + 1
    if width <= 0:
        return []
    hits = np.ones(width, dtype=bool)
    for offset, tests in enumerate(tokens):
        for attr, op, arg in tests:
            hits &= _test(columns[attr][offset : offset + width], op, arg, strings)
    return np.nonzero(hits)[0].tolist()


def _test(column: Any, op: str, arg: Any, strings: Any) -> Any:
    """The tokens of `column` that pass one test (the Matcher's: a regular expression
    searches the attribute's string)."""
    if op == "=":
        return column == arg
    if op == "IN":
        return np.isin(column, arg)
    if op == "NOT_IN":
        return ~np.isin(column, arg)
    distinct, inverse = np.unique(column, return_inverse=True)
    passed = np.asarray([bool(arg.search(strings[int(v)])) for v in distinct.tolist()], bool)
    return passed[inverse.reshape(-1)]
