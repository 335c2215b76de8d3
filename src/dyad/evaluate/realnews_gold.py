"""The real-news event set: its gold records and the rules that match Dyad's events to them.

A gold record (one a line, written by `scripts/realnews_annotations.py`) is one article:
`{"article": "<corpus>/...", "split": "dev"|"test", "date", "publisher", "events": [...]}`;
the id names the corpus and the text (`evaluate.realnews_texts`), each event line is one
mention with offsets into that text, and `same_as` links a later mention to the first of its
event. The rules are those of `docs/evaluation.md` (realnews).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dyad.errors import EvaluationError
from dyad.evaluate.realnews_texts import corpus_of
from dyad.model import ActorMention, Event

Offsets = tuple[int, int]
ToRaw = Callable[[int], int]  # an offset into the article Dyad read -> into the gold text


@dataclass(frozen=True, slots=True)
class GoldRole:
    """A gold actor or recipient: where it is written and who it is."""

    span: Offsets
    who: str
    country: str | None
    sector: str | None


@dataclass(frozen=True, slots=True)
class GoldMention:
    """One gold event mention: a trigger in a sentence, its type, roles and status."""

    sentence: Offsets
    trigger: Offsets
    types: frozenset[str]  # the type and its alternatives
    type: str
    actors: tuple[GoldRole, ...]
    recipients: tuple[GoldRole, ...]
    status: tuple[str, str, bool]  # polarity, modality, historical
    generic: bool
    date: str | None
    date_granularity: str | None
    date_from_text: bool
    place: dict[str, Any] | None  # {"span", "name", "country"}


@dataclass(frozen=True, slots=True)
class GoldArticle:
    """One annotated article: its id (naming its corpus) and gold events (mentions grouped)."""

    id: str
    split: str
    date: str | None
    publisher: str | None
    events: tuple[tuple[GoldMention, ...], ...]  # each event's mentions, the first is its head

    @property
    def corpus(self) -> str:
        return corpus_of(self.id)


def read_gold(path: Path) -> list[GoldArticle]:
    """Every article of the gold file at `path`, in file order."""
    if not path.is_file():
        raise EvaluationError(
            f"realnews gold file {path} not found: convert the annotations with "
            "scripts/realnews_annotations.py, or point DYAD_REALNEWS_GOLD at a converted file"
        )
    articles = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                articles.append(_article(json.loads(line)))
            except (KeyError, TypeError, ValueError) as exc:
                raise EvaluationError(
                    f"{path}:{number}: not a realnews record ({type(exc).__name__}: {exc}); "
                    "rewrite it with scripts/realnews_annotations.py"
                ) from exc
    return articles


def _article(record: dict[str, Any]) -> GoldArticle:
    mentions = [_mention(e) for e in record["events"]]
    heads: dict[int, int] = {}
    groups: dict[int, list[GoldMention]] = {}
    for index, event in enumerate(record["events"]):
        same = event.get("same_as")
        head = index if same is None else heads[int(same)]
        heads[index] = head
        groups.setdefault(head, []).append(mentions[index])
    corpus_of(str(record["article"]))
    events = tuple(tuple(g) for g in groups.values())
    return GoldArticle(
        record["article"], record["split"], record.get("date"), record.get("publisher"), events
    )


def _mention(event: dict[str, Any]) -> GoldMention:
    return GoldMention(
        sentence=_pair(event["sentence"]),
        trigger=_pair(event["trigger"]),
        types=frozenset([event["type"], *event.get("alt_types", [])]),
        type=event["type"],
        actors=tuple(_role(r) for r in event.get("actors", [])),
        recipients=tuple(_role(r) for r in event.get("recipients", [])),
        status=(event["polarity"], event["modality"], bool(event["historical"])),
        generic=bool(event.get("generic", False)),
        date=event.get("date"),
        date_granularity=event.get("date_granularity"),
        date_from_text=bool(event.get("date_from_text", False)),
        place=event.get("place"),
    )


def _role(role: dict[str, Any]) -> GoldRole:
    return GoldRole(_pair(role["span"]), role["who"], role.get("country"), role.get("sector"))


def _pair(value: list[int]) -> Offsets:
    start, end = value
    return int(start), int(end)


# -- matching rules ----------------------------------------------------------------------


def meets(event: Event, mention: GoldMention, to_raw: ToRaw) -> bool:
    """Some evidence trigger of `event` overlaps the mention's trigger, in its sentence."""
    return any(
        _overlap((to_raw(ev.trigger.start), to_raw(ev.trigger.end)), mention.trigger)
        and _overlap((to_raw(ev.sentence.start), to_raw(ev.sentence.end)), mention.sentence)
        for ev in event.evidence
    )


