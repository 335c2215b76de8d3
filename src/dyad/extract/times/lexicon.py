"""The words of time expressions, loaded from `dyad/data/times.yaml` and checked on load."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from dyad.errors import KnowledgeError
from dyad.lexicon import compose_file

DEFAULT_FILE = Path(__file__).resolve().parents[2] / "data" / "times.yaml"

# section -> the kind of value each key maps to
_SECTIONS: dict[str, str] = {
    "months": "int",
    "weekdays": "int",
    "numbers": "number",
    "vague_numbers": "list",
    "ordinals": "int",
    "units": "str",
    "parts_of_day": "str",
    "seasons": "str",
    "references": "str",
    "fixed_days": "pair",
    "floating_days": "triple",
    "needs_knowledge": "list",
}


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Lower-case words mapped to what they mean in a time expression."""

    months: dict[str, int]
    weekdays: dict[str, int]
    numbers: dict[str, float]
    vague_numbers: tuple[str, ...]
    ordinals: dict[str, int]
    units: dict[str, str]
    parts_of_day: dict[str, str]
    seasons: dict[str, str]
    references: dict[str, str]
    fixed_days: dict[str, tuple[int, int]]
    floating_days: dict[str, tuple[int, int, int]]  # month, ISO weekday, nth (-1: last)
    needs_knowledge: tuple[str, ...]


@functools.cache
def load_lexicon(path: Path = DEFAULT_FILE) -> Lexicon:
    """Read and check the time lexicon; errors name the file and line."""
    root = compose_file(path, "time lexicon")
    if not isinstance(root, yaml.MappingNode):
        raise KnowledgeError(f"{path}:1: expected a mapping of sections")
    found: dict[str, Any] = {}
    for key_node, value_node in root.value:
        name = key_node.value
        if name not in _SECTIONS:
            raise KnowledgeError(
                f"{path}:{key_node.start_mark.line + 1}: unknown section {name!r};"
                f" expected one of {sorted(_SECTIONS)}"
            )
        found[name] = _section(path, name, value_node, _SECTIONS[name])
    missing = sorted(set(_SECTIONS) - set(found))
    if missing:
        raise KnowledgeError(f"{path}: missing sections {missing}")
    return Lexicon(**found)


def _section(path: Path, name: str, node: yaml.Node, kind: str) -> Any:
    line = node.start_mark.line + 1
    if kind == "list":
        if not isinstance(node, yaml.SequenceNode):
            raise KnowledgeError(f"{path}:{line}: section {name!r} must be a list of words")
        return tuple(_word(path, item) for item in node.value)
    if not isinstance(node, yaml.MappingNode):
        raise KnowledgeError(f"{path}:{line}: section {name!r} must be a mapping")
    return {_word(path, k): _value(path, name, v, kind) for k, v in node.value}


def _word(path: Path, node: yaml.Node) -> str:
    if not isinstance(node, yaml.ScalarNode) or not str(node.value).strip():
        raise KnowledgeError(f"{path}:{node.start_mark.line + 1}: expected a word")
    return str(node.value).strip().lower()


def _value(path: Path, name: str, node: yaml.Node, kind: str) -> Any:
    where = f"{path}:{node.start_mark.line + 1}"
    if kind in ("pair", "triple"):
        items = node.value if isinstance(node, yaml.SequenceNode) else []
        numbers = tuple(int(i.value) for i in items if str(i.value).lstrip("-").isdigit())
        if not _calendar_numbers(numbers, kind):
            shape = "[month, day]" if kind == "pair" else "[month, ISO weekday, n or -1]"
            raise KnowledgeError(f"{where}: {name} entries are {shape}")
        return numbers
    text = str(node.value) if isinstance(node, yaml.ScalarNode) else ""
    if kind == "str":
        if not text:
            raise KnowledgeError(f"{where}: {name} entries map to a code")
        return text
    number = _number(text)
    if number is None or (kind == "int" and number != int(number)):
        raise KnowledgeError(f"{where}: {name} entries map to a {kind}, got {text!r}")
    return int(number) if kind == "int" else number


def _calendar_numbers(numbers: tuple[int, ...], kind: str) -> bool:
    if len(numbers) != (2 if kind == "pair" else 3) or not 1 <= numbers[0] <= 12:
        return False
    if kind == "pair":
        return 1 <= numbers[1] <= 31
    return 1 <= numbers[1] <= 7 and numbers[2] in (-1, 1, 2, 3, 4, 5)


def _number(text: str) -> float | None:
    body = text.replace(".", "", 1)
    return float(text) if body.isdigit() else None
