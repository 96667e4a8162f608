"""Slides captured as parts and put back into another deck built in the same order give the same package, part for part."""

from __future__ import annotations

import io
import zipfile

import pytest
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Inches

from tests.helpers import stand_in_png
from report_gen.ooxml.pptx import number_parts_incrementally
from report_gen.ooxml.pptx_parts import ReplayError, capture, replay


def first_slide(prs) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[5])
    slide.shapes.title.text = "第一页"
    slide.notes_slide.notes_text_frame.text = "第一页的备注"


def pictured_slides(prs, picture: bytes) -> None:
    """Two slides: one with a picture, a text box and notes; one showing the same picture again, without notes."""
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    slide.shapes.add_picture(io.BytesIO(picture), Inches(1), Inches(1), Inches(4), Inches(3))
    slide.shapes.add_textbox(Inches(1), Inches(5), Inches(4), Inches(1)).text_frame.text = "新登记市场主体"
    slide.notes_slide.notes_text_frame.text = "这一页讲市场主体。"
    again = prs.slides.add_slide(prs.slide_layouts[1])
    again.shapes.add_picture(io.BytesIO(picture), Inches(2), Inches(2), Inches(2), Inches(1.5))


def new_deck():
    prs = Presentation()
    number_parts_incrementally(prs)
    return prs


def parts_of(prs) -> dict[str, bytes]:
    stream = io.BytesIO()
    prs.save(stream)
    with zipfile.ZipFile(stream) as package:
        return {name: package.read(name) for name in package.namelist()}


def test_replayed_slides_give_the_package_built_afresh_part_for_part():
    picture = stand_in_png(60, 40, 50)
    built = new_deck()
    first_slide(built)
    pictured_slides(built, picture)
    captured = capture(list(built.slides)[1:])
    assert captured is not None and [len(part.images) for part in captured] == [1, 1]
    assert captured[0].notes is not None and captured[1].notes is None

    replayed = new_deck()
    first_slide(replayed)
    replay(replayed, captured)
    assert parts_of(replayed) == parts_of(built)
    assert "新登记市场主体" in [shape.text_frame.text for shape in replayed.slides[1].shapes if shape.has_text_frame]


def test_a_slide_with_a_part_of_another_kind_is_not_captured():
    prs = new_deck()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    data = CategoryChartData()
    data.categories = ["甲", "乙"]
    data.add_series("数量", (1, 2))
    slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, Inches(1), Inches(1), Inches(4), Inches(3), data)
    assert capture([slide]) is None


def test_a_slide_on_a_layout_the_deck_lacks_is_refused_before_anything_is_added():
    built = new_deck()
    pictured_slides(built, stand_in_png(60, 40, 50))
    captured = capture(list(built.slides))
    other = new_deck()
    moved = [part.__class__(part.xml, part.rels, "/ppt/slideLayouts/slideLayout99.xml", part.notes, part.images) for part in captured]
    with pytest.raises(ReplayError):
        replay(other, moved)
    assert len(other.slides) == 0
