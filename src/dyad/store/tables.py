"""Tables replaced by new definitions inside a migration (migrations 11 and 12)."""

from __future__ import annotations

import sqlite3


def replace_tables(
    conn: sqlite3.Connection, tables: dict[str, tuple[str, str]], todo: list[str], suffix: str
) -> None:
    """Replace each of `todo` by its new definition in `tables` (table: (the statement
    making `table + suffix`, the statements filling it and making its indexes)): every new
    table made and filled first, in order, while the old ones are still there to copy from;
    then each old one dropped, the new one renamed, its indexes named without `suffix`."""
    for table in todo:
        create, fill = tables[table]
        conn.execute(create)
        for statement in fill.split(";"):
            conn.execute(statement)
    for table in reversed(todo):
        indexes = conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ?"
            " AND sql IS NOT NULL",
            (f"{table}{suffix}",),
        ).fetchall()
        conn.execute(f"DROP TABLE {table}")
        conn.execute(f"ALTER TABLE {table}{suffix} RENAME TO {table}")
        for index, sql in indexes:
            conn.execute(f"DROP INDEX {index}")
            conn.execute(sql.replace(suffix, ""))
