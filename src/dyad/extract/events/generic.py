"""Whether a trigger tells of many happenings rather than one.

"police routinely arrest protesters", "hundreds have been killed in attacks since 2009",
"began conducting airstrikes", "the preacher whom Erdogan accuses", "carried out two attacks",
"the 28th person killed since 2003", "detained 400 protesters over the past week",
"I have been warning throughout this campaign", "police officers killing unarmed people",
"to halt the bombing of Aleppo", "students can participate in chorus": a habit, an
ability, a tally over a span of time (or one counted in it), an act spread over a span, a
campaign under way or to be stopped, a standing property told in the present tense, a count
of acts, an activity kept up until now, a kind of act done by a kind of people rather than by
someone in particular. Each is read from the trigger's clause, not from its words, and kept
as a cue of field "generic" (rule "many-happenings") on the event.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from spacy.tokens import Token

from dyad.extract.events.mentions import covering
from dyad.lexicon import words
from dyad.model import ActorMention

__all__ = ["generic_cue"]

_HABITUAL = frozenset(words("events.sense", "habitual_adverbs"))
_ABILITY = frozenset(words("events.sense", "ability_modals"))
_ATTITUDE = frozenset(words("events.sense", "attitude_verbs"))
_SPAN_WORDS = frozenset(words("events.sense", "span_words"))
_ASPECTUAL = frozenset(words("events.sense", "aspectual_verbs"))
_HALTING = frozenset(words("events.sense", "halting_verbs"))
_QUANTIFIERS = frozenset(words("events.sense", "quantifiers"))
_SERIES = frozenset(words("events.sense", "series_nouns"))
_LENGTHS = frozenset(words("events.sense", "campaign_lengths"))
_FORCE = ("ASSAULT",)  # types whose act, lasting weeks, is a campaign
_LENGTH_DEPS = ("compound", "amod", "nmod", "npadvmod", "nummod")
_SPREAD = frozenset(words("events.sense", "spread_prepositions"))
_CLAUSES = ("ccomp", "advcl", "relcl", "parataxis")
_SUBJECTS = ("nsubj", "nsubjpass", "csubj")
_PRESENT = ("VBZ", "VBP")


def generic_cue(
    head: Token,
    actors: Sequence[ActorMention] = (),
    tokens: Collection[int] = (),
    event_type: str | None = None,
) -> Token | None:
    """The word that makes the trigger at `head` (words at `tokens`, of type `event_type`)
    tell of many happenings, or None; `actors` are the actor mentions (a count of people is
    no count of acts)."""
    checks = (
        _habitual,
        _ability,
        _aggregate,
        _tally,
        _spread,
        _ongoing,
        _halted,
        _standing,
        _kept_up,
    )
    for check in (*checks, _kind_of_doers):
        found = check(head)
        if found is not None:
            return found
    if event_type in _FORCE:
        found = _lasting(head)
        if found is not None:
            return found
    return _counted(head, actors, tokens)


def _lasting(head: Token) -> Token | None:
    """ "Israel's three-week offensive", "a months-long bombing campaign": an act of force
    named by a noun that a length of weeks or more modifies is a campaign of many acts (a
    "two-hour meeting" is one, and no act of force)."""
    if head.pos_ != "NOUN":
        return None
    modifiers = [c for c in head.children if c.dep_ in ("compound", "amod", "nmod")]
    for token in (t for m in modifiers for t in m.subtree):
        if token.dep_ not in _LENGTH_DEPS or token.lemma_.lower() not in _LENGTHS:
            continue
        if token.ent_type_ == "DATE" or any(c.like_num for c in token.children):
            return token
    return None


def clause_verbs(head: Token) -> list[Token]:
    """The trigger and the words above it in its own clause (a noun trigger's governing
    verb); the climb stops at a clause boundary and at a coordinated verb with a subject of
    its own ("In years past he has had sharp words, but this time he praised ...")."""
    out, node = [head], head
    for _ in range(4):
        if node.dep_ in _CLAUSES or node.head.i == node.i:
            break
        if node.dep_ == "conj" and any(c.dep_ in _SUBJECTS for c in node.children):
            break
        node = node.head
        out.append(node)
    return out


def _habitual(head: Token) -> Token | None:
    """ "police routinely arrest protesters": a frequency adverb on the trigger's clause, not
    one qualifying an adjective ("sometimes violent protests")."""
    for verb in clause_verbs(head):
        for child in verb.children:
            if child.dep_ != "advmod" or child.lower_ not in _HABITUAL:
                continue
            after = child.nbor(1) if child.i + 1 < len(child.doc) else None
            if after is None or after.pos_ != "ADJ":
                return child
    return None


def _ability(head: Token) -> Token | None:
    """ "students can participate in chorus", "the faster we can offer some relief",
    "Russia cannot allow it": a modal of ability on the trigger's clause tells what may be
    done, by anyone or at any time, not that something happened or is planned ("could" and
    "would" tell of one possible happening and stay)."""
    for verb in clause_verbs(head):
        for child in verb.children:
            if child.dep_ == "aux" and child.tag_ == "MD" and child.lower_ in _ABILITY:
                return child
    return None


def _ongoing(head: Token) -> Token | None:
    """ "began conducting airstrikes": a campaign set going, many happenings rather than
    one (a happening that continues is still told as one: "continued to call for")."""
    for verb in clause_verbs(head)[1:3]:
        if verb.lemma_.lower() in _ASPECTUAL and verb.pos_ == "VERB":
            return verb
    return None


def _halted(head: Token) -> Token | None:
    """ "negotiations to halt the bombing of Aleppo", "end the shelling": an act named as
    what is to be stopped is a campaign under way, not one happening."""
    if head.pos_ != "NOUN" or head.dep_ != "dobj":
        return None
    verb = head.head
    return verb if verb.lemma_.lower() in _HALTING and verb.pos_ == "VERB" else None


def _aggregate(head: Token) -> Token | None:
    """ "hundreds have been killed in attacks since 2009": a perfect clause over a span of
    time counts many happenings, not one. The span word belongs to that clause (not to one
    below it) and is no comparison ("the first time since the 1980s")."""
    for verb in clause_verbs(head):
        if not any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children):
            continue
        for child in verb.subtree:
            if (
                child.lower_ in _SPAN_WORDS
                and child.dep_ in ("prep", "amod", "advmod")
                and _own_clause(child) == verb
                and not _comparison(child)
            ):
                return child
    return None


def _tally(head: Token) -> Token | None:
    """ "the 28th person killed since 2003", "the third journalist arrested this year": a
    participle on a noun counted by an ordinal, or carrying a span of time of its own, tells
    of one of many happenings counted over that span."""
    if head.dep_ != "acl" or head.tag_ not in ("VBN", "VBG"):
        return None
    noun = head.head
    ordinal = next((c for c in noun.children if c.ent_type_ == "ORDINAL"), None)
    if ordinal is not None and ordinal.lower_ not in ("first", "1st"):
        return ordinal
    since = (c for c in head.children if c.dep_ == "prep" and c.lower_ in _SPAN_WORDS)
    return next(since, None)


def _spread(head: Token) -> Token | None:
    """ "detained 400 protesters over the past week", "throughout the last three months": a
    preposition of duration whose object is a span of time ending now, in any tense, spreads
    the act over that span (a point in it, "in the past week", may still be one)."""
    for verb in clause_verbs(head)[:2]:
        for prep in verb.children:
            if prep.dep_ != "prep" or prep.lower_ not in _SPREAD:
                continue
            spans = [g for g in prep.children if g.dep_ == "pobj" and g.ent_type_ == "DATE"]
            if any(c.lower_ in _SPAN_WORDS for g in spans for c in g.children):
                return prep
    return None


def _own_clause(token: Token) -> Token:
    """The nearest verb above `token`: the clause it belongs to."""
    node = token
    while node.head.i != node.i:
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            return node
    return node


def _comparison(token: Token) -> bool:
    """ "the first time since", "the largest since": a span word measuring a record."""
    noun = token.head
    return any(c.tag_ in ("JJS", "RBS") or c.lower_ == "first" for c in noun.children)


def _standing(head: Token) -> Token | None:
    """ "the preacher whom Erdogan accuses", "a voter who supports Trump": a relative clause
    in the simple present tells what someone is, not what happened; so does a verb of
    attitude in the simple present anywhere but in a heading or in words reported ("although
    he supports keeping troops there", "whether Cruz still supports his amendments"; not
    "Cruz endorses Trump" over an article, nor "he said he supports Trump")."""
    if head.pos_ != "VERB" or head.tag_ not in _PRESENT:
        return None
    if any(c.dep_ in ("aux", "auxpass") for c in head.children):
        return None
    if head.dep_ == "relcl":
        return head
    attitude = head.lemma_.lower() in _ATTITUDE
    return head if attitude and head.dep_ not in ("ROOT", "ccomp") else None


def _kept_up(head: Token) -> Token | None:
    """ "I have been warning throughout this campaign", "has been fighting": the perfect
    progressive tells of an activity kept up over a span, not of one happening."""
    if head.tag_ != "VBG":
        return None
    auxiliaries = [c for c in head.children if c.dep_ == "aux"]
    has = any(a.lemma_ == "have" for a in auxiliaries)
    been = next((a for a in auxiliaries if a.lower_ == "been"), None)
    return been if has else None


def _kind_of_doers(head: Token) -> Token | None:
    """ "the epidemic of police officers killing unarmed black people": a bare participle
    (no auxiliary) whose subject is a bare plural (no article, number or owner: a kind of
    people, not some people in particular) tells of what such people do, not of one
    happening. A finite verb is left to the other checks: a heading tells of the past in the
    present ("Protesters clash with police"), and "journalists have been refused permission"
    can be one refusal."""
    if head.pos_ != "VERB" or head.tag_ != "VBG":
        return None
    if any(c.dep_ in ("aux", "auxpass") for c in head.children):
        return None
    subjects = [c for c in head.children if c.dep_ == "nsubj"]
    if head.dep_ == "acl":
        subjects.append(head.head)  # "officers killing": the noun modified acts
    return next((s for s in subjects if _bare_plural(s)), None)


def _bare_plural(noun: Token) -> bool:
    """ "officers", "black people": a plural common noun with no determiner, number or
    owner."""
    if noun.tag_ != "NNS":
        return False
    return not any(c.dep_ in ("det", "nummod", "poss", "quantmod") for c in noun.children)


def _counted(head: Token, actors: Sequence[ActorMention], tokens: Collection[int]) -> Token | None:
    """ "carried out two attacks", "dozens of airstrikes", "a series of raids": a count of
    acts, on a noun trigger or on the object that is part of a verb trigger's phrase, naming
    no actor ("arrested twelve protesters" is one arrest, "recognized many areas" none)."""
    objects = [c for c in head.children if c.dep_ == "dobj" and c.i in tokens]
    nouns = [head] + [o for o in objects if not _names_actor(o, actors)]
    for noun in nouns:
        found = _count_of(noun)
        if found is not None:
            return found
    return None


def _count_of(noun: Token) -> Token | None:
    if noun.tag_ != "NNS":
        return None
    for child in noun.children:
        if child.dep_ == "nummod" and _count(child):
            return child
        if child.dep_ in ("amod", "det", "nummod") and child.lower_ in _QUANTIFIERS:
            return child
    above = noun.head
    counter = above.head
    of_count = counter.lemma_.lower() in _SERIES or counter.lower_ in _QUANTIFIERS
    if noun.dep_ == "pobj" and above.lower_ == "of" and of_count:
        return counter
    return None


def _names_actor(token: Token, actors: Sequence[ActorMention]) -> bool:
    return bool(token.ent_type_) or bool(covering(token, actors))


def _count(token: Token) -> bool:
    """A number counting more than one, not a date or a name ("the 9/11 attacks")."""
    return (
        token.like_num
        and token.lower_ not in ("one", "1")
        and "/" not in token.text
        and token.ent_type_ not in ("DATE", "TIME")
    )
