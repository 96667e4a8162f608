"""What a build checks before drawing, as `validate` does: here, the figures held to their sources when the files are at hand."""

from report_gen.cli import main
from report_gen.data.load import load_located
from report_gen.errors import DataError
from tests.data.test_provenance import district_file

import pytest


def beside_sources(tmp_path, **figures):
    """A data file whose source text lies in sources/ beside it, as `init` lays a report out."""
    sources = tmp_path / "sources"
    sources.mkdir()
    data = district_file(sources, **figures)
    moved = tmp_path / "data.yaml"
    data.rename(moved)
    return moved


WRONG_CHANGE = "{value: 295.4, unit: 亿元, comparison: {base_period: 上年同期, change: 3.8, basis: 按可比价格计算}}"


def test_build_refuses_a_change_its_source_contradicts_when_the_source_is_at_hand(tmp_path, capsys):
    """Why: build never ran the source checks and published a value its excerpt contradicts."""
    data = beside_sources(tmp_path, gdp=WRONG_CHANGE)
    out = tmp_path / "out"
    assert main(["build", str(data), "--out", str(out), "--only", "docx", "--quiet"]) == 1
    error = capsys.readouterr().err
    assert "themes[0].figures[0].comparison.change: change 3.8 (同比增长3.8%) of figure 'gdp' is not what the source says" in error
    assert "同比增长3.3%。”" in error
    assert not (out / "t.docx").exists()


def test_build_warns_and_builds_when_asked_to(tmp_path, capsys):
    data = beside_sources(tmp_path, gdp=WRONG_CHANGE)
    out = tmp_path / "out"
    assert main(["build", str(data), "--out", str(out), "--only", "docx", "--source-check", "warn"]) == 0
    error = capsys.readouterr().err
    assert "warning: " in error and "change 3.8 (同比增长3.8%)" in error and "--source-check warn" in error
    assert (out / "t.docx").is_file()


def test_validate_checks_the_sources_at_hand_without_being_told(tmp_path, capsys):
    data = beside_sources(tmp_path)
    assert main(["validate", str(data)]) == 0
    assert f"every excerpt found in {tmp_path / 'sources'}" in capsys.readouterr().out
    data.write_text(data.read_text(encoding="utf-8").replace("change: -0.2", "change: 0.2"), encoding="utf-8")
    assert main(["validate", str(data)]) == 1
    assert "themes[0].figures[1].comparison.change: change 0.2" in capsys.readouterr().err


def test_without_the_source_files_nothing_is_checked_against_them(tmp_path, capsys):
    data = district_file(tmp_path, gdp=WRONG_CHANGE)
    (tmp_path / "bulletin.txt").rename(tmp_path / "elsewhere.txt")
    assert main(["validate", str(data)]) == 0
    assert "every excerpt found" not in capsys.readouterr().out


def test_a_wrong_unit_is_reported_at_the_figure(tmp_path):
    """Why: 亿元元 was reported only at the three charts that use it."""
    data = district_file(tmp_path, gdp="{value: 295.4, unit: 亿元元}")
    with pytest.raises(DataError) as caught:
        load_located(data)
    assert [str(p).replace(str(data), "FILE") for p in caught.value.problems] == [
        "FILE:9: themes[0].figures[0].unit: '亿元元' repeats '元'; did you mean '亿元'?"
    ]
