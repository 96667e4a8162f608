"""Charts on slides: a picture or a native PowerPoint chart (bars, ring), or key-figure tiles as shapes, with caption and source line.

`chart_panel` draws a chart in any box: the whole content area of a chart
slide (`chart_slide`), or half of it when the short deck puts two small
panels on one slide.
"""

from __future__ import annotations

import io

from PIL import Image
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.slide import Slide
from pptx.util import Emu, Inches, Pt

from ..charts import SLIDE
from ..charts.native import NativePlan, native_plan
from ..charts.spec import describe, key_figures
from ..data.model import Chart, ChartKind, Theme
from ..narrative.notes import chart_note
from ..ooxml.chart_description import ChartLook
from ..ooxml.pptx import set_alt_text
from ..ooxml.pptx_chart import add_native_chart
from . import fit as text_fit
from .fit import LINE_SPACING, Role
from .context import SlideDeck
from .geometry import Box
from .figure_slides import CardText, cards_with_source
from .outline import slide_period
from .pictures import SLIDE_HALF
from .style import (
    ACCENT,
    CAPTION,
    CHANGE_NOTE,
    MUTED,
    NATIVE,
    NATIVE_CHART_PT,
    NATIVE_HALF_CHART_PT,
    RING_LABEL,
    RING_SHARE,
    RING_VALUE,
    TEXT,
    UNIT_NOTE,
)
from .textbox import Span, measured
from .titles import chart_messages



def chart_slide(deck: SlideDeck, theme: Theme, chart: Chart) -> None:
    """Add a slide of one chart (the full deck's): the chart on the whole content area, titled with its message."""
    slide = deck.content_slide(deck.titles.take(chart_messages(chart, deck.plan.chart(chart.id))), theme.short_title)
    chart_panel(deck, slide, chart, deck.area)
    deck.write_notes(slide, chart_note(deck.narrative.figures, deck.plan.chart(chart.id)))


def chart_panel(deck: SlideDeck, slide: Slide, chart: Chart, box: Box, caption_role: Role = CAPTION,
                caption: bool = True, keep_room: bool = False) -> None:
    """Draw a chart in a box: a picture, a native chart or key-figure tiles, with its caption under it unless
    `caption` is false (the slide's title says it already); `keep_room`: the chart no larger than with its caption
    (beside another chart, so the two are drawn alike).

    A tile chart is always shapes, never a picture: its numbers stay text.
    """
    caption_spans, caption_size = deck.fit_spans([Span(chart.caption, MUTED)],
                                                 Box(box.left, 0, box.width, int(Inches(0.8))), caption_role)
    caption_lines = len(text_fit.wrap(deck.measure(), measured(caption_spans), caption_size, Emu(box.width).pt))
    room_kept = caption or keep_room
    caption_height = int(Pt(caption_lines * caption_size * LINE_SPACING)) + 1 if room_kept else 0
    gap = int(Inches(0.12)) if room_kept else 0
    room = Box(box.left, box.top, box.width, box.height - caption_height - gap)
    if chart.kind is ChartKind.TILE:
        drawn = tile_chart(deck, slide, chart, room)
    elif deck.mode == NATIVE:
        drawn = native_chart(deck, slide, chart, room)
    else:
        drawn = picture(deck, slide, chart, room)
    if caption:
        deck.text(slide, Box(box.left, drawn.bottom + gap, box.width, caption_height), caption_spans,
                  Role(caption_size, caption_size, caption_role.max_lines), align=PP_ALIGN.CENTER, name="Caption")


