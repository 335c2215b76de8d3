"""Who does what a verb or noun says when it names no subject of its own: control and light
verbs, read from the dependency parse.

- an infinitive's controller: "X urged **Y** to impose" (Y), "**X** refused to meet" (X),
  "X instructed **Y** to continue negotiating" (an object before the infinitive);
- a gerund after a preposition: "**X** said after meeting Y", "X thanked **Y** for backing",
  "X accused **Y** of carrying out", "**X** refrained from endorsing";
- an infinitive with a question word: "**X** is deciding which candidate to endorse";
- a noun in a "for" phrase: whom the verb holds to account ("X punished **Y** for the
  attacks"), or who claims the responsibility for it ("**X** claimed responsibility for the
  attack"); a noun "behind" a form of "be" ("**X** was behind the attack");
- a noun trigger's light verb: "**X** made threats", "**X** carried out a series of airstrikes",
  "was hit by **X** in airstrikes" (a passive verb's agent), but not the verb that only
  tells when it happened ("X spoke after the attack") or says what it is ("X called the
  attack an act of terror").

Each function returns candidate tokens in order of preference: the first group that stands
for an actor mention wins (`Candidates`).
"""

from __future__ import annotations

from spacy.tokens import Token

from dyad.extract.events.governors import (
    OBJECTS,
    PASSIVE_SUBJECTS,
    SUBJECTS,
    characterises,
    governing_verb,
    passive_agents,
    prep_objects,
    scene,
)
from dyad.lexicon import words

# Governors whose object is the one asked or made to act ("urged Trump to ...").
OBJECT_CONTROL = words("events.roles", "object_control")
# Governors with an object whose own subject still acts: "promised Y to come".
SUBJECT_CONTROL = words("events.roles", "subject_control")
# Verbs that report a clause ("X was arrested, police said").
REPORTING_VERBS = words("events.roles", "reporting_verbs")
# "X claimed responsibility for the attack": the noun and the verbs that own its "for" event.
RESPONSIBILITY_NOUNS = words("events.roles", "responsibility_nouns")
OWNING_VERBS = words("events.roles", "owning_verbs")
# Prepositions after which a gerund's doer is the governing verb's object: "thanked Y for
# backing", "accused Y of carrying out"; after any other, its subject ("said after meeting").
_CAUSE_PREPS = ("for", "of")
_NOMINAL = ("NOUN", "PROPN")
_PLURALS = ("NNS", "NNPS")
# What a misread verb's object hangs as ("praises Trump": "Trump" as an unlabelled dependent).
_MISREAD_OBJECTS = ("dobj", "dep", "npadvmod", "appos")

_PLACE_ENTITIES = ("GPE", "LOC", "FAC")
_STATE_PREPS = ("in", "on", "at")  # "in the habit of", "on the verge of", "at the point of"
RELATIVE_TAGS = ("WP", "WDT")  # "who", "which", "that" opening a relative clause
Candidates = list[list[Token]]


_TENSED = ("VBZ", "VBD", "VBP", "MD")  # "does", "did", "do", "will"


def is_subject(token: Token) -> bool:
    return token.dep_ in SUBJECTS + PASSIVE_SUBJECTS


def _subjects(verb: Token) -> list[Token]:
    """The verb's subjects; of a relative clause whose subject is "who", "which" or "that",
    the noun the clause hangs on ("Cruz, who refused to endorse Trump": Cruz)."""
    subjects = [c for c in verb.children if is_subject(c)]
    if verb.dep_ == "relcl" and subjects and all(s.tag_ in RELATIVE_TAGS for s in subjects):
        return [verb.head]
    if not subjects and reduced_passive(verb):  # "a man charged with killing X": the man
        return [verb.head]
    return subjects


def misread_verb(token: Token) -> bool:
    """A present-tense verb the tagger read as a plural noun, as headlines put it ("Super PAC
    blasts Trump", "Putin chides Turkey and praises Trump"): a plural noun in -s with a
    subject of its own before it, or coordinated with a verb and taking a name after it."""
    if token.pos_ not in _NOMINAL or token.tag_ not in _PLURALS or not token.lower_.endswith("s"):
        return False
    if any(c.dep_ == "nsubj" and c.i < token.i for c in token.children):
        return True
    return (
        token.dep_ == "conj"
        and token.head.pos_ == "VERB"
        and any(c.i > token.i and c.dep_ in _MISREAD_OBJECTS for c in token.children)
    )


def reduced_passive(verb: Token) -> bool:
    """A past participle hanging on a noun ("a policeman charged with murder", "the man
    arrested on Monday"): the noun undergoes it, as the subject of a passive would. Not a
    place ("East Jerusalem, captured by X", "rebel-held Aleppo"): what is taken is no party."""
    noun = verb.head
    return (
        verb.dep_ == "acl"
        and verb.tag_ == "VBN"
        and noun.pos_ in ("NOUN", "PROPN")
        and noun.ent_type_ not in _PLACE_ENTITIES
    )


