"""Stance events: what an actor says it will, will not, or demands that others do.

PLOVER (after CAMEO) codes a statement of intent as its own event: "Israel will evacuate the
settlements, a spokesman said" is AGREE (intent to cooperate) whose content is a planned
RETREAT; "X is prepared to impose martial law" is THREATEN; "Y would not meet the demands" is
REJECT; "Libya must hand over the suspects, the minister said" is REQUEST. This module adds
those embedding events above the content events `find_events` found, from cue words listed
in the codebook's `stance` section.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from dyad.doctext import span_root, token_span
from dyad.extract.events.chain import governors
from dyad.extract.events.codebook import Codebook, StanceCues
from dyad.extract.events.mentions import resolve_tokens
from dyad.extract.events.status import Status, decide_status
from dyad.lexicon import words
from dyad.model import ActorMention, Cue, EventMention, Span

WILLING = "stance:willing:"  # the rule prefix of a stance of willingness ("ready to ...")
# Verbs of advice: their clause with a modal of obligation or a bare verb asks its subject.
_ADVICE_VERBS = frozenset(words("events.stance", "advice_verbs"))


@dataclass(frozen=True, slots=True)
class _Stance:
    kind: str  # "cooperative", "conflictual", "refusal", "obligation"
    cue: Token
    rule: str
    anchor: Token | None = None  # the speech verb or willingness word its own status hangs on
    clause: Token | None = None  # an obligation's reported clause: its subject is asked


def add_stances(
    doc: Doc,
    mentions: Sequence[EventMention],
    codebook: Codebook,
    actors: Sequence[ActorMention],
) -> tuple[EventMention, ...]:
    """`mentions` plus the stance events embedding them, in text order, parents re-indexed."""
    cues = codebook.stance
    groups: dict[int, tuple[_Stance, list[int]]] = {}
    for n, mention in enumerate(mentions):
        stance = _intent(doc, mention, cues) if mention.parent is None else None
        if stance is not None:
            groups.setdefault(stance.cue.i, (stance, []))[1].append(n)
    for stance, content in _obligations(doc, mentions, cues):
        if stance.cue.i not in groups:
            groups[stance.cue.i] = (stance, content)
    if not groups:
        return tuple(mentions)
    out = list(mentions)
    for stance, content in groups.values():
        out.append(_stance_mention(doc, stance, [mentions[n] for n in content], codebook, actors))
        for n in content:
            out[n] = _embedded(out[n], len(out) - 1, stance)
    return _in_text_order(out)


def _head(doc: Doc, mention: EventMention) -> Token:
    span = doc.char_span(mention.trigger.start, mention.trigger.end, alignment_mode="expand")
    return span_root(span) if span is not None else doc[0]


def _intent(doc: Doc, mention: EventMention, cues: StanceCues) -> _Stance | None:
    if mention.type not in cues.content_types or mention.quad_class is None:
        return None
    head = _head(doc, mention)
    cue, rule = _willingness(head, cues)
    anchor = cue
    if cue is None:
        cue, rule, anchor = _reported_future(head, cues)
    if cue is None and mention.polarity == "negated":
        cue, rule = _future(head, cues), "stance:will-not"
    if cue is None:
        return None
    if mention.polarity == "negated":
        return _Stance("refusal", cue, rule, anchor) if mention.quad_class <= 2 else None
    kind = "cooperative" if mention.quad_class <= 2 else "conflictual"
    return _Stance(kind, cue, rule, anchor)


def _willingness(head: Token, cues: StanceCues) -> tuple[Token | None, str]:
    governor = head.head
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in head.children)
    if head.dep_ == "advcl" and infinitive and governor.lemma_.lower() in cues.willingness_words:
        return governor, f"{WILLING}{governor.lemma_.lower()}"  # "sworn to fight"
    for token, via in governors(head):
        if via == "ccomp":
            break
        if token.i != head.i and _willing_word(token, cues):
            return token, f"{WILLING}{token.lemma_.lower()}"
        for child in token.children:
            if child.dep_ == "acomp" and child.lemma_.lower() in cues.willingness_words:
                return child, f"{WILLING}{child.lemma_.lower()}"
    return None, ""


def _willing_word(token: Token, cues: StanceCues) -> bool:
    """A word of willingness by its lemma, or a passive participle as written: "is prepared
    for a ceasefire" (its lemma, "prepare", is no willingness: "prepared the attack")."""
    if token.lemma_.lower() in cues.willingness_words:
        return True
    passive = any(c.dep_ == "auxpass" for c in token.children)
    return passive and token.lower_ in cues.willingness_words


