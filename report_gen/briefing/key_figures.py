"""A key-figure panel in the briefing: a tile chart set as a table of text, never as a picture.

Each figure gets a cell: its number as written (约12.5亿元) in 黑体, its short
label, and its period with its reported change. The cells are laid out as
on a page's width allows (one row up to four, then 2 × 3), in the document's
own fonts, so the numbers can be searched, copied, read aloud and edited.

Each line of a cell is set as a typesetter would in a narrow column: a
label or a number too wide for its cell is set smaller (down to
SMALLEST_PT) rather than broken inside a word (农村人均可支配收 / 入) or
between a number and its unit (2.65 / 亿元); the period and the change go
on lines of their own, broken at their comma. A period every figure shares
is said once, by the caller (shared_period), not in every cell.
The table carries the chart's description as its alt text, and the writer
puts the 资料来源 line and the 图N caption under it, as under any chart.
"""

from __future__ import annotations

from typing import Callable, Optional, Sequence

from docx.document import Document as DocumentObject
from docx.enum.table import WD_ALIGN_VERTICAL, WD_TABLE_ALIGNMENT
from docx.shared import Mm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

from ..charts.spec import KeyFigure
from ..design import PT_PER_MM
from ..ooxml import docx as docx_xml
from ..ooxml.flow import CELL_MARGIN_PT
from ..text.cjk import text_ems
from .styles import STYLE_KEY_NOTE, STYLE_KEY_VALUE, STYLE_TABLE

SetStyle = Callable[[Paragraph, str], None]
"""Gives a paragraph a paragraph style by name (the writer's cached lookup)."""

AddText = Callable[[Paragraph, str], None]
"""Appends text to a paragraph (the writer's, which anchors a figure's written form)."""


def _add_run(paragraph: Paragraph, text: str) -> None:
    paragraph.add_run(text)


def add_key_figure_panel(document: DocumentObject, cells: Sequence[KeyFigure], width_mm: float, set_style: SetStyle,
                         title: str, description: str, table_style: str = STYLE_TABLE, add_text: AddText = _add_run,
                         sizes: tuple[float, float] = (16.0, 12.0)) -> Table:
    """Add the panel of key figures as a table `width_mm` wide, kept on one page with what follows; return it.

    `table_style` is the name of the table style (an organisation's template may name its own); `add_text`
    writes each figure's number into its cell; `sizes` are the number's and the lines' type sizes in points,
    the largest each line is set in. A period all the cells share (shared_period) is left out of them.
    """
    rows, cols = panel_grid(len(cells))
    shared = shared_period(cells)
    text_width_pt = width_mm / cols * PT_PER_MM - 2 * CELL_MARGIN_PT - 1.0
    table = document.add_table(rows=rows, cols=cols)
    table.style = document.styles[table_style]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    cell_width = Mm(width_mm / cols)
    for column in table.columns:
        column.width = cell_width
    for index, row in enumerate(table.rows):
        docx_xml.keep_row_on_one_page(row)
        for col, cell in enumerate(row.cells):
            cell.width = cell_width
            cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER
            number = index * cols + col
            if number < len(cells):
                _fill(cell.paragraphs[0], cell.add_paragraph, cells[number], set_style, add_text, text_width_pt, sizes, shared)
            else:  # an empty cell of a short last row still keeps with the caption below
                set_style(cell.paragraphs[0], STYLE_KEY_NOTE)
    docx_xml.set_table_alt_text(table, title, description)
    return table


def panel_grid(count: int) -> tuple[int, int]:
    """Return rows and columns for `count` key figures across the page: one row up to four, then two rows of three."""
    return (1, count) if count <= 4 else (2, 3)


SMALLEST_PT = 9.0
"""The smallest size a cell's line is set in to fit its cell (小五)."""


def shared_period(cells: Sequence[KeyFigure]) -> Optional[str]:
    """Return the period every figure of a panel shares, said once for the panel; None when they differ or there is one."""
    periods = {cell.period for cell in cells}
    return periods.pop() if len(cells) > 1 and len(periods) == 1 else None


def fitted_size(text: str, size: float, width_pt: float) -> float:
    """Return the size, in half points down to SMALLEST_PT, at which `text` fits on one line `width_pt` wide."""
    ems = text_ems(text)
    while size > SMALLEST_PT and ems * size > width_pt:
        size -= 0.5
    return size


def cell_lines(cell: KeyFigure, shared: Optional[str]) -> list[str]:
    """The lines under a cell's number: its label, then its period and its change, each on a line of its own."""
    notes = [part for part in (None if cell.period == shared else cell.period, cell.change) if part]
    return [cell.label, *notes]


def _fill(first: Paragraph, add: Callable[[], Paragraph], cell: KeyFigure, set_style: SetStyle, add_text: AddText,
          width_pt: float, sizes: tuple[float, float], shared: Optional[str]) -> None:
    """Write a cell: the number, then the label, then the period and the change, each line fitted to the cell."""
    set_style(first, STYLE_KEY_VALUE)
    add_text(first, cell.value)
    fitted = fitted_size(cell.value, sizes[0], width_pt)
    if fitted < sizes[0]:
        for run in first.runs:
            run.font.size = Pt(fitted)
    for text in cell_lines(cell, shared):
        paragraph = add()
        set_style(paragraph, STYLE_KEY_NOTE)
        run = paragraph.add_run(text)
        fitted = fitted_size(text, sizes[1], width_pt)
        if fitted < sizes[1]:
            run.font.size = Pt(fitted)
