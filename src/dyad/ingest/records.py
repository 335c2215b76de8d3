"""Record formats: JSON Lines and CSV/TSV, one article per record, read one line at a time."""

from __future__ import annotations

import csv
import json
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from functools import partial
from typing import Any, BinaryIO

from dyad.ingest.articles import FIELDS, Fields, IngestOptions, build_article, guarded
from dyad.ingest.streams import Line, lines
from dyad.model import Article, Rejected

LINE_SLACK = 65_536  # bytes of metadata allowed on a record's line beside its text


def line_limit(options: IngestOptions) -> int:
    """Longest line, in bytes, that can still hold an acceptable article."""
    return options.max_chars * 4 + LINE_SLACK


def read_jsonl(
    stream: BinaryIO, origin: str, options: IngestOptions
) -> Iterator[Article | Rejected]:
    """One article per JSON object line; blank lines are skipped."""
    for line in lines(stream, line_limit(options)):
        where = f"{origin}:{line.number}"
        text = _line_text(line, where, options)
        if isinstance(text, Rejected):
            yield text
        elif text.strip():
            yield guarded(where, partial(_json_record, text, where, options))


def _line_text(line: Line, where: str, options: IngestOptions) -> str | Rejected:
    if line.data is None:
        return _line_too_long(where, options)
    text = strict_utf8(line.data)
    if text is None:
        return Rejected(
            where,
            "undecodable",
            f"{where}: the line is not valid UTF-8; convert the file to UTF-8 "
            "(for example `iconv -f WINDOWS-1252 -t UTF-8`) and read it again",
        )
    return text.lstrip("\ufeff") if line.number == 1 else text


def strict_utf8(data: bytes) -> str | None:
    """`data` as UTF-8, or None when any byte is not valid UTF-8."""
    text = data.decode("utf-8", errors="replace")
    if text.count("\ufffd") != data.count("\ufffd".encode()):
        return None
    return text


def _json_record(text: str, where: str, options: IngestOptions) -> Article | Rejected:
    try:
        record = json.loads(text)
    except (ValueError, RecursionError) as error:
        return Rejected(
            where, "bad-json", f"{where}: not valid JSON ({error}); write one JSON object per line"
        )
    if not isinstance(record, dict):
        hint = (
            " (a JSON array: write one object per line, `jq -c '.[]'`)"
            if isinstance(record, list)
            else ""
        )
        return Rejected(
            where,
            "bad-record",
            f"{where}: expected a JSON object with a text field, "
            f"found {type(record).__name__}{hint}",
        )
    return record_article(record, where, options)


def record_article(
    record: Mapping[str, Any], where: str, options: IngestOptions
) -> Article | Rejected:
    """The article in one JSON object or CSV row, keyed by the input's field names."""
    values: dict[str, str | None] = {}
    for ours in FIELDS:
        value = record.get(options.name_of(ours))
        if isinstance(value, (dict, list, bool)):
            return Rejected(
                where,
                "bad-record",
                f"{where}: field {options.name_of(ours)!r} holds a {type(value).__name__}, "
                "expected a string; fix the record",
            )
        values[ours] = None if value is None else str(value)
    meta = {k: v.strip() or None for k, v in values.items() if v is not None}
    fields = Fields(
        text=values["text"],
        date=meta.get("date"),
        id=meta.get("id"),
        source=meta.get("source"),
        title=meta.get("title"),
        url=meta.get("url"),
    )
    return build_article(fields, where, options)


def read_csv(
    stream: BinaryIO, origin: str, options: IngestOptions, *, delimiter: str = ","
) -> Iterator[Article | Rejected]:
    """One article per row of a CSV (or TSV) file whose header names the fields.

    The csv module runs strict, so a quote never closed (or closed mid-field) is an error rather
    than a field that silently swallows the rows after it; those rows are read again on their own.
    """
    problems: dict[int, Rejected] = {}
    source = _Replayable(_csv_lines(lines(stream, line_limit(options)), origin, options, problems))
    _allow_fields(line_limit(options))
    reader = csv.reader(source, delimiter=delimiter, strict=True)
    lowered = _lowered(options)
    header: list[str] | None = None
    for row in _rows(reader):
        taken = source.row_done()
        if not taken:
            continue
        start, end = taken[0][0], taken[-1][0]
        if isinstance(row, str):
            source.replay(taken[1:])
            problems.pop(start, None)
            yield _csv_error(f"{origin}:{start}", row, spans=end > start)
            continue
        bad = next((problems.pop(n) for n in range(start, end + 1) if n in problems), None)
        if bad is not None:
            yield bad
        elif header is None:
            header = row
            missing = _missing_text_column(header, origin, options)
            if missing is not None:
                yield missing
                return
        elif row and any(cell.strip() for cell in row):
            where = f"{origin}:{start}"
            yield guarded(where, partial(_row_article, header, row, where, lowered))


