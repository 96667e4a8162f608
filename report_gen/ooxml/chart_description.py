"""What a native chart part draws, apart from the document it goes in and from the figures it came from.

A `NativeChart` is categories, one or two plots of series, and how each is
painted and labelled. `chart_xml` writes it as a DrawingML chart part and
`chart_workbook` as the workbook a reader edits the data in; `pptx_chart`
puts the pair on a slide and `docx_chart` in a Word paragraph. Colours are
the palette's (`report_gen.design`); sizes are multiples of the host's base
size (`ChartLook`), so one description reads right on a slide and on a page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Optional

from .. import design

PlotShape = Literal["column", "bar", "line", "doughnut"]
"""column: vertical bars; bar: horizontal bars; line: points joined in category order; doughnut: a ring."""

Hatch = Literal["up", "down"]
"""White diagonal lines over a fill, rising (///) or falling (\\\\\\) to the right."""

HATCHES: dict[str, Hatch] = {"///": "up", "\\\\\\": "down"}
"""matplotlib hatch patterns of the palette's series styles, as the chart part's hatches."""

Marker = Literal["circle", "square", "triangle", "diamond"]

LabelPosition = Literal["outside", "centre", "above", "below", "left", "right"]
"""Where a data label sits: past a bar's end, in its middle; above, below, left or right of a line's point."""


@dataclass(frozen=True)
class Paint:
    """A colour, optionally with a theme slot that stands for it and a hatch over it."""

    rgb: str
    """The colour as #RRGGBB, from report_gen.design."""
    theme: Optional[str] = None
    """Theme colour slot (accent1) that a host with report_gen's theme may write instead, so a template recolours it."""
    hatch: Optional[Hatch] = None
    """White diagonal lines over the colour, so neighbouring series differ in texture in greyscale."""
    edge: Optional[str] = None
    """Outline colour (#RRGGBB) for a fill too pale to stand out from white paper; None for none."""

    @property
    def luma(self) -> float:
        """Return the greyscale lightness the colour prints at (0 black – 255 white), hatch aside."""
        return design.luma(self.rgb)


ACCENT = Paint(design.RED, theme="accent1")
"""The party-building red, written as the theme's accent 1 where the host's theme carries it."""
TEXT = Paint(design.TEXT, theme="tx1")
MUTED = Paint(design.MUTED_TEXT)
WHITE = Paint("#FFFFFF", theme="bg1")


def series_paints(count: int) -> tuple[Paint, ...]:
    """Return the fills of `count` series side by side (1–4), as the images paint them: greys, hatches, red last."""
    return tuple(
        ACCENT if style.face == design.RED else Paint(style.face, hatch=HATCHES.get(style.hatch or ""), edge=style.edge)
        for style in design.SERIES_STYLES[count]
    )


@dataclass(frozen=True)
class PointLabel:
    """The data label of one point: a number format over the value, or fixed text where no format can show it."""

    number_format: Optional[str] = None
    """Excel number format that writes the value as the report does (`"约"General"亿元"`); follows an edited value."""
    text: Optional[str] = None
    """Fixed label text, used when number_format is None."""
    paint: Optional[Paint] = None
    """Colour of this label; None means the series' label colour."""
    scale: Optional[float] = None
    """Size of this label as a multiple of the base size; None means the series' label size."""
    position: Optional[LabelPosition] = None
    """Where this label sits; None means the series' label position."""


@dataclass(frozen=True)
class Series:
    """One series: its name, its values in category order, and how its points are painted and labelled."""

    name: str
    values: tuple[Optional[float], ...]
    """One value per category; None leaves a gap."""
    paint: Paint
    labels: tuple[Optional[PointLabel], ...] = ()
    """One label per point (None: no label for that point); empty for a series without labels."""
    label_paint: Paint = TEXT
    label_scale: float = 0.95
    """Size of the data labels as a multiple of the base size."""
    label_position: LabelPosition = "outside"
    label_fill: Optional[Paint] = None
    """A patch of plain colour behind each label (on a hatched part, so the lines do not cross the text); None for none."""
    point_paints: tuple[Optional[Paint], ...] = ()
    """Fills of single points that differ from the series' (a before/after chart's grey first bar)."""
    marker: Optional[Marker] = None
    """Marker of a line's points; None for none."""
    dash: Optional[str] = None
    """Dash pattern of a line (dash, dot or long, as report_gen.design.LINE_STYLES names them); None for solid."""


@dataclass(frozen=True)
class ValueAxis:
    """The value axis a plot is measured on."""

    minimum: Optional[float] = None
    """Lowest value shown; None lets the reader choose."""
    maximum: Optional[float] = None
    """Highest value shown; None lets the reader choose."""
    major_unit: Optional[float] = None
    """Step between gridlines and tick numbers; None lets the reader choose."""
    gridlines: bool = True
    tick_labels: bool = True
    """Whether tick numbers are shown (off where data labels carry the numbers)."""
    number_format: str = "General"
    """Number format of the tick numbers."""
    line: bool = False
    """Whether the axis line is drawn."""


@dataclass(frozen=True)
class Plot:
    """One chart type drawn over the categories: columns, bars, a line or a ring."""

    shape: PlotShape
    series: tuple[Series, ...]
    axis: ValueAxis = ValueAxis()
    stacked: bool = False
    """Bars stacked end to end (shares of a whole) rather than side by side."""
    gap_width: int = 100
    """Space between groups of bars, in per cent of a bar's width."""
    overlap: int = 0
    """Overlap of bars in a group, in per cent of a bar's width (negative: a gap); 100 when stacked."""
    hole: int = 72
    """Hole of a doughnut, in per cent of its diameter."""
    category_line: bool = True
    """Whether the category axis is drawn as a line (the baseline of bars); its labels are shown either way."""


@dataclass(frozen=True)
class NativeChart:
    """A whole chart part: its categories and its plots; a second plot is measured on a second value axis."""

    categories: tuple[str, ...]
    plots: tuple[Plot, ...]
    legend: bool = False
    """Whether a legend names the series (or a ring's slices)."""
    legend_position: Literal["top", "right"] = "top"
    reverse_categories: bool = False
    """Horizontal bars: the first category on top, as the images draw it."""
    centre_text: Optional[str] = None
    """Text written in the middle of a doughnut (the share done)."""
    centre_paint: Paint = ACCENT
    centre_scale: float = 2.4
    frame_pt: Optional[tuple[float, float]] = None
    """Width and height the part is shown at, in points, where its layout is fixed: a ring with text in its middle
    is placed in a square on the left, the text over its centre; None lets the reader lay the chart out."""

    def all_series(self) -> list[Series]:
        """Return the series of every plot in order: the order of the workbook's columns."""
        return [series for plot in self.plots for series in plot.series]


@dataclass(frozen=True)
class ChartLook:
    """How the host writes chart text and colours: fonts, base size, and whether theme colours are meant."""

    latin: str
    """Typeface of Latin letters and digits."""
    east_asian: str
    """Typeface of Chinese text (the chart's `a:ea`)."""
    base_pt: float
    """Point size of category labels; other text is sized relative to it."""
    theme_colours: bool = False
    """Write the palette's theme slots (accent1 …) rather than RGB: true where the host's theme is report_gen's."""
