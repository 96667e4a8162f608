"""Writing values back into spreadsheet cells: only the cells change; formats, lists, comments and panes stay; CSV lines in place."""

from __future__ import annotations

import io

import openpyxl
import pytest
from openpyxl.chart import BarChart, Reference
from openpyxl.comments import Comment
from openpyxl.worksheet.datavalidation import DataValidation

from report_gen.data.located import SheetRow
from report_gen.readback.write_sheet import CellEdit, edited_csv, edited_workbook, with_decimals
from report_gen.readback.write_yaml import Unwritable

COLUMNS = {"id": "A", "value": "B", "unit": "C", "qualifier": "D"}


def _workbook(chart: bool = False) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "figures"
    sheet.append(["id", "value", "unit", "qualifier"])
    sheet.append(["revenue", 12.5, "亿元", "约"])
    sheet.append(["profit", 5085, "万元", None])
    sheet["B2"].number_format = "#,##0.0"
    sheet["A1"].font = openpyxl.styles.Font(bold=True)
    sheet["A2"].comment = Comment("一季报", "办公室")
    sheet.freeze_panes = "A2"
    sheet.column_dimensions["A"].width = 21
    listed = DataValidation(type="list", formula1='"约,余,以上"', allow_blank=True)
    sheet.add_data_validation(listed)
    listed.add("D2:D50")
    if chart:
        bars = BarChart()
        bars.add_data(Reference(sheet, min_col=2, min_row=1, max_row=3), titles_from_data=True)
        sheet.add_chart(bars, "F2")
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def _row(number: int) -> SheetRow:
    return SheetRow("figures.xlsx", "figures", number, COLUMNS)


def test_only_the_cells_change_and_the_workbook_keeps_its_formats_lists_comments_and_panes():
    data = edited_workbook(_workbook(), [(_row(2), [CellEdit("value", 13.25, 2), CellEdit("qualifier", None)]),
                                         (_row(3), [CellEdit("value", 5100, 0)])])
    sheet = openpyxl.load_workbook(io.BytesIO(data))["figures"]
    assert [[cell.value for cell in row] for row in sheet.iter_rows()] == [
        ["id", "value", "unit", "qualifier"], ["revenue", 13.25, "亿元", None], ["profit", 5100, "万元", None]]
    assert sheet["B2"].number_format == "#,##0.00", "the cell shows the decimals the document writes, grouping kept"
    assert sheet["B3"].number_format == "General"
    assert sheet["A1"].font.bold and sheet["A2"].comment.text == "一季报"
    assert sheet.freeze_panes == "A2" and sheet.column_dimensions["A"].width == 21
    assert [str(validation.sqref) for validation in sheet.data_validations.dataValidation] == ["D2:D50"]


def test_a_workbook_holding_a_chart_is_not_saved_by_a_library_that_would_drop_it():
    with pytest.raises(Unwritable, match="drawings"):
        edited_workbook(_workbook(chart=True), [(_row(2), [CellEdit("value", 13, 0)])])


@pytest.mark.parametrize("number_format, decimals, expected", [
    (None, 1, "0.0"), ("General", 2, "0.00"), ("#,##0.0", 2, "#,##0.00"), ("0.00", 0, "0"), ("#,##0", 1, "#,##0.0"),
])
def test_a_number_format_is_given_the_decimals_a_value_is_printed_with(number_format, decimals, expected):
    assert with_decimals(number_format, decimals) == expected


def test_a_csv_line_is_edited_in_place_its_other_fields_encoding_and_line_endings_kept():
    text = "theme,id,value,unit,qualifier\r\nlivelihood,visits,3,万人次,近\r\nlivelihood,beds,120,张,\r\n"
    row = SheetRow("more.csv", None, 2, {"value": "C", "qualifier": "E"})
    for encoding in ("utf-8-sig", "gb18030"):
        data = edited_csv(text.encode(encoding), [(row, [CellEdit("value", 1.3, 1), CellEdit("qualifier", None)])])
        assert data.decode(encoding) == text.replace("3,万人次,近", "1.3,万人次,")


def test_a_csv_line_with_quoted_fields_is_left_to_a_person():
    text = 'theme,id,value,unit,note\nlivelihood,visits,3,万人次,"含上门服务, 电话回访"\n'
    row = SheetRow("more.csv", None, 2, {"value": "C"})
    with pytest.raises(Unwritable, match="quoted"):
        edited_csv(text.encode(), [(row, [CellEdit("value", 4, 0)])])
