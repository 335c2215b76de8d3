"""Migration 8: a store of full JSON records moved to the lean layout of `records`.

Each article's `result` (JSON) becomes `rest` (packed, compressed), each event's `record`
becomes `body` (packed and squeezed), group records, profiles and members are squeezed
(`squeeze`), each quote's `record`, `content`, `speaker_text` and `cue` become its content offsets;
actor mentions become counts per article and actor (`article_actors`; every mention is in
`rest`). Copies of the
article text (`trigger_text`, `sentence_text`, span texts) are dropped: reads cut them from
the article text. Run inside the migration's transaction; the file shrinks after `VACUUM`.
"""

from __future__ import annotations

import json
import sqlite3

from dyad.model import Place, from_dict
from dyad.store.packing import Packer
from dyad.store.records import PlaceTable, pack_event, pack_rest_record, store_places
from dyad.store.squeeze import squeeze

BEFORE = """
CREATE TABLE places (
    id INTEGER PRIMARY KEY,
    record TEXT NOT NULL
);
ALTER TABLE articles ADD COLUMN rest BLOB;
ALTER TABLE events ADD COLUMN body TEXT;
ALTER TABLE events ADD COLUMN date_granularity TEXT;
ALTER TABLE quotes ADD COLUMN content_start INTEGER;
ALTER TABLE quotes ADD COLUMN content_end INTEGER
"""

AFTER = """
ALTER TABLE articles DROP COLUMN result;
ALTER TABLE events DROP COLUMN record;
ALTER TABLE events DROP COLUMN trigger_text;
ALTER TABLE events DROP COLUMN sentence_text;
ALTER TABLE events DROP COLUMN pipeline_version;
ALTER TABLE events DROP COLUMN model_version;
DROP INDEX events_date;
DROP INDEX events_type_date;
ALTER TABLE event_mentions DROP COLUMN article_id;
UPDATE articles SET text = squeeze(text);
ALTER TABLE quotes DROP COLUMN record;
ALTER TABLE quotes DROP COLUMN content;
ALTER TABLE quotes DROP COLUMN speaker_text;
ALTER TABLE quotes DROP COLUMN cue;
UPDATE event_groups SET record = squeeze(record), profile = squeeze(profile);
UPDATE group_members SET member = squeeze(member);
CREATE TABLE article_actors (
    article_id TEXT NOT NULL REFERENCES articles(id),
    actor_id TEXT NOT NULL,
    mentions INTEGER NOT NULL,
    PRIMARY KEY (article_id, actor_id)
) WITHOUT ROWID;
INSERT INTO article_actors SELECT article_id, actor_id, count(*) FROM actor_mentions
    WHERE actor_id IS NOT NULL GROUP BY article_id, actor_id;
DROP TABLE actor_mentions
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
    conn.create_function("squeeze", 1, squeeze, deterministic=True)
    _run(conn, AFTER)


def _move_article(conn: sqlite3.Connection, row: sqlite3.Row, places: PlaceTable) -> None:
    article_id, text = row[0], row[1]
    body = json.loads(row[8])
    events = [
        (event_id, json.loads(record))
        for event_id, record in conn.execute(
            "SELECT id, record FROM events WHERE article_id = ?", (article_id,)
        )
    ]
    named = [m["place"] for m in body["places"] if m["place"]]
    named += [e["place"] for _, e in events if e["place"]]
    store_places(conn, [from_dict(Place, p) for p in named], places)
    packer = Packer(text, places)
    rest = pack_rest_record([e["id"] for e in body["events"]], body, packer)
    conn.execute("UPDATE articles SET rest = ? WHERE id = ?", (rest, article_id))
    conn.executemany(
        "UPDATE events SET body = ?, date_granularity = ? WHERE id = ?",
        [
            (pack_event(e, packer, article_id), e.get("date_granularity"), event_id)
            for event_id, e in events
        ],
    )
    conn.executemany(
        "UPDATE quotes SET content_start = ?, content_end = ? WHERE id = ?",
        [(q["content"]["start"], q["content"]["end"], q["id"]) for q in body["quotes"]],
    )


def _run(conn: sqlite3.Connection, sql: str) -> None:
    for statement in sql.split(";"):
        if statement.strip():
            conn.execute(statement)
