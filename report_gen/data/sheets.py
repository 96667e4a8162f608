"""Figures kept in spreadsheets: the layout of one figure a row, and reading it from .xlsx and .csv files.

A data file's `figure_files` names spreadsheets beside it. Each holds one
figure a row under a header row of field names: the figure's own fields, its
comparison flattened into `base_period`, `base_value`, … and a `theme` column
saying which theme the figure belongs to. `report_gen figures --format xlsx`
writes exactly this layout, so figures round-trip through Excel.

Reading turns each row into the same plain mapping the YAML gives, placed in
its theme, so the model checks a row exactly as it checks a figure in the
YAML. Every problem is located at its cell (`figures.xlsx:Sheet1!C7: value:
expected a number, got '12.5亿'`) or, in a CSV file, its line.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from ..errors import Problem
from ..ooxml.xlsx import GENERAL, SheetLimits, WorkbookError, column_letter, read_workbook
from ..text.controls import forbidden_message
from .files import MAX_DATA_BYTES, InputRefused, Reads, check_zip_package
from .located import Path_, SheetRow, did_you_mean, format_path, line_in
from .model import Comparison, Figure
from .precision import Printed, format_decimals, printed
from .types import figure_file_error

COMPARISON_COLUMNS: tuple[str, ...] = tuple(Comparison.model_fields)
"""The comparison's fields, flattened into columns of their own."""

FIGURE_COLUMNS: tuple[str, ...] = ("theme",) + tuple(
    column for name in Figure.model_fields for column in (COMPARISON_COLUMNS if name == "comparison" else (name,))
)
"""The columns of the layout, in order: theme, then the figure's fields with its comparison flattened."""

REQUIRED_COLUMNS: tuple[str, ...] = ("theme",) + tuple(name for name, field in Figure.model_fields.items() if field.is_required())
"""Columns a sheet must have: theme and every required field of a figure."""

def _is_number(annotation: Any) -> bool:
    """Say whether a field's type is a number, through Optional and Annotated."""
    if annotation is float:
        return True
    return any(_is_number(argument) for argument in typing.get_args(annotation))


NUMBER_COLUMNS: frozenset[str] = frozenset(
    name for model in (Figure, Comparison) for name, field in model.model_fields.items() if _is_number(field.annotation)
)
"""Columns holding numbers (value, base_value, change): numeric text in them is read as a number."""

YES_NO_COLUMNS: frozenset[str] = frozenset(name for name, field in Figure.model_fields.items() if field.annotation is bool)
"""Columns holding true or false (count)."""

DERIVED_COLUMNS: tuple[str, ...] = ("text", "change_text")
"""Columns an export adds for reading in Excel (the figure and its change as written); ignored when read back."""

COMPARISON_FIRST = ("change", "base_value", "base_period", "base_qualifier", "change_unit", "basis")
"""The column a problem with a row's comparison as a whole points to: the first of these the row fills."""

YES_WORDS = {"是": True, "否": False}
"""Chinese yes and no, accepted in a true/false column besides TRUE/FALSE."""

_PLAIN_NUMBER = re.compile(r"[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?")


@dataclass(frozen=True)
class Table:
    """The cells of one worksheet or CSV file: the header row, then every row below it with its number."""

    file: str
    sheet: str | None
    header: list[Any]
    rows: list[tuple[int, list[Any]]]
    number_formats: dict[tuple[int, int], str]
    """(row, column index) → the number format of a cell holding a number (0.0, 0%); xlsx only."""

    def where(self, row: int, column: int, name: str, message: str) -> Problem:
        """Return a problem at a cell: Sheet1!C7 in a workbook, the line in a CSV file."""
        if self.sheet is None:
            return Problem(self.file, row, name, message)
        return Problem(self.file, None, name, message, cell=f"{self.sheet}!{column_letter(column + 1)}{row}")


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet read a text cell as a formula (CSV injection)."""

FORMULA_GUARD = "'"
"""Put before text that starts like a formula when figures are exported, and taken off when they are read back."""


# -- reading the files ------------------------------------------------------------

MAX_SHEET_BYTES = MAX_DATA_BYTES
"""A spreadsheet of figures is read whole, like the data file, and capped the same."""

MAX_SHEET_EXPANDED_BYTES = 100 * 1024 * 1024
"""What an .xlsx may unpack to: a zip bomb expands far beyond it."""

MAX_SHEET_ROWS = 5000
"""Rows of one sheet: ten times the figures a report may have."""

MAX_SHEET_COLUMNS = 100
"""Columns of one sheet: a figure has about fifteen fields."""

MAX_SHEETS = 100
"""Worksheets of one workbook."""

MAX_WORKBOOK_CELLS = 500_000
"""Cells of one workbook, empty cells the file writes included: a full sheet of the largest size."""

MAX_WORKBOOK_ELEMENTS = 2_000_000
"""XML elements read from one workbook's sheets, shared strings and styles: four for each cell it may hold."""


