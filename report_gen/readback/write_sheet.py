"""Write a document's values back into the spreadsheet cells the figures came from: only those cells change.

An .xlsx workbook is opened and saved with openpyxl, which keeps the
workbook's cells, styles, number formats, column widths, frozen panes,
data validation (the drop-down lists `figures --format xlsx` writes),
conditional formats and comments. It drops charts, pictures, pivot tables,
form controls and macros, so a workbook holding any of them is not
written: the message names the cells to change by hand. A value that must
show more decimals than it has (13.0) gets them in its cell's number format
(0.0 for General, #,##0.00 from #,##0.0), as the reader reads them back.

A CSV file has no formats to keep; its line is edited in place when none
of its fields is quoted (the other fields, the encoding and the line
endings stay exactly as they were), and left to a person otherwise.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from typing import Optional, Union

from ..data.located import SheetRow
from ..data.model import Figure
from ..data.precision import format_decimals
from ..text.numbers import shortest_decimals, write_number
from .reading import Reading
from .write_yaml import Unwritable, field_changes

DROPPED_PARTS = ("xl/drawings/",  # pictures, shapes and charts (a .vml drawing there only places comments)
                 "xl/charts/", "xl/pivotTables/", "xl/pivotCache/", "xl/vbaProject.bin", "xl/slicers/",
                 "xl/ctrlProps/", "xl/embeddings/", "xl/activeX/", "xl/timelines/", "xl/chartsheets/")
"""Parts of a workbook that openpyxl does not keep when it saves it."""

Cell = Union[str, float, int, None]


@dataclass(frozen=True)
class CellEdit:
    """Put `value` in a row's column `field` (its cell named by the row), with the decimals a number must show."""

    field: str
    value: Cell
    decimals: Optional[int] = None


def cell_edits(row: SheetRow, figure: Figure, reading: Reading) -> list[CellEdit]:
    """Return the cells to change for a figure held in a spreadsheet row; raise Unwritable when a needed column is missing."""
    edits = []
    for change in field_changes(figure, reading):
        if change.field not in row.columns:
            raise Unwritable(f"the sheet has no {change.field} column for this row; set {change} by hand")
        if change.field == "value":
            number: Cell = int(reading.value) if reading.decimals == 0 and float(reading.value).is_integer() else reading.value
            edits.append(CellEdit("value", number, reading.decimals))
        else:
            edits.append(CellEdit(change.field, change.after or None))
    if "decimals" in row.columns and figure.decimals is not None and figure.decimals != reading.decimals:
        edits.append(CellEdit("decimals", reading.decimals))
    return edits


def edited_workbook(data: bytes, edits: list[tuple[SheetRow, list[CellEdit]]]) -> bytes:
    """Return the workbook's bytes with the cells changed; raise Unwritable when saving would drop parts of it."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        dropped = sorted({name for name in package.namelist() for part in DROPPED_PARTS
                          if name.startswith(part) and not name.endswith(".vml")})  # a VML drawing holds comments, which are kept
    if dropped:
        kinds = ", ".join(sorted({name.split("/")[1] for name in dropped}))
        raise Unwritable(f"the workbook holds {kinds}, which openpyxl would drop on saving it")
    from openpyxl import load_workbook  # a fifth of a second to import: only a write-back to a workbook pays for it

    book = load_workbook(io.BytesIO(data), rich_text=True)
    for row, changes in edits:
        sheet = book[row.sheet]
        for change in changes:
            cell = sheet[f"{row.columns[change.field]}{row.row}"]
            cell.value = change.value
            if change.decimals is not None and isinstance(change.value, (int, float)):
                shown = format_decimals(cell.number_format)
                if shown != change.decimals and (change.decimals > shortest_decimals(change.value) or shown is not None):
                    cell.number_format = with_decimals(cell.number_format, change.decimals)
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def with_decimals(number_format: Optional[str], decimals: int) -> str:
    """Return a number format showing `decimals` places: General → 0.0; #,##0.0 → #,##0.00; 0.00 with 0 → 0."""
    places = "." + "0" * decimals if decimals else ""
    if not number_format or number_format == "General":
        return "0" + places
    changed, count = re.subn(r"(?<=[0#?])\.[0#?]+", places, number_format, count=1)
    if count:
        return changed
    changed, count = re.subn(r"([0#?])(?![0#?,])", lambda match: match.group(1) + places, number_format, count=1)
    return changed if count else "0" + places


def edited_csv(data: bytes, edits: list[tuple[SheetRow, list[CellEdit]]]) -> bytes:
    """Return a CSV file's bytes with fields changed on their lines; raise Unwritable for a line with quoted fields."""
    encoding = "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        encoding = "gb18030"
        text = data.decode(encoding)
    lines = text.splitlines(keepends=True)
    for row, changes in edits:
        line = lines[row.row - 1]
        body = line.rstrip("\r\n")
        if '"' in body:
            raise Unwritable(f"line {row.row} has quoted fields, which a targeted edit cannot keep as they are")
        fields = body.split(",")
        for change in changes:
            index = _column_index(row.columns[change.field])
            if index >= len(fields):
                fields.extend([""] * (index + 1 - len(fields)))
            fields[index] = _csv_text(change)
            if "," in fields[index] or '"' in fields[index]:
                raise Unwritable(f"{change.field} would need quoting on line {row.row}")
        lines[row.row - 1] = ",".join(fields) + line[len(body):]
    try:
        return "".join(lines).encode(encoding)
    except UnicodeEncodeError:
        raise Unwritable(f"the new text cannot be written in the file's encoding ({encoding})") from None


def _csv_text(change: CellEdit) -> str:
    if change.value is None:
        return ""
    if isinstance(change.value, (int, float)):
        return write_number(change.value, change.decimals)
    return str(change.value)


def _column_index(letters: str) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter.upper()) - ord("A") + 1
    return index - 1
