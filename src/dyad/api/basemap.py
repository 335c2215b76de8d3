"""Country outlines for the dashboard's offline map.

The outlines are Natural Earth's low-resolution country shapes as shipped in the `countryinfo`
package (MIT; one JSON file per country with a `geoJSON` member). They are read once per
process, rounded to 0.01 degree, and served as one FeatureCollection.
"""

from __future__ import annotations

import json
import logging
from functools import lru_cache
from importlib import resources
from typing import Any

log = logging.getLogger(__name__)
PACKAGE = "countryinfo"


@lru_cache(maxsize=1)
def country_outlines() -> dict[str, Any]:
    """A GeoJSON FeatureCollection with one feature per country (id: ISO alpha-3)."""
    features: list[dict[str, Any]] = []
    folder = resources.files(PACKAGE) / "data"
    for item in sorted(folder.iterdir(), key=lambda p: p.name):
        if not item.name.endswith(".json"):
            continue
        data = json.loads(item.read_text(encoding="utf-8"))
        for feature in (data.get("geoJSON") or {}).get("features", []):
            features.append(_compact(feature, data))
    log.debug("basemap: %d country outlines from %s", len(features), PACKAGE)
    return {
        "type": "FeatureCollection",
        "source": f"{PACKAGE} (Natural Earth)",
        "features": features,
    }


def _compact(feature: dict[str, Any], country: dict[str, Any]) -> dict[str, Any]:
    geometry = feature["geometry"]
    return {
        "type": "Feature",
        "id": feature.get("id") or (country.get("ISO") or {}).get("alpha3"),
        "properties": {"name": country.get("name") or feature.get("properties", {}).get("name")},
        "geometry": {"type": geometry["type"], "coordinates": _round(geometry["coordinates"])},
    }


def _round(value: Any) -> Any:
    if isinstance(value, list):
        return [_round(v) for v in value]
    return round(float(value), 2)