def _read_input(path: Path, reads: Reads | None) -> bytes:
    """Return a spreadsheet's bytes, read through the build's reader: a regular file of at most MAX_SHEET_BYTES, or ValueError saying why not."""
    try:
        return (reads if reads is not None else Reads()).read(path, MAX_SHEET_BYTES, "sheet")
    except InputRefused as error:
        raise ValueError(error.reason) from None


def read_tables(path: Path, name: str, reads: Reads | None = None) -> list[Table]:
    """Return the tables of a spreadsheet: every worksheet of an .xlsx that holds anything, or the CSV file.

    Raise ValueError with a message for the user when the file cannot be read.
    """
    if path.suffix.lower() == ".csv":
        return [_read_csv(path, name, reads)]
    return _read_xlsx(path, name, reads)


def _read_csv(path: Path, name: str, reads: Reads | None) -> Table:
    data = _read_input(path, reads)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("gb18030")  # Excel on Chinese Windows saves "CSV" in GBK
        except UnicodeDecodeError:
            raise ValueError("not a text file in UTF-8 or GBK; save it from Excel as CSV UTF-8") from None
    return csv_table(text, name)


def csv_table(text: str, name: str) -> Table:
    """Return the table of a CSV file's text, each record with the line it starts on."""
    reader = csv.reader(io.StringIO(text, newline=""))
    records: list[tuple[int, list[Any]]] = []
    start = 1
    try:
        for record in reader:
            records.append((start, list(record)))
            start = reader.line_num + 1
    except csv.Error as error:
        raise ValueError(f"line {reader.line_num}: not valid CSV: {error}") from None
    header = records[0][1] if records else []
    return Table(name, None, header, records[1:], {})


SHEET_LIMITS = SheetLimits(
    rows=MAX_SHEET_ROWS, columns=MAX_SHEET_COLUMNS, cells=MAX_WORKBOOK_CELLS, sheets=MAX_SHEETS,
    shared_strings=MAX_WORKBOOK_CELLS, characters=MAX_DATA_BYTES, elements=MAX_WORKBOOK_ELEMENTS,
)
"""The limits a workbook of figures is read within, checked while each row and cell is read."""


class SheetError(ValueError):
    """A spreadsheet that cannot be read; `place` is the sheet and cell (figures!C7) when the fault has one."""

    def __init__(self, message: str, place: Optional[str] = None):
        super().__init__(message)
        self.place = place


def _read_xlsx(path: Path, name: str, reads: Reads | None) -> list[Table]:
    data = _read_input(path, reads)
    try:
        check_zip_package(path, data, MAX_SHEET_EXPANDED_BYTES)
    except InputRefused as error:
        raise ValueError(f"cannot be read as an Excel workbook (.xlsx): {error.reason}") from None
    try:
        sheets = read_workbook(data, SHEET_LIMITS)
    except WorkbookError as error:
        if error.place is None:
            raise SheetError(f"cannot be read as an Excel workbook (.xlsx): {error}") from None
        raise SheetError(str(error), error.place) from None
    tables = []
    for sheet in sheets:
        if not any(cell is not None and cell.value not in (None, "") for _, cells in sheet.rows for cell in cells):
            continue
        formats = {
            (row, index): cell.number_format
            for row, cells in sheet.rows
            for index, cell in enumerate(cells)
            if cell is not None and isinstance(cell.value, (int, float)) and cell.number_format != GENERAL
        }
        rows = [(row, [None if cell is None else cell.value for cell in cells]) for row, cells in sheet.rows]
        header = rows[0][1] if rows and rows[0][0] == 1 else []
        tables.append(Table(name, sheet.name, header, [row for row in rows if row[0] > 1], formats))
    return tables


# -- rows to figures --------------------------------------------------------------


@dataclass
class SheetFigure:
    """One row read as a figure: the theme it names, its fields as a plain mapping, and where it stands."""

    theme: Any
    fields: dict[str, Any]
    place: SheetRow


def figures_of(table: Table) -> tuple[list[SheetFigure], list[Problem], list[Problem]]:
    """Read a table's rows as figures; return them, the problems of the header, and those of single cells.

    Rows under a faulty header are still read, from the columns that are
    right, so the figures they hold are known to the rest of the file.
    """
    columns, header_problems = _header(table)
    figures, cell_problems = [], []
    if not columns:  # no column is a figure's: its rows are not figures, and nothing of them is echoed
        return figures, header_problems, cell_problems
    for row_number, values in table.rows:
        if all(value is None or str(value).strip() == "" for value in values):
            continue
        row, problems = _row(table, columns, row_number, values)
        cell_problems.extend(problems)
        figures.append(row)
    return figures, header_problems, cell_problems


