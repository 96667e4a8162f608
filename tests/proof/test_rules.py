"""Each rule finds its error, names its standard, fixes only what is certain, and leaves honest writing alone."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from report_gen.proof import BY_ID, RULES, Passage, Severity, proofread, proofread_texts
from report_gen.proof.numerals import full_year
from report_gen.proof.reference import readme_with_rules
from tests.helpers import ROOT


def findings_of(rule_id: str, *texts: str, kind: str = "body"):
    return [finding for finding in proofread([Passage(f"¶{n}", text, kind) for n, text in enumerate(texts, 1)])
            if finding.rule.id == rule_id]


def test_every_rule_has_an_id_a_standard_a_clause_and_messages():
    assert len(BY_ID) == len(RULES)
    for rule in RULES:
        assert re.fullmatch(r"(num|punct|gw|stat)\.[a-z-]+", rule.id)
        assert rule.standard in ("GB/T 15835-2011", "GB/T 15834-2011", "GB/T 9704-2012", "统计公报 usage")
        assert rule.clause and rule.message and rule.comment
        assert sum(scan is not None for scan in (rule.scan_text, rule.scan_passages, rule.scan_page)) == 1


def test_a_usual_rule_of_gbt_9704_is_a_warning_and_a_required_one_an_error():
    assert BY_ID["gw.grid"].severity is Severity.WARNING
    assert BY_ID["gw.doc-number"].severity is Severity.ERROR
    assert BY_ID["stat.approx-yu"].severity is Severity.WARNING


@pytest.mark.parametrize("rule", [rule for rule in RULES if rule.example], ids=lambda rule: rule.id)
def test_each_rule_finds_its_example(rule):
    texts = ["一、总体情况", rule.example] if rule.id.startswith("gw.") and rule.scan_passages else [rule.example]
    assert findings_of(rule.id, *texts), rule.example


@pytest.mark.parametrize("text, rule_id, fixed", [
    ("2025年08月01日", "num.date-padded", "2025年8月1日"),
    ("10～20%", "num.range-percent", "10%～20%"),
    ("3～5万元", "num.range-magnitude", "3万～5万元"),
    ("二〇二五年8月", "num.date-mixed", "2025年8月"),
    ("2025年十二月三日", "num.date-mixed", "2025年12月3日"),
    ("第３２期", "num.fullwidth-digit", "第32期"),
    ("完成任务,效果明显", "punct.halfwidth", "完成任务，效果明显"),
    ("他说\"好\"。", "punct.halfwidth", "他说“好”。"),
    ("开展“争创“八个一流”活动”", "punct.quote-nesting", "开展“争创‘八个一流’活动”"),
    ("教育、医疗、等", "punct.dunhao-deng", "教育、医疗等"),
    ("2020-2024年", "punct.range-connector", "2020—2024年"),
    ("10-20个", "punct.range-connector", "10～20个"),
    ("北碚府发（25）第3号", "gw.doc-number", "北碚府发〔2025〕3号"),
    ("2025.8.1", "gw.signing-date", "2025年8月1日"),
    ("比上年下降587个", "stat.amount-change", "比上年减少587个"),
    ("增长-0.2%", "stat.negative-change", "下降0.2%"),
    ("位居全市1位", "stat.rank", "位居全市第1位"),
])
def test_a_fix_writes_the_right_form(text, rule_id, fixed):
    found = findings_of(rule_id, text)
    assert found
    result = text
    for finding in sorted(found, key=lambda finding: finding.start, reverse=True):
        result = result[:finding.start] + finding.fix + result[finding.end:]
    assert result == fixed


@pytest.mark.parametrize("text", [
    "他在基层工作了25年，近30年来扎根乡村。",      # 25年 as a duration
    "单价3～5元，工期15～30天。",                  # one unit may stand for both ends
    "报表日期为2025-08-01。",                      # the extended format may pad
    "营收约12.5亿元，增长48%，增加14545元。",
    "会议于15:40开始，比例为3:2。",
    "第3、4条已修订。",
    "与10余所高校合作，选派400余名党员。",
    "位居全市第1位，居六区两县第一，排名前3位。",
    "提高0.8个百分点，下降3.2个百分点。",
    "GB/T 9704-2012规定版心为156 mm × 225 mm。",
    "由2021年的120个增加到2022年的150个，比2021年增长25%。",
    "《2024年上半年工作总结》称，2024年上半年产值增长6%。",
    "Python, R and Excel",
    "共有“企业有工用，毕业生有业就”的局面……",
])
def test_honest_writing_is_left_alone(text):
    assert proofread_texts([("¶1", text)]) == []


def test_a_quotation_of_several_paragraphs_opens_each_and_closes_the_last():
    passages = ["他说：“第一段。", "“第二段。", "“第三段。”"]
    assert findings_of("punct.pairs", *passages) == []
    assert [f.place for f in findings_of("punct.pairs", "他说：“第一段。", "第二段。")] == ["¶1"]


def test_sequence_labels_count_from_one_under_each_parent():
    texts = ["一、甲", "（一）子", "（二）子", "二、乙", "（一）子", "（三）子", "三、丙", "五、戊"]
    found = findings_of("gw.sequence", *texts)
    assert [(f.place, f.quote) for f in found] == [("¶6", "（三）"), ("¶8", "五、")]
    assert "expected （二）" in found[0].message()


def test_an_unnumbered_heading_starts_the_count_of_the_labels_under_it_afresh():
    """A section's only part is not numbered (no lone （一）); the 1. 2. under it count from 1 again."""
    passages = [Passage("a", "一、甲", "body", "Heading 1"), Passage("b", "1.注一。"), Passage("c", "2.注二。"),
                Passage("d", "典型案例", "body", "Heading 2"), Passage("e", "1.案例一。"), Passage("f", "2.案例二。"),
                Passage("g", "二、乙", "body", "Heading 1")]
    assert [f for f in proofread(passages) if f.rule.id in ("gw.sequence", "gw.lone-label")] == []
    run_on = [Passage("a", "一、甲", "body", "Heading 1"), Passage("b", "1.注一。"), Passage("c", "典型案例"), Passage("d", "1.案例。"),
              Passage("e", "二、乙", "body", "Heading 1")]
    assert [f.place for f in proofread(run_on) if f.rule.id == "gw.sequence"] == ["d"], "a plain paragraph is no heading"


