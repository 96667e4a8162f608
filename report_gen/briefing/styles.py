"""The briefing's styles as a table: every paragraph style's font role, size, alignment and spacing.

Each row names its font by role (the fields of `style.briefing.fonts`) and
its sizes and spacings by the page preset's measures (report_gen.briefing.
layout), so one table serves every preset. `set_up_styles` writes the table
into a python-docx document, after giving the document Chinese defaults:
the East Asian slot in every style, no theme fonts, zh-CN.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Union

from docx.document import Document as DocumentObject
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.shared import Length, Pt, RGBColor, Twips
from docx.styles.style import ParagraphStyle

from .. import design
from ..data.style import BriefingFonts
from ..design import OFFICIAL_RED
from ..ooxml import docx as docx_xml
from .layout import PageLayout

BLACK = RGBColor(0, 0, 0)
RED = RGBColor.from_string(OFFICIAL_RED.lstrip("#"))
"""The red of the issuer mark and the rule under it (版头), and of the 简报's name and rule (报头)."""

RED_RULE_WIDTH = 12
"""Thickness of the red rule of the 版头 and the 报头, in eighths of a point (1.5 pt)."""
RED_RULE_GAP_PT = 11
"""Gap between the last line of the 版头 or 报头 and its red rule: 4 mm."""

ISSUER_MARK_MAX_PT = 42  # 初号
"""Largest size of the issuer mark; a longer mark is set smaller so it stays on one line of the text width."""

STYLE_TITLE = "Briefing Title"
STYLE_SUBTITLE = "Briefing Subtitle"
STYLE_META = "Briefing Meta"
STYLE_ISSUER_MARK = "Issuer Mark"
STYLE_DOCUMENT_NUMBER = "Document Number"
STYLE_SIGNATURE = "Signature"
STYLE_CONTENTS_TITLE = "Contents Title"
STYLE_TOC = "toc {level}"
STYLE_PICTURE = "Chart Picture"
STYLE_CAPTION = "Caption"
STYLE_CHART_NOTE = "Chart Note"
STYLE_CHART_UNIT = "Chart Unit"
STYLE_CHART_SOURCE = "Chart Source"
STYLE_TABLE_TEXT = "Table Text"
STYLE_TABLE_HEADING = "Table Heading"
STYLE_TABLE_NOTE = "Table Note"
STYLE_KEY_VALUE = "Key Figure Value"
STYLE_KEY_NOTE = "Key Figure Note"
STYLE_CASE_TITLE = "Case Title"
STYLE_CITATION = "Citation"
STYLE_FOOTER = "Footer"
STYLE_TABLE = "Table Grid"
STYLE_SOURCE = "Source Entry"
STYLE_BULLETIN_NAME = "Bulletin Name"
STYLE_BULLETIN_ISSUE = "Bulletin Issue"
STYLE_BULLETIN_BYLINE = "Bulletin Byline"
STYLE_BULLETIN_DISTRIBUTION = "Bulletin Distribution"
STYLE_BULLETIN_COPIES = "Bulletin Copies"
STYLE_ADDRESSEE = "Addressee"
STYLE_IMPRINT = "Imprint"

RED_STYLES = (STYLE_ISSUER_MARK, STYLE_BULLETIN_NAME)
"""Styles set in red: the issuer mark of the 版头 and the name in the 简报's 报头."""

Size = Union[str, float]
"""A size in points, or the name of a PageLayout measure in points (body_pt, caption_pt …)."""


