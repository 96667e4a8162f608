"""A native chart in a Word document, laid out as Word lays out its own: a chart part with its data in an
embedded workbook, shown inline in a run.

python-docx writes no charts (python-docx #1594). Word keeps a chart in
`word/charts/chartN.xml`, related from the document part, with its workbook
in `word/embeddings/` related from the chart as a package, and places it in a
run as `w:drawing/wp:inline` holding a `c:chart` reference. The chart part is
`chart_xml`'s, the same a slide gets; this module adds the parts and the
inline drawing, described by its alt text (`wp:docPr/@descr`).
"""

from __future__ import annotations

import datetime as dt

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml.ns import nsmap, qn
from docx.shared import Length
from docx.text.run import Run
from lxml import etree

from .chart_description import ChartLook, NativeChart
from .chart_workbook import chart_workbook
from .chart_xml import chart_xml

CHART_PARTNAME = "/word/charts/chart%d.xml"
WORKBOOK_PARTNAME = "/word/embeddings/Microsoft_Excel_Worksheet%d.xlsx"
"""Where Word itself puts a chart and its workbook."""
WORKBOOK_RID = "rId1"
"""The workbook is the first and only relationship of a new chart part."""
CHART_URI = "http://schemas.openxmlformats.org/drawingml/2006/chart"


def add_native_chart(run: Run, chart: NativeChart, look: ChartLook, created: dt.date, width: Length, height: Length,
                     description: str, name: str) -> None:
    """Put a chart in a run, `width` by `height`, described by its alt text; its workbook is dated `created`."""
    document_part = run.part
    package = document_part.package
    chart_part = Part(package.next_partname(CHART_PARTNAME), CT.DML_CHART, chart_xml(chart, look, WORKBOOK_RID), package)
    chart_rid = document_part.relate_to(chart_part, RT.CHART)
    workbook = Part(PackURI(package.next_partname(WORKBOOK_PARTNAME)), CT.SML_SHEET, chart_workbook(chart, created), package)
    workbook_rid = chart_part.relate_to(workbook, RT.PACKAGE)
    assert workbook_rid == WORKBOOK_RID, "a new chart part's first relationship is rId1"
    run._r.append(_inline_drawing(chart_rid, document_part.next_id, width, height, description, name))


def _element(tag: str, parent: etree._Element | None = None, **attributes) -> etree._Element:
    values = {qn(key) if ":" in key else key: str(value) for key, value in attributes.items()}
    if parent is None:
        return etree.Element(qn(tag), values, nsmap={key: nsmap[key] for key in ("w", "wp", "a", "c", "r")})
    return etree.SubElement(parent, qn(tag), values)


def _inline_drawing(chart_rid: str, shape_id: int, width: Length, height: Length, description: str, name: str) -> etree._Element:
    """Return `w:drawing` showing the related chart inline, as Word writes it."""
    drawing = _element("w:drawing")
    inline = _element("wp:inline", drawing, distT=0, distB=0, distL=0, distR=0)
    _element("wp:extent", inline, cx=int(width), cy=int(height))
    _element("wp:effectExtent", inline, l=0, t=0, r=0, b=0)
    _element("wp:docPr", inline, id=shape_id, name=name, descr=description)
    _element("wp:cNvGraphicFramePr", inline)
    graphic = _element("a:graphic", inline)
    data = _element("a:graphicData", graphic, uri=CHART_URI)
    _element("c:chart", data, **{"r:id": chart_rid})
    return drawing
