"""The streaming workbook reader reads what openpyxl reads, cell for cell, and stops at its limits where it passes them."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest

from tests.helpers import hostile
from report_gen.ooxml.safe_xml import UnsafeXml, declares_dtd, parse_part
from report_gen.ooxml.xlsx import SheetLimits, WorkbookError, read_workbook

LIMITS = SheetLimits(rows=50, columns=10, cells=400, sheets=3, shared_strings=400, characters=10_000, elements=5_000)


def saved(workbook: openpyxl.Workbook) -> bytes:
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def test_values_and_number_formats_are_those_openpyxl_reads():
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "figures"
    sheet.append(["theme", "value", "share", "day", "count", "note"])
    sheet.append(["economy", 12.5, 0.97, dt.datetime(2024, 5, 1), True, "  含空格  "])
    sheet.append(["people", 3, None, None, False, "第二行"])
    sheet["C2"].number_format = "0.0%"
    sheet["B3"].number_format = "0.00"
    sheet["F5"] = "a row further down"
    data = saved(book)
    expected = openpyxl.load_workbook(io.BytesIO(data), data_only=True)["figures"]
    [read] = read_workbook(data, LIMITS)
    assert read.name == "figures"
    for number, cells in read.rows:
        for index, cell in enumerate(cells):
            theirs = expected.cell(number, index + 1)
            if cell is None:
                assert theirs.value is None
                continue
            assert (cell.value, cell.number_format) == (theirs.value, theirs.number_format), theirs.coordinate
    assert [number for number, _ in read.rows] == [1, 2, 3, 5]


def test_inline_and_rich_strings_read_as_their_text_without_phonetic_guides():
    def rich(xml: str) -> str:
        return xml.replace('<c r="A1" t="s"><v>0</v></c>',
                           '<c r="A1" t="inlineStr"><is><r><t>地区</t></r><r><t>生产总值_x000D_</t></r><rPh><t>ちく</t></rPh></is></c>')
    [read] = read_workbook(hostile.workbook(sheet_xml=rich), LIMITS)
    assert read.rows[0][1][0].value == "地区生产总值\r"


@pytest.mark.parametrize("rows, place", [
    ([["x"] * 11], "K1"),
    ([["x"]] * 51, "A51"),
])
def test_a_sheet_past_its_rows_or_columns_is_refused_at_the_cell_that_passes(rows, place):
    with pytest.raises(WorkbookError) as caught:
        read_workbook(hostile.workbook(rows), LIMITS)
    assert caught.value.place == f"figures!{place}"


def test_the_cells_of_a_whole_workbook_are_counted():
    with pytest.raises(WorkbookError, match="more than 400 cells") as caught:
        read_workbook(hostile.workbook([[1] * 10] * 41), LIMITS)
    assert caught.value.place == "figures!A41"


def test_a_row_of_empty_cells_far_past_the_limit_is_refused_after_reading_a_little_of_it(tmp_path):
    path = hostile.streamed_workbook(tmp_path / "wide.xlsx", ['<row r="1">', "<c/>" * 1_000_000, "</row>"])
    with pytest.raises(WorkbookError) as caught:
        read_workbook(path.read_bytes(), LIMITS)
    assert caught.value.place == "figures!K1"


@pytest.mark.parametrize("prolog", [
    b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY n "x">]><a>&n;</a>',
    b'<?xml version="1.0"?>' + b"<!--" + b"x" * 5000 + b'--><!DOCTYPE a SYSTEM "file:///etc/hostname"><a/>',
    '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE a [<!ENTITY n "x">]><a>&n;</a>'.encode("utf-16"),
    '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE a [<!ENTITY n "x">]><a>&n;</a>'.encode("utf-16-le"),
])
def test_a_dtd_is_found_whatever_the_encoding_or_the_comments_before_it(prolog):
    assert declares_dtd([prolog[i:i + 100] for i in range(0, len(prolog), 100)])
    with pytest.raises(UnsafeXml, match="declares a DTD"):
        parse_part(prolog, "part.xml")


def test_plain_xml_and_pictures_declare_none():
    assert not declares_dtd([b'<?xml version="1.0"?><a><b/></a>'])
    assert not declares_dtd([b"\x89PNG\r\n\x1a\n not xml at all"])
