"""Every figure of the default data is traceable: its excerpt stands verbatim in its source."""

import shutil

import pytest

from conftest import BEIBEI
from report_gen.errors import DataError
from report_gen.data.load import load_located
from report_gen.data.provenance import check_provenance, require_provenance


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
