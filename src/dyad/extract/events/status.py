"""Status of an event mention: polarity, modality and whether it is historical.

The decision walks up from the trigger through the verbs that govern it ("refused to
MEET", "is scheduled to JOIN", "it is unclear whether they will MEET") and stops at a
clause boundary. Every decision keeps the words that made it as a `Cue`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from spacy.tokens import Token

from dyad.doctext import token_span
from dyad.extract.events.chain import PAST_TAGS, has_subject, status_chain
from dyad.extract.events.codebook import StatusCues
from dyad.extract.events.timing import find_historical, later_time
from dyad.lexicon import words
from dyad.model import Cue, Span, TimeExpression

_REFUSED = ("xcomp", "prep")  # "refused to meet", "refrained from attacking"
_CANCELLED = ("dobj", "nsubjpass")  # "cancelled the talks", "the talks were postponed"
# Nouns whose clause is not asserted to have happened: "the claim that X refused", "an effort
# to broker a truce"; and speech acts done by saying one wants to ("I want to thank X").
_UNPROVEN = frozenset(words("events.status", "unproven_nouns"))
_PERFORMATIVES = frozenset(words("events.status", "performatives"))
_RAISING = frozenset(words("events.status", "raising_verbs"))
_QUESTION_MARKS = frozenset(words("events.status", "question_marks"))
_ASKING = frozenset(words("events.status", "asking_verbs"))
_SPEAKERS = ("i", "we")


@dataclass(frozen=True, slots=True)
class Status:
    """Polarity, modality and historical flag with their cues."""

    polarity: str
    modality: str
    historical: bool
    cues: tuple[Cue, ...]


def find_polarity(
    head: Token, cues: StatusCues, stop: set[int], others: Sequence[Token] = ()
) -> tuple[str, Cue | None]:
    """Negated when the trigger or a verb governing it is negated or is a refusal."""
    hops = 0
    for token, via in status_chain(head, stop):
        hops += via == "prep"
        if via == "ccomp" or hops > 1 or (via == "prep" and token.pos_ in ("ADJ", "ADV")):
            break
        lemma = token.lemma_.lower()
        if via == "pobj" and token.dep_ == "prep" and token.lower_ in cues.negators:
            return "negated", Cue("polarity", token_span(token), f"negator:{token.lower_}")
        if token.i != head.i and lemma in cues.cancelling_verbs and via in _CANCELLED:
            if any(c.dep_ == "neg" for c in token.children):
                return "asserted", None  # "will not cease its support"
            return "negated", Cue("polarity", token_span(token), f"cancelled:{lemma}")
        cancelled = [
            c for c in token.children if c.dep_ == "amod" and c.lemma_ in cues.cancelling_verbs
        ]
        if cancelled:
            return "negated", Cue("polarity", token_span(cancelled[0]), "cancelled")
        if token.i != head.i and lemma in cues.negating_verbs and via in _REFUSED:
            if any(c.dep_ == "neg" for c in token.children):
                return "asserted", None  # "did not hesitate to criticize"
            return "negated", Cue("polarity", token_span(token), f"refusal:{token.lemma_}")
        if token.i != head.i and _denied_doubt(token, cues):
            continue  # "there is no doubt that X attacked": the "no" denies the doubt
        near = [c for t in (token, *(others if token.i == head.i else ())) for c in t.children]
        for child in near:
            listed = child.lemma_.lower() in cues.negators or child.lower_ in cues.negators
            if (child.dep_ == "neg" and not _alternative(child)) or (
                child.dep_ == "det" and listed
            ):
                return "negated", Cue("polarity", token_span(child), f"negator:{child.lower_}")
            ended = None if _denied_doubt(child, cues) else _no_longer(child)
            if ended is not None:
                return "negated", Cue("polarity", token_span(ended), "no-longer")
            subject = _subject_negator(child) if child.dep_ in ("nsubj", "nsubjpass") else None
            if subject is not None:
                return "negated", Cue("polarity", token_span(subject), "negated-subject")
    return "asserted", None


def _alternative(neg: Token) -> bool:
    """ "whether or not X attacks", "whether X agrees or not", "may or may not attend":
    "not" as the other alternative, no negation."""
    before = neg.i - 1
    while before > 0 and neg.doc[before].tag_ == "MD":
        before -= 1
    return before >= 0 and neg.doc[before].lower_ == "or"


def _denied_doubt(word: Token, cues: StatusCues) -> bool:
    """ "no doubt", "not doubtful": a word of doubt with a negator of its own."""
    if word.lemma_.lower() not in cues.doubt_words and word.lower_ not in cues.doubt_words:
        return False
    return any(c.dep_ in ("neg", "det") and c.lower_ in cues.negators for c in word.children)


def _no_longer(child: Token) -> Token | None:
    """ "will no longer recognize", "no more send": an adverb the verb takes, negated by
    "no", ends what the verb says."""
    if child.dep_ != "advmod":
        return None
    return next((g for g in child.children if g.dep_ == "neg" and g.lower_ == "no"), None)


def _subject_negator(subject: Token) -> Token | None:
    """ "No talks were held", "neither side ceasing": the word that negates the subject."""
    words = ("no", "neither", "none")
    if subject.lower_ in words:
        return subject
    negators = [c for c in subject.children if c.dep_ in ("det", "neg", "preconj")]
    return next((c for c in negators if c.lower_ in words), None)


def find_modality(
    head: Token, cues: StatusCues, stop: set[int], later_time: Span | None
) -> tuple[str, Cue | None]:
    """Conditional, hypothetical, possible, planned or actual, from the governing words."""
    chain = status_chain(head, stop)
    found = _conditional(chain, cues) or _possible(chain, cues) or _planned(chain, cues)
    if found:
        return found
    if later_time is not None and not _past(chain):
        return "planned", Cue("modality", later_time, "future-date")
    return _hearsay(chain, cues) or ("actual", None)


def _hearsay(chain: list[tuple[Token, str]], cues: StatusCues) -> tuple[str, Cue] | None:
    """What a report only alleges is possible ("allegedly attacked", "is said to have
    attacked", "is suspected of attacking"); not "is believed to be behind the attack": the
    attack happened, only who did it is hearsay."""
    named = False  # the trigger is named by a preposition's object on the way up
    for token, via in chain:
        named = named or via == "pobj"
        if via in ("xcomp", "prep") and _passive_hearsay(token, cues) and not named:
            return "possible", Cue("modality", token_span(token), f"hearsay:{token.lemma_}")
        if via == "ccomp":
            break
        for child in token.children:
            if child.dep_ in ("advmod", "amod") and child.lower_ in cues.hearsay_words:
                return "possible", Cue("modality", token_span(child), f"hearsay:{child.lower_}")
    return None


def _conditional(chain: list[tuple[Token, str]], cues: StatusCues) -> tuple[str, Cue] | None:
    for token, via in chain:
        for child in token.children:
            if child.dep_ == "advcl" and via != "ccomp":
                mark = _mark(child, cues.conditional_marks)
                if mark is not None and not _concessive(mark, cues):
                    return "conditional", Cue("modality", token_span(mark), f"if-clause:{mark}")
        if token.dep_ == "advcl":
            mark = _mark(token, cues.conditional_marks)
            if mark is not None and mark.lower_ in _QUESTION_MARKS and _asking(token.head):
                return "possible", Cue("modality", token_span(mark), f"question:{mark.lower_}")
            if mark is not None:
                return "hypothetical", Cue("modality", token_span(mark), f"in-if-clause:{mark}")
    return None


def _asking(verb: Token) -> bool:
    """ "asked Trump if he would": a verb of asking, whose "if" clause is a question."""
    return verb.lemma_.lower() in _ASKING


def _concessive(mark: Token, cues: StatusCues) -> bool:
    """ "even if": the word right before the mark concedes the condition."""
    return mark.i > 0 and mark.doc[mark.i - 1].lower_ in cues.concessive_words


def _mark(clause: Token, marks: Sequence[str]) -> Token | None:
    found = [c for c in clause.children if c.dep_ == "mark" and c.lower_ in marks]
    return found[0] if found else None


def _possible(chain: list[tuple[Token, str]], cues: StatusCues) -> tuple[str, Cue] | None:
    named = False  # the trigger is named by a preposition's object on the way up
    for token, via in chain:
        named = named or via == "pobj"
        if via == "xcomp" and token.lemma_.lower() in _RAISING and not named:
            # "seemed to attack" may not have happened; "seemed to rely on an attack by X"
            # relies on one that did
            return "possible", Cue("modality", token_span(token), f"appears:{token.lemma_}")
        if token.dep_ == "ccomp" and via != "ccomp":
            mark = _mark(token, tuple(_QUESTION_MARKS))
            if mark is not None:
                return "possible", Cue("modality", token_span(mark), f"question:{mark.lower_}")
        if via == "ccomp" and token.lemma_.lower() in cues.claim_verbs:
            return "possible", Cue("modality", token_span(token), f"claimed:{token.lemma_}")
        if via == "acl" and token.pos_ == "NOUN" and token.lemma_.lower() in _UNPROVEN:
            return "possible", Cue("modality", token_span(token), f"unproven:{token.lower_}")
        for child in token.children:
            word = child.lower_
            if child.dep_ == "aux" and word in cues.hypothetical_auxiliaries and via != "ccomp":
                return "hypothetical", Cue("modality", token_span(child), f"ought:{word}")
            if child.dep_ == "aux" and word in cues.possible_auxiliaries and via != "ccomp":
                if word == "would" and _reported(token):
                    continue
                return "possible", Cue("modality", token_span(child), f"modal:{word}")
        for word_token in _uncertain_words(token, cues):
            word = word_token.lower_
            return "possible", Cue("modality", token_span(word_token), f"uncertain:{word}")
        if _denied_doubt(token, cues):
            continue
        if token.lower_ in cues.possible_words or token.lemma_.lower() in cues.possible_words:
            return "possible", Cue("modality", token_span(token), f"uncertain:{token.lower_}")
    return None


def _uncertain_words(token: Token, cues: StatusCues) -> Iterator[Token]:
    """The words of uncertainty `token` takes ("likely", "unclear", "whether"); a "whether"
    the parser hung on the main verb right before the clause it opens belongs to that clause
    ("Whether or not X attacks, the talks will go ahead": the attack is uncertain, the talks
    are not)."""
    for child in token.children:
        if child.dep_ not in ("acomp", "amod", "advmod", "mark"):
            continue
        own = child.dep_ != "mark" or _opens(child).i == token.i
        if own and child.lower_ in cues.possible_words and not _denied_doubt(child, cues):
            yield child
    if token.dep_ == "advcl":
        marks = [c for c in token.head.children if c.dep_ == "mark" and c.i < token.i]
        yield from (m for m in marks if m.lower_ in cues.possible_words and _opens(m) == token)


def _opens(mark: Token) -> Token:
    """The clause a mark opens: its head, or, for a mark hung on the main verb, the
    adverbial clause that starts right after it."""
    head = mark.head
    if head.dep_ != "ROOT":
        return head
    after = [c for c in head.children if c.dep_ == "advcl" and c.left_edge.i == mark.i + 1]
    return after[0] if after else head


def _passive_hearsay(verb: Token, cues: StatusCues) -> bool:
    """A passive verb of saying or thinking: "X is said to", "a man suspected of"."""
    if verb.lemma_.lower() not in cues.hearsay_verbs or verb.tag_ != "VBN":
        return False
    return any(c.dep_ == "auxpass" for c in verb.children) or verb.dep_ == "acl"


def _reported(token: Token) -> bool:
    """ "would" in a clause reported by a past-tense verb: future in the past."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token.dep_ == "ccomp" and token.head.tag_ in PAST_TAGS


def _infinitive(verb: Token) -> bool:
    """ "expected sales to exceed": a clause with "to" and no tense."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _planned(chain: list[tuple[Token, str]], cues: StatusCues) -> tuple[str, Cue] | None:
    head = chain[0][0]
    for token, via in chain:
        lemma = token.lemma_.lower()
        if via == "ccomp":
            clause = chain[-2][0]
            if lemma in cues.desire_verbs and _infinitive(clause) and has_subject(clause):
                return "requested", Cue("modality", token_span(token), f"wanted-of:{lemma}")
            if lemma in cues.planned_verbs and _infinitive(clause):
                return "planned", Cue("modality", token_span(token), f"scheduled:{lemma}")
            break
        for child in token.children:
            word = child.lower_
            if child.dep_ == "aux" and word in cues.planned_auxiliaries:
                return "planned", Cue("modality", token_span(child), f"future:{word}")
            if child.dep_ == "aux" and word in cues.reported_future and _reported(token):
                return "planned", Cue("modality", token_span(child), f"reported-future:{word}")
        if token.i != head.i and lemma in cues.planned_verbs and _governs_infinitive(token):
            if _performative(head, token):
                return None
            if lemma in cues.desire_verbs and any(c.dep_ == "dobj" for c in token.children):
                return "requested", Cue("modality", token_span(token), f"wanted-of:{lemma}")
            return "planned", Cue("modality", token_span(token), f"scheduled:{lemma}")
    return _headline_future(chain[-1][0])


def _headline_future(clause: Token) -> tuple[str, Cue] | None:
    """ "Apple to give free cases": a sentence whose main verb is a bare infinitive is a
    headline announcing what will happen."""
    if clause.dep_ != "ROOT":
        return None
    to = [c for c in clause.children if c.dep_ == "aux" and c.lower_ == "to"]
    finite = [c for c in clause.children if c.dep_ in ("aux", "auxpass") and c.lower_ != "to"]
    if to and not finite:
        return "planned", Cue("modality", token_span(to[0]), "headline-infinitive")
    return None


def _performative(head: Token, governor: Token) -> bool:
    """ "I want to thank X": a speech act done in saying it, not a plan."""
    speakers = [c for c in governor.children if c.dep_ == "nsubj" and c.lower_ in _SPEAKERS]
    return bool(speakers) and head.lemma_.lower() in _PERFORMATIVES


def _governs_infinitive(token: Token) -> bool:
    if token.lemma_ == "go":
        return token.tag_ == "VBG"  # "is going to meet", "is going to Turkey"
    return any(c.dep_ == "xcomp" for c in token.children)


def _past(chain: list[tuple[Token, str]]) -> bool:
    """A past tense in the chain, on a verb or its auxiliary ("were arrested", "had met")."""
    return any(
        token.tag_ == "VBD"
        or any(c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in token.children)
        for token, via in chain
        if via != "ccomp"
    )


def decide_status(
    head: Token,
    cues: StatusCues,
    *,
    others: Sequence[Token] = (),
    stop: set[int],
    times: Sequence[TimeExpression],
    article_date: dt.date | None,
) -> Status:
    """Polarity, modality and historical status of the event triggered at `head`."""
    polarity, polarity_cue = find_polarity(head, cues, stop, others)
    later = later_time(head, times, article_date)
    modality, modality_cue = find_modality(head, cues, stop, later)
    historical_cue = find_historical(head, times, article_date, cues.historical_days)
    decided = tuple(c for c in (polarity_cue, modality_cue, historical_cue) if c is not None)
    return Status(polarity, modality, historical_cue is not None, decided)
