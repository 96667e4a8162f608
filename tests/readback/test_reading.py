"""A written form read back as its figure: the wording engine's inverse, held to a round trip through the figure's own writers."""

from __future__ import annotations

import pytest

from report_gen.data.load import load_report
from report_gen.readback.reading import FORMS, data_form, read_as, reading_of_data
from tests.helpers import BEIBEI, FIXTURES, MINI

DATA_FILES = [BEIBEI, MINI, FIXTURES / "district" / "district.yaml", FIXTURES / "bulletin" / "bulletin.yaml"]


@pytest.fixture(scope="module")
def district():
    return load_report(FIXTURES / "district" / "district.yaml")


def _figure(report, figure_id):
    return report.figure_index()[figure_id]


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda path: path.stem)
def test_every_figure_reads_back_as_itself_in_every_form_the_documents_print(path):
    report = load_report(path)
    for _, figure in report.all_figures():
        own = reading_of_data(figure)
        for form, writer in FORMS.items():
            reading = read_as(figure, writer(figure))
            assert reading is not None and reading.key == own.key, (figure.id, form, writer(figure))
    for _, structure in report.all_structures():
        assert read_as(structure, data_form(structure)).key == reading_of_data(structure).key


def test_an_edited_amount_gives_its_number_unit_qualifier_and_decimals():
    report = load_report(BEIBEI)
    revenue = _figure(report, "lifan_q1_revenue")
    assert data_form(revenue) == "约12.5亿元"
    reading = read_as(revenue, "超过13.20亿元")
    assert (reading.value, reading.unit, reading.qualifier, reading.decimals) == (13.2, "亿元", "超过", 2)
    assert read_as(revenue, "125000万元").unit == "万元"
    assert read_as(revenue, "12.5亿元").qualifier is None


def test_text_the_figure_s_writers_would_not_print_is_no_reading():
    report = load_report(BEIBEI)
    instructors = _figure(report, "party_instructors_2021")
    assert data_form(instructors) == "500余名"
    assert read_as(instructors, "600余名").value == 600
    for text in ("500余名党员", "五百余名", "500余名 ", "增长500余名", ""):
        assert read_as(instructors, text) is None, text


def test_a_fall_a_difference_and_a_rank_are_read_with_their_frames(district):
    below = _figure(district, "income_below_city")
    assert data_form(below) == "低于全市平均水平1246元"
    assert read_as(below, "低于全市平均水平1300元").value == -1300
    assert read_as(below, "高于全市平均水平20元").value == 20
    assert read_as(below, "1300元").value == -1300, "a panel's number alone keeps the side the data says"
    assert read_as(below, "低于全省平均水平1300元") is None
    rank = _figure(district, "gdp_rank")
    assert read_as(rank, "居六区两县第2位").value == 2
    assert read_as(rank, "居全市第2位") is None


def test_a_structure_is_read_as_its_shares(district):
    structure = district.structure_index()["industry_structure"]
    reading = read_as(structure, "8.4:71.0:20.6")
    assert reading.shares == (8.4, 71.0, 20.6) and reading.decimals == 1
    assert read_as(structure, "8.4:91.6") is None, "a structure keeps its number of parts"
