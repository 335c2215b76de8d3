"""Stories in the store: membership updated from each batch's articles (cheap: countries,
dates and shared happenings); the timeline built when a story is read, from a page of its
newest groups (a story of copies can hold tens of thousands: reading them all took seconds)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from typing import Any

from dyad.grouping.logic import EventGroup, Story
from dyad.grouping.logic.stories import (
    ArticleProfile,
    build_story,
    similar,
    story_keys,
    story_title,
    timeline,
)
from dyad.grouping.stored.whole import whole_groups
from dyad.store import Store

STORY_GROUPS = 100  # groups and articles a story is read with by default: its newest
LISTED = 20  # groups and articles of each story in a list, its newest; its title's groups


def update_stories(store: Store, article_ids: Sequence[str]) -> int:
    """Put the articles `article_ids` into stories (joining or merging existing ones).

    Runs inside the caller's transaction. Returns how many stories were written.
    """
    known = store.story_articles(article_ids)
    fresh = [a for a in _profiles(store, article_ids) if a.id not in known]
    if not fresh:
        return 0
    near, stored, parent = _link(store, fresh)
    components = _components(parent, {a.id for a in fresh})
    for ids in components:
        _write(store, ids, near, stored)
    return len(components)


Stored = dict[str, tuple[str, str | None, str]]  # article id -> story id, date, countries


def _link(
    store: Store, fresh: Sequence[ArticleProfile]
) -> tuple[dict[str, ArticleProfile], Stored, dict[str, str]]:
    """The articles near the fresh ones, which are stored, and the union-find of links."""
    under = store.articles_under(k for a in fresh for k in story_keys(a))
    shared = store.shared_articles(a.id for a in fresh)
    near_ids = {i for ids in under.values() for i in ids} | {i for ids in shared for i in ids}
    stored = store.story_articles(near_ids)
    near = {aid: _stored_profile(aid, row) for aid, row in stored.items()}
    near.update((a.id, a) for a in fresh)
    parent = {a: a for a in near}
    for aid, (story_id, _, _) in stored.items():  # stories only grow: members stay together
        _union(parent, aid, "story:" + story_id)
    for ids in shared:  # the reports of one happening, a fresh one among them
        first, *rest = sorted(ids)
        for other in rest:
            _union(parent, first, other)
    for a in fresh:  # the batch's own articles are found under their keys too
        for key in story_keys(a):
            under.setdefault(key, set()).add(a.id)
    for a in fresh:
        candidates = {i for k in story_keys(a) for i in under.get(k, ())}
        for other in sorted(candidates & near.keys() - {a.id}):
            # already in one story: comparing their countries could add no link
            if _root(parent, a.id) != _root(parent, other) and similar(a, near[other]):
                _union(parent, a.id, other)
    return near, stored, parent


def _write(store: Store, ids: set[str], near: dict[str, ArticleProfile], stored: Stored) -> None:
    """Write the story of the linked articles `ids` and of the stories they join."""
    old = {stored[i][0] for i in ids if i in stored}
    profiles = [near[i] for i in sorted(ids)]
    seen = set(ids)
    for story_id in sorted(old):
        for aid, date, countries in store.story_profiles(story_id):
            if aid not in seen:
                seen.add(aid)
                profiles.append(_stored_profile(aid, (story_id, date, countries)))
    new = [near[i] for i in sorted(ids) if i not in stored]  # the batch's articles
    store.save_story(
        _light_record(profiles),
        replaces=old,
        articles=[(a.id, _iso(a.date), json.dumps(a.countries)) for a in new],
        keys=[(k, b, a.id) for a in new for k, b in story_keys(a)],
    )


def _stored_profile(article_id: str, row: tuple[str, str | None, str]) -> ArticleProfile:
    return ArticleProfile.of(article_id, _date(row[1]), json.loads(row[2]))


def stories(
    store: Store, *, limit: int = 100, offset: int = 0, min_confidence: float | None = None
) -> list[Story]:
    """Stories, most recently active first, each with its newest `LISTED` groups (their ids
    and timeline) and articles, all of them counted (`Story.groups`, `Story.articles`);
    groups under `min_confidence` (None: none) hidden and counted in `Story.hidden`."""
    records = store.story_records(limit=limit, offset=offset)
    found = (_read(store, r, min_confidence, limit=LISTED, offset=0) for r in records)
    return [s for s in found if s is not None]


def story(
    store: Store,
    story_id: str,
    *,
    min_confidence: float | None = None,
    limit: int = STORY_GROUPS,
    offset: int = 0,
) -> Story | None:
    """One story by id (a unique prefix is enough), or None; doubtful groups as `stories`.

    A page of its groups, newest first (last seen, then id), skipping `offset`: their ids and
    timeline; as many of its newest articles; `Story.groups` and `Story.articles` count every
    one. The title's place is that of the newest `LISTED` groups, whatever the page.
    """
    record = store.story_record(story_id)
    return _read(store, record, min_confidence, limit=limit, offset=offset) if record else None


def _read(
    store: Store, record: dict[str, Any], min_confidence: float | None, *, limit: int, offset: int
) -> Story | None:
    """The story of `record` (id, title, countries, first and last seen: the stories table
    keeps them up to date) with a page of its groups and articles; None when it has no
    articles (merged into another story by a write after `record` was read, outside
    `Store.snapshot`)."""
    sid = record["id"]
    articles, groups, hidden = store.story_counts(sid, min_confidence=min_confidence)
    if not articles:
        return None
    page = _newest(store, sid, min_confidence, limit=limit, offset=offset)
    if offset or limit < LISTED:
        newest = _newest(store, sid, min_confidence, limit=LISTED, offset=0)
    else:
        newest = page[:LISTED]
    return Story(
        id=sid,
        title=story_title(record["countries"], newest),
        countries=tuple(record["countries"]),
        first_seen=_date(record["first_seen"]),
        last_seen=_date(record["last_seen"]),
        group_ids=tuple(sorted(g.id for g in page)),
        article_ids=tuple(store.story_article_ids(sid, limit=limit, offset=offset)),
        timeline=timeline(page),
        hidden=hidden,
        min_confidence=min_confidence,
        groups=groups - hidden,
        articles=articles,
    )


def _newest(
    store: Store, story_id: str, min_confidence: float | None, *, limit: int, offset: int
) -> list[EventGroup]:
    """A page of the story's groups not under `min_confidence`, newest first."""
    ids = store.story_group_page(
        story_id, min_confidence=min_confidence, limit=limit, offset=offset
    )
    position = {gid: i for i, gid in enumerate(ids)}
    records = sorted(store.group_records_by_id(ids), key=lambda r: position[r["id"]])
    return whole_groups(store, records)


def _light_record(articles: Sequence[ArticleProfile]) -> dict[str, Any]:
    """What the stories table keeps: id, title, countries, first and last seen."""
    story = build_story(articles, [])
    return {
        "id": story.id,
        "title": story.title,
        "countries": list(story.countries),
        "first_seen": _iso(story.first_seen),
        "last_seen": _iso(story.last_seen),
    }


def _profiles(store: Store, article_ids: Iterable[str]) -> list[ArticleProfile]:
    return [
        ArticleProfile.of(aid, date, countries)
        for aid, (date, countries) in sorted(store.article_countries(article_ids).items())
    ]


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


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
