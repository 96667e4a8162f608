"""Raw XML work on a python-pptx presentation where python-pptx has no API.

python-pptx sets only `a:latin` for a font name, writes the image file name
as a picture's alt text and has no slide-number field; each function here
does one such thing to the document, named for what it does.
"""

from __future__ import annotations

from typing import Iterator

from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls, qn
from pptx.parts.image import Image, ImagePart
from pptx.presentation import Presentation
from pptx.shapes.base import BaseShape
from pptx.text.text import Font, TextFrame, _Paragraph

from ..text.cjk import is_mark
from . import schema

SLIDE_NUMBER_FIELD_ID = "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}"
"""Identifier of the slide-number field; PowerPoint itself uses one GUID for every slide's field."""

def set_rpr_fonts(rPr: etree._Element, latin: str, east_asian: str, lang: str = "zh-CN") -> None:
    """Set the Latin and East Asian typefaces and the language on an `a:rPr`, `a:defRPr` or `a:endParaRPr`.

    The children are written in schema order (latin, ea, cs, sym), so an
    existing `a:cs` or hyperlink stays valid after them.
    """
    rPr.set("lang", lang)
    for tag in ("a:latin", "a:ea"):
        for old in rPr.findall(qn(tag)):
            rPr.remove(old)
    for tag, typeface in (("a:latin", latin), ("a:ea", east_asian)):
        schema.insert(rPr, etree.SubElement(rPr, qn(tag))).set("typeface", typeface)


def _paragraph_rprs(paragraph: _Paragraph) -> Iterator[etree._Element]:
    p = paragraph._p
    for child in p:
        if child.tag in (qn("a:r"), qn("a:fld"), qn("a:br")):
            yield child.get_or_add_rPr()
    yield p.get_or_add_endParaRPr()


def set_paragraph_fonts(paragraph: _Paragraph, latin: str, east_asian: str, lang: str = "zh-CN") -> None:
    """Set the typefaces and language on every run, field and line break of a paragraph and on its end mark.

    A run of Chinese marks only (“ ” — …, see `report_gen.text.cjk.mark_pieces`) takes the East Asian typeface
    in its Latin slot too, so whichever slot a renderer draws it from, it is the Chinese font's full-width mark.
    """
    for rPr in _paragraph_rprs(paragraph):
        run = rPr.getparent()
        text = run.findtext(qn("a:t")) if run.tag == qn("a:r") else None
        set_rpr_fonts(rPr, east_asian if text and is_mark(text) else latin, east_asian, lang)


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


def empty_text_frame(text_frame: TextFrame) -> _Paragraph:
    """Remove every paragraph of a text frame but the first, and the first's runs, keeping its own properties; return it."""
    for extra in text_frame.paragraphs[1:]:
        extra._p.getparent().remove(extra._p)
    first = text_frame.paragraphs[0]
    for child in list(first._p):
        if child.tag != qn("a:pPr"):
            first._p.remove(child)
    return first


_BULLET_TAGS = ("a:buClrTx", "a:buClr", "a:buSzTx", "a:buSzPct", "a:buSzPts", "a:buFontTx", "a:buFont",
                "a:buNone", "a:buAutoNum", "a:buChar", "a:buBlip")


def set_bullet(paragraph: _Paragraph, char: str, typeface: str, scheme_color: str, hanging_emu: int) -> None:
    """Give a paragraph a bullet character in its own typeface and theme colour, its text hanging `hanging_emu` in.

    A bullet typed as text takes the script of the text after it, so ● is
    drawn small before a digit and large before a Chinese character; a
    bullet of the paragraph's own (`a:buChar` with `a:buFont`) looks the same
    on every line. The children go in schema order: after the spacing,
    before tab stops and default run properties.
    """
    pPr = paragraph._p.get_or_add_pPr()
    pPr.set("marL", str(hanging_emu))
    pPr.set("indent", str(-hanging_emu))
    for tag in _BULLET_TAGS:
        for old in pPr.findall(qn(tag)):
            pPr.remove(old)
    bullet = parse_xml(
        f'<a:buClr {nsdecls("a")}><a:schemeClr val="{scheme_color}"/></a:buClr>'
    ), parse_xml(f'<a:buFont {nsdecls("a")} typeface="{xml_text(typeface)}"/>'), parse_xml(
        f'<a:buChar {nsdecls("a")} char="{xml_text(char)}"/>'
    )
    for element in bullet:
        schema.insert(pPr, element)


