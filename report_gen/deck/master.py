"""The deck's slide master and layouts: report_gen's own design, or an organisation's template.

Slides come in three kinds, each put on a layout:

- `title`: the first slide (a layout with a centred-title placeholder);
- `content`: every slide with a title and content drawn below it (a title-only layout);
- `closing`: the last slide.

`designed_presentation` builds report_gen's own master in code: a 16:9 master
whose theme carries a restrained party-building red (accent 1), near-black text
and greys, the deck's fonts in both the Latin and East Asian slots, and four
named layouts — 封面 (title), 标题和内容 (title and bulleted text, for slides a
user adds), 仅标题 (title only) and 结束页 (closing). Decorations (the red band,
the rule under the title) live on the master and layouts, so slides hold only
their own content and a copied slide keeps its look.

`open_template` opens a user's .pptx and `find_layouts` maps the slide kinds to
its layouts: by the names given in the data file's `style.deck.layouts`, else
by well-known names (English and Chinese PowerPoint), else by placeholder
types; a kind no layout can serve is a `PptxTemplateError` that lists the
template's layouts.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping, Optional

from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.exc import PackageNotFoundError
from pptx.presentation import Presentation as PresentationType
from pptx.slide import SlideLayout
from pptx.util import Emu, Inches, Pt

from ..errors import ReportError
from ..data.model import DeckFonts
from ..design import DECK_THEME_COLOURS, RULE_GREY, hex_digits
from ..ooxml.pptx import (
    drop_all_slides,
    replace_shape_tree,
    replace_text_styles,
    set_layout_attributes,
    set_theme_colors,
    set_theme_fonts,
    xml_text,
)


class PptxTemplateError(ReportError):
    """A PowerPoint template cannot be read, or lacks a layout the deck needs."""


TITLE, CONTENT, CLOSING = "title", "content", "closing"
KINDS = (TITLE, CONTENT, CLOSING)
"""The kinds of slide the deck puts on layouts."""


@dataclass(frozen=True)
class Box:
    """A rectangle on the slide, in EMU."""

    left: int
    top: int
    width: int
    height: int

    @property
    def bottom(self) -> int:
        return self.top + self.height

    @property
    def right(self) -> int:
        return self.left + self.width


# ---------------------------------------------------------------- the design --

SLIDE_WIDTH = Emu(12192000)
"""13.333 in: the 16:9 width PowerPoint uses."""
SLIDE_HEIGHT = Emu(6858000)
"""7.5 in."""

THEME_NAME = "report_gen 党建红"
MARGIN = Inches(0.6)
TOP_BAND = Inches(0.1)
TITLE_BOX = Box(MARGIN, Inches(0.3), SLIDE_WIDTH - 2 * MARGIN, Inches(0.8))
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


def _emu(value: int) -> int:
    return int(value)


def _xfrm(box: Box) -> str:
    return (f'<a:xfrm><a:off x="{_emu(box.left)}" y="{_emu(box.top)}"/>'
            f'<a:ext cx="{_emu(box.width)}" cy="{_emu(box.height)}"/></a:xfrm>')


def _fill(color: str) -> str:
    """A solid fill of a theme slot (accent1, bg1 …) or an RGB hex."""
    if len(color) == 6 and all(c in "0123456789ABCDEF" for c in color):
        return f'<a:solidFill><a:srgbClr val="{color}"/></a:solidFill>'
    return f'<a:solidFill><a:schemeClr val="{color}"/></a:solidFill>'


def _rect(shape_id: int, name: str, box: Box, color: str) -> str:
    return (
        f'<p:sp {_NS}><p:nvSpPr><p:cNvPr id="{shape_id}" name="{xml_text(name)}"/><p:cNvSpPr/><p:nvPr userDrawn="1"/></p:nvSpPr>'
        f'<p:spPr>{_xfrm(box)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>{_fill(color)}<a:ln><a:noFill/></a:ln></p:spPr>'
        '</p:sp>'
    )


_NS = ('xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
       'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
       'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"')


def _run_props(size: float, color: str, bold: bool = False, heading: bool = False) -> str:
    fonts = ('<a:latin typeface="+mj-lt"/><a:ea typeface="+mj-ea"/><a:cs typeface="+mj-cs"/>' if heading
             else '<a:latin typeface="+mn-lt"/><a:ea typeface="+mn-ea"/><a:cs typeface="+mn-cs"/>')
    return f'<a:defRPr sz="{round(size * 100)}" b="{1 if bold else 0}" kern="1200">{_fill(color)}{fonts}</a:defRPr>'


def _level(level: int, size: float, color: str, align: str = "l", bold: bool = False, heading: bool = False,
           bullet: Optional[str] = None, space_before: float = 0) -> str:
    indent = ""
    bullet_xml = "<a:buNone/>"
    if bullet is not None:
        margin = Emu(Pt(size * (1.3 + 1.1 * (level - 1))))
        indent = f' marL="{_emu(margin)}" indent="{-_emu(Pt(size * 1.1))}"'
        bullet_xml = f'<a:buClr><a:schemeClr val="accent1"/></a:buClr><a:buFont typeface="Arial"/><a:buChar char="{bullet}"/>'
    return (
        f'<a:lvl{level}pPr{indent} algn="{align}" rtl="0" eaLnBrk="1" latinLnBrk="0" hangingPunct="1">'
        f'<a:lnSpc><a:spcPct val="115000"/></a:lnSpc><a:spcBef><a:spcPts val="{round(space_before * 100)}"/></a:spcBef>'
        f'{bullet_xml}{_run_props(size, color, bold, heading)}</a:lvl{level}pPr>'
    )


def _text_styles() -> str:
    body = "".join(
        _level(level, size, "tx1", bullet=char, space_before=6)
        for level, size, char in ((1, 20, "■"), (2, 18, "•"), (3, 16, "–"), (4, 16, "–"), (5, 16, "–"))
    )
    return (
        f'<p:txStyles {_NS}>'
        f'<p:titleStyle>{_level(1, 28, "tx1", bold=True, heading=True)}</p:titleStyle>'
        f'<p:bodyStyle>{body}</p:bodyStyle>'
        f'<p:otherStyle>{_level(1, 18, "tx1")}</p:otherStyle>'
        '</p:txStyles>'
    )


def _placeholder(shape_id: int, name: str, ph: str, box: Box, anchor: str, style: str, prompt: str,
                 field: Optional[str] = None) -> str:
    """A placeholder written as XML: `ph` is the `p:ph` attributes, `style` its `a:lvl1pPr` (or '')."""
    if field is not None:
        paragraph = (f'<a:p><a:fld id="{{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}}" type="{field}">'
                     f'<a:rPr lang="zh-CN"/><a:t>{xml_text(prompt)}</a:t></a:fld></a:p>')
    elif prompt:
        paragraph = f'<a:p><a:r><a:rPr lang="zh-CN" altLang="en-US"/><a:t>{xml_text(prompt)}</a:t></a:r></a:p>'
    else:
        paragraph = '<a:p><a:endParaRPr lang="zh-CN"/></a:p>'
    return (
        f'<p:sp {_NS}><p:nvSpPr><p:cNvPr id="{shape_id}" name="{xml_text(name)}"/>'
        f'<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph {ph}/></p:nvPr></p:nvSpPr>'
        f'<p:spPr>{_xfrm(box)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr>'
        f'<p:txBody><a:bodyPr vert="horz" wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" rtlCol="0" anchor="{anchor}">'
        f'<a:noAutofit/></a:bodyPr><a:lstStyle>{style}</a:lstStyle>{paragraph}</p:txBody></p:sp>'
    )


def _footer_placeholders(first_id: int) -> list[str]:
    return [
        _placeholder(first_id, "页脚", 'type="ftr" sz="quarter" idx="11"', FOOTER_BOX, "ctr",
                     _level(1, 12, "tx2"), ""),
        _placeholder(first_id + 1, "幻灯片编号", 'type="sldNum" sz="quarter" idx="12"', NUMBER_BOX, "ctr",
                     _level(1, 12, "tx2", align="r"), "‹#›", field="slidenum"),
    ]


def _title_rule(first_id: int) -> list[str]:
    return [
        _rect(first_id, "标题线", Box(MARGIN, RULE_TOP, SLIDE_WIDTH - 2 * MARGIN, Pt(1)), hex_digits(RULE_GREY)),
        _rect(first_id + 1, "标题线强调", Box(MARGIN, RULE_TOP - Pt(1.5), Inches(1.2), Pt(4)), "accent1"),
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
        _rect(2, "顶部色带", Box(0, 0, SLIDE_WIDTH, TOP_BAND), "accent1"),
        *_title_rule(3),
        _placeholder(5, "标题", 'type="title"', TITLE_BOX, "ctr", "", "单击此处编辑母版标题样式"),
        _placeholder(6, "正文", 'type="body" idx="1"', CONTENT_BOX, "t", "", "单击此处编辑母版文本样式"),
        *_footer_placeholders(7),
    ], name=THEME_NAME)

    layouts = list(master.slide_layouts)
    by_type = {layout._element.get("type"): layout for layout in layouts}
    cover, bullets, title_only, closing = by_type["title"], by_type["obj"], by_type["titleOnly"], by_type["secHead"]
    for layout in layouts:
        if layout not in (cover, bullets, title_only, closing):
            master.slide_layouts.remove(layout)

    white = "bg1"
    replace_shape_tree(cover, [
        _rect(2, "封面色块", Box(0, 0, SLIDE_WIDTH, COVER_BLOCK), "accent1"),
        _rect(3, "封面色块底线", Box(0, COVER_BLOCK, SLIDE_WIDTH, Inches(0.08)), "accent5"),
        _rect(4, "封面短线", Box(COVER_LEFT, Inches(3.05), Inches(1.2), Inches(0.06)), white),
        _rect(5, "信息竖线", Box(COVER_LEFT, COVER_INFO_BOX.top + Inches(0.05), Inches(0.08), Inches(1.05)), "accent1"),
        _rect(6, "底部色带", Box(0, SLIDE_HEIGHT - Inches(0.12), SLIDE_WIDTH, Inches(0.12)), "accent1"),
        _placeholder(7, "标题", 'type="ctrTitle"', COVER_TITLE_BOX, "b",
                     _level(1, 40, white, bold=True, heading=True), "单击此处编辑母版标题样式"),
        _placeholder(8, "副标题", 'type="subTitle" idx="1"', COVER_SUBTITLE_BOX, "t",
                     _level(1, 22, white), "单击此处编辑副标题"),
        _placeholder(9, "发布单位和日期", f'type="body" sz="quarter" idx="{INFO_IDX}"', COVER_INFO_BOX, "ctr",
                     _level(1, 20, "tx1"), "发布单位"),
    ], name=LAYOUT_NAMES[TITLE])
    set_layout_attributes(cover, showMasterSp="0", preserve="1")

    replace_shape_tree(bullets, [
        _placeholder(2, "标题", 'type="title"', TITLE_BOX, "ctr", "", "单击此处编辑母版标题样式"),
        _placeholder(3, "内容", 'idx="1"', CONTENT_BOX, "t", "", "单击此处编辑母版文本样式"),
        *_footer_placeholders(4),
    ], name=BULLETS_LAYOUT)

    replace_shape_tree(title_only, [
        _placeholder(2, "标题", 'type="title"', TITLE_BOX, "ctr", "", "单击此处编辑母版标题样式"),
        *_footer_placeholders(3),
    ], name=LAYOUT_NAMES[CONTENT])

    replace_shape_tree(closing, [
        _rect(2, "结束页色块", Box(0, 0, SLIDE_WIDTH, SLIDE_HEIGHT), "accent1"),
        _rect(3, "结束页短线", Box((SLIDE_WIDTH - Inches(1.2)) // 2, Inches(3.85), Inches(1.2), Inches(0.06)), white),
        _rect(4, "结束页底线", Box(0, SLIDE_HEIGHT - Inches(0.5), SLIDE_WIDTH, Inches(0.08)), "accent5"),
        _placeholder(5, "标题", 'type="title"', CLOSING_TITLE_BOX, "b",
                     _level(1, 54, white, align="ctr", bold=True, heading=True), "谢谢"),
        _placeholder(6, "发布单位和日期", f'type="body" sz="quarter" idx="{INFO_IDX}"', CLOSING_INFO_BOX, "t",
                     _level(1, 20, white, align="ctr"), "发布单位"),
    ], name=LAYOUT_NAMES[CLOSING])
    set_layout_attributes(closing, showMasterSp="0", preserve="1", type="cust")
    return prs


# ---------------------------------------------------------------- templates --


def open_template(path: Path) -> PresentationType:
    """Open an organisation's .pptx template and drop its sample slides, keeping masters, layouts and theme."""
    if not path.is_file():
        raise PptxTemplateError(f"PowerPoint template {path}: no such file")
    try:
        prs = Presentation(str(path))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as error:
        hint = "; save it from PowerPoint as a .pptx presentation" if path.suffix.lower() in (".potx", ".ppt", ".pot") else ""
        raise PptxTemplateError(f"PowerPoint template {path}: not a .pptx file python-pptx can open ({error}){hint}") from None
    drop_all_slides(prs)
    return prs


