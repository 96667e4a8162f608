"""The hostile-input corpus, run the way a user runs it: `validate` and `build` in a subprocess with a ceiling.

Every file of tests/fixtures/broken/ (see test_broken_corpus.py for how each says
what it expects), plus special files made here (a FIFO, /dev/zero and a link
to it as the data file), the hostile files too large to keep (a workbook of
24 million cells in one row, one of 3.8 million rows, a Word template of
100,000 styles: tests/helpers/hostile.py) and a spreadsheet linked out of its
folder, and broken templates given on the command line instead of in the
data, goes through `validate` and then `build` in one
child process whose address space and CPU time are capped with `resource`
(MEMORY_CEILING, CPU_SECONDS for the two commands) and whose wall time is
capped by the test, so a regression fails instead of hanging CI or filling
memory. For each case both commands must exit 1 with the same first line,
the case's exact message, no traceback, and `build` must leave out/ as it was.

The children run two at a time, each case in its own process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Optional, Sequence

import pytest

from tests.helpers import FIXTURES, ROOT, expectation, located

resource = pytest.importorskip("resource", reason="resource limits are POSIX")

BROKEN = FIXTURES / "broken"
BASE = FIXTURES / "corpus_base.yaml"
MEMORY_CEILING = 500 * 1024 * 1024
"""Address space of the child running both commands: issue 14's ceiling of 500 MB."""
CPU_SECONDS = 10
"""CPU time of the child running both commands: 5 s each."""
WALL_SECONDS = 60
"""Wall time before a child is killed: only a hang (a FIFO read, a lock) comes near it."""

DRIVER = """
import contextlib, io, json, sys
from report_gen.cli import main
data, out, extra = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
results = {}
for command, args in (("validate", ["validate", data, *extra]), ("build", ["build", data, "--out", out, "--quiet", *extra])):
    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr), contextlib.redirect_stdout(io.StringIO()):
        status = main(args)
    results[command] = {"status": status, "stderr": stderr.getvalue()}
print(json.dumps(results))
"""


def _ceiling() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CEILING, MEMORY_CEILING))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS + 1))


def previous_out(folder: Path) -> Path:
    """An out/ folder holding yesterday's outputs of the report the corpus files would build."""
    out = folder / "out"
    (out / "charts").mkdir(parents=True)
    (out / "corpus.docx").write_bytes(b"yesterday's briefing")
    (out / "corpus.pptx").write_bytes(b"yesterday's deck")
    (out / "charts" / "key_figures.png").write_bytes(b"yesterday's chart")
    return out


def snapshot(folder: Path) -> dict[str, bytes | None]:
    return {
        path.relative_to(folder).as_posix(): (path.read_bytes() if path.is_file() else None)
        for path in sorted(folder.rglob("*"))
    }


def run_case(data: Path, work: Path, extra: Sequence[str] = ()) -> dict:
    """Run validate and build on `data` (with `extra` options) in one limited child; return what each said, and out/ before and after."""
    out = previous_out(work)
    before = snapshot(out)
    environment = dict(os.environ, PYTHONPATH=str(ROOT), OPENBLAS_NUM_THREADS="1", MALLOC_ARENA_MAX="2")
    try:
        finished = subprocess.run(
            [sys.executable, "-c", DRIVER, str(data), str(out), json.dumps(list(extra))], cwd=ROOT, env=environment, preexec_fn=_ceiling,
            capture_output=True, text=True, encoding="utf-8", timeout=WALL_SECONDS,
        )
    except subprocess.TimeoutExpired:
        return {"failure": f"still running after {WALL_SECONDS} s: it hangs"}
    if finished.returncode != 0:
        return {"failure": f"the child died (exit {finished.returncode}; past its ceiling?): {finished.stderr[-500:]}"}
    return {**json.loads(finished.stdout), "unchanged": snapshot(out) == before}


def special_files(folder: Path) -> dict[str, tuple[Path, str]]:
    """Data files that are not regular files, with the message each must give."""
    refused = "not a regular file; report_gen reads only regular files"
    cases = {}
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "fifo.yaml")
        cases["fifo"] = (folder / "fifo.yaml", f"FILE: is a FIFO (named pipe), {refused}")
    if Path("/dev/zero").is_char_device():
        (folder / "zero.yaml").symlink_to("/dev/zero")
        cases["dev_zero"] = (Path("/dev/zero"), f"FILE: is a character device, {refused}")
        cases["link_to_dev_zero"] = (folder / "zero.yaml", f"FILE: is a character device, {refused}")
    return cases


