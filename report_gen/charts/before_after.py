"""Before and after: two bars, grey then red, with an arrow and the reported change between them."""

from __future__ import annotations

from typing import Optional

from matplotlib.patches import FancyArrowPatch

from ..data.model import Figure
from ..design import MID_GREY, RED, TEXT
from .axes import headroom
from .canvas import LINESPACING, Canvas, plain_text
from .spec import before_after_bars


def draw_before_after(canvas: Canvas, figures: list[Figure], sources: str) -> None:
    """Draw the earlier value in grey and the later in red, each labelled, with the change between them."""
    labels, values, written, change = before_after_bars(canvas.chart, figures)
    for label in labels:
        canvas.check(label, "label")
    for text in written:
        canvas.check(text, "value")
    if change:
        canvas.check(change, "change")

    band = canvas.draw_source_line(sources)
    canvas.layout_above(band)
    ax = canvas.fig.add_subplot()
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.spines["bottom"].set_linewidth(0.8)
    ax.set_yticks([])
    ax.tick_params(length=0, pad=5)
    width = 0.5
    ax.bar([0, 1], values, width=width, color=[MID_GREY, RED], zorder=2)
    ax.set_xlim(-0.75, 1.75)
    label_size = canvas.pt(1.0)
    value_size = canvas.pt(1.15)
    ax.set_xticks([0, 1], [plain_text(label) for label in labels])
    high0 = max(values) or 1.0
    ax.set_ylim(0, high0)
    canvas.relayout()
    axis_w, axis_h = canvas.axes_box(ax)
    px_per_x = axis_w / 2.5
    slot = px_per_x * 0.95
    wrapped = [canvas.wrap(label, slot, label_size) for label in labels]
    ax.set_xticks([0, 1], [plain_text(w) for w in wrapped])
    ax.tick_params(axis="x", labelsize=label_size, labelcolor=TEXT)
    vsize = min(canvas.fit(text, slot, value_size, canvas.pt(0.8)) for text in written)
    canvas.relayout()
    axis_w, axis_h = canvas.axes_box(ax)
    value_h = max(canvas.extent(text, vsize)[1] for text in written) + canvas.pt_px(4)
    high = headroom(0, high0, value_h, axis_h)
    ax.set_ylim(0, high)
    for x, value, text, colour in zip([0, 1], values, written, [TEXT, RED]):
        ax.annotate(
            plain_text(text),
            (x, value),
            xytext=(0, 3),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontproperties=canvas.props(vsize),
            color=colour,
            annotation_clip=False,
        )
    _arrow_with_change(canvas, ax, values, value_h, (px_per_x, axis_h / high), width, change)


def _arrow_with_change(canvas: Canvas, ax, values: list[float], value_h: float, scale: tuple[float, float],
                       width: float, change: Optional[str]) -> None:
    """Draw the arrow from the earlier bar to the later one, with the reported change over it.

    They sit in the gap between the bars, in whichever free band is taller:
    below the lower bar's top, or between the lower bar's value label and the
    higher bar's top. `scale` is pixels per data unit along x and along y.
    """
    px_per_x, px_per_y = scale
    small, big = sorted(values)
    bands = [(0.0, small * px_per_y), (small * px_per_y + value_h, big * px_per_y)]
    bottom_px, top_px = max(bands, key=lambda b: b[1] - b[0])
    gap_px = (1 - width) * px_per_x * 0.9
    change_size = canvas.pt(0.9)
    change_text = canvas.wrap(change, gap_px, change_size) if change else ""
    change_h = canvas.extent(change_text, change_size)[1] if change else 0.0
    arrow_y_px = bottom_px + max((top_px - bottom_px - change_h) / 2, canvas.pt_px(4))
    arrow_y = arrow_y_px / px_per_y
    arrow = FancyArrowPatch(
        (width / 2 + 0.06, arrow_y),
        (1 - width / 2 - 0.06, arrow_y),
        arrowstyle="-|>",
        mutation_scale=canvas.pt(1.4),
        linewidth=max(1.0, canvas.pt(0.12)),
        color=RED,
        zorder=3,
    )
    ax.add_patch(arrow)
    if change:
        ax.annotate(
            plain_text(change_text),
            (0.5, arrow_y),
            xytext=(0, 3),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontproperties=canvas.props(change_size),
            linespacing=LINESPACING,
            color=RED,
            annotation_clip=False,
        )