NAME_CANDIDATES = {
    TITLE: ("封面", "标题幻灯片", "标题页", "title slide", "title"),
    CONTENT: ("仅标题", "title only", "标题"),
    CLOSING: ("结束页", "封底", "结束", "致谢", "谢谢", "closing", "closing slide", "end", "thank you", "thanks"),
}
"""Layout names each kind is looked for under, best first; compared without case and surrounding spaces."""

SECTION_NAMES = ("节标题", "section header")
"""Names of the layout a closing slide falls back to when no closing layout exists."""

_TITLES = {PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE}
_FURNITURE = {PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER}
_TEXT_BODIES = {PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT, PP_PLACEHOLDER.SUBTITLE}


def _types(layout: SlideLayout) -> list:
    return [placeholder.placeholder_format.type for placeholder in layout.placeholders]


def all_layouts(prs: PresentationType) -> list[SlideLayout]:
    """Return the layouts of every master of a presentation, in order."""
    return [layout for master in prs.slide_masters for layout in master.slide_layouts]


def _describe(layout: SlideLayout) -> str:
    names = {
        PP_PLACEHOLDER.TITLE: "title", PP_PLACEHOLDER.CENTER_TITLE: "centred title", PP_PLACEHOLDER.SUBTITLE: "subtitle",
        PP_PLACEHOLDER.BODY: "text", PP_PLACEHOLDER.OBJECT: "content", PP_PLACEHOLDER.PICTURE: "picture",
    }
    kinds = [names.get(kind, "") for kind in _types(layout) if kind not in _FURNITURE]
    inside = ", ".join(kind for kind in kinds if kind) or "no placeholders"
    return f"'{layout.name}' ({inside})"


