"""Shapes and text styles of slide masters and layouts, written as PresentationML.

python-pptx edits slides but not masters or layouts; report_gen's own design
replaces their shape trees and text styles with the XML these functions
write. A box is anything with left, top, width and height in EMU; a colour is
a theme slot (accent1, tx1, bg1 …) or six RGB hex digits.
"""

from __future__ import annotations

from typing import Optional

from pptx.util import Emu, Pt

from .pptx import SLIDE_NUMBER_FIELD_ID, xml_text

def _emu(value: int) -> int:
    return int(value)


def _xfrm(box) -> str:
    return (f'<a:xfrm><a:off x="{_emu(box.left)}" y="{_emu(box.top)}"/>'
            f'<a:ext cx="{_emu(box.width)}" cy="{_emu(box.height)}"/></a:xfrm>')


def solid_fill(color: str) -> str:
    """A solid fill of a theme slot (accent1, bg1 …) or an RGB hex."""
    if len(color) == 6 and all(c in "0123456789ABCDEF" for c in color):
        return f'<a:solidFill><a:srgbClr val="{color}"/></a:solidFill>'
    return f'<a:solidFill><a:schemeClr val="{color}"/></a:solidFill>'


def rectangle(shape_id: int, name: str, box, color: str) -> str:
    """A filled rectangle without an outline, drawn on the master or a layout (`userDrawn`)."""
    return (
        f'<p:sp {NAMESPACES}><p:nvSpPr><p:cNvPr id="{shape_id}" name="{xml_text(name)}"/><p:cNvSpPr/><p:nvPr userDrawn="1"/></p:nvSpPr>'
        f'<p:spPr>{_xfrm(box)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>{solid_fill(color)}<a:ln><a:noFill/></a:ln></p:spPr>'
        '</p:sp>'
    )


NAMESPACES = ('xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
       'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
       'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"')


def _run_properties(size: float, color: str, bold: bool = False, heading: bool = False) -> str:
    fonts = ('<a:latin typeface="+mj-lt"/><a:ea typeface="+mj-ea"/><a:cs typeface="+mj-cs"/>' if heading
             else '<a:latin typeface="+mn-lt"/><a:ea typeface="+mn-ea"/><a:cs typeface="+mn-cs"/>')
    return f'<a:defRPr sz="{round(size * 100)}" b="{1 if bold else 0}" kern="1200">{solid_fill(color)}{fonts}</a:defRPr>'


def level_style(level: int, size: float, color: str, align: str = "l", bold: bool = False, heading: bool = False,
                bullet: Optional[str] = None, space_before: float = 0) -> str:
    """The text style of one outline level (`a:lvlNpPr`): size, colour, alignment, weight, theme font, bullet."""
    indent = ""
    bullet_xml = "<a:buNone/>"
    if bullet is not None:
        margin = Emu(Pt(size * (1.3 + 1.1 * (level - 1))))
        indent = f' marL="{_emu(margin)}" indent="{-_emu(Pt(size * 1.1))}"'
        bullet_xml = f'<a:buClr><a:schemeClr val="accent1"/></a:buClr><a:buFont typeface="Arial"/><a:buChar char="{bullet}"/>'
    return (
        f'<a:lvl{level}pPr{indent} algn="{align}" rtl="0" eaLnBrk="1" latinLnBrk="0" hangingPunct="1">'
        f'<a:lnSpc><a:spcPct val="115000"/></a:lnSpc><a:spcBef><a:spcPts val="{round(space_before * 100)}"/></a:spcBef>'
        f'{bullet_xml}{_run_properties(size, color, bold, heading)}</a:lvl{level}pPr>'
    )


def placeholder(shape_id: int, name: str, ph: str, box, anchor: str, style: str, prompt: str,
                field: Optional[str] = None) -> str:
    """A placeholder written as XML: `ph` is the `p:ph` attributes, `style` its `a:lvl1pPr` (or '')."""
    if field is not None:
        paragraph = (f'<a:p><a:fld id="{SLIDE_NUMBER_FIELD_ID}" type="{field}">'
                     f'<a:rPr lang="zh-CN"/><a:t>{xml_text(prompt)}</a:t></a:fld></a:p>')
    elif prompt:
        paragraph = f'<a:p><a:r><a:rPr lang="zh-CN" altLang="en-US"/><a:t>{xml_text(prompt)}</a:t></a:r></a:p>'
    else:
        paragraph = '<a:p><a:endParaRPr lang="zh-CN"/></a:p>'
    return (
        f'<p:sp {NAMESPACES}><p:nvSpPr><p:cNvPr id="{shape_id}" name="{xml_text(name)}"/>'
        f'<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph {ph}/></p:nvPr></p:nvSpPr>'
        f'<p:spPr>{_xfrm(box)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr>'
        f'<p:txBody><a:bodyPr vert="horz" wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" rtlCol="0" anchor="{anchor}">'
        f'<a:noAutofit/></a:bodyPr><a:lstStyle>{style}</a:lstStyle>{paragraph}</p:txBody></p:sp>'
    )




def text_styles(title: str, body: str, other: str) -> str:
    """A master's text styles (`p:txStyles`) from the level styles of its titles, body text and other text."""
    return (
        f'<p:txStyles {NAMESPACES}>'
        f'<p:titleStyle>{title}</p:titleStyle>'
        f'<p:bodyStyle>{body}</p:bodyStyle>'
        f'<p:otherStyle>{other}</p:otherStyle>'
        '</p:txStyles>'
    )
