"""Reading a staff or training file, CSV or Excel workbook, into the rows an import
plans with: the one place that tells the two kinds of file apart (by suffix).

A workbook's problems name the sheet and its headers (``xlsx_read.SheetLabels``); a
CSV file's, our column names as INTERFACES.md has them. ``labelled`` puts the labels
on an error raised later (by the planning), so every message of one import names
places the same way.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import replace

from .csv_read import ColumnSpec, CsvImportError, CsvTable, RowProblem, read_csv_table_with_problems
from .staff_csv import STAFF_SPEC, ParsedStaff, parse_staff_table
from .training_csv import TRAINING_SPEC, ParsedTraining, parse_training_table
from .xlsx_read import SheetLabels, is_workbook, read_xlsx_table_with_problems

__all__ = [
    "SheetLabels",
    "is_workbook",
    "labelled",
    "parse_staff_file",
    "parse_training_file",
    "read_table_with_problems",
]


def read_table_with_problems(
    path: str | os.PathLike[str],
    column_map: Mapping[str, str] | None = None,
    *,
    spec: ColumnSpec | None = None,
    sheet: str | None = None,
) -> tuple[CsvTable, list[RowProblem], SheetLabels | None]:
    """(the table, the problems of the rows left out, the sheet's labels or None for a
    CSV file). ``sheet`` names a workbook's sheet (default: the first); naming one for a
    CSV file is refused."""
    if is_workbook(path):
        return read_xlsx_table_with_problems(path, column_map, spec=spec, sheet=sheet)
    if sheet is not None:
        name = os.path.basename(os.fspath(path))
        raise CsvImportError(
            [
                RowProblem(
                    1,
                    None,
                    f"{name} is a CSV file, which has no sheets (a sheet is chosen only in an "
                    "Excel workbook, .xlsx)",
                )
            ]
        )
    table, problems = read_csv_table_with_problems(path, column_map, spec=spec)
    return table, problems, None


def parse_staff_file(
    path: str | os.PathLike[str],
    column_map: Mapping[str, str] | None = None,
    *,
    sheet: str | None = None,
) -> tuple[ParsedStaff, list[RowProblem], SheetLabels | None]:
    """``staff_csv.parse_staff_csv_with_problems`` of a CSV file or a workbook's sheet,
    with the sheet's labels (the problems are not labelled yet: see ``labelled``)."""
    table, problems, labels = read_table_with_problems(
        path, column_map, spec=STAFF_SPEC, sheet=sheet
    )
    parsed, problems = parse_staff_table(table, problems)
    if labels is not None:
        rows, problems = labels.settle(parsed.rows, problems)
        parsed = replace(parsed, rows=rows)
    return parsed, problems, labels


def parse_training_file(
    path: str | os.PathLike[str],
    column_map: Mapping[str, str] | None = None,
    *,
    sheet: str | None = None,
) -> tuple[ParsedTraining, list[RowProblem], SheetLabels | None]:
    """``training_csv.parse_training_csv_with_problems`` of a CSV file or a workbook's
    sheet, with the sheet's labels."""
    table, problems, labels = read_table_with_problems(
        path, column_map, spec=TRAINING_SPEC, sheet=sheet
    )
    parsed, problems = parse_training_table(table, problems)
    if labels is not None:
        rows, problems = labels.settle(parsed.rows, problems)
        parsed = replace(parsed, rows=rows)
    return parsed, problems, labels


def labelled(error: CsvImportError, labels: SheetLabels | None) -> CsvImportError:
    """``error`` with its problems named as the file names places (unchanged for CSV)."""
    return error if labels is None else labels.error(error)
