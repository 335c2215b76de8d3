"""Stories: the articles (and their event groups) of one developing story.

Articles are linked when they report the same happening (share an event group), or when they
were published within `STORY_DAYS` of each other and name the same countries: their main
countries overlap (two of them, or all when an article names fewer) and the cosine of their
country counts (from every actor mention) is at least `MIN_SIMILARITY`. A story is a
connected component of these links. Stories only grow; a story's id is a hash of its earliest
article, so it keeps its id when later articles join.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import combinations

from dyad.grouping.logic.values import EventGroup, Story, TimelineEntry

STORY_DAYS = 30
MIN_SIMILARITY = 0.6
TOP = 3  # main countries of an article, by mentions
NOT_COUNTRIES = ("PER:", "ORG:", "TXT:")


@dataclass(frozen=True, slots=True)
class ArticleProfile:
    """The countries an article names (counts of actor mentions), its main ones, its date."""

    id: str
    date: dt.date | None
    countries: dict[str, int] = field(default_factory=dict)
    top: tuple[str, ...] = ()  # its `TOP` most named countries (ties by code)

    @classmethod
    def of(cls, id: str, date: dt.date | None, countries: dict[str, int]) -> ArticleProfile:
        """A profile with its main countries worked out."""
        ranked = sorted(_places(countries).items(), key=lambda kv: (-kv[1], kv[0]))
        return cls(id, date, countries, tuple(c for c, _ in ranked[:TOP]))


def _places(counts: dict[str, int]) -> dict[str, int]:
    """The counts of countries and international bodies: a person or an outlet with no
    country ("PER:…", "ORG:…") says nothing about which countries a story is about."""
    return {k: n for k, n in counts.items() if not k.startswith(NOT_COUNTRIES)}


def story_keys(article: ArticleProfile) -> list[tuple[str, int]]:
    """The (country pair, month) keys under which an article's story neighbours are found."""
    if article.date is None or not article.top:
        return []
    month = article.date.toordinal() // STORY_DAYS
    top = sorted(article.top)
    pairs = [f"S|{a}|{b}" for a, b in combinations(top, 2)] or [f"S|{top[0]}"]
    return [(k, m) for k in pairs for m in (month - 1, month, month + 1)]


def similar(a: ArticleProfile, b: ArticleProfile) -> bool:
    """Whether two articles are about the same story by the countries they name."""
    if a.date is None or b.date is None or abs((a.date - b.date).days) > STORY_DAYS:
        return False
    shared = set(a.top) & set(b.top)
    if len(shared) < min(2, len(a.top), len(b.top)) or not shared:
        return False
    return cosine(_places(a.countries), _places(b.countries)) >= MIN_SIMILARITY


def cosine(a: dict[str, int], b: dict[str, int]) -> float:
    """The cosine similarity of two count vectors."""
    dot = sum(v * b.get(k, 0) for k, v in a.items())
    norm = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values()))
    return dot / norm if norm else 0.0


def founder(articles: Sequence[ArticleProfile]) -> ArticleProfile:
    """The earliest article of a story (date, then id): it names the story."""
    return min(articles, key=lambda a: (a.date or dt.date.max, a.id))


def story_id_for(articles: Sequence[ArticleProfile]) -> str:
    """The stable id of the story made of `articles`."""
    return "sto_" + hashlib.sha1(founder(articles).id.encode("utf-8")).hexdigest()[:16]


def build_story(
    articles: Sequence[ArticleProfile],
    every: Sequence[EventGroup],
    *,
    min_confidence: float | None = None,
) -> Story:
    """The `Story` of `articles` and their groups, with a timeline of status changes; groups
    under `min_confidence` are doubtful: left out of groups, title and timeline, and counted."""
    groups = confident(every, min_confidence)
    counts: Counter[str] = Counter()
    for a in articles:
        counts.update(a.countries)
    countries = tuple(c for c, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    seen = [a.date for a in articles if a.date]
    return Story(
        id=story_id_for(articles),
        title=story_title(countries, groups),
        countries=countries,
        first_seen=min(seen) if seen else None,
        last_seen=max(seen) if seen else None,
        group_ids=tuple(sorted(g.id for g in groups)),
        article_ids=tuple(
            a.id for a in sorted(articles, key=lambda a: (a.date or dt.date.max, a.id))
        ),
        timeline=timeline(groups),
        hidden=len(every) - len(groups),
        min_confidence=min_confidence,
        groups=len(groups),
        articles=len(articles),
    )


def confident(groups: Sequence[EventGroup], threshold: float | None) -> list[EventGroup]:
    """The groups of `groups` not under `threshold` (every one when it is None)."""
    return [
        g for g in groups if threshold is None or g.confidence is None or g.confidence >= threshold
    ]


def timeline(groups: Sequence[EventGroup]) -> tuple[TimelineEntry, ...]:
    """Each status change of `groups`, in date order (undated last), then article and group."""
    return tuple(
        sorted(
            (
                TimelineEntry(c.article_date, g.id, g.type, c.status, c.article_id, g.summary)
                for g in groups
                for c in g.history
            ),
            key=lambda t: (t.date or dt.date.max, t.article_id, t.group_id),
        )
    )


def story_title(countries: Sequence[str], groups: Sequence[EventGroup]) -> str:
    """ "ETH – ERI (Nairobi)": the two most named countries of `countries` (most named first)
    and the main place of `groups`."""
    named = [c for c in countries if not c.startswith(NOT_COUNTRIES)] or list(countries)
    sides = " – ".join(named[:2]) or "no named country"
    places = Counter(g.place for g in groups if g.place and g.place_country != g.place)
    place = min(places, key=lambda p: (-places[p], p)) if places else None
    return f"{sides} ({place})" if place else sides
