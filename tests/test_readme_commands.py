"""Every line of the README's "Command line" block works as pasted after the demo."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer.main

from dyad.cli import app

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")
NOT_RUN = {"serve", "spark", "load-parquet"}  # a server, and Spark with Java: parsed only


def readme_commands() -> list[list[str]]:
    """The `dyad` lines of the Command line block, comments cut, split as a shell would."""
    section = README[README.index("## Command line") : README.index("## Python")]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block, "no sh block under ## Command line"
    lines = [line.split("  #")[0].strip() for line in block.group(1).splitlines()]
    return [shlex.split(line) for line in lines if line and not line.startswith("source ")]


def test_one_command_per_line_and_each_parses() -> None:
    commands = readme_commands()
    assert len(commands) >= 15
    group = typer.main.get_command(app)
    for words in commands:
        assert words[0] == "dyad", words
        assert not {"|", "&&", ";"} & set(words), f"not one command: {shlex.join(words)}"
        try:
            _parse(group, words[1:])
        except typer.Exit as done:  # an eager option such as --version ends parsing
            assert done.exit_code == 0


def _parse(command: Any, args: list[str]) -> None:
    """Parse `args` as the shell line would be, without running the command (a bad option or
    a missing argument raises)."""
    ctx = command.make_context("dyad", list(args), resilient_parsing=False)
    while hasattr(command, "get_command") and (ctx._protected_args or ctx.args):
        name, *rest = [*ctx._protected_args, *ctx.args]
        sub = command.get_command(ctx, name)
        assert sub is not None, f"no command {name!r}"
        ctx, command = sub.make_context(name, rest, parent=ctx), sub


@pytest.mark.model
@pytest.mark.slow
def test_readme_commands_run_after_the_demo(tmp_path: Path) -> None:
    (tmp_path / "src" / "dyad" / "data").mkdir(parents=True)
    (tmp_path / "src" / "dyad" / "data" / "examples").symlink_to(
        REPO / "src" / "dyad" / "data" / "examples"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("DYAD_")}
    demo = _run(["demo"], tmp_path, env)
    assert (tmp_path / "dyad.db").is_file(), "the demo writes the default store"
    assert "Next: dyad events --type REQUEST" in demo.stdout
    for words in readme_commands():
        if words[1] in NOT_RUN:
            continue
        done = _run(words[1:], tmp_path, env)
        if words[1] == "events":
            assert not done.stderr.startswith("0 events"), shlex.join(words)


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-m", "dyad.cli", *args], capture_output=True, text=True, cwd=cwd,
        env=env, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, f"dyad {shlex.join(args)}: {done.stderr}"
    return done
