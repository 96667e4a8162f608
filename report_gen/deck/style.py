"""The deck's look in one place: theme colour slots, the one card every element is drawn on, how each kind of text is
sized, and how much a slide of the full deck holds.

What slides say in words (工作概览, 关键数字, （续）) is report_gen.deck.titles'; how much a slide of the short deck
holds, report_gen.deck.outline's; how long its notes run, report_gen.deck.script's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Union

from pptx.dml.color import RGBColor
from pptx.enum.dml import MSO_THEME_COLOR
from pptx.util import Inches

from ..data.choices import IMAGE, NATIVE  # noqa: F401  (how charts are drawn; named here for the deck's modules)
from .fit import Role
from . import geometry


Paint = Union[MSO_THEME_COLOR, RGBColor, None]
"""A theme colour slot (so another template recolours it), a fixed colour, or None to inherit."""
ACCENT = MSO_THEME_COLOR.ACCENT_1
ACCENT_SCHEME = "accent1"
"""ACCENT as DrawingML names it, for what python-pptx cannot colour (a bullet)."""
TEXT = MSO_THEME_COLOR.TEXT_1
MUTED = MSO_THEME_COLOR.TEXT_2
CARD = MSO_THEME_COLOR.BACKGROUND_2
ON_ACCENT = MSO_THEME_COLOR.BACKGROUND_1
GAP = geometry.GAP
"""Room between cards and panels side by side (kept with the boxes, which know nothing of python-pptx)."""
KICKER_BESIDE = "｜"
"""What stands between the theme and the title when a template's title box has no room for the theme above it."""
FIGURES_PER_SLIDE = 6
"""Key figures a slide of the full deck holds; the short deck's outline holds its own (report_gen.deck.outline)."""
NARROW_FIGURES_PER_SLIDE = 4
"""Key figures a slide holds when the content area is narrower than 11 in (a 4:3 template)."""
CASES_PER_SLIDE = 3
"""Cases a slide of the full deck holds, side by side, each with its whole story."""


@dataclass(frozen=True)
class CardLook:
    """How every card of the deck is drawn (key figures, cases, the overview's themes): a pale fill, an accent band
    across its top, and its text inset from the edges."""

    fill: Paint = CARD
    band: Paint = ACCENT
    band_height: int = int(Inches(0.07))
    pad: int = int(Inches(0.25))
    """Inset of the text from the card's left and right edges."""
    top_pad: int = int(Inches(0.14))
    """Inset of the text below the band."""
    bottom_pad: int = int(Inches(0.13))


CARD_LOOK = CardLook()

SLIDE_TITLE = Role(28, 20, 2, one_line_floor=24)
KICKER = Role(14, 11, 1)
"""The theme above a slide's title (营商环境), small and in the accent colour."""
COVER_TITLE = Role(40, 28, 2, one_line_floor=34)
COVER_SUBTITLE = Role(22, 16, 2)
INFO_MAIN = Role(24, 16, 1)
INFO_DATE = Role(18, 12, 1)
SHARED_ISSUER = Role(18, 12, 1)
SHARED_DATE = Role(16, 11, 1)
CLOSING_TITLE = Role(54, 32, 1)
FOOTER = Role(12, 9, 1)
CAPTION = Role(16, 12, 2)
HALF_CAPTION = Role(14, 12, 2)
"""A caption under a chart on half a slide: one size for both halves as often as they fit it."""
SOURCE_LINE = Role(12, 10, 2)
NATIVE_CHART_PT = 16.0
"""Point size of a native chart's category labels: the slide images' (report_gen.charts.SLIDE)."""
NATIVE_HALF_CHART_PT = 13.0
"""The same on half a slide, where the pictures are drawn with 14 pt text (report_gen.deck.pictures.SLIDE_HALF)."""
CARD_TITLE = Role(20, 14, 2)
CARD_FIGURE = Role(32, 16, 1)
CARD_LABEL = Role(14, 11, 2)
CARD_GOALS = Role(15, 11, 4)
CARD_GOALS_SMALL = Role(12, 10, 2)
"""The goals a theme serves, at the foot of its overview card under its headline figure."""
FIGURE_VALUE = Role(40, 20, 1)
"""A key figure's number on its card (tiles of a chart and the 关键数字 panel alike)."""
FIGURE_CHANGE = Role(16, 11, 2)
FIGURE_LABEL = Role(18, 12, 3)
FIGURE_PERIOD = Role(14, 10, 2)
PANEL_HEADING = Role(18, 13, 1)
POINT_TEXT = Role(20, 12)
CASE_LABEL = Role(14, 12, 1)
CASE_TITLE = Role(20, 15, 2)
CASE_TEXT = Role(20, 14)
CASE_SOURCE = Role(12, 10, 1)
SOURCE_TITLE = Role(20, 13, 1)
SOURCE_DETAILS = Role(16, 11, 1)
SOURCE_URL = Role(13, 10, 1)
SUMMARY_TEXT = Role(24, 16)
RING_SHARE = Role(40, 18, 1)
RING_LABEL = Role(18, 12, 2)
RING_VALUE = Role(27, 16, 1)
UNIT_NOTE = Role(13, 10, 1)
CHANGE_NOTE = Role(18, 12, 1)
