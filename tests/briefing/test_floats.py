"""Figures moved where the page has room for them, past running text, never past a heading or another figure.

The page is the page estimate's small one (tests/briefing/test_pagination):
ten lines of 20 pt a page.
"""

from __future__ import annotations

import io

from docx.enum.text import WD_LINE_SPACING
from docx.shared import Pt

from tests.briefing.test_pagination import LINE, lines, seven_lines_then_a_panel, small_document
from tests.helpers import stand_in_png
from report_gen.briefing.floats import place_figures
from report_gen.briefing.pagination import estimate_pages

PNG = stand_in_png(30, 40, 50)


def figure(document, height_pt: float) -> list:
    """A picture `height_pt` tall and its caption, kept together: the figure's body blocks."""
    holder = document.add_paragraph()
    holder.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    holder.paragraph_format.keep_with_next = True
    holder.add_run().add_picture(io.BytesIO(PNG), width=Pt(60), height=Pt(height_pt))
    caption = document.add_paragraph("图1　示例")
    return [holder._p, caption._p]


def test_a_figure_that_does_not_fit_goes_after_the_paragraph_that_follows_it():
    document = small_document()
    for _ in range(6):
        document.add_paragraph(LINE)
    group = figure(document, 100)  # six lines with its caption: four are left on page 1
    after = document.add_paragraph(lines(4))
    before = estimate_pages(document)
    assert before.page_of(group[0]) == 2 and before.left[1] == 80
    assert place_figures(document, [group], {"Heading1"}, 20) == 1
    estimate = estimate_pages(document)
    assert estimate.page_of(after._p) == 1 and estimate.page_of(group[0]) == 2 and estimate.pages == 2
    body = [p._p for p in document.paragraphs]
    assert body.index(after._p) < body.index(group[0]) < body.index(group[1]), "the figure stays whole, after the text"


def test_a_figure_never_moves_past_a_heading():
    document = small_document()
    for _ in range(6):
        document.add_paragraph(LINE)
    group = figure(document, 100)
    heading = document.add_paragraph("（一）典型案例")
    heading.paragraph_format.keep_with_next = True
    document.add_paragraph(lines(3))
    place_figures(document, [group], {"Heading1"}, 20)  # it may come up before the text above it
    body = [p._p for p in document.paragraphs]
    assert body.index(group[1]) < body.index(heading._p)


def test_a_figure_comes_up_before_the_text_above_it_where_it_then_fits():
    document = small_document()
    for _ in range(4):
        document.add_paragraph(LINE)
    above = [document.add_paragraph(LINE), document.add_paragraph(LINE)]
    group = figure(document, 100)  # six lines: after the six paragraphs it does not fit, after four it does
    heading = document.add_paragraph("（一）典型案例")
    heading.paragraph_format.keep_with_next = True
    document.add_paragraph(lines(3))
    assert place_figures(document, [group], {"Heading1"}, 20) == 1
    body = [p._p for p in document.paragraphs]
    assert body.index(group[1]) + 1 == body.index(above[0]._p), "the two lines follow the figure"
    assert estimate_pages(document).page_of(group[0]) == 1


def test_a_page_that_ends_a_section_may_end_early():
    document = small_document()
    for _ in range(6):
        document.add_paragraph(LINE)
    group = figure(document, 100)
    document.add_paragraph(lines(4))
    order = [p._p for p in document.paragraphs]
    # the figure opens a section here: its first block is in a section-opening style
    document.paragraphs[6].style = document.styles["Heading 1"]
    assert place_figures(document, [group], {document.styles["Heading 1"].style_id}, 20) == 0
    assert [p._p for p in document.paragraphs] == order


def test_a_panel_parted_from_its_caption_moves_so_they_share_a_page():
    """Writer leaves a table at a page's foot while its caption goes overleaf: the figure moves whole instead."""
    document = small_document()
    panel = seven_lines_then_a_panel(document)
    caption = document.add_paragraph("图1　示例")
    document.add_paragraph(lines(2))
    group = [panel._tbl, caption._p]
    before = estimate_pages(document)
    assert before.page_of(panel.rows[-1]._tr) == 1 and before.page_of(caption._p) == 2, "two rows fit, the caption does not"
    assert place_figures(document, [group], {"Heading1"}, 20) == 1
    estimate = estimate_pages(document)
    assert estimate.page_of(panel.rows[0]._tr) == estimate.page_of(caption._p) and estimate.pages == 2
