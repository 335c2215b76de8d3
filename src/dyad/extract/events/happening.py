"""Whether a trigger word names a happening at all: not when it stands inside the title of a
show, law or group ("on Meet the Press"), not when an event noun is only the topic of a word of
thought or talk ("questions about the deal"), not when a refusal is one to say words ("refused
to comment"), a rally a person holds or speaks at is a campaign event, not a protest, and
a candidate beating another wins an election, no violence, and voters choosing a candidate
or a candidate carrying a state cast or count votes, no support or capture; agreeing with a
thing ("agreed with the choice") is an opinion, no deal; an adjective spelt like a verb ("open
borders") names a state."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from spacy.tokens import Token

from dyad.extract.events.governors import prep_objects
from dyad.extract.events.mentions import covering
from dyad.lexicon import words
from dyad.model import ActorMention

_GATHERINGS = frozenset(words("events.sense", "campaign_gatherings"))
_CONTEST_VERBS = frozenset(words("events.sense", "contest_verbs"))
_CONTEST_SECTORS = frozenset(words("events.sense", "contest_sectors"))
_ELECTORATE = frozenset(words("events.sense", "electorate_nouns"))
_SHARES = frozenset((*words("events.sense", "number_words"), *words("events.sense", "shares")))
_PERSONAL = ("his", "her")
_TOPIC_PREPOSITIONS = frozenset(words("events.sense", "topic_prepositions"))
_TOPIC_HEADS = frozenset(words("events.sense", "topic_heads"))
# Dependents of a noun that tell of it happening: whose it is, by or between whom, against
# or with whom, when, how many, what was done to it ("the deal Iran signed").
_HAPPENING_DEPS = ("poss", "relcl", "acl", "nummod", "appos")
_PARTY_PREPOSITIONS = ("by", "between", "with", "against", "from", "in", "at", "on")
_WORD_VERBS = frozenset(words("events.sense", "word_verbs"))
_WORD_NOUNS = frozenset(words("events.sense", "word_nouns"))
_NAMING_VERBS = frozenset(words("events.judgement", "as_verbs"))
_NAMED_AS = ("dative", "oprd")  # "label the group a terrorist organisation"
# Edges into a clause of its own: above one, words are no longer the reported ones.
_FINITE = ("VBD", "VBZ", "VBP", "MD")  # tags of a finite verb or a modal
_OWN_CLAUSES = ("advcl", "relcl", "acl", "conj", "parataxis", "xcomp", "csubj")


def campaign_gathering(
    tokens: Sequence[Token], actors: Sequence[ActorMention], speech_verbs: Collection[str] = ()
) -> bool:
    """ "a Trump rally", "his own rallies", "Sanders was holding his rally": a gathering a
    person holds is a campaign event, not a protest by a group; so is one where a person
    speaks ("Trump said ... at a Florida rally", "Trump told a North Carolina rally")."""
    for token in tokens:
        if token.pos_ != "NOUN" or token.lemma_.lower() not in _GATHERINGS:
            continue
        owners = [c for c in token.children if c.dep_ in ("poss", "compound")]
        if any(_person(o, actors) for o in owners) or _spoken_to(token, actors, speech_verbs):
            return True
    return False


def _spoken_to(token: Token, actors: Sequence[ActorMention], speech_verbs: Collection[str]) -> bool:
    """The gathering is where or whom a person's words are said: the object of a speech
    verb, or of "at" or "during" under one, whose subject is a person; "at" or "during" may
    hang inside the words reported ("Trump said Obama was the founder of ISIS at a Florida
    rally": the parser ties the rally to the founder)."""
    verb = token.head
    if token.dep_ == "pobj" and verb.lower_ in ("at", "during", "to"):
        verb = verb.head if verb.lower_ == "to" else _saying(verb.head, speech_verbs)
    elif token.dep_ not in ("dobj", "dative"):
        return False
    if verb.lemma_.lower() not in speech_verbs:
        return False
    return any(_person(s, actors) for s in verb.children if s.dep_ == "nsubj")


def _saying(word: Token, speech_verbs: Collection[str]) -> Token:
    """The speech verb whose reported clause holds `word`, climbing from `word` to the
    clause's head and over its "ccomp" edge; else `word` itself. A verb keeps its gathering
    ("Firefly said students marched at a rally": the rally is where they marched)."""
    if word.pos_ == "VERB":
        return word
    node = word
    for _ in range(4):
        if node.lemma_.lower() in speech_verbs or node.head.i == node.i:
            break
        if node.dep_ == "ccomp":
            return node.head if node.head.lemma_.lower() in speech_verbs else word
        if node.dep_ in _OWN_CLAUSES:
            break
        node = node.head
    return word if node.lemma_.lower() not in speech_verbs else node


def electoral_contest(head: Token, event_type: str, actors: Sequence[ActorMention]) -> Token | None:
    """ "Clinton would beat Donald Trump", "the Republican who can beat Hillary": a verb of
    force whose object is a candidate (a person's name, or an actor that is a person or a
    party) and whose subject, if it has one, is one too (or a pronoun) tells of an election,
    not of violence; "police beat Rufus Firefly" and "a man beat Senator Firefly" keep it.
    The object, or None."""
    if event_type != "ASSAULT" or head.pos_ != "VERB":
        return None
    if head.lemma_.lower() not in _CONTEST_VERBS:
        return None
    objects = [c for c in head.children if c.dep_ == "dobj"]
    subjects = [c for c in head.children if c.dep_ == "nsubj"]
    if not objects or not all(candidate(o, actors) for o in objects):
        return None
    if any(s.pos_ != "PRON" and not candidate(s, actors) for s in subjects):
        return None
    return objects[0]


def electorate(head: Token, event_type: str, actors: Sequence[ActorMention]) -> Token | None:
    """Votes cast or counted, not an act between political actors: voters, or a share of
    people, backing a candidate ("voters backed Firefly", "52 percent of Republicans support
    Firefly", "most Democrats favor Firefly"), and a candidate of no armed or governing
    sector taking a place or a share of votes ("Firefly carried Sylvania", "Firefly captured
    52 percent of the vote"). "Rebels captured Sylvania City", "Senator Firefly backed the
    Sylvanian plan" and "300 soldiers backed the coup" keep their events. The word that
    tells, or None."""
    if head.pos_ != "VERB":
        return None
    owner = head.head if head.dep_ == "conj" else head  # "carried X and captured Y"
    subjects = [c for c in (*head.children, *owner.children) if c.dep_ == "nsubj"]
    objects = _chosen(head)
    if not subjects or not objects:
        return None
    if event_type == "SUPPORT":
        voters = [s for s in subjects if _voters(s, actors)]
        return voters[0] if voters and all(candidate(o, actors) for o in objects) else None
    if event_type not in ("ASSAULT", "COERCE"):
        return None
    if not all(candidate(s, actors, governing=False) for s in subjects):
        return None
    counted = [o for o in objects if _share(o) or o.ent_type_ in ("GPE", "LOC")]
    return counted[0] if len(counted) == len(objects) else None


def _chosen(head: Token) -> list[Token]:
    """What a verb's subject takes or chooses: its objects, or "for"'s ("vote for")."""
    return [c for c in head.children if c.dep_ == "dobj"] + prep_objects(head, ("for",))


def _voters(token: Token, actors: Sequence[ActorMention]) -> bool:
    """People who vote or answer a poll: "voters", "the electorate", a share of people
    ("52 percent of Republicans", "a majority of voters") or a share of a people or party
    ("most Democrats"); "most soldiers" and "three senators" are no electorate."""
    if token.lemma_.lower() in _ELECTORATE:
        return True
    if _share(token):
        return any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children)
    shared = any(c.dep_ in ("amod", "det", "nummod") and _share(c) for c in token.children)
    return shared and (token.ent_type_ == "NORP" or _party(token, actors))