class _Replayable:
    """Numbered lines for the csv reader that can be given again after a bad row.

    A bad row's lines after its first are replayed, so that an unclosed quote costs one row.
    """

    def __init__(self, source: Iterator[tuple[int, str]]) -> None:
        self._source = source
        self._pending: deque[tuple[int, str]] = deque()
        self._taken: list[tuple[int, str]] = []

    def __iter__(self) -> _Replayable:
        return self

    def __next__(self) -> str:
        item = self._pending.popleft() if self._pending else next(self._source)
        self._taken.append(item)
        return item[1]

    def row_done(self) -> list[tuple[int, str]]:
        """The numbered lines the reader took since the last call."""
        taken, self._taken = self._taken, []
        return taken

    def replay(self, items: list[tuple[int, str]]) -> None:
        """Give `items` again, before any line not yet read."""
        self._pending.extendleft(reversed(items))


def _csv_lines(
    source: Iterable[Line], origin: str, options: IngestOptions, problems: dict[int, Rejected]
) -> Iterator[tuple[int, str]]:
    """Numbered decoded lines for the csv reader; a bad line's problem is noted in `problems`.

    An undecodable line is still given (with U+FFFD for its bad bytes) so that its quotes keep
    the rows around it in step; the row holding it is rejected.
    """
    for line in source:
        text = _line_text(line, f"{origin}:{line.number}", options)
        if isinstance(text, Rejected):
            problems[line.number] = text
            raw = "\n" if line.data is None else line.data.decode("utf-8", errors="replace")
            yield line.number, raw
        else:
            yield line.number, text


def _rows(reader: Any) -> Iterator[list[str] | str]:
    """Rows; a row the csv module cannot parse comes as its error."""
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:  # the reader resets and goes on with the next line
            yield str(error)
            continue
        yield row


def _allow_fields(limit: int) -> None:
    # The csv module's field limit is process-wide (128 KiB by default); raise it, never lower
    # it, so that texts up to max_chars fit in one field.
    if csv.field_size_limit() < limit:
        csv.field_size_limit(limit)


def _missing_text_column(header: list[str], origin: str, options: IngestOptions) -> Rejected | None:
    names = [name.strip().lower() for name in header]
    if options.name_of("text").lower() in names:
        return None
    return Rejected(
        f"{origin}:1",
        "missing-column",
        f"{origin}:1: the CSV header ({', '.join(header)[:200]}) has no "
        f"{options.name_of('text')!r} column, so no row can be read; name the text column "
        "'text' or map it with field_map={'text': 'YOUR_NAME'}",
    )


def _row_article(
    header: list[str], row: list[str], where: str, options: IngestOptions
) -> Article | Rejected:
    if len(row) > len(header):
        return Rejected(
            where,
            "bad-record",
            f"{where}: the row has {len(row)} fields but the header has {len(header)}; "
            "quote fields that contain the delimiter",
        )
    names = [name.strip().lower() for name in header]
    record = {name: (cell if cell != "" else None) for name, cell in zip(names, row, strict=False)}
    return record_article(record, where, options)


def _lowered(options: IngestOptions) -> IngestOptions:
    """`options` with field_map names lower-cased, as CSV header names are matched."""
    return IngestOptions(
        field_map={ours: theirs.strip().lower() for ours, theirs in options.field_map.items()},
        max_chars=options.max_chars,
        min_chars=options.min_chars,
        default_source=options.default_source,
    )


def _csv_error(where: str, error: str, *, spans: bool) -> Rejected:
    why = (
        "; a quote opened on this line is not closed where its field ends, so the lines after "
        "it were read again as rows of their own"
        if spans
        else ""
    )
    return Rejected(
        where,
        "bad-csv",
        f"{where}: the CSV row cannot be parsed ({error}){why}; fix the row (a quote inside a "
        'quoted field is written twice: "")',
    )


def _line_too_long(where: str, options: IngestOptions) -> Rejected:
    return Rejected(
        where,
        "too-long",
        f"{where}: the line is longer than {line_limit(options):,} bytes, too long for an article "
        f"of at most max_chars={options.max_chars:,}; it was skipped, split it or raise max_chars",
    )
