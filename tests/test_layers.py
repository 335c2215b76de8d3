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
BASE = {"model", "overlap", "errors", "settings", "doctext", "deadline", "version", "lexicon"}
BASE |= {"query.filter", "codec"}  # `codec`: the model values as JSON and back
STAGES = {"ingest", "nlp", "extract", "resolve", "store", "executors", "exports"}
STAGES |= {"grouping", "grouping.logic"}  # the `grouping` package root imports nothing
# Layer 3 in its declared order: a unit may import only the units before it. The store-facing
# grouping is called by the pipeline; `selective` (which sentences to parse) reads the stages'
# knowledge for the pipeline; the pipeline runs on Spark executors; the query layer
# reads the store and a Spark run's Parquet (its schema); evaluations run all of it.
LAYER3 = ["grouping.stored", "selective", "pipeline", "spark", "query", "evaluate"]
# Layer 4 in order: the HTTP API, the dashboard it serves, the CLI, and the package root
# (`dyad.process`, `dyad.open_store`): the public facade sits on top and nothing imports it.
LAYER4 = ["api", "web", "cli", "dyad"]
TWO_LEVEL = ("extract", "query", "grouping")


def _unit(module: str) -> str:
    """The unit a module belongs to: `extract.actors` for extract stages, `query.filter` for
    the query layer's modules, `grouping.logic` for grouping's parts, else the top name."""
    parts = module.split(".")[1:]
    if not parts:
        return "dyad"
    return ".".join(parts[:2]) if parts[0] in TWO_LEVEL else parts[0]


def _rank(unit: str) -> tuple[int, int]:
    """(layer, place within the layer); units of one rank may not import each other."""
    top = unit.split(".")[0]
    if unit in BASE or top in BASE:
        return (1, 0)
    if unit in STAGES or (top in STAGES and top != "grouping"):
        return (2, 0)
    for layer, order in ((3, LAYER3), (4, LAYER4)):
        if unit in order or top in order:
            return (layer, order.index(unit if unit in order else top))
    raise AssertionError(f"module dyad.{unit} is in no layer: add it to tests/test_layers.py")


def _imports(path: Path) -> set[str]:
    """Every `dyad` module `path` imports, at the top or inside a function; `from dyad import
    query` counts as importing `dyad.query`."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module == "dyad":
            found.update(f"dyad.{a.name}" if _is_module(a.name) else "dyad" for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("dyad"):
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("dyad"))
    return found


def _is_module(name: str) -> bool:
    return (SRC / name).is_dir() or (SRC / f"{name}.py").is_file()


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
    """Layer 1 modules import each other freely; a stage imports only layer 1 and itself;
    layers 3 and 4 import lower layers and the units declared before them."""
    unit = _unit(module)
    mine = _rank(unit)
    for target in _imports(path):
        other = _unit(target)
        theirs = _rank(other)
        if other == unit or (theirs == mine and other.split(".")[0] == unit.split(".")[0]):
            continue  # inside one unit, or one layer-3 package (`query.charts` to `query.reads`)
        assert theirs < mine or mine == theirs == (1, 0), (
            f"{module} {mine} imports {target} {theirs}: imports go down, and within layers "
            "3 and 4 only to a unit declared earlier in tests/test_layers.py"
        )


@pytest.mark.parametrize(
    ("module", "path"), [m for m in _modules() if m[0].startswith("dyad.spark")], ids=str
)
def test_spark_modules_never_import_the_store(module: str, path: Path) -> None:
    """Spark code runs on executors, which have no store: it reads and writes Parquet; loading
    a run into the store is `dyad.store.loading`, called by `pipeline.load_spark_output`."""
    stored = {t for t in _imports(path) if _unit(t) in ("store", "grouping.stored")}
    assert not stored, f"{module} imports {sorted(stored)}"


def test_spark_executor_modules_load_no_store() -> None:
    code = (
        "import sys, dyad.spark, dyad.spark.grouping, dyad.spark.worker; "
        "print(sorted(m for m in sys.modules if m.startswith(('dyad.store', 'dyad.grouping.s'))))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert loaded.stdout.strip() == "[]"


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


def test_no_module_imports_another_that_imports_it_back() -> None:
    """No import cycles between modules, not even for type hints: a cycle inside one stage
    means a value lives in the wrong module (move it to one both import)."""
    modules = dict(_modules())
    graph = {
        m: {t for t in _imports(p) if t in modules and t != m and not m.startswith(f"{t}.")}
        for m, p in modules.items()
    }
    cycles = [(a, b) for a, targets in graph.items() for b in targets if _reaches(graph, b, a)]
    assert not cycles, f"import cycles through: {sorted(cycles)[:5]}"


def _reaches(graph: dict[str, set[str]], start: str, goal: str) -> bool:
    seen, todo = {start}, [start]
    while todo:
        for nxt in graph[todo.pop()] - seen:
            if nxt == goal:
                return True
            seen.add(nxt)
            todo.append(nxt)
    return False
