"""`check DOCUMENT --data DATA [--apply]`: a built briefing read back against its data, after edits and a LibreOffice save.

The briefing is edited the way reviewers edit it (a number typed over in a
sentence, a table cell retyped, a qualifier added after a number, one place
of a figure changed and not the other), saved once more by LibreOffice,
then checked: each edited figure is named with its places and its data
line, and `--apply` writes the values back, comments and layout kept. The
figures edited are chosen by where the built briefing prints them, so the
tests hold whatever the default narrative says.
"""

from __future__ import annotations

import contextlib
import difflib
import io
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import docx
import openpyxl
import pytest
from docx.oxml.ns import qn

from report_gen.cli import main
from report_gen.data.load import load_located
from report_gen.data.model import Figure, FigureKind, Qualifier
from report_gen.data.written import write_figure
from report_gen.ooxml.docx_text import paragraph_text
from report_gen.proof.check import check_document
from report_gen.readback.compare import items_of
from report_gen.readback.found import place_names
from report_gen.convert.libreoffice import find_soffice
from tests.helpers import BEIBEI, FIXTURES, MINI
from tests.helpers.edits import anchor_names, anchor_paragraph, libreoffice_round_trip, retype_cell, type_over


def _run(*arguments: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(["check", *arguments])
    return status, out.getvalue(), err.getvalue()


def _value_line(data: Path, figure_id: str) -> int:
    located = load_located(data)
    _, paths = items_of(located)
    return located.line_of(paths[figure_id] + ("value",))


def _figure_lines(stdout: str) -> list[str]:
    """The lines of the read-back: those that name a figure's forms, not proofreading's findings."""
    return [line for line in stdout.splitlines() if "the data has" in line]


def _anchored_figures(document) -> set[str]:
    return {name[3:].rsplit("_", 1)[0] for name in (start.get(qn("w:name"), "") for start in document.element.body.iter(qn("w:bookmarkStart")))
            if name.startswith("rg_")}


# -- the unedited briefing of any data file checks clean -------------------------------


def test_the_default_briefing_checks_clean_against_its_data(default_out):
    built = default_out / "beibei.docx"
    status, out, err = _run(str(built), "--data", str(BEIBEI))
    assert _figure_lines(out) == []
    anchored = _anchored_figures(docx.Document(str(built)))
    assert len(anchored) > 40, "the figures the briefing prints are anchored"
    assert f"beibei.docx against {BEIBEI}: {len(anchored)} figures as in the data, no figure differs" in err
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


@dataclass
class Edited:
    """The default briefing as a reviewer left it, and what was done to it."""

    path: Path
    retyped: Figure
    """A figure typed over in its sentences and retyped in its table cells: a new value everywhere."""
    retyped_form: str
    places: list[str]
    qualified: Figure
    """A figure given 以上 after its number everywhere."""
    conflicting: Figure
    """A figure changed in one of its places only."""
    conflicting_form: str


def _in_table(document, name: str) -> bool:
    return next(anchor_paragraph(document, name).iterancestors(qn("w:tc")), None) is not None


def _holds(document, name: str, written: str) -> bool:
    """Say whether the paragraph an anchor marks holds the written form once (so an edit of it is an edit of this figure)."""
    return paragraph_text(anchor_paragraph(document, name)).count(written) == 1


def _plain_level(figure: Figure) -> bool:
    return (figure.kind is FigureKind.LEVEL and figure.against is None and figure.among is None and figure.qualifier is None
            and figure.comparison is None and figure.value > 0 and float(figure.value).is_integer())


def _choose(document, figures: list[Figure]) -> tuple[Figure, Figure, Figure]:
    """Pick three figures printed both in a sentence and in a table cell, each place holding the data's form."""
    chosen = []
    for figure in figures:
        names = anchor_names(document, figure.id)
        kinds = {_in_table(document, name) for name in names}
        if _plain_level(figure) and kinds == {True, False} and all(_holds(document, name, write_figure(figure)) for name in names):
            chosen.append(figure)
    assert len(chosen) >= 3, "the default briefing prints figures in sentences and tables"
    return chosen[0], chosen[1], chosen[2]


@pytest.fixture(scope="module")
def edited(default_out, tmp_path_factory) -> Edited:
    """The default briefing edited with python-docx, then saved once more by LibreOffice (when it is here)."""
    folder = tmp_path_factory.mktemp("edited")
    draft = check_document(default_out / "beibei.docx").draft  # the document, and the places proofreading names
    document, places = draft.document, place_names(draft.passages)
    figures = [figure for _, figure in load_located(BEIBEI).report.all_figures()]
    retyped, qualified, conflicting = _choose(document, figures)
    retyped_places = [places[anchor_paragraph(document, name)] for name in anchor_names(document, retyped.id)]
    new_form = write_figure(retyped.model_copy(update={"value": retyped.value + 500}))
    for name in anchor_names(document, retyped.id):
        if _in_table(document, name):
            retype_cell(document, name, new_form)  # the cell's bookmark goes with its runs: found again by its row
        else:
            type_over(document, name, write_figure(retyped), new_form)
    more = write_figure(qualified.model_copy(update={"qualifier": Qualifier("以上")}))
    for name in anchor_names(document, qualified.id):
        type_over(document, name, write_figure(qualified), more)
    conflicting_form = write_figure(conflicting.model_copy(update={"value": conflicting.value + 1}))
    type_over(document, anchor_names(document, conflicting.id)[0], write_figure(conflicting), conflicting_form)
    path = folder / "draft.docx"
    document.save(str(path))
    soffice = find_soffice()
    saved = libreoffice_round_trip(soffice, path, folder / "saved") if soffice else path
    return Edited(saved, retyped, new_form, retyped_places, qualified, conflicting, conflicting_form)


def test_check_names_each_edited_figure_with_its_places_and_its_data_line(edited):
    status, out, err = _run(str(edited.path), "--data", str(BEIBEI))
    lines = _figure_lines(out)
    assert len(lines) == 3, out
    retyped, qualified = edited.retyped, edited.qualified
    assert (f"draft.docx: {' and '.join(edited.places)}: {retyped.id}: the document has {edited.retyped_form}, "
            f"the data has {write_figure(retyped)} ({BEIBEI}:{_value_line(BEIBEI, retyped.id)})") in lines
    assert any(line.endswith(f": {qualified.id}: the document has {write_figure(qualified)}以上, the data has {write_figure(qualified)} "
                             f"({BEIBEI}:{_value_line(BEIBEI, qualified.id)})") for line in lines)
    conflicting = edited.conflicting
    conflict = next(line for line in lines if f": {conflicting.id}: " in line)
    assert re.search(f"conflict, written two ways in the document: {edited.conflicting_form} at .+; "
                     f"{write_figure(conflicting)} at .+; the data has {write_figure(conflicting)} "
                     f"\\({re.escape(str(BEIBEI))}:{_value_line(BEIBEI, conflicting.id)}\\)$", conflict), conflict
    assert re.search(r"\d+ figures as in the data, 2 differ, 1 written two ways", err)
    assert status == 1 and "the document and the data disagree" in err


def test_apply_writes_the_values_back_keeping_every_comment_and_untouched_line(edited, tmp_path):
    data = tmp_path / "beibei.yaml"
    shutil.copy(BEIBEI, data)
    document = edited.path.read_bytes()
    status, out, err = _run(str(edited.path), "--data", str(data), "--apply")
    assert edited.path.read_bytes() == document, "the document is only read"
    before, after = BEIBEI.read_text(encoding="utf-8").splitlines(), data.read_text(encoding="utf-8").splitlines()
    retyped, qualified = edited.retyped, edited.qualified
    old_value, new_value = f"value: {int(retyped.value)}", f"value: {int(retyped.value) + 500}"
    changed = sorted(line.strip(" +-") for line in difflib.ndiff(before, after) if line[:1] in "+-")
    assert changed == sorted(["qualifier: 以上", old_value, new_value])
    qualified_line = _value_line(BEIBEI, qualified.id)
    inserted = 1 if qualified_line < _value_line(BEIBEI, retyped.id) else 0
    assert after[qualified_line - 1:qualified_line + 1] == [before[qualified_line - 1],
                                                         before[qualified_line - 1].replace(f"value: {int(qualified.value)}", "qualifier: 以上")]
    assert after[_value_line(BEIBEI, retyped.id) - 1 + inserted].strip() == new_value
    assert [line for line in before if line.lstrip().startswith("#")] == [line for line in after if line.lstrip().startswith("#")]
    assert (f"applied: {data}:{_value_line(BEIBEI, retyped.id)}: {retyped.id}: value {int(retyped.value)} → {int(retyped.value) + 500} "
            f"(the document's {edited.retyped_form})") in out
    assert f"left: {data}:{_value_line(BEIBEI, edited.conflicting.id)}: {edited.conflicting.id}: the document writes it two ways" in out
    if str(int(retyped.value)) in retyped.excerpt:
        assert f"still prints {int(retyped.value)}" in out, "the excerpt still quotes the source's number"
    assert status == 1, "the conflict is left, so the document and the data still disagree"
    status, out, err = _run(str(edited.path), "--data", str(data))
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
    status, _, err = _run(str(edited.path), "--apply")
    assert status == 1 and "--data" in err
    broken = tmp_path / "broken.yaml"
    broken.write_text("report: [\n", encoding="utf-8")
    status, out, err = _run(str(edited.path), "--data", str(broken))
    assert status == 1 and out == "" and f"{broken}:" in err and "Traceback" not in err


def test_a_proofread_copy_of_the_briefing_keeps_its_anchors_and_still_agrees_with_the_data(default_out, tmp_path):
    fixed = tmp_path / "proofread.docx"
    status, _, err = _run(str(default_out / "beibei.docx"), "--fix", "-o", str(fixed))
    assert f"wrote {fixed}" in err
    names = [[start.get(qn("w:name")) for start in docx.Document(str(path)).element.body.iter(qn("w:bookmarkStart"))]
             for path in (default_out / "beibei.docx", fixed)]
    assert names[0] == names[1] != []
    status, out, err = _run(str(fixed), "--data", str(BEIBEI))
    assert _figure_lines(out) == [] and "no figure differs" in err


def test_a_figure_whose_words_were_deleted_is_noted_not_counted_as_a_difference(default_out, tmp_path):
    built = default_out / "beibei.docx"
    document = docx.Document(str(built))
    text = "\n".join(paragraph_text(paragraph) for paragraph in document.element.body.iter(qn("w:p")))
    figure = next(figure for _, figure in load_located(BEIBEI).report.all_figures()
                  if len(anchor_names(document, figure.id)) == 1 and text.count(write_figure(figure)) == 1)
    (name,) = anchor_names(document, figure.id)
    type_over(document, name, write_figure(figure), "")
    draft = tmp_path / "draft.docx"
    document.save(str(draft))
    status, out, err = _run(str(draft), "--data", str(BEIBEI))
    (note,) = [line for line in out.splitlines() if ": note: " in line]
    assert note.startswith(f"draft.docx: note: {figure.id}: its form as built ({write_figure(figure)}")
    assert note.endswith(f"is found nowhere in the document, neither where its anchor {name} marked nor elsewhere; nothing to compare")
    assert "no figure differs" in err and status == 0
