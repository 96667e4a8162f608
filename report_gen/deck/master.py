"""report_gen's own slide master and layouts, built in code.

`designed_presentation` builds a 16:9 master whose theme carries a restrained
party-building red (accent 1), near-black text and greys (report_gen.design),
the deck's fonts in both the Latin and East Asian slots, and four named
layouts — 封面 (title), 标题和内容 (title and bulleted text, for slides a user
adds), 仅标题 (title only) and 结束页 (closing). Decorations (the red band,
the rule under the title) live on the master and layouts, so slides hold only
their own content and a copied slide keeps its look. An organisation's own
template is mapped instead by report_gen.deck.template.
"""


from __future__ import annotations


from pptx import Presentation
from pptx.presentation import Presentation as PresentationType
from pptx.util import Emu, Inches, Pt

from ..data.style import DeckFonts
from ..design import DECK_THEME_COLOURS, RULE_GREY, hex_digits
from ..ooxml.pptx import (
    layout_type,
    replace_shape_tree,
    replace_text_styles,
    set_layout_attributes,
    set_theme_colors,
    set_theme_fonts,
)


from ..ooxml.pptx_shapes import level_style, placeholder, rectangle, text_styles
from .geometry import Box
from .template import CLOSING, CONTENT, TITLE

# ---------------------------------------------------------------- the design --

SLIDE_WIDTH = Emu(12192000)
"""13.333 in: the 16:9 width PowerPoint uses."""
SLIDE_HEIGHT = Emu(6858000)
"""7.5 in."""

THEME_NAME = "report_gen 党建红"
MARGIN = Inches(0.6)
TOP_BAND = Inches(0.1)
TITLE_BOX = Box(MARGIN, Inches(0.18), SLIDE_WIDTH - 2 * MARGIN, Inches(0.96))
"""Room for the theme above the title (14 pt) and a title of two lines at 20 pt, or one at 28 pt."""
RULE_TOP = Inches(1.18)
CONTENT_BOX = Box(MARGIN, Inches(1.45), SLIDE_WIDTH - 2 * MARGIN, Inches(5.3))
FOOTER_BOX = Box(MARGIN, Inches(6.95), SLIDE_WIDTH - 2 * MARGIN - Inches(1.5), Inches(0.35))
NUMBER_BOX = Box(SLIDE_WIDTH - MARGIN - Inches(1.2), Inches(6.95), Inches(1.2), Inches(0.35))

COVER_BLOCK = Inches(4.3)
"""Height of the red block at the top of the title slide."""
COVER_LEFT = Inches(0.9)
COVER_WIDTH = SLIDE_WIDTH - 2 * COVER_LEFT
COVER_TITLE_BOX = Box(COVER_LEFT, Inches(0.8), COVER_WIDTH, Inches(2.1))
COVER_SUBTITLE_BOX = Box(COVER_LEFT, Inches(3.25), COVER_WIDTH, Inches(0.8))
COVER_INFO_BOX = Box(COVER_LEFT + Inches(0.3), Inches(4.85), COVER_WIDTH - Inches(0.3), Inches(1.4))

CLOSING_TITLE_BOX = Box(COVER_LEFT, Inches(1.9), COVER_WIDTH, Inches(1.7))
CLOSING_INFO_BOX = Box(COVER_LEFT, Inches(4.15), COVER_WIDTH, Inches(1.2))

LAYOUT_NAMES = {TITLE: "封面", CONTENT: "仅标题", CLOSING: "结束页"}
"""The names of report_gen's own layouts for each kind of slide."""
BULLETS_LAYOUT = "标题和内容"
INFO_IDX = 13
"""Index of the placeholder under the cover's and closing slide's title that holds the issuer and the date."""


def _text_styles() -> str:
    body = "".join(
        level_style(level, size, "tx1", bullet=char, space_before=6)
        for level, size, char in ((1, 20, "■"), (2, 18, "•"), (3, 16, "–"), (4, 16, "–"), (5, 16, "–"))
    )
    return text_styles(level_style(1, 28, "tx1", bold=True, heading=True), body, level_style(1, 18, "tx1"))


def _footer_placeholders(first_id: int) -> list[str]:
    return [
        placeholder(first_id, "页脚", 'type="ftr" sz="quarter" idx="11"', FOOTER_BOX, "ctr",
                     level_style(1, 12, "tx2"), ""),
        placeholder(first_id + 1, "幻灯片编号", 'type="sldNum" sz="quarter" idx="12"', NUMBER_BOX, "ctr",
                     level_style(1, 12, "tx2", align="r"), "‹#›", field="slidenum"),
    ]


def _title_rule(first_id: int) -> list[str]:
    return [
        rectangle(first_id, "标题线", Box(MARGIN, RULE_TOP, SLIDE_WIDTH - 2 * MARGIN, Pt(1)), hex_digits(RULE_GREY)),
        rectangle(first_id + 1, "标题线强调", Box(MARGIN, RULE_TOP - Pt(1.5), Inches(1.2), Pt(4)), "accent1"),
    ]


