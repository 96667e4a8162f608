"""A `NativeChart` as a DrawingML chart part (`c:chartSpace`), the same for a slide and a Word document.

python-pptx can write single-type charts but not a bar chart and a line chart
on two value axes in one part (python-pptx issues #338, #141), and
python-docx writes no charts at all; this module writes the part itself, in
the schema's element order, so PowerPoint, Word, WPS and LibreOffice read it
alike. The text, colours and proportions are styled here once; the host
(`pptx_chart`, `docx_chart`) only places the part and relates its workbook.

The cached values in the part are what a reader shows before anyone opens
the data; the formulas point at the embedded workbook (`chart_workbook`), so
an edited value updates the bars, and a label written as a number format
(`"约"General"亿元"`) follows it.
"""

from __future__ import annotations

from typing import Optional, Sequence

from lxml import etree

from .chart_description import ChartLook, NativeChart, Paint, Plot, PointLabel, Series, ValueAxis
from .chart_description import MUTED, TEXT
from .. import design

C_NS = "http://schemas.openxmlformats.org/drawingml/2006/chart"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_NS = {"c": C_NS, "a": A_NS, "r": R_NS}

SHEET = "Sheet1"
"""Name of the embedded workbook's sheet the formulas point at."""

CATEGORY_AXIS_ID, VALUE_AXIS_ID = 1001, 1002
SECOND_CATEGORY_AXIS_ID, SECOND_VALUE_AXIS_ID = 1003, 1004
"""Axis ids: positive and below 2³¹, since the schema wants unsigned ids and LibreOffice reads them as signed."""

TICK_SCALE = 0.85
"""Tick numbers and legend text, as a multiple of the base size."""
LINE_WIDTH_PT = 2.25
"""Width of a line series."""
MARKER_SIZE = 7
"""Size of a line's markers, in points (2–72)."""

_LABEL_POSITIONS = {"outside": "outEnd", "centre": "ctr", "above": "t", "below": "b", "left": "l", "right": "r"}
_HATCH_PRESETS = {"up": "wdUpDiag", "down": "wdDnDiag"}
_DASHES = {"dash": "dash", "dot": "sysDot", "long": "lgDash"}


def _q(tag: str) -> str:
    prefix, local = tag.split(":")
    return f"{{{_NS[prefix]}}}{local}"


def _el(tag: str, *children: Optional[etree._Element], **attributes) -> etree._Element:
    """Return an element with attributes (values written as text) and the children that are not None."""
    element = etree.Element(_q(tag), {key: str(value) for key, value in attributes.items()})
    for child in children:
        if child is not None:
            element.append(child)
    return element


def _val(tag: str, value) -> etree._Element:
    """Return `<tag val="value"/>`; booleans as 1 and 0."""
    if isinstance(value, bool):
        value = int(value)
    return _el(tag, val=value)


def chart_xml(chart: NativeChart, look: ChartLook, workbook_rid: str) -> bytes:
    """Return the chart part of `chart` as XML bytes, its data linked to the workbook related as `workbook_rid`."""
    space = etree.Element(_q("c:chartSpace"), nsmap=_NS)
    space.append(_val("c:date1904", False))
    space.append(_val("c:lang", "zh-CN"))
    space.append(_val("c:roundedCorners", False))
    space.append(_el(
        "c:chart",
        _centre_title(chart, look) if chart.centre_text and chart.frame_pt else _val("c:autoTitleDeleted", True),
        _plot_area(chart, look),
        _legend(chart, look) if chart.legend else None,
        _val("c:plotVisOnly", True),
        _val("c:dispBlanksAs", "gap"),
    ))
    space.append(_no_fill_shape())
    space.append(_text_properties(look, 1.0, TEXT))
    external = _el("c:externalData", _val("c:autoUpdate", False))
    external.set(_q("r:id"), workbook_rid)
    space.append(external)
    return etree.tostring(space, xml_declaration=True, encoding="UTF-8", standalone=True)


# -- colours and text ------------------------------------------------------------


def _colour(paint: Paint, look: ChartLook) -> etree._Element:
    if look.theme_colours and paint.theme:
        return _val("a:schemeClr", paint.theme)
    return _val("a:srgbClr", design.hex_digits(paint.rgb))


def _fill(paint: Paint, look: ChartLook) -> etree._Element:
    if paint.hatch:
        return _el(
            "a:pattFill",
            _el("a:fgClr", _val("a:srgbClr", "FFFFFF")),
            _el("a:bgClr", _colour(paint, look)),
            prst=_HATCH_PRESETS[paint.hatch],
        )
    return _el("a:solidFill", _colour(paint, look))


