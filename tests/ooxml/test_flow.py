"""The body a page estimate lays out, read from WordprocessingML: properties resolved, pieces and rows in order."""

from __future__ import annotations

from docx import Document
from docx.enum.text import WD_BREAK
from docx.shared import Pt

from report_gen.ooxml.flow import FlowParagraph, FlowRow, read_flow


def test_a_paragraph_resolves_its_style_and_keeps_its_runs_sizes():
    document = Document()
    heading = document.styles["Heading 1"]
    heading.font.size = Pt(16)
    heading.paragraph_format.keep_with_next = True
    paragraph = document.add_paragraph("一、总体情况", style="Heading 1")
    run = paragraph.add_run("[1]")
    run.font.superscript = True
    flow = read_flow(document)
    read = flow.blocks[0]
    assert isinstance(read, FlowParagraph) and read.element is paragraph._p
    assert read.props.size == 16 and read.props.keep_next
    assert [(piece.text, piece.size) for piece in read.pieces] == [("一、总体情况", 16), ("[1]", 16 * 0.58)]


def test_a_table_gives_its_rows_with_cell_widths_less_the_margins():
    document = Document()
    table = document.add_table(rows=2, cols=2)
    table.rows[0].cells[0].text = "指标"
    for row in table.rows:
        for cell in row.cells:
            cell.width = Pt(100)
    flow = read_flow(document)
    rows = [block for block in flow.blocks if isinstance(block, FlowRow)]
    assert [row.element for row in rows] == [row._tr for row in table.rows]
    assert rows[0].cells[0].width == 100 - 2 * 5.4
    assert rows[0].cells[0].paragraphs[0].pieces[0].text == "指标"
    assert flow.width > 400 and flow.height > 600


def test_a_page_break_marks_its_paragraph():
    document = Document()
    paragraph = document.add_paragraph("前")
    paragraph.add_run().add_break(WD_BREAK.PAGE)
    read = read_flow(document).blocks[0]
    assert read.page_break
