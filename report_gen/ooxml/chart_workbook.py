"""The workbook embedded beside a chart part: the data a reader edits in PowerPoint or Word.

Column A holds the categories under an empty corner, each further column one
series with its name in row 1, in the order of `NativeChart.all_series()`,
on the sheet the chart's formulas name (`chart_xml.SHEET`). Written with
XlsxWriter, which dates its zip entries 1980-01-01; the workbook's own
creation date is the report's, so the same chart gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io

import xlsxwriter

from .chart_description import NativeChart
from .chart_xml import SHEET


def chart_workbook(chart: NativeChart, created: dt.date) -> bytes:
    """Return the .xlsx bytes holding a chart's categories and series values, dated `created`."""
    stream = io.BytesIO()
    workbook = xlsxwriter.Workbook(stream, {"in_memory": True})
    workbook.set_properties({"created": dt.datetime(created.year, created.month, created.day)})
    sheet = workbook.add_worksheet(SHEET)
    widest = max((len(category) for category in chart.categories), default=4)
    sheet.set_column(0, 0, min(60, 2.2 * widest + 2))
    for row, category in enumerate(chart.categories, start=1):
        sheet.write_string(row, 0, category)
    for column, series in enumerate(chart.all_series(), start=1):
        sheet.write_string(0, column, series.name)
        sheet.set_column(column, column, min(40, max(10, 2.2 * len(series.name) + 2)))
        for row, value in enumerate(series.values, start=1):
            if value is not None:
                sheet.write_number(row, column, value)
    workbook.close()
    return stream.getvalue()