def _header(table: Table) -> tuple[dict[int, str], list[Problem]]:
    """Return column index → field for the header row, with a problem for each unknown, repeated or missing column."""
    columns: dict[int, str] = {}
    problems: list[Problem] = []
    headings = ["" if heading is None else str(heading).strip() for heading in table.header]
    if any(headings) and not any(text in FIGURE_COLUMNS + DERIVED_COLUMNS for text in headings):
        return {}, [_header_problem(table, "the first row names none of the columns of a sheet of figures "
                                    f"({', '.join(REQUIRED_COLUMNS)} …): this is not a spreadsheet of figures")]
    for index, heading in enumerate(table.header):
        text = headings[index]
        refused = forbidden_message(text)
        if refused:
            problems.append(table.where(1, index, "", f"the column name {refused}"))
            continue
        if not text:
            if any(index < len(values) and values[index] not in (None, "") for _, values in table.rows):
                problems.append(table.where(1, index, "", "a column holds values but has no name in the header row"))
            continue
        if text in columns.values():
            problems.append(table.where(1, index, text, "column named twice"))
        elif text not in FIGURE_COLUMNS + DERIVED_COLUMNS:
            hint = did_you_mean(text, FIGURE_COLUMNS) or f"; columns: {', '.join(FIGURE_COLUMNS)}"
            problems.append(table.where(1, index, text, f"unknown column{hint}"))
        elif text not in DERIVED_COLUMNS:
            columns[index] = text
    missing = [name for name in REQUIRED_COLUMNS if name not in columns.values()]
    if missing and not problems:
        message = f"the header row lacks the required column{'s' if len(missing) > 1 else ''} {', '.join(missing)}"
        problems.append(_header_problem(table, message))
    return columns, problems


def _header_problem(table: Table, message: str) -> Problem:
    """Return a problem with the header row as a whole: line 1 of a CSV file, row 1:1 of a sheet."""
    if table.sheet is None:
        return Problem(table.file, 1, "", message)
    return Problem(table.file, None, "", message, cell=f"{table.sheet}!1:1")


def _row(table: Table, columns: dict[int, str], row_number: int, values: list[Any]) -> tuple[SheetFigure, list[Problem]]:
    """Read one row into a figure's plain mapping; return it with the problems of its cells."""
    fields: dict[str, Any] = {}
    comparison: dict[str, Any] = {}
    problems: list[Problem] = []
    theme = None
    for index, name in columns.items():
        raw = values[index] if index < len(values) else None
        try:
            value = _cell_value(name, raw, table.number_formats.get((row_number, index)))
        except ValueError as error:
            problems.append(table.where(row_number, index, name, str(error)))
            continue
        if value is None:
            continue
        if name == "theme":
            theme = value
        elif name in COMPARISON_COLUMNS:
            comparison[name] = value
        else:
            fields[name] = value
    if comparison:
        fields["comparison"] = comparison
    letters = {name: column_letter(index + 1) for index, name in columns.items()}
    first = next((name for name in COMPARISON_FIRST if name in comparison), None)
    letters["comparison"] = letters.get(first or "", letters.get("change", "A"))
    place = SheetRow(table.file, table.sheet, row_number, letters)
    return SheetFigure(theme, fields, place), problems


def _cell_value(name: str, value: Any, number_format: str | None) -> Any:
    """Return a cell's value as the model reads it: numbers in number columns, text in text columns, None when empty."""
    if isinstance(value, str):
        refused = forbidden_message(value)
        if refused:
            raise ValueError(refused)
        value = value.strip()
        if not value:
            return None
        if value[:1] == FORMULA_GUARD and value[1:2] in FORMULA_STARTS:
            value = value[1:]  # an export's guard against a spreadsheet formula
    if value is None:
        return None
    if name in NUMBER_COLUMNS:
        if number_format is not None and "%" in number_format:
            raise ValueError(
                f"the cell is formatted as a percentage ({number_format}), so it holds {value!r}, not what it shows; "
                "write the number in a cell formatted as a number and put % in the unit column"
            )
        if isinstance(value, str) and _PLAIN_NUMBER.fullmatch(value):
            number = float(value.replace(",", ""))
            return printed(number, value.replace(",", "")) if not number.is_integer() or "." in value else int(number)
        places = format_decimals(number_format)
        if isinstance(value, (int, float)) and not isinstance(value, bool) and places:
            return Printed(float(value), places)  # the cell shows 4.0: the decimals its format shows are the printed ones
        return value
    if name in YES_NO_COLUMNS:
        return YES_WORDS.get(value, value) if isinstance(value, str) else value
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        raise ValueError(f"expected text, got a date ({value}): Excel turned the text into a date; format the column as text and type it again")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return value


