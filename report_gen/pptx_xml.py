"""Raw XML work on a python-pptx presentation where python-pptx has no API.

python-pptx sets only `a:latin` for a font name, writes the image file name
as a picture's alt text and has no slide-number field; each function here
does one such thing to the document, named for what it does.
"""

from __future__ import annotations

from typing import Iterator

from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls, qn
from pptx.presentation import Presentation
from pptx.shapes.base import BaseShape
from pptx.shapes.picture import Picture
from pptx.text.text import TextFrame, _Paragraph, _Run

SLIDE_NUMBER_FIELD_ID = "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}"
"""Identifier of the slide-number field; PowerPoint itself uses one GUID for every slide's field."""

_FONT_CHILDREN_AFTER_EA = ("a:cs", "a:sym", "a:hlinkClick", "a:hlinkMouseOver", "a:rtl", "a:extLst")


def set_rpr_fonts(rPr: etree._Element, latin: str, east_asian: str, lang: str = "zh-CN") -> None:
    """Set the Latin and East Asian typefaces and the language on an `a:rPr`, `a:defRPr` or `a:endParaRPr`.

    The children are written in schema order (latin, ea, cs, sym), so an
    existing `a:cs` or hyperlink stays valid after them.
    """
    rPr.set("lang", lang)
    for tag in ("a:latin", "a:ea"):
        for old in rPr.findall(qn(tag)):
            rPr.remove(old)
    latin_el = etree.SubElement(rPr, qn("a:latin"))
    latin_el.set("typeface", latin)
    ea_el = etree.SubElement(rPr, qn("a:ea"))
    ea_el.set("typeface", east_asian)
    # SubElement appended both at the end; move what the schema puts after ea behind them.
    after_ea = {qn(tag) for tag in _FONT_CHILDREN_AFTER_EA}
    for child in list(rPr):
        if child.tag in after_ea:
            rPr.remove(child)
            rPr.append(child)


def set_run_fonts(run: _Run, latin: str, east_asian: str, lang: str = "zh-CN") -> None:
    """Give a run a Latin and an East Asian typeface and a language, so Chinese text uses the Chinese font."""
    set_rpr_fonts(run._r.get_or_add_rPr(), latin, east_asian, lang)


def _paragraph_rprs(paragraph: _Paragraph) -> Iterator[etree._Element]:
    p = paragraph._p
    for child in p:
        if child.tag in (qn("a:r"), qn("a:fld"), qn("a:br")):
            yield child.get_or_add_rPr()
    yield p.get_or_add_endParaRPr()


def set_paragraph_fonts(paragraph: _Paragraph, latin: str, east_asian: str, lang: str = "zh-CN") -> None:
    """Set the typefaces and language on every run, field and line break of a paragraph and on its end mark."""
    for rPr in _paragraph_rprs(paragraph):
        set_rpr_fonts(rPr, latin, east_asian, lang)


def set_text_frame_fonts(text_frame: TextFrame, latin: str, east_asian: str, lang: str = "zh-CN") -> None:
    """Set the typefaces and language on every paragraph of a text frame."""
    for paragraph in text_frame.paragraphs:
        set_paragraph_fonts(paragraph, latin, east_asian, lang)


def set_theme_fonts(presentation: Presentation, latin: str, east_asian: str) -> None:
    """Set the theme's heading and body fonts, Latin and East Asian, on the first slide master's theme.

    Text that names no font of its own (and new text a user types into the
    deck) falls back to these; the default template leaves the East Asian slot
    empty, and its Simplified Chinese script font is 宋体.
    """
    master_part = presentation.slide_masters[0].part
    theme_part = master_part.part_related_by(RT.THEME)
    theme = etree.fromstring(theme_part.blob)
    for font_set in ("a:majorFont", "a:minorFont"):
        for fonts in theme.iter(qn(font_set)):
            fonts.find(qn("a:latin")).set("typeface", latin)
            ea = fonts.find(qn("a:ea"))
            if ea is None:
                ea = etree.Element(qn("a:ea"))
                fonts.find(qn("a:latin")).addnext(ea)
            ea.set("typeface", east_asian)
            for script_font in fonts.findall(qn("a:font")):
                if script_font.get("script") == "Hans":
                    script_font.set("typeface", east_asian)
    theme_part._blob = etree.tostring(theme, xml_declaration=True, encoding="UTF-8", standalone=True)


def set_picture_alt_text(picture: Picture, description: str, name: str | None = None) -> None:
    """Set the alt text a screen reader reads for a picture (`descr` on `p:cNvPr`), and its name if given.

    python-pptx writes the image's file name there, which tells a reader nothing.
    """
    c_nv_pr = picture._element.nvPicPr.cNvPr
    c_nv_pr.set("descr", description)
    if name is not None:
        c_nv_pr.set("name", name)


def remove_shape_style(shape: BaseShape) -> None:
    """Drop an autoshape's theme style (`p:style`), so only its own fill and line apply.

    python-pptx gives every autoshape the theme's accent style, whose effect
    is a drop shadow; LibreOffice draws that shadow even under an empty
    `a:effectLst`, so a flat shape must not reference the style at all.
    """
    style = shape._element.find(qn("p:style"))
    if style is not None:
        shape._element.remove(style)


def add_slide_number_field(paragraph: _Paragraph, shown: str) -> etree._Element:
    """Append a slide-number field to a paragraph, showing `shown` until PowerPoint updates it.

    Return the field's `a:rPr`, to be styled like a run's (`pptx.text.text.Font(rPr)`).
    """
    fld = parse_xml(
        f'<a:fld {nsdecls("a")} id="{SLIDE_NUMBER_FIELD_ID}" type="slidenum"><a:rPr/><a:t></a:t></a:fld>'
    )
    fld.find(qn("a:t")).text = shown
    p = paragraph._p
    end = p.find(qn("a:endParaRPr"))
    if end is not None:
        end.addprevious(fld)
    else:
        p.append(fld)
    return fld.find(qn("a:rPr"))
