"""One 资料来源 line style under every figure of the briefing: pictures, key-figure panels and Word charts.

The pictures keep their own line for out/charts/ and the deck; the briefing
crops it off and sets the line as text, 五号 楷体 in grey, as under a panel or
a Word chart. Built from the mini report with its charts really drawn.
"""

from __future__ import annotations

import io

import pytest
from docx import Document
from docx.oxml.ns import qn

from tests.helpers import MINI
from report_gen import design
from report_gen.briefing import briefing_bytes
from report_gen.charts import BRIEFING, render_charts
from report_gen.data.load import load_report
from report_gen.fonts.chart_font import find_cjk_font
from report_gen.narrative.narrative import Narrative


@pytest.fixture(scope="module")
def drawn():
    report = load_report(MINI)
    return report, render_charts(report, find_cjk_font(), BRIEFING)


def _opened(drawn, mode: str):
    report, images = drawn
    return Document(io.BytesIO(briefing_bytes(report, Narrative(report), images, chart_mode=mode)))


def _after_each_figure(document) -> list:
    """The paragraph that follows each picture, Word chart and key-figure panel in the body."""
    body = list(document.element.body)
    found = []
    for index, element in enumerate(body):
        figure = element.tag == qn("w:tbl") and element.find(f"{qn('w:tblPr')}/{qn('w:tblDescription')}") is not None
        figure = figure or (element.tag == qn("w:p") and element.find(".//" + qn("w:drawing")) is not None)
        if figure:
            found.append(body[index + 1])
    return found


@pytest.mark.parametrize("mode", ["image", "native"])
def test_every_figure_has_the_same_source_line_under_it(drawn, mode):
    document = _opened(drawn, mode)
    following = _after_each_figure(document)
    assert len(following) >= 5
    styles = {element.find(f"{qn('w:pPr')}/{qn('w:pStyle')}").get(qn("w:val")) for element in following}
    assert len(styles) == 1
    texts = ["".join(t.text for t in element.iter(qn("w:t"))) for element in following]
    assert all(text.startswith("资料来源：") for text in texts), texts
    style = document.styles.get_by_id(styles.pop(), 1)
    assert style.font.size.pt == design.SOURCE_LINE_PT
    assert str(style.font.color.rgb) == design.MUTED_TEXT.lstrip("#")
    east_asian = style.element.find(f"{qn('w:rPr')}/{qn('w:rFonts')}").get(qn("w:eastAsia"))
    assert east_asian.startswith("楷体") or "Kai" in east_asian, east_asian


def test_a_picture_shows_without_its_own_source_band(drawn):
    report, images = drawn
    document = _opened(drawn, "image")
    for shape in document.inline_shapes:
        rect = shape._inline.graphic.graphicData.pic.blipFill.find(qn("a:srcRect"))
        assert rect is not None and int(rect.get("b")) > 0
    shares = {image.source_share for image in images.values() if image.source_share}
    assert shares and all(0 < share < 0.3 for share in shares)
