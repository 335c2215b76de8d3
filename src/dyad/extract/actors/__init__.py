"""The actor stage: find, resolve, code and remember the actors of an article.

load_actor_dictionary(extra_files) -> ActorDictionary     (data files, validated, cached)
ActorDictionary.entity_patterns() -> spaCy EntityRuler patterns
find_actors(doc, article, dictionary, *, memory=None) -> tuple[ActorMention, ...]
ActorMemory.from_actors(actors); canonical_actors(mentions) -> tuple[Actor, ...]
"""

from __future__ import annotations

from dyad.extract.actors.dictionary import ActorDictionary, Entry, Role, Standing
from dyad.extract.actors.find import find_actors
from dyad.extract.actors.loading import load_actor_dictionary
from dyad.extract.actors.memory import ActorMemory, canonical_actors
from dyad.extract.actors.placed import drop_misread_countries

__all__ = [
    "ActorDictionary",
    "ActorMemory",
    "Entry",
    "Role",
    "Standing",
    "canonical_actors",
    "drop_misread_countries",
    "find_actors",
    "load_actor_dictionary",
]
