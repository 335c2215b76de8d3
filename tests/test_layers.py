"""The import rule of STYLE.md: layers import only downward; stages never import each other."""

from __future__ import annotations

import ast
import inspect
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "dyad"
# `query.filter` is the event filter: a pure value the store compiles, so it sits with the model.
BASE = {"model", "errors", "settings", "doctext", "deadline", "query.filter"}
STAGES = {"ingest", "nlp", "extract", "resolve", "store", "executors", "cluster", "exports"}
LAYER3 = {"pipeline", "query", "evaluate", "spark", "tracking"}
LAYER4 = {"api", "web", "cli"}


def _unit(module: str) -> str:
    """The unit a module belongs to: `extract.actors` for extract stages, `query.filter` for
    the query layer's modules, else the top name."""
    parts = module.split(".")[1:]
    if not parts:
        return "dyad"
    return ".".join(parts[:2]) if parts[0] in ("extract", "query") else parts[0]


def _layer(unit: str) -> int:
    top = unit.split(".")[0]
    if unit in BASE or top in BASE or top == "dyad":
        return 1
    if top in STAGES:
        return 2
    if top in LAYER3:
        return 3
    if top in LAYER4:
        return 4 if top != "cli" else 5
    raise AssertionError(f"module dyad.{unit} is in no layer: add it to tests/test_layers.py")


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("dyad"):
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("dyad"))
    return found


def _modules() -> list[tuple[str, Path]]:
    out = []
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC.parent).with_suffix("")
        parts = list(rel.parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out.append((".".join(parts), path))
    return out


@pytest.mark.parametrize(("module", "path"), _modules(), ids=lambda v: str(v))
def test_imports_only_go_down(module: str, path: Path) -> None:
    if module == "dyad":
        return  # the package root is the public facade: it imports lazily, inside functions
    unit = _unit(module)
    for target in _imports(path):
        other = _unit(target)
        if other in (unit, "dyad"):
            continue
        mine, theirs = _layer(unit), _layer(other)
        assert theirs < mine or (mine == theirs == 1) or (mine == theirs == 3), (
            f"{module} (layer {mine}) imports {target} (layer {theirs})"
        )


def test_importing_dyad_loads_neither_spacy_nor_the_web_stack() -> None:
    heavy = "('spacy', 'fastapi', 'pandas')"
    code = f"import sys, dyad; print(sorted(m for m in {heavy} if m in sys.modules))"
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert loaded.stdout.strip() == "[]"


def test_all_is_complete() -> None:
    import dyad

    defined = {
        name
        for name, value in vars(dyad).items()
        if not name.startswith("_")
        and (inspect.isfunction(value) or inspect.isclass(value))
        and value.__module__.startswith("dyad")
    }
    assert defined <= set(dyad.__all__), defined - set(dyad.__all__)
    assert all(hasattr(dyad, name) for name in dyad.__all__)