def _reported_future(head: Token, cues: StanceCues) -> tuple[Token | None, str, Token | None]:
    """A future auxiliary in a clause that a speech verb reports ("X said it will ..."),
    the rule, and the speech verb."""
    future: Token | None = None
    root = head
    for token, via in governors(head):
        if via == "ccomp":
            if future is not None and token.lemma_.lower() in cues.speech_verbs:
                return future, f"stance:said-future:{token.lemma_.lower()}", token
            return None, "", None
        wanted = cues.future_auxiliaries
        wills = [c for c in token.children if c.dep_ == "aux" and c.lower_ in wanted]
        future = future or (wills[0] if wills else None)
        root = token
    # "X will provide aid, Y said": the speech verb hangs below the reported clause
    said = [
        c
        for c in root.children
        if c.dep_ in ("conj", "parataxis")
        and c.i > head.i
        and c.lemma_.lower() in cues.speech_verbs
    ]
    if future is not None and said:
        return future, f"stance:said-future:{said[0].lemma_.lower()}", said[0]
    return None, "", None


def _future(head: Token, cues: StanceCues) -> Token | None:
    """The future auxiliary of the trigger's own clause ("X will not release ...")."""
    for token, via in governors(head):
        if via == "ccomp":
            return None
        wanted = cues.future_auxiliaries
        wills = [c for c in token.children if c.dep_ == "aux" and c.lower_ in wanted]
        if wills:
            return wills[0]
    return None


def _obligations(
    doc: Doc, mentions: Sequence[EventMention], cues: StanceCues
) -> list[tuple[_Stance, list[int]]]:
    """ "X said Y must ...": a request by X of Y, whether or not the content is an event."""
    heads = {_head(doc, m).i: n for n, m in enumerate(mentions)}
    found = []
    for token in doc:
        if token.dep_ != "aux" or token.lower_ not in cues.obligation_auxiliaries:
            continue
        clause = token.head
        speech = clause.head
        if clause.dep_ != "ccomp" or speech.lemma_.lower() not in cues.speech_verbs:
            continue
        stance = _Stance("obligation", token, "stance:must", speech, clause)
        found.append((stance, _content_of(clause, heads, mentions)))
    for verb, clause in _advice(doc, cues):
        stance = _Stance("obligation", verb, f"stance:advise:{verb.lemma_.lower()}", verb, clause)
        found.append((stance, _content_of(clause, heads, mentions)))
    return found


def _content_of(
    clause: Token, heads: dict[int, int], mentions: Sequence[EventMention]
) -> list[int]:
    """The top-level events of a reported clause."""
    content = [heads[t.i] for t in clause.subtree if t.i in heads]
    return [n for n in content if mentions[n].parent is None]


def _advice(doc: Doc, cues: StanceCues) -> list[tuple[Token, Token]]:
    """ "X suggested that Y should send troops", "recommended Y withdraw": a verb of advice
    and its clause, whose subject is asked to act (a modal of obligation, or a bare verb with
    no auxiliary). "suggested that Y was behind it" asks nothing."""
    found = []
    for verb in doc:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in _ADVICE_VERBS:
            continue
        for clause in verb.children:
            if clause.dep_ != "ccomp" or not any(c.dep_ == "nsubj" for c in clause.children):
                continue
            auxiliaries = [c for c in clause.children if c.dep_ in ("aux", "auxpass")]
            bare = clause.tag_ == "VB" and not auxiliaries
            if bare or any(a.lower_ in cues.obligation_auxiliaries for a in auxiliaries):
                found.append((verb, clause))
    return found


