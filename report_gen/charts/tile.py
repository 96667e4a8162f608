"""Key-figure tiles: each figure as a large number with its label, period and change."""

from __future__ import annotations

import math

from ..data.model import Figure
from ..design import MUTED_TEXT, RED, TEXT, TILE_GREY
from .canvas import Canvas
from .spec import key_figures, require_tiles_fit, tile_grid


def draw_tile(canvas: Canvas, figures: list[Figure], sources: str) -> None:
    """Draw each figure as a tile: a large red number, its label, and its period and change."""
    require_tiles_fit(canvas.chart, figures)
    tiles = [(cell.value, cell.label, [cell.period, cell.change] if cell.change else [cell.period])
             for cell in key_figures(figures)]
    for value, label, notes in tiles:
        canvas.check(value, "value")
        canvas.check(label, "label")
        for note in notes:
            canvas.check(note, "note")

    band = canvas.draw_source_line(sources)
    margin = canvas.margin
    rows, cols = tile_grid(len(tiles))
    gutter = canvas.mm(4)
    area_w = canvas.width - 2 * margin
    area_h = canvas.height - band - margin
    tile_w = (area_w - gutter * (cols - 1)) / cols
    tile_h = (area_h - gutter * (rows - 1)) / rows
    inner_w = tile_w * 0.86
    stripe = canvas.mm(1.2)

    # One size for all numbers and one for all labels, so the tiles read as a set.
    scale = 1.0
    for _attempt in range(10):
        value_size = min(canvas.fit(v, inner_w, canvas.pt(2.6 * scale), canvas.pt(1.2)) for v, _, _ in tiles)
        label_size = canvas.pt(1.05 * scale)
        note_size = canvas.pt(0.8 * max(scale, 0.85))
        laid = [
            (v, canvas.wrap(l, inner_w, label_size), "\n".join(canvas.wrap(n, inner_w, note_size) for n in notes))
            for v, l, notes in tiles
        ]
        spacing = canvas.pt_px(label_size) * 0.5
        blocks = [
            canvas.extent(v, value_size)[1] + spacing + canvas.extent(l, label_size)[1] + spacing * 0.6 + canvas.extent(n, note_size)[1]
            for v, l, n in laid
        ]
        if max(blocks) <= (tile_h - stripe) * 0.8 or scale <= 0.6:
            break
        scale *= 0.92
    if rows == 1:
        # A single row is only as tall as its content needs, not a tall empty card,
        # and the image no taller than the row: the documents place it at its own height.
        tile_h = min(tile_h, max(max(blocks) / 0.6 + stripe, tile_w * 0.5))
        canvas.wanted_height_mm = float(math.ceil((band + tile_h + 2 * margin) / canvas.mm(1)))
    grid_top = band + (area_h + rows * tile_h + (rows - 1) * gutter) / 2

    # Numbers of one row start at the same height: centre the row's tallest block.
    row_blocks = [max(blocks[r * cols:(r + 1) * cols]) for r in range(rows)]
    for i, texts in enumerate(laid):
        row, col = divmod(i, cols)
        left = margin + col * (tile_w + gutter)
        top = grid_top - row * (tile_h + gutter)
        _tile(canvas, (left, top, tile_w, tile_h), stripe, texts, (value_size, label_size, note_size), row_blocks[row])


def _tile(canvas: Canvas, box: tuple[float, float, float, float], stripe: float, texts: tuple[str, str, str],
          sizes: tuple[float, float, float], block_h: float) -> None:
    """Draw one tile at `box` (left, top, width, height): the card, its red stripe, then value, label and note."""
    left, top, tile_w, tile_h = box
    value, label, note = texts
    value_size, label_size, note_size = sizes
    spacing = canvas.pt_px(label_size) * 0.5
    canvas.rectangle(left, top - tile_h, tile_w, tile_h, TILE_GREY)
    canvas.rectangle(left, top - stripe, tile_w, stripe, RED)
    centre = left + tile_w / 2
    y = top - stripe - (tile_h - stripe - block_h) / 2
    canvas.text(centre, y, value, value_size, ha="center", va="top", color=RED)
    y -= canvas.extent(value, value_size)[1] + spacing
    canvas.text(centre, y, label, label_size, ha="center", va="top", color=TEXT, multialignment="center")
    y -= canvas.extent(label, label_size)[1] + spacing * 0.6
    canvas.text(centre, y, note, note_size, ha="center", va="top", color=MUTED_TEXT, multialignment="center")