def controller(verb: Token) -> list[Token]:
    """The understood subject of a verb with none of its own (the first candidate group)."""
    groups = controllers(verb)
    return groups[0] if groups else []


def controllers(verb: Token) -> Candidates:
    """Candidate groups for the understood subject of a verb with none of its own."""
    governor = verb.head
    if governor.i == verb.i:
        return []
    if verb.dep_ in ("xcomp", "advcl") or _wh_infinitive(verb):
        return _infinitive(verb, governor)
    if verb.dep_ == "pcomp":
        return _gerund(verb)
    stranded = stranded_subject(verb)
    if stranded is not None:
        return [[stranded]]
    if verb.dep_ in ("acomp", "conj"):  # "X is unlikely to attend", "X met and agreed"
        return _nonempty([_subjects(governor)]) or controllers(governor)
    if verb.dep_ in ("acl", "relcl"):
        # "Pence endorsing Cruz": the noun a present participle hangs on does it, else the
        # owner or author of that noun ("her statement condemning the test")
        owners = [c for c in governor.children if c.dep_ == "poss" and c.pos_ != "PRON"]
        if verb.dep_ == "relcl":
            return _nonempty([owners, [governor]])
        doer = [[governor]] if verb.tag_ == "VBG" else []
        if owners or reduced_passive(verb):  # "X arrested a man accused of ...": not X
            return [*doer, owners]
        return [*doer, *light_verb_subjects(governor)]
    return []


def stranded_subject(verb: Token) -> Token | None:
    """ "if Putin refuses to meet with Zelenskyy or Russia does not agree": a conjunct verb
    with a tensed auxiliary of its own opens a clause of its own, whose subject is the noun
    just before that auxiliary, though the parser joined that noun to an earlier object."""
    if verb.dep_ != "conj":
        return None
    aux = next((c for c in verb.children if c.dep_ == "aux" and c.i < verb.i), None)
    if aux is None or aux.tag_ not in _TENSED or aux.i == 0:
        return None
    noun = verb.doc[aux.i - 1]
    if noun.pos_ not in ("PROPN", "NOUN", "PRON") or noun.dep_ != "conj":
        return None
    return noun if noun.head.i != verb.i else None


def shared_patients(verb: Token) -> list[Token]:
    """Who undergoes a passive verb conjoined to another and sharing its subject: "X was
    arrested and charged", "the officer, who shot him and has been charged" (the verb's own
    passive auxiliary, or a bare participle after a passive verb)."""
    if verb.dep_ != "conj" or any(is_subject(c) for c in verb.children):
        return []
    governor = verb.head
    own = any(c.dep_ == "auxpass" for c in verb.children)
    bare = not any(c.dep_ in ("aux", "auxpass") for c in verb.children)
    if own or (bare and verb.tag_ == "VBN" and _passive(governor)):
        return _subjects(governor) or shared_patients(governor)
    return []


def _passive(verb: Token) -> bool:
    return any(c.dep_ in PASSIVE_SUBJECTS or c.dep_ == "auxpass" for c in verb.children)


def _wh_infinitive(verb: Token) -> bool:
    """ "decide who to back", "knows how to respond": an infinitive clause with no subject,
    parsed as a clausal complement, is done by whoever decides or knows."""
    return (
        verb.dep_ == "ccomp"
        and any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children)
        and not _subjects(verb)
    )


def _infinitive(verb: Token, governor: Token) -> Candidates:
    lemma = governor.lemma_.lower()
    asked = [c for c in governor.children if c.dep_ in OBJECTS]
    if lemma in OBJECT_CONTROL:
        asked += prep_objects(governor, ("on", "upon"))
        if asked:
            return [asked]
    before = [a for a in asked if a.i < verb.i]
    if verb.dep_ == "xcomp" and before and lemma not in SUBJECT_CONTROL:
        return [before]  # "instructed Y to negotiate": Y negotiates, or no actor is named
    subjects = _subjects(governor)
    if subjects or (verb.dep_ == "advcl" and not _infinitive_clause(verb, governor)):
        return _nonempty([subjects])
    return controllers(governor)  # "a willingness to back up Putin, to support Putin"


def _infinitive_clause(verb: Token, governor: Token) -> bool:
    """An infinitive adjunct of a subjectless infinitive ("to back up Y, to support Y"):
    both share the understood subject, found through the governor."""
    return all(
        any(c.dep_ == "aux" and c.tag_ == "TO" for c in v.children) for v in (verb, governor)
    )


