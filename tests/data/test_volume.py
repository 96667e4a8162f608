"""How much a data file may hold: past each limit, one located problem at the first entry beyond it."""

from __future__ import annotations


import pytest
import yaml

from tests.helpers import MINI
from report_gen.data.load import load_report
from report_gen.data.volume import (
    MAX_CASES,
    MAX_CHARTS,
    MAX_FIGURES,
    MAX_SOURCES,
    MAX_TEXT_CHARACTERS,
    MAX_THEMES,
    check_volume,
)
from report_gen.errors import DataError



def test_the_example_reports_are_well_within_every_limit():
    raw = yaml.safe_load(MINI.read_text(encoding="utf-8"))
    assert check_volume(raw) == []


@pytest.mark.parametrize("key, limit, message", [
    ("themes", MAX_THEMES, f"theme {MAX_THEMES + 1} of {MAX_THEMES + 5}: a report may have at most {MAX_THEMES} themes"),
    ("sources", MAX_SOURCES, f"source {MAX_SOURCES + 1} of {MAX_SOURCES + 5}: a report may cite at most {MAX_SOURCES} sources"),
])
def test_too_many_themes_or_sources(key, limit, message):
    raw = {key: [{"id": f"x{index}"} for index in range(limit + 5)]}
    assert check_volume(raw) == [((key, limit), message)]


@pytest.mark.parametrize("key, limit", [("figures", MAX_FIGURES), ("charts", MAX_CHARTS), ("cases", MAX_CASES)])
def test_too_many_figures_charts_or_cases_counted_across_themes(key, limit):
    half = limit // 2 + 1
    raw = {"themes": [{key: [{} for _ in range(half)]}, {key: [{} for _ in range(half)]}]}
    assert check_volume(raw) == [(("themes", 1, key, limit - half), f"{key[:-1]} {limit + 1} of {2 * half}: a report may have at most {limit} {key}")]


def test_too_much_text_is_located_where_it_passes_the_limit():
    count = MAX_TEXT_CHARACTERS // 20_000 + 10
    raw = {"themes": [{"summary": "字" * 20_000} for _ in range(count)]}
    assert check_volume(raw) == [
        (("themes", MAX_TEXT_CHARACTERS // 20_000, "summary"), f"the file's text passes {MAX_TEXT_CHARACTERS} characters here; a report may hold at most {MAX_TEXT_CHARACTERS} characters of text")
    ]


def test_a_long_case_aliased_300_times_is_refused_before_it_is_built(tmp_path):
    text = MINI.read_text(encoding="utf-8").replace(
        "    cases:\n      - title: 直通车解难题\n",
        "    cases:\n      - &long\n        title: 直通车解难题\n", 1,
    ).replace(
        "        text: 一家养老企业需要加装电梯，通过直通车制度，相关部门很快协调解决。\n        source: src_a\n",
        "        text: " + "长" * 20_000 + "\n        source: src_a\n" + "      - *long\n" * 299, 1,
    )
    path = tmp_path / "aliased.yaml"
    path.write_text(text, encoding="utf-8")
    assert path.stat().st_size < 80_000
    with pytest.raises(DataError) as caught:
        load_report(path)
    passed_at = MAX_TEXT_CHARACTERS // 20_000 - 1  # the case whose text takes the file past the limit
    assert [(problem.path, problem.message) for problem in caught.value.problems] == [
        (f"themes[0].cases[{passed_at}].text",
         f"the file's text passes {MAX_TEXT_CHARACTERS} characters here; a report may hold at most {MAX_TEXT_CHARACTERS} characters of text"),
    ]