@dataclass(frozen=True)
class ParagraphStyleSpec:
    """One paragraph style of the briefing: not bold, black unless it names a colour, with these fonts, size, alignment and spacing."""

    name: str
    font: str
    """The East Asian font by role: a field of BriefingFonts (body, title, heading1, heading2, page_number)."""
    size: Size
    alignment: WD_ALIGN_PARAGRAPH
    line: Optional[str] = None
    """Exact line spacing: "pitch" (the body's grid line), "title" (1.6 × the title size), "caption"
    (1.43 × the caption size) or "table" (1.5 × the table size); None for single spacing."""
    indent: bool = False
    """Indent the first line by two body characters."""
    space_before: Union[str, float] = 0
    """Points, or "pitch" / "two_pitches": one or two grid lines."""
    space_after: float = 0
    keep_with_next: Optional[bool] = None
    """Keep with the next paragraph; None leaves the base style's setting."""
    on_grid: bool = False
    """Keep the body's letter spacing and snap to the line grid (body text and headings); others set their own."""
    base: str = "Normal"
    colour: Optional[str] = None
    """Its text colour as #RRGGBB; None for black."""


PARAGRAPH_STYLES: tuple[ParagraphStyleSpec, ...] = (
    ParagraphStyleSpec("Normal", "body", "body_pt", WD_ALIGN_PARAGRAPH.JUSTIFY, "pitch", indent=True, on_grid=True),
    ParagraphStyleSpec("Heading 1", "heading1", "body_pt", WD_ALIGN_PARAGRAPH.JUSTIFY, "pitch", indent=True, keep_with_next=True, on_grid=True),
    ParagraphStyleSpec("Heading 2", "heading2", "body_pt", WD_ALIGN_PARAGRAPH.JUSTIFY, "pitch", indent=True, keep_with_next=True, on_grid=True),
    ParagraphStyleSpec(STYLE_TITLE, "title", "title_pt", WD_ALIGN_PARAGRAPH.CENTER, "title", keep_with_next=True),
    ParagraphStyleSpec(STYLE_SUBTITLE, "heading2", "body_pt", WD_ALIGN_PARAGRAPH.CENTER, "pitch", keep_with_next=True),
    ParagraphStyleSpec(STYLE_META, "body", "body_pt", WD_ALIGN_PARAGRAPH.CENTER, "pitch", keep_with_next=True),
    ParagraphStyleSpec(STYLE_ISSUER_MARK, "title", ISSUER_MARK_MAX_PT, WD_ALIGN_PARAGRAPH.CENTER, keep_with_next=True),
    ParagraphStyleSpec(STYLE_DOCUMENT_NUMBER, "body", "body_pt", WD_ALIGN_PARAGRAPH.CENTER, "pitch", space_before="two_pitches", keep_with_next=True),
    ParagraphStyleSpec(STYLE_SIGNATURE, "body", "body_pt", WD_ALIGN_PARAGRAPH.RIGHT, "pitch", keep_with_next=True, on_grid=True),
    ParagraphStyleSpec(STYLE_CONTENTS_TITLE, "heading1", "body_pt", WD_ALIGN_PARAGRAPH.CENTER, "pitch", space_before="pitch", keep_with_next=True),
    ParagraphStyleSpec(STYLE_TOC.format(level=1), "body", "body_pt", WD_ALIGN_PARAGRAPH.LEFT, "pitch", on_grid=True),
    ParagraphStyleSpec(STYLE_TOC.format(level=2), "body", "body_pt", WD_ALIGN_PARAGRAPH.LEFT, "pitch", on_grid=True),
    ParagraphStyleSpec(STYLE_PICTURE, "body", 8, WD_ALIGN_PARAGRAPH.CENTER, space_before=4, keep_with_next=True),
    # The lines around a chart: a native chart's unit above; under every picture, panel and native chart, one 资料来源 line.
    ParagraphStyleSpec(STYLE_CHART_UNIT, "body", "table_pt", WD_ALIGN_PARAGRAPH.LEFT, "table", space_before=4, keep_with_next=True),
    ParagraphStyleSpec(STYLE_CHART_SOURCE, design.SOURCE_LINE_FONT, design.SOURCE_LINE_PT, WD_ALIGN_PARAGRAPH.LEFT, "table",
                       keep_with_next=True, colour=design.MUTED_TEXT),
    ParagraphStyleSpec(STYLE_CAPTION, "heading2", "caption_pt", WD_ALIGN_PARAGRAPH.CENTER, "caption", keep_with_next=True),
    ParagraphStyleSpec(STYLE_CHART_NOTE, "body", "caption_pt", WD_ALIGN_PARAGRAPH.CENTER, "caption", space_after=6),
    ParagraphStyleSpec(STYLE_TABLE_TEXT, "body", "table_pt", WD_ALIGN_PARAGRAPH.LEFT, "table"),
    ParagraphStyleSpec(STYLE_TABLE_HEADING, "heading1", "table_pt", WD_ALIGN_PARAGRAPH.CENTER, "table", base=STYLE_TABLE_TEXT),
    # A key-figure panel's cells: the number in 黑体 at body size, its label and period under it.
    ParagraphStyleSpec(STYLE_KEY_VALUE, "heading1", "body_pt", WD_ALIGN_PARAGRAPH.CENTER, space_before=3, keep_with_next=True),
    ParagraphStyleSpec(STYLE_KEY_NOTE, "body", "table_pt", WD_ALIGN_PARAGRAPH.CENTER, "table", keep_with_next=True),
    ParagraphStyleSpec(STYLE_TABLE_NOTE, "body", "table_pt", WD_ALIGN_PARAGRAPH.LEFT, "caption", space_before=3),
    ParagraphStyleSpec(STYLE_FOOTER, "page_number", "page_number_pt", WD_ALIGN_PARAGRAPH.CENTER),
    ParagraphStyleSpec(STYLE_SOURCE, "body", "body_pt", WD_ALIGN_PARAGRAPH.JUSTIFY, "pitch", indent=True, on_grid=True),
    # The 简报's 报头 (name, issue, issuer and date over a red rule) and 报尾 (报/送/发 and 共印N份 between rules).
    ParagraphStyleSpec(STYLE_BULLETIN_NAME, "title", ISSUER_MARK_MAX_PT, WD_ALIGN_PARAGRAPH.CENTER, keep_with_next=True),
    ParagraphStyleSpec(STYLE_BULLETIN_ISSUE, "body", "body_pt", WD_ALIGN_PARAGRAPH.CENTER, "pitch", space_before="pitch", keep_with_next=True),
    ParagraphStyleSpec(STYLE_BULLETIN_BYLINE, "body", "body_pt", WD_ALIGN_PARAGRAPH.LEFT, "pitch", space_before="pitch", keep_with_next=True),
    ParagraphStyleSpec(STYLE_BULLETIN_DISTRIBUTION, "body", "caption_pt", WD_ALIGN_PARAGRAPH.LEFT, "pitch", keep_with_next=True),
    ParagraphStyleSpec(STYLE_BULLETIN_COPIES, "body", "caption_pt", WD_ALIGN_PARAGRAPH.RIGHT, "pitch"),
    # A 公文's 主送 (flush left under the title) and 版记 (抄送, then 印发机关 and 印发日期, between rules).
    ParagraphStyleSpec(STYLE_ADDRESSEE, "body", "body_pt", WD_ALIGN_PARAGRAPH.JUSTIFY, "pitch", on_grid=True),
    ParagraphStyleSpec(STYLE_IMPRINT, "body", "caption_pt", WD_ALIGN_PARAGRAPH.LEFT, "pitch", keep_with_next=True),
)
"""Every paragraph style of the briefing, in the order they are written into styles.xml."""


