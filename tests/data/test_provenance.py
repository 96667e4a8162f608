"""Every figure of the default data is traceable: its excerpt stands verbatim in its source."""

import shutil

import pytest

from tests.helpers import BEIBEI
from report_gen.errors import DataError
from report_gen.data.load import load_located
from report_gen.data.provenance import check_provenance, read_numbers, require_provenance


def test_every_default_figure_is_found_in_its_article(seeds):
    assert check_provenance(load_located(BEIBEI), seeds) == []


def test_a_tampered_figure_is_caught_and_located(seeds, tmp_path):
    text = BEIBEI.read_text(encoding="utf-8")
    assert text.count("excerpt: 营收约12.5亿元") == 1
    tampered = tmp_path / "beibei.yaml"
    tampered.write_text(text.replace("excerpt: 营收约12.5亿元", "excerpt: 营收约13.5亿元"), encoding="utf-8")
    line = text[: text.index("excerpt: 营收约12.5亿元")].count("\n") + 1
    with pytest.raises(DataError) as caught:
        require_provenance(load_located(tampered), seeds)
    messages = [str(p) for p in caught.value.problems]
    assert messages == [
        f"{tampered}:{line}: themes[0].figures[0].excerpt: excerpt '营收约13.5亿元' does not contain the value as printed (12.5亿)",
        f"{tampered}:{line}: themes[0].figures[0].excerpt: excerpt '营收约13.5亿元' is not in the text of source 'article_2022'",
    ]


def test_a_missing_source_file_is_reported(seeds, tmp_path):
    for name in ("000_fade5c1ca14b6bc5.txt",):
        shutil.copy(seeds / name, tmp_path / name)
    problems = check_provenance(load_located(BEIBEI), tmp_path)
    assert len(problems) == 1
    assert problems[0].path.startswith("sources[") and "no such file" in problems[0].message


# -- reading numbers the way bulletins print them ---------------------------------


@pytest.mark.parametrize(
    "excerpt, numbers",
    [
        ("房地产开发投资下降18.9%", [-18.9]),
        ("财政收入减少3.2亿元", [-3.2]),
        ("失业率回落0.3个百分点", [-0.3]),
        ("增速为-1.5%", [-1.5]),
        ("增长6.1%，下降约2%", [6.1, -2]),
        ("营收约12.5亿元", [12.5]),
    ],
)
def test_a_fall_is_read_as_a_negative_number(excerpt, numbers):
    assert read_numbers(excerpt) == numbers


def bulletin_file(folder, value, excerpt):
    (folder / "source.txt").write_text(f"全年{excerpt}，降幅收窄。", encoding="utf-8")
    data = folder / "data.yaml"
    data.write_text(
        "report: {name: t, title: 统计公报, issuer: 示例县统计局, date: 2025-03-01}\n"
        "sources: [{id: s, title: 示例县统计公报, file: source.txt}]\n"
        "themes:\n"
        "  - id: invest\n    title: 投资\n    short_title: 投资\n    summary: 投资情况。\n"
        "    figures:\n"
        f"      - {{id: estate, label: 房地产开发投资, value: {value}, unit: '%', period: 2024年, source: s, excerpt: {excerpt}, count: false}}\n",
        encoding="utf-8",
    )
    return data


def test_a_negative_figure_is_found_in_an_excerpt_that_prints_a_fall(tmp_path):
    data = bulletin_file(tmp_path, -18.9, "房地产开发投资下降18.9%")
    assert check_provenance(load_located(data), tmp_path) == []


def test_a_negative_figure_is_not_found_in_an_excerpt_that_prints_a_rise(tmp_path):
    data = bulletin_file(tmp_path, -18.9, "房地产开发投资增长18.9%")
    problems = [str(p) for p in check_provenance(load_located(data), tmp_path)]
    assert problems == [
        f"{data}:9: themes[0].figures[0].excerpt: excerpt '房地产开发投资增长18.9%' "
        "does not contain the value as printed (下降18.9 or -18.9)"
    ]


# -- the numbers held to the source: change, magnitude ----------------------------------

