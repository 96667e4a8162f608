"""A statistical bulletin written fresh (tests/fixtures/bulletin/) checks against its source and builds: the issue's "done when".

It has a three-year GDP series, the industry structure, a rate's change in
个百分点, a negative growth figure, figures in a workbook and a CSV file, and
its own source text.
"""

from __future__ import annotations

import zipfile

import pytest
from docx import Document

from tests.helpers import FIXTURES
from report_gen.cli import main
from report_gen.data.load import load_located
from report_gen.data.provenance import check_provenance

BULLETIN = FIXTURES / "bulletin" / "bulletin.yaml"
SOURCES = FIXTURES / "bulletin" / "sources"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("bulletin")
    assert main(["build", str(BULLETIN), "--out", str(out / "image"), "--quiet"]) == 0
    assert main(["build", str(BULLETIN), "--out", str(out / "native"), "--only", "pptx", "--charts", "native", "--quiet"]) == 0
    return out


def briefing_text(built) -> str:
    return "\n".join(paragraph.text for paragraph in Document(built / "image" / "yangli_2024.docx").paragraphs)


def test_every_excerpt_is_found_in_the_source_text(capsys):
    assert check_provenance(load_located(BULLETIN), SOURCES) == []
    assert main(["validate", str(BULLETIN), "--sources", str(SOURCES)]) == 0
    assert "25 figures" in capsys.readouterr().out


def test_figures_come_from_the_workbook_and_the_csv_file():
    located = load_located(BULLETIN)
    files = {row.file.rsplit("/", 1)[-1] for row in located.rows.values()}
    assert files == {"figures.xlsx", "more.csv"}
    assert located.report.figure_index()["property_investment"].value == -18.9


def test_the_briefing_writes_the_figures_as_a_bulletin_does(built):
    text = briefing_text(built)
    assert "2022—2024年，地区生产总值分别为412.6亿元、438.9亿元和461.7亿元，比上年分别增长3.8%、6.2%和5.4%" in text
    assert "房地产开发投资下降18.9%" in text
    assert "常住人口城镇化率由60.1%提高到61.3%，比上年末提高1.2个百分点" in text
    assert "城镇调查失业率5.1%，比上年末下降0.3个百分点" in text
    assert "粮食总产量36.2万吨，比上年减少0.4万吨" in text
    assert "5.5%左右" in text and "5.5%以内" in text and "超过600个" in text
    assert "2024年，2024年" not in text and "-18.9" not in text


def test_both_decks_carry_the_charts_as_pictures_or_as_native_charts(built):
    with zipfile.ZipFile(built / "image" / "yangli_2024.pptx") as pictures:
        assert not any(name.startswith("ppt/charts/") for name in pictures.namelist())
        assert sum(name.startswith("ppt/media/") for name in pictures.namelist()) >= 4, "the 4 charts but the tiles (shapes)"
    with zipfile.ZipFile(built / "native" / "yangli_2024.pptx") as native:
        assert sum(name.startswith("ppt/charts/chart") for name in native.namelist()) >= 4
