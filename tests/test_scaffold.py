"""`init DIR` starts a new report that validates against its source and builds at once, showing every construct."""

from __future__ import annotations

import json

import pytest
from docx import Document

from report_gen.cli import main
from report_gen.data.load import load_report
from report_gen.data.model import ChartKind, FigureKind, Qualifier
from report_gen.data.schema import MODELINE, data_schema
from report_gen.scaffold import DATA_FILE, SCHEMA_FILE


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("init") / "county_2024"
    assert main(["init", str(folder)]) == 0
    return folder


def test_init_makes_the_data_file_a_workbook_the_sources_a_schema_and_a_readme(folder):
    names = sorted(path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file())
    assert names == ["README.md", "figures.xlsx", "report.schema.json", "report.yaml", "sources/bulletin_2024.txt"]
    assert "report.yaml" in (folder / "README.md").read_text(encoding="utf-8")


def test_the_data_file_points_the_editor_at_the_schema_beside_it(folder):
    first_line = (folder / DATA_FILE).read_text(encoding="utf-8").splitlines()[0]
    assert first_line == MODELINE.format(schema=SCHEMA_FILE)
    assert json.loads((folder / SCHEMA_FILE).read_text(encoding="utf-8")) == data_schema()


def test_the_report_is_named_after_its_folder(folder):
    assert load_report(folder / DATA_FILE).report.name == "county_2024"


def test_the_example_validates_against_its_source_text(folder, capsys):
    assert main(["validate", str(folder / DATA_FILE), "--sources", str(folder / "sources")]) == 0
    assert "every excerpt found" in capsys.readouterr().out


def test_the_example_shows_every_qualifier_chart_kind_and_construct(folder):
    report = load_report(folder / DATA_FILE)
    figures = [figure for _, figure in report.all_figures()]
    assert {figure.qualifier for figure in figures} >= set(Qualifier)
    assert {chart.kind for _, chart in report.all_charts()} == set(ChartKind)
    comparisons = [figure.comparison for figure in figures if figure.comparison]
    assert any(c.base_value is not None and c.change is not None for c in comparisons)
    assert {c.change_unit for c in comparisons} >= {"个百分点", "个千分点", "倍", "万元", "微克/立方米"}
    assert any(c.change == 0 for c in comparisons), "no change: 与上年持平"
    assert any(c.multiple for c in comparisons) and any(c.growth_change for c in comparisons) and any(c.basis for c in comparisons)
    assert {figure.kind for figure in figures} == set(FigureKind)
    assert any(figure.against for figure in figures) and any(figure.among for figure in figures)
    assert any(figure.value_basis for figure in figures) and any(figure.note for figure in figures)
    assert any(figure.decimals for figure in figures), "a number written with its trailing zero (26.0)"
    assert any(len(structure.periods) == 2 for _, structure in report.all_structures())
    bar_lines = [chart for _, chart in report.all_charts() if chart.kind is ChartKind.BAR_LINE]
    index = report.figure_index()
    assert any(len({index[i].period for i in chart.figures}) == 1 for chart in bar_lines), "a bar_line chart by indicator"
    assert any(figure.value < 0 for figure in figures)
    assert report.figure_files == ["figures.xlsx"]
    assert report.frameworks and any(theme.cases for theme in report.themes) and any(theme.highlights for theme in report.themes)
    from_sheet = {figure.id for figure in report.themes[1].figures}
    assert "elderly_beds" in from_sheet


def test_the_example_builds_and_reads_as_a_bulletin(folder, tmp_path):
    out = tmp_path / "out"
    assert main(["build", str(folder / DATA_FILE), "--out", str(out), "--quiet"]) == 0
    assert (out / "county_2024.pptx").is_file()
    text = "\n".join(paragraph.text for paragraph in Document(out / "county_2024.docx").paragraphs)
    assert ("2022年地区生产总值236.4亿元，比上年增长4.1%；2023年为251.8亿元，比上年增长5.8%；2024年为265.3亿元，按不变价格计算，"
            "比上年增长5.2%，增速比上年回落0.6个百分点，高于全市平均水平0.9个百分点，居全市第3位。") in text
    assert "第一产业增加值26.0亿元，增长3.1%" in text
    assert "按常住人口计算，人均地区生产总值5.9万元，比上年增加0.3万元" in text
    assert "人口自然增长率2.1‰，比上年下降0.8个千分点" in text
    assert "规模以上工业增加值增长6.1%" in text and "工业投资增长12.0%" in text and "房地产开发投资下降8.6%" in text
    assert "新能源汽车产量由0.6万辆增加到1.5万辆，比上年增长1.5倍，是上年的2.5倍" in text
    assert "细颗粒物年平均浓度32微克/立方米，与上年持平" in text
    assert "三次产业结构由10.3:39.1:50.6调整为9.8:38.7:51.5" in text
    assert "提高1.2个百分点" in text and "6%左右" in text and "5.5%以内" in text and "不足2%" in text and "3‰以下" in text


def test_init_refuses_a_folder_that_holds_anything(tmp_path, capsys):
    (tmp_path / "notes.txt").write_text("keep me", encoding="utf-8")
    assert main(["init", str(tmp_path)]) == 1
    assert "already exists and is not an empty folder" in capsys.readouterr().err
    assert sorted(path.name for path in tmp_path.iterdir()) == ["notes.txt"]