def set_side_margins(paragraph: _Paragraph, left_emu: int, right_emu: int) -> None:
    """Set a paragraph's left and right margins (`marL`, `marR`), narrowing the measure its lines wrap at.

    Both are written even when 0: LibreOffice gives a paragraph that leaves
    one out the margin of the paragraph before it in the same text box.
    """
    pPr = paragraph._p.get_or_add_pPr()
    pPr.set("marL", str(max(0, int(left_emu))))
    pPr.set("marR", str(max(0, int(right_emu))))


def remove_runs_and_fields(paragraph: _Paragraph) -> None:
    """Remove a paragraph's runs and fields (a placeholder's prompt text), keeping its properties and end mark."""
    for child in list(paragraph._p):
        if child.tag in (qn("a:r"), qn("a:fld")):
            paragraph._p.remove(child)


def end_mark_font(paragraph: _Paragraph) -> Font:
    """Return the font of a paragraph's end mark (`a:endParaRPr`), which sizes an empty line and text typed after it."""
    return Font(paragraph._p.get_or_add_endParaRPr())


def layout_type(layout) -> str | None:
    """Return a slide layout's type (title, obj, titleOnly, secHead …), as its `p:sldLayout/@type` says."""
    return layout._element.get("type")


# ------------------------------------------------------------ alt text, any shape --


def set_alt_text(shape: BaseShape, description: str, name: str | None = None) -> None:
    """Set the alt text of any shape (picture, chart frame, group): `descr` on its `p:cNvPr`, and its name if given."""
    c_nv_pr = shape._element[0].find(qn("p:cNvPr"))
    c_nv_pr.set("descr", description)
    if name is not None:
        c_nv_pr.set("name", name)


def alt_text(shape: BaseShape) -> str | None:
    """Return a shape's alt text (`descr`), or None when it has none."""
    return shape._element[0].find(qn("p:cNvPr")).get("descr")


def remove_shape(shape: BaseShape) -> None:
    """Take a shape off its slide (an unused placeholder a layout brought along)."""
    element = shape._element
    element.getparent().remove(element)


# ------------------------------------------------------------ masters, layouts, themes --


def xml_text(text: str) -> str:
    """Escape text for an XML attribute or element written by hand."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def replace_shape_tree(tree_owner, shapes_xml: list[str], name: str | None = None) -> None:
    """Replace every shape of a master's or layout's shape tree with shapes written as XML (`p:sp` …).

    `name` renames the master or layout (`p:cSld/@name`).
    """
    element = tree_owner._element
    c_sld = element.find(qn("p:cSld"))
    if name is not None:
        c_sld.set("name", name)
    tree = c_sld.find(qn("p:spTree"))
    for child in list(tree)[2:]:  # keep p:nvGrpSpPr and p:grpSpPr
        tree.remove(child)
    for xml in shapes_xml:
        tree.append(parse_xml(xml))


def set_layout_attributes(layout, **attributes: str) -> None:
    """Set attributes of a layout's root `p:sldLayout` (showMasterSp, type, preserve)."""
    for key, value in attributes.items():
        layout._element.set(key, value)


def replace_text_styles(master, styles_xml: str) -> None:
    """Replace a master's `p:txStyles` (title, body and other text) with styles written as XML."""
    element = master._element
    old = element.find(qn("p:txStyles"))
    new = parse_xml(styles_xml)
    if old is not None:
        old.addprevious(new)
        element.remove(old)
    else:
        element.append(new)


def _theme_element(master) -> tuple[object, etree._Element]:
    theme_part = master.part.part_related_by(RT.THEME)
    return theme_part, etree.fromstring(theme_part.blob)


def _store_theme(theme_part, theme: etree._Element) -> None:
    theme_part._blob = etree.tostring(theme, xml_declaration=True, encoding="UTF-8", standalone=True)


def set_theme_colors(master, name: str, colors: dict[str, str]) -> None:
    """Set colours of a master's theme colour scheme: slot (dk1, accent1, …) → RGB hex; rename the scheme and theme."""
    theme_part, theme = _theme_element(master)
    theme.set("name", name)
    scheme = theme.find(f".//{qn('a:clrScheme')}")
    scheme.set("name", name)
    for slot, rgb in colors.items():
        holder = scheme.find(qn(f"a:{slot}"))
        for child in list(holder):
            holder.remove(child)
        etree.SubElement(holder, qn("a:srgbClr")).set("val", rgb)
    fonts = theme.find(f".//{qn('a:fontScheme')}")
    fonts.set("name", name)
    _store_theme(theme_part, theme)


