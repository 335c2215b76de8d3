"""The attribution lexicon: speech cues, relays, claims and denials, read from a data file.

`src/dyad/data/attribution.yaml` holds lists of words; `load_lexicon` checks every key and item
and raises `KnowledgeError` naming the file and line of the first bad one.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, fields
from pathlib import Path

import yaml

from dyad.errors import KnowledgeError
from dyad.lexicon import bad_node, compose_file

DEFAULT_PATH = Path(__file__).resolve().parents[2] / "data" / "attribution.yaml"


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Word lists that mark attribution; see the data file for what each one holds."""

    speech_verbs: frozenset[str]
    object_speech_verbs: frozenset[str]
    request_verbs: frozenset[str]
    claim_verbs: frozenset[str]
    claim_nouns: frozenset[str]
    denial_verbs: frozenset[str]
    denial_objects: frozenset[str]
    cue_media: frozenset[str]
    platforms: frozenset[str]
    audiences: frozenset[str]
    unnamed_heads: frozenset[str]
    outlets: frozenset[str]
    publisher_verbs: frozenset[str]
    section_resets: frozenset[str]
    link_prefixes: tuple[str, ...]
    line_labels: frozenset[str]

    def is_outlet(self, text: str) -> bool:
        """Whether `text` names a news outlet ("Bloomberg", "the Associated Press")."""
        name = text.strip()
        if name.lower().startswith("the ") and name[4:] in self.outlets:
            return True
        return name in self.outlets


def _strings(path: Path, key: str, node: yaml.Node) -> list[str]:
    if not isinstance(node, yaml.SequenceNode):
        raise bad_node(path, node, f"{key!r} must be a list of words")
    items = []
    for item in node.value:
        if not isinstance(item, yaml.ScalarNode) or not str(item.value).strip():
            raise bad_node(path, item, f"{key!r} holds an empty or non-text item")
        items.append(str(item.value).strip())
    return items


def _read(path: Path) -> dict[str, list[str]]:
    root = compose_file(path, "attribution lexicon")
    if not isinstance(root, yaml.MappingNode):
        raise KnowledgeError(f"{path}:1: expected a mapping of lists")
    wanted = {f.name for f in fields(Lexicon)}
    lists: dict[str, list[str]] = {}
    for key_node, value_node in root.value:
        key = str(key_node.value)
        if key not in wanted:
            raise bad_node(path, key_node, f"unknown key {key!r}; known: {sorted(wanted)}")
        lists[key] = _strings(path, key, value_node)
    missing = wanted - set(lists)
    if missing:
        raise KnowledgeError(f"{path}: missing keys {sorted(missing)}")
    return lists


@functools.cache
def load_lexicon(path: Path = DEFAULT_PATH) -> Lexicon:
    """Read and check the attribution lexicon (once per process and path)."""
    lists = _read(path)
    lowered = {"outlets", "section_resets", "link_prefixes", "line_labels"}
    values: dict[str, object] = {
        key: frozenset(v if key in lowered else (w.lower() for w in v)) for key, v in lists.items()
    }
    values["link_prefixes"] = tuple(lists["link_prefixes"])
    return Lexicon(**values)  # type: ignore[arg-type]  # keys checked against fields above
