"""Figure anchors: a bookmark at the start of each paragraph that prints a figure, the list of where, and reading both back."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from docx.oxml.ns import qn

from report_gen.ooxml.anchors import (
    MAX_NAME_CHARACTERS,
    FigureAnchors,
    figure_of,
    find_anchors,
    line_of,
    listed_anchors,
    long_ids_of,
)
from report_gen.ooxml.docx_text import paragraph_text

LONG_ID = "a_figure_id_far_too_long_for_a_bookmark_name"


def _document():
    document = docx.Document()
    anchors = FigureAnchors(document)
    first = document.add_paragraph("营业收入约12.5亿元，同比增长48%。")
    anchors.mark(first._p, 4, 11, "revenue")
    second = document.add_paragraph("另据统计，新增2.5万户，其中")
    anchors.mark(second._p, 7, 12, LONG_ID)
    anchors.mark(second._p, 13, 15, "revenue")  # two figures in one paragraph: two bookmarks at its start
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).paragraphs[0].add_run("营业收入")
    cell = table.cell(0, 1).paragraphs[0]
    cell.add_run("约12.5亿元")
    anchors.mark(cell._p, 0, 7, "revenue")
    anchors.list_in_document("test")
    return document


def _reopened(document):
    stream = io.BytesIO()
    document.save(stream)
    return docx.Document(io.BytesIO(stream.getvalue())), stream.getvalue()


def test_each_paragraph_that_prints_a_figure_starts_with_an_empty_bookmark_named_for_it():
    document = _document()
    body = document.element.body
    names = [start.get(qn("w:name")) for start in body.iter(qn("w:bookmarkStart"))]
    assert names == ["rg_revenue_1", "rgk1_1", "rg_revenue_2", "rg_revenue_3"]
    assert all(len(name) <= MAX_NAME_CHARACTERS and name[0].isalpha() for name in names)
    for start in body.iter(qn("w:bookmarkStart")):
        end = start.getnext()
        while end.tag == qn("w:bookmarkStart"):
            end = end.getnext()
        assert end.tag == qn("w:bookmarkEnd"), "a point, holding no text"
        assert all(sibling.tag != qn("w:r") for sibling in start.itersiblings(preceding=True)), "before the paragraph's text"
    assert [paragraph.text for paragraph in document.paragraphs][:2] == ["营业收入约12.5亿元，同比增长48%。", "另据统计，新增2.5万户，其中"]
    ids = [start.get(qn("w:id")) for start in body.iter(qn("w:bookmarkStart"))]
    assert sorted(ids) == sorted(end.get(qn("w:id")) for end in body.iter(qn("w:bookmarkEnd"))) and len(set(ids)) == 4


def test_the_list_maps_long_ids_and_keeps_each_figure_s_form_and_the_text_either_side():
    reopened, data = _reopened(_document())
    listed = listed_anchors(reopened)
    assert figure_of("rgk1_1", long_ids_of(listed)) == LONG_ID
    assert figure_of("rg_revenue_2", {}) == "revenue" and figure_of("_Toc123", {}) is None
    first = listed["rg_revenue_1"]
    assert (first.figure, first.written, first.before, first.after) == ("revenue", "约12.5亿元", "营业收入", "，同比增长48%。")
    assert (listed["rgk1_1"].written, listed["rgk1_1"].before) == ("2.5万户", "另据统计，新增")
    cell = listed["rg_revenue_3"]
    assert (cell.before, cell.written, cell.after) == ("营业收入\t", "约12.5亿元", ""), "a table cell's context is its row"
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert any(name.startswith("customXml/itemProps") for name in names)


def test_anchors_are_found_with_the_paragraph_they_mark_even_between_paragraphs():
    reopened, _ = _reopened(_document())
    found = find_anchors(reopened, long_ids_of(listed_anchors(reopened)))
    assert [(a.name, a.figure) for a in found] == [("rg_revenue_1", "revenue"), ("rgk1_1", LONG_ID), ("rg_revenue_2", "revenue"),
                                                  ("rg_revenue_3", "revenue")]
    assert paragraph_text(found[0].paragraph) == "营业收入约12.5亿元，同比增长48%。"
    start = next(reopened.element.body.iter(qn("w:bookmarkStart")))
    paragraph = start.getparent()
    paragraph.addprevious(start)  # an editor's program left it between paragraphs
    assert find_anchors(reopened, {})[0].paragraph is paragraph


def test_a_table_row_is_one_line_so_a_value_is_found_by_its_row_s_label():
    document = _document()
    cell_paragraph = document.tables[0].cell(0, 1).paragraphs[0]._p
    assert line_of(cell_paragraph) == ("营业收入\t约12.5亿元", len("营业收入\t"))


def test_a_document_with_anchors_and_their_list_passes_the_ooxml_schemas(tmp_path):
    audit = pytest.importorskip("openxml_audit")
    path = tmp_path / "anchored.docx"
    _document().save(path)
    result = audit.OpenXmlValidator().validate(str(path))
    assert [str(error) for error in result.errors if error.error_type.value == "schema"] == []


def test_a_paragraph_changed_after_its_figure_was_marked_lists_the_figure_where_it_stands_now():
    document = docx.Document()
    anchors = FigureAnchors(document)
    paragraph = document.add_paragraph("新增市场主体2.5万户。")
    anchors.mark(paragraph._p, 6, 11, "entities")
    paragraph.runs[0].text = "全年新增市场主体2.5万户。"  # a later step put words before it
    anchors.list_in_document("test")
    reopened, _ = _reopened(document)
    entry = listed_anchors(reopened)["rg_entities_1"]
    assert (entry.before, entry.written, entry.after) == ("全年新增市场主体", "2.5万户", "。")
