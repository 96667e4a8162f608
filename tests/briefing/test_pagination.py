"""The page-break estimate: small documents whose layout can be worked out by hand.

Every document here has a text area 100 pt wide and 200 pt high and a
10 pt body with exact 20 pt lines: ten Chinese characters a line, ten lines
a page.
"""

from __future__ import annotations

from docx import Document
from docx.enum.text import WD_LINE_SPACING
from docx.shared import Pt

from report_gen.briefing.pagination import estimate_pages

LINE = "党建引领高质量发展情况"[:10]
"""Ten characters: exactly one line."""


def small_document():
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Pt(200), Pt(300)
    section.left_margin = section.right_margin = Pt(50)
    section.top_margin = section.bottom_margin = Pt(50)
    normal = document.styles["Normal"]
    normal.font.size = Pt(10)
    fmt = normal.paragraph_format
    fmt.line_spacing, fmt.line_spacing_rule = Pt(20), WD_LINE_SPACING.EXACTLY
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.first_line_indent = Pt(0)
    fmt.widow_control = True
    return document


def lines(count: int) -> str:
    return LINE * count


def seven_lines_then_a_panel(document):
    """Fill seven of a small page's ten lines, then add a two-row, one-column panel whose cells' text keeps with
    the next, as a key-figure panel's does; return the table."""
    for _ in range(7):
        document.add_paragraph(LINE)
    panel = document.add_table(rows=2, cols=1)
    for row in panel.rows:
        row.cells[0].width = Pt(100)
        row.cells[0].paragraphs[0].add_run("数值")
        row.cells[0].paragraphs[0].paragraph_format.keep_with_next = True
    return panel


def test_ten_lines_fill_a_page():
    document = small_document()
    paragraphs = [document.add_paragraph(LINE) for _ in range(25)]
    estimate = estimate_pages(document)
    assert estimate.pages == 3
    assert [estimate.page_of(p._p) for p in paragraphs[8:12]] == [1, 1, 2, 2]


def test_a_full_stop_after_a_full_line_hangs_past_the_margin():
    document = small_document()
    document.add_paragraph(LINE + "。")
    tenth = [document.add_paragraph(LINE) for _ in range(9)][-1]
    assert estimate_pages(document).page_of(tenth._p) == 1, "the first paragraph took one line"


def test_a_latin_word_is_never_broken():
    document = small_document()
    for _ in range(9):
        document.add_paragraph(LINE)
    latin = document.add_paragraph("党建引领高质量发展2022")  # 2022 does not fit after nine characters
    assert estimate_pages(document).page_of(latin._p) == 2, "two lines, which cannot split across the page"


def test_a_paragraph_splits_but_leaves_no_single_line_behind_or_ahead():
    document = small_document()
    for _ in range(8):
        document.add_paragraph(LINE)
    split = document.add_paragraph(lines(5))  # lines 9-10 on page 1, 3 on page 2
    assert estimate_pages(document).page_of(split._p) == 1

    document = small_document()
    for _ in range(9):
        document.add_paragraph(LINE)
    orphan = document.add_paragraph(lines(5))  # one line would be left at the foot: the whole moves
    after = document.add_paragraph(LINE)
    estimate = estimate_pages(document)
    assert estimate.page_of(orphan._p) == 2 and estimate.page_of(after._p) == 2

    document = small_document()
    for _ in range(7):
        document.add_paragraph(LINE)
    widow = document.add_paragraph(lines(4))  # 3 would fit, leaving 1: 2 and 2 instead
    after = document.add_paragraph(LINE)
    estimate = estimate_pages(document)
    assert estimate.page_of(widow._p) == 1 and estimate.page_of(after._p) == 2
    assert estimate.pages == 2


def test_a_heading_keeps_with_the_paragraph_after_it():
    document = small_document()
    for _ in range(9):
        document.add_paragraph(LINE)
    heading = document.add_paragraph("一、标题")
    heading.paragraph_format.keep_with_next = True
    body = document.add_paragraph(lines(2))
    estimate = estimate_pages(document)
    assert estimate.page_of(heading._p) == estimate.page_of(body._p) == 2


def test_a_page_break_before_starts_a_new_page():
    document = small_document()
    first = document.add_paragraph(LINE)
    second = document.add_paragraph(LINE)
    second.paragraph_format.page_break_before = True
    estimate = estimate_pages(document)
    assert (estimate.page_of(first._p), estimate.page_of(second._p), estimate.pages) == (1, 2, 2)


def test_space_after_may_fall_below_the_last_line_of_a_page():
    document = small_document()
    for _ in range(9):
        document.add_paragraph(LINE)
    spaced = document.add_paragraph(LINE)
    spaced.paragraph_format.space_after = Pt(12)
    assert estimate_pages(document).page_of(spaced._p) == 1


def test_table_rows_do_not_split_and_the_header_row_repeats():
    document = small_document()
    for _ in range(8):
        document.add_paragraph(LINE)
    table = document.add_table(rows=6, cols=1)
    for index, row in enumerate(table.rows):
        row.cells[0].width = Pt(100)
        row.cells[0].paragraphs[0].add_run(f"第{index}行")
        if index == 0:
            from report_gen.ooxml.docx import repeat_row_as_header

            repeat_row_as_header(row)
    estimate = estimate_pages(document)
    pages = [estimate.page_of(row._tr) for row in table.rows]
    # Rows of 20.75 pt: the header fits in the 40 pt left on page 1, the first row does not;
    # page 2 starts with the header again and holds the other five rows.
    assert pages == [1, 2, 2, 2, 2, 2]
    assert estimate.pages == 2


def test_a_table_keeps_its_rows_together_but_not_itself_with_the_paragraph_after_it():
    """Writer keeps a row with the next row when its cells' text keeps with the next, never a table with what follows."""
    document = small_document()
    table = seven_lines_then_a_panel(document)
    source = document.add_paragraph(LINE)
    source.paragraph_format.keep_with_next = True
    caption = document.add_paragraph(lines(2))
    estimate = estimate_pages(document)
    # Two rows of 20.75 pt fit in the 60 pt left on page 1; the source line and its two-line caption do not
    # fit after them, and go on to page 2 without taking the table along.
    assert [estimate.page_of(row._tr) for row in table.rows] == [1, 1]
    assert estimate.page_of(source._p) == estimate.page_of(caption._p) == 2


def test_an_inline_picture_takes_its_height():
    import io

    from matplotlib.figure import Figure

    figure = Figure(figsize=(1, 1), dpi=50)
    stream = io.BytesIO()
    figure.savefig(stream, format="png")
    document = small_document()
    holder = document.add_paragraph()
    holder.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    holder.add_run().add_picture(stream, width=Pt(100), height=Pt(150))
    after = [document.add_paragraph(LINE) for _ in range(3)]
    estimate = estimate_pages(document)
    assert [estimate.page_of(p._p) for p in after] == [1, 1, 2]