def _line(paint: Optional[Paint], look: ChartLook, width_pt: float = 0.75, dash: Optional[str] = None) -> etree._Element:
    if paint is None:
        return _el("a:ln", _el("a:noFill"))
    return _el(
        "a:ln",
        _fill(Paint(paint.rgb, paint.theme), look),
        _val("a:prstDash", _DASHES[dash]) if dash else None,
        _el("a:round"),
        w=round(width_pt * design.EMU_PER_PT),
        cap="rnd",
    )


def _shape(fill: Optional[Paint], look: ChartLook, outline: Optional[Paint] = None, width_pt: float = 0.75) -> etree._Element:
    """Return `c:spPr` with a fill (None: no fill) and an outline (None: none)."""
    return _el("c:spPr", _fill(fill, look) if fill else _el("a:noFill"), _line(outline, look, width_pt))


def _no_fill_shape() -> etree._Element:
    return _el("c:spPr", _el("a:noFill"), _el("a:ln", _el("a:noFill")))


def _run_properties(tag: str, look: ChartLook, scale: float, paint: Optional[Paint], bold: bool = False) -> etree._Element:
    properties = _el(
        tag,
        _fill(paint, look) if paint else None,
        _el("a:latin", typeface=look.latin),
        _el("a:ea", typeface=look.east_asian),
        _el("a:cs", typeface=look.latin),
        lang="zh-CN",
        sz=round(look.base_pt * scale * 100),
        b=int(bold),
    )
    return properties


def _body(wrap: bool) -> etree._Element:
    """Return `a:bodyPr`; a data label's says wrap="none", so 500余项 never breaks into 500余 / 项."""
    return _el("a:bodyPr") if wrap else _el("a:bodyPr", wrap="none")


def _text_properties(look: ChartLook, scale: float, paint: Optional[Paint], bold: bool = False, wrap: bool = True) -> etree._Element:
    """Return `c:txPr`: the chart's fonts, East Asian included, at a size relative to the base, in a colour."""
    return _el(
        "c:txPr",
        _body(wrap),
        _el("a:lstStyle"),
        _el("a:p", _el("a:pPr", _run_properties("a:defRPr", look, scale, paint, bold)),
            _el("a:endParaRPr", lang="zh-CN")),
    )


def _rich(text: str, look: ChartLook, scale: float, paint: Paint, wrap: bool = True) -> etree._Element:
    """Return `c:tx` holding fixed text in the chart's fonts."""
    run = _el("a:r", _run_properties("a:rPr", look, scale, paint), _el("a:t"))
    run[-1].text = text
    paragraph = _el("a:p", _el("a:pPr", _run_properties("a:defRPr", look, scale, paint)), run)
    return _el("c:tx", _el("c:rich", _body(wrap), _el("a:lstStyle"), paragraph))


# -- data -------------------------------------------------------------------------


def column_letter(index: int) -> str:
    """Return the workbook column of the series at `index` (0 → B): column A holds the categories."""
    return chr(ord("B") + index)


def _number(value: float) -> str:
    return repr(float(value))


def _string_ref(formula: str, texts: Sequence[str]) -> etree._Element:
    cache = _el("c:strCache", _val("c:ptCount", len(texts)))
    for index, text in enumerate(texts):
        point = _el("c:pt", _el("c:v"), idx=index)
        point[0].text = text
        cache.append(point)
    reference = _el("c:strRef", _el("c:f"), cache)
    reference[0].text = formula
    return reference


def _number_ref(formula: str, values: Sequence[Optional[float]]) -> etree._Element:
    cache = _el("c:numCache", _el("c:formatCode"), _val("c:ptCount", len(values)))
    cache[0].text = "General"
    for index, value in enumerate(values):
        if value is not None:
            point = _el("c:pt", _el("c:v"), idx=index)
            point[0].text = _number(value)
            cache.append(point)
    reference = _el("c:numRef", _el("c:f"), cache)
    reference[0].text = formula
    return reference


def _series_data(column: str, series: Series, categories: Sequence[str]) -> list[etree._Element]:
    """Return the series' name, categories and values (`c:tx`, `c:cat`, `c:val`), each with its workbook formula."""
    last = len(categories) + 1
    return [
        _el("c:tx", _string_ref(f"{SHEET}!${column}$1", [series.name])),
        _el("c:cat", _string_ref(f"{SHEET}!$A$2:$A${last}", categories)),
        _el("c:val", _number_ref(f"{SHEET}!${column}$2:${column}${last}", series.values)),
    ]


