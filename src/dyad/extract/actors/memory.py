"""Memory across articles: canonical actors with their aliases, as the store keeps them.

An article that introduces "US envoy Dara Quillon" makes a canonical actor with aliases
"Dara Quillon" and "Quillon"; a later article that only says "Quillon" resolves to it.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from dyad.model import Actor, ActorMention

PRONOUNS = frozenset({"he", "she", "him", "her", "they", "it"})


@dataclass(frozen=True, slots=True)
class ActorMemory:
    """What is known of actors from earlier articles, indexed by alias and surname."""

    actors: Mapping[str, Actor]
    by_alias: Mapping[str, tuple[str, ...]]
    by_surname: Mapping[str, tuple[str, ...]]

    @classmethod
    def from_actors(cls, actors: Iterable[Actor]) -> ActorMemory:
        """Memory built from stored canonical actors (`Store` rows or `canonical_actors`)."""
        table = {actor.id: actor for actor in actors}
        by_alias: dict[str, list[str]] = {}
        by_surname: dict[str, list[str]] = {}
        for actor in table.values():
            for alias in dict.fromkeys((actor.name, *actor.aliases)):
                by_alias.setdefault(alias, []).append(actor.id)
                if actor.kind == "person" and len(alias.split()) > 1:
                    by_surname.setdefault(alias.split()[-1], []).append(actor.id)
        return cls(
            actors=table,
            by_alias={k: tuple(dict.fromkeys(v)) for k, v in by_alias.items()},
            by_surname={k: tuple(dict.fromkeys(v)) for k, v in by_surname.items()},
        )

    def find(self, text: str, *, kind: str | None) -> Actor | None:
        """The one remembered actor named `text` (of `kind`, if given), or None if unsure."""
        ids = [i for i in self.by_alias.get(text, ()) if _kind_fits(self.actors[i], kind)]
        if not ids and kind == "person" and len(text.split()) == 1:
            ids = list(self.by_surname.get(text, ()))
        return self.actors[ids[0]] if len(ids) == 1 else None

    def with_actors(self, actors: Iterable[Actor]) -> ActorMemory:
        """This memory after an article: new actors added, known ones merged."""
        merged = dict(self.actors)
        for actor in actors:
            merged[actor.id] = _merge(merged[actor.id], actor) if actor.id in merged else actor
        return ActorMemory.from_actors(merged.values())

    def canonical_actors(
        self, mentions: Iterable[ActorMention], *, date: dt.date | None = None
    ) -> tuple[Actor, ...]:
        """The actors of `mentions`, merged with what memory knows: rows for the store."""
        found = canonical_actors(mentions, date=date)
        return tuple(_merge(self.actors[a.id], a) if a.id in self.actors else a for a in found)


def _kind_fits(actor: Actor, kind: str | None) -> bool:
    return kind is None or actor.kind == kind


def _merge(old: Actor, new: Actor) -> Actor:
    seen = [d for d in (old.first_seen, new.first_seen) if d]
    last = [d for d in (old.last_seen, new.last_seen) if d]
    return replace(
        old,
        country=old.country or new.country,
        sector=old.sector or new.sector,
        aliases=tuple(dict.fromkeys((*old.aliases, *new.aliases))),
        first_seen=min(seen) if seen else None,
        last_seen=max(last) if last else None,
    )


def canonical_actors(
    mentions: Iterable[ActorMention], *, date: dt.date | None = None
) -> tuple[Actor, ...]:
    """One `Actor` per canonical id among `mentions`, with the names it was written as."""
    groups: dict[str, list[ActorMention]] = {}
    for mention in mentions:
        if mention.actor_id:
            groups.setdefault(mention.actor_id, []).append(mention)
    return tuple(_actor(actor_id, group, date) for actor_id, group in groups.items())


def _actor(actor_id: str, mentions: list[ActorMention], date: dt.date | None) -> Actor:
    best = max(mentions, key=lambda m: (m.method != "coreference", m.confidence))
    aliases = []
    for mention in mentions:
        written = mention.name_span.text if mention.name_span else None
        if written and written.lower() not in PRONOUNS:
            aliases.append(written)
            if mention.kind == "person" and len(written.split()) > 1:
                aliases.append(written.split()[-1])
    countries = Counter(m.country for m in mentions if m.country)
    return Actor(
        id=actor_id,
        name=best.name,
        kind=best.kind,
        country=countries.most_common(1)[0][0] if countries else None,
        sector=best.sector,
        aliases=tuple(a for a in dict.fromkeys(aliases) if a != best.name),
        first_seen=date,
        last_seen=date,
    )
