"""The docs keep up with the code: every CLI command is in the README."""

from __future__ import annotations

from pathlib import Path

import typer.main

from dyad.cli import app

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_every_command_is_in_the_readme() -> None:
    group = typer.main.get_command(app)
    names = sorted(group.commands)  # type: ignore[attr-defined]  # a click Group
    assert len(names) > 10
    missing = [n for n in names if f"dyad {n}" not in README]
    assert not missing, f"commands missing from README.md: {missing}"


def test_the_two_commands_open_the_readme() -> None:
    head = README[: README.index("## Command line")]
    assert "bash scripts/demo.sh" in head and "bash scripts/test.sh" in head
