"""Settings in the data file's `style` section reach the documents without touching code."""

import io
import zipfile

import yaml

from conftest import MINI
from report_gen.briefing import briefing_bytes
from report_gen.charts import SLIDE, BRIEFING, render_charts
from report_gen.deck import deck_bytes
from report_gen.fonts.chart_font import find_cjk_font
from report_gen.data.model import Report
from report_gen.narrative import Narrative


def report_with(style: dict) -> Report:
    data = yaml.safe_load(MINI.read_text(encoding="utf-8"))
    data["style"] = style
    return Report.model_validate(data)


def part(document: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(document)) as archive:
        return archive.read(name).decode("utf-8")


def test_the_defaults_are_gbt_9704_fonts():
    fonts = Report.model_validate(yaml.safe_load(MINI.read_text(encoding="utf-8"))).style.briefing.fonts
    assert (fonts.title, fonts.body, fonts.heading1, fonts.heading2) == ("方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312")


def test_a_changed_briefing_font_reaches_the_docx():
    report = report_with({"briefing": {"fonts": {"body": "仿宋", "heading2": "楷体"}}})
    charts = render_charts(report, find_cjk_font(), BRIEFING)
    styles = part(briefing_bytes(report, Narrative(report), charts), "word/styles.xml")
    assert 'w:eastAsia="仿宋"' in styles and 'w:eastAsia="楷体"' in styles
    assert "仿宋_GB2312" not in styles and "楷体_GB2312" not in styles


def test_a_changed_deck_font_reaches_the_pptx():
    report = report_with({"deck": {"fonts": {"east_asian": "思源黑体"}}})
    deck = deck_bytes(report, render_charts(report, find_cjk_font(), SLIDE))
    slide = part(deck, "ppt/slides/slide1.xml")
    assert '<a:ea typeface="思源黑体"' in slide and "微软雅黑" not in slide
