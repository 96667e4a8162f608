"""The 简报 form: its 报头 at the head of the first page and its 报尾 at the foot of the last.

The 报头 is the bulletin's name in red, as large as the text width allows up
to 初号; its issue (第3期) under it; the compiling unit (`report.issuer`) one
character in from the left and the date one character in from the right on
one line; then a red rule across the text width. The title follows two grid
lines below.

The 报尾 is laid out as GB/T 9704 lays out a 版记: in 4号 of the body face,
between two rules, the 报：… 送：… 发：… lines one character in
(recipients separated by ，, the last followed by 。, a wrapped line aligned
after the colon) and the print run 共印N份 one character in from the right.
It is set in a frame at the foot of the text area, so it sits on the last
lines of the page whatever the text above leaves free; a 简报 printed on
both sides puts it on an even page, the back of the last sheet. It shares
the last page of text when it fits there; on a page of its own (after a
blank page when need be) it carries no page number, as GB/T 9704 §7.5 has
it for a 版记 (report_gen.briefing.colophon).
"""

from __future__ import annotations

import math
from typing import Optional

from docx.document import Document as DocumentObject
from docx.enum.text import WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.shared import Emu, Mm, Pt, Twips
from docx.text.paragraph import Paragraph

from ..data.model import Bulletin, ReportInfo
from ..errors import BuildError
from ..ooxml import docx as docx_xml
from ..text.cjk import text_ems
from ..text.numbers import write_date
from .colophon import BLACK, RULE_GAP_PT, THICK_RULE, ParagraphMaker, place_at_foot
from .layout import PageLayout
from .styles import (
    ISSUER_MARK_MAX_PT,
    RED,
    RED_RULE_GAP_PT,
    RED_RULE_WIDTH,
    STYLE_BULLETIN_BYLINE,
    STYLE_BULLETIN_COPIES,
    STYLE_BULLETIN_DISTRIBUTION,
    STYLE_BULLETIN_ISSUE,
    STYLE_BULLETIN_NAME,
)


DISTRIBUTION_ORDER = ("报", "送", "发")
"""The 报尾's lines, in the order they are printed: to the leadership, to peer bodies, to the units below."""

BYLINE_GAP_EMS = 2
"""Least space between the compiling unit and the date in the 报头's byline, in characters."""


def write_masthead(add: ParagraphMaker, info: ReportInfo, layout: PageLayout) -> Paragraph:
    """Write the 报头 with `add`; return its last paragraph, which carries the red rule."""
    bulletin = info.bulletin
    if bulletin is None or not bulletin.name or not bulletin.issue:
        raise BuildError("the jianbao preset's 报头 needs report.bulletin.name and issue")
    text_width_pt = Mm(layout.text_width_mm).pt
    size = min(ISSUER_MARK_MAX_PT, math.floor(text_width_pt / max(text_ems(bulletin.name, gaps=False), 1)))
    name = add(bulletin.name, STYLE_BULLETIN_NAME)
    name.paragraph_format.line_spacing = Pt(round(size * 1.25))
    name.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    for run in name.runs:
        run.font.size = Pt(size)
    add(bulletin.issue, STYLE_BULLETIN_ISSUE)
    return _byline(add, info.issuer, write_date(info.date), layout)


def _byline(add: ParagraphMaker, issuer: str, date: str, layout: PageLayout) -> Paragraph:
    """The compiling unit one character in from the left, the date one in from the right, and the red rule under them."""
    byline = add(f"{issuer}\t{date}", STYLE_BULLETIN_BYLINE)
    ems = 2 + text_ems(issuer) + BYLINE_GAP_EMS + text_ems(date)
    size = min(layout.body_pt, math.floor(Mm(layout.text_width_mm).pt / ems * 2) / 2)
    if size < layout.body_pt:  # a long unit: set the line smaller rather than let it wrap
        for run in byline.runs:
            run.font.size = Pt(size)
    one_character = Pt(size)
    byline.paragraph_format.left_indent = one_character
    byline.paragraph_format.right_indent = one_character
    byline.paragraph_format.tab_stops.add_tab_stop(Emu(layout.text_width - one_character), WD_TAB_ALIGNMENT.RIGHT)
    docx_xml.set_bottom_rule(byline, str(RED), RED_RULE_WIDTH, RED_RULE_GAP_PT)
    return byline


def distribution_lines(bulletin: Bulletin) -> list[str]:
    """Return the 报尾's distribution lines, 报：甲，乙。 first, then 送 and 发, as far as the data gives them."""
    return [
        f"{line}：{'，'.join(recipient.rstrip('，、。') for recipient in bulletin.distribution[line])}。"
        for line in DISTRIBUTION_ORDER
        if line in bulletin.distribution
    ]


def add_colophon(document: DocumentObject, bulletin: Optional[Bulletin], layout: PageLayout) -> list[Paragraph]:
    """Append the 报尾 at the foot of the last page (an even one when printed on both sides); return its paragraphs.

    It shares the last page of text when it fits there, else it has a page of its own without a page number
    (report_gen.briefing.colophon.place_at_foot).
    """
    if bulletin is None or bulletin.copies is None or not bulletin.distribution:
        raise BuildError("the jianbao preset's 报尾 needs report.bulletin.distribution and copies")
    lines = [(line, STYLE_BULLETIN_DISTRIBUTION) for line in distribution_lines(bulletin)]
    lines.append((f"共印{bulletin.copies}份", STYLE_BULLETIN_COPIES))
    character = Twips(round(layout.caption_pt * 20))

    def write() -> list[Paragraph]:
        paragraphs = []
        for text, style in lines:
            paragraph = document.add_paragraph(text, style=style)
            # Every paragraph of the 报尾 has the same indents and rules, so readers draw the rules once,
            # above the first line and below the last, and keep the lines in one frame.
            paragraph.paragraph_format.left_indent = Twips(3 * character.twips)
            paragraph.paragraph_format.first_line_indent = Twips(-2 * character.twips)
            paragraph.paragraph_format.right_indent = character
            for side in ("top", "bottom"):
                docx_xml.set_rule(paragraph, side, BLACK, THICK_RULE, RULE_GAP_PT)
            paragraphs.append(paragraph)
        return paragraphs

    return place_at_foot(document, write, layout, bulletin.double_sided)
