"""The visual language every document shares: palette, series styles, greyscale rules.

The image charts (matplotlib), the native charts (PowerPoint and Word chart
parts) and the deck's theme all take their colours from here, so a bar is
the same red and a before-bar the same grey wherever it is drawn.

The lengths every writer converts between are here too, in plain numbers.

One party-building red for the data that matters, greys for the rest. Pairs
used together differ clearly in greyscale (luma in brackets): red (57)
against mid grey (166) or pale grey (227).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

RED = "#C00000"
"""The accent: bars, the 'after' bar, the done part of a progress ring, key numbers."""
MID_GREY = "#A6A6A6"
"""The 'before' bar; the whole in a part-and-whole legend."""
PALE_GREY = "#E3E3E3"
"""The remainder of a progress ring."""
TILE_GREY = "#F5F5F5"
"""Background of a key-figure tile (the deck's card colour)."""
GRID_GREY = "#D9D9D9"
"""Gridlines."""
TEXT = "#262626"
"""Labels and written values."""
MUTED_TEXT = "#595959"
"""Source line, unit note, periods, tick numbers, axis line."""
OFFICIAL_RED = "#FF0000"
"""The red of an official document (GB/T 9704): the issuer mark and the rule under it (版头), the 简报's name and rule (报头)."""

EMU_PER_INCH = 914400
EMU_PER_MM = 36000
EMU_PER_PT = 12700
"""Office's English Metric Units: the lengths a .docx, a .pptx and their drawings are measured in."""
MM_PER_INCH = EMU_PER_INCH / EMU_PER_MM
"""25.4: matplotlib sizes figures in inches, report_gen places charts in millimetres."""
PT_PER_INCH = EMU_PER_INCH / EMU_PER_PT
"""72."""
MM_PER_PT = EMU_PER_PT / EMU_PER_MM
"""0.3528."""
PT_PER_MM = EMU_PER_MM / EMU_PER_PT
"""2.8346."""

SOURCE_LINE_PT = 10.5
"""The 资料来源 line under every chart, panel and native chart of the briefing: 五号 楷体 in MUTED_TEXT, as bulletins set it."""
SOURCE_LINE_FONT = "heading2"
"""Its typeface, by the briefing's font roles (report_gen.data.style.BriefingFonts): 楷体."""


def luma(colour: str) -> float:
    """Return the greyscale lightness (0 black – 255 white) a colour prints at: ITU-R BT.601 luma, as PIL's "L" mode and printer drivers compute it."""
    red, green, blue = (int(colour.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4))
    return 0.299 * red + 0.587 * green + 0.114 * blue


GREYSCALE_MARGIN = 45.0
"""Least difference in greyscale lightness (0–255 luma) between series drawn side by side.

45 is about 18% of the range, near 17 units of CIE L* for these greys, where
about 1 unit is just noticeable on screen. Printed in black and white, greys are
halftone dots, and an office printer or a photocopy of its page keeps perhaps
five or six grey levels apart (255 / 6 ≈ 42); neighbours at least 45 apart
still fall in different levels, and hatching adds a texture besides for the
middle series of three or four, whose neighbours are greys on both sides.
Measured on the rendered image (the mean over a bar), so hatching counts.
"""


@dataclass(frozen=True)
class SeriesStyle:
    """How the bars of one series are filled, so they read apart in greyscale as well as in colour."""

    face: str
    """Fill colour."""
    hatch: Optional[str] = None
    """matplotlib hatch pattern drawn over the fill (e.g. '///'); None for a plain fill."""
    hatch_colour: str = "white"
    """Colour of the hatch lines."""
    edge: Optional[str] = None
    """Outline colour, for a fill too pale to stand out from white paper; None for no outline."""


SERIES_STYLES: dict[int, tuple[SeriesStyle, ...]] = {
    1: (SeriesStyle(RED),),
    2: (SeriesStyle(MID_GREY), SeriesStyle(RED)),
    3: (SeriesStyle("#DCDCDC", edge="#8C8C8C"), SeriesStyle("#6D6D6D", hatch="///"), SeriesStyle(RED)),
    4: (
        SeriesStyle("#E3E3E3", edge="#8C8C8C"),
        SeriesStyle("#939393", hatch="///"),
        SeriesStyle("#4E4E4E", hatch="\\\\\\"),
        SeriesStyle(RED),
    ),
}
"""Series styles by number of series, earliest first: light to dark, the last in the accent red.

Two series match the before/after chart (grey, then red). Neighbours differ in
lightness by at least GREYSCALE_MARGIN; the middle greys are hatched in white
lines of opposite slant, so they differ in texture from each other and from
the plain red and the plain pale grey as well.
"""


@dataclass(frozen=True)
class LineStyle:
    """How one line of a line chart is drawn, so lines read apart in greyscale by dash and marker as well as grey."""

    colour: str
    marker: str
    """Shape of the points: circle, square, triangle or diamond."""
    dash: Optional[str] = None
    """dash, dot or long (long dashes); None for a solid line."""


LINE_STYLES: dict[int, tuple[LineStyle, ...]] = {
    1: (LineStyle(RED, "circle"),),
    2: (LineStyle("#7F7F7F", "square", "dash"), LineStyle(RED, "circle")),
    3: (LineStyle("#A6A6A6", "triangle", "dot"), LineStyle("#595959", "square", "dash"), LineStyle(RED, "circle")),
    4: (
        LineStyle("#BFBFBF", "diamond", "dot"),
        LineStyle("#8C8C8C", "triangle", "dash"),
        LineStyle("#595959", "square", "long"),
        LineStyle(RED, "circle"),
    ),
}
"""Line styles by number of lines, as SERIES_STYLES for bars: greys light to dark, the last solid red.

A line is thin, so greys alone would not keep four lines apart on a
photocopy; each also has its own dash pattern and marker shape.
"""


def hex_digits(colour: str) -> str:
    """Return a colour as the six hex digits OOXML writes: #C00000 → C00000."""
    return colour.lstrip("#").upper()


DECK_THEME_COLOURS = {
    "dk1": hex_digits(TEXT),  # text: near-black, softer than pure black on a projector
    "lt1": "FFFFFF",
    "dk2": hex_digits(MUTED_TEXT),  # secondary text: periods, sources, the footer
    "lt2": hex_digits(TILE_GREY),  # cards
    "accent1": hex_digits(RED),  # the party-building red: bands, key numbers, bars
    "accent2": hex_digits(MID_GREY),
    "accent3": hex_digits(PALE_GREY),
    "accent4": "7F7F7F",
    "accent5": "8B0000",
    "accent6": hex_digits(GRID_GREY),
    "hlink": hex_digits(RED),
    "folHlink": "7F7F7F",
}
"""The deck theme's colours; slides name theme slots (accent 1, text 1 …), so another template recolours them."""

RULE_GREY = GRID_GREY
"""The hairline under slide titles."""
