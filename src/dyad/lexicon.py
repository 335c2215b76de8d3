"""Word lists the stages read as knowledge, from `dyad/data/lexicon.yaml`, checked on load.

The file holds one section per reading module (`events.roles`, `times.tense`, ...), each a
mapping of named lists of words. `words("events.roles", "claim_nouns")` returns one list as a
tuple, in the file's order and spelling. A bad file, section or list raises `KnowledgeError`
naming the file and line; asking for a list the file does not hold names the file too.

Grammar stays in code: dependency labels, part-of-speech and entity tags, and the closed
classes a rule is written in (pronouns, determiners, prepositions, modal verbs).
"""

from __future__ import annotations

import functools
from pathlib import Path

import yaml

from dyad.errors import KnowledgeError

DEFAULT_PATH = Path(__file__).resolve().parent / "data" / "lexicon.yaml"

Sections = dict[str, dict[str, tuple[str, ...]]]


def compose_file(path: Path, what: str) -> yaml.Node:
    """The YAML node tree of a knowledge file, for errors that name its lines."""
    if not path.is_file():
        raise KnowledgeError(f"{path}: {what} not found; reinstall the package or fix the path")
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise KnowledgeError(f"{path}: not valid YAML: {exc}") from exc
    if root is None:
        raise KnowledgeError(f"{path}:1: empty; expected the {what}")
    return root


def bad_node(path: Path, node: yaml.Node, what: str) -> KnowledgeError:
    """An error naming the file and line of `node`."""
    return KnowledgeError(f"{path}:{node.start_mark.line + 1}: {what}")


def _mapping(path: Path, node: yaml.Node, what: str) -> list[tuple[yaml.Node, yaml.Node]]:
    if not isinstance(node, yaml.MappingNode):
        raise bad_node(path, node, f"{what} must be a mapping")
    return node.value


def _words(path: Path, name: str, node: yaml.Node) -> tuple[str, ...]:
    if not isinstance(node, yaml.SequenceNode) or not node.value:
        raise bad_node(path, node, f"{name!r} must be a non-empty list of words")
    seen: set[str] = set()
    for item in node.value:
        word = item.value if isinstance(item, yaml.ScalarNode) else None
        if not isinstance(word, str) or not word.strip():
            raise bad_node(path, item, f"{name!r} holds an empty or non-text item; write a word")
        if word in seen:
            raise bad_node(path, item, f"{name!r} lists {word!r} twice; keep one")
        seen.add(word)
    return tuple(item.value for item in node.value)


def _section(path: Path, name: str, node: yaml.Node) -> dict[str, tuple[str, ...]]:
    lists: dict[str, tuple[str, ...]] = {}
    for key_node, value_node in _mapping(path, node, f"section {name!r}"):
        key = str(key_node.value)
        if key in lists:
            raise bad_node(path, key_node, f"{name}.{key} is defined twice; keep one")
        lists[key] = _words(path, f"{name}.{key}", value_node)
    return lists


@functools.cache
def load_lexicon(path: Path = DEFAULT_PATH) -> Sections:
    """Read and check the lexicon (once per process and path): section -> list name -> words."""
    root = compose_file(path, "lexicon")
    sections: Sections = {}
    for key_node, value_node in _mapping(path, root, "the file"):
        name = str(key_node.value)
        if name in sections:
            raise bad_node(path, key_node, f"section {name!r} is defined twice; keep one")
        sections[name] = _section(path, name, value_node)
    return sections


def words(section: str, name: str, *, path: Path = DEFAULT_PATH) -> tuple[str, ...]:
    """One list of words, as the file writes them (`words("events.roles", "claim_nouns")`)."""
    lists = load_lexicon(path).get(section)
    if lists is None or name not in lists:
        raise KnowledgeError(f"{path}: no list {section}.{name}; add it to the file")
    return lists[name]
