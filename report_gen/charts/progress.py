"""Share or progress: a ring with the share in its middle, and a legend of the part and its whole."""

from __future__ import annotations

from typing import Optional

from matplotlib.patches import Wedge

from ..data.model import Figure
from ..design import MUTED_TEXT, PALE_GREY, RED, TEXT
from ..data.written import write_figure
from .canvas import Canvas, plain_text
from .spec import progress_share


def draw_progress(canvas: Canvas, figures: list[Figure], sources: str) -> None:
    """Draw a share as a ring beside a legend of the part (and its whole), with the period."""
    share, share_text, whole, part = progress_share(canvas.chart, figures)
    if whole is None:
        rows = [(RED, part.axis_label, "")]
        period = part.period
    else:
        # Only the part gets a swatch: the whole is the full ring, not its grey remainder.
        rows = [(RED, part.axis_label, write_figure(part)), (None, whole.axis_label, write_figure(whole))]
        period = part.period if part.period == whole.period else f"{part.period}；{whole.period}"
    canvas.check(share_text, "value")
    for _, label, value in rows:
        canvas.check(label, "label")
        canvas.check(value, "value")
    canvas.check(period, "period")

    band = canvas.draw_source_line(sources)
    margin = canvas.margin
    area_h = canvas.height - band - margin
    area_w = canvas.width - 2 * margin
    side = min(area_h, area_w * 0.42)
    ring_left = margin + area_w * 0.04
    _ring(canvas, share, share_text, ring_left, band + (area_h - side) / 2, side)
    # The legend: a swatch, the label, and the written value, one row per figure,
    # centred in the space right of the ring.
    space_left = ring_left + side + area_w * 0.06
    _legend(canvas, rows, period, (space_left, band, canvas.width - margin - space_left, area_h))


def _ring(canvas: Canvas, share: float, share_text: str, ring_left: float, ring_bottom: float, side: float) -> None:
    """Draw the ring, red for the share done and pale grey for the rest, with the share written in its middle."""
    ax = canvas.fig.add_axes(canvas.frac(ring_left, ring_bottom, side, side))
    ax.set_xlim(-1.02, 1.02)
    ax.set_ylim(-1.02, 1.02)
    ax.set_aspect("equal")
    ax.axis("off")
    thickness = 0.28
    done = 360 * share
    ax.add_patch(Wedge((0, 0), 1, 90, 450, width=thickness, facecolor=PALE_GREY, edgecolor="none"))
    if done > 0:
        ax.add_patch(Wedge((0, 0), 1, 90 - done, 90, width=thickness, facecolor=RED, edgecolor="none"))
    inner = side / 2.04 * (1 - thickness) * 2 * 0.84
    size = canvas.fit(share_text, inner, canvas.pt(2.4), canvas.pt(1.0))
    ax.text(0, 0, plain_text(share_text), ha="center", va="center_baseline", fontproperties=canvas.props(size), color=RED)


def _legend(canvas: Canvas, rows: list[tuple[Optional[str], str, str]], period: str,
            space: tuple[float, float, float, float]) -> None:
    """Write the legend rows (swatch, label, written value) and the period, centred in `space` (left, bottom, width, height)."""
    space_left, area_bottom, space_w, area_h = space
    swatch = canvas.pt_px(canvas.pt(0.9))
    indent = swatch * 1.8
    text_w = space_w - indent
    label_size = canvas.pt(1.1)
    value_size = canvas.pt(1.7)
    period_size = canvas.pt(0.85)
    for _attempt in range(8):
        laid = []
        for colour, label, value in rows:
            wrapped = canvas.wrap(label, text_w, label_size)
            vsize = canvas.fit(value, text_w, value_size, canvas.pt(1.0)) if value else 0
            laid.append((colour, wrapped, value, vsize))
        period_text = canvas.wrap(period, text_w, period_size)
        gap = canvas.pt_px(label_size) * 1.1
        heights = [
            canvas.extent(w, label_size)[1] + (canvas.extent(v, vs)[1] + canvas.pt_px(3) if v else 0)
            for _, w, v, vs in laid
        ]
        period_h = canvas.extent(period_text, period_size)[1]
        total = sum(heights) + gap * len(laid) + period_h
        if total <= area_h * 0.95 or label_size <= canvas.pt(0.8):
            break
        label_size *= 0.92
        value_size *= 0.92
        period_size = max(canvas.pt(0.7), period_size * 0.95)
    block_w = indent + max(
        [canvas.extent(w, label_size)[0] for _, w, _, _ in laid]
        + [canvas.extent(v, vs)[0] for _, _, v, vs in laid if v]
        + [canvas.extent(period_text, period_size)[0]]
    )
    block_left = space_left + max(0.0, (space_w - block_w) / 2)
    text_left = block_left + indent
    y = area_bottom + (area_h + total) / 2
    for (colour, wrapped, value, vsize), height in zip(laid, heights):
        first_line = canvas.extent("国", label_size)[1]
        if colour is not None:
            canvas.rectangle(block_left, y - (first_line + swatch) / 2, swatch, swatch, colour)
        canvas.text(text_left, y, wrapped, label_size, ha="left", va="top", color=TEXT)
        if value:
            value_y = y - canvas.extent(wrapped, label_size)[1] - canvas.pt_px(3)
            canvas.text(text_left, value_y, value, vsize, ha="left", va="top", color=colour or TEXT)
        y -= height + gap
    canvas.text(text_left, y + gap * 0.4, period_text, period_size, ha="left", va="top", color=MUTED_TEXT)