def _is_title_layout(layout: SlideLayout) -> bool:
    types = _types(layout)
    return PP_PLACEHOLDER.CENTER_TITLE in types or (PP_PLACEHOLDER.TITLE in types and PP_PLACEHOLDER.SUBTITLE in types)


def _is_title_only(layout: SlideLayout) -> bool:
    types = [kind for kind in _types(layout) if kind not in _FURNITURE]
    return types == [PP_PLACEHOLDER.TITLE]


def _is_title_and_content(layout: SlideLayout) -> bool:
    types = [kind for kind in _types(layout) if kind not in _FURNITURE]
    return (PP_PLACEHOLDER.TITLE in types and len(types) == 2
            and any(kind in (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT) for kind in types))


def _has_title(layout: SlideLayout) -> bool:
    return any(kind in _TITLES for kind in _types(layout))


def _by_name(layouts: Iterable[SlideLayout], names: Iterable[str]) -> Optional[SlideLayout]:
    by_name = {}
    for layout in layouts:
        by_name.setdefault(layout.name.strip().casefold(), layout)
    for name in names:
        if name.casefold() in by_name:
            return by_name[name.casefold()]
    return None


@dataclass(frozen=True)
class Layouts:
    """The layout each kind of slide goes on, and where content goes on a content slide."""

    title: SlideLayout
    content: SlideLayout
    closing: SlideLayout
    title_box: Box
    """The content layout's title placeholder."""
    area: Box
    """Where slide content goes: below the title, above the footer."""
    body_placeholder_idx: Optional[int] = None
    """The content layout's body placeholder whose place `area` takes (removed from each slide); None for a title-only layout."""

    def layout(self, kind: str) -> SlideLayout:
        return {TITLE: self.title, CONTENT: self.content, CLOSING: self.closing}[kind]