# -- data labels ------------------------------------------------------------------


def _label_flags(shape_has_position: bool, position: str) -> list[etree._Element]:
    flags = [_val("c:dLblPos", position)] if shape_has_position else []
    return flags + [
        _val("c:showLegendKey", False),
        _val("c:showVal", True),
        _val("c:showCatName", False),
        _val("c:showSerName", False),
        _val("c:showPercent", False),
        _val("c:showBubbleSize", False),
    ]


def _point_label(index: int, label: Optional[PointLabel], series: Series, look: ChartLook, position: Optional[str]) -> etree._Element:
    if label is None:
        return _el("c:dLbl", _val("c:idx", index), _val("c:delete", True))
    paint = label.paint or series.label_paint
    scale = label.scale or series.label_scale
    text = _rich(label.text, look, scale, paint, wrap=False) if label.number_format is None and label.text else None
    number_format = _el("c:numFmt", formatCode=label.number_format, sourceLinked=0) if label.number_format else None
    return _el(
        "c:dLbl",
        _val("c:idx", index),
        text,
        number_format,
        _shape(Paint(series.label_fill.rgb, series.label_fill.theme), look) if series.label_fill else _no_fill_shape(),
        _text_properties(look, scale, paint, wrap=False),
        *_label_flags(position is not None, position or ""),
    )


def _data_labels(series: Series, plot: Plot, look: ChartLook) -> Optional[etree._Element]:
    if not series.labels:
        return None
    position = None if plot.shape == "doughnut" else _LABEL_POSITIONS[series.label_position]
    if plot.stacked and position == "outEnd":
        position = "ctr"  # the schema's stacked bars have no outside end
    labels = _el("c:dLbls")
    for index, label in enumerate(series.labels):
        own = _LABEL_POSITIONS[label.position] if label is not None and label.position and position else position
        labels.append(_point_label(index, label, series, look, own))
    labels.append(_el("c:numFmt", formatCode="General", sourceLinked=0))
    labels.append(_shape(Paint(series.label_fill.rgb, series.label_fill.theme), look) if series.label_fill else _no_fill_shape())
    labels.append(_text_properties(look, series.label_scale, series.label_paint, wrap=False))
    for flag in _label_flags(position is not None, position or ""):
        labels.append(flag)
    return labels


# -- series -----------------------------------------------------------------------


def _bar_series(index: int, series: Series, plot: Plot, look: ChartLook, categories: Sequence[str]) -> etree._Element:
    name, cat, val = _series_data(column_letter(index), series, categories)
    element = _el(
        "c:ser",
        _val("c:idx", index),
        _val("c:order", index),
        name,
        _shape(series.paint, look, Paint(series.paint.edge) if series.paint.edge else None, 0.6),
        _val("c:invertIfNegative", False),
    )
    for point, paint in enumerate(series.point_paints):
        if paint is not None:
            element.append(_el("c:dPt", _val("c:idx", point), _val("c:invertIfNegative", False),
                               _val("c:bubble3D", False), _shape(paint, look)))
    for child in (_data_labels(series, plot, look), cat, val):
        if child is not None:
            element.append(child)
    return element


def _marker(series: Series, look: ChartLook) -> etree._Element:
    if series.marker is None:
        return _el("c:marker", _val("c:symbol", "none"))
    return _el(
        "c:marker",
        _val("c:symbol", series.marker),
        _val("c:size", MARKER_SIZE),
        _el("c:spPr", _el("a:solidFill", _val("a:srgbClr", "FFFFFF")), _line(series.paint, look, 1.5)),
    )


def _line_series(index: int, series: Series, plot: Plot, look: ChartLook, categories: Sequence[str]) -> etree._Element:
    name, cat, val = _series_data(column_letter(index), series, categories)
    line = _el("c:spPr", _line(series.paint, look, LINE_WIDTH_PT, series.dash))
    return _el("c:ser", _val("c:idx", index), _val("c:order", index), name, line, _marker(series, look),
               _data_labels(series, plot, look), cat, val, _val("c:smooth", False))


def _ring_series(index: int, series: Series, plot: Plot, look: ChartLook, categories: Sequence[str]) -> etree._Element:
    name, cat, val = _series_data(column_letter(index), series, categories)
    element = _el("c:ser", _val("c:idx", index), _val("c:order", index), name)
    for point, paint in enumerate(series.point_paints):
        if paint is not None:
            element.append(_el("c:dPt", _val("c:idx", point), _val("c:bubble3D", False), _shape(paint, look)))
    for child in (_data_labels(series, plot, look), cat, val):
        if child is not None:
            element.append(child)
    return element


