"""A native chart on a slide: the chart part `chart_xml` writes, its workbook, and the graphic frame that shows it.

python-pptx makes a chart part only from its own chart data, one chart type a
part; here the part is report_gen's own (`chart_xml`), loaded as python-pptx's
`ChartPart` so that `GraphicFrame.chart` reads it back, and related to the
slide the way `SlideShapes.add_chart` relates its own.
"""

from __future__ import annotations

import datetime as dt

from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.parts.chart import ChartPart
from pptx.parts.embeddedpackage import EmbeddedXlsxPart
from pptx.shapes.graphfrm import GraphicFrame
from pptx.util import Emu

from .chart_description import ChartLook, NativeChart
from .chart_workbook import chart_workbook
from .chart_xml import chart_xml
from .pptx import set_alt_text

WORKBOOK_RID = "rId1"
"""The workbook is the first and only relationship of a new chart part."""


def add_native_chart(shapes, left: int, top: int, width: int, height: int, chart: NativeChart, look: ChartLook,
                     created: dt.date, description: str, name: str) -> GraphicFrame:
    """Add a chart to a slide's shapes at a box given in EMU; return its graphic frame, described by its alt text.

    The chart's workbook is dated `created` (the report's date), so two builds give the same bytes.
    """
    slide_part = shapes.part
    package = slide_part.package
    part = ChartPart.load(package.next_partname(ChartPart.partname_template), CT.DML_CHART, package,
                          chart_xml(chart, look, WORKBOOK_RID))
    workbook_rid = part.relate_to(EmbeddedXlsxPart.new(chart_workbook(chart, created), package), RT.PACKAGE)
    assert workbook_rid == WORKBOOK_RID, "a new chart part's first relationship is rId1"
    rid = slide_part.relate_to(part, RT.CHART)
    element = shapes._add_chart_graphicFrame(rid, Emu(left), Emu(top), Emu(width), Emu(height))
    shapes._recalculate_extents()
    frame = shapes._shape_factory(element)
    set_alt_text(frame, description, name=name)
    return frame
