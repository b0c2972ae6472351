"""Reading a director's CSV file leniently, and reporting what is wrong by row and column.

Files come from Excel on Windows, from Google Sheets and from hand edits, so the reader
accepts UTF-8 with or without a BOM, UTF-16 with a BOM and, failing those, Windows-1252;
a comma, semicolon or tab delimiter; any line endings; quoted newlines. Anything it
cannot read becomes a ``RowProblem``, never a traceback.

Row numbers are those a spreadsheet shows: the header is row 1, the first data row is
row 2, and a record with a quoted newline is still one row.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from ..domain.validation import Problem

#: the csv module's default field size limit; we report longer cells instead of raising
#: the process-wide limit
FIELD_SIZE_LIMIT = 131_072

#: spreadsheet programs guard a cell starting with these against being run as a formula
#: by putting an apostrophe in front (see export_csv); reading undoes it.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

#: how much of a file ``read_csv_head`` reads at first (it reads more for a long header)
HEAD_BYTES = 64 * 1024

#: a long read calls its ``progress`` once every this many rows
PROGRESS_EVERY = 2048

#: a long text is decoded and split into lines this much at a time: each step is one
#: call into C that holds the interpreter, so a window reading in a worker thread
#: would freeze for the whole 13 MB of a 100,000-row file in one (40-80 ms)
CHUNK = 1 << 20


class ReadStage(StrEnum):
    """What a long read is doing when it calls its ``progress``."""

    #: splitting the file into records; ``total`` is the file's number of lines
    READING = "reading"
    #: matching cells to our columns and cleaning them; ``total`` is the data rows
    CHECKING = "checking"
    #: turning cells into dates, hours and records; ``total`` is the data rows
    CONVERTING = "converting"


#: ``progress(stage, done, total)``, called now and then by a long read in the thread
#: doing it (a caller that wants to stop the read raises from it)
ReadProgress = Callable[[ReadStage, int, int], None]


@dataclass(frozen=True, slots=True)
class RowProblem:
    """One thing wrong with one row (and column) of a CSV file. Row 1 is the header."""

    row: int
    column: str | None
    message: str
    #: the sheet of a workbook the row is on (None: a CSV file)
    sheet: str | None = None

    def __str__(self) -> str:
        where = f"row {self.row}" if self.sheet is None else f"sheet {self.sheet}, row {self.row}"
        if self.column is None:
            return f"{where}: {self.message}"
        return f"{where}, column {self.column}: {self.message}"


class CsvImportError(Exception):
    """A CSV file that cannot be imported; ``problems`` lists every reason, by row."""

    def __init__(self, problems: list[RowProblem], note: str | None = None) -> None:
        self.problems = sorted(problems, key=lambda p: p.row)
        self.note = note
        super().__init__("\n".join(str(p) for p in self.problems))


@dataclass(frozen=True, slots=True)
class ColumnSpec:
    """The columns one kind of file may have.

    ``one_of`` lists groups of columns of which at least one group must be present in
    full (training: ``mopd_id``, or ``first_name`` and ``last_name``). ``ignored``
    columns are read past (the export-only columns of our own exports).
    """

    known: tuple[str, ...]
    required: tuple[str, ...] = ()
    one_of: tuple[tuple[str, ...], ...] = ()
    ignored: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True, slots=True)
class FileStamp:
    """A file's size and modification time when it was read: a different stamp now
    means the file changed since, and what was read of it is out of date."""

    size: int
    mtime_ns: int


def file_stamp(path: str | os.PathLike[str]) -> FileStamp:
    """The stamp of ``path`` now (``OSError`` when it cannot be looked at)."""
    info = os.stat(path)
    return FileStamp(info.st_size, info.st_mtime_ns)


@dataclass(frozen=True, slots=True)
class CsvRecords:
    """A CSV file read once: its non-blank records, header first, each with its
    spreadsheet row number, before the header is matched to any columns."""

    name: str
    records: list[tuple[int, list[str]]]
    encoding: str
    note: str | None
    #: the file as it was when read
    stamp: FileStamp


@dataclass(frozen=True, slots=True)
class CsvTable:
    """A read CSV file.

    ``header`` is the file's header cells as written (trimmed), for the column-mapping
    dialog; ``rows`` holds (spreadsheet row number, {our column name: trimmed cell}).
    """

    header: list[str]
    rows: list[tuple[int, dict[str, str]]]
    encoding: str
    note: str | None


def header_key(text: str) -> str:
    """How headers are compared: trimmed, case-insensitive, Unicode NFC."""
    return unicodedata.normalize("NFC", text).strip().casefold()


def read_csv_table(
    path: str | os.PathLike[str],
    column_map: Mapping[str, str] | None = None,
    *,
    spec: ColumnSpec | None = None,
) -> CsvTable:
    """Read ``path`` into rows keyed by our column names.

    ``column_map`` maps a file's header (any case) to one of our column names; mapping
    a header to ``""`` ignores that column. With ``spec`` the columns are checked:
    unknown, duplicate and missing columns are reported together as row-1 problems.
    Raises ``CsvImportError``; an unreadable path raises ``OSError`` as usual.
    """
    table, problems = read_csv_table_with_problems(path, column_map, spec=spec)
    if problems:
        raise CsvImportError(problems, table.note)
    return table


def read_csv_table_with_problems(
    path: str | os.PathLike[str],
    column_map: Mapping[str, str] | None = None,
    *,
    spec: ColumnSpec | None = None,
) -> tuple[CsvTable, list[RowProblem]]:
    """``read_csv_table``, but a bad data row is left out of the table and reported in
    the list instead of raising, so an import can report it together with what its
    later checks find in the other rows.

    A file that cannot be read as a whole (bad header, broken quoting, NUL bytes)
    still raises ``CsvImportError``: there are no rows to go on checking.
    """
    return table_from_records(read_csv_records(path), column_map, spec=spec)


def read_csv_records(
    path: str | os.PathLike[str], *, progress: ReadProgress | None = None
) -> CsvRecords:
    """Read ``path`` once into its records (the slow part of reading a file).

    A file that cannot be read as a whole (NUL bytes, empty, broken quoting) raises
    ``CsvImportError``; an unreadable path raises ``OSError`` as usual.
    """
    name = os.path.basename(os.fspath(path))
    with open(path, "rb") as handle:
        # the stamp before the bytes: a change made while reading shows as a change
        info = os.fstat(handle.fileno())
        data = handle.read()
    stamp = FileStamp(info.st_size, info.st_mtime_ns)
    text, encoding, note = _decode(data, name)
    del data
    if "\x00" in text:
        raise CsvImportError(
            [
                RowProblem(
                    1,
                    None,
                    f"{name} contains NUL bytes, so it is not a CSV text file (save it from "
                    "the spreadsheet as 'CSV UTF-8 (Comma delimited)')",
                )
            ],
            note,
        )
    if not text or text.isspace():  # strip() would copy it all
        raise CsvImportError([RowProblem(1, None, f"{name} is empty: a header row is required")])
    lines = text.count("\n") + (not text.endswith("\n"))
    if progress is not None:
        progress(ReadStage.READING, 0, lines)
    records = _split_records(text, note, progress, lines)
    if not records:
        raise CsvImportError([RowProblem(1, None, f"{name} is empty: a header row is required")])
    return CsvRecords(name, records, encoding, note, stamp)


def release_records(source: CsvRecords) -> None:
    """Let go of a read file's records a slice at a time, once its table is made.

    Freeing 100,000 records at once is one call into C that holds the interpreter for
    50 ms; a window whose worker thread reads the file would freeze for as long.
    """
    records = source.records
    while records:
        del records[-PROGRESS_EVERY:]


def _split_records(
    text: str, note: str | None, progress: ReadProgress | None = None, lines: int = 0
) -> list[tuple[int, list[str]]]:
    """The non-blank records of ``text`` with their spreadsheet row numbers."""
    reader = csv.reader(_lines(text), delimiter=_delimiter(text), strict=True)
    records: list[tuple[int, list[str]]] = []
    record_number = 0
    try:
        for record in reader:
            record_number += 1
            records.append((record_number, record))
            if progress is not None and not record_number % PROGRESS_EVERY:
                progress(ReadStage.READING, record_number, lines)
    except csv.Error as error:
        raise CsvImportError(
            [RowProblem(record_number + 1, None, _csv_error_message(str(error)))], note
        ) from None
    # The header is the first non-blank record; blank records are skipped but keep
    # their numbers, so row numbers match what the spreadsheet shows.
    return [(number, cells) for number, cells in records if any(map(str.strip, cells))]


def read_csv_head(path: str | os.PathLike[str], rows: int = 1) -> CsvTable:
    """The header and the first ``rows`` data rows of ``path``, reading only the start
    of the file (for choosing columns before the file is read in full).

    Raises ``CsvImportError`` when not even the header can be read; an unreadable path
    raises ``OSError``. The note and the rows are those of the start of the file.
    """
    name = os.path.basename(os.fspath(path))
    size = HEAD_BYTES
    with open(path, "rb") as handle:
        info = os.fstat(handle.fileno())
        while True:
            handle.seek(0)
            data = handle.read(size)
            at_end = len(data) < size or not handle.read(1)
            text, encoding, note = _decode(data, name, final=at_end)
            try:
                records = _split_records(text, note)
            except CsvImportError:
                if at_end:
                    raise
                records = []  # a quoted cell cut off where the read stopped
            if not at_end:
                records = records[:-1]  # the last one may be cut off
            if len(records) > rows or at_end:
                break
            size *= 4
    if not records:
        raise CsvImportError([RowProblem(1, None, f"{name} is empty: a header row is required")])
    stamp = FileStamp(info.st_size, info.st_mtime_ns)
    source = CsvRecords(name, records[: rows + 1], encoding, note, stamp)
    try:
        table, _problems = table_from_records(source)
    except CsvImportError:  # a header with a column twice: the header, no rows
        header = [unicodedata.normalize("NFC", cell).strip() for cell in records[0][1]]
        return CsvTable(header=header, rows=[], encoding=encoding, note=note)
    return table


def table_from_records(
    source: CsvRecords,
    column_map: Mapping[str, str] | None = None,
    *,
    spec: ColumnSpec | None = None,
    progress: ReadProgress | None = None,
) -> tuple[CsvTable, list[RowProblem]]:
    """``read_csv_table_with_problems`` of a file already read: its rows under our
    column names, the bad ones left out and reported. A bad header raises
    ``CsvImportError``."""
    records, note = source.records, source.note
    header_row, raw_header = records[0]
    header = [unicodedata.normalize("NFC", cell).strip() for cell in raw_header]
    columns, problems = _resolve_header(header, header_row, column_map, spec)
    header_is_bad = bool(problems)

    rows: list[tuple[int, dict[str, str]]] = []
    width = len(header)
    total = len(records) - 1
    if progress is not None:
        progress(ReadStage.CHECKING, 0, total)
    # A file repeats the same titles, dates, hours and names over thousands of rows:
    # each distinct cell is cleaned once. A cell too long to keep sends its row (and
    # the rest) down the cell-by-cell path that reports it.
    too_long: set[str] = set()
    cleaned = _CleanedCells(too_long)
    read = [(index, column) for index, column in enumerate(columns) if column is not None]
    read_names = [column for _, column in read]
    plain = len(read) == width  # every column is read: a row maps cell by cell
    for done, (number, cells) in enumerate(records[1:], start=1):
        if progress is not None and not done % PROGRESS_EVERY:
            progress(ReadStage.CHECKING, done, total)
        if len(cells) > width and any(map(str.strip, cells[width:])):
            problems.append(
                RowProblem(
                    number,
                    None,
                    f"has {len(cells)} cells but the header has {width} columns "
                    "(is a delimiter or quote mark out of place?)",
                )
            )
            continue
        if plain and len(cells) == width:
            # the lengths are equal (checked above)
            values = dict(zip(read_names, map(cleaned.__getitem__, cells), strict=False))
            if not too_long:
                rows.append((number, values))
                continue
        values = {}
        known_problems = len(problems)
        for index, column in enumerate(columns):
            if column is None:
                if index < len(cells) and cells[index].strip() and not header[index]:
                    problems.append(
                        RowProblem(
                            number,
                            None,
                            f"has a value in column {index + 1}, which has no header",
                        )
                    )
                continue
            cell = cells[index] if index < len(cells) else ""
            if len(cell) > FIELD_SIZE_LIMIT:
                problems.append(
                    RowProblem(number, column, f"is longer than {FIELD_SIZE_LIMIT:,} characters")
                )
                continue
            values[column] = cleaned[cell]
        if len(problems) == known_problems:
            rows.append((number, values))
    if header_is_bad:
        raise CsvImportError(problems, note)
    return CsvTable(header=header, rows=rows, encoding=source.encoding, note=note), problems


def record_problems(
    number: int, problems: list[Problem], already: list[RowProblem]
) -> list[RowProblem]:
    """A record's validation problems as row problems, leaving out columns whose cell
    was already reported (a bad date is not also reported as missing)."""
    if not problems:
        return []
    reported = {p.column for p in already}
    return [
        RowProblem(number, problem.field, problem.message)
        for problem in problems
        if problem.field not in reported
    ]


class _CleanedCells(dict[str, str]):
    """``clean_cell`` of each distinct cell, once; notes the cells too long to keep."""

    def __init__(self, too_long: set[str]) -> None:
        super().__init__()
        self._too_long = too_long

    def __missing__(self, cell: str) -> str:
        if len(cell) > FIELD_SIZE_LIMIT:
            self._too_long.add(cell)
        value = self[cell] = clean_cell(cell)
        return value


def clean_cell(cell: str) -> str:
    """A cell as we store it: trimmed, NFC, with an export's formula guard undone."""
    # ASCII text is already NFC; skipping the call saves a second per 100,000 rows
    value = (cell if cell.isascii() else unicodedata.normalize("NFC", cell)).strip()
    if len(value) > 1 and value[0] == "'" and value[1] in FORMULA_TRIGGERS:
        value = value[1:].strip()
    return value


