"""Bar charts: vertical bars (one series or grouped), and horizontal bars for long labels."""

from __future__ import annotations

from ..data.model import Figure
from ..design import MUTED_TEXT, RED, SERIES_STYLES, TEXT
from .axes import add_legend, bar_axes, footroom, headroom, value_ticks
from .canvas import LINESPACING, Canvas, plain_text
from .spec import category_labels


def draw_bar(canvas: Canvas, figures: list[Figure], sources: str) -> None:
    draw_columns(canvas, category_labels(figures), [[f] for f in figures], [], sources)


def draw_grouped_bar(canvas: Canvas, figures: list[Figure], sources: str) -> None:
    chart = canvas.chart
    width = len(chart.series)
    rows = [figures[i:i + width] for i in range(0, len(figures), width)]
    draw_columns(canvas, [group.label for group in chart.groups], rows, list(chart.series), sources)


def draw_columns(canvas: Canvas, categories: list[str], rows: list[list[Figure]], series: list[str], sources: str) -> None:
    """Draw vertical bars: one group per category, one bar per series in it (a plain bar chart has one series)."""
    figures = [figure for row in rows for figure in row]
    ax, values, written, unit_note, _ = bar_axes(canvas, figures, categories, series, sources, "y")
    n = len(categories)
    per_group = len(rows[0])
    styles = SERIES_STYLES[per_group]
    group_width = 0.58 if per_group == 1 else 0.8
    pitch = group_width / per_group
    bar_width = pitch if per_group == 1 else pitch * 0.9
    centres = [[g - group_width / 2 + pitch * (s + 0.5) for s in range(per_group)] for g in range(n)]
    label_size = canvas.pt(1.0)
    value_size = canvas.pt(0.95)

    for s, style in enumerate(styles):
        ax.bar(
            [centres[g][s] for g in range(n)],
            [values[g * per_group + s] for g in range(n)],
            width=bar_width,
            color=style.face,
            hatch=style.hatch,
            hatchcolor=style.hatch_colour,
            edgecolor=style.edge or "none",
            linewidth=0.6 if style.edge else 0,
            label=plain_text(series[s]) if series else None,
            zorder=2,
        )
    ax.set_xlim(-0.6, n - 0.4)
    positions = list(range(n))
    # A first layout to measure the axis by; a label wider than half the figure is wrapped for it, not laid out on one line.
    first = [label if canvas.extent(label, label_size)[0] <= canvas.width / 2 else canvas.wrap(label, canvas.width / n, label_size)
             for label in categories]
    ax.set_xticks(positions, [plain_text(label) for label in first])
    low0 = min(0.0, min(values))
    high0 = max(0.0, max(values))
    if high0 == low0:
        high0 = 1.0
    ticks, tick_labels = value_ticks(canvas, values, low0, high0)
    ax.set_yticks(ticks, tick_labels)
    ax.set_ylim(low0, high0)
    if series:
        add_legend(canvas, ax, unit_note)
    canvas.relayout()
    axis_w, _ = canvas.axes_box(ax)
    unit_w = axis_w / (n + 0.2)
    size = _category_labels(canvas, ax, categories, unit_w * 0.92, label_size)
    # Value labels: one line if it fits above the bar at a readable size, else number over unit.
    # A lone bar's label may use its whole slot; in a group, only the bar's own width.
    room = unit_w * 0.97 if per_group == 1 else bar_width * unit_w
    vsize = min(canvas.fit(text, room, min(value_size, size), canvas.pt(0.7)) for text in written)
    shown = [text if canvas.extent(text, vsize)[0] <= room else canvas.wrap(text, room, vsize) for text in written]
    xs = [centres[index // per_group][index % per_group] for index in range(len(values))]
    _value_labels(canvas, ax, values, shown, xs, vsize, (low0, high0))


def _category_labels(canvas: Canvas, ax, categories: list[str], slot: float, label_size: float) -> float:
    """Write the category labels under the bars, wrapped to their slot; return the size they are set at.

    Smaller type only when a label would otherwise need many lines.
    """
    size = label_size
    while True:
        wrapped = [canvas.wrap(label, slot, size, max_lines=None) for label in categories]
        if max(w.count("\n") for w in wrapped) < 4 or size <= canvas.pt(0.75):
            break
        size *= 0.92
    wrapped = [canvas.wrap(label, slot, size) for label in categories]
    ax.set_xticks(list(range(len(categories))), [plain_text(w) for w in wrapped])
    ax.tick_params(axis="x", labelsize=size, labelcolor=TEXT)
    for tick in ax.get_xticklabels():
        tick.set_linespacing(LINESPACING)
    return size


def _value_labels(canvas: Canvas, ax, values: list[float], shown: list[str], xs: list[float], vsize: float,
                  limits: tuple[float, float]) -> None:
    """Write each value over (or under) its bar, with the value axis stretched to leave room for the labels."""
    low0, high0 = limits
    canvas.relayout()
    _, axis_h = canvas.axes_box(ax)
    need = max(canvas.extent(text, vsize)[1] for text in shown) + canvas.pt_px(6)
    high = headroom(low0, high0, need, axis_h) if high0 > 0 else high0
    low = footroom(low0, high, need, axis_h) if low0 < 0 else low0
    ticks, tick_labels = value_ticks(canvas, values, low, high)
    ax.set_yticks(ticks, tick_labels)
    ax.set_ylim(low, high)
    for x, value, text in zip(xs, values, shown):
        ax.annotate(
            plain_text(text),
            (x, value),
            xytext=(0, 3 if value >= 0 else -3),
            textcoords="offset points",
            ha="center",
            va="bottom" if value >= 0 else "top",
            fontproperties=canvas.props(vsize),
            linespacing=LINESPACING,
            color=TEXT,
            annotation_clip=False,
        )
    if low < 0:
        ax.spines["bottom"].set_visible(False)
        ax.axhline(0, color=MUTED_TEXT, linewidth=0.8, zorder=3)


def draw_hbar(canvas: Canvas, figures: list[Figure], sources: str) -> None:
    labels = category_labels(figures)
    ax, values, written, _, band = bar_axes(canvas, figures, labels, [], sources, "x")
    n = len(figures)
    positions = list(range(n))
    label_size = canvas.pt(1.0)
    value_size = canvas.pt(0.95)

    low0 = min(0.0, min(values))
    high0 = max(0.0, max(values))
    if high0 == low0:
        high0 = 1.0
    ax.barh(positions, values, height=0.6, color=RED, zorder=2)
    ax.set_ylim(n - 0.4, -0.6)
    # Category labels: wrapped to at most a third of the width, fewer lines than the row holds.
    row = (canvas.height - band) * 0.8 / n
    size = label_size
    while True:
        for share in (0.22, 0.28, 0.34):
            wrapped = [canvas.wrap(label, canvas.width * share, size) for label in labels]
            if max(canvas.extent(w, size)[1] for w in wrapped) <= row * 0.92:
                break
        else:
            if size > canvas.pt(0.7):
                size *= 0.92
                continue
        break
    ax.set_yticks(positions, [plain_text(w) for w in wrapped])
    ax.tick_params(axis="y", labelsize=size, labelcolor=TEXT)
    for tick in ax.get_yticklabels():
        tick.set_linespacing(LINESPACING)
    ticks, tick_labels = value_ticks(canvas, values, low0, high0)
    ax.set_xticks(ticks, tick_labels)
    ax.set_xlim(low0, high0)
    canvas.relayout()
    axis_w, axis_h = canvas.axes_box(ax)
    widest = max(written, key=lambda t: canvas.extent(t, value_size)[0])
    vsize = canvas.fit(widest, axis_w * 0.3, min(value_size, max(size, canvas.pt(0.8))), canvas.pt(0.7))
    need = max(canvas.extent(text, vsize)[0] for text in written) + canvas.pt_px(6)
    high = headroom(low0, high0, need, axis_w) if high0 > 0 else high0
    # Left of a negative bar its label, then a gap of a character before the category labels.
    low = footroom(low0, high, need + canvas.pt_px(vsize), axis_w) if low0 < 0 else low0
    ticks, tick_labels = value_ticks(canvas, values, low, high)
    ax.set_xticks(ticks, tick_labels)
    ax.set_xlim(low, high)
    for y, value, text in zip(positions, values, written):
        ax.annotate(
            plain_text(text),
            (value, y),
            xytext=(4 if value >= 0 else -4, 0),
            textcoords="offset points",
            ha="left" if value >= 0 else "right",
            va="center",
            fontproperties=canvas.props(vsize),
            color=TEXT,
            annotation_clip=False,
        )
    if low < 0:
        ax.spines["left"].set_visible(False)
        ax.axvline(0, color=MUTED_TEXT, linewidth=0.8, zorder=3)
