"""The gate cannot be skipped in CI: missing gold data, or a skipped quality test, fails the run.

Each test runs pytest in a subprocess, with and without `CI=true`, as `.ci/run` would.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parents[1]


def run_pytest(
    args: list[str], *, ci: bool, data_dir: Path, cwd: Path
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env.update(DYAD_DATA_DIR=str(data_dir), PYTHONPATH=os.pathsep.join([str(TESTS), *sys.path]))
    if ci:
        env["CI"] = "true"
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args]
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize(("ci", "code"), [(True, 1), (False, 0)], ids=["ci-fails", "local-skips"])
def test_missing_gold_data_fails_only_in_ci(tmp_path: Path, ci: bool, code: int) -> None:
    missing = tmp_path / "no-gold"
    gate = str(TESTS / "quality" / "test_gate.py")
    done = run_pytest(
        [gate, "-k", "plover_gsr and floors", "-rs"], ci=ci, data_dir=missing, cwd=TESTS.parent
    )
    out = done.stdout + done.stderr
    assert done.returncode == code, out
    assert f"gold data not found at {missing}" in out
    assert "DYAD_DATA_DIR" in out
    assert ("2 errors" if ci else "2 skipped") in out


def test_a_quality_test_skipped_in_ci_fails_the_run(tmp_path: Path) -> None:
    tiny = """
import pytest

@pytest.mark.quality
def test_skips():
    pytest.skip("no data")

def test_passes():
    assert True
"""
    (tmp_path / "test_tiny.py").write_text(tiny, encoding="utf-8")
    # `-p conftest` loads tests/conftest.py, the hooks under test, as a plugin.
    args = ["-p", "conftest", "test_tiny.py"]
    in_ci = run_pytest(args, ci=True, data_dir=tmp_path, cwd=tmp_path)
    local = run_pytest(args, ci=False, data_dir=tmp_path, cwd=tmp_path)
    assert in_ci.returncode == 1, in_ci.stdout + in_ci.stderr
    assert "quality gate skipped in CI" in in_ci.stdout
    assert local.returncode == 0, local.stdout + local.stderr
    assert "1 passed, 1 skipped" in local.stdout
