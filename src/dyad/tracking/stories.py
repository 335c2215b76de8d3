"""Stories in the store: updated from the groups a batch touched; read by id or all."""

from __future__ import annotations

from collections.abc import Iterable

from dyad.cluster import EventGroup, Story
from dyad.cluster.stories import build_story, linked, story_keys
from dyad.model import from_dict, to_dict
from dyad.store import Store


def update_stories(store: Store, group_ids: Iterable[str]) -> int:
    """Link the groups `group_ids` into stories (joining or merging existing ones).

    Stories only grow: groups never leave a story. Runs inside the caller's transaction.
    Returns how many stories were written.
    """
    touched = _groups(store, group_ids)
    if not touched:
        return 0
    for group in touched:
        store.add_group_keys(group.id, story_keys(group))
    near_ids = store.groups_in_articles(g.id for g in touched)
    near_ids |= store.groups_under(k for g in touched for k in story_keys(g))
    near = {g.id: g for g in _groups(store, near_ids)} | {g.id: g for g in touched}
    parent = {gid: gid for gid in near}
    for group in near.values():  # groups already in one story stay together
        if group.story_id:
            _union(parent, group.id, "story:" + group.story_id)
    for group in touched:
        for other in near.values():
            if other.id != group.id and linked(group, other):
                _union(parent, group.id, other.id)
    written = 0
    for ids in _components(parent, {g.id for g in touched}):
        old = {near[i].story_id for i in ids if near[i].story_id}
        members = _groups(store, store.groups_of_stories(old) | ids)
        story = build_story(members)
        store.save_story(to_dict(story), replaces=old)
        written += 1
    return written


def stories(store: Store, *, limit: int = 100, offset: int = 0) -> list[Story]:
    """Stories, most recently active first."""
    return [from_dict(Story, r) for r in store.story_records(limit=limit, offset=offset)]


def story(store: Store, story_id: str) -> Story | None:
    """One story by id (a unique prefix is enough), or None."""
    record = store.story_record(story_id)
    return from_dict(Story, record) if record else None


def _groups(store: Store, ids: Iterable[str]) -> list[EventGroup]:
    return [from_dict(EventGroup, r) for r in store.group_records_by_id(ids)]


def _root(parent: dict[str, str], x: str) -> str:
    parent.setdefault(x, x)
    while parent[x] != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x


def _union(parent: dict[str, str], a: str, b: str) -> None:
    ra, rb = _root(parent, a), _root(parent, b)
    if ra != rb:
        parent[max(ra, rb)] = min(ra, rb)


def _components(parent: dict[str, str], touched: set[str]) -> list[set[str]]:
    groups: dict[str, set[str]] = {}
    for x in list(parent):
        if not x.startswith("story:"):
            groups.setdefault(_root(parent, x), set()).add(x)
    return [ids for _, ids in sorted(groups.items()) if ids & touched]
