"""Key-figure panels set as a typesetter sets a narrow column: no word or number broken, a shared period said once.

Read from the default report's briefing, reopened (tests/briefing/test_briefing's
beibei fixture: real text, stand-in pictures).
"""

from __future__ import annotations

from tests.briefing.test_briefing import beibei, beibei_built, key_figure_panels  # noqa: F401  (fixtures)
from report_gen.briefing.key_figures import SMALLEST_PT, cell_lines, fitted_size, shared_period
from report_gen.charts.spec import KeyFigure
from report_gen.text.cjk import text_ems

def _size(paragraph) -> float:
    """The size a paragraph's text is set in: its runs' own, else its style's."""
    sizes = {run.font.size.pt for run in paragraph.runs if run.font.size is not None}
    return sizes.pop() if sizes else paragraph.style.font.size.pt


def test_a_line_too_wide_for_its_cell_is_set_smaller_down_to_a_floor():
    assert fitted_size("农村人均可支配收入", 12, 200) == 12
    assert fitted_size("农村人均可支配收入", 12, 100) == 11
    assert fitted_size("农村人均可支配收入" * 3, 12, 100) == SMALLEST_PT


def test_the_period_and_the_change_take_lines_of_their_own_and_a_shared_period_none():
    cell = KeyFigure("22258元", "农村人均可支配收入", "截至2020年", "比2017年增长27.8%")
    assert cell_lines(cell, None) == ["农村人均可支配收入", "截至2020年", "比2017年增长27.8%"]
    assert cell_lines(cell, "截至2020年") == ["农村人均可支配收入", "比2017年增长27.8%"]
    other = cell._replace(period="2021年")
    assert shared_period([cell, cell]) == "截至2020年" and shared_period([cell, other]) is None and shared_period([cell]) is None


def test_every_line_of_every_panel_fits_its_cell_so_no_word_breaks_and_no_number_leaves_its_unit(beibei):
    _, document = beibei
    panels = key_figure_panels(document)
    assert len(panels) >= 5
    for panel in panels:
        for row in panel.rows:
            for cell in row.cells:
                width = cell.width.pt - 2 * 5.4
                for paragraph in cell.paragraphs:
                    if paragraph.text:
                        assert text_ems(paragraph.text) * _size(paragraph) <= width, paragraph.text


def test_no_panel_repeats_a_period_in_every_cell(beibei):
    _, document = beibei
    for panel in key_figure_panels(document):
        cells = [cell for row in panel.rows for cell in row.cells if cell.paragraphs[0].text]
        lines = [{p.text for p in cell.paragraphs[1:]} for cell in cells]
        assert not set.intersection(*lines), f"said in every cell: {set.intersection(*lines)}"
    above = [p.text for p in document.paragraphs if p.text.startswith("时间：")]
    assert "时间：缙云山生态整治集中攻坚期间" in above