def theme_fonts(master) -> dict[str, str]:
    """Return a master's theme typefaces: major_latin, major_ea, minor_latin, minor_ea ('' when a slot is empty).

    An empty East Asian slot falls back to the theme's Simplified Chinese script font (`a:font script="Hans"`).
    """
    _, theme = _theme_element(master)
    found = {}
    for key, tag in (("major", "a:majorFont"), ("minor", "a:minorFont")):
        fonts = theme.find(f".//{qn(tag)}")
        latin = fonts.find(qn("a:latin")) if fonts is not None else None
        ea = fonts.find(qn("a:ea")) if fonts is not None else None
        hans = [f.get("typeface", "") for f in fonts.findall(qn("a:font")) if f.get("script") == "Hans"] if fonts is not None else []
        found[f"{key}_latin"] = latin.get("typeface", "") if latin is not None else ""
        found[f"{key}_ea"] = (ea.get("typeface", "") if ea is not None else "") or (hans[0] if hans else "")
    return found


def fill_empty_theme_east_asian(master, east_asian: str) -> None:
    """Name an East Asian typeface in a master's theme where its heading or body slot is empty, keeping what it names."""
    theme_part, theme = _theme_element(master)
    for tag in ("a:majorFont", "a:minorFont"):
        for fonts in theme.iter(qn(tag)):
            ea = fonts.find(qn("a:ea"))
            if ea is None:
                ea = etree.Element(qn("a:ea"))
                fonts.find(qn("a:latin")).addnext(ea)
            if not ea.get("typeface"):
                ea.set("typeface", east_asian)
    _store_theme(theme_part, theme)


def drop_all_slides(presentation: Presentation) -> None:
    """Delete every slide of a presentation (a template's sample slides), keeping its masters and layouts."""
    id_list = presentation.slides._sldIdLst
    for slide_id in list(id_list):
        presentation.part.drop_rel(slide_id.rId)
        id_list.remove(slide_id)


def inherited_insets(shape) -> tuple[int, int, int, int]:
    """Return the left, top, right and bottom insets a placeholder's text has, looked up through layout and master.

    A value the shape does not set comes from its layout placeholder, then the
    master's; the DrawingML defaults (0.1 in, 0.05 in) when none sets it.
    """
    defaults = {"lIns": 91440, "tIns": 45720, "rIns": 91440, "bIns": 45720}
    found: dict[str, int] = {}
    current = shape
    while current is not None:
        body_pr = current._element.find(f".//{qn('a:bodyPr')}")
        if body_pr is not None:
            for key in defaults:
                if key not in found and body_pr.get(key) is not None:
                    found[key] = int(body_pr.get(key))
        current = getattr(current, "_base_placeholder", None)
    return tuple(found.get(key, default) for key, default in defaults.items())  # type: ignore[return-value]


def number_parts_incrementally(prs: Presentation) -> None:
    """Make python-pptx name new parts without walking the whole package for each one.

    python-pptx finds the next free name of a notes slide, a chart or a
    picture, and looks for an identical picture, by walking every part or
    relationship of the package: each new slide costs time in proportion to the
    slides before it, and a deck of thousands of slides takes minutes. Here the
    package remembers the names and pictures it has, from one walk, and gives
    the same names python-pptx would, as long as parts are only added (slides
    are never dropped after the first slide is added).
    """
    package = prs.part.package
    names_by_prefix: dict[str, set[str]] = {}
    image_numbers: list[int] = []
    images_by_sha1: dict[str, ImagePart] = {}

    def next_partname(template: str) -> PackURI:
        prefix = template[: (template % 42).find("42")]
        if prefix not in names_by_prefix:
            names_by_prefix[prefix] = {str(part.partname) for part in package.iter_parts() if part.partname.startswith(prefix)}
        names = names_by_prefix[prefix]
        for number in range(len(names) + 1, 0, -1):
            if template % number not in names:
                names.add(template % number)
                return PackURI(template % number)
        raise ValueError(f"no free part name for {template}")  # pragma: no cover: range() always holds one

    def next_image_partname(ext: str) -> PackURI:
        number = len(image_numbers) + 1
        for index, taken in enumerate(image_numbers):
            if index + 1 < taken:
                number = index + 1
                break
        image_numbers.append(number)
        image_numbers.sort()
        return PackURI(f"/ppt/media/image{number}.{ext}")

    def get_or_add_image_part(image_file) -> ImagePart:
        image = Image.from_file(image_file)
        if image.sha1 not in images_by_sha1:
            images_by_sha1[image.sha1] = ImagePart.new(package, image)
        return images_by_sha1[image.sha1]

    for part in package.iter_parts():
        if part.partname.startswith("/ppt/media/image") and part.partname.idx is not None:
            image_numbers.append(part.partname.idx)
        if isinstance(part, ImagePart):
            images_by_sha1.setdefault(part.sha1, part)
    image_numbers.sort()
    package.next_partname = next_partname
    package.next_image_partname = next_image_partname
    package.get_or_add_image_part = get_or_add_image_part
