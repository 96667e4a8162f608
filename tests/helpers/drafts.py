"""Hand-written 公文 drafts for the proofreading tests: one planted error of each rule, each at a known place."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.shared import Mm, Pt

PLANTED = {
    # rule id: (the place check names, the text planted there)
    "gw.doc-number": ("top ¶1", "北碚府发[2025]第03号"),
    "num.year-short": ("一、总体情况 ¶1", "25年8月，全区完成固定资产投资120亿元。"),
    "num.range-percent": ("一、总体情况 ¶2", "重点项目投资增速保持在10～20%之间。"),
    "num.date-padded": ("一、总体情况 ¶3", "全区工作会议于2025年08月15日召开。"),
    "num.date-mixed": ("一、总体情况 ¶4", "新办法自二〇二五年8月起实施。"),
    "num.decimal-zero": ("一、总体情况 ¶5", "城镇调查失业率下降.5个百分点。"),
    "punct.halfwidth": ("一、总体情况 ¶6", "各项工作有序推进,成效明显。"),
    "punct.pairs": ("一、总体情况 ¶7", "全区开展“提升执行力主题年活动。"),
    "punct.quote-nesting": ("一、总体情况 ¶8", "深入开展“争创“八个一流”活动”。"),
    "punct.dunhao-deng": ("一、总体情况 ¶9", "服务覆盖教育、医疗、养老、等领域。"),
    "punct.dunhao-quotes": ("一、总体情况 ¶10", "落实“稳存量”、“扩增量”的要求。"),
    "punct.ellipsis": ("一、总体情况 ¶11", "项目涵盖交通、水利..."),
    "punct.range-connector": ("一、总体情况 ¶12", "2021-2025年累计新增就业3万人。"),
    "stat.amount-change": ("一、总体情况 ¶13", "城镇居民人均可支配收入比上年增长1450元。"),
    "stat.points-change": ("一、总体情况 ¶14", "常住人口城镇化率增长0.8个百分点。"),
    "stat.negative-change": ("一、总体情况 ¶15", "规模以上工业增加值增长-0.2%。"),
    "stat.rank": ("一、总体情况 ¶16", "营商环境评价名列全市3位。"),
    "stat.approx-yu": ("一、总体情况 ¶17", "与周边区县签订合作协议61余份。"),
    "stat.period-repeated": ("一、总体情况 ¶18", "2025年一季度，全区营收增长8%，一季度利润增长5%。"),
    "stat.unit-scale": ("一、总体情况 ¶19", "全年新增市场主体2.5万户，近3年年均新发展13500户。"),
    "gw.sequence": ("heading 一、总体情况 › （三）加强协调", "（三）加强协调"),
    "gw.label-form": ("一、总体情况 › （三）加强协调 ¶1", "1、明确责任分工，压实工作责任。"),
    "gw.lone-label": ("heading 二、工作成效 › （一）典型做法", "（一）典型做法"),
    "num.range-magnitude": ("table 1 row 2 col 2", "3～5万元"),
    "num.fullwidth-digit": ("header of section 1 ¶1", "北碚区工作动态第３２期"),
    "gw.signing-date": ("二、工作成效 › （一）典型做法 ¶2", "二〇二五年八月一日"),
    "gw.paper": ("page set-up of section 1", ""),
    "gw.margins": ("page set-up of section 1", ""),
    "gw.grid": ("page set-up of section 1", ""),
}
"""Each rule's planted error: where `check` must name it, and the text of that place."""


def planted_draft(path: Path) -> Path:
    """Write a draft on US Letter with a 16 pt body at exact 28 pt lines: every rule's error once (see PLANTED)."""
    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.size = Pt(16)
    normal.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    normal.paragraph_format.line_spacing = Pt(28)
    document.sections[0].header.paragraphs[0].text = PLANTED["num.fullwidth-digit"][1]
    text = {rule: planted for rule, (_, planted) in PLANTED.items()}
    document.add_paragraph(text["gw.doc-number"])
    document.add_heading("一、总体情况", level=1)
    for rule, (place, planted) in PLANTED.items():
        if place.startswith("一、总体情况 ¶"):
            document.add_paragraph(planted)
    document.add_heading("（一）统筹推进", level=2)
    document.add_paragraph("各部门按照分工抓好落实。")
    document.add_heading(text["gw.sequence"], level=2)
    document.add_paragraph(text["gw.label-form"])
    table = document.add_table(rows=2, cols=2)
    for cell, value in zip(table.rows[0].cells + table.rows[1].cells, ("指标", "数值", "新增投资", text["num.range-magnitude"])):
        cell.text = value
    document.add_heading("二、工作成效", level=1)
    document.add_heading(text["gw.lone-label"], level=2)
    document.add_paragraph("全区各项工作取得积极进展。")
    document.add_paragraph(text["gw.signing-date"]).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    document.save(path)
    return path


def clean_draft(path: Path, *paragraphs: str) -> Path:
    """Write a draft on the GB/T 9704 page (A4, 37/35/28/26 mm, 22 lines of 28 characters) holding only `paragraphs`."""
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin, section.left_margin, section.right_margin = Mm(37), Mm(35), Mm(28), Mm(26)
    normal = document.styles["Normal"]
    normal.font.size = Pt(15.75)
    normal.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    normal.paragraph_format.line_spacing = Pt(28.95)
    for text in paragraphs:
        document.add_paragraph(text)
    document.save(path)
    return path