def find_layouts(prs: PresentationType, chosen: Mapping[str, str], source: str) -> Layouts:
    """Map the slide kinds to layouts of a presentation; raise PptxTemplateError naming what is missing.

    `chosen` maps kinds to layout names the user picked (style.deck.layouts);
    `source` names the template in messages.
    """
    layouts = all_layouts(prs)
    listing = "; its layouts are: " + ", ".join(_describe(layout) for layout in layouts) if layouts else "; it has no layouts"
    found: dict[str, SlideLayout] = {}
    for kind, name in chosen.items():
        layout = _by_name(layouts, [name])
        if layout is None:
            raise PptxTemplateError(f"{source}: style.deck.layouts.{kind} names layout '{name}', which the template does not have{listing}")
        if kind in (TITLE, CONTENT) and not _has_title(layout):
            raise PptxTemplateError(f"{source}: layout '{name}' chosen for {kind} slides has no title placeholder{listing}")
        found[kind] = layout

    if TITLE not in found:
        layout = _by_name([l for l in layouts if _has_title(l)], NAME_CANDIDATES[TITLE])
        layout = layout or next((l for l in layouts if _is_title_layout(l)), None)
        if layout is None:
            raise PptxTemplateError(
                f"{source}: no layout for the title slide: expected one named 'Title Slide' or '标题幻灯片', "
                f"or one with a centred-title placeholder (or a title and a subtitle){listing}; "
                "or name one in the data file under style.deck.layouts.title"
            )
        found[TITLE] = layout
    if CONTENT not in found:
        layout = _by_name([l for l in layouts if _has_title(l)], NAME_CANDIDATES[CONTENT])
        layout = layout or next((l for l in layouts if _is_title_only(l)), None)
        layout = layout or next((l for l in layouts if _is_title_and_content(l)), None)
        if layout is None:
            raise PptxTemplateError(
                f"{source}: no layout for content slides: expected one named 'Title Only' or '仅标题', "
                f"or one with a title placeholder and at most one content placeholder{listing}; "
                "or name one in the data file under style.deck.layouts.content"
            )
        found[CONTENT] = layout
    if CLOSING not in found:
        found[CLOSING] = (
            _by_name([l for l in layouts if _has_title(l)], NAME_CANDIDATES[CLOSING])
            or _by_name([l for l in layouts if _has_title(l)], SECTION_NAMES)
            or found[TITLE]
        )
    title_box, area, body_idx = content_geometry(found[CONTENT], prs.slide_width, prs.slide_height)
    return Layouts(found[TITLE], found[CONTENT], found[CLOSING], title_box, area, body_idx)