def _party(token: Token, actors: Sequence[ActorMention]) -> bool:
    found = covering(token, actors)
    return bool(found) and all(a.sector == "party" for a in found)


def _share(token: Token) -> bool:
    """A count or part of votes or people: "52 percent", "most", "a majority of the vote"."""
    return token.lower_ in _SHARES or token.lemma_.lower() in _SHARES


def candidate(token: Token, actors: Sequence[ActorMention], *, governing: bool = True) -> bool:
    """A person's name, or an actor that is a person or a party, with no arms (and, when
    not `governing`, no government: "Putin annexed Crimea" is no vote count)."""
    found = covering(token, actors)
    contest = _CONTEST_SECTORS if governing else _CONTEST_SECTORS - {"government"}
    if token.ent_type_ == "PERSON":
        return governing or all(a.sector in (None, *contest) for a in found)
    sectors = (None, *contest)  # a person of no known sector, or a politician
    return bool(found) and all(
        a.sector in contest or (a.kind == "person" and a.sector in sectors) for a in found
    )


def _person(token: Token, actors: Sequence[ActorMention]) -> bool:
    if token.lower_ in _PERSONAL or token.ent_type_ == "PERSON":
        return True
    return any(a.kind == "person" for a in covering(token, actors))


_TITLES = ("WORK_OF_ART", "ORG", "EVENT", "LAW", "PRODUCT", "FAC")