def _stance_mention(
    doc: Doc,
    stance: _Stance,
    content: list[EventMention],
    codebook: Codebook,
    actors: Sequence[ActorMention],
) -> EventMention:
    name = getattr(codebook.stance, stance.kind)
    event_type = codebook.type(name)
    coding = codebook.stance.codings.get(stance.kind, event_type.coding)
    if stance.kind == "obligation" and stance.anchor is not None:
        subjects = [c for c in stance.anchor.children if c.dep_ in ("nsubj", "nsubjpass")]
        clause = stance.clause if stance.clause is not None else stance.cue.head
        asked = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
        who = resolve_tokens(subjects, actors)
        whom = resolve_tokens(asked, actors)
    else:
        who = tuple(a for m in content for a in m.actors)
        whom = tuple(a for m in content for a in m.recipients if a not in who)
    sentence = stance.cue.sent
    status = _own_status(stance, content, codebook)
    return EventMention(
        type=name,
        trigger=token_span(stance.cue),
        sentence=Span(sentence.start_char, sentence.end_char, sentence.text),
        actors=tuple(dict.fromkeys(who)),
        recipients=tuple(dict.fromkeys(whom)),
        polarity=status.polarity,
        modality=status.modality,
        historical=status.historical,
        cues=(Cue("type", token_span(stance.cue), stance.rule), *status.cues),
        rule=stance.rule,
        confidence=0.6,
        cameo=coding.cameo,
        quad_class=coding.quad_class,
        goldstein=coding.goldstein,
    )


def _own_status(stance: _Stance, content: list[EventMention], codebook: Codebook) -> Status:
    """The stance's status is that of its speech verb or willingness word ("it is unclear
    whether X is ready to ..." is a possible threat); historical when its content is."""
    historical = any(m.historical for m in content)
    if stance.anchor is None:
        return Status("asserted", "actual", historical, ())
    own = decide_status(stance.anchor, codebook.status, stop=set(), times=(), article_date=None)
    return Status(own.polarity, own.modality, historical, own.cues)


def _embedded(mention: EventMention, parent: int, stance: _Stance) -> EventMention:
    if stance.rule.startswith(WILLING):
        return _intended(mention, parent, stance)
    if stance.kind != "obligation":
        return dataclasses.replace(mention, parent=parent)
    cue = Cue("modality", token_span(stance.cue), "content-of:obligation")
    kept = tuple(c for c in mention.cues if c.field != "modality")
    return dataclasses.replace(mention, parent=parent, modality="requested", cues=(*kept, cue))


def _intended(mention: EventMention, parent: int, stance: _Stance) -> EventMention:
    """The content of a willingness ("ready to endorse", "eager to lend", "intends to visit"):
    what the actor is ready to do, not a deed. Planned, and marked (cue
    "content-of:willing:<word>") so it is not shown as a happening of its own: the stance
    above it is the event (docs/annotating.md, campaign promises). A content whose own words
    say more ("whether it was ready to impose sanctions if attacks continued": conditional)
    keeps its status and stays as it was."""
    if mention.modality not in ("actual", "planned"):
        return dataclasses.replace(mention, parent=parent)
    rule = f"content-of:willing:{stance.cue.lemma_.lower()}"
    cue = Cue("modality", token_span(stance.cue), rule)
    return dataclasses.replace(
        mention, parent=parent, modality="planned", cues=(*mention.cues, cue)
    )


def _in_text_order(mentions: list[EventMention]) -> tuple[EventMention, ...]:
    order = sorted(range(len(mentions)), key=lambda n: (mentions[n].trigger.start, n))
    new_index = {old: new for new, old in enumerate(order)}
    out = []
    for old in order:
        parent = mentions[old].parent
        moved = new_index[parent] if parent is not None else None
        out.append(dataclasses.replace(mentions[old], parent=moved))
    return tuple(out)
