"""Finding a figure again in its paragraph by the text either side of it, whatever an editor did to the number."""

from __future__ import annotations

import pytest

from report_gen.data.load import load_report
from report_gen.ooxml.anchors import Listed
from report_gen.readback.found import locate
from tests.helpers import BEIBEI

SENTENCE = "在力量上，2021年的报道称全区选派党建指导员和服务专员500余名驻厂服务；2022年的报道则称…"


@pytest.fixture(scope="module")
def figures():
    return load_report(BEIBEI).figure_index()


def _entry(figure_id: str, line: str, written: str) -> Listed:
    at = line.index(written)
    return Listed(f"rg_{figure_id}_1", figure_id, written, line[max(0, at - 16):at], line[at + len(written):at + len(written) + 16])


def _found(line: str, entry: Listed, figure, low: int = 0, high: int | None = None):
    span = locate(line, low, len(line) if high is None else high, entry, figure)
    return None if span is None else (line[span[0]:span[1]], span[2])


@pytest.mark.parametrize("edited, read", [
    ("500余名", 500), ("600余名", 600), ("近600名", 600), ("600名以上", 600), ("600名", 600),
])
def test_the_number_between_its_context_is_read_whatever_was_typed_over_it(figures, edited, read):
    figure = figures["party_instructors_2021"]
    entry = _entry("party_instructors_2021", SENTENCE, "500余名")
    text, reading = _found(SENTENCE.replace("500余名", edited), entry, figure)
    assert (text, reading.value) == (edited, read)


def test_when_the_words_either_side_changed_too_the_nearer_part_of_the_context_finds_it(figures):
    figure = figures["party_instructors_2021"]
    entry = _entry("party_instructors_2021", SENTENCE, "500余名")
    edited = "在力量上，全区共选派服务专员600余名，常驻企业"  # the words before and after were rewritten but for 服务专员
    text, reading = _found(edited, entry, figure)
    assert (text, reading.value) == ("600余名", 600)


def test_text_between_a_whole_context_that_is_no_reading_is_still_the_document_s_form(figures):
    figure = figures["party_instructors_2021"]
    entry = _entry("party_instructors_2021", SENTENCE, "500余名")
    text, reading = _found(SENTENCE.replace("500余名", "五百余名"), entry, figure)
    assert (text, reading) == ("五百余名", None)


def test_a_cell_is_read_by_its_row_s_label_and_only_within_the_cell(figures):
    figure = figures["new_market_entities_annual_avg"]
    row = "年均新发展市场主体\t13500户\t\t近3年\t[2]"
    entry = _entry("new_market_entities_annual_avg", row, "13500户")
    edited = row.replace("13500户", "14000户")
    low = edited.index("14000户")
    text, reading = _found(edited, entry, figure, low, low + len("14000户"))
    assert (text, reading.value) == ("14000户", 14000)
    assert _found(edited, entry, figure, 0, low - 1) is None, "the label's cell does not hold the figure"


def test_a_figure_whose_words_are_all_gone_is_found_where_the_data_s_form_stands(figures):
    figure = figures["party_instructors_2021"]
    entry = _entry("party_instructors_2021", SENTENCE, "500余名")
    assert _found("全新的一段话，写到500余名党员干部。", entry, figure) == ("500余名", _found(SENTENCE, entry, figure)[1])
    assert _found("全新的一段话。", entry, figure) is None