def in_title(head: Token) -> bool:
    """ "on Meet the Press": a verb inside the name of a show, a law or a group is no
    happening."""
    return head.pos_ in ("VERB", "AUX") and head.ent_type_ in _TITLES


def topic_only(noun: Token) -> bool:
    """ "questions about the nuclear deal", "uncertainty over the negotiations": an event
    noun that is only the topic of a word of thought, talk or attitude, with no party, no
    time and nothing said to have been done to it, names no happening."""
    if noun.pos_ != "NOUN" or noun.dep_ != "pobj":
        return False
    prep = noun.head
    if prep.lower_ not in _TOPIC_PREPOSITIONS or prep.head.lemma_.lower() not in _TOPIC_HEADS:
        return False
    for child in noun.children:
        if child.dep_ in _HAPPENING_DEPS or child.ent_type_:
            return False
        if child.dep_ == "prep" and _names_party(child):
            return False
        if child.dep_ in ("compound", "amod") and child.pos_ == "PROPN":
            return False
    return True


def _names_party(prep: Token) -> bool:
    """ "talks between X and Y", "the deal with Iran", "the threat of Iran" (not "the
    threat of terrorism"): a prepositional phrase naming who takes part."""
    if prep.lower_ in _PARTY_PREPOSITIONS:
        return True
    objects = [c for c in prep.children if c.dep_ == "pobj"]
    return prep.lower_ == "of" and any(o.ent_type_ or o.pos_ in ("PROPN", "PRON") for o in objects)


def refused_words(head: Token) -> Token | None:
    """ "refuses to use the term", "his refusal to call the attack terrorism", "declined to
    comment": a refusal whose infinitive is saying, naming something as something or using
    words turns down no demand, offer or act of another; it is no rejection ("refused to
    call elections" is one). The infinitive, or None."""
    for verb in head.children:
        if verb.dep_ in ("xcomp", "acl") and _infinitive(verb) and _of_words(verb):
            return verb
    return None


def _of_words(verb: Token) -> bool:
    lemma = verb.lemma_.lower()
    if lemma in _WORD_VERBS:
        return True
    if lemma in _NAMING_VERBS and any(
        c.dep_ in _NAMED_AS or (c.dep_ == "prep" and c.lower_ == "as") for c in verb.children
    ):
        return True
    return any(o.dep_ == "dobj" and o.lemma_.lower() in _WORD_NOUNS for o in verb.children)


