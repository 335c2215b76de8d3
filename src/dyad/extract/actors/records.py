"""Reading actor records from YAML and CSV files, validated, with file:line in every error."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from dyad.errors import KnowledgeError
from dyad.extract.actors.dictionary import Entry, Role, Title

LINE = "__line__"
KINDS = ("person", "organisation", "country", "group")
ACTOR_KEYS = frozenset(
    {"id", "name", "kind", "country", "sector", "aliases", "roles", "gender", LINE}
)
ROLE_KEYS = frozenset({"title", "role", "country", "sector", "valid_from", "valid_to", LINE})
CSV_COLUMNS = (
    "id",
    "name",
    "kind",
    "country",
    "sector",
    "aliases",
    "title",
    "valid_from",
    "valid_to",
    "gender",
)


class _LineLoader(yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader):  # type: ignore[misc]  # base chosen at import
    """A safe YAML loader that records the line of every mapping under `__line__`."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        mapping = super().construct_mapping(node, deep=True)
        mapping[LINE] = node.start_mark.line + 1
        return mapping


def _timestamp_as_text(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> str:
    return str(loader.construct_scalar(node))


# dates stay text until `Checker.date` reads them, so a bad date gets a line-numbered error
_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_as_text)


def read_yaml(path: Path) -> dict[str, Any]:
    """A YAML file as a mapping whose mappings carry their line; errors name file and line."""
    text = path.read_text(encoding="utf-8")
    try:
        data = yaml.load(text, Loader=_LineLoader)  # a SafeLoader subclass: safe
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else 0
        raise KnowledgeError(f"{path}:{line}: invalid YAML: {exc.problem}; fix the syntax") from exc
    if not isinstance(data, dict):
        raise KnowledgeError(f"{path}:1: expected a mapping with an `actors:` list at the top")
    return data


@dataclass(frozen=True, slots=True)
class Checker:
    """What a record is checked against: known sectors, country codes and titles."""

    sectors: frozenset[str]
    codes: frozenset[str]  # ISO alpha-3, region codes, "IGO"
    titles: Mapping[str, Title]

    def fail(self, where: str, what: str, fix: str) -> KnowledgeError:
        return KnowledgeError(f"{where}: {what}; {fix}")

    def country(self, value: Any, where: str) -> str | None:
        if value in (None, ""):
            return None
        if not isinstance(value, str) or value not in self.codes:
            raise self.fail(
                where,
                f"unknown country code {value!r}",
                "use an ISO 3166 alpha-3 code (RUS), a region code (EUR) or IGO",
            )
        return value

    def sector(self, value: Any, where: str) -> str | None:
        if value in (None, ""):
            return None
        if value not in self.sectors:
            raise self.fail(
                where, f"unknown sector {value!r}", f"use one of: {', '.join(sorted(self.sectors))}"
            )
        return str(value)

    def date(self, value: Any, where: str, key: str) -> dt.date | None:
        if value in (None, ""):
            return None
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            raise self.fail(
                where, f"{key} {value!r} is not a date", "write dates as YYYY-MM-DD"
            ) from None

    def role_of(self, title: str) -> Title | None:
        """The title term inside `title`, longest first ("Special Envoy for Ukraine")."""
        words = title.lower().replace(",", " ").split()
        for size in range(len(words), 0, -1):
            for start in range(len(words) - size + 1):
                found = self.titles.get(" ".join(words[start : start + size]))
                if found:
                    return found
        return None