DISTRICT_SOURCE = (
    "初步核算，全年地区生产总值295.4亿元，按可比价格计算，同比增长3.3%。"
    "全年社会消费品零售总额106.2亿元，同比下降0.2%。城镇居民人均可支配收入51238元。"
)


def district_file(folder, gdp="{value: 295.4, unit: 亿元, comparison: {base_period: 上年同期, change: 3.3, basis: 按可比价格计算}}",
                  retail="{value: 106.2, unit: 亿元, comparison: {base_period: 上年同期, change: -0.2}}"):
    (folder / "bulletin.txt").write_text(DISTRICT_SOURCE, encoding="utf-8")
    data = folder / "data.yaml"
    data.write_text(
        "report: {name: t, title: 统计公报, issuer: 示例区统计局, date: 2025-03-01}\n"
        "sources: [{id: s, title: 示例区统计公报, file: bulletin.txt}]\n"
        "themes:\n"
        "  - id: economy\n    title: 经济\n    short_title: 经济\n    summary: 经济情况。\n"
        "    figures:\n"
        f"      - {{id: gdp, label: 地区生产总值, period: 2022年, source: s, excerpt: 地区生产总值295.4亿元, {gdp[1:-1]}}}\n"
        f"      - {{id: retail, label: 社会消费品零售总额, period: 2022年, source: s, excerpt: 社会消费品零售总额106.2亿元, {retail[1:-1]}}}\n",
        encoding="utf-8",
    )
    return data


def test_figures_that_agree_with_their_source_pass(tmp_path):
    assert check_provenance(load_located(district_file(tmp_path)), tmp_path) == []


def test_a_change_is_checked_in_the_sentence_of_its_excerpt(tmp_path):
    """Why: 3.3 → 3.8 passed although the source sentence says 同比增长3.3%."""
    data = district_file(tmp_path, gdp="{value: 295.4, unit: 亿元, comparison: {base_period: 上年同期, change: 3.8, basis: 按可比价格计算}}")
    problems = [str(p) for p in check_provenance(load_located(data), tmp_path)]
    assert problems == [
        f"{data}:9: themes[0].figures[0].comparison.change: change 3.8 (同比增长3.8%) of figure 'gdp' is not what the source says in the sentence "
        "holding the figure's excerpt: “初步核算，全年地区生产总值295.4亿元，按可比价格计算，同比增长3.3%。”"
    ]


def test_a_change_is_checked_with_its_wording(tmp_path):
    """下降0.2% is −0.2: a fall entered as a rise is refused."""
    data = district_file(tmp_path, retail="{value: 106.2, unit: 亿元, comparison: {base_period: 上年同期, change: 0.2}}")
    problems = check_provenance(load_located(data), tmp_path)
    assert [p.path for p in problems] == ["themes[0].figures[1].comparison.change"]
    assert "change 0.2 (同比增长0.2%)" in problems[0].message and "同比下降0.2%" in problems[0].message


def test_a_value_at_the_wrong_magnitude_is_refused(tmp_path):
    """Why: 295.4亿 entered as 万 passed, and the chart drew a near-zero bar."""
    data = district_file(tmp_path, gdp="{value: 295.4, unit: 万元, comparison: {base_period: 上年同期, change: 3.3, basis: 按可比价格计算}}")
    problems = [str(p) for p in check_provenance(load_located(data), tmp_path)]
    assert problems == [
        f"{data}:9: themes[0].figures[0].excerpt: excerpt '地区生产总值295.4亿元' prints 295.4亿, but the unit '万元' makes figure "
        "'gdp' 295.4万元: the magnitude word (亿) differs from the unit's (万)"
    ]


def test_a_change_may_be_pinned_by_an_excerpt_of_its_own(tmp_path):
    data = district_file(tmp_path, gdp="{value: 295.4, unit: 亿元, comparison: {base_period: 上年, change: 3.3, change_excerpt: 比上年增长3.3%}}")
    (tmp_path / "bulletin.txt").write_text(
        "全年地区生产总值295.4亿元。比上年增长3.3%，增速居全市第1位。社会消费品零售总额106.2亿元，同比下降0.2%。", encoding="utf-8")
    assert check_provenance(load_located(data), tmp_path) == []
