"""The plan: one numbering of charts, tables and sources, and one source line per chart, that every document reads."""

from __future__ import annotations

import pytest
import yaml

from report_gen.data.load import load_report
from report_gen.data.model import Report
from report_gen.plan import PlanError, book_title, plan_chart, plan_report
from tests.helpers import MINI


@pytest.fixture(scope="module")
def report() -> Report:
    return load_report(MINI)


def test_charts_are_numbered_across_themes_in_file_order(report):
    plan = plan_report(report)
    assert list(plan.chart_numbers.values()) == list(range(1, len(report.all_charts()) + 1))
    assert list(plan.charts) == [chart.id for _, chart in report.all_charts()]


def test_sources_are_numbered_as_the_file_lists_them(report):
    assert plan_report(report).source_numbers == {source.id: number for number, source in enumerate(report.sources, start=1)}


def test_a_chart_knows_its_figures_in_order_and_their_sources_once(report):
    for theme, chart in report.all_charts():
        planned = plan_report(report).chart(chart.id)
        assert [figure.id for figure in planned.figures] == chart.plotted_ids()
        assert planned.theme is theme
        assert len(planned.sources) == len({figure.source for figure in planned.figures})
        assert planned.source_line == "资料来源：" + "；".join(f"《{source.title}》" for source in planned.sources)


def test_a_title_already_in_book_title_marks_is_not_marked_twice():
    assert book_title("《某报》") == "《某报》" and book_title("某报") == "《某报》"


def test_a_chart_naming_an_unknown_figure_is_refused_wherever_it_is_planned(report):
    data = yaml.safe_load(MINI.read_text(encoding="utf-8"))
    chart = report.themes[0].charts[0].model_copy(update={"figures": ["no_such_figure", *report.themes[0].charts[0].figures[1:]]})
    with pytest.raises(PlanError, match="names figure 'no_such_figure'"):
        plan_chart(report, chart)
    data["themes"][0]["charts"][0]["figures"][0] = "no_such_figure"
    with pytest.raises(PlanError, match="no_such_figure"):
        plan_report(Report.model_validate(data))
