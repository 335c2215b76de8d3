"""Migration 8: a store of full JSON records moved to the lean layout of `records`.

Each article's `result` (JSON) becomes `rest` (packed, compressed), each event's `record`
becomes `body` (packed), each quote's `record` and `content` become its content offsets;
actor mentions keep only resolved ones (all are in `rest`), without their text. Copies of the
article text (`trigger_text`, `sentence_text`, span texts) are dropped: reads cut them from
the article text. Run inside the migration's transaction; the file shrinks after `VACUUM`.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from dyad.model import ArticleResult, Event, Place, Quote, from_dict
from dyad.store.packing import Packer
from dyad.store.records import PlaceTable, dumps, pack_rest, store_places

BEFORE = """
CREATE TABLE places (
    id INTEGER PRIMARY KEY,
    record TEXT NOT NULL
);
ALTER TABLE articles ADD COLUMN rest BLOB;
ALTER TABLE events ADD COLUMN body TEXT;
ALTER TABLE quotes ADD COLUMN content_start INTEGER;
ALTER TABLE quotes ADD COLUMN content_end INTEGER
"""

AFTER = """
ALTER TABLE articles DROP COLUMN result;
ALTER TABLE events DROP COLUMN record;
ALTER TABLE events DROP COLUMN trigger_text;
ALTER TABLE events DROP COLUMN sentence_text;
ALTER TABLE quotes DROP COLUMN record;
ALTER TABLE quotes DROP COLUMN content;
DELETE FROM actor_mentions WHERE actor_id IS NULL;
ALTER TABLE actor_mentions DROP COLUMN text
"""


def relayout(conn: sqlite3.Connection) -> None:
    """Move every article, event and quote of an older store to the lean layout."""
    _run(conn, BEFORE)
    places = PlaceTable(conn)
    last = ""
    while True:
        rows = conn.execute(
            "SELECT id, text, date, source, title, url, origin, notes, result FROM articles"
            " WHERE id > ? ORDER BY id LIMIT 200",
            (last,),
        ).fetchall()
        for row in rows:
            _move_article(conn, row, places)
        if len(rows) < 200:
            break
        last = rows[-1][0]
    _run(conn, AFTER)


def _move_article(conn: sqlite3.Connection, row: sqlite3.Row, places: PlaceTable) -> None:
    article_id, text = row[0], row[1]
    body = json.loads(row[8])
    body["article"] = {
        "id": article_id,
        "text": text,
        "date": row[2],
        "source": row[3],
        "title": row[4],
        "url": row[5],
        "origin": row[6],
        "notes": json.loads(row[7]),
    }
    result = from_dict(ArticleResult, body)
    events = [
        (event_id, json.loads(record))
        for event_id, record in conn.execute(
            "SELECT id, record FROM events WHERE article_id = ?", (article_id,)
        )
    ]
    store_places(conn, [m.place for m in result.places if m.place is not None], places)
    store_places(conn, [from_dict(Place, e["place"]) for _, e in events if e["place"]], places)
    packer = Packer(text, places)
    rest = pack_rest(result, packer)
    conn.execute("UPDATE articles SET rest = ? WHERE id = ?", (rest, article_id))
    conn.executemany(
        "UPDATE events SET body = ? WHERE id = ?",
        [(_body(e, packer, article_id), event_id) for event_id, e in events],
    )
    conn.executemany(
        "UPDATE quotes SET content_start = ?, content_end = ? WHERE id = ?",
        [(q.content.start, q.content.end, q.id) for q in _quotes(conn, article_id)],
    )


def _body(record: dict[str, Any], packer: Packer, article_id: str) -> str:
    """The `events.body` of a stored record (spans keep their text when the record names
    another article, as `pack_event` does)."""
    if record["article_id"] != article_id:
        packer = Packer(None, packer.places)
    return dumps(packer.pack(Event, record))


def _quotes(conn: sqlite3.Connection, article_id: str) -> list[Quote]:
    rows = conn.execute("SELECT record FROM quotes WHERE article_id = ?", (article_id,))
    return [from_dict(Quote, json.loads(r[0])) for r in rows]


def _run(conn: sqlite3.Connection, sql: str) -> None:
    for statement in sql.split(";"):
        if statement.strip():
            conn.execute(statement)
