"""`check DOCUMENT --data DATA [--apply]`: a built briefing read back against its data, after edits and a LibreOffice save.

The briefing is edited the way reviewers edit it (a number typed over in a
sentence, a table cell retyped, a qualifier added after a number, one place
of a figure changed and not the other), saved once more by LibreOffice,
then checked: each edited figure is named with its place and its data
line, and `--apply` writes the values back, comments and layout kept.
"""

from __future__ import annotations

import contextlib
import difflib
import io
import shutil
from pathlib import Path

import docx
import openpyxl
import pytest

from report_gen.cli import main
from report_gen.data.load import load_located
from report_gen.readback.compare import items_of
from report_gen.tools.libreoffice import find_soffice
from tests.helpers import BEIBEI, FIXTURES, MINI
from tests.helpers.edits import anchor_names, libreoffice_round_trip, retype_cell, type_over


def _run(*arguments: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(["check", *arguments])
    return status, out.getvalue(), err.getvalue()


def _value_line(data: Path, figure_id: str) -> str:
    located = load_located(data)
    _, paths = items_of(located)
    return f"{data}:{located.line_of(paths[figure_id] + ('value',))}"


def _figure_lines(stdout: str) -> list[str]:
    """The lines of the read-back: those that name a figure's forms, not proofreading's findings."""
    return [line for line in stdout.splitlines() if "the data has" in line]


# -- the unedited briefing of any data file checks clean -------------------------------


def test_the_default_briefing_checks_clean_against_its_data(default_out):
    status, out, err = _run(str(default_out / "beibei.docx"), "--data", str(BEIBEI))
    assert _figure_lines(out) == []
    assert f"beibei.docx against {BEIBEI}: 62 figures as in the data, no figure differs" in err
    assert status == 0, err


def _built(data: Path, out: Path) -> Path:
    with contextlib.redirect_stderr(io.StringIO()):
        assert main(["build", str(data), "--out", str(out), "--only", "docx", "--quiet", "--jobs", "1"]) == 0
    (built,) = out.glob("*.docx")
    return built


@pytest.fixture(scope="module")
def scaffold(tmp_path_factory) -> tuple[Path, Path]:
    """A report folder as `init` makes it, its figures partly in a workbook, and its briefing as built."""
    folder = tmp_path_factory.mktemp("scaffold") / "county"
    assert main(["init", str(folder)]) == 0
    return folder, _built(folder / "report.yaml", folder.parent / "out")


@pytest.mark.parametrize("data", ["mini", "district", "scaffold"])
def test_the_briefing_of_another_data_file_checks_clean(data, scaffold, tmp_path):
    if data == "scaffold":
        path, built = scaffold[0] / "report.yaml", scaffold[1]
    else:
        path = {"mini": MINI, "district": FIXTURES / "district" / "district.yaml"}[data]
        built = _built(path, tmp_path)
    status, out, err = _run(str(built), "--data", str(path))
    assert _figure_lines(out) == [] and "no figure differs" in err
    assert status == 0, err


# -- edited, saved by LibreOffice, checked ---------------------------------------------


@pytest.fixture(scope="module")
def edited(default_out, tmp_path_factory) -> Path:
    """The default briefing edited with python-docx, then saved once more by LibreOffice (when it is here)."""
    folder = tmp_path_factory.mktemp("edited")
    document = docx.Document(str(default_out / "beibei.docx"))
    sentence, cell = anchor_names(document, "new_market_entities_annual_avg")
    type_over(document, sentence, "13500户", "14000户")
    retype_cell(document, cell, "14000户")  # the cell's bookmark goes with its runs: found again by its row
    for name in anchor_names(document, "integrity_list_items"):
        type_over(document, name, "20条", "20条以上")
    type_over(document, anchor_names(document, "lifan_q1_net_profit")[0], "5085万元", "5100万元")
    path = folder / "draft.docx"
    document.save(str(path))
    soffice = find_soffice()
    return libreoffice_round_trip(soffice, path, folder / "saved") if soffice else path


def test_check_names_each_edited_figure_with_its_places_and_its_data_line(edited):
    status, out, err = _run(str(edited), "--data", str(BEIBEI))
    lines = _figure_lines(out)
    assert len(lines) == 3, out
    entities = next(line for line in lines if "new_market_entities_annual_avg" in line)
    assert entities.startswith("draft.docx: 一、党建引领争创一流营商环境 ¶4 and table ")
    assert entities.endswith(f": new_market_entities_annual_avg: the document has 14000户, the data has 13500户 "
                             f"({_value_line(BEIBEI, 'new_market_entities_annual_avg')})")
    assert any(line.endswith(f"integrity_list_items: the document has 20条以上, the data has 20条 ({_value_line(BEIBEI, 'integrity_list_items')})")
               for line in lines)
    conflict = next(line for line in lines if "lifan_q1_net_profit" in line)
    assert "conflict, written two ways in the document: 5100万元 at 一、党建引领争创一流营商环境 ¶5; 5085万元 at table " in conflict
    assert conflict.endswith(f"the data has 5085万元 ({_value_line(BEIBEI, 'lifan_q1_net_profit')})")
    assert "59 figures as in the data, 2 differ, 1 written two ways" in err
    assert status == 1 and "the document and the data disagree" in err


def test_apply_writes_the_values_back_keeping_every_comment_and_untouched_line(edited, tmp_path):
    data = tmp_path / "beibei.yaml"
    shutil.copy(BEIBEI, data)
    document = edited.read_bytes()
    status, out, err = _run(str(edited), "--data", str(data), "--apply")
    assert edited.read_bytes() == document, "the document is only read"
    before, after = BEIBEI.read_text(encoding="utf-8").splitlines(), data.read_text(encoding="utf-8").splitlines()
    value_line = int(_value_line(BEIBEI, "new_market_entities_annual_avg").rsplit(":", 1)[1])
    integrity_line = int(_value_line(BEIBEI, "integrity_list_items").rsplit(":", 1)[1])
    changed = [line for line in difflib.ndiff(before, after) if line[:1] in "+-"]
    assert changed == ["+         qualifier: 以上", "-         value: 13500", "+         value: 14000"]
    assert after[integrity_line - 1:integrity_line + 1] == [before[integrity_line - 1], "        qualifier: 以上"]
    assert after[value_line] == "        value: 14000", "one line further down, under the new line"
    assert [line for line in before if line.lstrip().startswith("#")] == [line for line in after if line.lstrip().startswith("#")]
    assert f"applied: {data}:{value_line}: new_market_entities_annual_avg: value 13500 → 14000 (the document's 14000户)" in out
    assert f"left: {data}:" in out and "lifan_q1_net_profit: the document writes it two ways" in out
    assert "note: " in out and "still prints 13500" in out, "the excerpt still quotes the source's number"
    assert status == 1, "the conflict is left, so the document and the data still disagree"
    status, out, err = _run(str(edited), "--data", str(data))
    assert [line for line in _figure_lines(out) if "conflict" not in line] == []


def test_apply_writes_a_figure_held_in_a_workbook_into_its_cell(scaffold, tmp_path):
    folder = tmp_path / "county"
    shutil.copytree(scaffold[0], folder)
    document = docx.Document(str(scaffold[1]))
    for name in anchor_names(document, "care_visits"):
        type_over(document, name, "近3万人次", "3.50万人次")
    draft = tmp_path / "draft.docx"
    document.save(str(draft))
    workbook = folder / "figures.xlsx"
    sheet_before = openpyxl.load_workbook(workbook)["figures"]
    status, out, err = _run(str(draft), "--data", str(folder / "report.yaml"), "--apply")
    assert f"applied: {workbook}:figures!E3: care_visits: value 3 → 3.50, qualifier 近 → (none) (the document's 3.50万人次)" in out
    assert status == 0, err
    sheet = openpyxl.load_workbook(workbook)["figures"]
    assert (sheet["E3"].value, sheet["E3"].number_format, sheet["G3"].value) == (3.5, "0.00", None)
    untouched = [(cell.coordinate, cell.value, cell.number_format) for row in sheet_before.iter_rows() for cell in row
                 if cell.coordinate not in ("E3", "G3")]
    assert [(cell.coordinate, cell.value, cell.number_format) for row in sheet.iter_rows() for cell in row
            if cell.coordinate not in ("E3", "G3")] == untouched
    assert sheet.freeze_panes == sheet_before.freeze_panes
    assert len(sheet.data_validations.dataValidation) == len(sheet_before.data_validations.dataValidation)
    status, out, err = _run(str(draft), "--data", str(folder / "report.yaml"))
    assert status == 0 and "no figure differs" in err


def test_apply_needs_data_and_a_bad_data_file_is_one_message(edited, tmp_path):
    status, _, err = _run(str(edited), "--apply")
    assert status == 1 and "--data" in err
    broken = tmp_path / "broken.yaml"
    broken.write_text("report: [\n", encoding="utf-8")
    status, out, err = _run(str(edited), "--data", str(broken))
    assert status == 1 and out == "" and f"{broken}:" in err and "Traceback" not in err


def test_a_proofread_copy_of_the_briefing_keeps_its_anchors_and_still_agrees_with_the_data(default_out, tmp_path):
    fixed = tmp_path / "proofread.docx"
    status, _, err = _run(str(default_out / "beibei.docx"), "--fix", "-o", str(fixed))
    assert f"wrote {fixed}" in err
    original, marked = docx.Document(str(default_out / "beibei.docx")), docx.Document(str(fixed))
    for figure_id in ("lifan_q1_revenue", "mianyang_cooperation_agreements"):
        assert anchor_names(marked, figure_id) == anchor_names(original, figure_id) != []
    status, out, err = _run(str(fixed), "--data", str(BEIBEI))
    assert _figure_lines(out) == [] and "62 figures as in the data, no figure differs" in err


def test_a_figure_whose_sentence_was_deleted_is_noted_not_counted_as_a_difference(default_out, tmp_path):
    document = docx.Document(str(default_out / "beibei.docx"))
    (name,) = anchor_names(document, "service_center_items")
    type_over(document, name, "进驻事项由500余项增加到1000余项（见图1），", "")
    draft = tmp_path / "draft.docx"
    document.save(str(draft))
    status, out, err = _run(str(draft), "--data", str(BEIBEI))
    assert (f"draft.docx: note: service_center_items: its form as built (1000余项, printed after “…500余项增加到”) is found "
            f"nowhere in the document, neither where its anchor {name} marked nor elsewhere; nothing to compare") in out.splitlines()
    assert "61 figures as in the data, no figure differs" in err and status == 0
