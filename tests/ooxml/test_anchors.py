"""Figure anchors: bookmarks around a figure's written form, the list of them in a custom XML part, and reading both back."""

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

LONG_ID = "a_figure_id_far_too_long_for_a_bookmark_name"


def _document():
    document = docx.Document()
    anchors = FigureAnchors(document)
    first = document.add_paragraph("营业收入")
    anchors.wrap([first.add_run("约12.5亿元")._r], "revenue")
    first.add_run("，同比增长48%。")
    second = document.add_paragraph("另据统计")
    anchors.wrap([second.add_run("2.5万户")._r], LONG_ID)
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).paragraphs[0].add_run("营业收入")
    anchors.wrap([table.cell(0, 1).paragraphs[0].add_run("约12.5亿元")._r], "revenue")
    anchors.list_in_document("test")
    return document, anchors


def _reopened(document):
    stream = io.BytesIO()
    document.save(stream)
    return docx.Document(io.BytesIO(stream.getvalue())), stream.getvalue()


def test_bookmark_names_carry_the_figure_id_and_its_place_within_word_s_forty_characters():
    document, anchors = _document()
    names = [start.get(qn("w:name")) for start in document.element.body.iter(qn("w:bookmarkStart"))]
    assert names == ["rg_revenue_1", "rgk1_1", "rg_revenue_2"]
    assert all(len(name) <= MAX_NAME_CHARACTERS and name[0].isalpha() for name in names)
    ids = [start.get(qn("w:id")) for start in document.element.body.iter(qn("w:bookmarkStart"))]
    ends = [end.get(qn("w:id")) for end in document.element.body.iter(qn("w:bookmarkEnd"))]
    assert ids == ends and len(set(ids)) == 3


def test_the_list_in_the_document_maps_long_ids_and_keeps_each_anchor_s_context():
    document, _ = _document()
    reopened, data = _reopened(document)
    listed = listed_anchors(reopened)
    assert figure_of("rgk1_1", long_ids_of(listed)) == LONG_ID
    assert figure_of("rg_revenue_2", {}) == "revenue" and figure_of("_Toc123", {}) is None
    first = listed["rg_revenue_1"]
    assert (first.figure, first.written, first.before, first.after) == ("revenue", "约12.5亿元", "营业收入", "，同比增长48%。")
    cell = listed["rg_revenue_2"]
    assert (cell.before, cell.written) == ("营业收入\t", "约12.5亿元"), "a table cell's context is its row"
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert any(name.startswith("customXml/itemProps") for name in names)


def test_anchors_are_read_back_with_the_span_of_text_they_hold_after_an_edit():
    document, _ = _document()
    reopened, _ = _reopened(document)
    run = next(start for start in reopened.element.body.iter(qn("w:bookmarkStart"))).getnext()
    run.find(qn("w:t")).text = "约13亿元"
    found = find_anchors(reopened, long_ids_of(listed_anchors(reopened)))
    assert [(a.name, a.figure) for a in found] == [("rg_revenue_1", "revenue"), ("rgk1_1", LONG_ID), ("rg_revenue_2", "revenue")]
    first = found[0]
    text = "".join(t.text for t in first.paragraph.iter(qn("w:t")))
    assert text[first.start:first.end] == "约13亿元" and not first.collapsed


def test_an_anchor_whose_text_was_typed_over_is_read_where_it_stood():
    document, _ = _document()
    start = next(document.element.body.iter(qn("w:bookmarkStart")))
    run = start.getnext()
    run.getparent().remove(run)  # the bookmark now holds nothing; the new text follows it
    start.getnext().addnext(document.paragraphs[0].add_run("约13亿元")._r)
    anchored = find_anchors(document, {})[0]
    assert document.paragraphs[0].text == "营业收入约13亿元，同比增长48%。"
    assert anchored.collapsed and anchored.start == len("营业收入")


def test_a_bookmark_ending_in_another_paragraph_holds_the_rest_of_its_own():
    document, _ = _document()
    body = document.element.body
    end = next(body.iter(qn("w:bookmarkEnd")))
    end.getparent().remove(end)
    second = list(body.iter(qn("w:p")))[1]
    second.insert(0, end)
    anchored = find_anchors(document, {})[0]
    assert anchored.end == len("营业收入约12.5亿元，同比增长48%。")


def test_a_table_row_is_one_line_so_a_value_is_found_by_its_row_s_label():
    document, _ = _document()
    cell_paragraph = document.tables[0].cell(0, 1).paragraphs[0]._p
    assert line_of(cell_paragraph) == ("营业收入\t约12.5亿元", len("营业收入\t"))


def test_a_document_with_anchors_and_their_list_passes_the_ooxml_schemas(tmp_path):
    audit = pytest.importorskip("openxml_audit")
    document, _ = _document()
    path = tmp_path / "anchored.docx"
    document.save(path)
    result = audit.OpenXmlValidator().validate(str(path))
    assert [str(error) for error in result.errors if error.error_type.value == "schema"] == []
