"""`--apply` as a whole: the data loaded as the edits leave it before anything is written; the file's bytes, mode and BOM kept."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from report_gen.data.load import load_located
from report_gen.readback.apply import apply_differences
from report_gen.readback.compare import DIFFERS, Difference, data_place, items_of
from report_gen.readback.found import Printed
from report_gen.readback.reading import data_form, read_as
from tests.helpers import MINI


def _difference(located, figure_id: str, written: str) -> Difference:
    items, paths = items_of(located)
    item = items[figure_id]
    reading = read_as(item, written)
    printed = Printed(figure_id, written, "一、党建引领营商环境 ¶1", "anchor", f"rg_{figure_id}_1", reading)
    return Difference(figure_id, DIFFERS, (printed,), data_form(item), data_place(located, paths[figure_id], item), reading,
                      paths[figure_id])


def _copy(tmp_path: Path, prefix: bytes = b"", newline: bytes = b"\n") -> Path:
    path = tmp_path / "mini.yaml"
    path.write_bytes(prefix + MINI.read_bytes().replace(b"\n", newline))
    os.chmod(path, 0o600)
    return path


def test_a_change_the_data_would_not_take_is_left_with_its_reason_and_the_others_are_written(tmp_path):
    path = _copy(tmp_path, b"\xef\xbb\xbf", b"\r\n")
    located = load_located(path)
    entities = next(figure for figure in located.report.themes[0].figures if figure.id == "entities")
    shown = data_form(entities)
    fall = "减少" + shown  # a count cannot fall below zero: the model refuses it
    applied = apply_differences(located, path, [_difference(located, "revenue", "约13亿元"), _difference(located, "entities", fall)])
    assert [line.split(": ", 2)[1] for line in applied.written] == ["revenue"]
    (left,) = applied.skipped
    assert "entities: the data would not take it:" in left and "a count cannot be negative" in left
    expected = (b"\xef\xbb\xbf" + MINI.read_bytes().replace(b"\n", b"\r\n")).replace(b"value: 12.5\r\n", b"value: 13\r\n", 1)
    assert path.read_bytes() == expected, "one number changed; the BOM, the line endings and every other byte stay"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600, "the file keeps its permissions"


def test_nothing_is_written_when_no_change_is_taken(tmp_path):
    path = _copy(tmp_path)
    before = path.read_bytes()
    located = load_located(path)
    applied = apply_differences(located, path, [_difference(located, "entities", "减少" + data_form(located.report.figure_index()["entities"]))])
    assert applied.written == [] and applied.files == [] and path.read_bytes() == before
