"""Paragraphs tracked by a hair so that no last line holds a lone character and no justified line spreads.

The documents are the page estimate's small ones (tests/briefing/test_pagination):
a 10 pt body on a column 100 pt wide, ten Chinese characters a line.
"""

from __future__ import annotations

import io

from docx import Document
from docx.oxml.ns import qn

from tests.briefing.test_pagination import LINE, small_document
from report_gen.briefing.pagination import lay_out_lines
from report_gen.briefing.typeset import counted_characters, faults, set_paragraphs
from report_gen.ooxml.flow import FlowParagraph, read_flow


def reopened(document) -> Document:
    stream = io.BytesIO()
    document.save(stream)
    return Document(io.BytesIO(stream.getvalue()))


def laid(document) -> list[list]:
    flow = read_flow(document)
    return [lay_out_lines(block, flow.width) for block in flow.blocks if isinstance(block, FlowParagraph)]


def test_marks_and_punctuation_do_not_count_as_characters_of_a_line():
    assert counted_characters("一\u2060[2]。") == 1
    assert counted_characters("增长[1,2]。") == 2
    assert counted_characters("2。") == 1


def test_a_paragraph_ending_in_one_character_is_tracked_until_it_does_not():
    document = small_document()
    paragraph = document.add_paragraph(LINE * 4 + "党。")  # four full lines and 党。 alone on the fifth
    assert faults(laid(document)[0]), "the estimate sees the lone character"
    changed = set_paragraphs(document)
    # Full lines cannot take an eleventh character tighter: a hair looser sends one down from each;
    # 4 twips, not 1, so that the lines still fall well three twips either way (a reader's widths differ).
    assert list(changed.values()) == [4]
    document = reopened(document)
    spacings = {int(r.find(f"{qn('w:rPr')}/{qn('w:spacing')}").get(qn("w:val"))) for r in document.paragraphs[0]._p.iter(qn("w:r"))}
    assert spacings == {4}
    lines = laid(document)[0]
    assert not faults(lines) and len(lines) == 5, [line.text for line in lines]


def test_a_paragraph_no_small_tracking_mends_is_left_as_it_was():
    document = small_document()
    document.add_paragraph("党建引领高质量12345678")  # 12345678 cannot follow on the first line: it spreads 3 ems
    assert faults(laid(document)[0])
    assert set_paragraphs(document) == {}
    assert document.paragraphs[0]._p.find(f"{qn('w:r')}/{qn('w:rPr')}") is None


def test_a_paragraph_that_falls_well_is_not_touched():
    document = small_document()
    document.add_paragraph(LINE * 2 + "党建引领")
    assert set_paragraphs(document) == {}
