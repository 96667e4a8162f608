"""Every figure of a report in the spreadsheet layout, for `report_gen figures` (JSON, CSV or .xlsx).

The records are the layout `figure_files` reads (`sheets.FIGURE_COLUMNS`: a
theme column, the figure's fields, its comparison flattened), followed by
two columns for reading in Excel that are ignored when read back: `text`,
the figure as written (500余项), and `change_text`, its comparison as
written (同比增长48%). So export → edit in Excel → build round-trips.
"""

from __future__ import annotations

import csv
import io
import json
from enum import Enum
from typing import Any, Iterable, Optional

from ..ooxml.package import CoreProperties, normalise_package
from ..text.cjk import text_ems
from .model import Figure, FigureKind, Qualifier, Report
from .written import write_comparison, write_figure
from .sheets import COMPARISON_COLUMNS, DERIVED_COLUMNS, FIGURE_COLUMNS, FORMULA_GUARD, FORMULA_STARTS, NUMBER_COLUMNS

FIELDS = list(FIGURE_COLUMNS + DERIVED_COLUMNS)
"""Columns of the listing, in order."""

SHEET_TITLE = "figures"
"""Name of the worksheet an .xlsx export holds."""

WIDEST_COLUMN = 50
"""Widest a column is made, in Excel's width units (one digit); longer text wraps into view when the cell is selected."""

LISTED_ROWS = 500
"""Rows down to which a column offers its drop-down list, so rows added below the export have it too."""


def _number(value: Optional[float]) -> Optional[float | int]:
    """Return a whole number as an int (500, not 500.0), anything else unchanged."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def figure_record(theme_id: str, figure: Figure) -> dict[str, Any]:
    """Return one figure as a record keyed by FIELDS: its theme, its fields with the comparison flattened, as written."""
    comparison = figure.comparison.model_dump() if figure.comparison else {}
    record: dict[str, Any] = {}
    for column in FIGURE_COLUMNS:
        if column == "theme":
            value = theme_id
        elif column in COMPARISON_COLUMNS:
            value = comparison.get(column)
        else:
            value = getattr(figure, column)
        if isinstance(value, Enum):
            value = value.value
        record[column] = _number(value) if column in NUMBER_COLUMNS else value
    record["text"] = write_figure(figure)
    record["change_text"] = write_comparison(figure)
    return record


def figure_records(report: Report) -> list[dict[str, Any]]:
    """Return one record per figure, in file order, keyed by FIELDS; None for an empty cell."""
    return [figure_record(theme.id, figure) for theme, figure in report.all_figures()]


def figures_json(report: Report) -> str:
    """Return the figures as a JSON list of objects, Chinese kept readable."""
    return json.dumps(figure_records(report), ensure_ascii=False, indent=2) + "\n"


def figures_csv(report: Report) -> str:
    """Return the figures as CSV with a header row; empty cells for missing values, TRUE/FALSE as Excel writes them."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    for record in figure_records(report):
        writer.writerow({key: _csv_cell(value) for key, value in record.items()})
    return buffer.getvalue()


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, str) and value[:1] in FORMULA_STARTS:
        return FORMULA_GUARD + value  # text, not a formula, when Excel opens the file; read back without it
    return value


def figures_xlsx(report: Report, properties: CoreProperties) -> bytes:
    """Return the figures as an .xlsx workbook: a header row, numbers as numbers, frozen panes, lists to pick from."""
    themes = [theme.id for theme in report.themes]
    sources = [source.id for source in report.sources]
    return records_xlsx(figure_records(report), themes, sources, properties)


def records_xlsx(records: list[dict[str, Any]], themes: list[str], sources: list[str], properties: CoreProperties) -> bytes:
    """Return records as an .xlsx workbook whose bytes depend only on them and `properties`.

    The theme, source and qualifier columns offer their allowed values as a drop-down list.
    """
    choices = {"theme": themes, "source": sources, "qualifier": [q.value for q in Qualifier], "base_qualifier": [q.value for q in Qualifier],
               "kind": [kind.value for kind in FigureKind]}
    rows = [[record[column] for column in FIELDS] for record in records]
    return normalise_package(table_xlsx(FIELDS, rows, choices), properties)


def table_xlsx(columns: list[str], rows: Iterable[list[Any]], choices: dict[str, list[str]]) -> bytes:
    """Return a one-sheet workbook of `rows` under a bold header of `columns`; `choices` gives a column's drop-down list."""
    # openpyxl takes a fifth of a second to import: only an .xlsx export pays for it.
    import openpyxl
    from openpyxl.styles import Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = SHEET_TITLE
    sheet.append(columns)
    count = 0
    widths = [text_ems(name) * 2 + 3 for name in columns]
    for count, row in enumerate(rows, start=1):
        sheet.append(row)
        for cell in sheet[count + 1]:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # openpyxl would store text starting with = as a formula
        widths = [max(width, text_ems("" if value is None else str(value)) * 2 + 2) for width, value in zip(widths, row)]
    derived = Font(color="808080", italic=True)
    for index, name in enumerate(columns, start=1):
        header = sheet.cell(row=1, column=index)
        header.font = Font(bold=True)
        header.fill = PatternFill("solid", fgColor="DDE4EE")
        letter = header.column_letter
        sheet.column_dimensions[letter].width = min(round(widths[index - 1]), WIDEST_COLUMN)  # a Chinese character is two units wide
        if name in DERIVED_COLUMNS:
            for row in range(2, count + 2):
                sheet.cell(row=row, column=index).font = derived
        listed = choices.get(name)
        formula = '"' + ",".join(listed) + '"' if listed else ""
        if listed and len(formula) <= 255:  # Excel's limit on a list written into the rule
            validation = DataValidation(type="list", formula1=formula, allow_blank=True)
            validation.add(f"{letter}2:{letter}{max(count + 1, LISTED_ROWS)}")
            sheet.add_data_validation(validation)
    sheet.freeze_panes = "C2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
