"""A group grown by new members equals the group rebuilt from all of them."""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path
from typing import Any

import pytest

import dyad.grouping.stored.groups as stored_groups
from dyad.grouping.logic import EventGroup, Member, Party, build_group
from dyad.grouping.logic.growth import group_state, grow_group
from dyad.grouping.stored import stories, update_groups
from dyad.grouping.stored.whole import whole_groups
from dyad.model import from_dict, to_dict, to_json
from dyad.store import open_store
from test_tracking_series import BATCHES

DAY = dt.date(2024, 3, 1)
STATUSES = ["held", "happened", "cancelled", "refused", "planned", "proposed", "possible"]
PARTIES = [
    Party("GOV:RUS", "Russia", "RUS", "government"),
    Party("PER:putin", "Putin", "RUS", "government", title="President"),
    Party("PER:putin", "Vladimir Putin", "RUS", "government"),
    Party("GOV:UKR", "Ukraine", "UKR", "government"),
    Party("PER:zelensky", "Zelensky", "UKR", "government", title="President"),
    Party("IGO:UN", "the UN", "IGO", "IGO"),
]


def member(rng: random.Random, n: int) -> Member:
    """A member whose every field grouping reads is drawn from a small pool (ties happen)."""
    day = DAY + dt.timedelta(days=rng.randrange(6))
    place = rng.choice([None, 1, 2, 3])
    pick = rng.choice
    return Member(
        event_id=f"ev{n:03d}",
        article_id=f"art{rng.randrange(8)}",
        article_date=pick([None, DAY + dt.timedelta(days=rng.randrange(10))]),
        type="CONSULT",
        actors=tuple(rng.sample(PARTIES, rng.randrange(3))),
        recipients=tuple(rng.sample(PARTIES, rng.randrange(3))),
        mode=pick([None, "meet", "visit"]),
        date=pick([None, day]),
        date_end=pick([None, day + dt.timedelta(days=2)]),
        granularity=pick([None, "day", "month", "year"]),
        date_source=pick(["text", "publication", "none"]),
        deadline=pick([None, None, day]),
        place_id=place,
        place_name=f"Town {place}" if place else None,
        place_country=pick(["RUS", "UKR"]) if place else None,
        place_source=pick(["text", "dateline"]) if place else "none",
        status=pick(STATUSES),
        mentions=rng.randrange(1, 3),
        sources=tuple(rng.sample(["Reuters", "TASS", "AP"], rng.randrange(3))),
        publisher=pick([None, "Pub"]),
        trigger=pick(["", "met", "Talks"]),
        sentence=f"sentence {n}",
        cameo=pick([None, "040", "036"]),
        quad_class=pick([None, 1, 2]),
        goldstein=pick([None, 1.1, 3.4, -2.0, 0.7]),
        confidence=pick([None, 0.3, 0.9]),
    )


@pytest.mark.parametrize("seed", range(300))
def test_grown_group_equals_the_rebuilt_one(seed: int) -> None:
    rng = random.Random(seed)
    members = [member(rng, n) for n in range(rng.randrange(2, 14))]
    cut = rng.randrange(1, len(members))
    old, new = members[:cut], members[cut:]
    stored = from_dict(EventGroup, json.loads(to_json(build_group("grp_x", old))))
    state = json.loads(json.dumps(group_state(old)))  # as the store keeps it
    grown, state = grow_group(stored, state, new)
    assert grown == build_group("grp_x", members)
    assert state == json.loads(json.dumps(group_state(members)))


def test_growing_twice_equals_growing_once() -> None:
    rng = random.Random(1)
    members = [member(rng, n) for n in range(12)]
    first = build_group("grp_y", members[:4])
    grown, state = grow_group(first, group_state(members[:4]), members[4:8])
    grown, _ = grow_group(grown, state, members[8:])
    assert grown == build_group("grp_y", members)


def grouped_store(path: Path, grow_from: int, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """Every group record, member list and story of the hand-built batches, grouped batch by
    batch with groups of `grow_from` members or more grown from their state."""
    monkeypatch.setattr(stored_groups, "GROW_FROM", grow_from)
    with open_store(path) as db:
        run = db.start_run("test", pipeline_version="t", model_version=None)
        for batch in BATCHES:
            db.add_batch(batch, run_id=run, pipeline_version="t", model_version=None)
            update_groups(db, [r.article.id for r in batch])
        ids = [r[0] for r in db.conn.execute("SELECT id FROM event_groups ORDER BY id")]
        sql = "SELECT count(*) FROM event_groups WHERE expand(record) LIKE ?"
        kept = db.conn.execute(sql, ('%"_growth"%',)).fetchone()[0]
        return {
            "records": [to_dict(g) for g in whole_groups(db, db.group_records_by_id(ids))],
            "members": {g: [e[0] for e in v] for g, v in db.group_member_events(ids).items()},
            "stories": [to_dict(s) for s in stories(db)],
            "states kept": kept,
        }


def test_the_store_grows_groups_as_it_would_rebuild_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    grown = grouped_store(tmp_path / "grown.db", 1, monkeypatch)
    rebuilt = grouped_store(tmp_path / "rebuilt.db", 10**9, monkeypatch)
    assert grown["states kept"] == len(grown["records"]) > 0
    assert rebuilt["states kept"] == 0
    assert all("_growth" not in r for r in grown["records"])
    assert {k: v for k, v in grown.items() if k != "states kept"} == {
        k: v for k, v in rebuilt.items() if k != "states kept"
    }
    assert max(len(m) for m in grown["members"].values()) > 1
