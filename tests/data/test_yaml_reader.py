"""The YAML pass of loading: what aliases and merge keys expand to is counted first, merges follow YAML's rules,
YAML 1.1's traps are named, and no tag crashes the reader.
"""

from __future__ import annotations


import pytest

from tests.helpers import MINI as MINI_FILE
from report_gen.data.load import load_report
from report_gen.data.precision import Printed
from report_gen.data.yaml_reader import MAX_NODES, parse_yaml
from report_gen.errors import DataError

MINI = MINI_FILE.read_text(encoding="utf-8")


def problems_of_text(text: str) -> list[str]:
    with pytest.raises(DataError) as caught:
        parse_yaml(text, "FILE")
    return [str(problem) for problem in caught.value.problems]


def merge_bomb(levels: int) -> str:
    """The 615-byte file of issue 14: each level merges the one below twice."""
    lines = ["x0: &x0 {a: 1}"]
    lines += [f"x{i}: &x{i} {{<<: [*x{i - 1}, *x{i - 1}]}}" for i in range(1, levels + 1)]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("levels", [22, 40])
def test_a_merge_key_bomb_is_refused_before_it_is_expanded(levels):
    assert problems_of_text(merge_bomb(levels)) == [f"FILE: more than {MAX_NODES} values once aliases are expanded"]


def test_a_sequence_alias_bomb_is_refused_before_it_is_expanded():
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 30)]
    assert problems_of_text("\n".join(lines)) == [f"FILE: more than {MAX_NODES} values once aliases are expanded"]


def test_an_alias_inside_its_own_anchor_is_named_at_its_line():
    assert problems_of_text("a: 1\nb: &b [1, *b]\n") == [
        "FILE:2: an alias refers to the mapping or list it is in, so it would never end"
    ]


def test_nesting_deeper_than_a_report_is_refused():
    assert problems_of_text("a: " + "[" * 60 + "]" * 60 + "\n") == ["FILE: nested more than 50 levels deep, too deeply to be a report"]
    assert problems_of_text("a: " + "[" * 5000 + "]" * 5000 + "\n") == ["FILE: nested more than 50 levels deep, too deeply to be a report"]


def test_keys_of_a_mapping_override_the_keys_it_merges():
    raw, lines = parse_yaml("base: &base {id: one, title: 标题}\nother:\n  <<: *base\n  id: other\n", "FILE")
    assert raw["other"] == {"id": "other", "title": "标题"}
    assert lines[("other", "id")] == 4


def test_earlier_merged_mappings_override_later_ones():
    raw, _ = parse_yaml("m:\n  <<: [{a: 1, b: 2}, {a: 9, c: 3}]\n  b: 5\n", "FILE")
    assert raw["m"] == {"b": 5, "a": 1, "c": 3}


def test_a_key_given_twice_in_one_mapping_is_still_a_duplicate():
    assert problems_of_text("base: &base {a: 1}\nm:\n  <<: *base\n  b: 1\n  b: 2\n") == [
        "FILE:5: m.b: duplicate key (first given on line 4)"
    ]


def test_a_merge_key_needs_mappings():
    assert problems_of_text("m:\n  <<: [1, 2]\n  a: 1\n") == ["FILE:2: m: a merge key (<<) takes a mapping or a list of mappings"]


def test_a_figure_can_take_its_fields_from_another_through_a_merge_key(tmp_path):
    text = MINI.replace("      - id: revenue\n", "      - &revenue\n        id: revenue\n", 1)
    text = text.replace("      - id: matters\n", "      - <<: *revenue\n        id: revenue_again\n        value: 13\n      - id: matters\n", 1)
    path = tmp_path / "merged.yaml"
    path.write_text(text, encoding="utf-8")
    figures = load_report(path).figure_index()
    assert (figures["revenue_again"].value, figures["revenue_again"].label) == (13, figures["revenue"].label)


@pytest.mark.parametrize("written, message", [
    ("1:30", "1:30 is read by YAML as the base-60 number 90; put it in quotes if it is text (a time, a ratio), or write the number itself"),
    ("1:30.5", "1:30.5 is read by YAML as the base-60 number 90.5; put it in quotes if it is text (a time, a ratio), or write the number itself"),
    ("017", "017 is read by YAML as the octal number 15; write it without the leading 0, or in quotes if it is text"),
])
def test_yaml_1_1_numbers_that_are_not_what_they_look_like_are_named(written, message):
    assert problems_of_text(f"a: 1\nv: {written}\n") == [f"FILE:2: v: {message}"]


def test_the_same_text_in_quotes_is_text():
    raw, _ = parse_yaml('v: "1:30"\nw: "017"\n', "FILE")
    assert raw == {"v": "1:30", "w": "017"}


@pytest.mark.parametrize("tagged, message", [
    ("!!bool maybe", "not a valid yes/no value: 'maybe'"),
    ('!!int ""', "not a valid value: ''"),
    ('!!float ""', "not a valid value: ''"),
    ('!!timestamp ""', "not a valid date: ''"),
])
def test_a_tag_with_a_value_it_cannot_take_is_a_located_problem(tagged, message):
    assert problems_of_text(f"a: 1\nv: {tagged}\n") == [f"FILE:2: v: {message}"]


def test_an_exponent_without_a_point_is_explained(tmp_path):
    path = tmp_path / "exponent.yaml"
    path.write_text(MINI.replace("value: 12.5\n", "value: 1e3\n"), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_report(path)
    assert [problem.message for problem in caught.value.problems] == [
        "expected a number, got '1e3' (YAML reads 1e15 as text: write a point and a signed exponent, 1.0e+15, or the digits)"
    ]


def test_a_number_written_with_trailing_zeros_keeps_its_decimals():
    raw, _ = parse_yaml("a: -1.0\nb: 12.50\nc: 12.5\nd: 3\ne: '1.0'\n", "x.yaml")
    assert isinstance(raw["a"], Printed) and raw["a"] == -1.0 and raw["a"].decimals == 1
    assert raw["b"].decimals == 2
    assert not isinstance(raw["c"], Printed) and raw["d"] == 3 and raw["e"] == "1.0"