def _infinitive(verb: Token) -> bool:
    return verb.pos_ == "VERB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def permitted_act(head: Token, event_type: str) -> Token | None:
    """ "would allow the Syrians to receive the cargo", "Assad is allowed to remain in power",
    "allowed terrorism to flourish": a concession verb whose complement is an infinitive
    clause of another's act (its own subject, or the passive subject of the trigger) tells
    what the other may do, not an easing by the one who allows; what matters is that act, an
    event of its own if it is one. Access, aid or inspectors allowed are kept by the
    codebook's own words. The infinitive, or None."""
    if event_type != "CONCEDE" or head.pos_ != "VERB":
        return None
    passive = any(c.dep_ == "nsubjpass" for c in head.children)
    for verb in head.children:
        if verb.dep_ not in ("ccomp", "xcomp") or not _infinitive(verb):
            continue
        if passive or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
            return verb
    return None


def slogan(head: Token) -> Token | None:
    """ "Demanding equality.", "Protecting our borders!": a sentence with no finite verb whose
    root is the trigger as a bare gerund (no subject, no auxiliary) is a slogan, a caption or
    a sign's words, naming an activity rather than telling of anyone doing it. The gerund, or
    None."""
    if head.dep_ != "ROOT" or head.tag_ != "VBG":
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "expl") for c in head.children):
        return None
    finite = any(t.tag_ in _FINITE for t in head.sent)
    return None if finite else head


def shared_opinion(
    head: Token, event_type: str, actors: Sequence[ActorMention], trigger_heads: Collection[int]
) -> Token | None:
    """ "did not agree with their leaders' choice", "agrees with the assessment": an
    agreement whose only partner is a thing, with nothing agreed to or on, or whose content
    is a view (`_view`), is a shared opinion, not a deal; "agreed with Sylvania", "agreed
    with the rebels on a truce" and "agreed with the deal" (an event) stay. Whose the thing
    is does not make it a party."""
    if event_type != "AGREE" or head.pos_ != "VERB":
        return None
    view = _view(head, trigger_heads)
    if view is not None:
        return view
    if any(c.dep_ in ("dobj", "xcomp", "ccomp") for c in head.children):
        return None
    preps = [c for c in head.children if c.dep_ == "prep"]
    if any(c.lower_ != "with" for c in preps):
        return None  # "agreed with Sylvania on a truce", "agreed to the terms"
    partners = [g for c in preps for g in c.children if g.dep_ == "pobj"]
    if not partners or any(
        g.i in trigger_heads or g.pos_ != "NOUN" or g.ent_type_ for g in partners
    ):
        return None
    return None if any(covering(g, actors) for g in partners) else partners[0]


def _view(head: Token, trigger_heads: Collection[int]) -> Token | None:
    """ "agreed with Firefly that the statute still applies", "agreed: 'the currency is weak'":
    what is agreed is a clause that states how things are (no modal, no event of its own),
    a view shared, not a deal; "agreed that the ceasefire would start on Monday" and
    "promised that Freedonia will withdraw" stay. The clause's verb, or None."""
    for clause in (c for c in head.children if c.dep_ == "ccomp"):
        if clause.i in trigger_heads or clause.tag_ in ("VB", "TO"):
            continue
        if any(c.dep_ == "aux" and c.tag_ in ("MD", "TO") for c in clause.children):
            continue
        return clause
    return None


def adjective_word(head: Token, tokens: Collection[int]) -> Token | None:
    """A word of the trigger before the noun it modifies, read as an adjective or as a verb
    in its base form: an adjective spelt like the verb ("open borders", "a free press"),
    which names a state, not an act; participles ("the threatened strike", "a growing
    protest") are not read here."""
    for token in (head, *(head.doc[i] for i in tokens)):
        noun = token.head
        adjective = token.pos_ == "ADJ" or (token.pos_ == "VERB" and token.tag_ == "VB")
        if not adjective or token.dep_ not in ("amod", "compound"):
            continue
        if noun.pos_ in ("NOUN", "PROPN") and token.i < noun.i:
            return token
    return None
