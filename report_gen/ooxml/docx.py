"""Raw XML work on a python-docx document where python-docx has no API.

python-docx sets only the Latin slots of a font name, leaves the default
template's Japanese font language in place, and has no fields, alt text or
table-row flags; each function here does one of those things to the
document, named for what it does.
"""

from __future__ import annotations

import copy
from typing import Optional

from docx.document import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shape import InlineShape
from docx.styles.style import BaseStyle
from docx.table import Table, _Row
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree

from . import schema

THEME_FONT_ATTRIBUTES = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
"""Attributes of `w:rFonts` that name a theme font; Word lets them override explicit names."""

def _strip_theme_attributes(rFonts: etree._Element) -> None:
    for name in THEME_FONT_ATTRIBUTES:
        rFonts.attrib.pop(qn(name), None)


def set_rpr_fonts(rPr: etree._Element, latin: str, east_asian: str) -> None:
    """Name the Latin and East Asian typefaces on a `w:rPr` and drop any theme font that would override them.

    `w:hint="eastAsia"` makes characters that both scripts share (“” … —) use
    the East Asian typeface, as Chinese text expects.
    """
    rFonts = rPr.get_or_add_rFonts()
    _strip_theme_attributes(rFonts)
    for slot in ("w:ascii", "w:hAnsi", "w:cs"):
        rFonts.set(qn(slot), latin)
    rFonts.set(qn("w:eastAsia"), east_asian)
    rFonts.set(qn("w:hint"), "eastAsia")


def set_style_fonts(style: BaseStyle, latin: str, east_asian: str) -> None:
    """Give a paragraph, character or table style a Latin and an East Asian typeface."""
    set_rpr_fonts(style.element.get_or_add_rPr(), latin, east_asian)


def default_rpr(document: Document) -> etree._Element:
    """Return the document's default run properties (`w:docDefaults/w:rPrDefault/w:rPr`), added when missing."""
    return schema.child(schema.child(schema.child(document.styles.element, "w:docDefaults"), "w:rPrDefault"), "w:rPr")


def set_default_fonts(document: Document, latin: str, east_asian: str) -> None:
    """Set the document-wide default typefaces (docDefaults), which text with no style font falls back to."""
    set_rpr_fonts(default_rpr(document), latin, east_asian)


def strip_theme_fonts(document: Document) -> None:
    """Remove theme font references from every style and the defaults, so the named typefaces apply."""
    for rFonts in document.styles.element.iter(qn("w:rFonts")):
        _strip_theme_attributes(rFonts)