def designed_presentation(fonts: DeckFonts) -> PresentationType:
    """Return an empty 16:9 presentation with report_gen's master, theme and named layouts."""
    prs = Presentation()
    prs.slide_width = SLIDE_WIDTH
    prs.slide_height = SLIDE_HEIGHT
    master = prs.slide_masters[0]
    set_theme_colors(master, THEME_NAME, DECK_THEME_COLOURS)
    set_theme_fonts(prs, fonts.latin, fonts.east_asian)
    replace_text_styles(master, _text_styles())
    replace_shape_tree(master, [
        rectangle(2, "顶部色带", Box(0, 0, SLIDE_WIDTH, TOP_BAND), "accent1"),
        *_title_rule(3),
        placeholder(5, "标题", 'type="title"', TITLE_BOX, "ctr", "", "单击此处编辑母版标题样式"),
        placeholder(6, "正文", 'type="body" idx="1"', CONTENT_BOX, "t", "", "单击此处编辑母版文本样式"),
        *_footer_placeholders(7),
    ], name=THEME_NAME)

    layouts = list(master.slide_layouts)
    by_type = {layout_type(layout): layout for layout in layouts}
    cover, bullets, title_only, closing = by_type["title"], by_type["obj"], by_type["titleOnly"], by_type["secHead"]
    for layout in layouts:
        if layout not in (cover, bullets, title_only, closing):
            master.slide_layouts.remove(layout)

    white = "bg1"
    replace_shape_tree(cover, [
        rectangle(2, "封面色块", Box(0, 0, SLIDE_WIDTH, COVER_BLOCK), "accent1"),
        rectangle(3, "封面色块底线", Box(0, COVER_BLOCK, SLIDE_WIDTH, Inches(0.08)), "accent5"),
        rectangle(4, "封面短线", Box(COVER_LEFT, Inches(3.05), Inches(1.2), Inches(0.06)), white),
        rectangle(5, "信息竖线", Box(COVER_LEFT, COVER_INFO_BOX.top + Inches(0.05), Inches(0.08), Inches(1.05)), "accent1"),
        rectangle(6, "底部色带", Box(0, SLIDE_HEIGHT - Inches(0.12), SLIDE_WIDTH, Inches(0.12)), "accent1"),
        placeholder(7, "标题", 'type="ctrTitle"', COVER_TITLE_BOX, "b",
                     level_style(1, 40, white, bold=True, heading=True), "单击此处编辑母版标题样式"),
        placeholder(8, "副标题", 'type="subTitle" idx="1"', COVER_SUBTITLE_BOX, "t",
                     level_style(1, 22, white), "单击此处编辑副标题"),
        placeholder(9, "发布单位和日期", f'type="body" sz="quarter" idx="{INFO_IDX}"', COVER_INFO_BOX, "ctr",
                     level_style(1, 20, "tx1"), "发布单位"),
    ], name=LAYOUT_NAMES[TITLE])
    set_layout_attributes(cover, showMasterSp="0", preserve="1")

    replace_shape_tree(bullets, [
        placeholder(2, "标题", 'type="title"', TITLE_BOX, "ctr", "", "单击此处编辑母版标题样式"),
        placeholder(3, "内容", 'idx="1"', CONTENT_BOX, "t", "", "单击此处编辑母版文本样式"),
        *_footer_placeholders(4),
    ], name=BULLETS_LAYOUT)

    replace_shape_tree(title_only, [
        placeholder(2, "标题", 'type="title"', TITLE_BOX, "ctr", "", "单击此处编辑母版标题样式"),
        *_footer_placeholders(3),
    ], name=LAYOUT_NAMES[CONTENT])

    replace_shape_tree(closing, [
        rectangle(2, "结束页色块", Box(0, 0, SLIDE_WIDTH, SLIDE_HEIGHT), "accent1"),
        rectangle(3, "结束页短线", Box((SLIDE_WIDTH - Inches(1.2)) // 2, Inches(3.85), Inches(1.2), Inches(0.06)), white),
        rectangle(4, "结束页底线", Box(0, SLIDE_HEIGHT - Inches(0.5), SLIDE_WIDTH, Inches(0.08)), "accent5"),
        placeholder(5, "标题", 'type="title"', CLOSING_TITLE_BOX, "b",
                     level_style(1, 54, white, align="ctr", bold=True, heading=True), "谢谢"),
        placeholder(6, "发布单位和日期", f'type="body" sz="quarter" idx="{INFO_IDX}"', CLOSING_INFO_BOX, "t",
                     level_style(1, 20, white, align="ctr"), "发布单位"),
    ], name=LAYOUT_NAMES[CLOSING])
    set_layout_attributes(closing, showMasterSp="0", preserve="1", type="cust")
    return prs


