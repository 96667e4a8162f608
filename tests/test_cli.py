"""The command line: messages not tracebacks, exit 1 on bad input, figures listed as written."""

import csv
import io
import json
import subprocess
import sys

import pytest

from tests.helpers import BEIBEI, MINI, ROOT
from report_gen import __version__
from report_gen.cli import main


def run(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "report_gen", *map(str, args)], cwd=cwd, capture_output=True, text=True)


def test_validate_accepts_the_default_data():
    result = run("validate")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("data/beibei.yaml: ok (8 themes")


def test_validate_reports_every_problem_located_and_exits_1(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(MINI.read_text(encoding="utf-8").replace("value: 12.5\n", "vlaue: '12.5亿'\n").replace("figures: [matters]", "figures: [mattres]"), encoding="utf-8")
    result = run("validate", bad)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        f"{bad}:44: themes[0].figures[0].vlaue: unknown key; did you mean 'value'?",
        f"{bad}:92: themes[0].charts[0].figures[0]: unknown figure 'mattres'; did you mean 'matters'?",
        "2 problems found",
    ]


def test_a_missing_file_is_a_message_not_a_traceback(tmp_path):
    result = run("validate", tmp_path / "absent.yaml")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[0] == f"{tmp_path / 'absent.yaml'}: no such file"


def test_figures_json_lists_every_figure_with_its_written_form():
    result = run("figures", "--format", "json")
    assert result.returncode == 0, result.stderr
    records = json.loads(result.stdout)
    assert len(records) == 62
    keys = {"id", "theme", "label", "value", "unit", "qualifier", "period", "source", "excerpt", "text"}
    assert all(keys <= set(record) for record in records)
    by_id = {record["id"]: record for record in records}
    assert by_id["lifan_q1_revenue"]["text"] == "约12.5亿元"
    assert by_id["service_center_items"]["text"] == "1000余项"
    assert by_id["new_market_entities_2021"]["text"] == "2.5万户"
    assert by_id["maotian_sales_growth"]["text"] == "30%以上"
    assert all(record["source"] and record["excerpt"] for record in records)


def test_figures_csv_has_a_header_and_one_row_per_figure(tmp_path):
    out = tmp_path / "figures.csv"
    result = run("figures", BEIBEI, "--format", "csv", "--output", out)
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 62
    assert rows[0]["text"] == "约12.5亿元" and rows[0]["change_text"] == "同比增长48%"
    assert rows[0]["change"] == "48" and rows[0]["base_period"] == "上年同期" and rows[0]["theme"] == "business"


def test_help_teaches_the_commands():
    result = run("--help")
    assert result.returncode == 0
    for command in ("build", "validate", "figures", "charts", "examples:"):
        assert command in result.stdout


def test_an_unknown_command_is_a_usage_error():
    assert run("publish").returncode == 2


@pytest.mark.parametrize("dpi", ["-1", "0", "5000", "many"])
def test_preview_refuses_a_resolution_outside_what_a_page_can_be_rendered_at(dpi, capsys):
    with pytest.raises(SystemExit) as exited:
        main(["preview", "--dpi", dpi])
    assert exited.value.code == 2
    assert "argument --dpi: expected" in capsys.readouterr().err


def test_version_says_which_report_gen(capsys):
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out.strip() == f"report_gen {__version__}"


def test_with_no_data_the_message_gives_real_commands(tmp_path):
    result = run("build", cwd=tmp_path)
    assert result.returncode == 1
    assert "`python -m report_gen build data/my_report.yaml`" in result.stderr
    assert "`python -m report_gen init my_report`" in result.stderr


def test_init_refuses_a_name_too_long_for_the_file_system(tmp_path, capsys):
    assert main(["init", str(tmp_path / ("a" * 300))]) == 1
    stderr = capsys.readouterr().err
    assert stderr.startswith("error: ") and "300 characters is too long" in stderr and "Traceback" not in stderr
    assert list(tmp_path.iterdir()) == []


# -- an output never replaces an input ----------------------------------------------------


@pytest.fixture
def county(tmp_path):
    from report_gen.scaffold import create_report_folder

    return create_report_folder(tmp_path / "county")


@pytest.mark.parametrize("target", ["report.yaml", "figures.xlsx"])
def test_figures_never_replaces_the_data_or_a_file_it_names(county, target, capsys):
    before = (county.parent / target).read_bytes()
    assert main(["figures", str(county), "-o", str(county.parent / target)]) == 1
    stderr = capsys.readouterr().err
    assert stderr.startswith(f"error: {county.parent / target}: is ") and "an output never replaces an input" in stderr
    assert (county.parent / target).read_bytes() == before


def test_schema_never_replaces_a_data_file_but_refreshes_a_schema(county, capsys):
    before = county.read_bytes()
    assert main(["schema", "-o", str(county)]) == 1
    assert "is not a schema" in capsys.readouterr().err
    assert county.read_bytes() == before
    assert main(["schema", "-o", str(county.parent / "report.schema.json")]) == 0


def test_a_build_never_replaces_a_template_it_builds_on(county, capsys):
    out = county.parent / "out"
    assert main(["build", str(county), "--out", str(out), "--only", "docx", "--quiet"]) == 0
    template = out / "county.docx"
    before = template.read_bytes()
    assert main(["build", str(county), "--out", str(out), "--only", "docx", "--docx-template", str(template)]) == 1
    stderr = capsys.readouterr().err
    assert stderr.startswith(f"error: {template}: is a Word template") and "choose another --out" in stderr
    assert template.read_bytes() == before
