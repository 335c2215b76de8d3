"""The DuckDB back end of the query layer: a Spark output queried in place, for datasets
too big for the local store.

`ParquetEvents(folder)` answers the store's event queries (`events`, `count_events`,
`events_frame`, with the same `EventFilter`, compiled by `dyad.store.where`) from the Parquet
datasets, and `sql` runs any query over them. Every dataset is a view named after it
(`articles`, `events`, `event_mentions`, `actors`, `quotes`, `rejected`), plus
`event_actors` (one row per actor or recipient of an event) and `event_sources` (each name of
an event's attribution chain, and its publisher), as in the store. The store names an event
by its integer key in those tables (`event`, its `events.key`); here the key is its id. Only
the files a query needs are read.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from dyad.errors import InputError
from dyad.model import Event, from_dict
from dyad.query.filter import EventFilter, Plan
from dyad.spark.schema import DATASETS, PARTITION, SCHEMAS
from dyad.store.where import ORDERS, EventQueries, condition

if TYPE_CHECKING:
    import duckdb
    import pandas as pd

EVENT_ACTORS = """
CREATE VIEW event_actors AS
SELECT e.id AS event, 'actor' AS role, x.actor_id, x.text, x.country, x.sector
FROM events e, unnest(e.actors) AS t(x)
UNION ALL
SELECT e.id, 'recipient', x.actor_id, x.text, x.country, x.sector
FROM events e, unnest(e.recipients) AS t(x)
"""

# Names compare without case, as the store's `event_sources.name COLLATE NOCASE` does.
EVENT_SOURCES = """
CREATE VIEW event_sources AS
SELECT DISTINCT event, lower(name) AS name FROM (
    SELECT e.id AS event, x AS name FROM events e, unnest(e.attribution) AS t(x)
    UNION ALL
    SELECT e.id, a.source FROM events e JOIN articles a ON a.id = e.article_id
    WHERE a.source IS NOT NULL AND a.source <> ''
)
"""
# The store's frame has the attribution chain as JSON text.
FRAME_SOURCE = "(SELECT * REPLACE (to_json(attribution)::VARCHAR AS attribution) FROM events) e"

FRAME_COLUMNS = """
e.id, e.article_id, e.type, e.mode, e.polarity, e.modality, e.historical, e.date,
e.date_end, e.date_granularity, e.date_source, e.place_name, e.place_country, e.lat, e.lon,
array_to_string(list_transform(e.actors, lambda x: coalesce(x.actor_id, x.text)), '; ')
    AS actors,
array_to_string(list_transform(e.recipients, lambda x: coalesce(x.actor_id, x.text)), '; ')
    AS recipients,
e.cameo, e.quad_class, e.goldstein, e.attribution, e.trigger_text, e.sentence_text,
e.confidence
"""


class ParquetEvents(EventQueries):
    """Read-only event queries over the Parquet output of `dyad spark run`."""

    def __init__(self, folder: str) -> None:
        import duckdb

        self.folder = folder.rstrip("/")
        self.conn: duckdb.DuckDBPyConnection = duckdb.connect()
        found = [name for name in DATASETS if self._view(name)]
        if "articles" not in found:
            raise InputError(
                f"{folder}: no articles dataset; give the --out folder of a `dyad spark run`"
            )
        self.conn.execute(EVENT_ACTORS)
        self.conn.execute(EVENT_SOURCES)

    def compile(self, where: EventFilter | Plan | None) -> tuple[str, list[Any]]:
        """The store's condition, with the sentence read from its column."""
        return condition(
            _source_lowered(where), sentence="e.sentence_text", article="e.article_id = ?"
        )

    def decode(self, rows: list[Any]) -> list[Event]:
        """The events of a page of full records."""
        return [from_dict(Event, json.loads(r[0])) for r in rows]

    def events_frame(
        self, where: EventFilter | Plan | None = None, *, limit: int = 100_000
    ) -> pd.DataFrame:
        """Events matching `where` as a flat DataFrame, with the columns of
        `Store.events_frame`."""
        sql, args = self.compile(where)
        query = (
            f"SELECT {FRAME_COLUMNS} FROM {FRAME_SOURCE} WHERE {sql}"
            f" ORDER BY {ORDERS['date']} LIMIT ?"
        )
        return self.conn.execute(query, [*args, limit]).df()

    def sql(self, query: str, params: Sequence[Any] = ()) -> pd.DataFrame:
        """Any query over the dataset views, as a DataFrame."""
        return self.conn.execute(query, list(params)).df()

    def _view(self, name: str) -> bool:
        """Create the view `name`; an empty one (with the dataset's columns) if no files."""
        pattern = f"{self.folder}/{name}/**/*.parquet"
        files = self.conn.execute("SELECT count(*) FROM glob(?)", [pattern]).fetchone()
        if files and files[0]:
            hive = "false" if name == "rejected" else "true"
            key = ", id AS key" if name == "events" else ""  # the store's events.key
            self.conn.execute(
                f"CREATE VIEW {name} AS SELECT *{key} FROM read_parquet("
                f"'{_quoted(pattern)}', hive_partitioning={hive}, union_by_name=true)"
            )
            return True
        schema = SCHEMAS[name]
        if name != "rejected":
            import pyarrow as pa

            schema = schema.append(pa.field(PARTITION, pa.date32()))
            if name == "events":
                schema = schema.append(pa.field("key", pa.string()))
        self.conn.register(name, schema.empty_table())
        return False


def _source_lowered(where: EventFilter | Plan | None) -> EventFilter | Plan | None:
    """`where` with the source name lower-cased, as `event_sources` holds it."""
    flt = where.where if isinstance(where, Plan) else where
    if flt is None or not flt.source:
        return where
    lowered = dataclasses.replace(flt, source=flt.source.lower())
    return dataclasses.replace(where, where=lowered) if isinstance(where, Plan) else lowered


def _quoted(text: str) -> str:
    return text.replace("'", "''")