def set_chinese_language(document: Document) -> None:
    """Mark East Asian text as Simplified Chinese: docDefaults `w:lang` and settings `w:themeFontLang`.

    python-docx's default template says en-US for the defaults and ja-JP for
    the theme, so a reader without the named fonts falls back to a Japanese
    font and draws Japanese glyph forms.
    """
    rPr = default_rpr(document)
    lang = schema.child(rPr, "w:lang")
    lang.set(qn("w:val"), lang.get(qn("w:val")) or "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    lang.set(qn("w:bidi"), lang.get(qn("w:bidi")) or "ar-SA")

    themeFontLang = schema.child(document.settings.element, "w:themeFontLang")
    themeFontLang.set(qn("w:val"), themeFontLang.get(qn("w:val")) or "en-US")
    themeFontLang.set(qn("w:eastAsia"), "zh-CN")


def _field_run(paragraph: Paragraph, kind: str) -> None:
    fldChar = OxmlElement("w:fldChar")
    fldChar.set(qn("w:fldCharType"), kind)
    paragraph.add_run()._r.append(fldChar)


def add_field(paragraph: Paragraph, instruction: str, cached_result: str) -> None:
    """Append a complex field (begin, instruction, separate, cached result, end) to a paragraph.

    The cached result is what every reader shows until fields are updated,
    so it must already be right.
    """
    start_field(paragraph, instruction)
    paragraph.add_run(cached_result)
    end_field(paragraph)


def add_sequence_number(paragraph: Paragraph, label: str, number: int) -> None:
    """Append a SEQ field numbering captions of one kind (图, 表), showing `number` until updated."""
    add_field(paragraph, f"SEQ {label} \\* ARABIC", str(number))


def add_page_number(paragraph: Paragraph) -> None:
    """Append a PAGE field, showing 1 until the reader lays out the pages."""
    add_field(paragraph, "PAGE \\* Arabic", "1")


def set_picture_alt_text(picture: InlineShape, text: str) -> None:
    """Set the alternative text a screen reader speaks for an inline picture (`wp:docPr/@descr`)."""
    picture._inline.docPr.set("descr", text)


def crop_picture_bottom(picture: InlineShape, share: float) -> None:
    """Show an inline picture without the bottom `share` of its image (`a:srcRect/@b`); its size is set by the caller."""
    blip_fill = picture._inline.graphic.graphicData.pic.blipFill
    rect = blip_fill.find(qn("a:srcRect"))
    if rect is None:
        rect = OxmlElement("a:srcRect")
        blip_fill.find(qn("a:blip")).addnext(rect)
    rect.set("b", str(round(share * 100000)))


def set_paragraph_style_id(paragraph: Paragraph, style_id: str) -> None:
    """Give a paragraph a style by its id, without python-docx's lookup by name (which scans every style)."""
    paragraph._p.style = style_id


def set_run_style_id(run: Run, style_id: str) -> None:
    """Give a run a character style by its id."""
    run._r.style = style_id


def set_table_alt_text(table: Table, title: str, description: str) -> None:
    """Set the title and description a screen reader speaks for a table (`w:tblCaption`, `w:tblDescription`).

    Both are the last children `w:tblPr` may have, in that order.
    """
    tblPr = table._tbl.tblPr
    for tag, text in (("w:tblCaption", title), ("w:tblDescription", description)):
        element = tblPr.find(qn(tag))
        if element is None:
            element = OxmlElement(tag)
            tblPr.append(element)
        element.set(qn("w:val"), text)


def is_in_table(paragraph: Paragraph) -> bool:
    """Tell whether a paragraph sits in a table cell."""
    return bool(paragraph._p.xpath("ancestor::w:tbl"))


def repeat_row_as_header(row: _Row) -> None:
    """Mark a table row as a header row, repeated at the top of every page the table runs onto."""
    _set_row_flag(row, "w:tblHeader")


def keep_row_on_one_page(row: _Row) -> None:
    """Forbid a table row to break across pages."""
    _set_row_flag(row, "w:cantSplit")


def _set_row_flag(row: _Row, tag: str) -> None:
    trPr = row._tr.get_or_add_trPr()
    if trPr.find(qn(tag)) is None:
        trPr.append(OxmlElement(tag))



STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
"""Relationship type of Word 2010's copy of the styles, which python-docx's template carries."""


def drop_styles_with_effects(document: Document) -> None:
    """Remove Word 2010's stale copy of the styles, so no reader sees the template's old fonts and languages.

    Word 2013 and later never read it; left in place it disagrees with the
    restyled styles.xml, which Word may take for damaged content.
    """
    part = document.part
    for rId, rel in list(part.rels.items()):
        if rel.reltype == STYLES_WITH_EFFECTS:
            part.drop_rel(rId)


# -- layout helpers ------------------------------------------------------------

def set_letter_spacing(style: BaseStyle, twips: int) -> None:
    """Add `twips` twentieths of a point after every character of a style's text (negative: tighter)."""
    set_run_letter_spacing(style.element, twips)


def set_run_letter_spacing(r: etree._Element, twips: int) -> None:
    """Set a run (`w:r`) `twips` twentieths of a point apart after every character, whatever its style says."""
    rPr = r.get_or_add_rPr()
    spacing = schema.child(rPr, "w:spacing")
    spacing.set(qn("w:val"), str(twips))


def set_outline_level(style: BaseStyle, level: int) -> None:
    """Make a paragraph style a heading of `level` (1 for 一、) for Word's navigation pane and contents."""
    pPr = style.element.get_or_add_pPr()
    element = schema.child(pPr, "w:outlineLvl")
    element.set(qn("w:val"), str(level - 1))


def set_snap_to_grid(style: BaseStyle, snap: bool) -> None:
    """Say whether a paragraph style's lines snap to the document grid (off for pictures, tables, captions)."""
    pPr = style.element.get_or_add_pPr()
    element = schema.child(pPr, "w:snapToGrid")
    element.set(qn("w:val"), "1" if snap else "0")


def set_line_grid(section, line_pitch_twips: int) -> None:
    """Give a section a line grid (`w:docGrid type="lines"`) of the body's line pitch: the page's lines."""
    sectPr = section._sectPr
    grid = schema.child(sectPr, "w:docGrid")
    for name in list(grid.attrib):
        del grid.attrib[name]
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(line_pitch_twips))


def set_rule(paragraph: Paragraph, side: str, color: str, eighths_of_a_point: int, gap_pt: int) -> None:
    """Draw a rule across a paragraph's width on its `side` ("top" or "bottom"), `gap_pt` points from its text."""
    pPr = paragraph._p.get_or_add_pPr()
    rule = schema.child(schema.child(pPr, "w:pBdr"), f"w:{side}")
    rule.set(qn("w:val"), "single")
    rule.set(qn("w:sz"), str(eighths_of_a_point))
    rule.set(qn("w:space"), str(gap_pt))
    rule.set(qn("w:color"), color)


def set_bottom_rule(paragraph: Paragraph, color: str, eighths_of_a_point: int, gap_pt: int) -> None:
    """Draw a rule under a paragraph across the text width, `gap_pt` points below its text."""
    set_rule(paragraph, "bottom", color, eighths_of_a_point, gap_pt)


