"""Options shared by several commands, declared once.

The event filter options are declared here too: a command names the ones it takes with
`filter_options(...)` and receives them as one checked `EventFilter`, `where`.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from dyad.cli.checks import check_country, check_type
from dyad.cli.output import Format, date_option
from dyad.errors import SettingsError
from dyad.query.filter import EventFilter, parse_bbox, parse_place

if TYPE_CHECKING:
    from dyad.ingest import IngestOptions
    from dyad.settings import Settings

StoreOpt = Annotated[str | None, typer.Option("--store", "-s", help="Event database file.")]
FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]
ActorOpt = Annotated[str | None, typer.Option(help="Actor id or text.")]
RecipientOpt = Annotated[str | None, typer.Option(help="Recipient id or text.")]
CountryOpt = Annotated[str | None, typer.Option(help="ISO alpha-3 of either side.")]
TypeOpt = Annotated[str | None, typer.Option("--type", help="PLOVER event type.")]
PolarityOpt = Annotated[str | None, typer.Option(help="asserted or negated.")]
ModalityOpt = Annotated[str | None, typer.Option(help="actual, planned, ...")]
SinceOpt = Annotated[str | None, typer.Option(help="Earliest event date, YYYY-MM-DD.")]
UntilOpt = Annotated[str | None, typer.Option(help="Latest event date, YYYY-MM-DD.")]
TextOpt = Annotated[str | None, typer.Option(help="Text in the evidence sentence.")]
SourceOpt = Annotated[str | None, typer.Option(help="Publisher or source in the chain.")]
PlaceOpt = Annotated[str | None, typer.Option(help="Place name, GeoNames id or ISO3.")]
BboxOpt = Annotated[str | None, typer.Option(help="west,south,east,north in degrees.")]
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
# Options of the commands that read articles (`dyad ingest`, `dyad spark run`).
ActorsOpt = Annotated[
    list[str] | None, typer.Option("--actors", help="Extra actor dictionary file.")
]
CodebookOpt = Annotated[str | None, typer.Option(help="Codebook file replacing ours.")]
DefaultSourceOpt = Annotated[str | None, typer.Option(help="Publisher of inputs that name none.")]
SettingsFileOpt = Annotated[str | None, typer.Option("--settings", help="Settings file.")]
FieldMapOpt = Annotated[
    list[str] | None,
    typer.Option(help="OURS=THEIRS field name for JSONL/CSV, e.g. text=body. Repeatable."),
]

# Each filter option: its annotation, its `EventFilter` field, and how a value becomes it.
FILTER_OPTIONS: dict[str, tuple[Any, str, Callable[[str], Any]]] = {
    "actor": (ActorOpt, "actor", str),
    "recipient": (RecipientOpt, "recipient", str),
    "country": (CountryOpt, "country", check_country),
    "type_": (TypeOpt, "type", check_type),
    "polarity": (PolarityOpt, "polarity", str),
    "modality": (ModalityOpt, "modality", str),
    "since": (SinceOpt, "date_from", lambda v: date_option(v, "--since")),
    "until": (UntilOpt, "date_to", lambda v: date_option(v, "--until")),
    "text": (TextOpt, "text", str),
    "source": (SourceOpt, "source", str),
    "place": (PlaceOpt, "place", parse_place),
    "bbox": (BboxOpt, "bbox", parse_bbox),
}
EVERY_EVENT = EventFilter()  # the default `where` of a command the filter options stand in for
# The options of the commands that list events (`dyad events`, `dyad spark query`).
EVENT_OPTIONS = ("actor", "recipient", "country", "type_", "since", "until", "text", "source")
KEYWORD = inspect.Parameter.POSITIONAL_OR_KEYWORD
Command = TypeVar("Command", bound=Callable[..., None])


def filter_options(*names: str, raw: tuple[str, ...] = ()) -> Callable[[Command], Command]:
    """Give a command the filter options `names`, in that order, where its `where` parameter
    stands: typer shows the options, and the command receives the `EventFilter` of them,
    country and type checked, dates and places read; the options in `raw` are taken as
    typed."""

    def decorate(command: Command) -> Command:
        params = list(inspect.signature(command, eval_str=True).parameters.values())
        at = [p.name for p in params].index("where")
        options = [
            inspect.Parameter(n, KEYWORD, default=None, annotation=FILTER_OPTIONS[n][0])
            for n in names
        ]

        @functools.wraps(command)
        def run(**values: Any) -> None:
            fields: dict[str, Any] = {}
            for name in names:
                _, field, read = FILTER_OPTIONS[name]
                value = values.pop(name)
                if value is not None:
                    fields[field] = value if name in raw else read(value)
            command(**values, where=EventFilter(**fields))

        shown = [*params[:at], *options, *params[at + 1 :]]
        run.__signature__ = inspect.Signature(shown, return_annotation=None)  # type: ignore[attr-defined]  # typer reads the signature
        run.__annotations__ = {p.name: p.annotation for p in shown}
        return run  # type: ignore[return-value]  # same call as typer makes it, other parameters

    return decorate


def ingest_options(
    settings: Settings, field_map: list[str] | None, source: str | None
) -> IngestOptions:
    """How the reading commands read inputs: --field-map, --source and the size settings."""
    from dyad.ingest import IngestOptions

    pairs = field_map or []
    bad = [i for i in pairs if i.count("=") != 1]
    if bad:
        raise SettingsError(f"--field-map {bad[0]!r}: write OURS=THEIRS, e.g. text=body")
    return IngestOptions(
        field_map=dict(i.split("=") for i in pairs),
        max_chars=settings.max_chars,
        min_chars=settings.min_chars,
        default_source=source,
    )
