"""Reported speech found through the parse: "said that ...", "according to ...", "claimed ...".

Each finder returns `Found` candidates; direct quotes live in `direct`, chains in `chains`.
Clauses never cross a paragraph: a small model often joins a headline line to the next one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dyad.deadline import check
from dyad.doctext import Paragraphs, doc_text, token_span
from dyad.extract.attribution.lexicon import Lexicon
from dyad.extract.attribution.syntax import (
    Found,
    cited_sources,
    cue_span,
    is_speech_verb,
    make_span,
    phrase,
    run_around,
    speaker_phrase,
    speaker_token,
    tokens_span,
    too_long,
)
from dyad.model import Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

ANAPHORS = frozenset({"this", "it", "that", "so"})


def find_reported(doc: Doc, lex: Lexicon, paragraphs: Paragraphs) -> list[Found]:
    """Every indirect quote, claim, relay and "according to" in `doc`."""
    found: list[Found] = []
    for token in doc:
        if token.i % 256 == 0:
            check("attribution")
        bounds = paragraphs.around(token.idx)
        if is_speech_verb(token, lex) and not is_publisher_signature(token, lex):
            item = _from_verb(doc, token, lex, bounds)
            if item is None and token.lemma_.lower() in lex.request_verbs:
                item = _request(doc, token, lex, bounds)
        elif token.pos_ == "VERB" and token.lemma_.lower() in lex.request_verbs:
            item = _request(doc, token, lex, bounds)
        elif token.lower_ == "according":
            item = _according(doc, token, lex, bounds)
        elif token.pos_ == "NOUN" and token.lemma_.lower() in lex.claim_nouns:
            item = _claim_noun(doc, token, bounds)
        else:
            item = None
        if item is not None:
            found.append(item)
    return found


def is_publisher_signature(verb: Token, lex: Lexicon) -> bool:
    """ "..., writes UNN": a publisher verb whose outlet subject follows it."""
    if verb.lemma_.lower() not in lex.publisher_verbs:
        return False
    subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.i > verb.i]
    return any(_names_outlet(s, lex) for s in subjects)


def _names_outlet(token: Token, lex: Lexicon) -> bool:
    text = " ".join(t.text for t in token.subtree)
    return lex.is_outlet(text) or token.ent_type_ == "ORG" or token.text.isupper()


def _from_verb(doc: Doc, verb: Token, lex: Lexicon, bounds: tuple[int, int]) -> Found | None:
    head = speaker_token(verb)
    speaker = speaker_phrase(doc, head, verb, bounds) if head is not None else None
    content = _content(doc, verb, lex, bounds, head)
    parts = _around(doc, verb, content, bounds) if content is not None else ()
    if parts:
        content = make_span(doc_text(doc), parts[0].start, parts[-1].end)
    relay = False
    if content is None:
        content, relay = _relay_content(doc, verb, bounds), True
    if content is None or (head is None and relay):
        return None
    kind = "claim" if verb.lemma_.lower() in lex.claim_verbs else "indirect"
    return Found(
        content=content,
        kind=kind,
        cue=cue_span(doc, verb, lex),
        speaker=speaker,
        speaker_head=head.i if head is not None else None,
        cited=cited_sources(doc, verb, bounds),
        parts=parts,
        relay=relay and _anaphoric(verb),
    )


def _around(doc: Doc, verb: Token, content: Span, bounds: tuple[int, int]) -> tuple[Span, ...]:
    """A clause interrupted by its cue ("Bringing it back, he said, feels right"): both sides."""
    if verb.dep_ != "parataxis" or not content.start > verb.idx or too_long(verb.head):
        return ()
    head = speaker_token(verb)
    own = {verb.i} | ({t.i for t in head.subtree} if head is not None else set())
    left = [t.i for t in verb.head.subtree if t.i < min(own) and not doc[t.i].is_space]
    while left and doc[left[-1]].is_punct:
        left.pop()
    if not left:
        return ()
    first = tokens_span(doc, left[0], left[-1], bounds=bounds)
    return (first, content) if first is not None else ()


def _content(
    doc: Doc, verb: Token, lex: Lexicon, bounds: tuple[int, int], head: Token | None
) -> Span | None:
    """The clause a speech verb governs, or its object for verbs like "announce"."""
    inside = [c for c in verb.children if bounds[0] <= c.idx < bounds[1]]
    clauses = [c for c in inside if c.dep_ == "ccomp"]
    if not clauses and verb.dep_ == "parataxis" and bounds[0] <= verb.head.idx < bounds[1]:
        clauses = [verb.head]
    if not clauses:
        clauses = _stranded_clause(verb, bounds)
    if not clauses and verb.lemma_.lower() in lex.object_speech_verbs:
        clauses = [c for c in inside if c.dep_ == "dobj" and _statement_object(c)]
    if not clauses:
        return None
    # `phrase` reads only the clause's subtree, so of the verb's words only those inside it
    # (the speaker's, when the parser hung them there, and the verb) need leaving out.
    exclude = [t.i for t in head.subtree] if head is not None and not too_long(head) else []
    return phrase(doc, clauses[0], [*exclude, verb.i], bounds)


def _request(doc: Doc, verb: Token, lex: Lexicon, bounds: tuple[int, int]) -> Found | None:
    """ "called on both sides to meet", "urged Norland to withdraw": who asked for what."""
    head = speaker_token(verb)
    if head is None or head.lower_ in ANAPHORS:
        return None
    after = [c for c in verb.children if c.i > verb.i and c.dep_ != "punct"]
    preps = [c for c in after if c.dep_ == "prep" and c.lower_ in ("for", "on", "to")]
    objects = [c for c in after if c.dep_ in ("dobj", "ccomp")]
    if preps and preps[0].i == verb.i + 1:
        start, cue_end = preps[0].i + 1, preps[0]
    elif objects and (verb.lemma_.lower() != "call" or any(c.dep_ == "xcomp" for c in after)):
        start, cue_end = objects[0].i, verb
    else:
        return None
    skip = {t.i for t in head.subtree}
    skip |= {t.i for c in verb.children if c.dep_ in ("conj", "cc") for t in c.subtree}
    indices = [t.i for t in verb.subtree if t.i >= start and t.i not in skip and not t.is_space]
    run = run_around(indices, start)
    content = tokens_span(doc, run[0], run[1], bounds=bounds) if run else None
    if content is None:
        return None
    cue = cue_span(doc, verb, lex)
    end = max(cue.end, cue_end.idx + len(cue_end.text))
    cue = Span(cue.start, end, doc_text(doc)[cue.start : end])
    speaker = speaker_phrase(doc, head, verb, bounds)
    return Found(content, "indirect", cue, speaker, head.i)


def _statement_object(token: Token) -> bool:
    """An object that can be what was said: not "this", not a date ("promised Sunday")."""
    return token.lower_ not in ANAPHORS and token.ent_type_ not in ("DATE", "TIME")


def _stranded_clause(verb: Token, bounds: tuple[int, int]) -> list[Token]:
    """A "that" clause the parser hung on a modifier: "said before the talks that ..."."""
    for prep in (c for c in verb.children if c.dep_ in ("prep", "npadvmod") and c.i > verb.i):
        for token in prep.subtree:
            attached = token.dep_ in ("acl", "ccomp", "relcl") and token.head.dep_ == "pobj"
            if attached and _has_that(token) and bounds[0] <= token.idx < bounds[1]:
                return [token]
    return []


def _relay_content(doc: Doc, verb: Token, bounds: tuple[int, int]) -> Span | None:
    """What a relay covers: "This was reported by X" points back; "as X reported" to its clause."""
    if _anaphoric(verb):
        sentence = verb.sent
        previous = doc[sentence.start - 1].sent if sentence.start > 0 else None
        if previous is None:
            return None
        return make_span(doc_text(doc), previous.start_char, previous.end_char)
    marks = {c.lower_ for c in verb.children if c.dep_ == "mark"}
    if "as" in marks and verb.dep_ == "advcl":
        # "During talks ..., as previously reported by X, the side gave no answer": the parser
        # may hang the as-clause on a noun; what it vouches for is then the main clause.
        clause = verb.head if verb.head.pos_ in ("VERB", "AUX") else verb.sent.root
        return phrase(doc, clause, [t.i for t in verb.subtree], bounds)
    return None


def _anaphoric(verb: Token) -> bool:
    """A passive report whose subject points back: "This was reported by Bloomberg"."""
    subjects = [c for c in verb.children if c.dep_ == "nsubjpass"]
    has_agent = any(c.dep_ == "agent" for c in verb.children)
    return has_agent and bool(subjects) and subjects[0].lower_ in ANAPHORS


def _according(doc: Doc, token: Token, lex: Lexicon, bounds: tuple[int, int]) -> Found | None:
    """ "according to X": X is the source; the clause it modifies is the content."""
    to = next((c for c in token.children if c.lower_ == "to"), None)
    if to is None and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
        to = doc[token.i + 1]
    objects = [c for c in to.children if c.dep_ == "pobj"] if to is not None else []
    if to is None or not objects:
        return None
    own = {t.i for t in token.subtree} | {t.i for t in to.subtree} | {token.i, to.i}
    sentence = token.sent
    rest = [t.i for t in sentence if t.i not in own and not t.is_punct and not t.is_space]
    anchor = token.head if token.head.i not in own else None
    if anchor is None or anchor.i not in rest:
        anchor = doc[rest[0]] if rest else None
    run = run_around(rest, anchor.i) if anchor is not None else None
    content = tokens_span(doc, run[0], run[1], bounds=bounds) if run else None
    source = phrase(doc, objects[0], [], bounds)
    if content is None or source is None:
        return None
    end = to.idx + len(to.text)
    cue = Span(token.idx, end, doc_text(doc)[token.idx : end])
    outlet = lex.is_outlet(source.text)
    return Found(content, "indirect", cue, source, objects[0].i, outlet=outlet)


def _claim_noun(doc: Doc, noun: Token, bounds: tuple[int, int]) -> Found | None:
    """ "Putin's claim that ...": the possessor claims the clause."""
    clauses = [c for c in noun.children if c.dep_ in ("acl", "ccomp") and _has_that(c)]
    owners = [c for c in noun.children if c.dep_ == "poss"]
    if not clauses:
        return None
    content = phrase(doc, clauses[0], [], bounds)
    speaker = phrase(doc, owners[0], [], bounds) if owners else None
    if content is None:
        return None
    cue = token_span(noun)
    head = owners[0].i if owners else None
    return Found(content, "claim", cue, speaker, head)


def _has_that(clause: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)
