"""The foot of the last page: a 公文's 主送 and 版记, and where a 版记 or a 简报's 报尾 goes (GB/T 9704 §7.3.2, §7.4, §7.5).

The 主送 (`report.addressee`) stands a line under the title block, flush
left, its last name followed by a full-width colon.

The 版记 (`report.imprint`) is set in 4号 of the body face between a thick
rule above its first element and a thick rule under its last: the 抄送
line one character in from either side (抄送：甲，乙。, a wrapped line
aligned after the colon), then the 印发机关 one character in from the left
and the 印发日期 (2021年5月1日印发) one character in from the right. (The
thin rule GB/T 9704 draws between them is left out; see add_imprint.)

Both the 版记 and the 简报's 报尾 sit in a frame at the foot of the text
area, so their last rule lies on the type area's last line. They share the
last page of text when they fit under it and that page is where they
belong (an even page, the back of the last sheet, when printed on both
sides; any page otherwise). When they do not, they go on a page of their
own, after a blank page when the next page would be an odd one; those
pages start a section whose footers are empty, so neither the blank page
nor the 版记's page carries a page number (§7.5).
"""

from __future__ import annotations

from typing import Callable

from docx.document import Document as DocumentObject
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.shared import Twips
from docx.text.paragraph import Paragraph

from ..data.model import Imprint
from ..ooxml import docx as docx_xml
from .pagination import estimate_pages
from ..text.numbers import write_date
from .layout import PageLayout
from .styles import STYLE_ADDRESSEE, STYLE_IMPRINT

ParagraphMaker = Callable[[str, str], Paragraph]
"""Appends a paragraph of some text in a named style to the document and returns it."""

THICK_RULE = 8
"""The first and last rules of a 版记 or 报尾, in eighths of a point: 1 pt, GB/T 9704's 0.35 mm."""
RULE_GAP_PT = 4
"""Gap between a rule and the text beside it."""
BLACK = "000000"

SPARE_LINES = 1
"""Body lines a 版记 or 报尾 must leave free on a page it shares with text: the page estimate may be a line short."""


def write_addressee(add: ParagraphMaker, addressee: str) -> Paragraph:
    """Write the 主送 flush left, ending with a full-width colon, and return its paragraph."""
    return add(addressee.rstrip("：:，、。 ") + "：", STYLE_ADDRESSEE)


def imprint_lines(imprint: Imprint) -> tuple[str, ...]:
    """Return the 版记's text: the 抄送 line when there are copies, then 印发机关 and the 印发日期 a tab apart."""
    issued = f"{imprint.issued_by}\t{write_date(imprint.issued_on)}印发"
    if not imprint.copy_to:
        return (issued,)
    return (f"抄送：{'，'.join(name.rstrip('，、。') for name in imprint.copy_to)}。", issued)


def add_imprint(add: ParagraphMaker, document: DocumentObject, imprint: Imprint, layout: PageLayout) -> list[Paragraph]:
    """Append the 版记 with `add` and place it at the foot of the last even page; return its paragraphs.

    Its lines share one frame and one pair of thick rules, drawn above the
    first line and below the last. GB/T 9704's thin rule between the 抄送
    line and the 印发 line is left out: LibreOffice keeps framed
    paragraphs in their frame only when their rules are the same (a rule
    between them, or a rule of another weight, drops the frame and the
    版记 lands at the head of the page).
    """
    character = Twips(round(layout.caption_pt * 20))

    def write() -> list[Paragraph]:
        paragraphs = []
        for text in imprint_lines(imprint):
            paragraph = add(text, STYLE_IMPRINT)
            paragraph.paragraph_format.right_indent = character
            if text.startswith("抄送："):  # a wrapped line aligns after 抄送：
                paragraph.paragraph_format.left_indent = Twips(4 * character.twips)
                paragraph.paragraph_format.first_line_indent = Twips(-3 * character.twips)
            else:
                paragraph.paragraph_format.left_indent = character
                paragraph.paragraph_format.tab_stops.add_tab_stop(Twips(layout.text_width.twips - character.twips), WD_TAB_ALIGNMENT.RIGHT)
            for side in ("top", "bottom"):
                docx_xml.set_rule(paragraph, side, BLACK, THICK_RULE, RULE_GAP_PT)
            paragraphs.append(paragraph)
        paragraphs[-1].paragraph_format.keep_with_next = False
        return paragraphs

    return place_at_foot(document, write, layout, even_page=True)


def place_at_foot(
    document: DocumentObject, write: Callable[[], list[Paragraph]], layout: PageLayout, even_page: bool,
) -> list[Paragraph]:
    """Append the block `write` makes at the foot of the last page, or of a page of its own, as §7.5 wants.

    With `even_page` the block goes on an even page (a one-page document
    keeps it on its only page). It shares the last page of text when it
    fits there with `SPARE_LINES` to spare and the page is right; else it
    starts an unnumbered last section on the next page, after a blank page
    when that one would be odd.
    """
    text_pages = estimate_pages(document).pages
    spare = [document.add_paragraph() for _ in range(SPARE_LINES)]
    paragraphs = write()
    fits = estimate_pages(document).page_of_paragraph(paragraphs[-1]) == text_pages
    for paragraph in spare:
        docx_xml.remove_paragraph(paragraph)
    wrong_side = even_page and text_pages > 1 and text_pages % 2 == 1
    if not fits or wrong_side:
        # The new section opens with an empty paragraph: readers lose a frame that starts a section.
        opening = paragraphs[0].insert_paragraph_before()
        docx_xml.start_unnumbered_section(document, opening)
        if even_page and text_pages % 2 == 0:
            # The next page is odd, the front of a sheet: it stays blank and the block goes on its back.
            paragraphs[0].paragraph_format.page_break_before = True
    for paragraph in paragraphs:
        docx_xml.set_at_foot_of_text(paragraph, layout.text_width.twips)
    return paragraphs
