"""Read the cells of an .xlsx workbook as a stream, within limits checked while reading.

A workbook of figures comes from someone else. Loaded whole (as openpyxl
does), a 95 KB file holding one row of 24 million empty cells takes gigabytes
before any limit can be checked. Here every sheet is read as a stream of XML
events through `safe_xml` (no DTD, no entities), each element let go once
read, and the limits (`SheetLimits`: rows, columns, cells, sheets, shared
strings and their characters, XML elements) are checked as each row and cell
arrives, so such a file is refused after reading a little past the limit.

Values are read as openpyxl reads them with `data_only=True` (a formula's
last computed value, shared and inline strings, numbers, booleans, dates
through the cell's date format), and each cell keeps its number format.
Every fault is a `WorkbookError` naming the sheet and, where known, the cell.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass
from typing import IO, Any, Iterator, Optional

from lxml import etree

from .safe_xml import UnsafeXml, iterparse, parse_part

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WORKSHEET_TYPE = f"{OFFICE_RELATIONSHIPS}/worksheet"
DOCUMENT_TYPE = f"{OFFICE_RELATIONSHIPS}/officeDocument"

MAX_SMALL_PART_BYTES = 10 * 1024 * 1024
"""The workbook part and relationships are a few kilobytes; they are parsed whole, so they are capped."""

MAX_CELL_ELEMENTS = 200
"""XML elements inside one cell: a value, or an inline string of rich-text runs."""

GENERAL = "General"

_REFERENCE = re.compile(r"([A-Z]{1,3})([1-9][0-9]{0,6})")
_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def _tag(name: str) -> str:
    return f"{{{MAIN}}}{name}"


ROW, CELL, VALUE, INLINE, TEXT, PHONETIC, STRING_ITEM = (_tag(name) for name in ("row", "c", "v", "is", "t", "rPh", "si"))


@dataclass(frozen=True)
class SheetLimits:
    """How much a workbook may hold; each is checked while reading."""

    rows: int
    """Rows of one sheet (the last row's number)."""
    columns: int
    """Columns of one sheet (the last column's number)."""
    cells: int
    """Cells of the whole workbook, empty ones written in the file included."""
    sheets: int
    """Worksheets of the workbook."""
    shared_strings: int
    """Entries of the shared-string table."""
    characters: int
    """Characters of all shared strings together."""
    elements: int
    """XML elements of every part read as a stream, together."""


class WorkbookError(ValueError):
    """A workbook that cannot be read or breaks a limit; `sheet` and `cell` say where, when known."""

    def __init__(self, message: str, sheet: Optional[str] = None, cell: Optional[str] = None):
        super().__init__(message)
        self.sheet = sheet
        self.cell = cell

    @property
    def place(self) -> Optional[str]:
        """Where the fault is as messages show it: figures!C7, or the sheet's name alone."""
        if self.sheet is None:
            return None
        return f"{self.sheet}!{self.cell}" if self.cell else self.sheet


@dataclass(frozen=True)
class Cell:
    """One cell as read: its value (text, number, true/false, date, or None) and its number format."""

    value: Any
    number_format: str = GENERAL


@dataclass(frozen=True)
class Sheet:
    """The rows of one worksheet that hold cells, each with its number and its cells from column A (None where none)."""

    name: str
    rows: list[tuple[int, list[Optional[Cell]]]]


def column_letter(index: int) -> str:
    """Return the letters of a 1-based column index: 1 → A, 27 → AA."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


class _Budget:
    """What is left of the workbook's cells and XML elements, spent while reading."""

    def __init__(self, limits: SheetLimits):
        self.limits = limits
        self.cells = 0
        self.elements = 0

    def element(self, sheet: Optional[str]) -> None:
        self.elements += 1
        if self.elements > self.limits.elements:
            raise WorkbookError(f"the workbook holds more than {self.limits.elements:,} XML elements; "
                                "a workbook of figures holds far fewer", sheet)


def read_workbook(data: bytes, limits: SheetLimits) -> list[Sheet]:
    """Return every worksheet of an .xlsx, in the workbook's order; raise WorkbookError for a fault or a limit."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            return _Workbook(package, limits).sheets()
    except UnsafeXml as error:
        raise WorkbookError(str(error)) from None
    except (zipfile.BadZipFile, KeyError, EOFError) as error:
        raise WorkbookError(f"its zip cannot be read: {error}") from None


class _Workbook:
    """One workbook being read: its parts, shared strings and cell formats."""

    def __init__(self, package: zipfile.ZipFile, limits: SheetLimits):
        self.package = package
        self.names = set(package.namelist())
        self.limits = limits
        self.budget = _Budget(limits)

    def sheets(self) -> list[Sheet]:
        main = self._main_part()
        workbook = self._small_part(main)
        relations = self._relationships(main)
        properties = workbook.find(_tag("workbookPr"))
        date1904 = properties is not None and properties.get("date1904", "").lower() in ("1", "true")
        listed = []
        for sheet in workbook.iter(_tag("sheet")):
            name = sheet.get("name") or "?"
            kind, target = relations.get(sheet.get(f"{{{OFFICE_RELATIONSHIPS}}}id") or "", ("", ""))
            if kind == WORKSHEET_TYPE:
                if target not in self.names:
                    raise WorkbookError(f"the workbook lists this sheet, but its part {target} is missing", name)
                listed.append((name, target))
        if len(listed) > self.limits.sheets:
            raise WorkbookError(f"the workbook has {len(listed)} sheets; a workbook of figures may have at most {self.limits.sheets}")
        strings = self._shared_strings(relations)
        formats = self._cell_formats(relations)
        epoch = _epoch(date1904)
        return [_SheetReader(self, name, target, strings, formats, epoch).read() for name, target in listed]

    # parts and relationships

    def _main_part(self) -> str:
        for kind, target in self._relationships("").values():
            if kind == DOCUMENT_TYPE:
                return target
        return "xl/workbook.xml"

    def _small_part(self, name: str) -> etree._Element:
        if name not in self.names:
            raise WorkbookError(f"part {name} is missing: not an Excel workbook (.xlsx)")
        if self.package.getinfo(name).file_size > MAX_SMALL_PART_BYTES:
            raise WorkbookError(f"part {name} is larger than a workbook's ever is; refused")
        return parse_part(self.package.read(name), name)

    def _relationships(self, source: str) -> dict[str, tuple[str, str]]:
        """Return relationship id → (type, part name) of a part ("" for the package), without external targets."""
        folder, base = posixpath.split(source)
        rels = posixpath.join(folder, "_rels", f"{base}.rels")
        if rels not in self.names:
            return {}
        found = {}
        for relation in self._small_part(rels).iter(f"{{{RELATIONSHIPS}}}Relationship"):
            target = relation.get("Target") or ""
            if relation.get("TargetMode") == "External" or not target:
                continue
            name = target[1:] if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            found[relation.get("Id") or ""] = (relation.get("Type") or "", name)
        return found

    def _stream(self, name: str) -> IO[bytes]:
        return self.package.open(name)

    def _events(self, name: str, sheet: Optional[str] = None) -> Iterator[tuple[str, etree._Element]]:
        """Yield a part's events, spending the element budget on each element."""
        with self._stream(name) as stream:
            for event, element in iterparse(stream, name):
                if event == "start":
                    self.budget.element(sheet)
                yield event, element

    def _part_of(self, relations: dict[str, tuple[str, str]], kind: str) -> Optional[str]:
        return next((target for type_, target in relations.values() if type_ == f"{OFFICE_RELATIONSHIPS}/{kind}"), None)

    # shared strings and formats

    def _shared_strings(self, relations: dict[str, tuple[str, str]]) -> list[str]:
        part = self._part_of(relations, "sharedStrings")
        if part is None or part not in self.names:
            return []
        strings: list[str] = []
        characters = inside_item = 0
        for event, element in self._events(part):
            if event == "start":
                if element.tag == STRING_ITEM:
                    inside_item = 1
                elif inside_item:
                    inside_item += 1
                    if inside_item > MAX_CELL_ELEMENTS:
                        raise WorkbookError(f"shared string {len(strings)} holds more than {MAX_CELL_ELEMENTS} XML elements; refused")
                continue
            if element.tag == STRING_ITEM:
                text = _text_of(element)
                characters += len(text)
                if len(strings) >= self.limits.shared_strings or characters > self.limits.characters:
                    raise WorkbookError(f"its shared-string table holds more than {self.limits.shared_strings:,} strings "
                                        f"or {self.limits.characters:,} characters; a workbook of figures holds far fewer")
                strings.append(text)
                inside_item = 0
            if not inside_item:
                _let_go(element)
        return strings

    def _cell_formats(self, relations: dict[str, tuple[str, str]]) -> list[str]:
        """Return the number format of each cell style (`s` of a cell), from the styles part."""
        # openpyxl knows Excel's built-in number formats; imported here, when a workbook is read.
        from openpyxl.styles.numbers import BUILTIN_FORMATS

        part = self._part_of(relations, "styles")
        if part is None or part not in self.names:
            return []
        custom: dict[int, str] = {}
        formats: list[str] = []
        inside: list[str] = []
        for event, element in self._events(part):
            local = etree.QName(element).localname
            if event == "start":
                inside.append(local)
                continue
            inside.pop()
            if local == "numFmt" and inside[-1:] == ["numFmts"]:
                custom[_whole(element.get("numFmtId"), part)] = element.get("formatCode") or GENERAL
            elif local == "xf" and inside[-1:] == ["cellXfs"]:
                number = _whole(element.get("numFmtId") or "0", part)
                formats.append(custom.get(number) or BUILTIN_FORMATS.get(number, GENERAL))
                if len(formats) > self.limits.cells:
                    raise WorkbookError(f"{part} defines more than {self.limits.cells:,} cell styles; refused")
            _let_go(element)
        return formats


def _whole(text: Optional[str], part: str) -> int:
    try:
        return int(text or "")
    except ValueError:
        raise WorkbookError(f"{part}: {text!r} is not a number format's number") from None


def _epoch(date1904: bool) -> Any:
    from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900

    return CALENDAR_MAC_1904 if date1904 else CALENDAR_WINDOWS_1900


def _let_go(element: etree._Element) -> None:
    """Free an element read to its end: clear it and take it out of its parent."""
    element.clear()
    parent = element.getparent()
    if parent is not None:
        parent.remove(element)


def _unescape(text: str) -> str:
    """Undo OOXML's `_xHHHH_` escapes (how a workbook writes a character XML cannot hold)."""
    return _ESCAPE.sub(lambda match: chr(int(match.group(1), 16)), text) if "_x" in text else text


def _text_of(item: etree._Element) -> str:
    """Return the text of a shared or inline string: its `t`, or its rich-text runs' `t`, without phonetic guides."""
    parts = [node.text or "" for node in item.iter(TEXT) if node.getparent() is not None and node.getparent().tag != PHONETIC]
    return _unescape("".join(parts))


class _SheetReader:
    """Reads one worksheet's rows and cells, checking the limits as they come."""

    def __init__(self, workbook: _Workbook, name: str, part: str, strings: list[str], formats: list[str], epoch: Any):
        self.workbook = workbook
        self.limits = workbook.limits
        self.name = name
        self.part = part
        self.strings = strings
        self.formats = formats
        self.epoch = epoch

    def fail(self, message: str, cell: Optional[str] = None) -> WorkbookError:
        return WorkbookError(message, self.name, cell)

    def read(self) -> Sheet:
        rows: list[tuple[int, list[Optional[Cell]]]] = []
        row_number = column = row_count = cell_elements = 0
        cells: list[Optional[Cell]] = []
        in_cell = False
        for event, element in self.workbook._events(self.part, self.name):
            tag = element.tag
            if event == "start":
                if in_cell:
                    cell_elements += 1
                    if cell_elements > MAX_CELL_ELEMENTS:
                        raise self.fail(f"a cell holds more than {MAX_CELL_ELEMENTS} XML elements; refused", f"{column_letter(column + 1)}{row_number}")
                elif tag == ROW:
                    row_count += 1
                    row_number = self._row_number(element.get("r"), row_number, row_count)
                    column, cells = 0, []
                elif tag == CELL:
                    in_cell, cell_elements = True, 0
                continue
            if tag == CELL:
                column = self._cell(element, row_number, column, cells)
                in_cell = False
                _let_go(element)
            elif tag == ROW:
                if cells:
                    rows.append((row_number, cells))
                _let_go(element)
            elif not in_cell and element.getparent() is not None:
                _let_go(element)
        return Sheet(self.name, rows)

    def _row_number(self, given: Optional[str], previous: int, count: int) -> int:
        number = previous + 1
        if given is not None:
            if not given.isdigit() or int(given) <= previous:
                raise self.fail(f"row number {given!r} does not follow row {previous}; the file is damaged", f"A{previous + 1}")
            number = int(given)
        if number > self.limits.rows or count > self.limits.rows:
            raise self.fail(f"the sheet reaches row {number}; a sheet of figures may have at most {self.limits.rows:,} rows", f"A{number}")
        return number

    def _cell(self, element: etree._Element, row: int, previous: int, cells: list[Optional[Cell]]) -> int:
        """Read a cell into `cells` at its column; return its column number."""
        reference = element.get("r")
        column = previous + 1
        if reference is not None:
            match = _REFERENCE.fullmatch(reference)
            if match is None or int(match.group(2)) != row:
                raise self.fail(f"cell reference {reference!r} is not a cell of row {row}; the file is damaged", f"{column_letter(column)}{row}")
            column = _column_number(match.group(1))
        where = f"{column_letter(column)}{row}"
        if column > self.limits.columns or column <= previous:
            if column <= previous:
                raise self.fail(f"cell {reference} comes after column {column_letter(previous)}; the file is damaged", where)
            raise self.fail(f"the sheet reaches column {column_letter(column)} ({column}); "
                            f"a sheet of figures may have at most {self.limits.columns} columns", where)
        budget = self.workbook.budget
        budget.cells += 1
        if budget.cells > self.limits.cells:
            raise self.fail(f"the workbook holds more than {self.limits.cells:,} cells; a workbook of figures holds far fewer", where)
        number_format = self._format(element.get("s"), where)
        value = self._value(element, number_format, where)
        cells.extend([None] * (column - 1 - len(cells)))
        cells.append(Cell(value, number_format))
        return column

    def _format(self, style: Optional[str], where: str) -> str:
        if not style:
            return self.formats[0] if self.formats else GENERAL
        if not style.isdigit() or int(style) >= max(len(self.formats), 1):
            raise self.fail(f"the cell names cell style {style!r}, which the workbook does not define; the file is damaged", where)
        return self.formats[int(style)] if self.formats else GENERAL

    def _value(self, element: etree._Element, number_format: str, where: str) -> Any:
        kind = element.get("t", "n")
        if kind == "inlineStr":
            inline = element.find(INLINE)
            return _text_of(inline) if inline is not None else None
        raw = element.findtext(VALUE)
        if raw is None or raw == "":
            return None
        if kind == "s":
            if not raw.strip().isdigit() or int(raw) >= len(self.strings):
                raise self.fail(f"the cell refers to shared string {raw.strip()!r}, but the workbook has {len(self.strings)}; "
                                "the file is damaged", where)
            return self.strings[int(raw)]
        if kind in ("str", "e"):
            return _unescape(raw)
        if kind == "b":
            if raw.strip() not in ("0", "1"):
                raise self.fail(f"the cell is marked true/false but holds {raw!r}; the file is damaged", where)
            return raw.strip() == "1"
        if kind == "d":
            return self._iso_date(raw, where)
        if kind != "n":
            raise self.fail(f"the cell has the unknown type {kind!r}; the file is damaged", where)
        return self._number(raw, number_format, where)

    def _number(self, raw: str, number_format: str, where: str) -> Any:
        from openpyxl.styles.numbers import is_date_format, is_timedelta_format
        from openpyxl.utils.datetime import from_excel

        try:
            value: Any = float(raw) if any(mark in raw for mark in ".eE") else int(raw)
        except ValueError:
            raise self.fail(f"the cell should hold a number but holds {raw[:40]!r}; the file is damaged", where) from None
        if is_date_format(number_format):
            try:
                return from_excel(value, self.epoch, timedelta=is_timedelta_format(number_format))
            except (OverflowError, ValueError):
                raise self.fail(f"the cell is formatted as a date ({number_format}) but holds {value}, which is no date", where) from None
        return value

    def _iso_date(self, raw: str, where: str) -> Any:
        from openpyxl.utils.datetime import from_ISO8601

        try:
            return from_ISO8601(raw)
        except (ValueError, TypeError):
            raise self.fail(f"the cell should hold a date but holds {raw[:40]!r}; the file is damaged", where) from None
