"""Seed article events that need more than one clause: a judgement reported by a speaker
after the quote, and the traveller of a "going to X for talks" headline.

Actors are built by hand from the names in the article, so these tests exercise
`find_events` alone, not the actors stage. Judgements and travellers are also tested on
fictional sentences, grouped by capability."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from dyad.extract.events import find_events, load_codebook
from dyad.model import ActorMention, EventMention, Span

ARTICLE_DATE = dt.date(2025, 5, 15)
SEED_NAMES = (
    "Andrei Kozyrev", "Vladimir Putin", "Putin", "Donald Trump", "Trump", "Medinsky",
    "Zelenskyy", "Washington", "Russia", "Ukraine", "Moscow", "Kyiv",
)  # fmt: skip
FICTIONAL = ("Freedonia", "Sylvania", "Elbonia", "Grand Fenwick")

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def codebook():
    return load_codebook()


def mentions_of(text: str, names: tuple[str, ...]) -> list[ActorMention]:
    """Each whole-word occurrence of a name, longest name first where they overlap."""
    found: list[ActorMention] = []
    for name in sorted(names, key=len, reverse=True):
        for match in re.finditer(rf"\b{re.escape(name)}\b", text):
            if any(m.span.start < match.end() and match.start() < m.span.end for m in found):
                continue
            span = Span(match.start(), match.end(), name)
            found.append(ActorMention(span, f"X:{name}", name, None, "government"))
    return sorted(found, key=lambda m: m.span.start)


def read(nlp, codebook, text: str, names: tuple[str, ...]) -> tuple[EventMention, ...]:
    return find_events(
        nlp(text), codebook, actors=mentions_of(text, names), times=(), article_date=ARTICLE_DATE
    )


def only(events, type_: str, trigger: str) -> EventMention:
    chosen = [e for e in events if e.type == type_ and e.trigger.text == trigger]
    assert len(chosen) == 1, [(e.type, e.trigger.text) for e in events]
    return chosen[0]


@pytest.fixture(scope="module")
def seed_events(nlp, codebook, seed_text):
    return read(nlp, codebook, seed_text, SEED_NAMES)


@pytest.mark.usefixtures("seed_text")
class TestSeedEvents:
    def test_kozyrev_disapproves_of_putin(self, seed_events):
        event = only(seed_events, "ACCUSE", "disrespect")
        assert event.mode == "disapprove"
        assert [a.name for a in event.actors] == ["Andrei Kozyrev"]
        assert [a.name for a in event.recipients] == ["Putin"]
        assert event.polarity == "asserted"

    def test_trump_is_not_going_to_the_talks(self, seed_events):
        chosen = [e for e in seed_events if "Trump is not going" in e.sentence.text]
        event = only(chosen, "CONSULT", "talks")
        assert [a.name for a in event.actors] == ["Trump"]
        assert event.polarity == "negated"


class TestJudgements:
    @pytest.mark.parametrize(
        ("text", "trigger", "actor", "recipient"),
        [
            (
                "Sylvania's decision is an insult to our people, Freedonia's minister said.",
                "insult",
                "Freedonia",
                "Sylvania",
            ),
            (
                '"The vote in Sylvania was a farce," Freedonia said.',
                "farce",
                "Freedonia",
                "Sylvania",
            ),
            (
                "Freedonia called the referendum in Sylvania a sham.",
                "sham",
                "Freedonia",
                "Sylvania",
            ),
            (
                "Freedonia described Sylvania's move as a provocation.",
                "provocation",
                "Freedonia",
                "Sylvania",
            ),
            (
                "Sylvania's visit \"is a sign of contempt. - Freedonia wrote on Monday.",
                "contempt",
                "Freedonia",
                "Sylvania",
            ),
        ],
    )
    def test_speaker_disapproves_of_the_thing_judged(
        self, nlp, codebook, text, trigger, actor, recipient
    ):
        event = only(read(nlp, codebook, text, FICTIONAL), "ACCUSE", trigger)
        assert [a.name for a in event.actors] == [actor]
        assert [a.name for a in event.recipients] == [recipient]

    @pytest.mark.parametrize(
        "text",
        [
            "The election in Sylvania was a mistake.",  # nobody's words but the narrator's
            "Freedonia made a mistake in Sylvania.",  # not what something is
            "Sylvania showed contempt for the court, Freedonia said.",
        ],
    )
    def test_no_judgement(self, nlp, codebook, text):
        events = read(nlp, codebook, text, FICTIONAL)
        assert not [e for e in events if e.type == "ACCUSE"]


class TestTravellers:
    @pytest.mark.parametrize(
        ("text", "trigger"),
        [
            ("The president of Freedonia flew to Grand Fenwick for talks with Sylvania.", "talks"),
            ("Freedonia's minister arrived in Grand Fenwick for a two-day visit.", "visit"),
            ("Freedonia is not going to Elbonia for Sylvania-Elbonia talks.", "talks"),
        ],
    )
    def test_who_travels_takes_part(self, nlp, codebook, text, trigger):
        event = only(read(nlp, codebook, text, FICTIONAL), "CONSULT", trigger)
        assert [a.name for a in event.actors] == ["Freedonia"]

    def test_a_reason_is_not_a_trip(self, nlp, codebook):
        text = "Freedonia criticized Sylvania for the invasion of Elbonia."
        event = only(read(nlp, codebook, text, FICTIONAL), "ASSAULT", "invasion")
        assert "Freedonia" not in [a.name for a in event.actors]
