"""The real-news scorer: matching rules on hand-built values, and the whole evaluation on a
tiny gold file scored against what the real pipeline emits."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from dyad.errors import EvaluationError
from dyad.evaluate.processed import raw_offsets
from dyad.evaluate.realnews_gold import (
    GoldMention,
    GoldRole,
    date_right,
    matches,
    place_right,
    read_gold,
    roles_right,
)
from dyad.evaluate.realnews_texts import read_texts, split_of
from dyad.model import ActorMention, Event, Evidence, Place, Span


def same(offset: int) -> int:
    return offset


def actor(text: str, start: int, **fields: Any) -> ActorMention:
    values = {"actor_id": None, "name": text, "country": None, "sector": None, **fields}
    return ActorMention(Span(start, start + len(text), text), **values)


def role(start: int, end: int, who: str, country: str | None = None, sector: str | None = None):
    return GoldRole((start, end), who, country, sector)


def mention(**fields: Any) -> GoldMention:
    values: dict[str, Any] = {
        "sentence": (0, 40), "trigger": (10, 16), "types": frozenset({"ACCUSE"}),
        "type": "ACCUSE", "actors": (), "recipients": (),
        "status": ("asserted", "actual", False), "generic": False, "date": None,
        "date_granularity": None, "date_from_text": False, "place": None,
    }  # fmt: skip
    return GoldMention(**{**values, **fields})


def event(type_: str = "ACCUSE", trigger: tuple[int, int] = (10, 16), **fields: Any) -> Event:
    evidence = (Evidence(Span(*trigger, "x"), Span(0, 40, "s")),)
    return Event("e1", "a1", type_, (), (), evidence, **fields)


# -- who and whom --------------------------------------------------------------------------

ROLE_CASES = {
    "span overlap": ((actor("the senator", 0),), (role(4, 11, "Ana Varga"),), True),
    "same canonical name": ((actor("Ana Varga", 30),), (role(0, 3, "ana varga"),), True),
    "state level, same country and sector": (
        (actor("Borovia (government)", 30, actor_id="GOV:BRV", country="BRV",
               sector="government"),),
        (role(0, 3, "Borovian government", "BRV", "government"),), True),
    "a country stands for its government": (
        (actor("Borovia", 30, actor_id="CTY:BRV", country="BRV", kind="country"),),
        (role(0, 3, "Borovian government", "BRV", "government"),), True),
    "same country, other sector": (
        (actor("Borovia (military)", 30, actor_id="MIL:BRV", country="BRV",
               sector="military"),),
        (role(0, 3, "Borovian government", "BRV", "government"),), False),
    "a person is not state level": (
        (actor("Ana Varga", 30, actor_id="PER:ana_varga", country="BRV", sector="government",
               kind="person"),),
        (role(0, 3, "Borovian government", "BRV", "government"),), False),
    "both empty": ((), (), True),
    "none named where gold has one": ((), (role(0, 3, "Ana Varga"),), False),
    "one named where gold has none": ((actor("Varga", 0),), (), False),
    "every one named must match": (
        (actor("Varga", 0), actor("Brel", 20)), (role(0, 5, "Ana Varga"),), False),
}  # fmt: skip


@pytest.mark.parametrize("found,gold,right", ROLE_CASES.values(), ids=ROLE_CASES.keys())
def test_roles_right(found, gold, right) -> None:
    assert roles_right(found, gold, same) is right


def test_roles_compare_in_gold_offsets() -> None:
    """Offsets of what Dyad read (trimmed text) are mapped onto the gold text first."""
    shifted = raw_offsets("  \n" + "x" * 20)
    assert roles_right((actor("Varga", 0),), (role(3, 8, "?"),), lambda i: shifted[i])
    assert not roles_right((actor("Varga", 0),), (role(0, 3, "?"),), lambda i: shifted[i])


# -- what --------------------------------------------------------------------------------


def test_a_match_needs_trigger_overlap_and_type_or_alternative() -> None:
    gold = mention(types=frozenset({"ACCUSE", "REJECT"}))
    assert matches(event("ACCUSE", (12, 20)), gold, same)
    assert matches(event("REJECT", (12, 20)), gold, same)
    assert not matches(event("PROTEST", (12, 20)), gold, same)
    assert not matches(event("ACCUSE", (16, 20)), gold, same)


# -- when and where ----------------------------------------------------------------------

DATE_CASES = {
    "day": ("2016-09-12", "day", dt.date(2016, 9, 12), True),
    "other day": ("2016-09-12", "day", dt.date(2016, 9, 13), False),
    "month": ("2016-09", "month", dt.date(2016, 9, 30), True),
    "year": ("2016", "year", dt.date(2016, 1, 2), True),
    "week given as a day": ("2016-09-12", "week", dt.date(2016, 9, 15), True),
    "ISO week": ("2016-W37", "week", dt.date(2016, 9, 19), False),
}


@pytest.mark.parametrize("gold,granularity,found,right", DATE_CASES.values(), ids=DATE_CASES)
def test_date_right_at_gold_granularity(gold, granularity, found, right) -> None:
    gold_mention = mention(date=gold, date_granularity=granularity, date_from_text=True)
    assert date_right(event(date=found), gold_mention) is right


VESK = Place(1, "Vesk", "BRV", None, 0.0, 0.0, "PPL")


def test_place_right() -> None:
    gold = mention(place={"span": [30, 34], "name": "VESK", "country": "BRV"})
    assert place_right(event(place=VESK), gold, same)  # same name, case aside
    other = Place(2, "Norby", "BRV", None, 0.0, 0.0, "PPL")
    assert place_right(event(place=other, place_span=Span(30, 34, "Vesk")), gold, same)
    assert not place_right(event(place=other), gold, same)
    assert not place_right(event(), gold, same)
    assert place_right(event(), mention(), same)  # both without a place
    assert not place_right(event(place=VESK), mention(), same)


def test_raw_offsets_undo_trimming_and_crlf() -> None:
    raw = " a\r\nb "
    assert raw_offsets(raw) == (1, 2, 4, 5)


# -- the whole evaluation, with the real pipeline ------------------------------------------

TEXT = (
    "  \n\nThe Russian government criticized Ukraine on Monday. "
    "French police arrested protesters in Paris on Tuesday.\n"
)


def at(text: str, n: int = 1) -> list[int]:
    start = -1
    for _ in range(n):
        start = TEXT.index(text, start + 1)
    return [start, start + len(text)]


def gold_event(trigger: str, type_: str, **fields: Any) -> dict[str, Any]:
    first = at("The Russian")[0] if trigger == "criticized" else at("French")[0]
    end = at("Monday.")[1] if trigger == "criticized" else at("Tuesday.")[1]
    return {
        "sentence": [first, end], "trigger": at(trigger), "type": type_, "alt_types": [],
        "mode": None, "actors": [], "recipients": [], "polarity": "asserted",
        "modality": "actual", "historical": False, "generic": False, "date": None,
        "date_granularity": None, "date_from_text": False, "place": None, "same_as": None,
        **fields,
    }  # fmt: skip


def gold_role(text: str, who: str, country: str | None, sector: str | None) -> dict[str, Any]:
    return {"span": at(text), "who": who, "country": country, "sector": sector}


def write_gold(tmp_path: Path) -> Path:
    folder = tmp_path / "polnear" / "dev" / "text"
    folder.mkdir(parents=True)
    (folder / "norland.txt").write_text(TEXT, encoding="utf-8")
    (folder / "other.txt").write_text(TEXT, encoding="utf-8")
    events = [
        gold_event("criticized", "ACCUSE", date="2025-05-12", date_granularity="day",
                   date_from_text=True,
                   actors=[gold_role("Russian government", "Russian government", "RUS",
                                     "government")],
                   recipients=[gold_role("Ukraine", "Ukraine", "UKR", "government")]),
        gold_event("arrested", "COERCE", date="2025-05-13", date_granularity="day",
                   date_from_text=True, place={"span": at("Paris"), "name": "Paris",
                                                "country": "FRA"},
                   actors=[gold_role("French police", "French police", "FRA", "police")],
                   recipients=[gold_role("protesters", "protesters", "FRA", "civilians")],
                   modality="planned"),
        gold_event("protesters", "PROTEST", generic=True),
        gold_event("criticized", "REQUEST"),
        gold_event("arrested", "COERCE", same_as=1),
    ]  # fmt: skip
    record = {"article": "polnear/dev/norland", "date": "2025-05-14", "publisher": "Norland"}
    write_lgl(tmp_path, {"7": TEXT})
    path = tmp_path / "realnews.jsonl"
    lines = [
        {**record, "split": "dev", "events": events},
        {**record, "article": "polnear/dev/other", "split": "test", "events": []},
        {**record, "article": "lgl/7", "split": "dev", "events": events[:2]},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")
    return path


def write_lgl(tmp_path: Path, texts: dict[str, str]) -> None:
    folder = tmp_path / "geoparsing"
    folder.mkdir(parents=True, exist_ok=True)
    articles = "".join(
        f'<article docid="{docid}"><text><![CDATA[{text}]]></text></article>'
        for docid, text in texts.items()
    )
    (folder / "lgl.xml").write_text(f"<articles>{articles}</articles>", encoding="utf-8")


def test_same_as_mentions_make_one_event(tmp_path: Path) -> None:
    article = read_gold(write_gold(tmp_path))[0]
    assert [len(e) for e in article.events] == [1, 2, 1, 1]


def test_articles_name_their_corpus(tmp_path: Path) -> None:
    assert [a.corpus for a in read_gold(write_gold(tmp_path))] == ["polnear", "polnear", "lgl"]
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps({"article": "reuters/7", "split": "dev", "events": []}) + "\n")
    with pytest.raises(EvaluationError, match=r"bad\.jsonl:1: .*corpus one of"):
        read_gold(path)


# -- texts by article id -------------------------------------------------------------------


def test_texts_are_read_by_id_from_each_corpus(tmp_path: Path) -> None:
    write_lgl(tmp_path, {"7": "Vesk police arrested two men.", "8": "Other."})
    (tmp_path / "geoparsing" / "GeoVirus.xml").write_text(
        "<articles><article><text>First.</text></article>"
        "<article><text>Borovia closed its border.</text></article></articles>",
        encoding="utf-8",
    )
    words = [(0, "http://x"), (1, "Varga"), (1, "resigned"), (2, "."), (2, "Yes")]
    tokens = "".join(
        f'<token t_id="{i}" sentence="{n}">{w}</token>' for i, (n, w) in enumerate(words)
    )
    ecb = tmp_path / "ecbplus" / "ECB+" / "3"
    ecb.mkdir(parents=True)
    (ecb / "3_1ecbplus.xml").write_text(f"<Document>{tokens}</Document>", encoding="utf-8")
    mt = tmp_path / "meantime-en" / "intra_cross-doc_annotation" / "corpus_x"
    mt.mkdir(parents=True)
    (mt / "1_a.xml").write_text(f"<Document>{tokens}</Document>", encoding="utf-8")
    (tmp_path / "polnear" / "dev" / "text").mkdir(parents=True)
    (tmp_path / "polnear" / "dev" / "text" / "n.txt").write_text("Raw text.", encoding="utf-8")
    ids = ["lgl/7", "geovirus/1", "ecbplus/3/3_1ecbplus", "meantime/corpus_x/1_a", "polnear/dev/n"]
    assert read_texts(tmp_path, ids) == {
        "lgl/7": "Vesk police arrested two men.",
        "geovirus/1": "Borovia closed its border.",
        "ecbplus/3/3_1ecbplus": "Varga resigned\n. Yes",  # the web address left out
        "meantime/corpus_x/1_a": "http://x\nVarga resigned\n. Yes",
        "polnear/dev/n": "Raw text.",
    }
    with pytest.raises(EvaluationError, match="no lgl article '9'"):
        read_texts(tmp_path, ["lgl/9"])
    with pytest.raises(EvaluationError, match="the text of polnear/dev/gone is missing"):
        read_texts(tmp_path, ["polnear/dev/gone"])


def test_the_package_set_keeps_the_held_out_rule() -> None:
    """One rule for every corpus, fixed before annotating: sha1(id) % 3 == 0 is held out."""
    from dyad.evaluate.realnews import gold_file

    articles = read_gold(gold_file())
    assert all(a.split == split_of(a.id) for a in articles)
    corpora = Counter(a.corpus for a in articles)
    assert corpora["polnear"] == 64 and sum(corpora.values()) - corpora["polnear"] >= 24
    assert [split_of(i) for i in ("lgl/40668374", "lgl/40617483", "geovirus/66")] == [
        "test",
        "dev",
        "test",
    ]


def test_missing_gold_file_says_what_to_do(tmp_path: Path, monkeypatch) -> None:
    from dyad.evaluate.realnews import evaluate

    monkeypatch.setenv("DYAD_REALNEWS_GOLD", str(tmp_path / "nowhere.jsonl"))
    with pytest.raises(EvaluationError, match=r"realnews_annotations\.py"):
        evaluate(tmp_path)


@pytest.fixture(scope="module")
def reader():
    from dyad.evaluate.processed import Reader

    return Reader()


@pytest.mark.model
def test_scores_what_the_pipeline_emits(tmp_path: Path, reader, monkeypatch) -> None:
    from dyad.evaluate.realnews import evaluate

    monkeypatch.setenv("DYAD_MIN_CONFIDENCE", "0")  # every emitted event is shown
    gold = write_gold(tmp_path)
    report = evaluate(tmp_path, split="dev", gold_path=gold, reader=reader)
    m = report.metrics
    # emitted: ACCUSE criticized, COERCE arrested ("protesters" names people, not a protest)
    assert report.details["counts"]["emitted"] == 4  # two in each article
    assert m["precision"] == 1.0 and m["shown_share"] == 1.0
    # gold: ACCUSE, COERCE (two mentions, one event), REQUEST (no event of that type); and
    # the same ACCUSE and COERCE in the LGL article
    assert m["recall"] == pytest.approx(4 / 5, abs=1e-3)
    assert m["actor_recall"] == pytest.approx(4 / 5, abs=1e-3)
    assert m["actor_accuracy"] == 1.0  # span overlap and country with sector
    assert m["status_accuracy"] == 0.5  # the arrest was annotated as planned
    assert m["date_accuracy"] == 1.0
    assert m["place_accuracy"] == 1.0
    assert m["no_actor_share"] == 0.0
    kinds = {e["kind"] for e in report.details["errors"]}
    assert kinds == {"missed", "fields"}
    # per corpus: the LGL article holds the ACCUSE and the COERCE only, both found
    assert report.details["articles_per_corpus"] == {"polnear": 1, "lgl": 1}
    assert m["polnear_recall"] == pytest.approx(2 / 3, abs=1e-3)
    assert m["lgl_recall"] == 1.0 and m["others_recall"] == 1.0
    assert m["lgl_status_accuracy"] == 0.5 and "ecbplus_recall" not in m


@pytest.mark.model
def test_a_threshold_hides_events_from_the_score(tmp_path: Path, reader, monkeypatch) -> None:
    from dyad.evaluate.realnews import evaluate

    monkeypatch.setenv("DYAD_MIN_CONFIDENCE", "1")  # nothing is shown
    report = evaluate(tmp_path, split="dev", gold_path=write_gold(tmp_path),
                      reader=reader)  # fmt: skip
    assert report.details["counts"].get("emitted", 0) == 0
    assert report.metrics["recall"] == 0.0
    assert report.metrics["diag_all_precision"] == 1.0


@pytest.mark.model
def test_held_out_errors_are_not_listed(tmp_path: Path, reader) -> None:
    from dyad.evaluate.realnews import evaluate

    report = evaluate(tmp_path, split="test", gold_path=write_gold(tmp_path),
                      reader=reader)  # fmt: skip
    assert report.items == 1
    assert "errors" not in report.details
