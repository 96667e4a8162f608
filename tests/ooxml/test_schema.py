"""Children go where the schema puts them: one declared order per element, one get-or-add, used by the docx and pptx helpers."""

from __future__ import annotations

import docx
import pptx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from report_gen.ooxml import docx as docx_xml
from report_gen.ooxml import pptx as pptx_xml
from report_gen.ooxml import schema


def children(element) -> list[str]:
    return [child.tag.split("}")[1] for child in element]


def test_a_child_is_added_before_the_first_child_the_schema_puts_after_it():
    pPr = parse_xml(f'<w:pPr {nsdecls("w")}><w:pStyle w:val="a"/><w:jc w:val="center"/><w:rPr/></w:pPr>')
    spacing = schema.child(pPr, "w:spacing")
    assert children(pPr) == ["pStyle", "spacing", "jc", "rPr"]
    assert schema.child(pPr, "w:spacing") is spacing, "a child present is returned, not added again"
    schema.child(pPr, "w:outlineLvl")
    schema.child(pPr, "w:pPrChange")
    assert children(pPr) == ["pStyle", "spacing", "jc", "outlineLvl", "rPr", "pPrChange"]


def test_every_declared_order_names_each_child_once_and_successors_follow_it():
    for name, order in schema.CHILD_ORDER.items():
        assert len(set(order)) == len(order), name
    assert schema.successors("w:pBdr", "w:bottom") == ("w:right", "w:between", "w:bar")
    assert schema.successors("a:pPr", "a:buChar") == ("a:buBlip", "a:tabLst", "a:defRPr", "a:extLst")
    with pytest.raises(KeyError):
        schema.insert(parse_xml(f'<w:body {nsdecls("w")}/>'), parse_xml(f'<w:p {nsdecls("w")}/>'))


def test_rules_of_a_paragraph_keep_the_border_order_whatever_order_they_are_drawn_in():
    document = docx.Document()
    paragraph = document.add_paragraph("报尾")
    paragraph.paragraph_format.alignment = 1
    docx_xml.set_rule(paragraph, "bottom", "000000", 4, 1)
    docx_xml.set_rule(paragraph, "top", "FF0000", 12, 11)
    docx_xml.set_rule(paragraph, "bottom", "000000", 8, 1)
    pPr = paragraph._p.pPr
    assert children(pPr) == ["pBdr", "jc"], "the borders before the alignment"
    [pBdr] = pPr.findall(qn("w:pBdr"))
    assert children(pBdr) == ["top", "bottom"]
    assert pBdr.find(qn("w:bottom")).get(qn("w:sz")) == "8", "drawn again, the rule is changed, not doubled"


def test_a_frame_and_an_outline_level_go_in_their_places_among_what_python_docx_wrote():
    document = docx.Document()
    heading = document.styles["Heading 1"]
    docx_xml.set_outline_level(heading, 2)
    docx_xml.set_snap_to_grid(heading, False)
    order = schema.CHILD_ORDER["w:pPr"]
    written = ["w:" + tag for tag in children(heading.element.pPr)]
    assert written == sorted(written, key=order.index)
    assert heading.element.pPr.find(qn("w:outlineLvl")).get(qn("w:val")) == "1"
    paragraph = document.add_paragraph("共印50份")
    paragraph.paragraph_format.space_after = 0
    docx_xml.set_at_foot_of_text(paragraph, 8844)
    assert children(paragraph._p.pPr)[0] == "framePr"


def test_the_document_defaults_are_found_or_made_once():
    document = docx.Document()
    first = docx_xml.default_rpr(document)
    assert docx_xml.default_rpr(document) is first
    docx_xml.set_chinese_language(document)
    assert first.find(qn("w:lang")).get(qn("w:eastAsia")) == "zh-CN"
    assert children(first)[-1] == "lang"


def test_a_slide_paragraphs_bullet_and_fonts_go_before_what_the_schema_puts_after_them():
    deck = pptx.Presentation()
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    box = slide.shapes.add_textbox(0, 0, 100, 100)
    paragraph = box.text_frame.paragraphs[0]
    paragraph.text = "增长48%"
    pPr = paragraph._p.get_or_add_pPr()
    pPr.append(parse_xml(f'<a:defRPr {nsdecls("a")}/>'))
    pptx_xml.set_bullet(paragraph, "●", "Arial", "accent1", 228600)
    assert children(pPr) == ["buClr", "buFont", "buChar", "defRPr"]
    rPr = paragraph.runs[0]._r.get_or_add_rPr()
    rPr.append(parse_xml(f'<a:hlinkClick {nsdecls("a", "r")} r:id=""/>'))
    pptx_xml.set_paragraph_fonts(paragraph, "Arial", "微软雅黑")
    assert children(rPr) == ["latin", "ea", "hlinkClick"]
    assert rPr.find(qn("a:ea")).get("typeface") == "微软雅黑"