def _lines(text: str) -> Iterator[str]:
    """The lines of ``text`` for ``csv.reader``, as ``io.StringIO(text, newline="")``
    gives them, a piece at a time (one StringIO of the whole would copy it at once)."""
    start = 0
    while start < len(text):
        end = text.find("\n", start + CHUNK)
        end = len(text) if end < 0 else end + 1
        yield from io.StringIO(text[start:end], newline="")
        start = end


def _decode(data: bytes, name: str, *, final: bool = True) -> tuple[str, str, str | None]:
    """(text, encoding name, note) for the bytes of a CSV file; with ``final`` false,
    for its first bytes (a character cut off at their end is left out)."""

    def decode(encoding: str, data: bytes, errors: str = "strict") -> str:
        decoder = codecs.getincrementaldecoder(encoding)(errors)
        parts = [decoder.decode(data[i : i + CHUNK]) for i in range(0, len(data), CHUNK)]
        parts.append(decoder.decode(b"", final=final))
        return "".join(parts)

    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return decode("utf-16", data), "utf-16", None
        except UnicodeDecodeError:
            pass  # not really UTF-16: fall through to the single-byte guesses
    encoding = "utf-8"
    if data.startswith(codecs.BOM_UTF8):
        data, encoding = data[len(codecs.BOM_UTF8) :], "utf-8-sig"
    try:
        return decode("utf-8", data), encoding, None
    except UnicodeDecodeError:
        pass
    note = (
        f"{name} is not UTF-8 text; read it as Windows-1252 (cp1252), "
        "as Excel on Windows saves CSV."
    )
    return decode("cp1252", data, _CP1252_FALLBACK), "cp1252", note


