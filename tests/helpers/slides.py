"""Reading a deck back as its audience sees it: titles, text, notes, alt text, and whether text fits its box.

Shared by the deck's tests (tests/test_deck.py, tests/test_short_deck.py).
"""

from __future__ import annotations

import pytest
from pptx.oxml.ns import qn
from pptx.shapes.group import GroupShape
from pptx.util import Emu

from report_gen.deck import fit as text_fit
from report_gen.deck.fit import LINE_SPACING
from report_gen.fonts.metrics import Measure


def title_of(slide) -> str:
    """Return a slide's title, without the theme above it (its kicker)."""
    title = slide.shapes.title
    assert title is not None, "every slide has a title placeholder"
    return title.text_frame.paragraphs[-1].text if len(title.text_frame.paragraphs) > 1 else title.text_frame.text


def kicker_of(slide) -> str | None:
    """Return the theme above a slide's title (its kicker), or None."""
    paragraphs = slide.shapes.title.text_frame.paragraphs
    return paragraphs[0].text if len(paragraphs) > 1 else None


def all_shapes(shapes):
    for shape in shapes:
        yield shape
        if isinstance(shape, GroupShape):
            yield from all_shapes(shape.shapes)


def slide_text_of(group) -> str:
    return "\n".join(shape.text_frame.text for shape in all_shapes(group.shapes) if shape.has_text_frame)


def slide_text(slide) -> str:
    return "\n".join(shape.text_frame.text for shape in all_shapes(slide.shapes) if shape.has_text_frame)


def deck_text(prs) -> str:
    return "\n".join(slide_text(slide) for slide in prs.slides)


def notes_of(slide) -> str:
    return slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""


def descr(shape) -> str | None:
    return shape._element[0].find(qn("p:cNvPr")).get("descr")


def charted(prs):
    """Yield (slide, shape) for every picture, chart frame and tile group that shows a chart."""
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.name.startswith("Chart "):
                yield slide, shape


def frame_overflows(shape, measures) -> list[str]:
    """Measure every paragraph of a text frame with the fonts its runs name; return what does not fit its box."""
    frame = shape.text_frame
    width = Emu(shape.width - frame.margin_left - frame.margin_right).pt
    height = Emu(shape.height - frame.margin_top - frame.margin_bottom).pt
    used = 0.0
    problems = []
    for paragraph in frame.paragraphs:
        runs = [run for run in paragraph.runs if run.text]
        if not runs:
            continue
        pPr = paragraph._p.pPr
        indent = Emu(int(pPr.get("marL", "0"))).pt if pPr is not None else 0.0  # a bulleted point hangs in
        sizes = {run.font.size.pt for run in runs}
        assert len(sizes) == 1, f"{shape.name}: one size a paragraph"
        size = sizes.pop()
        rPr = runs[0]._r.find(qn("a:rPr"))
        fonts = (rPr.find(qn("a:latin")).get("typeface"), rPr.find(qn("a:ea")).get("typeface"))
        measure = measures.setdefault(fonts, Measure(*fonts))
        spans = [(run.text, True if run.font.bold is None else run.font.bold) for run in runs]
        lines = text_fit.wrap(measure, spans, size, width - indent)
        assert paragraph.line_spacing is not None and paragraph.line_spacing.pt == pytest.approx(size * LINE_SPACING, abs=0.01)
        used += (paragraph.space_before.pt if paragraph.space_before else 0) + len(lines) * size * LINE_SPACING
        if text_fit.unbreakable_width(measure, spans) * size > width - indent:
            problems.append(f"{shape.name}: '{paragraph.text[:20]}' has a word wider than its box")
    if used > height + 0.5:
        problems.append(f"{shape.name}: '{frame.text[:20]}' needs {used:.1f} pt, its box holds {height:.1f} pt")
    return problems
