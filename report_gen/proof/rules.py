"""The rules, one table: each with its id, standard and clause, severity, message, and the function that finds it.

The README's table of rules is made from RULES (a test checks it), and the
tests plant the `example` of every rule in a draft and expect it found.

Severity follows the clause: what the standard requires (应, 不应, 不得, 必须,
or a form it fixes) is an error; what it calls usual (一般, 通常, 可) is a
warning. Bulletins' usage is an error where every bulletin writes it one way
(增加14545元, 第13位) and a warning where a person must judge (61余份, a
period said twice).
"""

from __future__ import annotations

from . import numerals, official, punctuation, usage
from .model import Rule, Severity

ERROR, WARNING = Severity.ERROR, Severity.WARNING
NUMBERS, PUNCTUATION, OFFICIAL, BULLETINS = "GB/T 15835-2011", "GB/T 15834-2011", "GB/T 9704-2012", "统计公报 usage"
PROSE = ("body", "textbox", "generated")
"""Passages of running text: not table cells, headers or footers, where labels and bare dates have other uses."""

RULES: tuple[Rule, ...] = (
    # -- numbers, GB/T 15835-2011 --
    Rule("num.year-short", NUMBERS, "5.1.4 年月日", ERROR,
         "a year is written in full: 2025年, not 25年",
         "年份应写全，不简写为两位数字（2025年，不写25年）。",
         scan_text=numerals.year_short, fixes=True, example="25年8月"),
    Rule("num.range-percent", NUMBERS, "5.1.3 数值范围", ERROR,
         "a percent range keeps % on both numbers: 15%～30%, not 15～30%",
         "百分数范围前后两个数值都应带%（15%～30%，不写15～30%）。",
         scan_text=numerals.percent_range, fixes=True, example="10～20%"),
    Rule("num.range-magnitude", NUMBERS, "5.1.3 数值范围", ERROR,
         "a range keeps 万 or 亿 on both numbers: 3万～5万元, not 3～5万元",
         "数值范围前后两个数值都应带万、亿（3万～5万元，不写3～5万元）。",
         scan_text=numerals.magnitude_range, fixes=True, example="3～5万元"),
    Rule("num.date-padded", NUMBERS, "5.1.4 年月日", ERROR,
         "a month or day in a Chinese date takes no leading zero: 8月1日, not 08月01日",
         "月、日不编虚位（8月1日，不写08月01日）。",
         scan_text=numerals.date_padded, fixes=True, example="2025年08月01日"),
    Rule("num.date-mixed", NUMBERS, "5.3 阿拉伯数字与汉字数字同时使用", ERROR,
         "one date is written in one kind of digits: 2025年8月, not 二〇二五年8月",
         "同一日期不应混用汉字数字和阿拉伯数字（2025年8月，不写二〇二五年8月）。",
         scan_text=numerals.date_mixed, fixes=True, example="二〇二五年8月"),
    Rule("num.fullwidth-digit", NUMBERS, "5.1.7.1 字体", WARNING,
         "Arabic digits are half width: 32, not ３２",
         "阿拉伯数字一般应使用半角（32，不写３２）。",
         scan_text=numerals.fullwidth_digit, fixes=True, example="３２个"),
    Rule("num.decimal-zero", NUMBERS, "5.1.2 纯小数", ERROR,
         "a decimal below one keeps its leading zero: 0.46, not .46",
         "纯小数必须写出小数点前的“0”（0.46，不写.46）。",
         scan_text=numerals.decimal_zero, fixes=True, example="增长.5%"),
    # -- punctuation, GB/T 15834-2011 --
    Rule("punct.halfwidth", PUNCTUATION, "5.1.1 横排文稿", ERROR,
         "Chinese text takes full-width marks: ，；：？！（）“”, not , ; : ? ! ( ) \"",
         "中文语句中应使用全角标点（，；：？！（）“”）。",
         scan_text=punctuation.halfwidth, fixes=True, example="完成任务,效果明显"),
    Rule("punct.pairs", PUNCTUATION, "4.8–4.15 引号、括号、书名号", ERROR,
         "paired marks balance: every “ ‘ 《 （ 〔 【 is closed, and nothing is closed that was not opened",
         "引号、括号、书名号应成对使用，不应缺前半或后半。",
         scan_passages=punctuation.unbalanced, example="“提升执行力主题年"),
    Rule("punct.quote-nesting", PUNCTUATION, "4.8.3.4 引号", ERROR,
         "quotes nest as “ ‘ ’ ”: a quote inside a quote takes single quotes",
         "引号内再用引号时，外面一层用双引号，里面一层用单引号。",
         scan_text=punctuation.quote_nesting, fixes=True, example="“开展“双报到”活动”"),
    Rule("punct.dunhao-deng", PUNCTUATION, "4.5.3.1 顿号", ERROR,
         "no 、 before 等: 甲、乙等, not 甲、乙、等",
         "“等”前不用顿号。",
         scan_text=punctuation.dunhao_before_deng, fixes=True, example="教育、医疗、等"),
    Rule("punct.dunhao-quotes", PUNCTUATION, "4.5.3.5 顿号", WARNING,
         "quoted or titled items side by side usually take no 、 between them: “甲”“乙”, 《甲》《乙》",
         "标有引号或书名号的并列成分之间通常不用顿号。",
         scan_text=punctuation.dunhao_between_quotes, fixes=True, example="“稳存量”、“扩增量”"),
    Rule("punct.ellipsis", PUNCTUATION, "4.11 省略号", ERROR,
         "the ellipsis is …… (two …), not ... or 。。。 or a single …",
         "省略号应为“……”。",
         scan_text=punctuation.ellipsis, fixes=True, example="等等..."),
    Rule("punct.range-connector", PUNCTUATION, "4.13 连接号", WARNING,
         "a range of values takes ～ and a span of time —: 10～20个, 2020—2024年, not 10-20个 or 2020-2024年",
         "数值范围用浪纹线“～”，时间起止用一字线“—”，不用半字线“-”。",
         scan_text=punctuation.range_connector, fixes=True, example="2020-2024年"),
    # -- the 公文's elements, GB/T 9704-2012 --
    Rule("gw.sequence", OFFICIAL, "7.3.3 正文", ERROR,
         "sequence labels run in order under their parent: 一、二、三、, （一）（二）, 1. 2., （1）（2）, each level from 1",
         "结构层次序数应依次编排，每一层从“一”或“1”起，不跳号、不重号。",
         scan_passages=official.sequence, example="（二）"),
    Rule("gw.lone-label", OFFICIAL, "7.3.3 正文", WARNING,
         "a level with a single item is not numbered: a lone （一） has no （二）",
         "同一层次只有一项时一般不编序号。",
         scan_passages=official.lone_label, example="（一）"),
    Rule("gw.label-form", OFFICIAL, "7.3.3 正文", WARNING,
         "labels are written 一、 （一） 1. （1）: not 1、, 一., or a mark after a bracketed label",
         "结构层次序数依次用“一、”“（一）”“1.”“（1）”标注，括号序号后不加标点。",
         scan_text=official.label_form, fixes=True, example="1、", kinds=PROSE),
    Rule("gw.doc-number", OFFICIAL, "7.2.5 发文字号", ERROR,
         "a 发文字号 is 机关代字〔2025〕3号: the full year in 〔〕, no 第, no leading zero",
         "发文字号年份应标全称并用六角括号“〔〕”括入，顺序号不加“第”字、不编虚位。",
         scan_text=official.document_number, fixes=True, example="北碚府发[2025]第03号"),
    Rule("gw.signing-date", OFFICIAL, "7.3.5.4 成文日期中的数字", ERROR,
         "the 成文日期 is in Arabic digits with 年月日: 2025年8月1日, not 二〇二五年八月一日 or 2025.8.1",
         "成文日期用阿拉伯数字将年、月、日标全（2025年8月1日）。",
         scan_text=official.signing_date, fixes=True, example="二〇二五年八月一日", kinds=PROSE),
    Rule("gw.paper", OFFICIAL, "5.1 幅面尺寸", ERROR,
         "a 公文 is printed on A4 paper, 210 × 297 mm",
         "公文用纸采用A4型纸（210 mm × 297 mm）。",
         scan_page=official.paper),
    Rule("gw.margins", OFFICIAL, "5.2.1 页边与版心尺寸", ERROR,
         "the top margin is 37 mm and the left 28 mm (±1 mm), the text area 156 × 225 mm",
         "天头37 mm，订口28 mm，版心156 mm × 225 mm（允许误差1 mm）。",
         scan_page=official.margins),
    Rule("gw.grid", OFFICIAL, "5.2.3 行数和字数", WARNING,
         "the usual grid is 22 lines a page of 28 characters (一般, so a warning)",
         "一般每面排22行，每行排28个字。",
         scan_page=official.grid),
    # -- statistical bulletins' usage --
    Rule("stat.amount-change", BULLETINS, "增加/减少 with an amount", ERROR,
         "an absolute amount is 增加 or 减少, a rate 增长 or 下降: 增加14545元, not 增长14545元",
         "绝对量的变化用“增加”“减少”（增加14545元），“增长”“下降”用于速度（增长7.7%）。",
         scan_text=usage.amount_change, fixes=True, example="比上年增长14545元"),
    Rule("stat.points-change", BULLETINS, "提高/下降 with 个百分点", WARNING,
         "a change in percentage points is 提高 or 下降: 提高0.8个百分点, not 增长0.8个百分点",
         "百分点的变化一般用“提高”“下降”（提高0.8个百分点）。",
         scan_text=usage.points_change, fixes=True, example="增长0.8个百分点"),
    Rule("stat.negative-change", BULLETINS, "下降 for a fall", ERROR,
         "a fall is 下降 with the absolute value: 下降0.2%, not 增长-0.2%",
         "负增长写作“下降”加绝对值（下降0.2%，不写增长-0.2%）。",
         scan_text=usage.negative_change, fixes=True, example="增长-0.2%"),
    Rule("stat.rank", BULLETINS, "第N位", ERROR,
         "a rank is 第N位: 名列全国第13位, 位居全市第1位, not 名列全国13位 or 位次1位",
         "位次应写“第N位”（名列全国第13位，不写名列全国13位、位次1位）。",
         scan_text=usage.rank, fixes=True, example="名列全国13位"),
    Rule("stat.approx-yu", BULLETINS, "余 after a round number", WARNING,
         "余 follows a round number: 60余份 or 61份, not 61余份",
         "“余”用在整数（如500余项）之后，61余份应核实改写。",
         scan_text=usage.approximate_yu, example="61余份"),
    Rule("stat.period-repeated", BULLETINS, "one period a sentence", WARNING,
         "a sentence names its period once: 2022年一季度，营收…，净利润…, not …，一季度净利润…",
         "同一句中时期只交代一次，不重复。",
         scan_text=usage.period_repeated, example="2022年一季度，营收增长48%，一季度净利润增长220%"),
    Rule("stat.unit-scale", BULLETINS, "one scale a sentence", WARNING,
         "a sentence writes counts of one unit in one scale: 2.5万户 and 1.35万户, not 2.5万户 beside 13500户",
         "同一句中同一计量单位的数值，量级写法应一致（2.5万户与1.35万户，不写2.5万户与13500户）。",
         scan_text=usage.unit_scale, kinds=PROSE, example="新增市场主体2.5万户，年均新发展13500户"),
)
"""Every rule, in the order the README lists them."""

BY_ID = {rule.id: rule for rule in RULES}
"""The rules by id."""
