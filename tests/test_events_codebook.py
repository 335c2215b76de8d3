"""The event codebook: bundled file valid, user files replace it, bad files name the line."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from dyad.errors import KnowledgeError
from dyad.extract.events import find_events, load_codebook
from dyad.model import MODALITIES, PLOVER_TYPES, ActorMention, Span

MINIMAL = """\
version: "test"
status:
  negators: [not]
  negating_verbs: [refuse]
  planned_auxiliaries: [will]
  planned_verbs: [plan]
  possible_auxiliaries: [may]
  possible_words: [likely]
  conditional_marks: [if]
  reported_future: [would]
  historical_days: 30
stance:
  speech_verbs: [say]
  willingness_words: [willing]
  future_auxiliaries: [will]
  obligation_auxiliaries: [must]
  content_types: [CONSULT]
types:
  - type: PROTEST
    definition: Test type.
    cameo: "14"
    quad_class: 4
    goldstein: -6.5
    triggers:
      - verb: greet
        confidence: 0.8
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "codebook.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _greeting_doc() -> Doc:
    """ "Freedonia greeted Sylvania ." parsed by hand: no model needed."""
    return Doc(
        Vocab(),
        words=["Freedonia", "greeted", "Sylvania", "."],
        spaces=[True, True, False, False],
        heads=[1, 1, 1, 1],
        deps=["nsubj", "ROOT", "dobj", "punct"],
        pos=["PROPN", "VERB", "PROPN", "PUNCT"],
        lemmas=["Freedonia", "greet", "Sylvania", "."],
        sent_starts=[True, False, False, False],
    )


def _actors(doc: Doc) -> list[ActorMention]:
    return [
        ActorMention(Span(t.idx, t.idx + len(t.text), t.text), None, t.text, None, None)
        for t in doc
        if t.pos_ == "PROPN"
    ]


class TestBundledCodebook:
    def test_all_sixteen_types_are_coded(self):
        codebook = load_codebook()
        assert {t.name for t in codebook.types} == set(PLOVER_TYPES)

    def test_every_type_has_triggers_and_a_coding(self):
        codebook = load_codebook()
        with_triggers = {t.type for t in codebook.triggers}
        assert with_triggers == set(PLOVER_TYPES)
        for event_type in codebook.types:
            assert event_type.coding.quad_class in (1, 2, 3, 4)
            assert -10 <= event_type.coding.goldstein <= 10

    @pytest.mark.parametrize(
        "words", ["hold talks", "send delegation", "call on", "urge", "ultimatum",
                  "impose sanction", "ceasefire", "reject claim"],
    )  # fmt: skip
    def test_issue_lexicon_is_present(self, words):
        keys = {" ".join(t.words) for t in load_codebook().triggers}
        assert words in keys

    def test_content_modalities_are_known(self):
        for event_type in load_codebook().types:
            assert event_type.content_modality in (None, *MODALITIES)


class TestUserCodebook:
    def test_user_file_replaces_the_bundled_one(self, tmp_path):
        codebook = load_codebook(_write(tmp_path, MINIMAL))
        assert [t.name for t in codebook.types] == ["PROTEST"]
        assert codebook.status.historical_days == 30

    def test_user_file_changes_the_output(self, tmp_path):
        doc = _greeting_doc()
        assert find_events(doc, load_codebook(), actors=_actors(doc), times=()) == ()
        events = find_events(
            doc, load_codebook(_write(tmp_path, MINIMAL)), actors=_actors(doc), times=()
        )
        assert [e.type for e in events] == ["PROTEST"]
        assert [a.name for a in events[0].actors] == ["Freedonia"]
        assert [a.name for a in events[0].recipients] == ["Sylvania"]
        assert events[0].cameo == "14" and events[0].quad_class == 4

    def test_yes_no_on_off_are_words(self, tmp_path):
        text = MINIMAL.replace("  negators: [not]", "  negators: [not, no, on, off, yes]")
        codebook = load_codebook(_write(tmp_path, text))
        assert codebook.status.negators == ("not", "no", "on", "off", "yes")

    def test_missing_file_is_a_knowledge_error(self, tmp_path):
        with pytest.raises(KnowledgeError, match="not found"):
            load_codebook(tmp_path / "absent.yaml")


class TestBadCodebook:
    @pytest.mark.parametrize(
        ("old", "new", "at", "message"),
        [
            ("  - type: PROTEST", "  - type: PICNIC", "PICNIC", "not one of"),
            ('    cameo: "14"', "    cameo: 14", "cameo", "cameo"),
            ("    quad_class: 4", "    quad_class: 7", "quad_class", "quad_class"),
            ("    goldstein: -6.5", "    goldstein: -60", "goldstein", "goldstein"),
            (
                "      - verb: greet",
                "      - verb: greet\n        mode: nowhere",
                "nowhere",
                "mode",
            ),
            ("        confidence: 0.8", "        confidence: 3", "confidence", "confidence"),
            ("  historical_days: 30", "  historical_days: soon", "soon", "historical_days"),
            ("  negators: [not]", "  negators: not", "negators", "negators"),
            (
                "      - verb: greet",
                "      - verb: greet\n        noun: hi",
                "verb: greet",
                "one of",
            ),
            ("  content_types: [CONSULT]", "  content_types: [PARTY]", "PARTY", "PARTY"),
            (
                "      - verb: greet",
                "      - verb: greet\n        armed: FIGHT",
                "FIGHT",
                "armed must be a PLOVER type",
            ),
        ],
    )
    def test_error_names_file_and_line(self, tmp_path, old, new, at, message):
        assert old in MINIMAL
        text = MINIMAL.replace(old, new)
        line = next(n for n, row in enumerate(text.splitlines(), 1) if at in row)
        path = _write(tmp_path, text)
        with pytest.raises(KnowledgeError, match=message) as error:
            load_codebook(path)
        assert f"{path}:{line}:" in str(error.value)

    def test_broken_yaml_names_the_line(self, tmp_path):
        path = _write(tmp_path, MINIMAL.replace("    definition: Test type.", "  - : ]["))
        with pytest.raises(KnowledgeError, match="not valid YAML") as error:
            load_codebook(path)
        assert f"{path}:" in str(error.value)
