"""The narrative: templates and highlights rendered with figures written the Chinese way, failing loudly."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from tests.helpers import MINI
from report_gen.errors import TemplateError
from report_gen.data.model import Report
from report_gen.narrative import Narrative, split_paragraphs
from report_gen.narrative.prose import own_label
from report_gen.data.written import write_figure
from report_gen.narrative.quoted import fresh_highlights, quoted_figures
from report_gen.text.cited import CitedText, Mark, Segment, join



def mini_raw() -> dict:
    return yaml.safe_load(MINI.read_text(encoding="utf-8"))


@pytest.fixture
def report() -> Report:
    return Report.model_validate(mini_raw())


def templates(root: Path, files: dict[str, str]) -> Path:
    """Write a templates folder holding the given files; return the folder."""
    folder = root / "templates"
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


def economy(report: Report):
    return report.themes[0]


# -- what templates see -------------------------------------------------------


def test_fig_renders_the_written_form(report, tmp_path):
    folder = templates(tmp_path, {"briefing/theme.md.j2": "{{ fig.revenue }}|{{ fig.matters }}|{{ fig.entities }}"})
    assert Narrative(report, folder).theme_paragraphs(economy(report)) == ["约12.5亿元|1000余项|2.5万户"]


def test_fig_offers_label_period_and_change(report, tmp_path):
    text = "{{ fig.matters.label }}，{{ fig.matters.period }}，{{ fig.matters.change }}；{{ fig.revenue.change }}"
    folder = templates(tmp_path, {"briefing/theme.md.j2": text})
    paragraphs = Narrative(report, folder).theme_paragraphs(economy(report))
    assert paragraphs == ["进驻事项，截至2020年底，由500余项增加到1000余项；同比增长48%"]


def test_fig_by_subscript_and_filters(report, tmp_path):
    text = "{{ fig['cars'] }}|{{ report.report.date | date }}|{{ '2022-05' | date }}|{{ ['甲', '乙', '丙'] | series }}"
    folder = templates(tmp_path, {"briefing/theme.md.j2": text})
    assert Narrative(report, folder).theme_paragraphs(economy(report)) == ["600多台|2021年5月1日|2022年5月|甲、乙和丙"]


def test_paragraphs_split_on_blank_lines_and_lines_join_without_spaces(report, tmp_path):
    folder = templates(tmp_path, {"briefing/theme.md.j2": "第一段\n接着写。\n\n\n第二段。\n"})
    assert Narrative(report, folder).theme_paragraphs(economy(report)) == ["第一段接着写。", "第二段。"]


def test_a_theme_template_of_its_own_replaces_the_shared_one(report, tmp_path):
    folder = templates(tmp_path, {
        "briefing/theme.md.j2": "共用模板",
        "mini/science.md.j2": "科技专用：{{ fig.bases }}",
    })
    narrative = Narrative(report, folder)
    assert narrative.theme_paragraphs(report.themes[0]) == ["共用模板"]
    assert narrative.theme_paragraphs(report.themes[1]) == ["科技专用：33个"]


def test_charts_are_numbered_across_the_document_in_theme_order(report):
    narrative = Narrative(report)
    assert narrative.chart_numbers == {
        "matters_growth": 1, "problems": 2, "key_figures": 3, "platforms": 4, "platforms_h": 5,
    }
    assert narrative.table_numbers == {"science": 1}, "a table lists only the figures no chart shows"
    assert [figure.id for figure in narrative.plan.table_figures["science"]] == ["growth", "cars"]


# -- the default template -----------------------------------------------------


def test_default_template_writes_summary_then_figures_with_chart_references(report):
    narrative = Narrative(report)
    summary, *rest = narrative.theme_paragraphs(economy(report))
    figures = "".join(rest)
    assert summary.startswith("示例区以党建引领服务企业，政务服务事项持续增加。")
    assert "“两个目标”中的“一流营商环境”" in summary
    assert "2022年一季度，企业营业收入约12.5亿元，同比增长48%。" in figures, "the period is said once"
    assert "截至2020年底，进驻事项由500余项增加到1000余项。" in figures
    assert "2022年5月，收集企业问题118个，已办结问题73个。" in figures
    assert "有关数据见图1、图2和图3。" in figures
    assert "见表" not in figures, "the charts show every figure of the theme: it has no table"
    assert len(rest) == 2, "a new paragraph starts after every third period"
    science = " ".join(narrative.theme_paragraphs(report.themes[1]))
    assert "有关数据见图4和图5，其他数据见表1。" in science


def test_default_template_leaves_no_template_syntax_or_none(report):
    narrative = Narrative(report)
    for theme in report.themes:
        for paragraph in narrative.theme_paragraphs(theme):
            assert not re.search(r"\{\{|\}\}|\{%|None|Undefined", paragraph)


def test_every_figure_of_mini_is_written_by_the_default_template(report):
    narrative = Narrative(report)
    for theme, figure in report.all_figures():
        text = "".join(narrative.theme_paragraphs(theme))
        assert own_label(figure) in text and write_figure(figure) in text, figure.id


# -- highlights ---------------------------------------------------------------


def test_highlights_write_their_figures(report):
    assert Narrative(report).highlights(economy(report)) == ["政务服务中心进驻事项达到1000余项。", "全年新增市场主体2.5万户。"]


def test_a_theme_without_highlights_has_none(report):
    assert Narrative(report).highlights(report.themes[1]) == []


def test_highlight_naming_an_unknown_figure_names_the_highlight():
    raw = mini_raw()
    raw["themes"][0]["highlights"][1] = "新增{{ fig.entitys }}。"
    report = Report.model_validate(raw)
    with pytest.raises(TemplateError) as caught:
        Narrative(report).highlights(report.themes[0])
    assert str(caught.value) == "data file: themes[0].highlights[1]: unknown figure 'entitys'; did you mean 'entities'?"


def test_highlight_with_a_syntax_error_names_the_highlight():
    raw = mini_raw()
    raw["themes"][0]["highlights"][0] = "达到{{ fig.matters }。"
    report = Report.model_validate(raw)
    with pytest.raises(TemplateError, match=r"^data file: themes\[0\]\.highlights\[0\]: "):
        Narrative(report).highlights(report.themes[0])


# -- failing loudly -----------------------------------------------------------

BAD_LINE_7 = "第一行\n{# 注释 #}\n\n第四行{{ fig.revenue }}\n\n第六行\n又写{{ fig.foo }}。\n"


def test_unknown_figure_names_template_file_line_and_figure(report, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = templates(tmp_path, {"briefing/theme.md.j2": BAD_LINE_7})
    with pytest.raises(TemplateError) as caught:
        Narrative(report, folder).theme_paragraphs(economy(report))
    assert str(caught.value) == "templates/briefing/theme.md.j2:7: unknown figure 'foo'"


def test_unknown_figure_outside_the_working_folder_gives_the_full_path(report, tmp_path):
    folder = templates(tmp_path, {"briefing/theme.md.j2": BAD_LINE_7})
    with pytest.raises(TemplateError) as caught:
        Narrative(report, folder).theme_paragraphs(economy(report))
    assert str(caught.value).endswith("briefing/theme.md.j2:7: unknown figure 'foo'")


def test_unknown_figure_in_an_included_template_names_that_file(report, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = templates(tmp_path, {
        "briefing/theme.md.j2": "开头\n{% include 'briefing/part.md.j2' %}\n",
        "briefing/part.md.j2": "\n\n{{ fig.nope }}",
    })
    with pytest.raises(TemplateError, match=r"^templates/briefing/part\.md\.j2:3: unknown figure 'nope'$"):
        Narrative(report, folder).theme_paragraphs(economy(report))


def test_syntax_error_names_file_and_line(report, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = templates(tmp_path, {"briefing/theme.md.j2": "一\n二\n{% if theme.figures %}\n没有结束\n"})
    with pytest.raises(TemplateError, match=r"^templates/briefing/theme\.md\.j2:\d+: .*endif"):
        Narrative(report, folder).theme_paragraphs(economy(report))


def test_syntax_error_on_a_line_names_that_line(report, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = templates(tmp_path, {"briefing/theme.md.j2": "一\n二\n{{ fig.revenue }\n"})
    with pytest.raises(TemplateError, match=r"^templates/briefing/theme\.md\.j2:3: "):
        Narrative(report, folder).theme_paragraphs(economy(report))


def test_undefined_name_names_file_and_line(report, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = templates(tmp_path, {"briefing/theme.md.j2": "一\n{{ themes }}\n"})
    with pytest.raises(TemplateError) as caught:
        Narrative(report, folder).theme_paragraphs(economy(report))
    assert str(caught.value) == "templates/briefing/theme.md.j2:2: 'themes' is undefined"


def test_printing_a_missing_change_is_an_error_not_none(report, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = templates(tmp_path, {"briefing/theme.md.j2": "{{ fig.entities.change }}"})
    with pytest.raises(TemplateError, match=r"^templates/briefing/theme\.md\.j2:1: nothing to write"):
        Narrative(report, folder).theme_paragraphs(economy(report))


def test_the_sandbox_refuses_internals(report, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = templates(tmp_path, {"briefing/theme.md.j2": "\n{{ fig.revenue.__class__.__mro__ }}"})
    with pytest.raises(TemplateError, match=r"^templates/briefing/theme\.md\.j2:2: "):
        Narrative(report, folder).theme_paragraphs(economy(report))


def test_a_templates_folder_falls_back_to_the_shipped_template_it_lacks(report, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = templates(tmp_path, {"other.txt": ""})
    assert Narrative(report, folder).theme_paragraphs(economy(report)) == Narrative(report).theme_paragraphs(economy(report))
    own = templates(tmp_path, {"mini/economy.md.j2": "本地模板。"})
    assert Narrative(report, own).theme_paragraphs(economy(report)) == ["本地模板。"]


def test_missing_template_says_where_it_looked(report, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = templates(tmp_path, {"briefing/theme.md.j2": "{% include 'briefing/nowhere.md.j2' %}"})
    with pytest.raises(TemplateError) as caught:
        Narrative(report, folder).theme_paragraphs(economy(report))
    message = str(caught.value)
    assert "briefing/nowhere.md.j2 not found" in message
    assert "not found in templates/ and " in message


def test_check_all_reports_every_problem_once(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    raw = mini_raw()
    raw["themes"][0]["highlights"][0] = "{{ fig.missing }}"
    report = Report.model_validate(raw)
    folder = templates(tmp_path, {"briefing/theme.md.j2": "{{ fig.foo }}"})
    with pytest.raises(TemplateError) as caught:
        Narrative(report, folder).check_all()
    assert str(caught.value).splitlines() == [
        "templates/briefing/theme.md.j2:1: unknown figure 'foo'",
        "data file: themes[0].highlights[0]: unknown figure 'missing'",
    ]


def test_check_all_passes_on_the_shipped_templates(report):
    Narrative(report).check_all()


# -- text helpers -------------------------------------------------------------


def test_lines_between_latin_words_keep_a_space():
    assert split_paragraphs("Times\nNew Roman\n字\n体") == ["Times New Roman字体"]


# -- sources of quoted figures ------------------------------------------------


def test_theme_passages_are_the_paragraphs_with_their_citations(report):
    narrative = Narrative(report)
    for theme in report.themes:
        passages = narrative.theme_passages(theme)
        assert ["".join(segment.text for segment in passage) for passage in passages] == narrative.theme_paragraphs(theme)
        cited = {source for passage in passages for segment in passage for source in segment.sources}
        assert cited == {figure.source for figure in theme.figures}, "every source the theme's figures come from is cited"


def test_highlights_cite_the_sources_of_their_figures_and_mark_their_written_forms(report):
    passages = Narrative(report).highlight_passages(economy(report))
    assert passages == [
        [Segment("政务服务中心进驻事项达到1000余项", ("src_a",), (Mark(12, 18, "matters"),)), Segment("。")],
        [Segment("全年新增市场主体2.5万户", ("src_b",), (Mark(8, 13, "entities"),)), Segment("。")],
    ]


def test_every_way_a_template_prints_a_figure_carries_its_source(report, tmp_path):
    text = "{{ fig.revenue }}|{{ fig.revenue.written }}|{{ fig.revenue.change }}|{{ fig.matters.base }}|{{ fig.revenue.statement }}|{{ theme.figures[0] | written }}"
    folder = templates(tmp_path, {"briefing/theme.md.j2": text})
    cited = Narrative(report, folder).theme_cited(economy(report))[0]
    parts = cited.split_at(re.compile(r"\|"))
    assert [part.sources for part in parts] == [("src_b",)] * 3 + [("src_a",)] + [("src_b",)] * 2
    assert all(part.citations[0].at == len(part) for part in parts), "each cites its source right after the figure"
    assert cited.plain == "约12.5亿元|约12.5亿元|同比增长48%|500余项|企业一季度营业收入约12.5亿元，同比增长48%|约12.5亿元"


# -- what a passage quotes ------------------------------------------------------------


def test_a_passage_quotes_the_figures_printed_just_before_its_citations(report):
    narrative = Narrative(report)
    figures = [figure for _, figure in report.all_figures()]
    text = join(["企业营收", narrative.figures["revenue"].written, "，", narrative.figures["revenue"].change, "；另有约12.5亿元未计"])
    assert quoted_figures(text, figures) == {"revenue"}, "a change is no figure, and an uncited number is not quoted"
    assert quoted_figures(CitedText("约12.5亿元"), figures) == set()


def test_highlights_that_only_repeat_the_narrative_are_left_out_and_new_ones_kept(report):
    data = report.model_dump(mode="json", exclude_none=True)
    data["themes"][0]["highlights"] = ["进驻事项达到{{ fig.matters }}。", "全部事项实现网上可办。"]
    changed = Report.model_validate(data)
    narrative = Narrative(changed)
    kept = ["".join(segment.text for segment in segments) for segments in fresh_highlights(narrative, changed.themes[0])]
    assert kept == ["全部事项实现网上可办。"]


def test_a_highlight_stating_a_figure_a_chart_or_table_shows_is_left_out_though_the_narrative_does_not_say_it(tmp_path, report):
    folder = templates(tmp_path, {"briefing/theme.md.j2": "{{ theme.summary }}"})
    narrative = Narrative(report, folder)
    kept = ["".join(segment.text for segment in segments) for segments in fresh_highlights(narrative, report.themes[0])]
    assert kept == [], "the theme's charts show 1000余项 and 2.5万户: the highlights would print them a second time"


def test_templates_can_word_plain_numbers_as_a_bulletin_does(report, tmp_path):
    folder = tmp_path / "templates" / "briefing"
    folder.mkdir(parents=True)
    (folder / "theme.md.j2").write_text(
        '{{ wording.change(-1.0, "%", "上年", 1) }}；{{ wording.rank(1, "全市") }}；{{ wording.against(5.7, "个百分点", "全市平均水平") }}；'
        '{{ wording.series(["甲", "乙", "丙"]) }}。', encoding="utf-8")
    narrative = Narrative(report, tmp_path / "templates")
    assert narrative.theme_paragraphs(report.themes[0]) == ["比上年下降1.0%；居全市第1位；高于全市平均水平5.7个百分点；甲、乙和丙。"]
