"""A key-figure panel in the briefing: a tile chart set as a table of text, never as a picture.

Each figure gets a cell: its number as written (约12.5亿元) in 黑体, its short
label, and its period with its reported change. The cells are laid out as
on a page's width allows (one row up to four, then 2 × 3), in the document's
own fonts, so the numbers can be searched, copied, read aloud and edited.
The table carries the chart's description as its alt text, and the writer
puts the 资料来源 line and the 图N caption under it, as under any chart.
"""

from __future__ import annotations

from typing import Callable, Sequence

from docx.document import Document as DocumentObject
from docx.enum.table import WD_ALIGN_VERTICAL, WD_TABLE_ALIGNMENT
from docx.shared import Mm
from docx.table import Table
from docx.text.paragraph import Paragraph

from ..charts.spec import KeyFigure
from ..ooxml import docx as docx_xml
from .styles import STYLE_KEY_NOTE, STYLE_KEY_VALUE, STYLE_TABLE

SetStyle = Callable[[Paragraph, str], None]
"""Gives a paragraph a paragraph style by name (the writer's cached lookup)."""

AddText = Callable[[Paragraph, str], None]
"""Appends text to a paragraph (the writer's, which anchors a figure's written form)."""


def _add_run(paragraph: Paragraph, text: str) -> None:
    paragraph.add_run(text)


def add_key_figure_panel(document: DocumentObject, cells: Sequence[KeyFigure], width_mm: float, set_style: SetStyle,
                         title: str, description: str, table_style: str = STYLE_TABLE, add_text: AddText = _add_run) -> Table:
    """Add the panel of key figures as a table `width_mm` wide, kept on one page with what follows; return it.

    `table_style` is the name of the table style (an organisation's template may name its own); `add_text`
    writes each figure's number into its cell.
    """
    rows, cols = panel_grid(len(cells))
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
                _fill(cell.paragraphs[0], cell.add_paragraph, cells[number], set_style, add_text)
            else:  # an empty cell of a short last row still keeps with the caption below
                set_style(cell.paragraphs[0], STYLE_KEY_NOTE)
    docx_xml.set_table_alt_text(table, title, description)
    return table


def panel_grid(count: int) -> tuple[int, int]:
    """Return rows and columns for `count` key figures across the page: one row up to four, then two rows of three."""
    return (1, count) if count <= 4 else (2, 3)


def _fill(first: Paragraph, add: Callable[[], Paragraph], cell: KeyFigure, set_style: SetStyle, add_text: AddText) -> None:
    """Write a cell: the number, then the label, then the period and change."""
    set_style(first, STYLE_KEY_VALUE)
    add_text(first, cell.value)
    for text in (cell.label, cell.note):
        paragraph = add()
        set_style(paragraph, STYLE_KEY_NOTE)
        paragraph.add_run(text)