def matches(event: Event, mention: GoldMention, to_raw: ToRaw) -> bool:
    """`meets` with the gold type or one of its alternatives."""
    return event.type in mention.types and meets(event, mention, to_raw)


def hits_of(event: Event, article: GoldArticle, to_raw: ToRaw) -> list[GoldMention]:
    """The gold mentions of `article` that `event` matches."""
    return [m for g in article.events for m in g if matches(event, m, to_raw)]


def is_real(hits: list[GoldMention]) -> bool:
    """Matching these mentions makes an event right: one of them is not generic."""
    return any(not m.generic for m in hits)


def roles_right(found: tuple[ActorMention, ...], gold: tuple[GoldRole, ...], to_raw: ToRaw) -> bool:
    """Both empty, or at least one found and every one found matches a gold role."""
    if not found or not gold:
        return not found and not gold
    return all(any(_same_actor(a, g, to_raw) for g in gold) for a in found)


def _same_actor(actor: ActorMention, gold: GoldRole, to_raw: ToRaw) -> bool:
    if _overlap((to_raw(actor.span.start), to_raw(actor.span.end)), gold.span):
        return True
    if actor.name.casefold() == gold.who.casefold():
        return True
    return _state_level(actor) and actor.country == gold.country and _sector(actor) == gold.sector


def _state_level(actor: ActorMention) -> bool:
    """A country or one of its state sectors: id `PREFIX:ISO` of the actor's own country."""
    prefix, _, iso = (actor.actor_id or "").partition(":")
    return bool(prefix) and iso == actor.country and actor.kind != "person"


def _sector(actor: ActorMention) -> str | None:
    return "government" if actor.kind == "country" and actor.sector is None else actor.sector


def status_right(event: Event, mention: GoldMention) -> bool:
    """Polarity, modality and historical all as in gold."""
    return (event.polarity, event.modality, event.historical) == mention.status


def date_right(event: Event, mention: GoldMention) -> bool:
    """The event's date equals the gold date at the gold's granularity."""
    if event.date is None or not mention.date:
        return False
    gold = mention.date
    if "W" in gold or mention.date_granularity == "week":
        year, week = _week(gold)
        return tuple(event.date.isocalendar())[:2] == (year, week)
    return event.date.isoformat()[: len(gold)] == gold


def _week(value: str) -> tuple[int, int]:
    if "W" in value:
        year, week = value.split("-W")
        return int(year), int(week)
    iso = dt.date.fromisoformat(value).isocalendar()
    return iso[0], iso[1]


def place_right(event: Event, mention: GoldMention, to_raw: ToRaw) -> bool:
    """The gold place's text or GeoNames name (case-insensitive), or both without a place."""
    gold = mention.place
    if not gold or event.place is None:
        return not gold and event.place is None
    span = event.place_span
    where = (to_raw(span.start), to_raw(span.end)) if span is not None else (0, 0)
    if gold.get("span") and _overlap(where, _pair(gold["span"])):
        return True
    return event.place.name.casefold() == str(gold.get("name") or "").casefold()


def _overlap(a: Offsets, b: Offsets) -> bool:
    return a[0] < b[1] and b[0] < a[1]