def placeholder_box(placeholder) -> Box:
    """Return where a (layout) placeholder is, as inherited from its master when it does not say."""
    return Box(int(placeholder.left), int(placeholder.top), int(placeholder.width), int(placeholder.height))


def content_geometry(layout: SlideLayout, width: int, height: int) -> tuple[Box, Box, Optional[int]]:
    """Return a content layout's title box, the area for content, and the body placeholder the area replaces.

    The area is the layout's content placeholder when it has one; otherwise
    the space between the title and the footer placeholders (or the slide's
    bottom margin), as wide as the title.
    """
    title = next(p for p in layout.placeholders if p.placeholder_format.type in _TITLES)
    title_box = placeholder_box(title)
    bodies = [p for p in layout.placeholders if p.placeholder_format.type not in _TITLES | _FURNITURE]
    if bodies:
        body = max(bodies, key=lambda p: int(p.width) * int(p.height))
        return title_box, placeholder_box(body), body.placeholder_format.idx
    gap = Inches(0.25)
    top = title_box.bottom + gap
    furniture_tops = [int(p.top) for p in layout.placeholders
                      if p.placeholder_format.type in _FURNITURE and int(p.top) > height // 2]
    bottom = (min(furniture_tops) if furniture_tops else height - Inches(0.5)) - Inches(0.1)
    bottom = max(bottom, top + height // 3)
    return title_box, Box(title_box.left, top, title_box.width, bottom - top), None
