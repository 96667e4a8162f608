"""The loader: a valid file becomes a Report; each kind of fault gives one exact, located message.

Each broken file is the small valid tests/fixtures/mini.yaml with one fault put in,
so the message checked is the only one the file can give.
"""

from pathlib import Path

import pytest

from tests.helpers import FIXTURES
from report_gen.errors import DataError
from report_gen.data.load import load_report

DATA = FIXTURES
MINI = (DATA / "mini.yaml").read_text(encoding="utf-8")


def broken(tmp_path: Path, old: str, new: str) -> Path:
    assert MINI.count(old) == 1, f"fault anchor must occur once: {old!r}"
    path = tmp_path / "broken.yaml"
    path.write_text(MINI.replace(old, new), encoding="utf-8")
    return path


def problems_of(path: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_report(path)
    return [str(problem).replace(str(path), "FILE") for problem in caught.value.problems]


def test_the_small_valid_file_loads():
    report = load_report(DATA / "mini.yaml")
    assert [theme.id for theme in report.themes] == ["economy", "science"]
    assert report.figure_index()["revenue"].value == 12.5


def test_a_base_value_and_a_change_that_agree_within_rounding_pass(tmp_path):
    path = broken(tmp_path, "excerpt: 新增市场主体2.5万户\n", "excerpt: 新增市场主体2.5万户\n        comparison: {base_period: 上年, base_value: 2.1, change: 19}\n")
    assert load_report(path).figure_index()["entities"].comparison.change == 19


def test_a_change_on_a_basis_of_its_own_is_not_checked_against_the_base(tmp_path):
    path = broken(tmp_path, "excerpt: 新增市场主体2.5万户\n", "excerpt: 新增市场主体2.5万户\n        comparison: {base_period: 上年, base_value: 2.1, change: 5, basis: 按可比价格计算}\n")
    assert load_report(path).figure_index()["entities"].comparison.basis == "按可比价格计算"


FAULTS = {
    "a number written as text": (
        "value: 12.5\n", "value: 12.5亿\n",
        "FILE:44: themes[0].figures[0].value: expected a number, got '12.5亿'",
    ),
    "a number in quotes": (
        "value: 118\n", "value: '118'\n",
        "FILE:69: themes[0].figures[3].value: expected a number, got '118'",
    ),
    "a misspelt key": (
        "value: 118\n", "vlaue: 118\n",
        "FILE:69: themes[0].figures[3].vlaue: unknown key; did you mean 'value'?",
    ),
    "an unknown key with no near match": (
        "  region: 示例区\n", "  region: 示例区\n  colour: red\n",
        "FILE:9: report.colour: unknown key; known keys: name, title, subtitle, issuer, date, region, language, document_number, issuer_mark, addressee, imprint, bulletin",
    ),
    "a missing required field": (
        "        period: 2021年\n", "",
        "FILE:60: themes[0].figures[2].period: required field missing",
    ),
    "a duplicate figure id": (
        "id: growth", "id: cars",
        "FILE:141: themes[1].figures[4].id: duplicate figure id 'cars' (also at themes[1].figures[3].id)",
    ),
    "a chart naming an unknown figure": (
        "figures: [matters]", "figures: [mattres]",
        "FILE:92: themes[0].charts[0].figures[0]: unknown figure 'mattres'; did you mean 'matters'?",
    ),
    "a figure citing an unknown source": (
        "source: src_b\n        excerpt: 营收", "source: src_x\n        excerpt: 营收",
        "FILE:49: themes[0].figures[0].source: unknown source 'src_x' (sources: src_a, src_b)",
    ),
    "a theme in an unknown framework": (
        "frameworks: {goals: 一流科创中心}", "frameworks: {aims: 一流科创中心}",
        "FILE:108: themes[1].frameworks.aims: unknown framework 'aims' (frameworks: goals)",
    ),
    "a tab for indentation": (
        "  name: mini", "\tname: mini",
        "FILE:3: YAML syntax error: a tab is used for indentation; indent with spaces",
    ),
    "an unclosed bracket": (
        "title: 示例区党建工作简报", "title: [示例区",
        "FILE:5: YAML syntax error: expected ',' or ']', but got ':' (while parsing a flow sequence)",
    ),
    "not a number": (
        "value: 118\n", "value: .nan\n",
        "FILE:69: themes[0].figures[3].value: expected a finite number",
    ),
    "infinity": (
        "value: 118\n", "value: .inf\n",
        "FILE:69: themes[0].figures[3].value: expected a finite number",
    ),
    "a negative count": (
        "value: 118\n", "value: -118\n",
        "FILE:69: themes[0].figures[3].value: a count cannot be negative (set count: false for a change)",
    ),
    "an absurdly large number": (
        "value: 118\n", "value: 1000000000000000000000\n",
        "FILE:69: themes[0].figures[3].value: number too large to be a reported figure",
    ),
    "mixed units on one axis": (
        "figures: [bases, postdoc, academician]\n        caption: 各类",
        "figures: [bases, cars]\n        caption: 各类",
        "FILE:153: themes[1].charts[0].figures: figures have different units and cannot share one axis: bases (个), cars (台)",
    ),
    "an unknown qualifier": (
        "qualifier: 约", "qualifier: 大约",
        "FILE:46: themes[0].figures[0].qualifier: expected one of 约, 余, 多, 以上, 超过, 近, 左右, 以内, 不足 or 以下, got 大约",
    ),
    "an unknown chart kind": (
        "kind: tile", "kind: pie",
        "FILE:100: themes[0].charts[2].kind: expected one of bar, hbar, before_after, progress, tile, grouped_bar, line, bar_line or stacked, got pie",
    ),
    "a control character XML cannot hold": (
        "title: 示例区党建工作简报", 'title: "示例\\x01"',
        "FILE:4: report.title: contains control character U+0001, which documents cannot hold",
    ),
    "a duplicate key": (
        "  region: 示例区", "  region: 示例区\n  region: 乙区",
        "FILE:9: report.region: duplicate key (first given on line 8)",
    ),
    "an impossible date": (
        "date: 2021-05-01", "date: 2021-13-01",
        "FILE:7: report.date: not a valid date: '2021-13-01'",
    ),
    "an empty title": (
        "title: 示例区党建工作简报", "title: ''",
        "FILE:4: report.title: must not be empty",
    ),
    "a title of 100,000 characters": (
        "title: 示例区党建工作简报", "title: " + "长" * 100_000,
        "FILE:4: report.title: too long: 100000 characters, at most 2000",
    ),
    "an excerpt too long to be a short quote": (
        "excerpt: 11个博士后工作站", "excerpt: 北碚已建起33个乡村科技示范基地和11个博士后工作站",
        "FILE:125: themes[1].figures[1].excerpt: too long: 26 characters, at most 19",
    ),
    "an id with capitals": (
        "id: growth", "id: Growth",
        "FILE:133: themes[1].figures[3].id: expected an id of lower-case letters, digits and _ starting with a letter, got 'Growth'",
    ),
    "a list where text belongs": (
        "label: 进驻事项", "label: [进驻, 事项]",
        "FILE:52: themes[0].figures[1].label: expected text, got a list",
    ),
    "a number where text belongs": (
        "period: 2021年\n", "period: 2021\n",
        "FILE:64: themes[0].figures[2].period: expected text, got the number 2021 (put it in quotes)",
    ),
    "a bar chart of one figure": (
        "figures: [bases, postdoc, academician]\n        caption: 同一组", "figures: [bases]\n        caption: 同一组",
        "FILE:158: themes[1].charts[1].figures: a hbar chart needs at least two figures",
    ),
    "a font file outside the data folder": (
        "        caption: 同一组平台数量的横向对比。\n", "        caption: 同一组平台数量的横向对比。\nstyle:\n  charts:\n    fonts: [../fonts/x.ttf]\n",
        "FILE:162: style.charts.fonts: font file '../fonts/x.ttf' is outside the data file's folder; put the font beside the data file, "
        "name an installed font by its family, or pass the file with --font or REPORT_GEN_FONT",
    ),
    "a base value and a change that disagree": (
        "excerpt: 新增市场主体2.5万户\n", "excerpt: 新增市场主体2.5万户\n        comparison: {base_period: 上年, base_value: 2.1, change: 5}\n",
        "FILE:67: themes[0].figures[2].comparison: change 5% does not agree with base_value 2.1 and value 2.5, "
        "which give 13.95% to 24.39% allowing for rounding; correct one of them, "
        "or give the change's basis (按可比价格计算) when the source computes it another way",
    ),
    "a change in points that disagrees with its base": (
        "        value: 97\n", "        value: 97\n        comparison: {base_value: 95.5, change: 3, change_unit: 个百分点}\n",
        "FILE:84: themes[0].figures[5].comparison: change 3个百分点 does not agree with base_value 95.5 and value 97, "
        "which give 0.95个百分点 to 2.05个百分点 allowing for rounding; correct one of them, "
        "or give the change's basis (按可比价格计算) when the source computes it another way",
    ),
    "a comparison with nothing to compare": (
        "comparison: {base_value: 500, base_qualifier: 余}", "comparison: {base_qualifier: 余}",
        "FILE:57: themes[0].figures[1].comparison: a comparison needs base_value, change, multiple or more than one",
    ),
}


@pytest.mark.parametrize("fault", FAULTS, ids=list(FAULTS))
def test_each_fault_gives_one_located_message(tmp_path, fault):
    old, new, expected = FAULTS[fault]
    assert problems_of(broken(tmp_path, old, new)) == [expected]


def test_every_problem_is_reported_in_one_pass(tmp_path):
    path = tmp_path / "two.yaml"
    path.write_text(MINI.replace("value: 12.5\n", "value: 12.5亿\n").replace("figures: [matters]", "figures: [nothing]"), encoding="utf-8")
    assert len(problems_of(path)) == 2


@pytest.mark.parametrize(
    "content, expected",
    [
        (b"", "FILE: file is empty; expected a report with report, sources and themes"),
        (b"\n  \n", "FILE: file is empty; expected a report with report, sources and themes"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "FILE: not a text file (it contains binary data); expected a YAML data file in UTF-8"),
        ("- 一\n- 二\n".encode(), "FILE:1: expected a mapping with report, sources and themes, got a list"),
        ("报告".encode("utf-16"), "FILE: file is encoded in UTF-16; save it as UTF-8"),
        (b"report:\n  title: a\x1bb\n", "FILE:2: contains control character U+001B, which a data file cannot hold"),
    ],
    ids=["empty", "blank", "binary", "a list", "utf-16", "raw control character"],
)
def test_files_that_are_not_reports(tmp_path, content, expected):
    path = tmp_path / "bad.yaml"
    path.write_bytes(content)
    assert problems_of(path) == [expected]


def test_a_gbk_file_is_named_as_such(tmp_path):
    path = tmp_path / "gbk.yaml"
    path.write_bytes(MINI.encode("gbk"))
    (message,) = problems_of(path)
    assert message.startswith("FILE:4: file is not UTF-8: it looks like GBK/GB18030")
    assert "iconv -f GBK -t UTF-8" in message


def test_a_utf8_bom_is_accepted(tmp_path):
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + MINI.encode("utf-8"))
    assert load_report(path).report.name == "mini"


def test_a_directory_and_a_missing_file(tmp_path):
    assert problems_of(tmp_path) == ["FILE: is a directory; expected a YAML data file"]
    assert problems_of(tmp_path / "absent.yaml") == ["FILE: no such file"]


def test_an_alias_bomb_is_refused(tmp_path):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [*a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}]" for i in range(1, 9)]
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines), encoding="utf-8")
    (message,) = problems_of(path)
    assert "values once aliases are expanded" in message
