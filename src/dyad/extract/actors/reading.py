"""The state of reading one article: what was found so far, for repeats and pronouns."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dyad.doctext import Paragraphs, doc_text, span_root
from dyad.extract.actors.dictionary import ActorDictionary, Entry
from dyad.extract.actors.scan import Hit, hit_index
from dyad.model import ActorMention, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from dyad.extract.actors.memory import ActorMemory

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
OBJECT_DEPS = frozenset({"dobj", "pobj", "dative", "iobj", "attr", "oprd"})
_TARGET_PREPS = frozenset({"on", "upon", "against", "to", "toward", "towards", "with", "at"})


@dataclass(frozen=True, slots=True)
class Person:
    """A person as resolved in this article: what a later "Rubio" or "he" refers to."""

    actor_id: str | None
    name: str
    country: str | None
    sector: str | None
    title: str | None
    role: str | None  # title role group: head_of_state, aide, ...
    gender: str | None


def slug(text: str) -> str:
    """An id-safe form of a name: "Marco Rubio" -> "marco_rubio", "Hernán Vilca" ->
    "hernan_vilca" (accents folded); letters of other scripts are kept as they are."""
    folded = unicodedata.normalize("NFKD", text.lower())
    bare = "".join(c for c in folded if not unicodedata.combining(c))
    return re.sub(r"[\W_]+", "_", bare).strip("_")


_PHRASE_DEPS = frozenset({"compound", "amod", "poss", "appos", "conj", "nmod", "case"})


class Reading:
    """What is known while reading one article. Lives for one `find_actors` call."""

    def __init__(
        self,
        doc: Doc,
        dictionary: ActorDictionary,
        date: dt.date | None,
        memory: ActorMemory | None,
        hits: list[Hit],
    ) -> None:
        self.doc = doc
        self.text = doc_text(doc)  # built from the tokens on each access: read it once
        self.dictionary = dictionary
        self.date = date
        self.memory = memory
        self.hits = hits
        self.index = hit_index(hits)
        self.codes = self._codes(hits)
        self.parsed = doc.has_annotation("DEP")
        self.taken: set[int] = set()
        self.mentions: list[ActorMention] = []
        self.people: dict[str, Person] = {}  # full name and surname -> person
        self.ambiguous: set[str] = set()  # surnames shared by two people of this article
        self.person_at: dict[int, Person] = {}  # last token of a person mention -> person
        self.subjects: list[tuple[int, Person]] = []  # (token, person) of subject mentions
        self.titled_at: dict[int, Person] = {}  # last token of a titled person mention -> person
        self._heads: dict[int, int] = {}  # token -> the head of its phrase, see `phrase_head`
        self._pair_marks: list[int] | None = None  # see `pair_marks`

        self._paragraphs: Paragraphs | None = None  # read on first use, see `context_country`
        self._article: Counter[str] = Counter()
        self._by_paragraph: dict[tuple[int, int], Counter[str]] = {}  # counted once each
        self._named: list[tuple[int, str]] | None = None  # see `_counted`

    def _codes(self, hits: list[Hit]) -> dict[int, str]:
        """Token -> country code, for tokens naming a country, capital, seat, IGO or demonym."""
        codes = {}
        for hit in hits:
            code = hit.code() or self._entry_code(hit)
            if code:
                codes.update(dict.fromkeys(range(hit.start, hit.end), code))
        return codes

    def _entry_code(self, hit: Hit) -> str | None:
        for actor_id in hit.entry_ids():
            entry = self.dictionary.entries[actor_id]
            if entry.place or (entry.kind == "organisation" and entry.country == "IGO"):
                return entry.country
        return None

    def igo_named(self, start: int, end: int) -> Entry | None:
        """The international organisation named among tokens [start, end): "NATO" in "NATO
        foreign ministers", "EU" in "an EU official"."""
        for i in range(start, end):
            hit = self.index.get(i)
            for actor_id in hit.entry_ids() if hit else ():
                entry = self.dictionary.entries[actor_id]
                if entry.country == "IGO" and entry.kind == "organisation":
                    return entry
        return None

    def pair_marks(self) -> list[int]:
        """The tokens that may join two parties: "between" ("between X and Y") and dashes
        ("X-Y"), found once rather than by a walk over the article per question."""
        if self._pair_marks is None:
            self._pair_marks = [
                t.i for t in self.doc if t.lower_ == "between" or t.text in ("-", "–")
            ]
        return self._pair_marks

    def span(self, start: int, end: int) -> Span:
        """The character span of tokens [start, end)."""
        first, last = self.doc[start], self.doc[end - 1]
        char_end = last.idx + len(last)
        return Span(first.idx, char_end, self.text[first.idx : char_end])

    def side(self, start: int, end: int) -> str | None:
        """ "subject" or "object": which side of its clause the phrase [start, end) is on."""
        if not self.parsed:
            return None
        token = self.phrase_head(span_root(self.doc[start:end]))
        if token.dep_ in SUBJECT_DEPS or (token.dep_ == "pobj" and token.head.dep_ == "agent"):
            return "subject"
        return "object" if token.dep_ in OBJECT_DEPS else None

    def phrase_head(self, token: Token) -> Token:
        """The word a name's phrase hangs on, up through compounds, appositions and lists.

        Remembered per token, so that each of a thousand names in one list climbs it once.
        """
        path: list[int] = []
        while token.dep_ in _PHRASE_DEPS and token.head.i != token.i:
            if token.i in self._heads:
                token = self.doc[self._heads[token.i]]
                break
            path.append(token.i)
            token = token.head
        for i in path:
            self._heads[i] = token.i
        return token

    def sentence_country(self, token: int) -> list[str]:
        """The one country the sentence of `token` names (by name, capital, adjective or a
        person of that country), if it names exactly one."""
        if not self.doc.has_annotation("SENT_START"):
            return []
        sent = self.doc[token].sent
        codes = {self.codes[i] for i in range(sent.start, sent.end) if i in self.codes}
        people = (self.person_at.get(i) for i in range(sent.start, sent.end))
        codes |= {p.country for p in people if p is not None and p.country}
        codes.discard("IGO")
        return list(codes) if len(codes) == 1 else []

    def context_country(self, token: int) -> tuple[list[str], float]:
        """The country of a group noun whose sentence names none or several, and how sure:
        the one its paragraph names, else the one the article names most (twice as often as
        any other); regions and IGOs are no state's country. Never a default: none if the
        text does not decide."""
        if self._paragraphs is None:
            self._paragraphs = Paragraphs(self.text)
            self._article = self._counted(0, len(self.text))
        around = self._paragraphs.around(self.doc[token].idx)
        paragraph = self._by_paragraph.get(around)
        if paragraph is None:
            paragraph = self._by_paragraph[around] = self._counted(*around)
        if len(paragraph) == 1:
            return list(paragraph), 0.35
        ranked = self._article.most_common(2)
        if ranked and (len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]):
            return [ranked[0][0]], 0.3
        return [], 0.0

    def _target(self, hit: Hit) -> bool:
        """The name is what someone acts on ("retaliation on Russia", "condemned North
        Korea's claim"), which says nothing of whose groups the text speaks of."""
        if not self.parsed:
            return False
        head = self.phrase_head(span_root(self.doc[hit.start : hit.end]))
        if head.dep_ in ("dobj", "dative", "iobj"):
            return True
        return head.dep_ == "pobj" and head.head.lower_ in _TARGET_PREPS

    def _counted(self, start: int, end: int) -> Counter[str]:
        """How many names, capitals and adjectives of each state the text [start, end) holds."""
        if self._named is None:  # (offset, code) of each naming not acted on, by offset
            self._named = sorted(
                (self.doc[hit.start].idx, code)
                for hit in self.hits
                if (code := self.codes.get(hit.start)) and not self._target(hit)
            )
        low = bisect_left(self._named, (start, ""))
        high = bisect_left(self._named, (end, ""))
        found = Counter(code for _, code in self._named[low:high])
        for code in ("IGO", *self.dictionary.regions):
            found.pop(code, None)
        return found

    def add(self, mention: ActorMention, start: int, end: int, *, take: bool = True) -> None:
        """Record a mention of tokens [start, end)."""
        self.mentions.append(mention)
        if take:
            self.taken.update(range(start, end))

    def remember(self, person: Person, name: str, last_token: int, subject: bool) -> None:
        """Make `person` findable by full name and surname for the rest of the article."""
        self.person_at[last_token] = person
        if subject:
            self.subjects.append((last_token, person))
        keys = {name}
        parts = name.split()
        if len(parts) > 1:
            keys.add(parts[-1])
        for key in keys:
            known = self.people.get(key)
            if known is not None and known.actor_id is None:
                self.people.pop(key)  # a lone surname seen first: the full name explains it
                known = None
            if known is not None and known.actor_id != person.actor_id and key != name:
                self.ambiguous.add(key)
            self.people.setdefault(key, person)
        self.people[name] = person

    def known_person(self, text: str) -> Person | None:
        """The person of this article named `text` ("Rubio" after "Marco Rubio")."""
        return None if text in self.ambiguous else self.people.get(text)

    def antecedent(self, before: int, gender: str | None, *, near: bool = False) -> Person | None:
        """The person a "he"/"she"/"his" at token `before` most likely refers to; `near`:
        only a person of the same or the previous sentence."""
        token = self.doc[before]
        governing = self._governing_subject(token) if self.parsed else None
        if governing is not None and _fits(governing, gender):
            return governing
        sent_start = token.sent.start if self.doc.has_annotation("SENT_START") else 0
        floor = self._previous_sentence(sent_start) if near else 0
        # The last fitting subject before the pronoun, if it is also a subject near it (read
        # from the end: the subjects so far lie mostly before the pronoun being read).
        subjects = self.subjects[::-1]
        last = next((p for i, p in subjects if i < before and _fits(p, gender)), None)
        reach = floor if near else sent_start - 60
        if last is not None and any(p == last for i, p in subjects if reach <= i < before):
            return last
        nearest = max(
            (i for i, p in self.person_at.items() if floor <= i < before and _fits(p, gender)),
            default=None,
        )
        return None if nearest is None else self.person_at[nearest]

    def _previous_sentence(self, start: int) -> int:
        """The first token of the sentence before the one starting at token `start`."""
        return self.doc[start - 1].sent.start if start > 0 else 0

    def _governing_subject(self, token: object) -> Person | None:
        """For "Zelenskyy said that he would decide": the subject of the verb governing `he`."""
        head = token.head  # type: ignore[attr-defined]  # a spaCy Token
        while head.dep_ not in ("ccomp", "xcomp", "advcl", "ROOT") and head.head.i != head.i:
            head = head.head
        if head.dep_ not in ("ccomp", "xcomp", "advcl"):
            return None
        verb = head.head
        for child in verb.children:
            if child.dep_ in SUBJECT_DEPS:
                inside = [t.i for t in child.subtree if t.i in self.person_at]
                return self.person_at[inside[-1]] if inside else None
        return None


def _fits(person: Person, gender: str | None) -> bool:
    return gender is None or person.gender in (None, gender)
