"""The actor dictionary as data: bundled files, user files that add or override, errors."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dyad.errors import KnowledgeError
from dyad.extract.actors import load_actor_dictionary
from test_actors import blank, one, read  # noqa: F401  # shared fixtures and helpers

USER_YAML = """\
version: 1
actors:
  - id: "PER:tomas_brekel"
    name: Tomas Brekel
    kind: person
    country: MDA
    gender: m
    aliases: [Brekel]
    roles:
      - {title: Foreign Minister, valid_from: 2024-01-01}
  - {id: "MED:UNN", name: Ukrainian National News, kind: organisation, country: UKR,
     sector: media, aliases: [UNN]}
"""


def test_bundled_dictionary_covers_countries_igos_media_and_people():
    actors = load_actor_dictionary()
    assert len([e for e in actors.entries.values() if e.kind == "country"]) > 200
    for actor_id in ("IGO:NATO", "IGO:IAEA", "IGO:ICC", "MED:REUTERS", "PER:vladimir_putin"):
        assert actor_id in actors.entries
    assert actors.lookup("Hungarian") == (("adjective", "HUN"),)
    assert ("entry", "GOV:RUS") in actors.lookup("Kremlin")


def test_entity_patterns_fix_what_the_small_model_gets_wrong():
    patterns = load_actor_dictionary().entity_patterns()
    labels = {(p["pattern"], p["label"]) for p in patterns}
    assert ("Zelenskyy", "PERSON") in labels
    assert ("Bloomberg", "ORG") in labels
    assert ("Trump", "PERSON") in labels
    assert {p["label"] for p in patterns} <= {"PERSON", "ORG", "GPE", "NORP"}
    assert not [p for p in patterns if p["pattern"] == "Washington"]  # left to the model


def test_user_yaml_adds_an_actor_and_overrides_one(tmp_path, blank):  # noqa: F811
    path = tmp_path / "mine.yaml"
    path.write_text(USER_YAML, encoding="utf-8")
    actors = load_actor_dictionary([path])
    assert actors.entries["MED:UNN"].name == "Ukrainian National News"
    assert {"label": "PERSON", "pattern": "Tomas Brekel", "id": "PER:tomas_brekel"} in (
        actors.entity_patterns()
    )
    mention = one(read(blank, actors, "Tomas Brekel said no.", date=dt.date(2025, 1, 1)), "Brekel")
    assert (mention.actor_id, mention.country, mention.sector) == (
        "PER:tomas_brekel", "MDA", "government",
    )  # fmt: skip
    assert mention.method == "dictionary"
    assert "PER:tomas_brekel" not in load_actor_dictionary().entries  # bundled one untouched


def test_user_csv_adds_an_actor_with_dated_roles(tmp_path, blank):  # noqa: F811
    path = tmp_path / "mine.csv"
    path.write_text(
        "id,name,kind,country,sector,aliases,title,valid_from,valid_to\n"
        "PER:ana_kest,Ana Kest,person,PER,,Kest,Defence Minister,2020-01-01,2023-01-01\n"
        "PER:ana_kest,,,,,,Prime Minister,2023-01-01,\n",
        encoding="utf-8",
    )
    actors = load_actor_dictionary([path])
    early = one(read(blank, actors, "Kest spoke.", date=dt.date(2021, 1, 1)), "Kest")
    late = one(read(blank, actors, "Kest spoke.", date=dt.date(2024, 1, 1)), "Kest")
    assert (early.title, late.title) == ("Defence Minister", "Prime Minister")
    assert early.country == late.country == "PER"


@pytest.mark.parametrize(
    ("name", "text", "line", "words"),
    [
        ("bad.yaml", "actors:\n  - {id: X1, name: X}\n  - {id: X2, name: Y, sector: goverment}\n",
         3, "unknown sector 'goverment'"),
        ("bad.yaml", "actors:\n  - id: X1\n    name: X\n    country: RUSSIA\n", 2,
         "unknown country code"),
        ("bad.yaml", "actors:\n  - id: X1\n    name: X\n    roles:\n"
         "      - {title: President, valid_from: 2020-13-45}\n", 5, "valid_from"),
        ("bad.yaml", "actors:\n  - {id: X1, name: X, nickname: Y}\n", 2, "unknown field"),
        ("bad.yaml", "actors:\n  - {id: X1, name: [X\n", 3, "invalid YAML"),
        ("bad.csv", "id,name,country\nX1,X,RUS\nX2,Y,Russia\n", 3, "unknown country code"),
        ("bad.csv", "id,country\nX1,RUS\n", 1, "missing column"),
    ],
)  # fmt: skip
def test_bad_user_file_names_file_and_line(tmp_path, name, text, line, words):
    path: Path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(KnowledgeError) as caught:
        load_actor_dictionary([path])
    message = str(caught.value)
    assert f"{path.resolve()}:{line}:" in message or f"{path}:{line}:" in message
    assert words in message


def test_missing_user_file_is_a_knowledge_error(tmp_path):
    with pytest.raises(KnowledgeError, match="not found"):
        load_actor_dictionary([tmp_path / "nope.yaml"])