# -- into the data ----------------------------------------------------------------


@dataclass
class Merged:
    """What reading the spreadsheets added to the data: where each figure stands, and what was wrong."""

    rows: dict[Path_, SheetRow]
    """Path of each added figure in the data → its row."""
    problems: list[Problem]
    """Files that cannot be read (located at their entry in the data file), bad headers and bad cells."""
    muted: set[str]
    """Spreadsheets whose header is faulty: their rows' own problems follow from it and are left unsaid."""
    complete: bool = True
    """False when a spreadsheet could not be read, so figures the data refers to may be missing for that reason alone."""
    left_out: set[str] = field(default_factory=set)
    """Ids of rows left out of the data because their theme is wrong; references to them are not reported again."""


def merge_figure_files(raw: Any, folder: Path, name: str, lines: dict[Path_, int], reads: Reads | None = None) -> Merged:
    """Read the spreadsheets `figure_files` names (through `reads`, the build's reader) and add their rows to the themes of `raw`."""
    merged = Merged({}, [], set())
    entries = raw.get("figure_files") if isinstance(raw, dict) else None
    if not isinstance(entries, list):
        return merged
    themes = raw.get("themes") if isinstance(raw.get("themes"), list) else []
    theme_index = {theme.get("id"): t for t, theme in enumerate(themes) if isinstance(theme, dict) and isinstance(theme.get("id"), str)}
    for number, entry in enumerate(entries):
        if not isinstance(entry, str) or figure_file_error(entry):
            merged.complete = False
            continue  # the model reports it
        here = ("figure_files", number)
        entry = entry.strip()
        path = folder / entry
        try:
            if not _stays_in(path, folder):
                raise ValueError("is a link that leads out of the data file's folder; put the spreadsheet itself beside the data file")
            tables = read_tables(path, str(path), reads)
        except SheetError as error:
            if error.place is None:
                merged.problems.append(Problem(name, line_in(lines, here), format_path(here), f"{entry}: {error}"))
            else:
                merged.problems.append(Problem(str(path), None, "", str(error), cell=error.place))
            merged.complete = False
            continue
        except (ValueError, OSError) as error:
            reason = f"cannot be read: {error.strerror or error}" if isinstance(error, OSError) else str(error)
            merged.problems.append(Problem(name, line_in(lines, here), format_path(here), f"{entry}: {reason}"))
            merged.complete = False
            continue
        for table in tables:
            figures, header_problems, cell_problems = figures_of(table)
            merged.problems.extend(header_problems or cell_problems)
            if header_problems:
                merged.muted.add(table.file)
            for figure in figures:
                _place(figure, themes, theme_index, merged)
    return merged


def _stays_in(path: Path, folder: Path) -> bool:
    """Say whether `path`, its links followed, is inside `folder` (a missing file is: reading it says it is missing)."""
    return Path(os.path.realpath(path)).is_relative_to(os.path.realpath(folder))


def _place(figure: SheetFigure, themes: list, theme_index: dict[str, int], merged: Merged) -> None:
    """Add a row's figure to the theme it names, remembering its row; or add a problem at its theme cell."""
    target = _theme_of(figure, theme_index, merged.problems)
    if target is None:
        if isinstance(figure.fields.get("id"), str):
            merged.left_out.add(figure.fields["id"])
        return
    listed = themes[target].setdefault("figures", [])
    if isinstance(listed, list):  # otherwise the model reports the theme's figures
        merged.rows[("themes", target, "figures", len(listed))] = figure.place
        listed.append(figure.fields)


def _theme_of(figure: SheetFigure, theme_index: dict[str, int], problems: list[Problem]) -> int | None:
    """Return the index of the theme a row names, or None after adding a problem at its theme cell."""
    if figure.theme is None:
        problems.append(figure.place.problem(("theme",), "required field missing: the id of the theme the figure belongs to"))
        return None
    if figure.theme not in theme_index:
        known = [str(key) for key in theme_index]
        hint = did_you_mean(str(figure.theme), known) or f" (themes: {', '.join(known) or 'none defined'})"
        problems.append(figure.place.problem(("theme",), f"unknown theme {figure.theme!r}{hint}"))
        return None
    return theme_index[figure.theme]