def _gerund(verb: Token) -> Candidates:
    """ "X said after meeting Y", "X thanked Y for backing Z": the doer of a gerund that is
    the object of a preposition on a verb."""
    prep = verb.head
    if prep.dep_ != "prep" or prep.pos_ != "ADP" or prep.head.i == prep.i:
        return []  # not "given that X is engaged": a participle is no preposition
    governor = prep.head
    if governor.pos_ in ("ADJ", "ADV") and governor.dep_ in ("acomp", "advmod", "oprd"):
        governor = governor.head  # "X appeared closer to offering", "X is keen on meeting"
    if governor.pos_ not in ("VERB", "AUX"):
        owners = [c for c in governor.children if c.dep_ == "poss"]
        if governor.pos_ == "NOUN" and not owners and _state_phrase(prep, governor):
            return _gerund(governor)  # "I am not in the habit of supporting Y": I
        return [owners] if governor.pos_ == "NOUN" and owners else []
    groups: Candidates = []
    if prep.lower_ in _CAUSE_PREPS:
        groups.append([c for c in governor.children if c.dep_ in OBJECTS])
        groups.append(prep_objects(governor, ("at", "on", "against")))
    subjects = _subjects(governor)
    if subjects:
        return _nonempty([*groups, subjects])
    return _nonempty([*groups, *controllers(governor)])


def _state_phrase(prep: Token, noun: Token) -> bool:
    """A gerund's "of" on a noun that only puts its subject in a state through a
    preposition on a verb ("is in the habit of backing", "was on the verge of signing"): the
    noun has no owner or phrase of its own but that "of"."""
    return (
        prep.lower_ == "of"
        and noun.dep_ == "pobj"
        and noun.head.lower_ in _STATE_PREPS
        and noun.head.dep_ == "prep"
        and noun.head.head.pos_ in ("VERB", "AUX")
        and all(c.dep_ in ("det", "amod") or c.i == prep.i for c in noun.children)
    )


def light_verb_subjects(noun: Token) -> Candidates:
    """The subject of the verb a noun trigger is the object of ("Trump made threats"), unless
    the verb only sets its scene ("spoke after the attack") or says what it is ("called the
    attack an act of terror", "described the protest as peaceful")."""
    verb = governing_verb(noun)
    if verb is None or scene(noun) or characterises(verb, noun):
        return []
    subjects = [c for c in verb.children if c.dep_ in SUBJECTS]
    if subjects:
        return [subjects]
    agents = passive_agents(verb)  # "was hit by X in airstrikes": X's airstrikes
    return [agents] if agents else controllers(verb)


def owners(noun: Token) -> Candidates:
    """Who owns an event noun as its doer: the subject of a verb claiming or accepting the
    responsibility for it ("X claimed responsibility for the attack", "X took credit for the
    release"), or of "be" with the noun behind it ("X was behind the attack", "X is believed
    to be behind the hack"); a subjectless verb's controller."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.dep_ != "prep":
        return []
    verb = prep.head
    if prep.lower_ == "for" and verb.lemma_.lower() in RESPONSIBILITY_NOUNS:
        owned = verb
        verb = owned.head
        if owned.dep_ != "dobj" or verb.lemma_.lower() not in OWNING_VERBS:
            return []
    elif prep.lower_ != "behind" or verb.lemma_ != "be":
        return []
    subjects = _subjects(verb)
    return [subjects] if subjects else controllers(verb)


def antecedent(token: Token) -> Token:
    """The noun a relative clause hangs on, for its relative pronoun ("Y, who was shot by
    X": Y); any other token stands for itself."""
    clause = token.head
    if token.tag_ in RELATIVE_TAGS and clause.dep_ == "relcl" and clause.head.i != clause.i:
        return clause.head
    return token


def reporters(verb: Token) -> list[Token]:
    """Who reports an agentless passive clause: the reporting verb's subjects ("six
    protesters were arrested, police said"; "X was charged, and the authorities said ..."),
    or the "according to" phrase ("X was arrested, according to the sheriff's office"). A
    passive conjoined to another ("was arrested and charged") has the first one's reporter."""
    while shared_patients(verb):
        verb = verb.head
    if not _agentless_passive(verb):
        return []
    according = [
        g
        for c in verb.children
        if c.dep_ == "prep" and c.lower_ == "according"
        for g in prep_objects(c, ("to",))
    ]
    if according:
        return according
    if verb.dep_ == "ccomp" and verb.head.lemma_.lower() in REPORTING_VERBS:
        return _subjects(verb.head)
    reports = [c for c in verb.children if c.dep_ == "conj" and c.lemma_.lower() in REPORTING_VERBS]
    return [s for c in reports for s in c.children if s.dep_ in SUBJECTS]


def moved(verb: Token) -> list[Token]:
    """What an agentless passive verb moves ("troops were deployed"): its passive subjects."""
    if not _agentless_passive(verb):
        return []
    return [c for c in verb.children if c.dep_ in PASSIVE_SUBJECTS]


def _agentless_passive(verb: Token) -> bool:
    passive = any(c.dep_ in PASSIVE_SUBJECTS or c.dep_ == "auxpass" for c in verb.children)
    return passive and not passive_agents(verb)


def _nonempty(groups: Candidates) -> Candidates:
    return [g for g in groups if g]
