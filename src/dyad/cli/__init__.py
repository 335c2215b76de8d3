"""The `dyad` command line. Results go to stdout, progress and messages to stderr.

This package is the CLI's one translation point for errors: a `DyadError` becomes a message
on stderr and exit code 1.
"""

from __future__ import annotations

import re
import sys
from typing import Annotated

import typer

from dyad.errors import DyadError, FilterError

app = typer.Typer(
    name="dyad",
    help="Dated news articles in, a queryable record of political events out.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        from dyad.version import __version__

        typer.echo(f"dyad {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
) -> None:
    """Dated news articles in, a queryable record of political events out."""


# Each module adds its commands to `app` when imported.
from dyad.cli import actors, articles, evaluation, export, ingest, serve, spark, stories  # noqa: E402, F401

# The query layer names a filter's parameters as the HTTP API does; the options differ.
OPTIONS = {"date_from": "--since", "date_to": "--until"}


def main() -> None:
    """Entry point of the `dyad` script."""
    try:
        app()
    except DyadError as exc:
        typer.echo(f"dyad: error: {_message(exc)}", err=True)
        sys.exit(1)


def _message(exc: DyadError) -> str:
    """The error's message, a filter's parameters spelt as the command-line options."""
    if not isinstance(exc, FilterError):
        return str(exc)
    text = exc.message
    if exc.parameter not in OPTIONS and text.startswith(f"{exc.parameter} "):
        text = f"--{text}"
    return re.sub(r"\b(date_from|date_to)\b", lambda m: OPTIONS[m.group(1)], text)