def set_at_foot_of_text(paragraph: Paragraph, width_twips: int) -> None:
    """Put a paragraph in a frame `width_twips` wide at the foot of the text area of the page its text reaches.

    Neighbouring paragraphs given the same frame share it, so a block set
    this way stays whole at the bottom of one page; text does not run
    beside it. Word and LibreOffice both lay such a frame (`w:framePr`).
    """
    pPr = paragraph._p.get_or_add_pPr()
    frame = schema.child(pPr, "w:framePr")
    for name, value in (("w", str(width_twips)), ("wrap", "notBeside"), ("vAnchor", "margin"), ("hAnchor", "margin"),
                        ("xAlign", "center"), ("yAlign", "bottom")):
        frame.set(qn(f"w:{name}"), value)


def previous_block(paragraph: Paragraph) -> Optional[etree._Element]:
    """Return the body element just before a paragraph (a `w:p` or a `w:tbl`), None when it opens the document."""
    return paragraph._p.getprevious()


def remove_paragraph(paragraph: Paragraph) -> None:
    """Take a paragraph out of the document."""
    paragraph._p.getparent().remove(paragraph._p)


def start_unnumbered_section(document: Document, paragraph: Paragraph) -> None:
    """Start a last section at `paragraph`, on a new page with the same page set-up, whose pages print no page number.

    The section before ends with the paragraph just before `paragraph`
    (an empty paragraph is put in to end it when a table is there), which
    carries that section's properties, as WordprocessingML keeps them; its
    footers stay as they were. The new section's odd, even and first-page
    footers are footers of its own, empty: GB/T 9704 §7.5's pages without a
    number (the blank page before a 版记, and the 版记's own page).
    """
    previous = previous_block(paragraph)
    if previous is None or previous.tag != qn("w:p"):
        previous = paragraph.insert_paragraph_before()._p
    body_properties = document.element.body.find(qn("w:sectPr"))
    pPr = previous.get_or_add_pPr()
    closing = copy.deepcopy(body_properties)
    change = pPr.find(qn("w:pPrChange"))
    if change is not None:
        change.addprevious(closing)
    else:
        pPr.append(closing)
    kind = body_properties.find(qn("w:type"))
    if kind is not None:  # the last section starts on the next page, Word's default start
        body_properties.remove(kind)
    # The section before keeps the footers; the new one drops their references (python-docx's unlinking
    # would drop the shared relationship too) and gets empty footers of its own.
    for reference in body_properties.findall(qn("w:footerReference")):
        body_properties.remove(reference)
    section = document.sections[-1]
    for footer in (section.footer, section.even_page_footer, section.first_page_footer):
        footer.is_linked_to_previous = False


def ends_section(p: etree._Element) -> bool:
    """Tell whether a body paragraph carries a section's properties: the page after it belongs to a new section."""
    pPr = p.find(qn("w:pPr"))
    return pPr is not None and pPr.find(qn("w:sectPr")) is not None


def start_field(paragraph: Paragraph, instruction: str, dirty: bool = False) -> None:
    """Open a complex field whose cached result follows, possibly over several paragraphs (a TOC).

    A `dirty` field is marked for the reader to update before it shows it.
    """
    _field_run(paragraph, "begin")
    if dirty:
        paragraph.runs[-1]._r.find(qn("w:fldChar")).set(qn("w:dirty"), "true")
    instr = OxmlElement("w:instrText")
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    instr.text = f" {instruction.strip()} "
    paragraph.add_run()._r.append(instr)
    _field_run(paragraph, "separate")


def end_field(paragraph: Paragraph) -> None:
    """Close the complex field opened by start_field."""
    _field_run(paragraph, "end")


def body_length(document: Document) -> int:
    """Return how many paragraphs and tables the document's body holds (its section properties aside)."""
    return sum(1 for child in document.element.body if child.tag in (qn("w:p"), qn("w:tbl")))


def body_blocks(document: Document, start: int) -> list[etree._Element]:
    """Return the body's paragraphs and tables from the `start`th on (as body_length counts them)."""
    return [child for child in document.element.body if child.tag in (qn("w:p"), qn("w:tbl"))][start:]


def reorder_body(document: Document, order: list[etree._Element]) -> None:
    """Put the body's paragraphs and tables in the order given (all of them, each once); the section properties stay last."""
    body = document.element.body
    end = body.find(qn("w:sectPr"))
    for element in order:
        if end is not None:
            end.addprevious(element)
        else:
            body.append(element)


def update_fields_on_open(document: Document) -> None:
    """Ask the reader to update every field when it opens the document (`w:updateFields` in the settings).

    Word then lays the document out with the fonts and page set-up it
    really has and rewrites a table of contents' page numbers.
    """
    settings = document.settings.element
    update = schema.child(settings, "w:updateFields")
    update.set(qn("w:val"), "true")