def _points(size: Size, layout: PageLayout) -> float:
    return getattr(layout, size) if isinstance(size, str) else size


def _line_spacing(kind: Optional[str], layout: PageLayout) -> Optional[Length]:
    if kind is None:
        return None
    if kind == "pitch":
        return layout.line_pitch
    factor, size = {"title": (1.6, layout.title_pt), "caption": (1.43, layout.caption_pt), "table": (1.5, layout.table_pt)}[kind]
    return Pt(round(size * factor))


def _space(value: Union[str, float], layout: PageLayout) -> Length:
    if value == "pitch":
        return layout.line_pitch
    if value == "two_pitches":
        return Twips(2 * layout.line_pitch.twips)
    return Pt(value)


def set_up_styles(document: DocumentObject, fonts: BriefingFonts, layout: PageLayout) -> None:
    """Give the document Chinese defaults and write every style of PARAGRAPH_STYLES, the table style and the character styles."""
    docx_xml.drop_styles_with_effects(document)
    docx_xml.strip_theme_fonts(document)
    docx_xml.set_default_fonts(document, fonts.latin, fonts.body)
    docx_xml.set_chinese_language(document)
    for spec in PARAGRAPH_STYLES:
        style = paragraph_style(document, spec, fonts, layout)
        if spec.name == "Normal":
            style.paragraph_format.widow_control = True
            docx_xml.set_letter_spacing(style, layout.body_letter_spacing.twips)
        finish_style(style, spec, layout)

    table_style = document.styles[STYLE_TABLE]
    docx_xml.set_style_fonts(table_style, fonts.latin, fonts.body)
    table_style.font.size = Pt(layout.table_pt)
    add_character_styles(document, fonts, layout)


