"""Every figure of the default data is traceable: its excerpt stands verbatim in its source."""

import shutil

import pytest

from conftest import BEIBEI
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