def picture(deck: SlideDeck, slide: Slide, chart: Chart, room: Box) -> Box:
    image = deck.charts[chart.id]
    pixel_width, pixel_height = Image.open(io.BytesIO(image.png)).size
    scale = min(room.width / pixel_width, room.height / pixel_height)
    width, height = round(pixel_width * scale), round(pixel_height * scale)
    box = Box(room.left + (room.width - width) // 2, room.top + (room.height - height) // 2, width, height)
    picture = slide.shapes.add_picture(io.BytesIO(image.png), Emu(box.left), Emu(box.top), Emu(width), Emu(height))
    set_alt_text(picture, image.alt_text, name=f"Chart {chart.id}")
    return box


def _source_line(deck: SlideDeck, slide: Slide, source: str, box: Box) -> Box:
    """Write a chart's 资料来源 line at the foot of its box; return the box above it."""
    height = deck.source_line_height(source, box.width)
    deck.source_line(slide, source, Box(box.left, box.bottom - height, box.width, height))
    return Box(box.left, box.top, box.width, box.height - height - int(Inches(0.08)))


def tile_chart(deck: SlideDeck, slide: Slide, chart: Chart, room: Box) -> Box:
    """Draw a tile chart as key-figure cards over its 资料来源 line, as the 关键数字 panel draws its figures, grouped
    under the chart's alt text; return the box it took."""
    planned = deck.plan.chart(chart.id)
    group = slide.shapes.add_group_shape()
    cards = [CardText(tile.value, tile.change, tile.label, slide_period(tile.period)) for tile in key_figures(planned.figures)]
    taken = cards_with_source(deck, group, cards, room, planned.source_line, "Tile")
    set_alt_text(group, describe(planned), name=f"Chart {chart.id}")
    return taken


def native_chart(deck: SlideDeck, slide: Slide, chart: Chart, room: Box) -> Box:
    """Draw a chart as a PowerPoint chart in the room given; return the box it took."""
    planned = deck.plan.chart(chart.id)
    figures = list(planned.figures)
    description = describe(planned)
    # The proportions of the picture it stands for, centred in the room: a whole slide's, or half a slide's.
    shape = SLIDE if room.width >= Inches(8) else SLIDE_HALF
    width = min(room.width, int(room.height * shape.width_mm / shape.height_mm))
    height = min(room.height, int(width * shape.height_mm / shape.width_mm))
    box = Box(room.left + (room.width - width) // 2, room.top + (room.height - height) // 2, width, height)
    plot = _source_line(deck, slide, planned.source_line, box)
    plan = native_plan(chart, figures)
    if plan.ring is not None:
        ring(deck, slide, chart, plan, plot, description)
        return box
    top_note = Box(plot.left, plot.top, plot.width, int(Inches(0.35)))
    if plan.change:
        deck.text(slide, top_note, [Span(plan.change, ACCENT, True)], CHANGE_NOTE, align=PP_ALIGN.CENTER, name="Change")
    elif plan.unit_note:
        deck.text(slide, top_note, [Span(plan.unit_note, MUTED)], UNIT_NOTE, name="Unit")
    chart_box = Box(plot.left, plot.top + top_note.height, plot.width, plot.height - top_note.height)
    add_native_chart(slide.shapes, chart_box.left, chart_box.top, chart_box.width, chart_box.height, plan.chart,
                     chart_look(deck, room.width), deck.report.report.date, description, name=f"Chart {chart.id}")
    return box


def chart_look(deck: SlideDeck, width: int) -> ChartLook:
    """Return how a native chart `width` EMU wide writes its text: the deck's fonts at the size of the slide images
    of its width (smaller on half a slide), in theme colours."""
    size = NATIVE_CHART_PT if width >= Inches(8) else NATIVE_HALF_CHART_PT
    return ChartLook(deck.body_fonts.latin, deck.body_fonts.east_asian, size, theme_colours=True)


def ring(deck: SlideDeck, slide: Slide, chart: Chart, plan: NativePlan, plot: Box, description: str) -> None:
    """Draw a progress ring with its share in the middle and a legend on the right, as the image does."""
    legend = plan.ring
    side = min(plot.height, int(plot.width * 0.42))
    ring_box = Box(plot.left + int(plot.width * 0.04), plot.top + (plot.height - side) // 2, side, side)
    add_native_chart(slide.shapes, ring_box.left, ring_box.top, ring_box.width, ring_box.height, plan.chart,
                     chart_look(deck, plot.width), deck.report.report.date, description, name=f"Chart {chart.id}")
    hole = int(side * 0.72 * 0.72)
    centre = Box(ring_box.left + (side - hole) // 2, ring_box.top + (side - int(hole * 0.6)) // 2, hole, int(hole * 0.6))
    deck.text(slide, centre, [Span(legend.share_text, ACCENT, False)], RING_SHARE, align=PP_ALIGN.CENTER,
              anchor=MSO_ANCHOR.MIDDLE, name="Share")
    left = ring_box.right + int(plot.width * 0.06)
    width = plot.right - left
    swatch = int(Pt(15))
    indent = int(swatch * 1.8)
    row_height = int(Inches(1.15))
    total = row_height * len(legend.rows) + int(Inches(0.4))
    top = plot.top + (plot.height - total) // 2
    for index, (red, label, value) in enumerate(legend.rows):
        if red:
            deck.rect(slide, Box(left, top + int(Pt(5)), swatch, swatch), ACCENT, f"Legend {index + 1} swatch")
        deck.text(slide, Box(left + indent, top, width - indent, int(Inches(0.5))), [Span(label, TEXT)], RING_LABEL,
                  name=f"Legend {index + 1} label")
        if value:
            deck.text(slide, Box(left + indent, top + int(Inches(0.5)), width - indent, int(Inches(0.5))),
                      [Span(value, ACCENT if red else TEXT)], RING_VALUE, name=f"Legend {index + 1} value")
        top += row_height
    deck.text(slide, Box(left + indent, top, width - indent, int(Inches(0.4))), [Span(legend.period, MUTED)],
              Role(14, 10, 1), name="Legend period")
