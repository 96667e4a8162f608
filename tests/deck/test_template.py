"""An organisation's .pptx: its layouts, theme and size carry the deck, found by name or placeholder type, refused clearly."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.shapes.graphfrm import GraphicFrame
from pptx.util import Inches

from tests.helpers import MINI
from tests.helpers.decks import build, load, mini_data
from tests.helpers.slides import all_shapes, charted, deck_text, frame_overflows, kicker_of, title_of
from report_gen.cli import main
from report_gen.deck import PptxTemplateError


def make_template(path: Path, rename: dict[str, str] | None = None, keep: set[str] | None = None) -> Path:
    """Save python-pptx's default template (4:3, Office layouts) with layouts renamed or removed."""
    prs = Presentation()
    master = prs.slide_masters[0]
    for layout in list(master.slide_layouts):
        if keep is not None and layout.name not in keep:
            master.slide_layouts.remove(layout)
    for layout in master.slide_layouts:
        if rename and layout.name in rename:
            layout._element.cSld.set("name", rename[layout.name])
    sample = prs.slides.add_slide(master.slide_layouts[0])
    sample.shapes.title.text = "A sample slide the deck must not keep"
    prs.save(path)
    return path


def test_a_user_template_gives_its_layouts_theme_and_size(tmp_path, mini, stand_in_png):
    template = make_template(tmp_path / "org.pptx")
    prs = build(mini, stand_in_png, template=template)
    assert (prs.slide_width, prs.slide_height) == (Inches(10), Inches(7.5))
    layouts = [slide.slide_layout.name for slide in prs.slides]
    assert layouts[0] == "Title Slide" and set(layouts[1:-1]) == {"Title Only"}
    assert "A sample slide" not in deck_text(prs)
    assert (kicker_of(prs.slides[2]), title_of(prs.slides[2])) == ("营商环境", "进驻事项数量翻了一番")
    theme = etree.fromstring(prs.slide_masters[0].part.part_related_by(RT.THEME).blob)
    assert theme.find(f".//{qn('a:minorFont')}/{qn('a:latin')}").get("typeface") == "Calibri", "the template's fonts stay"
    assert theme.find(f".//{qn('a:minorFont')}/{qn('a:ea')}").get("typeface") == "微软雅黑", "an empty East Asian slot is filled"
    measures: dict = {}
    for slide in prs.slides:
        for shape in all_shapes(slide.shapes):
            if shape.has_text_frame and shape.text_frame.text.strip():
                assert frame_overflows(shape, measures) == []
                assert shape.left + shape.width <= prs.slide_width


def test_layouts_are_found_by_placeholder_type_when_names_differ(tmp_path, mini, stand_in_png):
    names = {"Title Slide": "封面A", "Title Only": "版式甲", "Title and Content": "版式乙", "Section Header": "版式丙"}
    template = make_template(tmp_path / "org.pptx", rename=names,
                             keep={"Title Slide", "Title Only", "Title and Content", "Section Header"})
    prs = build(mini, stand_in_png, template=template)
    assert [slide.slide_layout.name for slide in prs.slides][:3] == ["封面A", "版式甲", "版式甲"]


def test_layouts_can_be_named_in_the_data_file(tmp_path, stand_in_png):
    template = make_template(tmp_path / "org.pptx")
    data = mini_data()
    data["style"] = {"deck": {"layouts": {"content": "Title and Content", "closing": "Section Header"}}}
    prs = build(load(data), stand_in_png, template=template)
    layouts = [slide.slide_layout.name for slide in prs.slides]
    assert set(layouts[1:-1]) == {"Title and Content"} and layouts[-1] == "Section Header"
    for slide in list(prs.slides)[1:-1]:
        assert not any(p.placeholder_format.type == PP_PLACEHOLDER.OBJECT for p in slide.placeholders)


def test_a_template_without_a_content_layout_is_a_clear_error(tmp_path, mini, stand_in_png):
    template = make_template(tmp_path / "org.pptx", keep={"Title Slide", "Blank"})
    with pytest.raises(PptxTemplateError) as raised:
        build(mini, stand_in_png, template=template)
    message = str(raised.value)
    assert "no layout for content slides" in message
    assert "'Title Slide' (centred title, subtitle)" in message and "'Blank' (no placeholders)" in message
    assert "style.deck.layouts.content" in message


def test_a_layout_named_in_the_data_file_must_exist(tmp_path, stand_in_png):
    template = make_template(tmp_path / "org.pptx")
    data = mini_data()
    data["style"] = {"deck": {"layouts": {"content": "正文页"}}}
    with pytest.raises(PptxTemplateError, match="style.deck.layouts.content names layout '正文页'"):
        build(load(data), stand_in_png, template=template)


def test_cli_builds_native_charts_on_a_template_and_refuses_a_bad_one(tmp_path, capsys):
    template = make_template(tmp_path / "org.pptx")
    out = tmp_path / "out"
    assert main(["build", str(MINI), "--out", str(out), "--only", "pptx", "--charts", "native",
                 "--pptx-template", str(template), "--quiet"]) == 0
    prs = Presentation(out / "mini.pptx")
    assert prs.slides[0].slide_layout.name == "Title Slide"
    assert any(isinstance(shape, GraphicFrame) and shape.has_chart for _, shape in charted(prs))
    (tmp_path / "broken.pptx").write_bytes(b"not a zip")
    assert main(["build", str(MINI), "--out", str(tmp_path / "out2"), "--only", "pptx", "--charts", "native",
                 "--pptx-template", str(tmp_path / "broken.pptx")]) == 1
    error = capsys.readouterr().err
    assert "broken.pptx: not a .pptx file" in error and "Traceback" not in error
    assert not (tmp_path / "out2").exists()




def test_a_title_box_too_low_for_the_theme_above_has_it_before_the_title(tmp_path, mini, stand_in_png):
    template = make_template(tmp_path / "low.pptx")
    prs = Presentation(template)
    layout = next(layout for layout in prs.slide_masters[0].slide_layouts if layout.name == "Title Only")
    title = next(shape for shape in layout.placeholders if shape.placeholder_format.type == PP_PLACEHOLDER.TITLE)
    title.left, title.top, title.width, title.height = Inches(0.5), Inches(0.3), Inches(9), Inches(0.6)
    prs.save(template)
    slide = build(mini, stand_in_png, template=template).slides[2]
    assert kicker_of(slide) is None and title_of(slide) == "营商环境｜进驻事项数量翻了一番"