# -- plots and axes ---------------------------------------------------------------


def _plot(plot: Plot, first_index: int, axis_ids: tuple[int, int], look: ChartLook, categories: Sequence[str]) -> etree._Element:
    indexes = range(first_index, first_index + len(plot.series))
    if plot.shape == "doughnut":
        rings = [_ring_series(i, s, plot, look, categories) for i, s in zip(indexes, plot.series)]
        return _el("c:doughnutChart", _val("c:varyColors", True), *rings,
                   _val("c:firstSliceAng", 0), _val("c:holeSize", plot.hole))
    axes = [_val("c:axId", axis_ids[0]), _val("c:axId", axis_ids[1])]
    if plot.shape == "line":
        lines = [_line_series(i, s, plot, look, categories) for i, s in zip(indexes, plot.series)]
        return _el("c:lineChart", _val("c:grouping", "standard"), _val("c:varyColors", False), *lines,
                   _val("c:marker", True), *axes)
    bars = [_bar_series(i, s, plot, look, categories) for i, s in zip(indexes, plot.series)]
    return _el(
        "c:barChart",
        _val("c:barDir", "bar" if plot.shape == "bar" else "col"),
        _val("c:grouping", "stacked" if plot.stacked else "clustered"),
        _val("c:varyColors", False),
        *bars,
        _val("c:gapWidth", plot.gap_width),
        _val("c:overlap", 100 if plot.stacked else plot.overlap),
        *axes,
    )


def _category_axis(axis_id: int, cross_id: int, horizontal: bool, chart: NativeChart, look: ChartLook,
                   hidden: bool = False, line: bool = True) -> etree._Element:
    orientation = "maxMin" if chart.reverse_categories else "minMax"
    return _el(
        "c:catAx",
        _val("c:axId", axis_id),
        _el("c:scaling", _val("c:orientation", orientation)),
        _val("c:delete", hidden),
        _val("c:axPos", "l" if horizontal else "b"),
        _el("c:numFmt", formatCode="General", sourceLinked=1),
        _val("c:majorTickMark", "none"),
        _val("c:minorTickMark", "none"),
        _val("c:tickLblPos", "low"),
        _shape(None, look, MUTED if line else None, 0.8),
        _text_properties(look, 1.0, TEXT),
        _val("c:crossAx", cross_id),
        _val("c:crosses", "autoZero"),
        _val("c:auto", True),
        _val("c:lblAlgn", "ctr"),
        _val("c:lblOffset", 100),
        _val("c:noMultiLvlLbl", False),
    )


def _value_axis(axis_id: int, cross_id: int, axis: ValueAxis, position: str, look: ChartLook,
                crosses: str = "autoZero") -> etree._Element:
    scaling = _el(
        "c:scaling",
        _val("c:orientation", "minMax"),
        _val("c:max", _number(axis.maximum)) if axis.maximum is not None else None,
        _val("c:min", _number(axis.minimum)) if axis.minimum is not None else None,
    )
    grid = _el("c:majorGridlines", _shape(None, look, Paint(design.GRID_GREY), 0.6)) if axis.gridlines else None
    return _el(
        "c:valAx",
        _val("c:axId", axis_id),
        scaling,
        _val("c:delete", False),
        _val("c:axPos", position),
        grid,
        _el("c:numFmt", formatCode=axis.number_format, sourceLinked=0),
        _val("c:majorTickMark", "none"),
        _val("c:minorTickMark", "none"),
        _val("c:tickLblPos", "nextTo" if axis.tick_labels else "none"),
        _shape(None, look, MUTED if axis.line else None, 0.8),
        _text_properties(look, TICK_SCALE, MUTED),
        _val("c:crossAx", cross_id),
        _val("c:crosses", crosses),
        _val("c:crossBetween", "between"),
        _val("c:majorUnit", _number(axis.major_unit)) if axis.major_unit else None,
    )


def _manual_layout(x: float, y: float, width: Optional[float] = None, height: Optional[float] = None,
                   inner: bool = False) -> etree._Element:
    """Return `c:layout` placing an element at fractions of the chart's width and height from its top left."""
    layout = _el("c:manualLayout", _val("c:layoutTarget", "inner") if inner else None,
                 _val("c:xMode", "edge"), _val("c:yMode", "edge"), _val("c:x", round(x, 4)), _val("c:y", round(y, 4)))
    if width is not None and height is not None:
        layout.append(_val("c:w", round(width, 4)))
        layout.append(_val("c:h", round(height, 4)))
    return _el("c:layout", layout)


