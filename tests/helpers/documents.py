"""Helpers the briefing's tests share: stand-in chart pictures, and the mini report as a 简报."""

from __future__ import annotations

import copy

import yaml

from tests.helpers import MINI, stand_in_png
from report_gen.charts import RenderedChart
from report_gen.data.model import Report


PNG = stand_in_png(156, 96, 100)


def stand_in_charts(report: Report) -> dict[str, RenderedChart]:
    """A picture for every chart of a report, drawn quickly: for tests of the document rather than the charts."""
    return {
        chart.id: RenderedChart(chart.id, PNG, 156, 96, 100, f"{chart.title}：示意图")
        for _, chart in report.all_charts()
    }


BULLETIN = {
    "name": "示例区党建工作简报",
    "issue": "第3期",
    # Given out of order: the 报尾 prints 报, 送, 发 whatever order the data uses.
    "distribution": {"发": ["各镇街党（工）委", "区级各部门"], "报": ["区委办公室"], "送": ["区人大常委会办公室"]},
    "copies": 60,
}


def jianbao_raw(**bulletin) -> dict:
    """The mini report's data as a 简报: BULLETIN, with `bulletin`'s fields changed, and the jianbao preset."""
    raw = yaml.safe_load(MINI.read_text(encoding="utf-8"))
    raw["report"]["bulletin"] = {**copy.deepcopy(BULLETIN), **bulletin}
    raw["style"] = {"briefing": {"preset": "jianbao"}}
    return raw


def docx_text(document) -> str:
    """The text of a python-docx document: its paragraphs, then every table cell."""
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts)
