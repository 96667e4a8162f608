"""The page layouts of the Word briefing: every measure of a preset in one value.

A preset fixes the page, the text area, the grid (lines a page, characters a
line) and the type sizes; the briefing derives everything else from them:
the exact line pitch is the text height over the lines, and body text gets
the letter spacing that puts exactly `chars_per_line` characters on a line
of the text width, so the grid holds in Word, WPS and LibreOffice alike
(LibreOffice lays a Word character grid narrower than the type one
character in two cells, so the grid is not left to the reader).
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass

from docx.shared import Emu, Length, Mm, Pt, Twips

from ..data.style import BriefingPreset
from ..design import MM_PER_PT


@dataclass(frozen=True)
class PageLayout:
    """The measures of one preset; lengths in millimetres or points as their names say."""

    preset: BriefingPreset
    page_width_mm: float
    page_height_mm: float
    margin_top_mm: float
    margin_left_mm: float
    text_width_mm: float
    text_height_mm: float
    lines_per_page: int
    chars_per_line: int
    body_pt: float
    """Body text and headings of every level."""
    title_pt: float
    caption_pt: float
    """Chart and table captions, chart notes."""
    table_pt: float
    page_number_pt: float
    chart_width_mm: float
    """Widest a chart picture is placed; never wider than the text."""
    footer_gap_mm: float = 7
    """From the bottom of the text area to the page number's baseline region."""
    heading3_bold: bool = True
    """Level-3 headings (`1.`) in bold: local practice GB/T 9704 allows."""

    @property
    def margin_right_mm(self) -> float:
        return self.page_width_mm - self.margin_left_mm - self.text_width_mm

    @property
    def margin_bottom_mm(self) -> float:
        return self.page_height_mm - self.margin_top_mm - self.text_height_mm

    @property
    def line_pitch(self) -> Length:
        """Exact line spacing of body text: the text height over the lines, rounded down to a twentieth of a point."""
        return Twips(math.floor(self.text_height_mm / MM_PER_PT / self.lines_per_page * 20))

    @property
    def char_pitch_pt(self) -> float:
        """Advance of one body character: the text width over the characters of a line."""
        return self.text_width_mm / MM_PER_PT / self.chars_per_line

    @property
    def body_letter_spacing(self) -> Length:
        """Spacing added after each body character (negative: tighter) so a line holds `chars_per_line` characters.

        Rounded down to a twentieth of a point, and kept under the exact value,
        so rounding in a reader never pushes the last character of a line
        onto the next.
        """
        twentieths = (self.char_pitch_pt - self.body_pt) * 20
        return Twips(math.floor(twentieths) - (1 if twentieths == math.floor(twentieths) else 0))

    @property
    def first_line_indent(self) -> Length:
        """Two body characters on the grid."""
        return Twips(round(2 * (self.body_pt + self.body_letter_spacing.pt) * 20))

    @property
    def footer_distance(self) -> Length:
        """Footer from the page's bottom edge, putting the page number `footer_gap_mm` below the text area."""
        return Emu(Mm(self.margin_bottom_mm - self.footer_gap_mm) - Pt(self.page_number_pt))

    @property
    def text_width(self) -> Length:
        return Mm(self.text_width_mm)


LAYOUTS: dict[BriefingPreset, PageLayout] = {
    BriefingPreset.GBT9704: PageLayout(
        preset=BriefingPreset.GBT9704,
        page_width_mm=210,
        page_height_mm=297,
        margin_top_mm=37,
        margin_left_mm=28,
        text_width_mm=156,
        text_height_mm=225,
        lines_per_page=22,
        chars_per_line=28,
        body_pt=16,  # 三号
        title_pt=22,  # 二号
        caption_pt=14,  # 四号
        table_pt=12,  # 小四
        page_number_pt=14,  # 四号
        chart_width_mm=156,
    ),
    BriefingPreset.COMPACT: PageLayout(
        preset=BriefingPreset.COMPACT,
        page_width_mm=210,
        page_height_mm=297,
        margin_top_mm=30,
        margin_left_mm=27,
        text_width_mm=156,
        text_height_mm=239,
        lines_per_page=28,
        chars_per_line=32,
        body_pt=14,  # 四号
        title_pt=18,  # 小二
        caption_pt=12,  # 小四
        table_pt=10.5,  # 五号
        page_number_pt=12,  # 小四
        chart_width_mm=130,
    ),
}


LAYOUTS[BriefingPreset.JIANBAO] = dataclasses.replace(LAYOUTS[BriefingPreset.GBT9704], preset=BriefingPreset.JIANBAO)
"""The 简报 form keeps the GB/T 9704 page and grid; its 报头 and 报尾 are report_gen.briefing.bulletin's."""


def layout_of(preset: BriefingPreset) -> PageLayout:
    """Return the measures of a preset."""
    return LAYOUTS[preset]
