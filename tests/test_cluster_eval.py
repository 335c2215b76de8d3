"""The ECB+ evaluation's own parts, without the gold data: reading a CROMER file, aligning
mentions, the coreference scores (MUC, B-cubed, CEAF-e, CoNLL) and sub-topic separation."""

from __future__ import annotations

from pathlib import Path

import pytest

from dyad.evaluate.cross_document import (
    GoldDoc,
    align,
    coreference_scores,
    kept_apart,
    read_document,
)

# A made-up document in the corpus's format (fictional text, not from ECB+).
CROMER = """<Document doc_name="9_1ecbplus.xml">
<token t_id="1" sentence="0" number="0">http://example.org</token>
<token t_id="2" sentence="1" number="0">Floods</token>
<token t_id="3" sentence="1" number="1">hit</token>
<token t_id="4" sentence="1" number="2">Porto</token>
<token t_id="5" sentence="2" number="0">The</token>
<token t_id="6" sentence="2" number="1">flooding</token>
<token t_id="7" sentence="2" number="2">killed</token>
<token t_id="8" sentence="2" number="3">two</token>
<Markables>
<ACTION_OCCURRENCE m_id="1"><token_anchor t_id="3"/></ACTION_OCCURRENCE>
<ACTION_OCCURRENCE m_id="2"><token_anchor t_id="6"/></ACTION_OCCURRENCE>
<ACTION_OCCURRENCE m_id="3"><token_anchor t_id="7"/></ACTION_OCCURRENCE>
<LOC_GEO m_id="4"><token_anchor t_id="4"/></LOC_GEO>
<ACTION_OCCURRENCE m_id="9" TAG_DESCRIPTOR="t9_flood" instance_id="ACT1"/>
</Markables>
<Relations>
<CROSS_DOC_COREF r_id="1" note="ACT1"><source m_id="1"/><source m_id="2"/>
<target m_id="9"/></CROSS_DOC_COREF>
</Relations>
</Document>
"""


def test_read_document_keeps_selected_event_mentions(tmp_path: Path) -> None:
    path = tmp_path / "9_1ecbplus.xml"
    path.write_text(CROMER, encoding="utf-8")
    doc = read_document(path, 9, {"9_1ecbplus": {1, 2}})
    assert doc.text == "Floods hit Porto\nThe flooding killed two"  # the address is skipped
    assert doc.subtopic == "ecbplus" and doc.topic == 9
    spans = [(doc.text[m.start : m.end], m.cluster) for m in doc.mentions]
    assert spans == [("hit", "ACT1"), ("flooding", "ACT1"), ("killed", "9_1ecbplus:3")]
    only_first = read_document(path, 9, {"9_1ecbplus": {1}})
    assert [doc.text[m.start : m.end] for m in only_first.mentions] == ["hit"]


def test_alignment_is_one_to_one_by_overlap(tmp_path: Path) -> None:
    path = tmp_path / "9_1ecbplus.xml"
    path.write_text(CROMER, encoding="utf-8")
    doc = read_document(path, 9, {"9_1ecbplus": {1, 2}})
    system = {("9_1ecbplus", 7, 10): "g1", ("9_1ecbplus", 21, 29): "g1",
              ("9_1ecbplus", 0, 6): "g2"}  # fmt: skip
    gold_of, system_of = align([doc], system)
    assert system_of == {("9_1ecbplus", 0): "g1", ("9_1ecbplus", 1): "g1"}
    assert gold_of == {("9_1ecbplus", 0): "ACT1", ("9_1ecbplus", 1): "ACT1"}


@pytest.mark.parametrize(
    ("system", "expected"),
    [
        ({"a": "x", "b": "x", "c": "y"},
         {"muc_f1": 1.0, "b3_f1": 1.0, "ceafe_f1": 1.0, "conll_f1": 1.0}),
        ({"a": "x", "b": "y", "c": "y"},
         {"muc_f1": 0.0, "b3_f1": 0.6667, "ceafe_f1": 0.6667, "conll_f1": 0.4444}),
        ({"a": "x", "b": "y", "c": "z"},
         {"muc_f1": 0.0, "b3_precision": 1.0, "b3_recall": 0.6667, "ceafe_f1": 0.6667}),
    ],
)  # fmt: skip
def test_coreference_scores(system: dict[str, str], expected: dict[str, float]) -> None:
    gold = {"a": "1", "b": "1", "c": "2"}
    scores = coreference_scores(gold, system)
    for metric, value in expected.items():
        assert scores[metric] == pytest.approx(value, abs=1e-4), metric


def test_subtopics_kept_apart() -> None:
    docs = [GoldDoc(f"9_{i}{s}", 9, s, "", ()) for i, s in enumerate(("ecb", "ecb", "ecbplus"))]
    apart = {"g1": {"9_0ecb", "9_1ecb"}, "g2": {"9_2ecbplus"}}
    mixed = {"g1": {"9_0ecb", "9_2ecbplus"}, "g2": {"9_0ecb", "9_1ecb"}}
    assert kept_apart(docs, apart) == 1.0
    assert kept_apart(docs, mixed) == 0.5
