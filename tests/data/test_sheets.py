"""Figures kept in spreadsheets: export → edit in Excel → build round-trips, and a bad cell is named by its address."""

from __future__ import annotations

import csv
import datetime as dt
import io
import subprocess
from pathlib import Path

import openpyxl
import pytest
import yaml

from tests.helpers import MINI
from report_gen.cli import main
from report_gen.data.export import FIELDS, figures_csv, figures_xlsx
from report_gen.data.load import load_located, load_report
from report_gen.data.provenance import check_provenance
from report_gen.data.written import write_change, write_figure
from report_gen.errors import DataError
from report_gen.pipeline.resolved import properties_of
from report_gen.convert.libreoffice import find_soffice


def mini_without_figures(folder: Path, figure_files: list[str]) -> Path:
    """Write mini.yaml without its figures, naming `figure_files` instead; return the data file."""
    raw = yaml.safe_load(MINI.read_text(encoding="utf-8"))
    for theme in raw["themes"]:
        theme.pop("figures", None)
    raw["figure_files"] = figure_files
    path = folder / "mini.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def export_mini(folder: Path, name: str) -> Path:
    """Export mini's figures into `folder/name` (.xlsx or .csv) through the command line; return the file."""
    target = folder / name
    assert main(["figures", str(MINI), "--output", str(target)]) == 0
    return target


