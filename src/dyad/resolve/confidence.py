"""Event confidence: a calibrated probability that an event is right.

A logistic model over a few features of the event that a reader can check (is an actor
named, is it a known one, is the sentence a headline, is the event in someone's quote ...).
Its weights are data (`dyad/data/confidence.yaml`), learned on the tuning part of the
real-news event set by `scripts/train_confidence.py`; the file says what it was trained on.
Events under the file's `threshold` are doubtful: kept in the store, hidden by default.

    load_calibration(path=None) -> Calibration
    event_features(event, text) -> dict[str, float]
    calibrate(events, text, calibration) -> tuple[Event, ...]
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import yaml

from dyad.errors import KnowledgeError
from dyad.model import ActorMention, Event, Span

__all__ = ["FEATURES", "Calibration", "calibrate", "event_features", "load_calibration"]

FEATURES = (
    "prior",  # the trigger's confidence in the codebook, with the coder's actor bonus
    "has_actor",
    "has_recipient",
    "actor_known",  # an actor resolved to a canonical id from the dictionary or memory
    "actor_state",  # an actor that is a state, government, military or IGO
    "actor_person",
    "actor_pronoun",  # an actor found through a pronoun or a description
    "recipient_known",
    "negated",
    "not_actual",  # planned, possible, conditional, requested, threatened ...
    "historical",
    "nested",  # the content of another event ("urged X to meet")
    "in_quote",
    "date_from_text",
    "has_place",
    "headline",  # a sentence mostly in capitals, or without a verb-final period
    "long_sentence",  # words / 40, capped at 2
    "repeated",  # more than one mention in the article
    "material",  # QuadClass 2 or 4: a deed rather than words
    "conflict",  # QuadClass 3 or 4
    "stance",  # a statement of intent, refusal or demand above another event
    "thing_subject",  # the subject is a thing: "profits declining"
    "thing_object",  # a meeting with a thing: "meet the limits"
    "number_argument",  # a number as argument: "beat Trump 46 to 40 percent"
    "imperative",  # a bare verb opening a heading: "Meet the robots"
    "question",  # the sentence asks: "Why do you refuse to meet them?"
    "generic",  # many happenings, not one: "routinely arrest", "killed since 2009"
)

_DEFAULT = "confidence.yaml"
# The probability that an event is right as one dated happening between actors when a cue
# says it is not one: marked generic (a habit, a tally, a count of acts; 1 of the 16 such
# events shown on the realnews tuning split was right) or a consultation with no partner
# ("the board meets June 16"; 0 of 5), or whose partner is a thing ("must meet the limits",
# "blamed the tumble in oil prices"; 0 of 10) with no one else to do it with, or that a
# yes-no question only asks about ("Does the FSA have no choice but to agree?"), or a killing
# that a thing caused (an accident: "a car crash killed three people"), or trade between firms
# ("Aeroflot negotiates purchase of 22 aircraft"), or violence between private persons
# ("Sacked worker shoots ex-colleagues"), or a plea in court ("pleaded not guilty"), or a
# danger a thing poses ("xenophobia threatens national security"). See
# quality/CHANGELOG.md. Such events are kept, under any threshold, and hidden by default.
GENERIC_CEILING = 0.1
_SENSES = {
    r: r.replace("-", "_")
    for r in ("thing-subject", "thing-object", "number-argument", "imperative", "question")
}
_PRIVATE = (None, "business")  # sectors of a party that makes no deal political
_PARTNERLESS = ("no-partner", "thing-object")  # sense cues of an event with no one to do it to
# Sense cues of events that did not happen as political acts: a question, an accident, a
# danger, a plea, a refusal only to say words ("declined to comment"), an election ("Clinton
# would beat Trump").
# A permission for another's act ("allowed Assad to remain in power") concedes nothing itself;
# a slogan ("Demanding equality.") names an activity, no one doing it; an adjective spelt like
# a verb ("open borders") names a state; agreeing with a thing ("agreed with the choice") is
# an opinion.
_NO_HAPPENING = (
    "yes-no-question",
    "accident",
    "danger",
    "plea",
    "admission",
    "refused-words",
    "election",
    "permission",
    "slogan",
    "adjective",
    "opinion",
)
# Sectors of a doer, and of a victim, that make no act of force political by themselves: a
# worker shooting colleagues, a man stabbing his wife (docs/annotating.md, private violence).
_PRIVATE_DOERS = (None, "business", "labor", "education", "health")
_PRIVATE_VICTIMS = (*_PRIVATE_DOERS, "civilians", "refugees")
_WILLING = "content-of:willing:"  # the cue of what an actor is ready to do
_STATE_SECTORS = {"government", "military", "police", "IGO", "legislature", "judiciary"}


@dataclass(frozen=True, slots=True)
class Calibration:
    """A logistic model: probability = sigmoid(bias + sum of weight * feature)."""

    bias: float
    weights: dict[str, float] = field(default_factory=dict)
    threshold: float = 0.5  # events under this are doubtful and hidden by default
    source: str = ""  # what the weights were learned on

    def probability(self, features: dict[str, float]) -> float:
        score = self.bias + sum(w * features.get(name, 0.0) for name, w in self.weights.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))


def load_calibration(path: str | Path | None = None) -> Calibration:
    """The calibration at `path`, or the bundled one; errors name the file and the key."""
    if path is None:
        text = resources.files("dyad.data").joinpath(_DEFAULT).read_text(encoding="utf-8")
        where = f"dyad/data/{_DEFAULT}"
    else:
        where = str(path)
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise KnowledgeError(f"{where}: cannot read the calibration ({exc})") from exc
    data = yaml.safe_load(text)
    if not isinstance(data, dict):
        raise KnowledgeError(f"{where}: expected a mapping with bias, weights and threshold")
    return _parse(data, where)


def _parse(data: dict, where: str) -> Calibration:
    weights = data.get("weights") or {}
    if not isinstance(weights, dict):
        raise KnowledgeError(f"{where}: weights must map feature names to numbers")
    unknown = sorted(set(weights) - set(FEATURES))
    if unknown:
        raise KnowledgeError(f"{where}: unknown features {unknown}; known: {list(FEATURES)}")
    for key in ("bias", "threshold"):
        if not isinstance(data.get(key), (int, float)):
            raise KnowledgeError(f"{where}: {key} must be a number")
    if not 0.0 <= data["threshold"] <= 1.0:
        raise KnowledgeError(f"{where}: threshold must be between 0 and 1")
    for name, value in weights.items():
        if not isinstance(value, (int, float)):
            raise KnowledgeError(f"{where}: weight of {name!r} must be a number")
    return Calibration(
        bias=float(data["bias"]),
        weights={k: float(v) for k, v in weights.items()},
        threshold=float(data["threshold"]),
        source=str(data.get("source", "")),
    )


def event_features(event: Event, text: str) -> dict[str, float]:
    """The features of `event`, read from the event and the article text."""
    sentence = event.evidence[0].sentence if event.evidence else None
    words = text[sentence.start : sentence.end] if sentence else ""
    quad = event.quad_class or 0
    features = dict.fromkeys(FEATURES, 0.0)
    features |= {
        "prior": event.confidence,
        "has_actor": float(bool(event.actors)),
        "has_recipient": float(bool(event.recipients)),
        "actor_known": float(any(_known(a) for a in event.actors)),
        "actor_state": float(any(_state(a) for a in event.actors)),
        "actor_person": float(any(a.kind == "person" for a in event.actors)),
        "actor_pronoun": float(any(a.method == "coreference" for a in event.actors)),
        "recipient_known": float(any(_known(a) for a in event.recipients)),
        "negated": float(event.polarity == "negated"),
        "not_actual": float(event.modality != "actual"),
        "historical": float(event.historical),
        "nested": float(event.parent_id is not None),
        "in_quote": float(event.quote_id is not None),
        "date_from_text": float(event.date_source == "text"),
        "has_place": float(event.place is not None),
        "headline": float(_headline(words)),
        "long_sentence": min(2.0, len(words.split()) / 40.0),
        "repeated": float(len(event.evidence) > 1),
        "material": float(quad in (2, 4)),
        "conflict": float(quad in (3, 4)),
        "stance": float(event.rule.startswith("stance:")),
    }
    features |= {
        _SENSES[c.rule]: 1.0 for c in event.cues if c.field == "sense" and c.rule in _SENSES
    }
    features["generic"] = float(any(c.field == "generic" for c in event.cues))
    return features


def calibrate(events: Sequence[Event], text: str, calibration: Calibration) -> tuple[Event, ...]:
    """`events` with their confidence replaced by the calibrated probability; an event that
    tells of many happenings, or a consultation with no partner, is at most
    `GENERIC_CEILING`."""
    out = []
    for event in events:
        features = event_features(event, text)
        probability = calibration.probability(features)
        hidden = _no_partner(event) or _not_happening(event) or _trade(event)
        hidden = hidden or _private_violence(event) or _topic_stance(event) or _intended(event)
        if features["generic"] or hidden:
            probability = min(probability, GENERIC_CEILING)
        out.append(dataclasses.replace(event, confidence=round(probability, 3)))
    return tuple(out)


def _no_partner(event: Event) -> bool:
    """A consultation with one party and no one to consult (cue "no-partner"), or an act
    whose partner is a thing (cue "thing-object"), unless the roles found another party
    after all (a recipient besides the actor, or two actors)."""
    marks = [c for c in event.cues if c.field == "sense" and c.rule in _PARTNERLESS]
    if not marks:
        return False
    doers = {a.actor_id or a.name for a in event.actors}
    things = [c.span for c in marks if c.rule == "thing-object"]
    others = [
        r
        for r in event.recipients
        if (r.actor_id or r.name) not in doers and not any(_overlap(r.span, t) for t in things)
    ]  # the thing itself, read as a recipient ("released iPhone SDK"), is no partner
    return not others and len(event.actors) < 2


def _trade(event: Event) -> bool:
    """Buying and selling (cue "commerce") between firms and other organisations of no public
    sector, at least one of them named: "Boeing has entered into an agreement with Sukhoi
    for marketing", "Aeroflot negotiates purchase of 22 aircraft". A state, an official, a
    party or any person taking part makes it politics ("Russia agreed to buy the missiles")."""
    if not any(c.field == "sense" and c.rule == "commerce" for c in event.cues):
        return False
    parties = (*event.actors, *event.recipients)
    private = all(a.kind in ("organisation", "group") and a.sector in _PRIVATE for a in parties)
    return bool(parties) and private


def _private_violence(event: Event) -> bool:
    """Violence between private persons: an ASSAULT whose sentence names no one of public
    standing and no weapon of war (cue "private-parties"), whose named doers are all of no public
    sector ("Sacked worker shoots ex-colleagues", "Rufus Firefly stabbed his neighbour") and
    whose victims, if named, are private too. A state, an official, the police, an armed or
    unidentified group ("gunmen") on either side makes it political; so does a country."""
    marked = any(c.field == "sense" and c.rule == "private-parties" for c in event.cues)
    if event.type != "ASSAULT" or not event.actors or not marked:
        return False
    parties = (*event.actors, *event.recipients)
    if any(a.kind == "country" for a in parties):
        return False
    # a doer read through a pronoun may be anyone ("the officer ... says he killed the boy")
    doers = all(a.sector in _PRIVATE_DOERS and a.method != "coreference" for a in event.actors)
    return doers and all(r.sector in _PRIVATE_VICTIMS for r in event.recipients)


def _topic_stance(event: Event) -> bool:
    """Support or a threat named by a noun (cue "stance-noun") with no one who gives it and
    no one it is given to: a stance or a danger as a topic ("support for Israel", "some
    much-needed local support", "the Islamist terror threat"), not an act; the noun must be
    the trigger of the event's first mention."""
    if event.actors or event.recipients or not event.evidence:
        return False
    trigger = event.evidence[0].trigger  # the noun is the event's own, not a merged mention's
    return any(
        c.field == "sense" and c.rule == "stance-noun" and _overlap(c.span, trigger)
        for c in event.cues
    )


def _intended(event: Event) -> bool:
    """What an actor is ready, eager or intends to do (cue "content-of:willing:..."):
    "the AFL-CIO was ready to endorse a candidate", "eager to lend his voice". The stance
    above it is the event; the content is no happening of its own (0 of 3 such events shown
    on the realnews tuning split were right)."""
    return any(c.field == "modality" and c.rule.startswith(_WILLING) for c in event.cues)


def _overlap(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def _not_happening(event: Event) -> bool:
    """An event a yes-no question only asks about (cue "yes-no-question"), an accident
    (cue "accident"), a danger a thing poses (cue "danger"), a plea in court told with a verb
    of asking (cue "plea"), or support that is an admission into a thing ("welcomed into the
    club", cue "admission"), or a refusal only to say words ("declined to comment", cue
    "refused-words")."""
    return any(c.field == "sense" and c.rule in _NO_HAPPENING for c in event.cues)


def _known(actor: ActorMention) -> bool:
    return actor.actor_id is not None and actor.method not in ("ner", "context")


def _state(actor: ActorMention) -> bool:
    return actor.kind == "country" or actor.sector in _STATE_SECTORS


def _headline(sentence: str) -> bool:
    letters = [c for c in sentence if c.isalpha()]
    if not letters:
        return False
    capitals = sum(c.isupper() for c in letters) / len(letters)
    return capitals > 0.5 or not sentence.rstrip().endswith((".", "!", "?", '"', "”", "’"))
