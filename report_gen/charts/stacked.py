"""Shares of a whole: a bar a period split into its parts (三次产业结构 10.7:39.5:49.8), each labelled with its share.

The parts take the grouped bars' styles (greys and hatches light to dark, the
last part red), named in a legend above; what the listed shares leave of the
whole is drawn white in a grey outline and named 其他. A single bar makes a
low picture rather than a tall block: the image is only as tall as its rows.
"""

from __future__ import annotations

import math

from ..data.model import Figure
from ..design import MID_GREY, SERIES_STYLES, TEXT, SeriesStyle, luma
from .axes import add_legend
from .canvas import LINESPACING, Canvas, plain_text
from .periods import share_table

REMAINDER_STYLE = SeriesStyle("#FFFFFF", edge=MID_GREY)
"""What no listed share covers: white in a grey outline."""

ROW_MM = 15.0
"""Height of a period's row at the briefing's type size (10.5 pt); it grows with the type on a slide."""

BAR_HEIGHT = 0.6
"""Thickness of a bar, as a part of its row."""


def part_styles(listed: int, remainder: bool) -> tuple[SeriesStyle, ...]:
    """Return the fills of a whole's parts: the series styles of `listed` parts, then the remainder's."""
    return tuple(SERIES_STYLES[listed]) + ((REMAINDER_STYLE,) if remainder else ())


def on_fill(style: SeriesStyle) -> str:
    """Return the colour of text written on a fill: white on a dark one, the text colour on a light one."""
    return "white" if luma(style.face) < 128 else TEXT


def draw_stacked(canvas: Canvas, figures: list[Figure], sources: str) -> None:
    """Draw a 100% bar per period, split into its parts, each part's share written on it (or over it when narrow)."""
    table = share_table(canvas.chart, figures)
    for text in table.periods + table.parts:
        canvas.check(text, "label")
    listed = len(table.parts) - (1 if table.has_remainder else 0)
    styles = part_styles(listed, table.has_remainder)
    band = canvas.draw_source_line(sources)
    row_px = canvas.mm(ROW_MM) * canvas.placement.base_font_pt / 10.5
    wanted = band + row_px * len(table.periods) + canvas.mm(16) * canvas.placement.base_font_pt / 10.5
    canvas.wanted_height_mm = float(math.ceil(wanted / canvas.mm(1)))
    canvas.layout_above(band)
    ax = canvas.fig.add_subplot()
    for side in ("top", "right", "bottom", "left"):
        ax.spines[side].set_visible(False)
    ax.tick_params(length=0, pad=canvas.pt(0.5))
    ys = list(range(len(table.periods)))
    lefts = [0.0] * len(ys)
    for name, shares, style in zip(table.parts, table.shares, styles):
        ax.barh(ys, shares, left=lefts, height=BAR_HEIGHT, color=style.face, hatch=style.hatch,
                hatchcolor=style.hatch_colour, edgecolor=style.edge or "none", linewidth=0.6 if style.edge else 0,
                label=plain_text(name), zorder=2)
        lefts = [left + share for left, share in zip(lefts, shares)]
    ax.set_xlim(0, 100)
    ax.set_xticks([])
    ax.set_ylim(len(ys) - 0.5, -0.5)
    size = canvas.pt(1.0)
    ax.set_yticks(ys, [plain_text(canvas.wrap(period, canvas.width * 0.16, size)) for period in table.periods])
    ax.tick_params(axis="y", labelsize=size, labelcolor=TEXT)
    for tick in ax.get_yticklabels():
        tick.set_linespacing(LINESPACING)
    add_legend(canvas, ax, "")
    _share_labels(canvas, ax, table, styles)


def _share_labels(canvas: Canvas, ax, table, styles: tuple[SeriesStyle, ...]) -> None:
    """Write each share on its part, at one size for all; a part too narrow for it gets its share over the bar."""
    canvas.relayout()
    axis_w, axis_h = canvas.axes_box(ax)
    px_per_point = axis_w / 100
    cells = [(row, column) for row in range(len(table.parts)) for column in range(len(table.periods))
             if table.shares[row][column] > 0]
    texts = {cell: table.written(*cell) for cell in cells}
    for text in texts.values():
        canvas.check(text, "value")
    room = {cell: table.shares[cell[0]][cell[1]] * px_per_point * 0.9 for cell in cells}
    size = canvas.pt(0.95)
    while size > canvas.pt(0.7) and any(canvas.extent(texts[c], size)[0] > room[c] for c in cells):
        size *= 0.94
    above = canvas.pt(0.5) + BAR_HEIGHT / 2 * axis_h / len(table.periods) / canvas.pt_px(1)
    for row, column in cells:
        start = sum(table.shares[r][column] for r in range(row))
        centre = start + table.shares[row][column] / 2
        fits = canvas.extent(texts[(row, column)], size)[0] <= room[(row, column)]
        ax.annotate(plain_text(texts[(row, column)]), (centre, column), xytext=(0, 0 if fits else above),
                    textcoords="offset points", ha="center", va="center" if fits else "bottom",
                    fontproperties=canvas.props(size), color=on_fill(styles[row]) if fits else TEXT,
                    annotation_clip=False, zorder=4,
                    # On a hatched part the share sits on a patch of plain fill, so the lines do not cross it.
                    bbox={"facecolor": styles[row].face, "edgecolor": "none", "pad": 1.0} if fits and styles[row].hatch else None)