def test_labels_and_bare_dates_in_tables_and_a_table_of_contents_are_not_checked_as_the_body_s():
    passages = [Passage("t", "（二）表内", "table"), Passage("c", "（二）目录行", "body", "toc 2"),
                Passage("d", "2025.8.1", "table"), Passage("e", "1、表内项", "table")]
    assert [f for f in proofread(passages) if f.rule.id.startswith("gw.")] == []


def test_a_two_digit_year_is_completed_only_where_the_century_is_clear():
    today = dt.date(2026, 3, 1)
    assert full_year("25", today) == "2025" and full_year("27", today) == "2027"
    assert full_year("98", today) == "1998" and full_year("35", today) is None


def test_a_finding_quotes_its_text_and_names_rule_standard_and_place():
    finding = findings_of("num.range-percent", "重点项目投资增速保持在10～20%之间。")[0]
    line = finding.line()
    assert line.startswith("¶1: error num.range-percent (GB/T 15835-2011 5.1.3): ")
    assert "【10～20%】" in line and "→ 10%～20%" in line


def test_the_readme_lists_every_rule_as_the_registry_says():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme_with_rules(readme) == readme, "run: python -m report_gen.proof.reference"
    listed = re.findall(r"^\| `([a-z]+\.[a-z-]+)` \|", readme, re.MULTILINE)
    assert listed == [rule.id for rule in RULES]


def test_a_note_s_numbered_items_are_a_list_of_their_own_not_a_level_of_the_text():
    passages = [Passage("a", "一、总体情况", "body"), Passage("b", "注：1.甲指标：口径说明。", "body"),
                Passage("c", "2.乙指标：口径说明。", "body"), Passage("d", "（一）典型案例", "body"),
                Passage("e", "1.案例一。", "body"), Passage("f", "2.案例二。", "body"), Passage("g", "二、下一部分", "body")]
    found = [(f.rule.id, f.passage.place) for f in proofread(passages) if f.rule.id == "gw.sequence"]
    assert found == []
    unnoted = [Passage("b", "说明：1.甲。", "body"), Passage("c", "2.乙。", "body")]
    assert [f.rule.id for f in proofread(unnoted) if f.rule.id == "gw.sequence"] == ["gw.sequence"]
