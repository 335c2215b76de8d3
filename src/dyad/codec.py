"""Model values as JSON and back: `to_dict` / `to_json` write any frozen dataclass of
`dyad.model` (dates as ISO strings, tuples as lists), `from_dict` / `from_json` rebuild it
from its type hints, losslessly. `dyad.model` gives these four names to its callers.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import types
import typing
from typing import Any, TypeVar

T = TypeVar("T")


def to_dict(value: Any) -> Any:
    """A JSON-ready copy of a model value: dates as ISO strings, tuples as lists."""
    cls = type(value)
    if cls in _SCALARS:
        return value
    names = _NAMES.get(cls, ())
    if names == ():
        names = _NAMES[cls] = _field_names(cls)
    if names is not None:
        return {name: to_dict(getattr(value, name)) for name in names}
    if isinstance(value, (tuple, list)):
        return [to_dict(v) for v in value]
    if isinstance(value, dict):
        return {k: to_dict(v) for k, v in value.items()}
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


_SCALARS = frozenset({str, int, float, bool, type(None)})
_NAMES: dict[type, tuple[str, ...] | None] = {}  # a dataclass's field names; None: not one


def _field_names(cls: type) -> tuple[str, ...] | None:
    """The field names of dataclass `cls` in order (the ones `to_dict` writes); None when
    `cls` is not a dataclass (a class object itself is a value of `type`)."""
    if dataclasses.is_dataclass(cls):
        return tuple(f.name for f in dataclasses.fields(cls))
    return None


def to_json(value: Any) -> str:
    """Compact JSON text of a model value, the same as `json.dumps(to_dict(value))` gives but
    written by the C encoder (grouping writes thousands of members per batch)."""
    return json.dumps(value, default=_plain, separators=(",", ":"), ensure_ascii=False)


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON: it is not a model value")


def from_dict(cls: type[T], data: dict[str, Any]) -> T:
    """Rebuild a model value of type `cls` from `to_dict` output."""
    fields = _FIELDS.get(cls) or _fields_of(cls)
    return cls(**{n: d(data[n]) if d else data[n] for n, d in fields if n in data})


def from_json(cls: type[T], text: str) -> T:
    """Rebuild a model value of type `cls` from `to_json` output."""
    return from_dict(cls, json.loads(text))


_Decoder = typing.Callable[[Any], Any]
_FIELDS: dict[type, list[tuple[str, _Decoder | None]]] = {}


def _fields_of(cls: type) -> list[tuple[str, _Decoder | None]]:
    """Each field's name and decoder, built once per class from its type hints."""
    hints = typing.get_type_hints(cls)
    fields = dataclasses.fields(cls)
    _FIELDS[cls] = [(f.name, _or_none(_decoder(hints[f.name]))) for f in fields]
    return _FIELDS[cls]


def _decoder(hint: Any) -> _Decoder | None:
    """How to rebuild a JSON value of type `hint`; None when it is used as it is."""
    hint = without_none(hint)
    origin = typing.get_origin(hint)
    if origin is tuple:
        item = _or_none(_decoder(typing.get_args(hint)[0]))
        return tuple if item is None else (lambda v: tuple(item(x) for x in v))
    if origin is dict:
        return dict
    if hint is dt.date:
        return dt.date.fromisoformat
    if dataclasses.is_dataclass(hint):
        return lambda v: from_dict(hint, v)  # type: ignore[arg-type]  # hint is a dataclass
    return None


def without_none(hint: Any) -> Any:
    """The type `hint` names when its value is there: `X` of `X | None`, else `hint`."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        return next(a for a in typing.get_args(hint) if a is not type(None))
    return hint


def _or_none(decode: _Decoder | None) -> _Decoder | None:
    """`decode` that passes None through (absence stays absence at every level)."""
    if decode is None:
        return None
    return lambda v: None if v is None else decode(v)
