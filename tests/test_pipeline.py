"""End to end: `report_gen build` on the default data, then reopen what it wrote as a reader would."""

import io
import re
import subprocess
import sys
from pathlib import Path

import docx
import pptx
import pytest
from PIL import Image

from tests.helpers import BEIBEI, MINI, ROOT, STDERR_NAME
from tests.helpers.documents import docx_text
from report_gen.data.load import load_report
from report_gen.data.model import ChartKind
from report_gen.data.written import write_figure


@pytest.fixture(scope="module")
def built(default_out) -> Path:
    """out/ after `report_gen build` of the default data (shared with the other end-to-end tests)."""
    return default_out


@pytest.fixture(scope="module")
def report():
    return load_report(BEIBEI)


def test_build_writes_the_briefing_the_deck_and_the_charts(built, report):
    assert (built / "beibei.docx").is_file()
    assert (built / "beibei.pptx").is_file()
    chart_ids = {chart.id for _, chart in report.all_charts()}
    assert {p.stem for p in (built / "charts").glob("*.png")} == chart_ids
    assert not list(built.rglob("*.tmp")), "no temporary files are left behind"


def test_the_briefing_has_a_heading_per_theme_in_order(built, report):
    document = docx.Document(built / "beibei.docx")
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    theme_headings = [h for h in headings if any(theme.title in h for theme in report.themes)]
    assert len(theme_headings) == len(report.themes)
    for heading, theme, numeral in zip(theme_headings, report.themes, "一二三四五六七八"):
        assert heading.startswith(f"{numeral}、") and theme.title in heading
    assert report.report.title in docx_text(document)


def test_every_figure_is_written_the_chinese_way_in_the_briefing(built, report):
    text = docx_text(docx.Document(built / "beibei.docx"))
    missing = [f"{figure.id}: {write_figure(figure)}" for _, figure in report.all_figures() if write_figure(figure) not in text]
    assert missing == []
    for written in ("约12.5亿元", "5085万元", "同比增长220%", "500余名", "2.5万户", "99.3%", "30%以上", "2.3万余名"):
        assert written in text


def test_the_briefing_holds_one_picture_per_chart_but_tiles_at_print_resolution(built, report):
    document = docx.Document(built / "beibei.docx")
    pictures = document.inline_shapes
    assert len(pictures) == len([chart for _, chart in report.all_charts() if chart.kind is not ChartKind.TILE])
    for shape in pictures:
        blip = shape._inline.graphic.graphicData.pic.blipFill.blip.embed
        image = Image.open(io.BytesIO(document.part.related_parts[blip].blob))
        assert image.size[0] / shape.width.inches >= 299, "charts are placed at 300 dpi or better"


def test_the_deck_is_16_9_with_title_overview_themes_and_sources(built, report):
    deck = pptx.Presentation(built / "beibei.pptx")
    assert abs(deck.slide_width / deck.slide_height - 16 / 9) < 0.01
    texts = ["\n".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame) for slide in deck.slides]
    assert report.report.title in texts[0]
    assert all(theme.short_title in texts[1] for theme in report.themes), "the overview names every theme"
    assert any("资料来源" in text for text in texts[-3:])
    for theme in report.themes:
        assert any(theme.short_title in text for text in texts[2:]), f"{theme.id} has slides"
    charts = {shape.name.removeprefix("Chart ") for slide in deck.slides for shape in slide.shapes if shape.name.startswith("Chart ")}
    assert charts == {chart.id for _, chart in report.all_charts()}, "each chart once: a picture, or tiles as shapes"


def test_invalid_data_writes_nothing(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(MINI.read_text(encoding="utf-8").replace("value: 12.5\n", "value: 12.5亿\n"), encoding="utf-8")
    out = tmp_path / "out"
    result = subprocess.run([sys.executable, "-m", "report_gen", "build", str(bad), "--out", str(out)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "themes[0].figures[0].value: expected a number, got '12.5亿'" in result.stderr
    assert not out.exists()


def test_the_narrative_refers_to_every_chart_by_number_in_order(built, report):
    text = "\n".join(p.text for p in docx.Document(built / "beibei.docx").paragraphs)
    references = [int(n) for n in re.findall(r"见图(\d+)", text)]
    assert references == list(range(1, len(report.all_charts()) + 1))


def test_a_highlight_naming_an_unknown_figure_is_located_in_the_data_file(tmp_path):
    text = MINI.read_text(encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(text.replace("{{ fig.entities }}", "{{ fig.entitys }}"), encoding="utf-8")
    line = text[: text.index("{{ fig.entities }}")].count("\n") + 1
    out = tmp_path / "out"
    result = subprocess.run([sys.executable, "-m", "report_gen", "build", str(bad), "--out", str(out)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == f"error: {bad}:{line}: themes[0].highlights[1]: unknown figure 'entitys'; did you mean 'entities'?"
    assert not out.exists()


def test_a_default_build_prints_at_most_one_warning_line_of_each_kind(built):
    """The fonts this machine lacks, and what proofreading found in report_gen's own text: one line each, details with --verbose."""
    said = (built.parent / STDERR_NAME).read_text(encoding="utf-8").splitlines()
    warnings = [line for line in said if line.startswith("warning: ")]
    proofreading = [line for line in warnings if line.startswith("warning: proofreading ")]
    assert len(proofreading) <= 1 and len(warnings) - len(proofreading) <= 1, warnings
    assert all(line.startswith("warning: ") or not line.lower().startswith(("font", "the briefing")) for line in said)


def test_a_build_plans_its_report_once_and_hands_every_stage_the_choices_it_settled(tmp_path, monkeypatch):
    import importlib

    from report_gen import plan as planning
    from report_gen.pipeline import BuildOptions, build, resolved

    planned, settled = [], []
    real_chart_plan, real_resolve = planning._chart_plan, resolved.resolve
    monkeypatch.setattr(planning, "_chart_plan", lambda *args: planned.append(args[0].id) or real_chart_plan(*args))

    def resolve(*args):
        settled.append(real_resolve(*args))
        return settled[-1]

    monkeypatch.setattr(importlib.import_module("report_gen.pipeline.build"), "resolve", resolve)
    build(BuildOptions(data=MINI, out_dir=tmp_path / "out", use_cache=False, jobs=1, deck_length="full", preset="compact"))
    charts = [chart.id for _, chart in load_report(MINI).all_charts()]
    assert planned == charts, "each chart planned once, by the one plan of the build"
    [chosen] = settled
    assert chosen.plan is chosen.narrative.plan
    assert chosen.deck.length == "full" and chosen.deck.chart_mode == "image"
    assert chosen.briefing.preset.value == "compact" and chosen.briefing.template_path is None
