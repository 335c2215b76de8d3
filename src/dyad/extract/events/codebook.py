"""The event codebook: PLOVER types, modes, trigger lexicon, CAMEO mapping and status cues.

The codebook is data (`dyad/data/codebook.yaml`); a user's file replaces it whole. Every
entry is checked on load and a bad one raises `KnowledgeError` naming the file and line.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from dyad.errors import KnowledgeError
from dyad.model import MODALITIES, PLOVER_TYPES

BUNDLED = "codebook.yaml"
BUNDLED_PATH = Path(__file__).resolve().parents[2] / "data" / BUNDLED
_LINE = "__line__"
_KEY_LINES = "__key_lines__"


@dataclass(frozen=True, slots=True)
class Coding:
    """CAMEO root code, QuadClass and cooperation-conflict score of a type, mode or trigger."""

    cameo: str
    quad_class: int
    goldstein: float


@dataclass(frozen=True, slots=True)
class Mode:
    """A PLOVER mode of one type, with the content words that select it."""

    name: str
    definition: str
    cues: tuple[str, ...] = ()  # lemmas in the event's content that select this mode
    coding: Coding | None = None  # overrides the type's coding when set


@dataclass(frozen=True, slots=True)
class EventType:
    """One PLOVER type."""

    name: str
    definition: str
    coding: Coding
    modes: tuple[Mode, ...] = ()
    content_modality: str | None = None  # what an event nested under this type becomes

    def mode(self, name: str | None) -> Mode | None:
        return next((m for m in self.modes if m.name == name), None)


@dataclass(frozen=True, slots=True)
class Trigger:
    """A word or multi-word expression that signals an event type.

    `words` are lemmas; the first is the head, the others must hang below it in the parse
    ("impose sanction": `sanction` depends on `impose`)."""

    words: tuple[str, ...]
    type: str
    pos: str | None = None  # "VERB", "NOUN" or None for any
    mode: str | None = None
    coding: Coding | None = None
    confidence: float = 0.7
    unless: tuple[str, ...] = ()  # lemmas below the head that cancel the trigger
    needs: tuple[str, ...] = ()  # dependency labels the head must have a child with ("dobj")
    line: int = 0
    judgement: bool = False  # only as what something is said to be ("is an insult to X")
    spoken: str | None = None  # the type when people who bear no arms do it: "attacked Clinton"
    armed: str | None = None  # the type when it is done to people who bear arms: "besiege ISIS"

    @property
    def key(self) -> str:
        return " ".join(self.words) + (f"/{self.pos}" if self.pos else "")


@dataclass(frozen=True, slots=True)
class StatusCues:
    """Words that decide polarity, modality and historical status."""

    negators: tuple[str, ...]  # "not", "never", "no": a dependent of the trigger
    negating_verbs: tuple[str, ...]  # "refuse", "fail": their complement did not happen
    cancelling_verbs: tuple[str, ...]  # "cancel", "postpone": their object did not happen
    planned_auxiliaries: tuple[str, ...]  # "will", "shall"
    planned_verbs: tuple[str, ...]  # "schedule", "plan", "expect", "intend"
    possible_auxiliaries: tuple[str, ...]  # "may", "might", "could"
    hypothetical_auxiliaries: tuple[str, ...]  # "should": what ought to happen, not a fact
    possible_words: tuple[str, ...]  # "likely", "unclear", "possible", "whether"
    doubt_words: tuple[str, ...]  # "doubt": negated ("no doubt"), it makes the clause certain
    claim_verbs: tuple[str, ...]  # "claim", "allege": what their clause says is unproven
    hearsay_verbs: tuple[str, ...]  # "is said to", "is suspected of": passive hearsay
    hearsay_words: tuple[str, ...]  # "allegedly", "reportedly", "the alleged attack"
    desire_verbs: tuple[str, ...]  # "want": "X wants Y to act" asks Y, "X wants to act" plans
    order_verbs: tuple[str, ...]  # "instruct", "order": what one with authority orders is planned
    conditional_marks: tuple[str, ...]  # "if", "unless"
    concessive_words: tuple[str, ...]  # "even" before "if": the main clause holds anyway
    reported_future: tuple[str, ...]  # "would" after a past speech verb
    historical_days: int  # a time expression ending this long before the article date


@dataclass(frozen=True, slots=True)
class StanceCues:
    """Words that turn a stated intention, refusal or obligation into an event of its own."""

    speech_verbs: tuple[str, ...]  # "say", "announce": they report a stance
    willingness_words: tuple[str, ...]  # "willing", "ready", "vow": intent
    future_auxiliaries: tuple[str, ...]  # "will", "would" in a reported clause: intent
    obligation_auxiliaries: tuple[str, ...]  # "must", "should" in a reported clause
    content_types: tuple[str, ...]  # types an intent can be about
    cooperative: str = "AGREE"  # intent to do a cooperative (QuadClass 1-2) event
    conflictual: str = "THREATEN"  # intent to do a conflictual (QuadClass 3-4) event
    refusal: str = "REJECT"  # "will not" do a cooperative event
    obligation: str = "REQUEST"  # "X said Y must ..."
    codings: Mapping[str, Coding] = field(default_factory=dict)  # per kind, else the type's

    def __hash__(self) -> int:  # the codings mapping is fixed after loading
        return hash((self.speech_verbs, self.willingness_words, self.content_types))


@dataclass(frozen=True, slots=True)
class Codebook:
    """Types, triggers, status and stance cues, as loaded from one YAML file."""

    path: str
    version: str
    types: tuple[EventType, ...]
    triggers: tuple[Trigger, ...]
    status: StatusCues
    stance: StanceCues

    def type(self, name: str) -> EventType:
        return next(t for t in self.types if t.name == name)


def load_codebook(path: str | Path | None = None) -> Codebook:
    """The bundled codebook, or the user's file at `path` replacing it; validated on load."""
    if path is None:
        name, text = f"dyad/data/{BUNDLED}", BUNDLED_PATH.read_text(encoding="utf-8")
    else:
        file = Path(path)
        if not file.is_file():
            raise KnowledgeError(f"{file}: codebook file not found; pass an existing YAML file")
        name, text = str(file), file.read_text(encoding="utf-8")
    data = _parse_yaml(name, text)
    return _build(name, data)


