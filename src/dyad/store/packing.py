"""Model records packed for the store, and rebuilt exactly as `to_dict` writes them.

A packed record is JSON without what can be rebuilt: each dataclass is the list of its
fields' values in declaration order (no key names), without the trailing values equal to
their defaults; a span is `[start, end]`, its text read back from the article text (`[start,
end, text]` when the text differs from that slice); a place is its GeoNames id when the
store's `places` table holds the same place under that id. `Packer.unpack` gives back the
`to_dict` output, key order and value types included, so the JSON a user reads is the same
byte for byte.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import typing
from collections.abc import Callable, Collection, Mapping
from typing import Any

from dyad.codec import without_none
from dyad.model import Place, Span, to_dict

Packed = Any
T = typing.TypeVar("T")
_Codec = tuple[Callable[["Packer", Any], Any], Callable[["Packer", Any], Any]]
_Maker = Callable[["Packer", Any], Any]
_MISSING = object()


class Packer:
    """Packs and unpacks the records of one article (`text`), with the store's places."""

    def __init__(self, text: str | None, places: Mapping[int, list[Any]] | None = None) -> None:
        self.text = text  # None: spans keep their text (a record read apart from its article)
        self.places: Mapping[int, list[Any]] = {} if places is None else places

    def pack(self, cls: type, data: dict[str, Any]) -> list[Any]:
        """The packed form of `data`, a `to_dict` of a `cls` value."""
        fields = _schema(cls)
        values = [
            v if codec is None or v is None else codec[0](self, v)
            for (name, codec, _), v in zip(fields, (data[f[0]] for f in fields), strict=True)
        ]
        while values and _same(values[-1], fields[len(values) - 1][2]):
            values.pop()
        return values

    def unpack(
        self, cls: type, packed: list[Any], only: Collection[str] | None = None
    ) -> dict[str, Any]:
        """The `to_dict` output `packed` was made from; with `only`, just those fields (in
        their order), the others left packed and unread."""
        out: dict[str, Any] = {}
        for i, (name, codec, default) in enumerate(_schema(cls)):
            if only is not None and name not in only:
                continue
            if i < len(packed):
                v = packed[i]
                out[name] = v if codec is None or v is None else codec[1](self, v)
            else:
                out[name] = _fresh(default)
        return out

    def build(self, cls: type[T], packed: list[Any]) -> T:
        """The model value `packed` was made from, built directly (as `from_dict` of
        `unpack` would, without the dict between); cut trailing fields take their defaults."""
        values = [
            v if make is None or v is None else make(self, v)
            for make, v in zip(_makers(cls), packed, strict=False)
        ]
        return cls(*values)

    def build_span(self, packed: list[Any]) -> Span:
        start, end = packed[0], packed[1]
        text = packed[2] if len(packed) > 2 else typing.cast(str, self.text)[start:end]
        return Span(start, end, text)

    def build_place(self, packed: Any) -> Place:
        return self.build(Place, self.places[packed] if isinstance(packed, int) else packed)

    def pack_span(self, data: dict[str, Any]) -> list[Any]:
        start, end, text = data["start"], data["end"], data["text"]
        if self.text is not None and self.text[start:end] == text:
            return [start, end]
        return [start, end, text]

    def unpack_span(self, packed: list[Any]) -> dict[str, Any]:
        start, end = packed[0], packed[1]
        text = packed[2] if len(packed) > 2 else typing.cast(str, self.text)[start:end]
        return {"start": start, "end": end, "text": text}

    def pack_place(self, data: dict[str, Any]) -> Any:
        packed = self.pack(Place, data)
        return data["geonameid"] if self.places.get(data["geonameid"]) == packed else packed

    def unpack_place(self, packed: Any) -> dict[str, Any]:
        return self.unpack(Place, self.places[packed] if isinstance(packed, int) else packed)


def place_row(place: Place) -> list[Any]:
    """The packed place the `places` table keeps under its GeoNames id."""
    return Packer(None).pack(Place, to_dict(place))


def _same(value: Any, default: Any) -> bool:
    """Equal and of the same type (1 is not 1.0 in JSON, nor False 0)."""
    return default is not _MISSING and type(value) is type(default) and value == default


def _fresh(default: Any) -> Any:
    return (
        list(default)
        if isinstance(default, list)
        else dict(default)
        if isinstance(default, dict)
        else default
    )


_SCHEMAS: dict[type, list[tuple[str, _Codec | None, Any]]] = {}


def _schema(cls: type) -> list[tuple[str, _Codec | None, Any]]:
    """Each field of `cls`: its name, how to pack it (None: as it is), its default as
    `to_dict` writes it (or `_MISSING`)."""
    found = _SCHEMAS.get(cls)
    if found is not None:
        return found
    hints = typing.get_type_hints(cls)
    found = []
    for f in dataclasses.fields(cls):
        if f.default is not dataclasses.MISSING:
            default = to_dict(f.default)
        elif f.default_factory is not dataclasses.MISSING:
            default = to_dict(f.default_factory())
        else:
            default = _MISSING
        found.append((f.name, _codec(hints[f.name]), default))
    _SCHEMAS[cls] = found
    return found


_MAKERS: dict[type, list[_Maker | None]] = {}


def _makers(cls: type) -> list[_Maker | None]:
    """How to build each field of `cls` from its packed value (None: as it is)."""
    found = _MAKERS.get(cls)
    if found is None:
        hints = typing.get_type_hints(cls)
        found = _MAKERS[cls] = [_maker(hints[f.name]) for f in dataclasses.fields(cls)]
    return found


def _maker(hint: Any) -> _Maker | None:
    """How to build a value of type `hint` from its packed form; None when used as it is."""
    hint = without_none(hint)
    origin = typing.get_origin(hint)
    if origin is tuple:
        item = _maker(typing.get_args(hint)[0])
        if item is None:
            return lambda p, v: tuple(v)
        return lambda p, v: tuple([item(p, x) for x in v])
    if origin is dict:
        return lambda p, v: dict(v)
    if hint is dt.date:
        return lambda p, v: dt.date.fromisoformat(v)
    if hint is Span:
        return Packer.build_span
    if hint is Place:
        return Packer.build_place
    if dataclasses.is_dataclass(hint):
        cls = typing.cast(type, hint)
        return lambda p, v: p.build(cls, v)
    return None


def _codec(hint: Any) -> _Codec | None:
    """How to pack and unpack a `to_dict` value of type `hint`; None when kept as it is."""
    hint = without_none(hint)
    origin = typing.get_origin(hint)
    if origin is tuple:
        item = _codec(typing.get_args(hint)[0])
        if item is None:
            return None
        pack, unpack = item
        return (
            lambda p, v: [pack(p, x) for x in v],
            lambda p, v: [unpack(p, x) for x in v],
        )
    if hint is Span:
        return (Packer.pack_span, Packer.unpack_span)
    if hint is Place:
        return (Packer.pack_place, Packer.unpack_place)
    if dataclasses.is_dataclass(hint):
        cls = typing.cast(type, hint)
        return (lambda p, v: p.pack(cls, v), lambda p, v: p.unpack(cls, v))
    return None