def actor_entry(
    record: Any, where: str, check: Checker, defaults: Mapping[str, Any] | None = None
) -> Entry:
    """Validate one actor record (a mapping from YAML, or a CSV row turned into one)."""
    if not isinstance(record, dict):
        raise check.fail(where, "an actor must be a mapping", "write `- {id: ..., name: ...}`")
    _known_keys(record, ACTOR_KEYS, "field", where, check)
    merged = {**(defaults or {}), **record}
    for key in ("id", "name"):
        if not isinstance(merged.get(key), str) or not merged[key].strip():
            raise check.fail(where, f"missing or empty `{key}`", f"give the actor a `{key}`")
    kind = merged.get("kind", "organisation")
    if kind not in KINDS:
        raise check.fail(where, f"unknown kind {kind!r}", f"use one of: {', '.join(KINDS)}")
    aliases = merged.get("aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a for a in aliases):
        raise check.fail(where, "`aliases` must be a list of names", "write `aliases: [A, B]`")
    gender = merged.get("gender")
    if gender not in (None, "m", "f"):
        raise check.fail(where, f"unknown gender {gender!r}", "use m, f or leave it out")
    country = check.country(merged.get("country"), where)
    roles = tuple(_role(r, where, check, country) for r in merged.get("roles") or [])
    return Entry(
        id=merged["id"].strip(),
        name=merged["name"].strip(),
        kind=kind,
        country=country,
        sector=check.sector(merged.get("sector"), where),
        aliases=tuple(a.strip() for a in aliases),
        roles=roles,
        gender=gender,
        origin=where,
    )


def _known_keys(
    record: dict[str, Any], allowed: frozenset[str], what: str, where: str, check: Checker
) -> None:
    unknown = set(record) - allowed
    if unknown:
        raise check.fail(
            where,
            f"unknown {what}(s) {sorted(unknown)}",
            f"allowed: {', '.join(sorted(allowed - {LINE}))}",
        )


def _role(record: Any, where: str, check: Checker, country: str | None) -> Role:
    line = record.get(LINE) if isinstance(record, dict) else None
    here = f"{where.rsplit(':', 1)[0]}:{line}" if line else where
    if not isinstance(record, dict) or not isinstance(record.get("title"), str):
        raise check.fail(here, "a role needs a `title`", "write `- {title: President, ...}`")
    _known_keys(record, ROLE_KEYS, "role field", here, check)
    start = check.date(record.get("valid_from"), here, "valid_from")
    end = check.date(record.get("valid_to"), here, "valid_to")
    if start and end and end < start:
        raise check.fail(here, f"valid_to {end} is before valid_from {start}", "swap the dates")
    title = check.role_of(record["title"])
    sector = check.sector(record.get("sector"), here) or (title.sector if title else None)
    return Role(
        title=record["title"],
        role=record.get("role") or (title.role if title else None),
        country=check.country(record.get("country"), here) or country,
        sector=sector,
        valid_from=start,
        valid_to=end,
    )


def yaml_entries(path: Path, check: Checker) -> Iterator[Entry]:
    """The actors of a YAML file (`actors:` list, optional `defaults:`)."""
    data = read_yaml(path)
    actors = data.get("actors")
    if not isinstance(actors, list):
        raise check.fail(
            f"{path}:{data.get(LINE, 1)}",
            "no `actors:` list",
            "put the actors in a list under `actors:`",
        )
    defaults = {k: v for k, v in (data.get("defaults") or {}).items() if k != LINE}
    for record in actors:
        line = record.get(LINE, "?") if isinstance(record, dict) else "?"
        yield actor_entry(record, f"{path}:{line}", check, defaults)


def csv_entries(path: Path, check: Checker) -> Iterator[Entry]:
    """The actors of a CSV file: one row per actor or per role (rows sharing an id merge)."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = {"id", "name"} - set(reader.fieldnames or ())
        if missing:
            raise check.fail(
                f"{path}:1",
                f"missing column(s) {sorted(missing)}",
                f"the header needs id and name; optional: {', '.join(CSV_COLUMNS)}",
            )
        rows: dict[str, dict[str, Any]] = {}
        for row in reader:
            where = f"{path}:{reader.line_num}"
            extra = set(row) - set(CSV_COLUMNS)
            if extra - {None}:
                raise check.fail(
                    where,
                    f"unknown column(s) {sorted(extra - {None})}",
                    f"allowed: {', '.join(CSV_COLUMNS)}",
                )
            _merge_csv_row(rows, row, reader.line_num)
        for record in rows.values():
            yield actor_entry(record, f"{path}:{record[LINE]}", check)


def _merge_csv_row(rows: dict[str, dict[str, Any]], row: dict[str, Any], line: int) -> None:
    values = {k: (v or "").strip() for k, v in row.items() if k}
    role = {k: values[k] for k in ("title", "valid_from", "valid_to") if values.get(k)}
    record = rows.setdefault(values.get("id") or f"<row {line}>", {LINE: line, "roles": []})
    for key in ("id", "name", "kind", "country", "sector", "gender"):
        if values.get(key) and key not in record:
            record[key] = values[key]
    aliases = [a.strip() for a in values.get("aliases", "").split("|") if a.strip()]
    record["aliases"] = [*record.get("aliases", []), *aliases]
    if role:
        record["roles"].append({**role, "sector": values.get("sector") or None, LINE: line})


def read_csv_rows(path: Path) -> Iterable[tuple[int, dict[str, str]]]:
    """Rows of a bundled CSV file with their line numbers."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        for row in reader:
            yield reader.line_num, {k: (v or "").strip() for k, v in row.items() if k}