def _undefined_cp1252_bytes(error: UnicodeError) -> tuple[str, int]:
    # Five bytes have no cp1252 character; Windows maps them to the same-numbered
    # control characters, and so do we, rather than refuse the whole file.
    assert isinstance(error, UnicodeDecodeError)
    bad = error.object[error.start : error.end]
    return "".join(chr(b) for b in bad), error.end


_CP1252_FALLBACK = "ccdesktop-cp1252-undefined"
codecs.register_error(_CP1252_FALLBACK, _undefined_cp1252_bytes)


_LINE = re.compile(r"[^\r\n]+")


def _delimiter(text: str) -> str:
    """Comma, unless the header line has none but has a semicolon (Excel in many
    European locales) or a tab."""
    first = next((m.group() for m in _LINE.finditer(text) if m.group().strip()), "")
    if "," in first:
        return ","
    if ";" in first:
        return ";"
    if "\t" in first:
        return "\t"
    return ","


def _csv_error_message(error: str) -> str:
    if "field larger than field limit" in error:
        return (
            f"a cell is longer than {FIELD_SIZE_LIMIT:,} characters "
            '(often a quote mark " that is never closed)'
        )
    if "unexpected end of data" in error:
        return 'a quoted cell starts here but is never closed (a quote mark " is missing)'
    if "expected after" in error:
        return (
            "text follows the closing quote mark of a cell; put the whole cell in quotes "
            'and double each " inside it'
        )
    return f"is not valid CSV ({error})"