def problems_of(path: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_report(path)
    return [str(problem).replace(str(path.parent) + "/", "") for problem in caught.value.problems]


def edit_cell(workbook_path: Path, cell: str, value) -> None:
    workbook = openpyxl.load_workbook(workbook_path)
    workbook.active[cell] = value
    workbook.save(workbook_path)


def column_of(name: str) -> str:
    return openpyxl.utils.get_column_letter(FIELDS.index(name) + 1)


# -- round trip ------------------------------------------------------------------


@pytest.mark.parametrize("name", ["figures.xlsx", "figures.csv"])
def test_exported_figures_read_back_as_the_same_figures(tmp_path, name):
    export_mini(tmp_path, name)
    original = load_report(MINI)
    again = load_report(mini_without_figures(tmp_path, [name]))
    assert again.figure_index() == original.figure_index()
    for before, after in zip(original.themes, again.themes):
        assert [f.id for f in after.figures] == [f.id for f in before.figures]


def test_an_edit_in_excel_reaches_the_build(tmp_path):
    sheet = export_mini(tmp_path, "figures.xlsx")
    edit_cell(sheet, f"{column_of('value')}4", 3.5)  # row 4 is the third figure: entities, 2.5万户
    data = mini_without_figures(tmp_path, ["figures.xlsx"])
    assert load_report(data).figure_index()["entities"].value == 3.5
    out = tmp_path / "out"
    assert main(["build", str(data), "--out", str(out), "--only", "docx", "--quiet"]) == 0
    assert (out / "mini.docx").is_file()


def test_figures_may_stay_in_the_yaml_beside_a_sheet(tmp_path):
    raw = yaml.safe_load(MINI.read_text(encoding="utf-8"))
    rows = list(csv.DictReader(io.StringIO(figures_csv(load_report(MINI)))))
    moved = [row for row in rows if row["theme"] == "science"]
    raw["themes"][1].pop("figures")
    raw["figure_files"] = ["science.csv"]
    with open(tmp_path / "science.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=FIELDS)
        writer.writeheader()
        writer.writerows(moved)
    data = tmp_path / "mini.yaml"
    data.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    report = load_report(data)
    assert [f.id for f in report.themes[0].figures] == [f.id for f in load_report(MINI).themes[0].figures]
    assert [f.id for f in report.themes[1].figures] == ["bases", "postdoc", "academician", "growth", "cars"]


def test_the_workbook_has_a_header_numbers_as_numbers_and_frozen_panes(tmp_path):
    sheet = export_mini(tmp_path, "figures.xlsx")
    workbook = openpyxl.load_workbook(sheet)
    table = workbook.active
    assert [cell.value for cell in table[1]] == FIELDS
    assert all(cell.font.bold for cell in table[1])
    assert table.freeze_panes == "C2"
    values = {row[1].value: row for row in table.iter_rows(min_row=2)}
    assert values["revenue"][FIELDS.index("value")].value == 12.5
    assert values["matters"][FIELDS.index("value")].data_type == "n"
    assert values["matters"][FIELDS.index("text")].value == "1000余项"
    assert values["revenue"][FIELDS.index("change_text")].value == "同比增长48%"
    lists = {str(rule.sqref).split(":")[0][:-1]: rule.formula1 for rule in table.data_validations.dataValidation}
    assert "约" in lists[column_of("qualifier")] and "economy" in lists[column_of("theme")]


@pytest.mark.parametrize("target, filter_name", [("xlsx", "xlsx:Calc MS Excel 2007 XML"), ("csv", "csv:Text - txt - csv (StarCalc):44,34,76")])
def test_a_workbook_saved_again_by_a_spreadsheet_program_reads_back_the_same(tmp_path, target, filter_name):
    soffice = find_soffice()
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    (tmp_path / "exported").mkdir()
    sheet = export_mini(tmp_path / "exported", "figures.xlsx")
    command = [soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless", "--norestore",
               "--convert-to", filter_name, "--outdir", str(tmp_path), str(sheet)]
    subprocess.run(command, capture_output=True, timeout=180)
    if not (tmp_path / f"figures.{target}").is_file():
        pytest.skip("LibreOffice Calc (libreoffice-calc) is not installed")
    again = load_report(mini_without_figures(tmp_path, [f"figures.{target}"]))
    assert again.figure_index() == load_report(MINI).figure_index()


def test_the_workbook_is_the_same_bytes_every_time():
    report = load_report(MINI)
    assert figures_xlsx(report, properties_of(report)) == figures_xlsx(report, properties_of(report))


def test_xlsx_to_the_terminal_is_refused(capsys):
    assert main(["figures", str(MINI), "--format", "xlsx"]) == 1
    assert "--output FILE.xlsx" in capsys.readouterr().err


# -- located problems ------------------------------------------------------------------


def test_a_bad_number_is_named_by_its_cell(tmp_path):
    sheet = export_mini(tmp_path, "figures.xlsx")
    edit_cell(sheet, f"{column_of('value')}7", "97%")
    assert problems_of(mini_without_figures(tmp_path, ["figures.xlsx"])) == [
        f"figures.xlsx:figures!{column_of('value')}7: value: expected a number, got '97%'"
    ]


def test_a_bad_number_in_a_csv_file_is_named_by_its_line(tmp_path):
    sheet = export_mini(tmp_path, "more.csv")
    lines = sheet.read_text(encoding="utf-8-sig").splitlines()
    lines[6] = lines[6].replace(",97,", ",97%,")
    sheet.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert problems_of(mini_without_figures(tmp_path, ["more.csv"])) == ["more.csv:7: value: expected a number, got '97%'"]


def test_every_problem_of_every_sheet_is_reported_in_one_pass(tmp_path):
    sheet = export_mini(tmp_path, "figures.xlsx")
    edit_cell(sheet, f"{column_of('qualifier')}3", "大约")
    edit_cell(sheet, f"{column_of('source')}10", "src_c")
    edit_cell(sheet, f"{column_of('theme')}11", "sciense")
    edit_cell(sheet, f"{column_of('base_value')}2", 8.45)  # revenue: 约12.5亿元, approximate, so not checked
    data = mini_without_figures(tmp_path, ["figures.xlsx"])
    assert problems_of(data) == [
        f"figures.xlsx:figures!{column_of('qualifier')}3: qualifier: expected one of 约, 余, 多, 以上, 超过, 近, 左右, 以内, 不足 or 以下, got 大约",
        f"figures.xlsx:figures!{column_of('source')}10: source: unknown source 'src_c' (sources: src_a, src_b)",
        f"figures.xlsx:figures!{column_of('theme')}11: theme: unknown theme 'sciense'; did you mean 'science'?",
    ]


def test_a_misspelt_column_gets_the_same_help_as_a_misspelt_key(tmp_path):
    sheet = export_mini(tmp_path, "figures.xlsx")
    edit_cell(sheet, f"{column_of('excerpt')}1", "exerpt")
    assert problems_of(mini_without_figures(tmp_path, ["figures.xlsx"])) == [
        f"figures.xlsx:figures!{column_of('excerpt')}1: exerpt: unknown column; did you mean 'excerpt'?"
    ]


def test_a_missing_required_column_is_named_once(tmp_path):
    (tmp_path / "few.csv").write_text("theme,id,label,value\neconomy,x,某项,3\n", encoding="utf-8")
    data = tmp_path / "mini.yaml"
    data.write_text(MINI.read_text(encoding="utf-8") + "figure_files: [few.csv]\n", encoding="utf-8")
    assert problems_of(data) == [
        "few.csv:1: the header row lacks the required columns unit, period, source, excerpt"
    ]


def test_an_empty_cell_of_a_required_field_is_named(tmp_path):
    sheet = export_mini(tmp_path, "figures.xlsx")
    edit_cell(sheet, f"{column_of('period')}5", None)
    assert problems_of(mini_without_figures(tmp_path, ["figures.xlsx"])) == [
        f"figures.xlsx:figures!{column_of('period')}5: period: required field missing"
    ]


def test_a_base_and_change_that_disagree_are_named_at_the_change(tmp_path):
    sheet = export_mini(tmp_path, "figures.xlsx")
    edit_cell(sheet, f"{column_of('base_value')}4", 2.1)
    edit_cell(sheet, f"{column_of('change')}4", 5)
    (message,) = problems_of(mini_without_figures(tmp_path, ["figures.xlsx"]))
    assert message.startswith(f"figures.xlsx:figures!{column_of('change')}4: change: change 5% does not agree with base_value 2.1")


def test_a_percentage_formatted_cell_is_refused(tmp_path):
    sheet = export_mini(tmp_path, "figures.xlsx")
    workbook = openpyxl.load_workbook(sheet)
    cell = workbook.active[f"{column_of('value')}7"]
    cell.value, cell.number_format = 0.97, "0%"
    workbook.save(sheet)
    (message,) = problems_of(mini_without_figures(tmp_path, ["figures.xlsx"]))
    assert message.startswith(f"figures.xlsx:figures!{column_of('value')}7: value: the cell is formatted as a percentage (0%)")


def test_a_duplicate_id_across_yaml_and_sheet_is_refused(tmp_path):
    export_mini(tmp_path, "figures.xlsx")
    data = tmp_path / "mini.yaml"
    data.write_text(MINI.read_text(encoding="utf-8") + "figure_files: [figures.xlsx]\n", encoding="utf-8")
    problems = problems_of(data)
    assert len(problems) == 11
    assert problems[0] == f"figures.xlsx:figures!{column_of('id')}2: id: duplicate figure id 'revenue' (also at themes[0].figures[0].id)"


@pytest.mark.parametrize(
    "entry, expected",
    [
        ("absent.xlsx", "mini.yaml:{line}: figure_files[0]: absent.xlsx: no such file"),
        ("../figures.xlsx", "mini.yaml:{line}: figure_files: '../figures.xlsx' is outside the data file's folder; put the spreadsheet beside the data file"),
        ("figures.xls", "mini.yaml:{line}: figure_files: 'figures.xls' is not a spreadsheet: expected a file ending in .xlsx or .csv"),
    ],
)
def test_a_bad_entry_of_figure_files_is_located_in_the_data_file(tmp_path, entry, expected):
    data = mini_without_figures(tmp_path, [entry])
    line = data.read_text(encoding="utf-8").splitlines().index("figure_files:") + 1
    (message,) = problems_of(data)
    assert message == expected.format(line=line if "figure_files:" in expected else line + 1)


def test_a_file_that_is_not_a_workbook_is_named(tmp_path):
    (tmp_path / "figures.xlsx").write_text("not a workbook", encoding="utf-8")
    (message,) = problems_of(mini_without_figures(tmp_path, ["figures.xlsx"]))
    assert "figure_files[0]: figures.xlsx: cannot be read as an Excel workbook (.xlsx)" in message


def test_a_csv_saved_by_excel_in_gbk_is_read(tmp_path):
    text = export_mini(tmp_path, "figures.csv").read_text(encoding="utf-8-sig")
    (tmp_path / "figures.csv").write_bytes(text.encode("gb18030"))
    assert load_report(mini_without_figures(tmp_path, ["figures.csv"])).figure_index()["matters"].label == "进驻事项"


def test_a_cell_excel_turned_into_a_date_is_named(tmp_path):
    sheet = export_mini(tmp_path, "figures.xlsx")
    edit_cell(sheet, f"{column_of('period')}4", dt.datetime(2021, 5, 1))
    (message,) = problems_of(mini_without_figures(tmp_path, ["figures.xlsx"]))
    assert message.startswith(f"figures.xlsx:figures!{column_of('period')}4: period: expected text, got a date")


def test_a_provenance_problem_of_a_sheet_figure_points_at_its_excerpt_cell(tmp_path):
    sheet = export_mini(tmp_path, "figures.xlsx")
    edit_cell(sheet, f"{column_of('excerpt')}4", "新增市场主体3.5万户")
    located = load_located(mini_without_figures(tmp_path, ["figures.xlsx"]))
    (problem,) = check_provenance(located, tmp_path)
    assert str(problem).endswith(
        f"figures.xlsx:figures!{column_of('excerpt')}4: excerpt: excerpt '新增市场主体3.5万户' does not contain the value as printed (2.5万)"
    )


def test_a_row_left_out_for_its_theme_is_not_reported_again_where_a_chart_names_it(tmp_path):
    sheet = export_mini(tmp_path, "figures.xlsx")
    edit_cell(sheet, f"{column_of('theme')}3", "economi")  # matters, which a chart plots
    assert problems_of(mini_without_figures(tmp_path, ["figures.xlsx"])) == [
        f"figures.xlsx:figures!{column_of('theme')}3: theme: unknown theme 'economi'; did you mean 'economy'?"
    ]


@pytest.mark.parametrize("name", ["figures.csv", "figures.xlsx"])
def test_text_that_starts_like_a_formula_is_exported_as_text_and_read_back_as_written(tmp_path, name):
    raw = yaml.safe_load(MINI.read_text(encoding="utf-8"))
    raw["themes"][0]["figures"][0]["label"] = '=HYPERLINK("http://example.org","点此")'
    raw["themes"][0]["figures"][1]["label"] = "@SUM(A1)"
    raw["themes"][0]["figures"][1]["note"] = "-来源说法不一"
    source = tmp_path / "source"
    source.mkdir()
    data = source / "mini.yaml"
    data.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    target = tmp_path / name
    assert main(["figures", str(data), "--output", str(target)]) == 0
    if name.endswith(".csv"):
        cells = [cell for row in csv.reader(io.StringIO(target.read_text(encoding="utf-8-sig"))) for cell in row]
        assert "'=HYPERLINK(\"http://example.org\",\"点此\")" in cells and "'@SUM(A1)" in cells and "'-来源说法不一" in cells
    else:
        table = openpyxl.load_workbook(target).active
        labels = {row[1].value: row[FIELDS.index("label")] for row in table.iter_rows(min_row=2)}
        assert labels["revenue"].data_type == "s" and labels["revenue"].value.startswith("=HYPERLINK")
    again = load_report(mini_without_figures(tmp_path, [name]))
    assert again.figure_index() == load_report(data).figure_index()


def test_a_cell_formatted_to_show_decimals_keeps_them_as_printed(tmp_path):
    """Why: the source prints −1.0; a cell of −1 formatted 0.0 shows it so, and so must the briefing."""
    data = tmp_path / "report.yaml"
    data.write_text(MINI.read_text(encoding="utf-8") + "figure_files: [figures.xlsx]\n", encoding="utf-8")
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["theme", "id", "label", "value", "unit", "period", "change", "source", "excerpt"])
    theme = yaml.safe_load(MINI.read_text(encoding="utf-8"))["themes"][0]["id"]
    source = yaml.safe_load(MINI.read_text(encoding="utf-8"))["sources"][0]["id"]
    sheet.append([theme, "wholesale", "批发和零售业增加值", 12, "亿元", "2022年", -1, source, "增加值12.0亿元"])
    sheet["D2"].number_format = "0.0"
    sheet["G2"].number_format = "#,##0.0"
    workbook.save(tmp_path / "figures.xlsx")
    figure = load_report(data).figure_index()["wholesale"]
    assert (figure.decimals, figure.comparison.change_decimals) == (1, 1)
    assert write_figure(figure) == "12.0亿元" and write_change(figure) == "下降1.0%"


def test_a_csv_number_written_with_its_trailing_zero_keeps_it(tmp_path):
    data = tmp_path / "report.yaml"
    data.write_text(MINI.read_text(encoding="utf-8") + "figure_files: [more.csv]\n", encoding="utf-8")
    mini = yaml.safe_load(MINI.read_text(encoding="utf-8"))
    (tmp_path / "more.csv").write_text(
        "theme,id,label,value,unit,period,change,source,excerpt\n"
        f"{mini['themes'][0]['id']},retail,社会消费品零售总额,106.2,亿元,2022年,-1.0,{mini['sources'][0]['id']},零售总额106.2亿元\n",
        encoding="utf-8",
    )
    assert write_change(load_report(data).figure_index()["retail"]) == "下降1.0%"
