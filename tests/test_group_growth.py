"""A group grown by new members equals the group rebuilt from all of them."""

from __future__ import annotations

import datetime as dt
import json
import random

import pytest

from dyad.grouping.logic import EventGroup, Member, Party, build_group
from dyad.grouping.logic.growth import group_state, grow_group
from dyad.model import from_dict, to_json

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