def _ring_square(chart: NativeChart) -> tuple[float, float, float, float]:
    """Return where a ring sits when the part's size is known: a square at the left, as fractions (x, y, w, h)."""
    width, height = chart.frame_pt or (1.0, 1.0)
    side = 0.9
    return 0.04, 0.05, side * height / width, side


def _plot_area(chart: NativeChart, look: ChartLook) -> etree._Element:
    fixed_ring = chart.frame_pt is not None and chart.plots[0].shape == "doughnut"
    area = _el("c:plotArea", _manual_layout(*_ring_square(chart), inner=True) if fixed_ring else _el("c:layout"))
    first, second = chart.plots[0], chart.plots[1] if len(chart.plots) > 1 else None
    area.append(_plot(first, 0, (CATEGORY_AXIS_ID, VALUE_AXIS_ID), look, chart.categories))
    if second is not None:
        area.append(_plot(second, len(first.series), (SECOND_CATEGORY_AXIS_ID, SECOND_VALUE_AXIS_ID), look, chart.categories))
    if first.shape != "doughnut":
        horizontal = first.shape == "bar"
        area.append(_category_axis(CATEGORY_AXIS_ID, VALUE_AXIS_ID, horizontal, chart, look, line=first.category_line))
        area.append(_value_axis(VALUE_AXIS_ID, CATEGORY_AXIS_ID, first.axis, "b" if horizontal else "l", look))
        if second is not None:
            area.append(_category_axis(SECOND_CATEGORY_AXIS_ID, SECOND_VALUE_AXIS_ID, False, chart, look, hidden=True))
            area.append(_value_axis(SECOND_VALUE_AXIS_ID, SECOND_CATEGORY_AXIS_ID, second.axis, "r", look, crosses="max"))
    area.append(_no_fill_shape())
    return area


def _legend(chart: NativeChart, look: ChartLook) -> etree._Element:
    right = chart.legend_position == "right"
    layout = None
    if right and chart.frame_pt is not None:
        x, _, width, _ = _ring_square(chart)
        layout = _manual_layout(x + width + 0.06, 0.3)
    # A ring's legend names its part only: the grey rest of the whole is not a thing the data reports.
    hidden = [_el("c:legendEntry", _val("c:idx", index), _val("c:delete", True))
              for index in range(1, len(chart.categories))] if chart.plots[0].shape == "doughnut" else []
    return _el("c:legend", _val("c:legendPos", "r" if right else "t"), *hidden, layout, _val("c:overlay", False),
               _no_fill_shape(), _text_properties(look, 1.0 if right else TICK_SCALE, TEXT))


CENTRE_FILL = 0.8
"""The most of a ring's hole its centred share may span."""
DRAWN_HOLE = 50
"""The hole LibreOffice draws whatever `c:holeSize` asks (half the diameter), which the share must fit too."""


def _ems(text: str) -> float:
    """Return the width of text in ems: a Chinese character one, a digit, letter or sign a little over half."""
    return sum(1.0 if ord(char) >= 0x2E80 else 0.6 for char in text)


def _centre_title(chart: NativeChart, look: ChartLook) -> etree._Element:
    """Return a title laid over the middle of a ring: its share, as text the reader can edit."""
    text = chart.centre_text or ""
    width, height = chart.frame_pt or (1.0, 1.0)
    x, y, ring_width, ring_height = _ring_square(chart)
    # As large as asked, but never wider than most of the hole, so the share stays off the ring.
    hole = min(chart.plots[0].hole, DRAWN_HOLE) / 100 * ring_height * height
    scale = min(chart.centre_scale, CENTRE_FILL * hole / ((_ems(text) + 0.5) * look.base_pt))
    size = look.base_pt * scale
    # A title's position is its box's top left, and the box has insets: about a quarter em at the left and
    # half an em above the text, as Word and LibreOffice draw it.
    left = x + ring_width / 2 - (_ems(text) / 2 + 0.25) * size / width
    top = y + ring_height / 2 - 1.1 * size / height
    return _el(
        "c:title",
        _rich(text, look, scale, chart.centre_paint),
        _manual_layout(left, top),
        _val("c:overlay", True),
        _no_fill_shape(),
    )
