"""The SQL of stories: articles linked through shared happenings, their keys and records
(mixed into `Store` on top of `Groups`; story logic lives in `dyad.grouping`)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from typing import Any

from dyad.store.groups import Groups, _by_prefix, _chunks, _date

# The id of a `story_keys` row's article (migration 11 names it by its integer key).
_ARTICLE_ID = "(SELECT id FROM articles WHERE key = story_keys.article)"


class Stories(Groups):
    """Story methods of `Store`."""

    def shared_articles(self, article_ids: Iterable[str]) -> list[set[str]]:
        """For each group with a member in one of `article_ids`, the articles reporting it
        (read once per group, not once per article and group)."""
        out: dict[str, set[str]] = {}
        for chunk in _chunks(sorted(self.groups_in_articles(article_ids))):
            rows = self.conn.execute(
                "SELECT DISTINCT g.id, a.id FROM event_groups g JOIN group_members m"
                " ON m.grp = g.key JOIN events e ON e.key = m.event"
                " JOIN articles a ON a.key = e.article"
                f" WHERE g.id IN ({','.join('?' * len(chunk))})",
                chunk,
            )
            for group_id, article_id in rows:
                out.setdefault(group_id, set()).add(article_id)
        return [out[g] for g in sorted(out)]

    def article_countries(
        self, article_ids: Iterable[str]
    ) -> dict[str, tuple[dt.date | None, dict[str, int]]]:
        """Per article: its date and how often it names each country (IGOs by actor id)."""
        out: dict[str, tuple[dt.date | None, dict[str, int]]] = {}
        for chunk in _chunks(sorted(set(article_ids))):
            marks = ",".join("?" * len(chunk))
            for aid, date in self.conn.execute(
                f"SELECT id, date FROM articles WHERE id IN ({marks})", chunk
            ):
                out[aid] = (_date(date), {})
            rows = self.conn.execute(
                "SELECT r.id, CASE WHEN a.country IS NULL OR a.country = 'IGO'"
                " THEN a.id ELSE a.country END, sum(m.mentions) FROM articles r"
                " JOIN article_actors m ON m.article = r.key JOIN actors a ON a.id = m.actor_id"
                f" WHERE r.id IN ({marks}) GROUP BY 1, 2",
                chunk,
            )
            for aid, country, n in rows:
                out[aid][1][country] = n
            bare = [aid for aid in chunk if aid in out and not out[aid][1]]
            for aid, country, n in self.conn.execute(  # no actor mentions: the events' sides
                "SELECT r.id, coalesce(nullif(x.country, 'IGO'), x.actor_id), count(*)"
                " FROM articles r JOIN events e ON e.article = r.key"
                " JOIN event_actors x ON x.event = e.key WHERE r.id IN"
                f" ({','.join('?' * len(bare))}) AND coalesce(x.country, x.actor_id) IS NOT NULL"
                " GROUP BY 1, 2",
                bare,
            ):
                out[aid][1][country] = n
        return out

    def articles_under(self, keys: Iterable[tuple[str, int]]) -> dict[tuple[str, int], set[str]]:
        """The articles registered under each of the story `keys` ((key, month) pairs)."""
        return self._under_keys("story_keys", _ARTICLE_ID, keys)

    def story_articles(self, article_ids: Iterable[str]) -> dict[str, tuple[str, str | None, str]]:
        """For those of `article_ids` already in a story: (story id, date, countries JSON)."""
        out: dict[str, tuple[str, str | None, str]] = {}
        for chunk in _chunks(sorted(set(article_ids))):
            rows = self.conn.execute(
                "SELECT a.id, s.story_id, s.date, s.countries FROM articles a"
                " JOIN story_articles s ON s.article = a.key"
                f" WHERE a.id IN ({','.join('?' * len(chunk))})",
                chunk,
            )
            out.update((r[0], (r[1], r[2], r[3])) for r in rows)
        return out

    def articles_of_stories(self, story_ids: Iterable[str]) -> set[str]:
        """Ids of the articles of `story_ids`."""
        return self._ids(
            "SELECT a.id FROM story_articles s JOIN articles a ON a.key = s.article"
            " WHERE s.story_id IN ({})",
            story_ids,
        )

    def save_story(
        self,
        record: dict[str, Any],
        *,
        replaces: Iterable[str] = (),
        articles: Sequence[tuple[str, str | None, str]] = (),
        keys: Sequence[tuple[str, int, str]] = (),
    ) -> None:
        """Write a story (`record`: id, title, countries, first and last seen) with its new
        `articles` (id, date, countries JSON) and their `keys`; the groups of those articles
        and of the stories it absorbed (`replaces`) now belong to it."""
        sid = record["id"]
        for old in sorted(set(replaces) - {sid}):
            self._absorb(sid, old)
        self.conn.executemany(  # by the articles' keys (migration 11)
            "INSERT OR REPLACE INTO story_articles SELECT key, ?, ?, ? FROM articles WHERE id = ?",
            [(sid, date, countries, aid) for aid, date, countries in articles],
        )
        self.conn.executemany(
            "INSERT OR IGNORE INTO story_keys SELECT ?, ?, key FROM articles WHERE id = ?", keys
        )
        for chunk in _chunks([a[0] for a in articles]):
            self.conn.execute(
                "UPDATE event_groups SET story_id = ? WHERE key IN (SELECT m.grp FROM"
                " articles a JOIN events e ON e.article = a.key"
                " JOIN group_members m ON m.event = e.key"
                f" WHERE a.id IN ({','.join('?' * len(chunk))}))",
                [sid, *chunk],
            )
        self._write_story_row(record)

    def _absorb(self, sid: str, old: str) -> None:
        """Story `old` is gone: its articles and groups now belong to story `sid`."""
        self.conn.execute("DELETE FROM stories WHERE id = ?", (old,))
        self.conn.execute("UPDATE story_articles SET story_id = ? WHERE story_id = ?", (sid, old))
        self.conn.execute("UPDATE event_groups SET story_id = ? WHERE story_id = ?", (sid, old))

    def _write_story_row(self, record: dict[str, Any]) -> None:
        """The `stories` row of `record`, with its counts of groups and articles."""
        sid = record["id"]
        groups = self.conn.execute("SELECT count(*) FROM event_groups WHERE story_id = ?", (sid,))
        count = self.conn.execute("SELECT count(*) FROM story_articles WHERE story_id = ?", (sid,))
        self.conn.execute(
            "INSERT OR REPLACE INTO stories VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                sid,
                record["title"],
                record["first_seen"],
                record["last_seen"],
                groups.fetchone()[0],
                count.fetchone()[0],
                json.dumps(record),
            ),
        )

    def story_profiles(self, story_id: str) -> list[tuple[str, str | None, str]]:
        """The articles of a story: (article id, date, countries JSON)."""
        rows = self.conn.execute(
            "SELECT a.id, s.date, s.countries FROM story_articles s"
            " JOIN articles a ON a.key = s.article WHERE s.story_id = ? ORDER BY s.date, a.id",
            (story_id,),
        )
        return [(r[0], r[1], r[2]) for r in rows]

    def story_counts(
        self, story_id: str, *, min_confidence: float | None = None
    ) -> tuple[int, int, int]:
        """A story's articles, groups, and doubtful groups: those with no member event of
        `min_confidence` or more (none when it is None or 0). Counted, not read."""
        articles = self.conn.execute(
            "SELECT count(*) FROM story_articles WHERE story_id = ?", (story_id,)
        ).fetchone()[0]
        groups = self.conn.execute(
            "SELECT count(*) FROM event_groups WHERE story_id = ?", (story_id,)
        ).fetchone()[0]
        if not min_confidence:
            return articles, groups, 0
        doubtful = self.conn.execute(  # a group's confidence: its members' highest
            "SELECT count(*) FROM event_groups WHERE story_id = ?"
            " AND (confidence IS NULL OR confidence < ?)",
            (story_id, min_confidence),
        ).fetchone()[0]
        return articles, groups, doubtful

    def story_group_page(
        self, story_id: str, *, min_confidence: float | None, limit: int, offset: int = 0
    ) -> list[str]:
        """Ids of a page of a story's groups, newest first (last seen, then id), leaving out
        those with no member event of `min_confidence` or more (doubtful: the group's
        `confidence` is its members' highest)."""
        sql = "SELECT id FROM event_groups WHERE story_id = ?"
        args: list[Any] = [story_id]
        if min_confidence:
            sql += " AND confidence >= ?"
            args.append(min_confidence)
        rows = self.conn.execute(
            f"{sql} ORDER BY last_seen DESC, id LIMIT ? OFFSET ?", [*args, limit, offset]
        )
        return [r[0] for r in rows]

    def story_article_ids(self, story_id: str, *, limit: int, offset: int = 0) -> list[str]:
        """A page of a story's article ids, newest first (undated ones counted newest), given
        oldest first."""
        rows = self.conn.execute(
            "SELECT a.id FROM story_articles s JOIN articles a ON a.key = s.article"
            " WHERE s.story_id = ? ORDER BY s.date IS NULL DESC, s.date DESC, a.id DESC"
            " LIMIT ? OFFSET ?",
            (story_id, limit, offset),
        )
        return [r[0] for r in rows][::-1]

    def story_records(self, *, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
        """Story records, most recently active first."""
        rows = self.conn.execute(
            "SELECT record FROM stories ORDER BY last_seen IS NULL, last_seen DESC, id"
            " LIMIT ? OFFSET ?",
            (limit, offset),
        )
        return [json.loads(r[0]) for r in rows]

    def story_record(self, story_id: str) -> dict[str, Any] | None:
        """One story's record by id (a unique prefix is enough)."""
        row = _by_prefix(self.conn, "stories", "record", story_id)
        return dict(json.loads(row[0])) if row else None
