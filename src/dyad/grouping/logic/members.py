"""From a stored event to a grouping `Member`: parties, dates, place, status word, tokens."""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Any

from dyad.grouping.logic.values import Member, Party
from dyad.lexicon import words
from dyad.model import MODALITIES, Event, to_dict

DEMAND_TYPES = frozenset({"REQUEST", "THREATEN", "COERCE"})
MEETING = "CONSULT"
REFUSALS = frozenset(words("grouping.members", "refusals"))
CANCELS = frozenset(words("grouping.members", "cancels"))
POSTPONES = frozenset(words("grouping.members", "postpones"))
# statuses of what has not happened yet: every modality but "actual", and a proposal
PROSPECTIVE = frozenset(MODALITIES) - {"actual"} | {"proposed"}
NEGATIVE = frozenset({"negated", "not held", "refused", "cancelled", "postponed"})
OUTCOME = frozenset({"happened", "held", "historical"})
PROPOSAL_CUES = words("grouping.members", "proposal_cues")
SENDS = words("grouping.members", "sends")  # "sent a lower-level delegation": the sender stays away
PROPOSAL_REACH = 16  # words before a meeting's trigger where a proposal cue governs it
_WORD = re.compile(r"[^\W\d_][\w'-]+", re.UNICODE)
STOPWORDS = frozenset(words("grouping.members", "stopwords"))
# past forms of event verbs, to their base: "met" is "meet"
IRREGULAR = dict(pair.split(":") for pair in words("grouping.members", "irregular_past"))


def member_of(
    event: Event, *, article_date: dt.date | None, publisher: str | None = None
) -> Member:
    """The grouping view of `event`, read in an article published on `article_date`."""
    return member_from_record(to_dict(event), article_date=article_date, publisher=publisher)


def member_from_record(
    event: dict[str, Any], *, article_date: dt.date | None, publisher: str | None = None
) -> Member:
    """`member_of` for an event as stored (`to_dict` of an `Event`), without rebuilding it."""
    evidence = event["evidence"]
    place = event["place"] or {}
    names = [source_name(s["name"]) for s in event["attribution"]] + _opt(publisher)
    return Member(
        event_id=event["id"],
        article_id=event["article_id"],
        article_date=article_date,
        type=event["type"],
        actors=_parties(event["actors"]),
        recipients=_parties(event["recipients"]),
        mode=event["mode"],
        date=_date(event["date"]),
        date_end=_date(event["date_end"]),
        granularity=event["date_granularity"],
        date_source=event["date_source"],
        deadline=_deadline(event),
        place_id=place.get("geonameid"),
        place_name=place.get("name"),
        place_country=place.get("country"),
        place_admin1=place.get("admin1"),
        place_source=event["place_source"],
        polarity=event["polarity"],
        modality=event["modality"],
        historical=event["historical"],
        status=record_status(event),
        mentions=max(len(evidence), 1),
        sources=tuple(dict.fromkeys(n for n in names if n)),
        publisher=publisher,
        tokens=content_tokens(" ".join(e["sentence"]["text"] for e in evidence)),
        trigger=evidence[0]["trigger"]["text"] if evidence else "",
        sentence=evidence[0]["sentence"]["text"] if evidence else "",
        cameo=event["cameo"],
        quad_class=event["quad_class"],
        goldstein=event["goldstein"],
        parent_id=event["parent_id"],
        confidence=event.get("confidence"),
    )


def status_word(event: Event) -> str:
    """The plain word for what one mention says: held, planned, cancelled, refused..."""
    return record_status(to_dict(event))


# the fields of a stored event that its status word is read from (`record_status`)
STATUS_FIELDS = frozenset({"type", "polarity", "modality", "historical", "cues", "evidence"})


def deadline_of(event: Event) -> dt.date | None:
    """The deadline of a demand or threat ("by March 3"), if the text gives one."""
    return _deadline(to_dict(event))


def record_status(event: dict[str, Any]) -> str:
    """`status_word` of an event as stored: its `to_dict`, or only its `STATUS_FIELDS`."""
    if event["historical"]:
        return "historical"
    if event["polarity"] == "negated":
        return _negated_word(event)
    if event["type"] == MEETING and event["modality"] in ("actual", "planned") and _proposed(event):
        return "proposed"  # "offered to meet", "proposed that both sides resume talks"
    if event["modality"] == "actual" and event["type"] == MEETING:
        return "held"
    if event["modality"] == "actual":
        return "happened"
    if event["modality"] == "requested" and event["type"] == MEETING:
        return "proposed"
    return str(event["modality"])


def _proposed(event: dict[str, Any]) -> bool:
    """Whether a meeting read as actual is the content of a proposal, an offer or a call:
    "proposed that both sides resume negotiations", "offered to host talks"."""
    if not event["evidence"]:
        return False
    trigger, sentence = event["evidence"][0]["trigger"], event["evidence"][0]["sentence"]
    before = sentence["text"][: max(trigger["start"] - sentence["start"], 0)]
    clause = re.split(r"[.;:!?\"“”]", before)[-1].lower().split()[-PROPOSAL_REACH:]
    return any(w.startswith(PROPOSAL_CUES) for w in clause)


def _negated_word(event: dict[str, Any]) -> str:
    cues = [c for c in event["cues"] if c["field"] == "polarity"]
    words = {c["span"]["text"].lower() for c in cues}
    words |= {c["rule"].rsplit(":", 1)[-1].lower() for c in cues}
    if words & REFUSALS:
        return "refused"
    if words & POSTPONES:
        return "postponed"
    if words & CANCELS:
        return "cancelled"
    return "not held" if event["type"] == MEETING else "negated"


def _deadline(event: dict[str, Any]) -> dt.date | None:
    expression = event["date_expression"]
    if expression is not None and expression.get("role") == "deadline":
        return _date(expression["start"])
    end = event["date_end"]
    if event["type"] in DEMAND_TYPES and end and end != event["date"]:
        ranged = expression is not None and expression.get("end") == end  # "earlier this week"
        return None if ranged else _date(end)
    return None


def source_name(name: str) -> str:
    """A source's name without a leading article: "the Ethiopian News Agency" -> "Ethiopian..."."""
    name = " ".join(name.split())
    return name[4:] if name.lower().startswith("the ") else name


def content_tokens(text: str) -> tuple[str, ...]:
    """Lower-cased content words, crudely stemmed, sorted and unique."""
    words = {_stem(w.lower()) for w in _WORD.findall(text)}
    return tuple(sorted(w for w in words if w not in STOPWORDS and len(w) > 2))


@functools.lru_cache(maxsize=1 << 16)  # words repeat: a group page stems thousands
def _stem(word: str) -> str:
    if word in IRREGULAR:
        return IRREGULAR[word]
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def _parties(mentions: list[dict[str, Any]]) -> tuple[Party, ...]:
    out: dict[str, Party] = {}
    for m in mentions:
        key = m["actor_id"] or "TXT:" + " ".join(m["span"]["text"].lower().split())
        if key not in out:
            out[key] = Party(
                key,
                m["name"],
                m["country"],
                m["sector"],
                m.get("title"),
                m.get("kind", "organisation"),
            )
    return tuple(out.values())


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _opt(value: str | None) -> list[str]:
    return [value] if value else []