def resolve_header(
    header: list[str],
    header_row: int,
    column_map: Mapping[str, str] | None,
    spec: ColumnSpec | None,
) -> tuple[list[str | None], list[RowProblem]]:
    """Our column for each header cell (None: not read), and the header's problems
    (unknown, twice, missing): the checks every file's header gets, CSV or workbook."""
    return _resolve_header(header, header_row, column_map, spec)


def _resolve_header(
    header: list[str],
    header_row: int,
    column_map: Mapping[str, str] | None,
    spec: ColumnSpec | None,
) -> tuple[list[str | None], list[RowProblem]]:
    """Our column name for each header cell (None: not read), and the header's problems."""
    mapping = {header_key(k): header_key(v) for k, v in (column_map or {}).items()}
    known = [header_key(c) for c in spec.known] if spec else None
    ignored = spec.ignored if spec else frozenset()
    problems: list[RowProblem] = []
    columns: list[str | None] = []
    first_seen: dict[str, int] = {}
    for index, cell in enumerate(header):
        key = header_key(cell)
        if not key:
            columns.append(None)
            continue
        column = mapping.get(key, key)
        if not column or (column in ignored and key not in mapping):
            columns.append(None)
            continue
        if known is not None and column not in known:
            if key in mapping:
                message = f"is mapped to {column!r}, which is not a column we know"
            else:
                message = f"is not a column we know (the columns are {', '.join(known)})"
            problems.append(RowProblem(header_row, cell, message))
            columns.append(None)
            continue
        if column in first_seen:
            problems.append(
                RowProblem(
                    header_row,
                    column,
                    f"appears twice in the header (columns {first_seen[column] + 1} "
                    f"and {index + 1})",
                )
            )
            columns.append(None)
            continue
        first_seen[column] = index
        columns.append(column)
    if spec is not None:
        present = set(first_seen)
        for column in spec.required:
            if column not in present:
                problems.append(
                    RowProblem(header_row, column, "is required but missing from the header")
                )
        if spec.one_of and not any(set(group) <= present for group in spec.one_of):
            choices = " or ".join(" and ".join(group) for group in spec.one_of)
            problems.append(RowProblem(header_row, None, f"the header needs {choices} columns"))
    return columns, problems
