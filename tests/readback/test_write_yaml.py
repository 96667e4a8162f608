"""Targeted edits of a YAML data file: the scalars that change are replaced where they stand, every other byte kept."""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest

from report_gen.data.load import load_located
from report_gen.readback.compare import items_of
from report_gen.readback.reading import data_form, read_as
from report_gen.readback.write_yaml import Unwritable, apply_edits, compose, yaml_edits
from tests.helpers import FIXTURES, MINI

REVENUE_BLOCK = """      - id: revenue
        label: 企业一季度营业收入
        short_label: 营业收入
        value: 12.5
        unit: 亿元
        qualifier: 约
"""


def _mini(tmp_path: Path, old: str = "", new: str = "") -> Path:
    text = MINI.read_text(encoding="utf-8")
    if old:
        assert old in text
        text = text.replace(old, new)
    path = tmp_path / "mini.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _edited(path: Path, figure_id: str, written: str) -> str:
    """The file's text with the figure made to read as `written`; the result is loaded again and must say so."""
    located = load_located(path)
    items, paths = items_of(located)
    item = items[figure_id]
    reading = read_as(item, written)
    assert reading is not None, written
    text = path.read_text(encoding="utf-8")
    shares = written.split(":") if reading.shares else None
    edited = apply_edits(text, yaml_edits(text, compose(text), paths[figure_id], item, reading, shares))
    path.write_text(edited, encoding="utf-8")
    assert data_form(items_of(load_located(path))[0][figure_id]) == written
    return edited


def _changed_lines(before: str, after: str) -> list[str]:
    return [line for line in difflib.ndiff(before.splitlines(), after.splitlines()) if line[:1] in "+-"]


def test_a_new_value_replaces_the_number_alone_keeping_the_comment_after_it(tmp_path):
    path = _mini(tmp_path, "        value: 12.5\n", "        value: 12.5   # 一季报，四月下旬披露\n")
    before = path.read_text(encoding="utf-8")
    after = _edited(path, "revenue", "约13.20亿元")
    assert _changed_lines(before, after) == ["-         value: 12.5   # 一季报，四月下旬披露", "+         value: 13.20   # 一季报，四月下旬披露"]


def test_a_qualifier_is_replaced_added_after_the_value_or_removed_with_its_line(tmp_path):
    path = _mini(tmp_path)
    before = path.read_text(encoding="utf-8")
    replaced = _edited(path, "revenue", "超过12.5亿元")
    assert _changed_lines(before, replaced) == ["-         qualifier: 约", "+         qualifier: 超过"]
    removed = _edited(path, "revenue", "12.5亿元")
    assert _changed_lines(before, removed) == ["-         qualifier: 约"]
    added = _edited(path, "revenue", "12.5亿元以上")
    assert sorted(_changed_lines(before, added)) == ["+         qualifier: 以上", "-         qualifier: 约"]
    assert "        value: 12.5\n        qualifier: 以上\n        unit: 亿元\n" in added, "the new entry sits under value:, indented as it is"


FLOW = """      - {id: revenue, label: 企业一季度营业收入, short_label: 营业收入, value: 12.5, unit: 亿元, qualifier: 约,
         period: 2022年一季度, comparison: {base_period: 上年同期, change: 48, change_unit: "%"}, source: src_b, excerpt: 营收约12.5亿元}
"""


def test_a_flow_mapping_is_edited_inside_its_braces(tmp_path):
    text = MINI.read_text(encoding="utf-8")
    start = text.index(REVENUE_BLOCK)
    end = text.index("        excerpt: 营收约12.5亿元\n", start) + len("        excerpt: 营收约12.5亿元\n")
    path = tmp_path / "mini.yaml"
    path.write_text(text[:start] + FLOW + text[end:], encoding="utf-8")
    before = path.read_text(encoding="utf-8")
    removed = _edited(path, "revenue", "12.5亿元")
    assert _changed_lines(before, removed)[1] == "+       - {id: revenue, label: 企业一季度营业收入, short_label: 营业收入, value: 12.5, unit: 亿元,"
    added = _edited(path, "revenue", "约13亿元")
    assert _changed_lines(before, added)[1] == "+       - {id: revenue, label: 企业一季度营业收入, short_label: 营业收入, value: 13, qualifier: 约, unit: 亿元,"


def test_a_value_shared_through_an_alias_is_not_edited(tmp_path):
    path = _mini(tmp_path, "        value: 12.5\n", "        value: &shared 12.5\n")
    text = path.read_text(encoding="utf-8")
    text = text.replace("        excerpt: 营收约12.5亿元\n", "        excerpt: 营收约12.5亿元\n        decimals: 1\n", 1)
    path.write_text(text, encoding="utf-8")
    located = load_located(path)
    items, paths = items_of(located)
    root = compose(text)
    reading = read_as(items["revenue"], "约13.0亿元")
    edits = yaml_edits(text, root, paths["revenue"], items["revenue"], reading)  # an anchor no alias uses is its own
    assert "value: &shared 13.0" in apply_edits(text, edits)
    aliased = text + "\nunused_note: *shared\n"
    with pytest.raises(Unwritable, match="shared through aliases"):
        yaml_edits(aliased, compose(aliased), paths["revenue"], items["revenue"], reading)


def test_windows_line_endings_are_kept_in_a_new_line(tmp_path):
    path = _mini(tmp_path)
    text = path.read_text(encoding="utf-8").replace("\n", "\r\n")
    path.write_bytes(text.encode("utf-8"))
    located = load_located(path)
    items, paths = items_of(located)
    reading = read_as(items["revenue"], "12.5亿元以上")
    edited = apply_edits(text, yaml_edits(text, compose(text), paths["revenue"], items["revenue"], reading))
    assert "\r\n        qualifier: 以上\r\n" in edited and "\n" not in edited.replace("\r\n", "")


def test_a_structure_s_latest_shares_are_edited_inside_their_list(tmp_path):
    folder = tmp_path / "district"
    shutil.copytree(FIXTURES / "district", folder)
    path = folder / "district.yaml"
    before = path.read_text(encoding="utf-8")
    after = _edited(path, "industry_structure", "8.4:71.0:20.6")
    assert _changed_lines(before, after) == [
        "-           - {period: 2022年, shares: [8.3, 71.1, 20.6], excerpt: 调整为8.3:71.1:20.6}",
        "+           - {period: 2022年, shares: [8.4, 71.0, 20.6], excerpt: 调整为8.3:71.1:20.6}",
    ]