class _LineLoader(yaml.SafeLoader):
    """A YAML loader that records each mapping's line number under `__line__`."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping: dict[str, Any] = dict(loader.construct_mapping(node, deep=True))  # type: ignore[arg-type]  # YAML keys here are strings
    mapping[_LINE] = node.start_mark.line + 1
    mapping[_KEY_LINES] = {
        key.value: key.start_mark.line + 1 for key, _ in node.value if hasattr(key, "value")
    }
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
# Words, not booleans: "no", "on", "off", "yes" are negators and particles in a codebook.
_BOOL = "tag:yaml.org,2002:bool"
_LineLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != _BOOL]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_LineLoader.add_implicit_resolver(
    _BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def _parse_yaml(name: str, text: str) -> dict[str, Any]:
    try:
        data = yaml.load(text, Loader=_LineLoader)  # a SafeLoader subclass
    except yaml.MarkedYAMLError as error:
        line = error.problem_mark.line + 1 if error.problem_mark else 0
        raise KnowledgeError(f"{name}:{line}: not valid YAML: {error.problem}") from error
    if not isinstance(data, dict):
        raise KnowledgeError(f"{name}:1: a codebook is a mapping with 'types' and 'status'")
    return data


def _fail(
    name: str, entry: Mapping[str, Any] | None, message: str, key: str | None = None
) -> KnowledgeError:
    """An error at the line of `key` in `entry`, or of `entry` itself."""
    line = 0
    if isinstance(entry, Mapping):
        line = entry.get(_KEY_LINES, {}).get(key, entry.get(_LINE, 0))
    return KnowledgeError(f"{name}:{line}: {message}")


def _build(name: str, data: dict[str, Any]) -> Codebook:
    raw_types = data.get("types")
    if not isinstance(raw_types, list) or not raw_types:
        raise _fail(name, data, "'types' must be a non-empty list of PLOVER types")
    types = tuple(_event_type(name, entry) for entry in raw_types)
    known = {t.name: t for t in types}
    triggers: list[Trigger] = []
    for entry in raw_types:
        for raw in entry.get("triggers") or ():
            triggers.append(_trigger(name, raw, known[entry["type"]]))
    status = _status(name, data.get("status"), data)
    stance = _stance(name, data.get("stance"), data)
    return Codebook(name, str(data.get("version", "")), types, tuple(triggers), status, stance)


def _coding(name: str, entry: Mapping[str, Any], required: bool) -> Coding | None:
    present = [k for k in ("cameo", "quad_class", "goldstein") if k in entry]
    if not present and not required:
        return None
    if len(present) < 3 and (required or "cameo" in present):
        missing = sorted({"cameo", "quad_class", "goldstein"} - set(present))
        raise _fail(name, entry, f"missing {', '.join(missing)}")
    cameo, quad, score = entry.get("cameo"), entry.get("quad_class"), entry.get("goldstein")
    if not (isinstance(cameo, str) and cameo.isdigit() and 2 <= len(cameo) <= 4):
        message = f"cameo must be a quoted CAMEO code like '04', not {cameo!r}"
        raise _fail(name, entry, message, "cameo")
    if quad not in (1, 2, 3, 4):
        raise _fail(name, entry, f"quad_class must be 1, 2, 3 or 4, not {quad!r}", "quad_class")
    if not isinstance(score, (int, float)) or not -10 <= score <= 10:
        message = f"goldstein must be a number in -10..10, not {score!r}"
        raise _fail(name, entry, message, "goldstein")
    return Coding(cameo, int(quad), float(score))


def _event_type(name: str, entry: Any) -> EventType:
    if not isinstance(entry, dict):
        raise KnowledgeError(f"{name}:0: each type is a mapping, not {entry!r}")
    type_name = entry.get("type")
    if type_name not in PLOVER_TYPES:
        message = f"type {type_name!r} is not one of {', '.join(PLOVER_TYPES)}"
        raise _fail(name, entry, message, "type")
    coding = _coding(name, entry, required=True)
    assert coding is not None  # required=True always returns a coding
    modes = tuple(_mode(name, m) for m in entry.get("modes") or ())
    content = entry.get("content_modality")
    if content is not None and content not in MODALITIES:
        message = f"content_modality {content!r} is not one of {MODALITIES}"
        raise _fail(name, entry, message, "content_modality")
    return EventType(type_name, str(entry.get("definition", "")), coding, modes, content)


def _mode(name: str, entry: Any) -> Mode:
    if not isinstance(entry, dict) or not isinstance(entry.get("mode"), str):
        raise _fail(name, entry if isinstance(entry, dict) else None, "a mode needs 'mode'")
    cues = _words(name, entry, "cues")
    coding = _coding(name, entry, required=False)
    return Mode(entry["mode"], str(entry.get("definition", "")), cues, coding)


def _words(name: str, entry: Mapping[str, Any], key: str) -> tuple[str, ...]:
    value = entry.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise _fail(name, entry, f"'{key}' must be a list of words", key)
    return tuple(v.lower() for v in value)


def _trigger(name: str, entry: Any, event_type: EventType) -> Trigger:
    if not isinstance(entry, dict):
        raise KnowledgeError(f"{name}:0: trigger {entry!r} of {event_type.name} is not a mapping")
    words = [entry.get(k) for k in ("verb", "noun", "word", "phrase") if k in entry]
    if len(words) != 1 or not isinstance(words[0], str) or not words[0].strip():
        raise _fail(name, entry, "a trigger has exactly one of verb, noun, word, phrase")
    pos = "VERB" if "verb" in entry else "NOUN" if "noun" in entry else entry.get("pos")
    if pos not in (None, "VERB", "NOUN"):
        raise _fail(name, entry, f"pos must be VERB or NOUN, not {pos!r}", "pos")
    mode = entry.get("mode")
    if mode is not None and event_type.mode(mode) is None:
        raise _fail(name, entry, f"mode {mode!r} is not a mode of {event_type.name}", "mode")
    confidence = entry.get("confidence", 0.7)
    if not isinstance(confidence, (int, float)) or not 0 < confidence <= 1:
        message = f"confidence must be in (0, 1], not {confidence!r}"
        raise _fail(name, entry, message, "confidence")
    judgement = entry.get("judgement", False)
    if not isinstance(judgement, bool):
        raise _fail(name, entry, f"judgement must be true or false, not {judgement!r}", "judgement")
    spoken, armed = entry.get("spoken"), entry.get("armed")
    for key, value in (("spoken", spoken), ("armed", armed)):
        if value is not None and value not in PLOVER_TYPES:
            raise _fail(name, entry, f"{key} must be a PLOVER type, not {value!r}", key)
    return Trigger(
        words=tuple(words[0].lower().split()),
        type=event_type.name,
        pos=pos,
        mode=mode,
        coding=_coding(name, entry, required=False),
        confidence=float(confidence),
        unless=_words(name, entry, "unless"),
        needs=_words(name, entry, "needs"),
        line=int(entry.get(_LINE, 0)),
        judgement=judgement,
        spoken=spoken,
        armed=armed,
    )


def _status(name: str, entry: Any, parent: Mapping[str, Any]) -> StatusCues:
    if not isinstance(entry, dict):
        raise _fail(name, parent, "'status' must be a mapping of cue word lists")
    days = entry.get("historical_days", 180)
    if not isinstance(days, int) or days < 0:
        message = f"historical_days must be a whole number >= 0, not {days!r}"
        raise _fail(name, entry, message, "historical_days")
    keys = (
        "negators",
        "negating_verbs",
        "cancelling_verbs",
        "planned_auxiliaries",
        "planned_verbs",
        "possible_auxiliaries",
        "hypothetical_auxiliaries",
        "possible_words",
        "doubt_words",
        "claim_verbs",
        "hearsay_verbs",
        "hearsay_words",
        "desire_verbs",
        "order_verbs",
        "conditional_marks",
        "concessive_words",
        "reported_future",
    )
    lists = {key: _words(name, entry, key) for key in keys}
    return StatusCues(**lists, historical_days=days)


def _stance(name: str, entry: Any, parent: Mapping[str, Any]) -> StanceCues:
    if not isinstance(entry, dict):
        raise _fail(name, parent, "'stance' must be a mapping of cue word lists and types")
    keys = ("speech_verbs", "willingness_words", "future_auxiliaries", "obligation_auxiliaries")
    lists = {key: _words(name, entry, key) for key in keys}
    content = tuple(w.upper() for w in _words(name, entry, "content_types"))
    kinds = {
        k: entry.get(k, d)
        for k, d in (
            ("cooperative", "AGREE"),
            ("conflictual", "THREATEN"),
            ("refusal", "REJECT"),
            ("obligation", "REQUEST"),
        )
    }
    for value in content:
        _check_type(name, entry, value, "content_types")
    for key, value in kinds.items():
        _check_type(name, entry, value, key)
    return StanceCues(
        speech_verbs=lists["speech_verbs"],
        willingness_words=lists["willingness_words"],
        future_auxiliaries=lists["future_auxiliaries"],
        obligation_auxiliaries=lists["obligation_auxiliaries"],
        content_types=content,
        cooperative=str(kinds["cooperative"]),
        conflictual=str(kinds["conflictual"]),
        refusal=str(kinds["refusal"]),
        obligation=str(kinds["obligation"]),
        codings=_stance_codings(name, entry, kinds),
    )


def _check_type(name: str, entry: Mapping[str, Any], value: Any, key: str) -> None:
    if value not in PLOVER_TYPES:
        raise _fail(name, entry, f"{value!r} is not one of {', '.join(PLOVER_TYPES)}", key)


def _stance_codings(
    name: str, entry: Mapping[str, Any], kinds: Mapping[str, Any]
) -> dict[str, Coding]:
    """The CAMEO coding of each stance kind that the codebook gives one."""
    raw_codings = entry.get("codings") or {}
    if not isinstance(raw_codings, dict):
        raise _fail(name, entry, "'codings' maps a stance kind to cameo/quad_class/goldstein")
    codings: dict[str, Coding] = {}
    for kind, raw in raw_codings.items():
        if kind.startswith("__"):
            continue
        coding = _coding(name, raw, required=True) if isinstance(raw, dict) else None
        if kind not in kinds or coding is None:
            raise _fail(name, raw_codings, f"unknown stance kind {kind!r} in codings", kind)
        codings[kind] = coding
    return codings
