"""python-pptx's package, taught to name new parts without walking every part for each one."""

from __future__ import annotations

import io
import zipfile

from pptx import Presentation
from pptx.util import Inches

from tests.helpers import stand_in_png
from report_gen.ooxml.pptx import number_parts_incrementally


def deck_with_notes_and_pictures(incremental: bool) -> bytes:
    prs = Presentation()
    if incremental:
        number_parts_incrementally(prs)
    pictures = [stand_in_png(40, 30, 50), stand_in_png(60, 30, 50)]
    for index in range(6):
        slide = prs.slides.add_slide(prs.slide_layouts[5])
        slide.shapes.title.text = f"第{index + 1}页"
        slide.shapes.add_picture(io.BytesIO(pictures[index % 2]), Inches(1), Inches(2))
        slide.notes_slide.notes_text_frame.text = f"备注{index + 1}"
    stream = io.BytesIO()
    prs.save(stream)
    return stream.getvalue()


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {name: package.read(name) for name in package.namelist() if not name.startswith("docProps/")}


def test_parts_are_named_and_pictures_shared_as_python_pptx_would():
    walked, remembered = parts(deck_with_notes_and_pictures(False)), parts(deck_with_notes_and_pictures(True))
    assert remembered == walked
    assert sorted(name for name in remembered if name.startswith("ppt/media/")) == ["ppt/media/image1.png", "ppt/media/image2.png"]
    assert "ppt/notesSlides/notesSlide6.xml" in remembered