def finish_style(style: ParagraphStyle, spec: ParagraphStyleSpec, layout: PageLayout) -> None:
    """Give a style what its row of the table does not say: red for the 版头 and 报头, the contents' indents and dotted tabs."""
    if spec.name in RED_STYLES:
        style.font.color.rgb = RED
    elif spec.name.startswith("toc "):
        level = int(spec.name.split()[1])
        style.paragraph_format.left_indent = Twips((level - 1) * layout.first_line_indent.twips)
        style.paragraph_format.tab_stops.add_tab_stop(layout.text_width, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)


def add_character_styles(document: DocumentObject, fonts: Optional[BriefingFonts], layout: PageLayout) -> None:
    """Add the character styles the document lacks: case titles (bold where local practice sets level 3 bold) and superscript citations.

    `fonts` None leaves case titles in the paragraph's typefaces (a template's).
    """
    names = {style.name for style in document.styles}
    if STYLE_CASE_TITLE not in names:
        case_title = document.styles.add_style(STYLE_CASE_TITLE, WD_STYLE_TYPE.CHARACTER)
        case_title.quick_style = True
        if fonts is not None:
            docx_xml.set_style_fonts(case_title, fonts.latin, fonts.heading3 or fonts.body)
        case_title.font.bold = layout.heading3_bold
    if STYLE_CITATION not in names:
        citation = document.styles.add_style(STYLE_CITATION, WD_STYLE_TYPE.CHARACTER)
        citation.font.superscript = True


def paragraph_style(
    document: DocumentObject, spec: ParagraphStyleSpec, fonts: BriefingFonts, layout: PageLayout, base: Optional[str] = None,
) -> ParagraphStyle:
    """Get or make the paragraph style of a spec and give it its fonts, size, alignment and spacing; black, not bold.

    `base` names the style a new one is based on in place of the spec's (a template's body style).
    """
    styles = document.styles
    try:
        style = styles[spec.name]
    except KeyError:
        style = styles.add_style(spec.name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles[base or spec.base]
        style.quick_style = True
    docx_xml.set_style_fonts(style, fonts.latin, getattr(fonts, spec.font))
    font = style.font
    font.size = Pt(_points(spec.size, layout))
    font.bold = False
    font.italic = False
    font.color.rgb = RGBColor.from_string(spec.colour.lstrip("#")) if spec.colour else BLACK
    fmt = style.paragraph_format
    fmt.alignment = spec.alignment
    fmt.first_line_indent = layout.first_line_indent if spec.indent else Pt(0)
    fmt.space_before = _space(spec.space_before, layout)
    fmt.space_after = Pt(spec.space_after)
    line = _line_spacing(spec.line, layout)
    if line is None:
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    else:
        fmt.line_spacing = line
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    if spec.keep_with_next is not None:
        fmt.keep_with_next = spec.keep_with_next
    if not spec.on_grid and spec.name != "Normal":
        docx_xml.set_letter_spacing(style, 0)
        docx_xml.set_snap_to_grid(style, False)
    return style