def data_naming(folder: Path, name: str, line: str) -> tuple[Path, int]:
    """Write the corpus's base report plus `line` as `name`.yaml in `folder`; return it and the line's number."""
    text = BASE.read_text(encoding="utf-8").rstrip("\n") + "\n" + line + "\n"
    (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    return folder / f"{name}.yaml", text.count("\n")


def generated_files(folder: Path) -> dict[str, tuple[Path, str]]:
    """Hostile inputs too large to keep in the repository, or that must point out of their folder, made here."""
    from tests.helpers import hostile

    cases = {}
    hostile.one_row_of_empty_cells(folder / "wide.xlsx")
    data, _ = data_naming(folder, "sheet_of_24_million_cells", "figure_files: [wide.xlsx]")
    cases["sheet_of_24_million_cells"] = (data, "DIR/wide.xlsx:figures!CW1: the sheet reaches column CW (101); "
                                                "a sheet of figures may have at most 100 columns")
    hostile.millions_of_rows(folder / "tall.xlsx")
    data, _ = data_naming(folder, "sheet_of_3_8_million_rows", "figure_files: [tall.xlsx]")
    cases["sheet_of_3_8_million_rows"] = (data, "DIR/tall.xlsx:figures!A5001: the sheet reaches row 5001; "
                                                "a sheet of figures may have at most 5,000 rows")
    (folder / "many_styles.docx").write_bytes(hostile.many_styles())
    data, line = data_naming(folder, "word_100000_styles", "style: {briefing: {template: many_styles.docx}}")
    cases["word_100000_styles"] = (data, f"FILE:{line}: style.briefing.template: Word template many_styles.docx: "
                                         "word/styles.xml: it defines 100,004 styles; a template may have at most 5,000")
    outside = folder / "elsewhere"
    outside.mkdir()
    (outside / "passwd").write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    inside = folder / "inside"
    inside.mkdir()
    (inside / "linked.csv").symlink_to(outside / "passwd")
    data, line = data_naming(inside, "figures_linked_out_of_the_folder", "figure_files: [linked.csv]")
    cases["figures_linked_out_of_the_folder"] = (data, f"FILE:{line}: figure_files[0]: linked.csv: is a link that leads out "
                                                       "of the data file's folder; put the spreadsheet itself beside the data file")
    return cases


CORPUS = {path.stem: path for path in sorted(BROKEN.glob("*.yaml"))}
SPECIAL = ["fifo", "dev_zero", "link_to_dev_zero"]
GENERATED = ["sheet_of_24_million_cells", "sheet_of_3_8_million_rows", "word_100000_styles", "figures_linked_out_of_the_folder"]
TEMPLATES = [BROKEN / "files" / name for name in ("based_on_itself.docx", "dtd_in_utf16.docx", "title_one_emu_tall.pptx",
                                                  "entity_in_layout.pptx")]
"""Broken templates of the corpus given on the command line rather than in the data (one of each kind of check):
validate and build must agree there too; the corpus's data files name every one of them."""
OPTION = {".docx": "--docx-template", ".pptx": "--pptx-template"}


@pytest.fixture(scope="module")
def answers(tmp_path_factory) -> dict[str, tuple[Path, Optional[str], dict]]:
    """Every case's path, expected message and answers, run two children at a time."""
    root = tmp_path_factory.mktemp("hostile")
    cases: dict[str, tuple[Path, Optional[str], Sequence[str]]] = {
        name: (path.relative_to(ROOT), expectation(path), ()) for name, path in CORPUS.items()
    }
    cases.update({name: (path, expected, ()) for name, (path, expected) in special_files(root).items()})
    cases.update({name: (path, expected, ()) for name, (path, expected) in generated_files(root).items()})
    for template in TEMPLATES:
        cases[f"option_{template.name}"] = (BASE.relative_to(ROOT), None, (OPTION[template.suffix], str(template.relative_to(ROOT))))
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = {name: pool.submit(run_case, path, root / name, extra) for name, (path, _, extra) in cases.items()}
    return {name: (cases[name][0], cases[name][1], future.result()) for name, future in futures.items()}


@pytest.mark.parametrize("name", list(CORPUS) + SPECIAL + GENERATED + [f"option_{path.name}" for path in TEMPLATES])
def test_validate_and_build_refuse_each_hostile_input_alike_within_the_ceiling(answers, name):
    if name not in answers:
        pytest.skip(f"{name} cannot be made on this system")
    path, expected, answer = answers[name]
    assert "failure" not in answer, answer.get("failure")
    first_lines = {}
    for command in ("validate", "build"):
        said = answer[command]
        assert said["status"] == 1, f"{command}: {said}"
        assert "Traceback" not in said["stderr"] and "internal error" not in said["stderr"], said["stderr"]
        first_lines[command] = said["stderr"].splitlines()[0]
    if expected is None:  # a template given on the command line: the same located error from both, naming the file
        template = name.removeprefix("option_")
        assert first_lines["validate"] == first_lines["build"] and f"{template}: " in first_lines["build"], first_lines
    else:
        assert first_lines == {command: located(expected, path) for command in ("validate", "build")}
    assert answer["unchanged"], "build changed out/"


def test_the_corpus_covers_every_attack_of_issue_14():
    names = set(CORPUS)
    for kind in ("nested_loops", "string_multiplication", "power_tower", "power_of_power", "lipsum", "random_filter",
                 "merge_key_bomb", "alias_bomb", "recursive_alias", "deep_nesting", "too_many_cases", "too_many_themes",
                 "sources_clear", "themes_append", "method_printed", "object_printed", "bool_maybe", "int_empty",
                 "float_empty", "timestamp_empty", "unit_list", "unit_mapping", "exponent_without_point", "sexagesimal",
                 "too_precise", "too_small", "title_over_255", "date_year_1", "deck_template_parent",
                 "deck_template_absolute", "progress_over_100", "progress_whole_zero", "progress_not_percent",
                 "before_after_no_base", "before_after_negative", "seven_tiles", "utf32", "template_reaches_python"):
        assert kind in names, kind
    assert len(CORPUS) >= 99
