"""Options shared by several commands, declared once."""

from __future__ import annotations

from typing import Annotated

import typer

from dyad.cli.output import Format

StoreOpt = Annotated[str | None, typer.Option("--store", "-s", help="Event database file.")]
FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]
ActorOpt = Annotated[str | None, typer.Option(help="Actor id or text.")]
RecipientOpt = Annotated[str | None, typer.Option(help="Recipient id or text.")]
CountryOpt = Annotated[str | None, typer.Option(help="ISO alpha-3 of either side.")]
TypeOpt = Annotated[str | None, typer.Option("--type", help="PLOVER event type.")]
SinceOpt = Annotated[str | None, typer.Option(help="Earliest event date, YYYY-MM-DD.")]
UntilOpt = Annotated[str | None, typer.Option(help="Latest event date, YYYY-MM-DD.")]
TextOpt = Annotated[str | None, typer.Option(help="Text in the evidence sentence.")]
SourceOpt = Annotated[str | None, typer.Option(help="Publisher or source in the chain.")]
MinConfidenceOpt = Annotated[
    float | None,
    typer.Option(
        "--min-confidence",
        min=0.0,
        max=1.0,
        help="Hide events under this confidence (default: the setting; 0 shows all).",
    ),
]
WideOpt = Annotated[
    bool, typer.Option("--wide", help="Tables: every column, even past the terminal's width.")
]
