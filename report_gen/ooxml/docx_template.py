"""Raw XML work on an organisation's Word template, where python-docx has no API.

A template arrives cleaned by `template_package` (a .dotx already declared
a document); its styles, page set-up, headers and footers stay. What
python-docx cannot do for that: empty the body but keep the section, say which East
Asian typeface a style really ends up with (through its base styles, the
document defaults and the theme), and write one in without touching the
template's Latin fonts.
"""

from __future__ import annotations

from typing import Optional

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.styles.style import BaseStyle
from lxml import etree

from . import schema
from .docx import default_rpr

_A = "http://schemas.openxmlformats.org/drawingml/2006/main"

HANS = "Hans"
"""The theme's script for Simplified Chinese, used when its East Asian slot is empty (as Word does for zh-CN)."""


def clear_body(document: Document) -> None:
    """Remove the template's sample content from the body, keeping the last section's page set-up, headers and footers."""
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def _theme(document: Document) -> Optional[etree._Element]:
    try:
        return etree.fromstring(document.part.part_related_by(RT.THEME).blob)
    except KeyError:
        return None


def theme_font(document: Document, reference: str) -> Optional[str]:
    """Return the typeface a theme reference such as minorEastAsia or majorHAnsi names, or None when the theme leaves it empty.

    An East Asian reference takes the theme's `a:ea` typeface, else its
    Simplified Chinese (Hans) font, as Word does for zh-CN text.
    """
    theme = _theme(document)
    if theme is None:
        return None
    scheme = theme.find(f".//{{{_A}}}{'majorFont' if reference.startswith('major') else 'minorFont'}")
    if scheme is None:
        return None
    slot = "ea" if reference.endswith("EastAsia") else ("cs" if reference.endswith("Bidi") else "latin")
    element = scheme.find(f"{{{_A}}}{slot}")
    typeface = element.get("typeface") if element is not None else None
    if not typeface and slot == "ea":
        hans = scheme.find(f"{{{_A}}}font[@script='{HANS}']")
        typeface = hans.get("typeface") if hans is not None else None
    return typeface or None


def resolve_east_asian_theme_fonts(document: Document) -> None:
    """Write each East Asian theme font reference in the styles as the typeface it resolves to, or drop it when empty.

    The template's choice is kept; readers no longer have to resolve it
    through the theme and the document's language, which LibreOffice and
    Word do differently.
    """
    for rFonts in document.styles.element.iter(qn("w:rFonts")):
        reference = rFonts.get(qn("w:eastAsiaTheme"))
        if reference is None:
            continue
        del rFonts.attrib[qn("w:eastAsiaTheme")]
        typeface = theme_font(document, reference)
        if typeface:
            rFonts.set(qn("w:eastAsia"), typeface)


def _style_chain(document: Document, style: Optional[BaseStyle]) -> list[etree._Element]:
    """Return the `w:rPr` of a style, its base styles, then the document defaults: where a run's properties come from."""
    chain: list[etree._Element] = []
    seen: set[int] = set()
    current = style
    while current is not None and id(current.element) not in seen:
        seen.add(id(current.element))
        rPr = current.element.rPr
        if rPr is not None:
            chain.append(rPr)
        current = current.base_style
    chain.append(default_rpr(document))
    return chain


def effective_font(document: Document, style: Optional[BaseStyle], slot: str) -> Optional[str]:
    """Return the typeface a style's text gets in a slot ("eastAsia" or "ascii"), theme references resolved; None when unset.

    `style` None asks the document defaults alone.
    """
    for rPr in _style_chain(document, style):
        rFonts = rPr.find(qn("w:rFonts"))
        if rFonts is None:
            continue
        theme_attribute = "w:eastAsiaTheme" if slot == "eastAsia" else f"w:{slot}Theme"
        reference = rFonts.get(qn(theme_attribute))
        if reference is not None:
            return theme_font(document, reference)
        if rFonts.get(qn(f"w:{slot}")):
            return rFonts.get(qn(f"w:{slot}"))
    return None


def effective_size_pt(document: Document, style: BaseStyle) -> Optional[float]:
    """Return the point size a style's text gets through its base styles and the document defaults; None when none says."""
    for rPr in _style_chain(document, style):
        sz = rPr.find(qn("w:sz"))
        if sz is not None and sz.get(qn("w:val")):
            return int(sz.get(qn("w:val"))) / 2
    return None


def _set_east_asian(rPr: etree._Element, typeface: str) -> None:
    rFonts = rPr.find(qn("w:rFonts"))
    if rFonts is None:
        rFonts = OxmlElement("w:rFonts")
        rPr.insert(0, rFonts)
    rFonts.attrib.pop(qn("w:eastAsiaTheme"), None)
    rFonts.set(qn("w:eastAsia"), typeface)
    rFonts.set(qn("w:hint"), "eastAsia")


def set_east_asian_font(style: BaseStyle, typeface: str) -> None:
    """Name a style's East Asian typeface, leaving its Latin ones as the template has them."""
    _set_east_asian(style.element.get_or_add_rPr(), typeface)


def set_default_east_asian_font(document: Document, typeface: str) -> None:
    """Name the document defaults' East Asian typeface, leaving the Latin ones as the template has them."""
    _set_east_asian(default_rpr(document), typeface)


def prefer_east_asian_for_shared_marks(document: Document) -> None:
    """Let the document defaults draw marks both scripts share (“” … —) in the East Asian typeface (`w:hint`)."""
    rPr = default_rpr(document)
    rFonts = rPr.find(qn("w:rFonts"))
    if rFonts is None:
        rFonts = OxmlElement("w:rFonts")
        rPr.insert(0, rFonts)
    rFonts.set(qn("w:hint"), "eastAsia")


def set_styles_chinese(document: Document) -> None:
    """Mark East Asian text Simplified Chinese in every style that names another East Asian language."""
    for lang in document.styles.element.iter(qn("w:lang")):
        if lang.get(qn("w:eastAsia")) not in (None, "zh-CN"):
            lang.set(qn("w:eastAsia"), "zh-CN")


def give_table_style_grid(style: BaseStyle, eighths_of_a_point: int = 4) -> None:
    """Rule every edge of a table style's cells with a thin black line, as Word's Table Grid does."""
    borders = schema.child(schema.child(style.element, "w:tblPr"), "w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        rule = OxmlElement(f"w:{edge}")
        rule.set(qn("w:val"), "single")
        rule.set(qn("w:sz"), str(eighths_of_a_point))
        rule.set(qn("w:space"), "0")
        rule.set(qn("w:color"), "000000")
        borders.append(rule)
