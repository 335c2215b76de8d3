"""The lexicon: word lists the stages read, loaded and checked by `dyad.lexicon`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dyad.errors import KnowledgeError
from dyad.lexicon import DEFAULT_PATH, load_lexicon, words

SRC = Path(__file__).resolve().parents[1] / "src" / "dyad"


def test_bundled_lists_load_in_file_order() -> None:
    assert words("events.roles", "claim_nouns")[:2] == ("claim", "statement")
    assert "true" in words("actors.pronouns", "empty_adjectives")  # a YAML keyword stays text
    assert " county" in words("places.resolve", "suffixes")  # spaces are kept


def test_every_list_is_read_by_the_code() -> None:
    code = "\n".join(p.read_text(encoding="utf-8") for p in SRC.rglob("*.py"))
    read = set(re.findall(r'words\(\s*"([\w.]+)",\s*"(\w+)"', code))
    held = {(s, k) for s, lists in load_lexicon().items() for k in lists}
    assert held == read


@pytest.mark.parametrize(
    ("text", "where", "what"),
    [
        ("events:\n  verbs: [meet, meet]\n", ":2:", "twice"),
        ("events:\n  verbs: []\n", ":2:", "non-empty list"),
        ("events:\n  verbs: [meet, [talk]]\n", ":2:", "non-text"),
        ("events:\n  verbs: meet\n", ":2:", "non-empty list"),
        ("events: [meet]\n", ":1:", "mapping"),
        ("events:\n  verbs: [meet]\nevents:\n  nouns: [talk]\n", ":3:", "defined twice"),
    ],
)
def test_bad_file_names_file_and_line(tmp_path: Path, text: str, where: str, what: str) -> None:
    path = tmp_path / "lexicon.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(KnowledgeError, match=re.escape(f"{path}{where}") + ".*" + what):
        load_lexicon(path)


def test_missing_list_names_file(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeError, match=re.escape(str(DEFAULT_PATH)) + ".*events.nope"):
        words("events", "nope")
    with pytest.raises(KnowledgeError, match="not found"):
        load_lexicon(tmp_path / "absent.yaml")
