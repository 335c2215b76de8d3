"""Stories in the store: updated from each batch's articles; read by id or all."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

from dyad.cluster import EventGroup, Story
from dyad.cluster.stories import ArticleProfile, build_story, similar, story_keys
from dyad.model import from_dict, to_dict
from dyad.store import Store


def update_stories(store: Store, article_ids: Sequence[str]) -> int:
    """Put the articles `article_ids` into stories (joining or merging existing ones).

    Runs inside the caller's transaction. Returns how many stories were written.
    """
    known = store.story_articles(article_ids)
    fresh = [a for a in _profiles(store, article_ids) if a.id not in known]
    if not fresh:
        return 0
    near_ids = store.articles_under(k for a in fresh for k in story_keys(a))
    near_ids |= store.articles_sharing_groups([a.id for a in fresh])
    stored = store.story_articles(near_ids)
    near = {a.id: a for a in _profiles(store, [i for i in near_ids if i in stored])}
    near.update((a.id, a) for a in fresh)
    sharing = store.articles_sharing_groups  # articles reporting one happening are one story
    parent = {a: a for a in near}
    for aid, (story_id, _, _) in stored.items():
        if aid in near:
            _union(parent, aid, "story:" + story_id)
    for a in fresh:
        same = sharing([a.id])
        for other in near.values():
            if other.id != a.id and (other.id in same or similar(a, other)):
                _union(parent, a.id, other.id)
    written = 0
    for ids in _components(parent, {a.id for a in fresh}):
        old = {stored[i][0] for i in ids if i in stored}
        members = store.articles_of_stories(old) | ids
        profiles = [near[i] for i in ids] + _profiles(store, sorted(members - ids))
        groups = [from_dict(EventGroup, r) for r in store.group_records_by_id(
            store.groups_in_articles(members))]  # fmt: skip
        story = build_story(profiles, groups)
        store.save_story(
            to_dict(story), replaces=old,
            articles=[(a.id, _iso(a), json.dumps(a.countries)) for a in profiles],
            keys=[(k, b, a.id) for a in fresh for k, b in story_keys(a)],
        )  # fmt: skip
        written += 1
    return written


def stories(store: Store, *, limit: int = 100, offset: int = 0) -> list[Story]:
    """Stories, most recently active first."""
    return [from_dict(Story, r) for r in store.story_records(limit=limit, offset=offset)]


def story(store: Store, story_id: str) -> Story | None:
    """One story by id (a unique prefix is enough), or None."""
    record = store.story_record(story_id)
    return from_dict(Story, record) if record else None


def _profiles(store: Store, article_ids: Iterable[str]) -> list[ArticleProfile]:
    return [
        ArticleProfile(aid, date, countries)
        for aid, (date, countries) in sorted(store.article_countries(article_ids).items())
    ]


def _iso(article: ArticleProfile) -> str | None:
    return article.date.isoformat() if article.date else None


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


def _components(parent: dict[str, str], fresh: set[str]) -> list[set[str]]:
    groups: dict[str, set[str]] = {}
    for x in list(parent):
        if not x.startswith("story:"):
            groups.setdefault(_root(parent, x), set()).add(x)
    return [ids for _, ids in sorted(groups.items()) if ids & fresh]
